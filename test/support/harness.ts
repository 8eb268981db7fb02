// Test harness. `npm test` starts one real PostgreSQL and prepares a migrated, seeded template database; each
// test file clones it (CREATE DATABASE … TEMPLATE, a fraction of a second) so files never see each other's writes,
// then starts the real subgraphs and the real gateway in-process on free ports.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import type { MalwareScanner } from '@yizhan/archive';
import { startArchiveService } from '@yizhan/archive';
import { startCertificatesService } from '@yizhan/certificates';
import { loadConfig } from '@yizhan/common';
import { startDocumentsService } from '@yizhan/documents';
import { startGateway } from '@yizhan/gateway';
import { freePort, roleUrl, withDatabase } from '@yizhan/kernel';
import { startOrgService } from '@yizhan/org';
import { startSealsService } from '@yizhan/seals';
import pg from 'pg';
import { manifestPath } from '../../scripts/lib/web.ts';

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

export async function freshDatabase(): Promise<TestDatabase> {
  const config = loadConfig();
  const name = `yz_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl() });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name} TEMPLATE ${TEMPLATE_DB}`);
  await admin.query(`GRANT CONNECT ON DATABASE ${name} TO ${config.appRole.name}, ${config.migratorRole.name}, ${config.relayRole.name}`);
  await admin.end();
  return {
    name,
    appUrl: roleUrl(adminUrl(), name, config.appRole),
    migratorUrl: roleUrl(adminUrl(), name, config.migratorRole),
    relayUrl: roleUrl(adminUrl(), name, config.relayRole),
    superUrl: withDatabase(adminUrl(), name),
    async drop() {
      const c = new pg.Client({ connectionString: adminUrl() });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
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
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query, variables }) });
  const body = (await res.json()) as GqlResult<T>;
  return { ...body, status: res.status };
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
  /** Runs the documents service's overdue marking now. */
  markOverdue(): Promise<number>;
  /** Subscriptions open in the documents service. */
  documentsSubscriptions(): number;
  /** Stops the documents service and starts it again on the same port, as a crash and restart would. */
  restartDocuments(): Promise<void>;
  /** Follows org's events in the certificates service now. */
  drainCertificateEvents(): Promise<void>;
  /** Follows org's events in the seals service now. */
  drainSealEvents(): Promise<void>;
  /** Follows documents' events in the archive now. */
  drainArchiveEvents(): Promise<void>;
  sealsUrl: string;
  /** Looks up a unit id by its code, through the gateway. */
  orgId(code: string): Promise<string>;
  close(): Promise<void>;
}

export async function startPlatform(opts: { fault?: (point: string) => void; dashboardOrigins?: string[]; scan?: MalwareScanner } = {}): Promise<Platform> {
  const db = await freshDatabase();
  // Org and certificates call each other: both ports are chosen before either starts.
  const orgPort = await freePort();
  const certificatesPort = await freePort(undefined, [orgPort]);
  const certificatesUrl = `http://127.0.0.1:${certificatesPort}/graphql`;
  const org = await startOrgService({ appUrl: db.appUrl, relayUrl: db.relayUrl, port: orgPort, certificatesUrl });
  const certificates = await startCertificatesService({ appUrl: db.appUrl, relayUrl: db.relayUrl, port: certificatesPort, orgUrl: org.url });
  const documentsPort = await freePort(undefined, [orgPort, certificatesPort]);
  const sealsPort = await freePort(undefined, [orgPort, certificatesPort, documentsPort]);
  const sealsUrl = `http://127.0.0.1:${sealsPort}/graphql`;
  const archivePort = await freePort(undefined, [orgPort, certificatesPort, documentsPort, sealsPort]);
  const archiveUrl = `http://127.0.0.1:${archivePort}/graphql`;
  const startDocuments = () =>
    startDocumentsService({ appUrl: db.appUrl, relayUrl: db.relayUrl, port: documentsPort, orgUrl: org.url, sealsUrl, archiveUrl, fault: opts.fault });
  let documents = await startDocuments();
  const seals = await startSealsService({
    appUrl: db.appUrl,
    relayUrl: db.relayUrl,
    port: sealsPort,
    orgUrl: org.url,
    certificatesUrl: certificates.url,
    documentsUrl: documents.url,
  });
  const archive = await startArchiveService({
    appUrl: db.appUrl,
    relayUrl: db.relayUrl,
    port: archivePort,
    orgUrl: org.url,
    documentsUrl: documents.url,
    sealsUrl: seals.url,
    scan: opts.scan,
  });
  const gw = await startGateway({
    port: await freePort(),
    subgraphs: { org: org.url, documents: documents.url, certificates: certificates.url, seals: seals.url, archive: archive.url },
    dashboardOrigins: opts.dashboardOrigins ?? [],
    trustedDocumentsPath: manifestPath,
  });
  let adminToken: string | undefined;
  const platform: Platform = {
    db,
    gatewayUrl: gw.url,
    orgUrl: org.url,
    documentsUrl: documents.url,
    gql: (query, variables = {}, token) => gqlAt(gw.url, query, variables, token ? { authorization: `Bearer ${token}` } : {}),
    async login(username, password = DEMO_PASSWORD) {
      const r = await platform.gql<{ login: { token: string } }>('mutation($u: String!, $p: String!) { login(username: $u, password: $p) { token } }', {
        u: username,
        p: password,
      });
      if (!r.data?.login) throw new Error(`login ${username} failed: ${JSON.stringify(r.errors)}`);
      return r.data.login.token;
    },
    documentsSubscriptions: () => documents.subscriptions(),
    drainCertificateEvents: () => certificates.drainEvents(),
    drainSealEvents: () => seals.drainEvents(),
    drainArchiveEvents: () => archive.drainEvents(),
    sealsUrl: seals.url,
    markOverdue: () => documents.markOverdue(),
    async restartDocuments() {
      await documents.close();
      documents = await startDocuments();
    },
    async superCount(sql, params = []) {
      const [row] = await platform.superQuery<{ n: unknown }>(sql, params);
      return Number(row?.n);
    },
    async superQuery(sql, params = []) {
      const c = new pg.Client({ connectionString: db.superUrl });
      await c.connect();
      try {
        return (await c.query(sql, params)).rows;
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
      await gw.close();
      await archive.close();
      await seals.close();
      await documents.close();
      await certificates.close();
      await org.close();
      await db.drop();
    },
  };
  return platform;
}
