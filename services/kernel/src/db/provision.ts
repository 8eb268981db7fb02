// Creates the database, the extension, the two roles and one schema per service. Runs with a superuser URL,
// once at start-up; every statement is idempotent so it can run on every start.

import type { Config } from '@yizhan/common';
import pg from 'pg';

const ident = (s: string) => {
  if (!/^[a-z_][a-z0-9_]*$/.test(s)) throw new Error(`Unsafe SQL identifier: ${s}`);
  return `"${s}"`;
};
const literal = (s: string) => `'${s.replaceAll("'", "''")}'`;

export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

export function roleUrl(adminUrl: string, database: string, role: { name: string; password: string }): string {
  const u = new URL(adminUrl);
  u.username = role.name;
  u.password = encodeURIComponent(role.password);
  u.pathname = `/${database}`;
  return u.toString();
}

export interface DatabaseUrls {
  migratorUrl: string;
  appUrl: string;
  relayUrl: string;
}

export async function provisionDatabase(adminUrl: string, config: Config, serviceSchemas: string[]): Promise<DatabaseUrls> {
  const { databaseName: db, migratorRole: mig, appRole: app, relayRole: relay } = config;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    for (const role of [mig, app, relay]) {
      const exists = await admin.query('select 1 from pg_roles where rolname = $1', [role.name]);
      const verb = exists.rowCount ? 'ALTER' : 'CREATE';
      // NOBYPASSRLS and NOSUPERUSER are what make row-level security binding for the roles.
      await admin.query(`${verb} ROLE ${ident(role.name)} LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE PASSWORD ${literal(role.password)}`);
    }
    const dbExists = await admin.query('select 1 from pg_database where datname = $1', [db]);
    if (!dbExists.rowCount) await admin.query(`CREATE DATABASE ${ident(db)}`);
  } finally {
    await admin.end();
  }

  const dbAdmin = new pg.Client({ connectionString: withDatabase(adminUrl, db) });
  await dbAdmin.connect();
  try {
    await dbAdmin.query('CREATE EXTENSION IF NOT EXISTS ltree');
    // Under row-level security the planner will not use a non-LEAKPROOF operator in an index condition, so a
    // caller's `path <@ $1` over the unit directory became a sequential scan (see bench/). These ltree
    // comparisons return a boolean and raise no data-dependent error, so they cannot leak rows: mark them so.
    await dbAdmin.query(`ALTER FUNCTION ltree_isparent(ltree, ltree) LEAKPROOF;
      ALTER FUNCTION ltree_risparent(ltree, ltree) LEAKPROOF;
      ALTER FUNCTION ltree_eq(ltree, ltree) LEAKPROOF;
      ALTER FUNCTION ltree_ne(ltree, ltree) LEAKPROOF;
      ALTER FUNCTION ltree_lt(ltree, ltree) LEAKPROOF;
      ALTER FUNCTION ltree_le(ltree, ltree) LEAKPROOF;
      ALTER FUNCTION ltree_gt(ltree, ltree) LEAKPROOF;
      ALTER FUNCTION ltree_ge(ltree, ltree) LEAKPROOF`);
    await dbAdmin.query(`REVOKE ALL ON DATABASE ${ident(db)} FROM PUBLIC`);
    await dbAdmin.query(`GRANT CONNECT ON DATABASE ${ident(db)} TO ${ident(mig.name)}, ${ident(app.name)}, ${ident(relay.name)}`);
    await dbAdmin.query('REVOKE CREATE ON SCHEMA public FROM PUBLIC');
    for (const schema of serviceSchemas) {
      await dbAdmin.query(`CREATE SCHEMA IF NOT EXISTS ${ident(schema)} AUTHORIZATION ${ident(mig.name)}`);
    }
  } finally {
    await dbAdmin.end();
  }
  return { migratorUrl: roleUrl(adminUrl, db, mig), appUrl: roleUrl(adminUrl, db, app), relayUrl: roleUrl(adminUrl, db, relay) };
}
