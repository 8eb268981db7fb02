// For the kernel's own tests: a database of their own on the PostgreSQL `npm test` starts, with login roles that row-
// level security binds (no BYPASSRLS, as in production), dropped with its roles afterwards. Not part of the package's
// exports; the services' tests use the platform harness instead.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { outboxIdsAfterTheirTransactionSql, outboxTableSql } from '../db/outbox.ts';

export interface ThrowawayDatabase<R extends string> {
  /** Each named role's login name. */
  roles: Record<R, string>;
  /** A connection URL as that role, or as the superuser (null). */
  urlOf(role: R | null): string;
  superUrl: string;
  drop(): Promise<void>;
}

export async function throwawayDatabase<R extends string>(roleNames: R[]): Promise<ThrowawayDatabase<R>> {
  const adminUrl = process.env.YIZHAN_TEST_ADMIN_URL;
  if (!adminUrl) throw new Error('YIZHAN_TEST_ADMIN_URL is not set: this test needs the PostgreSQL that `npm test` starts; run it with `npm test`');
  const name = `yz_kernel_${randomBytes(5).toString('hex')}`;
  const roles = Object.fromEntries(roleNames.map((r) => [r, `${name}_${r}`])) as Record<R, string>;
  const password = randomBytes(12).toString('hex');
  const url = (user: string | null) => {
    const u = new URL(adminUrl);
    if (user) {
      u.username = user;
      u.password = password;
    }
    u.pathname = `/${name}`;
    return u.toString();
  };
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  for (const role of Object.values<string>(roles)) await admin.query(`CREATE ROLE ${role} LOGIN NOSUPERUSER NOBYPASSRLS PASSWORD '${password}'`);
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  return {
    roles,
    urlOf: (role) => url(role === null ? null : roles[role]),
    superUrl: url(null),
    async drop() {
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      for (const role of Object.values<string>(roles)) await c.query(`DROP ROLE IF EXISTS ${role}`);
      await c.end();
    },
  };
}

/** A throwaway database with a tenant role (`app`), a relay role (`relay`) and `schema`'s outbox as the kernel
 * creates it; `more` adds what a test needs besides, as the superuser. */
export async function outboxDatabase(schema: string, more: (su: pg.Client, roles: Record<'app' | 'relay', string>) => Promise<void> = async () => {}) {
  const db = await throwawayDatabase(['app', 'relay']);
  const { app, relay } = db.roles;
  const su = new pg.Client({ connectionString: db.superUrl });
  await su.connect();
  try {
    await su.query('CREATE EXTENSION ltree');
    await su.query(`CREATE SCHEMA ${schema}`);
    for (const sql of [...outboxTableSql(schema, relay), outboxIdsAfterTheirTransactionSql(schema)]) await su.query(sql);
    await su.query(`GRANT USAGE ON SCHEMA ${schema} TO ${app}, ${relay}`);
    await su.query(`GRANT SELECT, INSERT ON ${schema}.outbox TO ${app}`);
    await su.query(`GRANT USAGE ON SEQUENCE ${schema}.outbox_id_seq TO ${app}`);
    await su.query(`GRANT SELECT, UPDATE ON ${schema}.outbox TO ${relay}`);
    await su.query(`GRANT USAGE, SELECT ON SEQUENCE ${schema}.outbox_publish_seq TO ${relay}`);
    await su.query(`GRANT SELECT ON SEQUENCE ${schema}.outbox_id_seq TO ${relay}`);
    await more(su, db.roles);
  } finally {
    await su.end();
  }
  return { appUrl: db.urlOf('app'), relayUrl: db.urlOf('relay'), superUrl: db.superUrl, drop: db.drop };
}
