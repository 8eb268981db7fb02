// Re-rooting a moved unit's rows, in a real PostgreSQL, as a service does when org says a unit moved: the application's
// role calls the schema's function, which moves every path of the unit and of the units below it — in a table of one
// path, a table of two (a delivery's sender and recipient), a partitioned table, an append-only one (paths only), a
// table made after the function — and nothing else: not another unit whose label merely starts alike, not the outbox
// (events as published), not a row's other columns; a move into the unit's own subtree is refused.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import pg from 'pg';
import { type ThrowawayDatabase, throwawayDatabase } from '../testing/throwaway-database.ts';
import { REROOT_ALLOWED, rerootFunctionSql, rerootPoliciesSql } from './reroot.ts';
import { partiesTableSql, SCOPE_SETTING, tenantTableSql } from './rls.ts';

let db: ThrowawayDatabase<'owner' | 'app'>;
let owner: pg.Client;
let app: pg.Client;

before(async () => {
  db = await throwawayDatabase(['owner', 'app']);
  const su = new pg.Client({ connectionString: db.superUrl });
  await su.connect();
  await su.query('CREATE EXTENSION ltree');
  await su.query(`CREATE SCHEMA t AUTHORIZATION ${db.roles.owner}`);
  await su.end();
  owner = new pg.Client({ connectionString: db.urlOf('owner') });
  await owner.connect();
  for (const s of [
    'CREATE TABLE t.records (id serial PRIMARY KEY, org_path ltree NOT NULL, note text)',
    'CREATE TABLE t.deliveries (id serial PRIMARY KEY, sender_path ltree NOT NULL, recipient_path ltree NOT NULL)',
    'CREATE TABLE t.receipts (id serial PRIMARY KEY, org_path ltree NOT NULL, signature text NOT NULL)',
    `CREATE FUNCTION t.kept() RETURNS trigger LANGUAGE plpgsql AS $f$ BEGIN ${REROOT_ALLOWED}
        RAISE EXCEPTION 'receipts are kept as signed: % refused', TG_OP; END $f$`,
    'CREATE TRIGGER receipts_append_only BEFORE UPDATE OR DELETE ON t.receipts FOR EACH ROW EXECUTE FUNCTION t.kept()',
    'CREATE TABLE t.history (id serial, at date NOT NULL, org_path ltree NOT NULL) PARTITION BY RANGE (at)',
    "CREATE TABLE t.history_2026 PARTITION OF t.history FOR VALUES FROM ('2026-01-01') TO ('2027-01-01')",
    'CREATE TABLE t.outbox (id serial PRIMARY KEY, org_path ltree NOT NULL)',
    `INSERT INTO t.records (org_path, note) VALUES ('p61.c6104.k610403', '杨凌'), ('p61.c6104.k610403.d1', '杨凌的科室'),
       ('p61.c6104.k6104031', '名字相近的另一个区'), ('p61.c6104', '咸阳')`,
    "INSERT INTO t.deliveries (sender_path, recipient_path) VALUES ('p61', 'p61.c6104.k610403'), ('p61.c6104.k610403', 'p61.c6101')",
    "INSERT INTO t.receipts (org_path, signature) VALUES ('p61.c6104.k610403', 'MEUCIQ')",
    "INSERT INTO t.history (at, org_path) VALUES ('2026-12-06', 'p61.c6104.k610403')",
    "INSERT INTO t.outbox (org_path) VALUES ('p61.c6104.k610403')",
    ...tenantTableSql('t.records', 'unit'),
    ...partiesTableSql('t.deliveries'),
    ...tenantTableSql('t.receipts', 'unit'),
    ...tenantTableSql('t.history', 'subtree'),
    ...tenantTableSql('t.outbox', 'subtree'),
    ...rerootFunctionSql('t', { keep: ['outbox'], appRole: db.roles.app }),
    // A table made after the function: its migration runs the policies again.
    'CREATE TABLE t.later (id serial PRIMARY KEY, org_path ltree NOT NULL)',
    "INSERT INTO t.later (org_path) VALUES ('p61.c6104.k610403')",
    ...tenantTableSql('t.later', 'unit'),
    rerootPoliciesSql('t', ['outbox']),
    `GRANT USAGE ON SCHEMA t TO ${db.roles.app}`,
    `GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA t TO ${db.roles.app}`,
  ])
    await owner.query(s);
  app = new pg.Client({ connectionString: db.urlOf('app') });
  await app.connect();
});

after(async () => {
  for (const c of [app, owner]) await c?.end().catch(() => {});
  await db?.drop();
});

test('a moved unit’s paths, and those below it, move in every table but the outbox; nothing else changes', async () => {
  // The application's role, in the scope its event consumer has (the unit where it now is), calls the function.
  await app.query('begin');
  await app.query('select set_config($1, $2, true)', [SCOPE_SETTING, 'p61.c6101.k610403']);
  const moved = (await app.query("select t.reroot_unit('p61.c6104.k610403', 'p61.c6101.k610403') as n")).rows[0].n;
  await app.query('commit');
  assert.equal(moved, 7, 'two records, one delivery’s recipient and another’s sender, the receipt, the history row, the later table’s row');
  // The owner reads everything only through the policies it has: here, as the superuser would.
  const su = new pg.Client({ connectionString: db.superUrl });
  await su.connect();
  try {
    const q = async (sql: string) => (await su.query(sql)).rows.map((r) => Object.values(r).join(' | '));
    assert.deepEqual(await q('select org_path::text, note from t.records order by id'), [
      'p61.c6101.k610403 | 杨凌',
      'p61.c6101.k610403.d1 | 杨凌的科室',
      'p61.c6104.k6104031 | 名字相近的另一个区',
      'p61.c6104 | 咸阳',
    ]);
    assert.deepEqual(await q('select sender_path::text, recipient_path::text from t.deliveries order by id'), [
      'p61 | p61.c6101.k610403',
      'p61.c6101.k610403 | p61.c6101',
    ]);
    assert.deepEqual(await q('select org_path::text, signature from t.receipts'), ['p61.c6101.k610403 | MEUCIQ'], 'the signature as signed');
    assert.deepEqual(await q('select org_path::text from t.history'), ['p61.c6101.k610403']);
    assert.deepEqual(await q('select org_path::text from t.later'), ['p61.c6101.k610403']);
    assert.deepEqual(await q('select org_path::text from t.outbox'), ['p61.c6104.k610403'], 'events keep the paths they were published with');
  } finally {
    await su.end();
  }
});

test('an append-only row’s other columns do not change, even while paths may; a move into its own subtree is refused', async () => {
  await owner.query('begin');
  try {
    await owner.query("select set_config('yizhan.rerooting', 'on', true)");
    await assert.rejects(owner.query("update t.receipts set signature = 'forged', org_path = 'p61.x'"), /kept as signed/);
  } finally {
    await owner.query('rollback');
  }
  await assert.rejects(owner.query("update t.receipts set org_path = 'p61.x'"), /kept as signed/, 'outside a re-rooting, not even paths');
  await app.query('begin');
  try {
    await assert.rejects(app.query("select t.reroot_unit('p61.c6101', 'p61.c6101.k610403')"), /is not a move/);
  } finally {
    await app.query('rollback');
  }
});
