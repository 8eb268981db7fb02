// Brings the whole platform up: PostgreSQL (embedded, or DATABASE_URL), the database roles and schemas,
// migrations, demo data, every subgraph as its own process, and the gateway. Used by `npm start` and by tests.
// Every child is supervised (supervisor.ts): one that dies is restarted on its port, with back-off, and logged.
// The subgraphs and the gateway run in process groups of their own, as PostgreSQL does (embedded.ts): a Ctrl-C in the
// terminal reaches npm start only, which stops them in order — the dashboard and the gateway first, then each
// service (it drains its requests in flight and flushes its relay), PostgreSQL last.
import { type ChildProcess, type ForkOptions, fork, type SpawnOptions } from 'node:child_process';
import path from 'node:path';
import { ensureKeys, loadConfig, repoRoot } from '@yizhan/common';
import { freePort, migrateService, openOrm, provisionDatabase, type RunningPostgres, startEmbeddedPostgres } from '@yizhan/kernel';
import { buildProcesses, builtEntry, PROCESSES } from './build.ts';
import { seedDemoDocuments } from './demo-documents.ts';
import { services } from './services.ts';
import { type Child, Supervisor } from './supervisor.ts';
import { loadTypeScript } from './typescript-args.ts';
import { buildWeb, manifestPath, startWeb } from './web.ts';

export interface DatabaseReady {
  adminUrl: string;
  migratorUrl: string;
  appUrl: string;
  relayUrl: string;
  /** The embedded PostgreSQL, when this started one (not with DATABASE_URL). */
  postgres?: RunningPostgres;
  stop(): Promise<void>;
}

/** Starts (or connects to) PostgreSQL, provisions roles and schemas, migrates, and seeds empty services. */
export async function prepareDatabase(opts: {
  persistent: boolean;
  seed: boolean;
  log?: (m: string) => void;
  /** A PostgreSQL already running (a test's own); otherwise DATABASE_URL, or an embedded one in the data folder. */
  adminUrl?: string;
}): Promise<DatabaseReady> {
  const config = loadConfig();
  const log = opts.log ?? (() => {});
  let pg: RunningPostgres | undefined;
  let adminUrl = opts.adminUrl ?? config.adminDatabaseUrl;
  if (!adminUrl) {
    log('starting embedded PostgreSQL');
    pg = await startEmbeddedPostgres(path.join(config.dataDir, 'postgres'), { persistent: opts.persistent });
    adminUrl = pg.adminUrl;
  }
  try {
    const all = await services();
    const urls = await provisionDatabase(
      adminUrl,
      config,
      all.map((s) => s.database.schema),
    );
    for (const svc of all) {
      const applied = await migrateService(urls.migratorUrl, config, svc.database);
      if (applied.length) log(`${svc.name}: applied migrations ${applied.join(', ')}`);
      if (opts.seed && svc.seed) {
        const orm = await openOrm(urls.appUrl, svc.database, { poolMax: 2 });
        try {
          if (await svc.seed(orm)) log(`${svc.name}: seeded demo data`);
        } finally {
          await orm.close();
        }
      }
    }
    return { adminUrl, ...urls, ...(pg ? { postgres: pg } : {}), stop: async () => pg?.stop() };
  } catch (e) {
    await pg?.stop();
    throw e;
  }
}

export interface RunningProcess {
  name: string;
  url: string;
  child: ChildProcess;
}

/** Starts a process entry as its own Node process and waits until it reports its URL: a built one (dist/…/main.js)
 * as it is, a source one (….ts) through our TypeScript loader. */
export function startProcess(
  name: string,
  main: string,
  env: Record<string, string>,
  /** Another host to run it on (the test cluster's, scripts/lib/netns.ts); this machine when absent. */
  on?: (command: string, args: string[], options: SpawnOptions) => ChildProcess,
): Promise<RunningProcess> {
  return new Promise((resolve, reject) => {
    const execArgv = main.endsWith('.ts') ? loadTypeScript : ['--enable-source-maps'];
    const options: SpawnOptions = {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      // Its own process group: the terminal's Ctrl-C is npm start's to act on, in order. Should npm start itself be
      // killed, the child sees its IPC channel close and stops (serveUntilStopped).
      detached: true,
    };
    const child = on
      ? on(process.execPath, [...execArgv, path.resolve(repoRoot, main)], options)
      : fork(path.resolve(repoRoot, main), [], { ...options, execArgv } as ForkOptions);
    const onExit = (code: number | null) => reject(new Error(`${name} exited with code ${code} before it was ready`));
    child.once('exit', onExit);
    child.once('message', (m: { ready?: string }) => {
      if (!m.ready) return;
      child.off('exit', onExit);
      resolve({ name, url: m.ready, child });
    });
  });
}

export async function stopProcess(p: RunningProcess): Promise<void> {
  if (p.child.exitCode !== null) return;
  await new Promise<void>((resolve) => {
    const timer = setTimeout(() => p.child.kill('SIGKILL'), 5000);
    p.child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    p.child.kill('SIGTERM');
  });
}

/** A started process as the supervisor sees it. */
export function supervised(p: RunningProcess): Child {
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    p.child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  return { pid: p.child.pid, exited, stop: () => stopProcess(p) };
}

/** The embedded PostgreSQL as the supervisor sees it: the first start is already done, a restart starts it again. */
function supervisedPostgres(pg: RunningPostgres): () => Promise<Child> {
  let first = true;
  return async () => {
    if (!first) await pg.restart();
    first = false;
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
      pg.onUnexpectedExit = (code, signal) => resolve({ code, signal });
    });
    return { pid: pg.pid, exited, stop: () => pg.stop() };
  };
}

export interface Stack {
  gatewayUrl: string;
  /** The dashboard, when started. */
  webUrl?: string;
  subgraphs: Record<string, string>;
  db: DatabaseReady;
  /** The pid of each running child by name (PostgreSQL, org, documents, …, gateway, web). */
  pids(): Record<string, number | undefined>;
  /** How often a child was restarted (tests). */
  restartsOf(name: string): number;
  stop(): Promise<void>;
}

/** The whole platform, each subgraph and the gateway in its own process. */
export async function startStack(opts: {
  persistent: boolean;
  seed: boolean;
  gatewayPort?: number;
  env?: Record<string, string>;
  log?: (m: string) => void;
  /** Also build (when changed) and serve the dashboard. */
  web?: boolean;
}): Promise<Stack> {
  await ensureKeys();
  // Every process runs from the production build, rebuilt first when a source changed (YIZHAN_FROM_SOURCE=1 runs the
  // TypeScript sources through the TypeScript loader instead, for comparison).
  const fromSource = process.env.YIZHAN_FROM_SOURCE === '1';
  const entry = (name: string) => (fromSource ? (PROCESSES[name] as string) : builtEntry(name));
  if (!fromSource) await buildProcesses(opts.log);
  if (opts.web) await buildWeb(opts.log);
  const db = await prepareDatabase(opts);
  const supervisor = new Supervisor((line) => opts.log?.(line));
  const children: Record<string, Child> = {};
  const keep = async (name: string, start: () => Promise<Child>) => {
    children[name] = await supervisor.add(name, start, (child) => {
      children[name] = child;
    });
    return children[name];
  };
  if (db.postgres) await keep('PostgreSQL', supervisedPostgres(db.postgres));
  try {
    // Every service's port is chosen first, so each knows all the others' addresses (org and certificates call
    // each other's internal APIs); they start in order.
    const all = await services();
    const ports: Record<string, number> = {};
    for (const svc of all) {
      const envPort = process.env[`${svc.name.toUpperCase()}_PORT`];
      ports[svc.name] = envPort ? Number(envPort) : await freePort(svc.defaultPort, Object.values(ports));
    }
    const subgraphs = Object.fromEntries(all.map((svc) => [svc.name, `http://127.0.0.1:${ports[svc.name]}/graphql`]));
    const gatewayPort = opts.gatewayPort ?? (process.env.GATEWAY_PORT ? Number(process.env.GATEWAY_PORT) : await freePort(4000, Object.values(ports)));
    // The platform's public address (the gateway's): the CA names its CRL distribution point under it.
    const publicUrl = process.env.YIZHAN_PUBLIC_URL || `http://127.0.0.1:${gatewayPort}`;
    // The subgraphs start together: each needs the others' addresses, not their answers, to start.
    const started = await Promise.allSettled(
      all.map((svc) =>
        keep(svc.name, async () =>
          supervised(
            await startProcess(svc.name, entry(svc.name), {
              ...opts.env,
              YIZHAN_APP_DATABASE_URL: db.appUrl,
              YIZHAN_RELAY_DATABASE_URL: db.relayUrl,
              PORT: String(ports[svc.name]),
              YIZHAN_SUBGRAPHS: JSON.stringify(subgraphs),
              YIZHAN_PUBLIC_URL: publicUrl,
            }),
          ),
        ),
      ),
    );
    const failed = started.find((r) => r.status === 'rejected');
    if (failed) throw failed.reason;
    // The dashboard's origin is known before the gateway starts: browser calls from it must use trusted documents.
    const webPort = opts.web ? (process.env.WEB_PORT ? Number(process.env.WEB_PORT) : await freePort(3000)) : undefined;
    let gatewayUrl = '';
    await keep('gateway', async () => {
      const gw = await startProcess('gateway', entry('gateway'), {
        ...opts.env,
        PORT: String(gatewayPort),
        YIZHAN_SUBGRAPHS: JSON.stringify(subgraphs),
        ...(webPort && { YIZHAN_DASHBOARD_ORIGIN: `http://127.0.0.1:${webPort},http://localhost:${webPort}`, YIZHAN_TRUSTED_DOCUMENTS: manifestPath }),
      });
      gatewayUrl = gw.url;
      return supervised(gw);
    });
    let webUrl: string | undefined;
    if (webPort) {
      await keep('web', async () => {
        const web = await startWeb({ port: webPort, gatewayUrl });
        webUrl = web.url;
        return supervised({ name: 'web', url: web.url, child: web.child });
      });
    }
    if (opts.seed && (await seedDemoDocuments(gatewayUrl, opts.log))) opts.log?.('documents: seeded demo documents');
    return {
      gatewayUrl,
      webUrl,
      subgraphs,
      db,
      pids: () => Object.fromEntries(Object.entries(children).map(([name, c]) => [name, c.pid])),
      restartsOf: (name) => supervisor.restartsOf(name),
      async stop() {
        await supervisor.stopAll();
        await db.stop();
      },
    };
  } catch (e) {
    await supervisor.stopAll();
    await db.stop();
    throw e;
  }
}
