// Shared by the benchmarks: a throwaway embedded PostgreSQL, provisioned and migrated like the real one.
import { argon2Sync, randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { ensureKeys, loadConfig } from '@yizhan/common';
import { migrateService, provisionDatabase, type ServiceDatabase, startEmbeddedPostgres, withDatabase } from '@yizhan/kernel';
import type pg from 'pg';

/**
 * PostgreSQL's memory settings as the province's deployment gives them (k8s/overlays/province, its CloudNativePG
 * Cluster's parameters), read from the rendered overlay so that the two cannot drift apart.
 */
export async function provinceDatabaseSettings(): Promise<Record<string, string>> {
  const { render } = await import('../test/support/kustomize.ts');
  const cluster = render(path.join(import.meta.dirname, '..', 'k8s', 'overlays', 'province')).objects.find((o) => o.kind === 'Cluster');
  const parameters = (cluster?.spec as { postgresql?: { parameters?: Record<string, string> } } | undefined)?.postgresql?.parameters;
  if (!parameters) throw new Error('k8s/overlays/province renders no CloudNativePG Cluster with parameters');
  const memory = ['shared_buffers', 'effective_cache_size', 'work_mem'];
  return Object.fromEntries(memory.filter((k) => parameters[k]).map((k) => [k, String(parameters[k])]));
}

/** A throwaway database with the services' schemas; `settings` are PostgreSQL parameters to start it with. */
export async function benchDatabase(services: ServiceDatabase[], settings: Record<string, string> = {}) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'yizhan-bench-'));
  fs.chmodSync(dataDir, 0o755); // the embedded PostgreSQL runs as its own user and must reach its folder
  process.env.YIZHAN_DATA_DIR = dataDir;
  process.env.YIZHAN_DATABASE = 'yizhan_bench';
  process.env.LOG_LEVEL ??= 'warn';
  await ensureKeys();
  const server = await startEmbeddedPostgres(path.join(dataDir, 'postgres'), { persistent: false, settings });
  const config = loadConfig();
  const urls = await provisionDatabase(
    server.adminUrl,
    config,
    services.map((s) => s.schema),
  );
  for (const s of services) await migrateService(urls.migratorUrl, config, s);
  return {
    ...urls,
    ownerUrl: withDatabase(server.adminUrl, config.databaseName),
    /** The postmaster's pid (postgresSample reads it and its backends). */
    postmaster: server.pid,
    async stop() {
      await server.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] as number;
}

/** The p-th percentile of the values (nearest rank). */
export const percentile = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] as number;
};

export async function timed<T>(fn: () => Promise<T>): Promise<[number, T]> {
  const t = performance.now();
  const r = await fn();
  return [performance.now() - t, r];
}

/** Runs `fn` over `items`, `width` at a time (logins and connections of the live benchmarks). */
export async function inBatches<T, R>(items: T[], width: number, fn: (item: T, i: number) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      for (let i = next++; i < items.length; i = next++) out[i] = await fn(items[i] as T, i);
    }),
  );
  return out;
}

export const BENCH_PASSWORD = 'Bench#2026pw';

/**
 * The bench accounts' password hash: Argon2id as org stores it (org's verifyPassword reads the parameters from the
 * hash), but with 1 MiB and one pass instead of 19 MiB and two, so that 10,000 clerks log in within a minute rather
 * than ten. The login path is otherwise the one every user takes; what the live benchmarks measure comes after it.
 */
function lightPasswordHash(password: string): string {
  const params = { memory: 1024, passes: 1, parallelism: 1, tagLength: 32 };
  const nonce = randomBytes(16);
  const tag = argon2Sync('argon2id', { message: password, nonce, ...params });
  return `$argon2id$v=19$m=${params.memory},t=${params.passes},p=${params.parallelism}$${nonce.toString('base64url')}$${tag.toString('base64url')}`;
}

/** A synthetic province (p11) of `units` units whose government may send downward with the prefix 合政发, with a
 * sender (DRAFTER, CLERK) and an approver (APPROVER, LEADER), and optionally clerk accounts for its first counties,
 * supervisors of its cities and more clerks of its government. */
export async function seedBenchProvince(
  appUrl: string,
  units: number,
  countyClerks = 0,
  more: { supervisors?: number; watchers?: number } = {},
): Promise<{ id: string; path: string }[]> {
  const { asUnit, openOrm, pgArray } = await import('@yizhan/kernel');
  const { orgDatabase, seedSynthetic } = await import('@yizhan/org');
  const orm = await openOrm(appUrl, orgDatabase, { poolMax: 2 });
  const counties: { id: string; path: string }[] = [];
  try {
    await seedSynthetic(orm, 1, units);
    const hash = lightPasswordHash(BENCH_PASSWORD);
    await asUnit(orm, 'p11', async (em) => {
      const [gov] = (await em.execute("select id from org.orgs where path = 'p11'")) as { id: string }[];
      await em.execute(
        `insert into org.routing_rules (org_id, org_path, name, side, direction, effect) values (?, 'p11', '向下级发文', 'SENDER', 'DOWN', 'ALLOW')`,
        [gov?.id],
      );
      await em.execute(`insert into org.unit_settings (org_id, org_path, doc_prefixes) values (?, 'p11', ?::text[])`, [gov?.id, pgArray(['合政发'])]);
      const users: [string, string, string, string][] = [
        ['bench.sender', '{DRAFTER,CLERK}', gov?.id as string, 'p11'],
        ['bench.approver', '{APPROVER,LEADER}', gov?.id as string, 'p11'],
      ];
      if (countyClerks) {
        counties.push(
          ...((await em.execute("select id, path::text as path from org.orgs where level = 'COUNTY' order by path limit ?", [
            countyClerks,
          ])) as typeof counties),
        );
        for (const [i, c] of counties.entries()) users.push([`bench.clerk${i}`, '{CLERK}', c.id, c.path]);
      }
      // Supervisors of the cities (bench.supervisor<i>, the cities in turn) and the sending office's own watchers of
      // its boards (bench.watcher<i>), for the mixed province of bench/live-province.ts.
      if (more.supervisors) {
        // The cities' governments (their departments are city-level units too, with nothing below them to supervise).
        const cities = (await em.execute("select id, path::text as path from org.orgs where level = 'CITY' and kind = 'GOVERNMENT' order by path")) as {
          id: string;
          path: string;
        }[];
        for (let i = 0; i < more.supervisors; i++) {
          const c = cities[i % cities.length] as { id: string; path: string };
          users.push([`bench.supervisor${i}`, '{SUPERVISOR}', c.id, c.path]);
        }
      }
      for (let i = 0; i < (more.watchers ?? 0); i++) users.push([`bench.watcher${i}`, '{CLERK}', gov?.id as string, 'p11']);
      for (const [username, roles, orgId, path] of users) {
        await em.execute(
          `insert into org.users (org_id, org_path, username, display_name, roles, password_hash, must_change_password, password_changed_at)
           values (?, ?::ltree, ?, ?, ?::text[], ?, false, now())`,
          [orgId, path, username, username, roles, hash],
        );
      }
    });
  } finally {
    await orm.close();
  }
  return counties;
}

/** A GraphQL client for the gateway that throws on errors, and a login helper for the bench accounts. */
export function gatewayClient(url: string) {
  const gql = async (query: string, variables: Record<string, unknown>, token?: string): Promise<Record<string, any>> => {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await res.json()) as { data?: Record<string, any>; errors?: unknown[] };
    if (body.errors) throw new Error(JSON.stringify(body.errors));
    return body.data as Record<string, any>;
  };
  const login = async (username: string) =>
    (await gql('mutation($u: String!, $p: String!) { login(username: $u, password: $p) { token } }', { u: username, p: BENCH_PASSWORD })).login.token as string;
  return { gql, login };
}

/**
 * The province's government sends a 通知 to `orgIds` as its people do: drafted and submitted by the sender, approved
 * at both steps by the approver, sent (the mutations through `gql`, the bench accounts' tokens). Answers its id.
 */
export async function sendFromProvince(
  gql: ReturnType<typeof gatewayClient>['gql'],
  people: { sender: string; approver: string },
  title: string,
  orgIds: string[],
): Promise<string> {
  const { sender, approver } = people;
  const doc = await gql(
    'mutation($in: DraftInput!) { createDraft(input: $in) { id } }',
    { in: { docType: '通知', title, body: '正文', docPrefix: '合政发', recipients: [{ orgIds }] } },
    sender,
  );
  const id = doc.createDraft.id as string;
  await gql('mutation($id: ID!) { submitForApproval(id: $id) { id } }', { id }, sender);
  await gql('mutation($id: ID!) { approveDocument(id: $id) { id } }', { id }, approver);
  await gql('mutation($id: ID!) { approveDocument(id: $id) { id } }', { id }, approver);
  await gql('mutation($id: ID!, $k: String!) { sendDocument(id: $id, sendKey: $k) { id } }', { id, k: randomUUID() }, sender);
  return id;
}

/**
 * The org and documents services and the gateway, each in its own process from the production build, as `npm start`
 * runs them, on `db`; their stops are pushed to `closers`. `env` adds to every process's environment.
 */
export async function startLiveStack(db: { appUrl: string; relayUrl: string }, closers: (() => Promise<void>)[], env: Record<string, string> = {}) {
  const { freePort } = await import('@yizhan/kernel');
  const { builtEntry } = await import('../scripts/lib/build.ts');
  const { startProcess, stopProcess } = await import('../scripts/lib/stack.ts');
  const base = {
    YIZHAN_APP_DATABASE_URL: db.appUrl,
    YIZHAN_RELAY_DATABASE_URL: db.relayUrl,
    LOG_LEVEL: 'warn',
    ...(process.env.YIZHAN_TELEMETRY ? { YIZHAN_TELEMETRY: process.env.YIZHAN_TELEMETRY } : {}),
    ...env,
  };
  const org = await startProcess('org', builtEntry('org'), {
    ...base,
    ...(process.env.PROFILE_ORG ? { NODE_OPTIONS: `--cpu-prof --cpu-prof-dir=${process.env.PROFILE_ORG}` } : {}),
    PORT: String(await freePort()),
  });
  closers.push(() => stopProcess(org));
  const documents = await startProcess('documents', builtEntry('documents'), {
    ...base,
    ...(process.env.PROFILE_DOCUMENTS ? { NODE_OPTIONS: `--cpu-prof --cpu-prof-dir=${process.env.PROFILE_DOCUMENTS}` } : {}),
    PORT: String(await freePort()),
    YIZHAN_SUBGRAPHS: JSON.stringify({ org: org.url }),
  });
  closers.push(() => stopProcess(documents));
  const gatewayEnv = {
    ...base,
    ...(process.env.PROFILE_GATEWAY ? { NODE_OPTIONS: `--cpu-prof --cpu-prof-dir=${process.env.PROFILE_GATEWAY}` } : {}),
    PORT: String(await freePort()),
    YIZHAN_SUBGRAPHS: JSON.stringify({ org: org.url, documents: documents.url }),
  };
  const running = { gateway: await startProcess('gateway', builtEntry('gateway'), gatewayEnv) };
  // A process that dies under a benchmark says so (its code or signal), rather than leaving only refused connections.
  for (const p of [org, documents, running.gateway]) {
    p.child.once('exit', (code, signal) => {
      if (code !== 0 || signal) console.error(`${p.name} exited: code ${code}, signal ${signal}`);
    });
  }
  closers.push(() => stopProcess(running.gateway));
  return {
    org,
    documents,
    gateway: running.gateway,
    /** Kills the gateway (SIGKILL: a crash) and starts it again on the same port. */
    async crashGateway(startAgain: () => Promise<void> = async () => {}) {
      const dead = new Promise((r) => running.gateway.child.once('exit', r));
      running.gateway.child.kill('SIGKILL');
      await dead;
      await startAgain();
      running.gateway = await startProcess('gateway', builtEntry('gateway'), gatewayEnv);
      return running.gateway;
    },
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Processes' CPU and memory, from Linux's /proc

const TICK = 100; // USER_HZ on Linux

export interface ProcSample {
  /** Seconds of user and system time. */
  cpu: number;
  /** Resident bytes. */
  rss: number;
}

/** A process's CPU and memory now, with its parent and what its ended children used; null when it is gone. */
export function procSample(pid: number | undefined): (ProcSample & { ppid: number; children: number; own: number; shared: number }) | null {
  if (!pid) return null;
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (k: string) => Number(new RegExp(`${k}:\\s+(\\d+)`).exec(status)?.[1] ?? 0) * 1024;
    // PostgreSQL's backends share its buffers: each one's own memory, and the shared part (counted once by postgresSample).
    const own = kb('RssAnon');
    const shared = kb('RssFile') + kb('RssShmem');
    return {
      ppid: Number(f[1]),
      cpu: (Number(f[11]) + Number(f[12])) / TICK,
      children: (Number(f[13]) + Number(f[14])) / TICK,
      own,
      shared,
      rss: own + shared,
    };
  } catch {
    return null;
  }
}

/** PostgreSQL: the postmaster, its live children and what its ended children used; shared memory counted once. */
export function postgresSample(postmaster: number | undefined): ProcSample {
  const root = procSample(postmaster);
  if (!root) return { cpu: 0, rss: 0 };
  let cpu = root.cpu + root.children;
  let rss = 0;
  let shared = 0;
  for (const name of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const pid = Number(name);
    const p = procSample(pid);
    if (!p || (p.ppid !== postmaster && pid !== postmaster)) continue;
    if (pid !== postmaster) cpu += p.cpu;
    rss += p.own;
    shared = Math.max(shared, p.shared);
  }
  return { cpu, rss: rss + shared };
}

/** PostgreSQL's backends now, each with what it serves and its CPU seconds so far (`postgresCpuByKind`). */
export async function postgresBackends(superuser: pg.ClientBase): Promise<Map<number, { kind: string; cpu: number }>> {
  const { rows } = await superuser.query<{ pid: number; name: string }>(
    "select pid, application_name as name from pg_stat_activity where backend_type = 'client backend' and pid <> pg_backend_pid()",
  );
  // Every connection names itself ("listener (documents)", "relay worker (org)": db/kept-connection.ts; the ORM pools'
  // "requests (documents)": db/orm.ts). A kind sums over the services, except the requests, kept apart by service.
  const kind = (name: string) => (name.startsWith('requests') ? name : name.replace(/\s*\(.*\)$/, '')) || 'unnamed';
  return new Map(rows.map(({ pid, name }) => [pid, { kind: kind(name), cpu: procSample(pid)?.cpu ?? 0 }]));
}

/** CPU seconds each kind of backend used between two `postgresBackends` (one that ended meanwhile is not counted). */
export function postgresCpuByKind(before: Map<number, { cpu: number }>, after: Map<number, { kind: string; cpu: number }>): Map<string, number> {
  const out = new Map<string, number>();
  for (const [pid, { kind, cpu }] of after) out.set(kind, (out.get(kind) ?? 0) + cpu - (before.get(pid)?.cpu ?? 0));
  return out;
}
