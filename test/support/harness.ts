// Test harness. `npm test` starts one real PostgreSQL and prepares a migrated, seeded template database; each
// test file clones it (CREATE DATABASE … TEMPLATE, a fraction of a second) so files never see each other's writes,
// then starts the real subgraphs and the real gateway in-process on free ports.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { MalwareScanner } from '@yizhan/archive';
import { startArchiveService } from '@yizhan/archive';
import { startCertificatesService } from '@yizhan/certificates';
import { loadConfig } from '@yizhan/common';
import { startDocumentsService } from '@yizhan/documents';
import { startGateway } from '@yizhan/gateway';
import { freePort, type RunningPostgres, roleUrl, startEmbeddedPostgres, withDatabase } from '@yizhan/kernel';
import { startOrgService } from '@yizhan/org';
import { startSealsService } from '@yizhan/seals';
import pg from 'pg';
import { prepareDatabase } from '../../scripts/lib/stack.ts';
import { manifestPath } from '../../scripts/lib/web.ts';
import { closeEach, stackClosed, stackOpened } from './leftovers.ts';

export const TEMPLATE_DB = 'yizhan_template';
export const DEMO_PASSWORD = 'Yizhan@2026';

export function adminUrl(): string {
  const url = process.env.YIZHAN_TEST_ADMIN_URL;
  if (!url) throw new Error('Run the tests with `npm test`: it starts the PostgreSQL they need');
  return url;
}

export interface TestDatabase {
  name: string;
  appUrl: string;
  migratorUrl: string;
  relayUrl: string;
  /** Superuser connection to this database, for checks that look underneath the application. */
  superUrl: string;
  drop(): Promise<void>;
}

/**
 * A PostgreSQL of the test's own (its own data folder and port) holding a migrated, seeded template database, for
 * a test that stops or restarts the server under a running platform without disturbing the other test files. About
 * seven seconds. Pass its `adminUrl` to startPlatform.
 */
export async function ownPostgres(): Promise<{ adminUrl: string; server: RunningPostgres; stop(): Promise<void> }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yizhan-own-pg-'));
  // As root the server runs as the `postgres` user, which must reach the data folder inside.
  fs.chmodSync(dir, 0o755);
  const server = await startEmbeddedPostgres(path.join(dir, 'postgres'), { persistent: false });
  try {
    await prepareDatabase({ persistent: false, seed: true, adminUrl: server.adminUrl });
  } catch (e) {
    await server.stop();
    throw e;
  }
  return {
    adminUrl: server.adminUrl,
    server,
    async stop() {
      await server.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** One connection as the superuser (of the server, or of one database by its URL) for `work`, closed after it. */
async function asSuperuser<T>(url: string, work: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return await work(c);
  } finally {
    await c.end();
  }
}

export async function freshDatabase(serverUrl: string = adminUrl()): Promise<TestDatabase> {
  const config = loadConfig();
  const name = `yz_${randomBytes(6).toString('hex')}`;
  await asSuperuser(serverUrl, async (admin) => {
    await admin.query(`CREATE DATABASE ${name} TEMPLATE ${TEMPLATE_DB}`);
    await admin.query(`GRANT CONNECT ON DATABASE ${name} TO ${config.appRole.name}, ${config.migratorRole.name}, ${config.relayRole.name}`);
  });
  return existingDatabase(serverUrl, name);
}

/** A database that is there already (a restored backup's), as a test database: dropped by drop(). */
export function existingDatabase(serverUrl: string, name: string): TestDatabase {
  const config = loadConfig();
  return {
    name,
    appUrl: roleUrl(serverUrl, name, config.appRole),
    migratorUrl: roleUrl(serverUrl, name, config.migratorRole),
    relayUrl: roleUrl(serverUrl, name, config.relayRole),
    superUrl: withDatabase(serverUrl, name),
    drop: () => asSuperuser(serverUrl, (c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => {}),
  };
}

export interface GqlResult<T = Record<string, any>> {
  status: number;
  data?: T;
  errors?: { message: string; extensions?: Record<string, any>; path?: string[] }[];
}

export async function gqlAt<T = Record<string, any>>(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): Promise<GqlResult<T>> {
  // Two minutes at most: a request that never comes back fails its test, naming it, instead of holding the run.
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
    signal: AbortSignal.timeout(120_000),
  });
  const body = (await res.json()) as GqlResult<T>;
  return { ...body, status: res.status };
}

/**
 * A test file's calls as the demo users: each logs in once (on its first call), every call carries its token. Give
 * it the platform the file starts in `before`, as a function (it does not exist yet when the file is read).
 */
export function asDemoUsers(platform: () => Platform) {
  const tokens: Record<string, string> = {};
  const gql = async (user: string, query: string, variables: Record<string, unknown> = {}) => {
    tokens[user] ??= await platform().login(user);
    return platform().gql(query, variables, tokens[user]);
  };
  return { gql, tokens };
}

/** asDemoUsers' calls that must answer without errors (the errors are the assertion's message): their data. */
export function asDemoUsersData(platform: () => Platform) {
  const { gql } = asDemoUsers(platform);
  return async (user: string, query: string, variables: Record<string, unknown> = {}) => {
    const r = await gql(user, query, variables);
    assert.equal(r.errors, undefined, JSON.stringify(r.errors));
    return r.data as Record<string, any>;
  };
}

/** The first error code of a result, for assertions. */
export const codeOf = (r: GqlResult) => r.errors?.[0]?.extensions?.code as string | undefined;

/** A field of a result that must have no errors (the errors are the assertion's message). */
export const ok = <T = any>(r: { data?: any; errors?: unknown }, field: string): T => {
  assert.equal((r.errors as unknown[] | undefined)?.length ?? 0, 0, JSON.stringify(r.errors));
  return r.data?.[field] as T;
};

/**
 * Reads until `done` says so, about five seconds at most, running `follow` between tries (a drain of the events the
 * reading depends on); returns the last value read, for the assertion to judge.
 */
export async function eventually<T>(read: () => Promise<T>, done: (v: T) => boolean, follow: () => Promise<void> = async () => {}): Promise<T> {
  let v = await read();
  for (let i = 0; i < 50 && !done(v); i++) {
    await new Promise((r) => setTimeout(r, 100));
    await follow();
    v = await read();
  }
  return v;
}

export interface Platform {
  db: TestDatabase;
  gatewayUrl: string;
  orgUrl: string;
  documentsUrl: string;
  gql<T = Record<string, any>>(query: string, variables?: Record<string, unknown>, token?: string): Promise<GqlResult<T>>;
  /** Logs in a demo account and returns its bearer token. */
  login(username: string, password?: string): Promise<string>;
  /** A count read underneath the application (as the superuser), for checks that something was or was not written. */
  superCount(sql: string, params?: unknown[]): Promise<number>;
  /** Rows read or written underneath the application (as the superuser), for setting up or simulating damage. */
  superQuery<T = any>(sql: string, params?: unknown[]): Promise<T[]>;
  /**
   * A count read as the application's role under a unit's scope (and a person's, when given), in a transaction of
   * its own: what row-level security alone lets through, with no application filter in the way.
   */
  scopedCount(scope: { orgPath: string; userId?: string }, sql: string, params?: unknown[]): Promise<number>;
  /** Runs the documents service's overdue marking now. */
  markOverdue(): Promise<number>;
  /** Folds the documents service's queued changes to its kept counts now; answers how many kept rows changed. */
  foldKeptCounts(): Promise<number>;
  /** Sends the handling reminders (催办) due now. */
  remindHandling(): Promise<number>;
  /** Takes the automatic 催办 steps (自动催办) due now, or at `at`; answers how many were taken. */
  escalate(at?: Date): Promise<number>;
  /** Publishes the scheduled bulletins (定期通报) due now, or at `at`; answers how many. */
  publishScheduledBulletins(at?: Date): Promise<number>;
  /** Subscriptions open in the documents service. */
  documentsSubscriptions(): number;
  /** Subscriptions the gateway's live edge serves (gateway/src/live-edge.ts). */
  liveSubscribers(): number;
  /** Stops the documents service and starts it again on the same port, as a crash and restart would. */
  restartDocuments(): Promise<void>;
  /** Follows org's events in the certificates service now. */
  drainCertificateEvents(): Promise<void>;
  /** Follows org's events in the seals service now. */
  drainSealEvents(): Promise<void>;
  /** A turn of the seals service's expiry of stamp requests now. */
  expireStampRequests(): Promise<unknown>;
  /** Follows documents' events in the archive now. */
  drainArchiveEvents(): Promise<void>;
  /** Follows org's events in the documents service now (a changed webhook cancels its pending alerts). */
  drainDocumentsOrgEvents(): Promise<void>;
  /** Runs org's outage job now: the platform's outage notices due, and every untexted one handed over to be texted. */
  notifyOutages(): Promise<{ notices: number; restored: number; texted: number }>;
  /** Runs the certificates service's expiry watch now, as at `now` if given (a CRL near its next update). */
  watchExpiry(now?: Date): Promise<{ renewedCrls: string[]; urgent: number }>;
  sealsUrl: string;
  certificatesUrl: string;
  /** Looks up a unit id by its code, through the gateway. */
  orgId(code: string): Promise<string>;
  close(): Promise<void>;
}

export type ServiceName = 'org' | 'documents' | 'certificates' | 'seals' | 'archive';
const ALL_SERVICES: ServiceName[] = ['org', 'documents', 'certificates', 'seals', 'archive'];
/** What each service cannot start without (org and certificates call each other, but org starts without it). */
const NEEDS: Record<ServiceName, ServiceName[]> = {
  org: [],
  documents: ['org'],
  certificates: ['org'],
  seals: ['org', 'certificates', 'documents'],
  archive: ['org', 'documents', 'seals'],
};

/** The services named and everything they need. */
function withNeeds(named: ServiceName[]): Set<ServiceName> {
  const all = new Set<ServiceName>();
  const add = (s: ServiceName) => {
    if (all.has(s)) return;
    all.add(s);
    for (const n of NEEDS[s]) add(n);
  };
  for (const s of named) add(s);
  return all;
}

/**
 * Starts every service once on the template database and stops them again, before the test files copy it: what a
 * deployment does at its first start (its CA made, each service's followers caught up with the seeded events, the
 * partitions made) is then done once for the run, not again in each file's copy (it was about a second of each
 * platform's start, and sixty files start one).
 */
export async function warmTemplate(serverUrl: string): Promise<void> {
  const p = await startPlatform({ adminUrl: serverUrl, database: TEMPLATE_DB, forTheRun: true });
  await p.close();
  // A copy is refused while anyone is connected to the template: every connection of the services must be gone.
  await asSuperuser(serverUrl, async (admin) => {
    for (let i = 0; ; i++) {
      const { rows } = await admin.query('select count(*)::int n from pg_stat_activity where datname = $1', [TEMPLATE_DB]);
      if (rows[0].n === 0) return;
      if (i >= 100) throw new Error(`${rows[0].n} connections to the template database are still open 10 s after the services closed`);
      await new Promise((r) => setTimeout(r, 100));
    }
  });
}

/** The copy's CA and its CRLs dropped: the certificates service makes a new CA as it starts (ensureAuthorities). */
async function dropAuthorities(db: TestDatabase): Promise<void> {
  await asSuperuser(db.superUrl, (c) => c.query('delete from certificates.crls; delete from certificates.authorities'));
}

/**
 * The real platform on a fresh database: the services a test names (and what they need; all five by default), each on
 * a free port, and the gateway in front. A service left out is simply absent, as it would be when down: a documents
 * test that never stamps or archives does not boot seals, certificates and the archive.
 */
export async function startPlatform(
  opts: {
    fault?: (point: string) => void;
    dashboardOrigins?: string[];
    scan?: MalwareScanner;
    /** The documents service's scan of uploads (default: the EICAR check, as `npm start` runs it). */
    uploadScan?: MalwareScanner;
    services?: ServiceName[];
    /** Another PostgreSQL server than the shared test one (ownPostgres). */
    adminUrl?: string;
    /** A database that is there already on that server (a restored backup) instead of a fresh copy of the template. */
    database?: string;
    /**
     * Started by the process that runs the tests, not by a test file (warmTemplate): its database is left in place when
     * it closes, and no watch is set for what the process leaves running after it (that process goes on to run the tests).
     */
    forTheRun?: boolean;
    /**
     * A CA of its own, as a deployment of its own has: the copy of the template drops the template's CA, and the
     * certificates service makes a new one as it does at a deployment's first start (two platforms of one test that
     * stand for two deployments).
     */
    ownAuthorities?: boolean;
  } = {},
): Promise<Platform> {
  // 自动催办 takes its steps only when a test asks (platform.escalate): on its own timer it would urge, now and then, the
  // deliveries other tests made overdue.
  process.env.YIZHAN_ESCALATION_CHECK_MS ??= String(24 * 3600_000);
  const want = withNeeds(opts.services ?? ALL_SERVICES);
  const db = opts.database ? existingDatabase(opts.adminUrl ?? adminUrl(), opts.database) : await freshDatabase(opts.adminUrl);
  if (opts.ownAuthorities) await dropAuthorities(db);
  // Every port is chosen first: org and certificates call each other, documents and seals too.
  const ports: Partial<Record<ServiceName, number>> = {};
  for (const s of want) ports[s] = await freePort(undefined, Object.values(ports));
  const url = (s: ServiceName) => (want.has(s) ? `http://127.0.0.1:${ports[s]}/graphql` : undefined);
  const base = { appUrl: db.appUrl, relayUrl: db.relayUrl };
  const startDocuments = (orgUrl: string) =>
    startDocumentsService({
      ...base,
      port: ports.documents as number,
      orgUrl,
      sealsUrl: url('seals'),
      archiveUrl: url('archive'),
      certificatesUrl: url('certificates'),
      fault: opts.fault,
      scan: opts.uploadScan,
    });
  // What started is stopped again if a later start fails, so a failed start leaves nothing running (a test file would
  // otherwise never end).
  const started: { close(): Promise<void> }[] = [];
  const track = <T extends { close(): Promise<void> }>(s: T): T => {
    started.unshift(s);
    return s;
  };
  const up = await (async () => {
    const org = track(await startOrgService({ ...base, port: ports.org as number, certificatesUrl: url('certificates') }));
    const certificates = want.has('certificates')
      ? track(await startCertificatesService({ ...base, port: ports.certificates as number, orgUrl: org.url }))
      : undefined;
    const documents = want.has('documents') ? track(await startDocuments(org.url)) : undefined;
    const seals = want.has('seals')
      ? track(
          await startSealsService({
            ...base,
            port: ports.seals as number,
            orgUrl: org.url,
            certificatesUrl: url('certificates') as string,
            documentsUrl: url('documents') as string,
          }),
        )
      : undefined;
    const archive = want.has('archive')
      ? track(
          await startArchiveService({
            ...base,
            port: ports.archive as number,
            orgUrl: org.url,
            documentsUrl: url('documents') as string,
            sealsUrl: url('seals') as string,
            scan: opts.scan,
          }),
        )
      : undefined;
    const running = { org, documents, certificates, seals, archive };
    const gw = track(
      await startGateway({
        port: await freePort(),
        subgraphs: Object.fromEntries(Object.entries(running).flatMap(([name, s]) => (s ? [[name, s.url]] : []))),
        dashboardOrigins: opts.dashboardOrigins ?? [],
        trustedDocumentsPath: manifestPath,
      }),
    );
    return { org, documents, certificates, seals, archive, gw };
  })().catch(async (e) => {
    for (const s of started) await s.close().catch(() => {});
    await db.drop().catch(() => {});
    throw e;
  });
  const { org, certificates, seals, archive, gw } = up;
  let documents = up.documents;
  /** A service the test uses: it must have been started. */
  const need = <T>(name: ServiceName, s: T | undefined): T => {
    if (!s) throw new Error(`This test did not start ${name}: add it to startPlatform({ services })`);
    return s;
  };
  let adminToken: string | undefined;
  const platform: Platform = {
    db,
    gatewayUrl: gw.url,
    orgUrl: org.url,
    documentsUrl: url('documents') ?? '',
    gql: (query, variables = {}, token) => gqlAt(gw.url, query, variables, token ? { authorization: `Bearer ${token}` } : {}),
    async login(username, password = DEMO_PASSWORD) {
      const r = await platform.gql<{ login: { token: string } }>('mutation($u: String!, $p: String!) { login(username: $u, password: $p) { token } }', {
        u: username,
        p: password,
      });
      if (!r.data?.login) throw new Error(`login ${username} failed: ${JSON.stringify(r.errors)}`);
      return r.data.login.token;
    },
    documentsSubscriptions: () => need('documents', documents).subscriptions(),
    liveSubscribers: () => gw.liveEdge()?.subscribers ?? 0,
    drainCertificateEvents: () => need('certificates', certificates).drainEvents(),
    drainSealEvents: () => need('seals', seals).drainEvents(),
    expireStampRequests: () => need('seals', seals).expireStampRequests(),
    drainArchiveEvents: () => need('archive', archive).drainEvents(),
    drainDocumentsOrgEvents: () => need('documents', documents).drainOrgEvents(),
    notifyOutages: () => org.notifyOutages(),
    watchExpiry: (now) => need('certificates', certificates).watchExpiry(now),
    sealsUrl: url('seals') ?? '',
    certificatesUrl: url('certificates') ?? '',
    markOverdue: () => need('documents', documents).markOverdue(),
    foldKeptCounts: () => need('documents', documents).foldKeptCounts(),
    remindHandling: () => need('documents', documents).remindHandling(),
    escalate: (at?: Date) => need('documents', documents).escalate(at),
    publishScheduledBulletins: (at?: Date) => need('documents', documents).publishScheduledBulletins(at),
    async restartDocuments() {
      await need('documents', documents).close();
      documents = await startDocuments(org.url);
    },
    async superCount(sql, params = []) {
      const [row] = await platform.superQuery<{ n: unknown }>(sql, params);
      return Number(row?.n);
    },
    async scopedCount(scope, sql, params = []) {
      const c = new pg.Client({ connectionString: db.appUrl });
      await c.connect();
      try {
        await c.query('begin');
        await c.query("select set_config('yizhan.org_path', $1, true), set_config('yizhan.user_id', $2, true)", [scope.orgPath, scope.userId ?? '']);
        return Number((await c.query(sql, params)).rows[0]?.n);
      } finally {
        await c.end();
      }
    },
    async superQuery(sql, params = []) {
      // A minute at most: a statement that waits on a lock fails naming what holds it, instead of holding the run.
      const c = new pg.Client({ connectionString: db.superUrl, statement_timeout: 60_000, connectionTimeoutMillis: 30_000 });
      await c.connect();
      try {
        return (await c.query(sql, params)).rows;
      } catch (e) {
        if ((e as { code?: string }).code === '57014') {
          const busy = await c.query(
            "select pid, state, wait_event_type, wait_event, left(query, 200) as query from pg_stat_activity where datname = current_database() and state <> 'idle' and pid <> pg_backend_pid()",
          );
          throw new Error(`${(e as Error).message}: ${sql.slice(0, 120)}; busy meanwhile: ${JSON.stringify(busy.rows)}`);
        }
        throw e;
      } finally {
        await c.end();
      }
    },
    async orgId(code) {
      adminToken ??= await platform.login('sx.admin');
      const r = await platform.gql<{ orgByCode: { id: string } | null }>('query($c: String!) { orgByCode(code: $c) { id } }', { c: code }, adminToken);
      if (!r.data?.orgByCode) throw new Error(`no unit ${code}`);
      return r.data.orgByCode.id;
    },
    async close() {
      // Each part within a limit, and every part tried even when one before it failed: a part that never closes fails
      // the test naming itself and what is still open, instead of holding the run (leftovers.ts).
      try {
        await closeEach([
          ['the gateway', gw.close],
          ['archive', archive?.close],
          ['seals', seals?.close],
          ['documents', documents?.close],
          ['certificates', certificates?.close],
          ['org', org.close],
          ['the test database', opts.forTheRun ? undefined : db.drop],
        ]);
      } finally {
        if (!opts.forTheRun) stackClosed();
      }
    },
  };
  if (!opts.forTheRun) stackOpened();
  return platform;
}
