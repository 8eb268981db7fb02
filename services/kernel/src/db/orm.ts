// One MikroORM per service, on the service's own PostgreSQL schema. Services run as the application role;
// migrations run as the migrator, which owns the tables, and then grant the application role what it needs.

import type { Migration } from '@mikro-orm/migrations';
import { Migrator } from '@mikro-orm/migrations';
import { type EntityManager, MikroORM } from '@mikro-orm/postgresql';
import type { Config } from '@yizhan/common';
import { ScopedBeginClient } from './scoped-begin.ts';

export interface ServiceDatabase {
  /** PostgreSQL schema the service owns, e.g. "org". */
  schema: string;
  // biome-ignore lint/complexity/noBannedTypes: MikroORM takes entity classes
  entities: Function[];
  /** Ordered, never edited once released: add a new one instead. */
  migrations: { name: string; class: new (...args: never[]) => Migration }[];
  /** Tables the application may only read and add to (an audit log): UPDATE, DELETE and TRUNCATE are never granted. */
  appendOnly?: string[];
  /** Functions only its migrations run (a recount of what the application keeps): never granted to the application. */
  ownersFunctions?: string[];
}

export type Orm = MikroORM;
export type Em = EntityManager;

export async function openOrm(url: string, db: ServiceDatabase, opts: { poolMax?: number; migrator?: boolean } = {}): Promise<MikroORM> {
  return MikroORM.init({
    clientUrl: url,
    schema: db.schema,
    entities: db.entities,
    extensions: opts.migrator ? [Migrator] : [],
    migrations: {
      migrationsList: db.migrations as never,
      // No `schema` here: it would replace the search_path, and the ltree type lives in public.
      tableName: 'schema_migrations',
      snapshot: false,
      snapshotOnMigrate: false,
      silent: true,
      allOrNothing: true,
    },
    pool: { min: 0, max: opts.poolMax ?? 10 },
    // A transaction's begin and scope sent with its first statement, one round trip instead of three (scoped-begin.ts).
    // Named in pg_stat_activity as the kept connections are ("relay worker (documents)"): whose requests these are.
    driverOptions: { Client: ScopedBeginClient, application_name: `${opts.migrator ? 'migrations' : 'requests'} (${db.schema})` },
    debug: false,
    allowGlobalContext: false,
  });
}

/** A string as an SQL literal (role and schema names come from configuration). */
const sqlString = (v: string) => `'${v.replaceAll("'", "''")}'`;

/** Applies pending migrations as the migrator, then grants the application role access to the service's tables. */
export async function migrateService(migratorUrl: string, config: Config, db: ServiceDatabase): Promise<string[]> {
  const orm = await openOrm(migratorUrl, db, { poolMax: 1, migrator: true });
  try {
    const applied = await orm.migrator.up();
    const app = `"${config.appRole.name}"`;
    const s = `"${db.schema}"`;
    await orm.em.getConnection().execute(`
      GRANT USAGE ON SCHEMA ${s} TO ${app};
      GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA ${s} TO ${app};
      GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA ${s} TO ${app};
      GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA ${s} TO ${app};
      REVOKE ALL ON ${s}.schema_migrations FROM ${app};
    `);
    for (const table of db.appendOnly ?? []) {
      const [schema, name] = table.split('.');
      await orm.em.getConnection().execute(`REVOKE UPDATE, DELETE, TRUNCATE ON "${schema}"."${name}" FROM ${app}`);
    }
    // The relay reads and marks the outbox, if the service has one, and nothing else (it reads how far ids were drawn).
    const relay = `"${config.relayRole.name}"`;
    // A function a migration gave the relay (its jobs': folding the kept counts, linking and anchoring evidence,
    // keeping partitions) is the relay's alone, and partition_history and the service's `ownersFunctions` are its
    // owner's: the grant above must not hand them to the application as well (it did: their REVOKE FROM PUBLIC did not
    // hold against it).
    await orm.em.getConnection().execute(`
      DO $grants$ DECLARE f regprocedure; BEGIN
        FOR f IN SELECT p.oid::regprocedure FROM pg_proc p
          WHERE p.pronamespace = ${sqlString(db.schema)}::regnamespace AND (p.proname = 'partition_history'
            OR p.oid = ANY (${sqlString(`{${(db.ownersFunctions ?? []).map((f) => `"${f}"`).join(',')}}`)}::regprocedure[])
            OR EXISTS (SELECT 1 FROM aclexplode(p.proacl) a WHERE a.grantee = ${sqlString(config.relayRole.name)}::regrole AND a.privilege_type = 'EXECUTE'))
        LOOP EXECUTE format('REVOKE EXECUTE ON FUNCTION %s FROM %I', f, ${sqlString(config.appRole.name)}); END LOOP;
      END $grants$;
    `);
    const [hasOutbox] = await orm.em.getConnection().execute(`select to_regclass('${db.schema}.outbox') is not null as yes`);
    if (hasOutbox?.yes) {
      await orm.em.getConnection().execute(`
        GRANT USAGE ON SCHEMA ${s} TO ${relay};
        GRANT SELECT, UPDATE ON ${s}.outbox TO ${relay};
        GRANT USAGE, SELECT ON SEQUENCE ${s}.outbox_publish_seq TO ${relay};
        GRANT SELECT ON SEQUENCE ${s}.outbox_id_seq TO ${relay};
      `);
    }
    return applied.map((m) => m.name);
  } finally {
    await orm.close();
  }
}
