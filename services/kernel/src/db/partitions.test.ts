// Partitioning by time, in a real PostgreSQL: a table with rows, a policy, triggers, keys, an identity and foreign
// keys is converted in place by a role that owns it (as the migrator does), and then behaves as before for the
// application role — every row still there and scoped by its policy, ids going on, triggers firing — while the
// keeper, run as the relay role, makes partitions ahead and detaches old ones, which nobody but the owner then reads.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import pg from 'pg';
import { type ThrowawayDatabase, throwawayDatabase } from '../testing/throwaway-database.ts';
import { partitionByTimeSql, partitionKeeperSql, partitionStateSql } from './partitions.ts';
import { SCOPE_SETTING, tenantTableSql } from './rls.ts';

let db: ThrowawayDatabase<'owner' | 'app' | 'relay'>;
let owner: pg.Client;
let app: pg.Client;
let relay: pg.Client;
const notices: string[] = [];

before(async () => {
  db = await throwawayDatabase(['owner', 'app', 'relay']);
  const su = new pg.Client({ connectionString: db.superUrl });
  await su.connect();
  await su.query('CREATE EXTENSION ltree');
  await su.query(`CREATE SCHEMA t AUTHORIZATION ${db.roles.owner}`);
  await su.end();
  owner = new pg.Client({ connectionString: db.urlOf('owner') });
  await owner.connect();
  owner.on('notice', (n) => notices.push(n.message ?? ''));
  const setup = [
    'CREATE TABLE t.units (id integer PRIMARY KEY)',
    'INSERT INTO t.units VALUES (1), (2)',
    `CREATE TABLE t.events (
      id bigserial PRIMARY KEY,
      unit_id integer NOT NULL REFERENCES t.units (id),
      org_path ltree NOT NULL,
      at timestamptz NOT NULL DEFAULT now(),
      seq bigint UNIQUE,
      note text CHECK (length(note) < 50)
    )`,
    'CREATE INDEX events_unit ON t.events (unit_id, at DESC)',
    'CREATE INDEX events_path ON t.events USING gist (org_path)',
    'CREATE UNIQUE INDEX events_one_unnoted ON t.events (unit_id, seq) WHERE note IS NULL',
    `CREATE FUNCTION t.refuse() RETURNS trigger LANGUAGE plpgsql AS $f$ BEGIN RAISE EXCEPTION 'append-only: % refused', TG_OP; END $f$`,
    'CREATE TRIGGER events_append_only BEFORE UPDATE OR DELETE ON t.events FOR EACH ROW EXECUTE FUNCTION t.refuse()',
    'CREATE TABLE t.inserts (n integer NOT NULL)',
    'INSERT INTO t.inserts VALUES (0)',
    `CREATE FUNCTION t.count_inserts() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER AS $f$
      BEGIN UPDATE t.inserts SET n = n + (SELECT count(*) FROM fresh); RETURN NULL; END $f$`,
    'CREATE TRIGGER events_counted AFTER INSERT ON t.events REFERENCING NEW TABLE AS fresh FOR EACH STATEMENT EXECUTE FUNCTION t.count_inserts()',
    'CREATE TABLE t.event_notes (event_id bigint REFERENCES t.events (id))',
    `CREATE TABLE t.audit (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, at timestamptz NOT NULL DEFAULT now(), org_path ltree NOT NULL)`,
    'CREATE TABLE t.audit_notes (audit_id bigint REFERENCES t.audit (id), note text)',
    'CREATE TABLE t.letters (id bigserial PRIMARY KEY, at timestamptz NOT NULL, org_path ltree NOT NULL)',
    `INSERT INTO t.events (unit_id, org_path, at, seq, note) VALUES
      (1, 'p61.c6101', '2024-05-03 10:00+08', 1, 'old'), (2, 'p61.c6102', '2026-10-31 23:30+08', 2, 'october'),
      (1, 'p61.c6101', now() - interval '1 hour', 3, 'recent')`,
    `INSERT INTO t.audit (at, org_path) VALUES ('2025-03-01+08', 'p61'), ('2025-06-01+08', 'p61.c6101')`,
    ...tenantTableSql('t.events', 'subtree'),
    // Another table's policy reads the converted one (as a document's policy reads its deliveries).
    'CREATE TABLE t.boards (unit_id integer NOT NULL)',
    'INSERT INTO t.boards VALUES (1), (2)',
    'ALTER TABLE t.boards ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY',
    `CREATE POLICY through_events ON t.boards USING (EXISTS (SELECT 1 FROM t.events e WHERE e.unit_id = boards.unit_id
      AND e.org_path <@ nullif(current_setting('${SCOPE_SETTING}', true), '')::ltree))`,
    ...tenantTableSql('t.audit', 'unit'),
    ...tenantTableSql('t.letters', 'unit'),
    `GRANT USAGE ON SCHEMA t TO ${db.roles.app}, ${db.roles.relay}`,
    `GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA t TO ${db.roles.app}`,
    `GRANT USAGE ON ALL SEQUENCES IN SCHEMA t TO ${db.roles.app}`,
  ];
  for (const s of setup) await owner.query(s);
  await owner.query('begin');
  for (const s of [
    ...partitionKeeperSql('t', db.roles.relay),
    ...partitionByTimeSql({ table: 't.events', column: 'at', period: 'month', ahead: 2, keep: 3 }),
    ...partitionByTimeSql({ table: 't.audit', column: 'at', period: 'year', ahead: 1, keep: 5 }),
    ...partitionByTimeSql({ table: 't.letters', column: 'at', period: 'year', ahead: 1, keep: 10 }),
  ])
    await owner.query(s);
  await owner.query('commit');
  // What migrateService grants after every migration: the new partitions too.
  await owner.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA t TO ${db.roles.app}`);
  app = new pg.Client({ connectionString: db.urlOf('app') });
  relay = new pg.Client({ connectionString: db.urlOf('relay') });
  await app.connect();
  await relay.connect();
});

after(async () => {
  for (const c of [app, relay, owner]) await c?.end().catch(() => {});
  await db?.drop();
});

async function as<T>(scope: string, fn: () => Promise<T>): Promise<T> {
  await app.query('begin');
  try {
    await app.query('select set_config($1, $2, true)', [SCOPE_SETTING, scope]);
    return await fn();
  } finally {
    await app.query('rollback');
  }
}
const partitionsOf = async (table: string) =>
  (
    await owner.query(`select c.relname from pg_inherits i join pg_class c on c.oid = i.inhrelid where i.inhparent = $1::regclass order by 1`, [table])
  ).rows.map((r) => r.relname as string);

describe('converting a table in place', () => {
  test('the table is partitioned, its rows are the first partition, and partitions stand ready ahead', async () => {
    const kind = (await owner.query(`select relkind from pg_class where oid = 't.events'::regclass`)).rows[0].relkind;
    assert.equal(kind, 'p');
    const parts = await partitionsOf('t.events');
    assert.equal(parts[parts.length - 1] !== 'events_before', true);
    assert.ok(parts.includes('events_before'));
    // Through the month after next, Beijing time, as of when they were made (before: a run across a month's end
    // would look a month further); not beyond. The newest partition's bound says which month that was.
    const ahead = await owner.query(
      `select max(upper_bound) - interval '20 days' AS t from (
         select (regexp_match(pg_get_expr(c.relpartbound, c.oid), 'TO \\(''([^'']+)''\\)'))[1]::timestamptz as upper_bound
           from pg_inherits i join pg_class c on c.oid = i.inhrelid where i.inhparent = 't.events'::regclass) b`,
    );
    await as('p61', async () => {
      await app.query(`insert into t.events (unit_id, org_path, at) values (1, 'p61', $1)`, [ahead.rows[0].t]);
    });
    await as('p61', async () => {
      await assert.rejects(
        app.query(`insert into t.events (unit_id, org_path, at) values (1, 'p61', $1::timestamptz + interval '1 month')`, [ahead.rows[0].t]),
        /no partition of relation "events" found/,
      );
    });
  });

  test('the application sees every row it saw before, still scoped by the policy', async () => {
    const mine = await as('p61.c6101', async () => (await app.query('select note from t.events order by at')).rows.map((r) => r.note));
    assert.deepEqual(mine, ['old', 'recent']);
    const all = await as('p61', async () => (await app.query('select count(*)::int n from t.events')).rows[0].n);
    assert.equal(all, 3);
    const audit = await as('p61.c6101', async () => (await app.query('select count(*)::int n from t.audit')).rows[0].n);
    assert.equal(audit, 1);
    const boards = await as('p61.c6101', async () => (await app.query('select unit_id from t.boards')).rows.map((r) => r.unit_id));
    assert.deepEqual(boards, [1], 'another table’s policy reads the partitioned table, not the old one');
  });

  test('writes go on: the policy checks them, ids continue, the triggers fire on the parent, the checks and keys hold', async () => {
    await as('p61.c6101', async () => {
      await assert.rejects(app.query(`insert into t.events (unit_id, org_path) values (1, 'p61.c6102')`), /row-level security/);
    });
    await as('p61.c6101', async () => {
      const before = (await app.query('select n from t.inserts')).rows[0].n;
      const { rows } = await app.query(`insert into t.events (unit_id, org_path, seq) values (1, 'p61.c6101', 9), (1, 'p61.c6101', 10) returning id`);
      assert.ok(
        rows.every((r) => Number(r.id) > 3),
        'the serial goes on from the old table',
      );
      assert.equal((await app.query('select n from t.inserts')).rows[0].n, before + 2, 'the statement trigger saw both rows');
      await assert.rejects(app.query(`update t.events set note = 'changed'`), /append-only: UPDATE refused/);
    });
    await as('p61.c6101', async () => {
      await assert.rejects(app.query(`insert into t.events (unit_id, org_path) values (7, 'p61.c6101')`), /foreign key/);
    });
    await as('p61.c6101', async () => {
      await assert.rejects(app.query(`insert into t.events (unit_id, org_path, note) values (1, 'p61.c6101', repeat('x', 60))`), /check constraint/);
    });
    await as('p61.c6101', async () => {
      const { rows } = await app.query(`insert into t.audit (org_path) values ('p61.c6101') returning id`);
      assert.equal(Number(rows[0].id), 3, 'the identity goes on from the old table');
    });
    const keys = (
      await owner.query(
        `select conname, pg_get_constraintdef(oid) d from pg_constraint where conrelid = 't.events'::regclass and contype in ('p', 'u') order by 1`,
      )
    ).rows;
    assert.deepEqual(
      keys.map((k) => k.d),
      ['PRIMARY KEY (id, at)', 'UNIQUE (seq, at)'],
    );
    assert.ok(notices.some((n) => /replacing event_notes_event_id_fkey on t\.event_notes by a reference check/.test(n)));
    const unique = (await owner.query(`select pg_get_indexdef('t.events_one_unnoted'::regclass) d`)).rows[0].d;
    assert.match(unique, /ON ONLY t\.events USING btree \(unit_id, seq, at\) WHERE \(note IS NULL\)/);
  });

  test('a foreign key to the converted table is checked as before: a missing key is refused, a deleted one still named too', async () => {
    // Rows the application cannot see (another unit's) are found all the same, as PostgreSQL's foreign keys find them.
    const theirs = (await owner.query(`select id from t.audit where org_path = 'p61'`)).rows[0].id;
    const ours = (await owner.query(`select id from t.audit where org_path = 'p61.c6101'`)).rows[0].id;
    await as('p61.c6101', async () => {
      await app.query(`insert into t.audit_notes values ($1, 'theirs'), ($2, 'ours'), (null, 'none')`, [theirs, ours]);
      await app.query(`insert into t.audit_notes select id, 'each' from t.audit`);
    });
    for (const [sql, params] of [
      [`insert into t.audit_notes values ($1, 'x'), (987654, 'missing')`, [ours]],
      [`update t.audit_notes set audit_id = 987654 where note = 'none'`, []],
      [`insert into t.event_notes values (987654)`, []],
    ] as const) {
      await as('p61.c6101', async () => {
        await app.query(`insert into t.audit_notes values (null, 'none')`);
        await assert.rejects(
          app.query(sql, [...params]),
          (e: { code?: string; detail?: string }) => {
            assert.equal(e.code, '23503');
            assert.match(e.detail ?? '', /\(987654\) is not present/);
            return true;
          },
          sql,
        );
      });
    }
    await as('p61.c6101', async () => {
      await app.query(`insert into t.audit_notes values ($1, 'kept')`, [ours]);
      await assert.rejects(app.query('delete from t.audit where id = $1', [ours]), (e: { code?: string; detail?: string }) => {
        assert.equal(e.code, '23503');
        assert.match(e.detail ?? '', /still referenced from table "t\.audit_notes"/);
        return true;
      });
    });
    await as('p61.c6101', async () => {
      const { rows } = await app.query(`insert into t.audit (org_path) values ('p61.c6101') returning id`);
      assert.equal((await app.query('delete from t.audit where id = $1', [rows[0].id])).rowCount, 1, 'a row nobody names is deleted');
    });
  });

  test('a partition read on its own shows the application nothing', async () => {
    const n = await as('p61', async () => (await app.query('select count(*)::int n from t.events_before')).rows[0].n);
    assert.equal(n, 0);
  });

  test('a query for a month reads that month’s partition only', async () => {
    const plan = (
      await owner.query(
        `explain (costs off) select * from t.events where at >= now() + interval '1 month' and at < now() + interval '1 month 1 day' and unit_id = 1`,
      )
    ).rows
      .map((r) => r['QUERY PLAN'])
      .join('\n');
    assert.doesNotMatch(plan, /events_before/);
    assert.equal(plan.match(/ on events_p\d{6} /g)?.length, 1, plan);
  });
});

describe('history loaded from before', () => {
  test('an empty table’s first partition is split into a year each from the history’s start; a table holding rows is refused', async () => {
    const year = Number((await owner.query(`select extract(year from now() at time zone 'Asia/Shanghai')::int y`)).rows[0].y);
    await assert.rejects(app.query(`select t.partition_history('letters', '2023-03-01+08')`), /permission denied/);
    await assert.rejects(owner.query(`select t.partition_history('events', '2023-03-01+08')`), /holds rows/);
    const made = (await owner.query(`select t.partition_history('letters', '2023-03-01+08') n`)).rows[0].n;
    assert.equal(made, year - 2023 + 1);
    const parts = await partitionsOf('t.letters');
    for (let y = 2023; y <= year + 1; y++) assert.ok(parts.includes(`letters_p${y}`), `${y}: ${parts.join(', ')}`);
    await as('p61.c6101', async () => {
      await app.query(`insert into t.letters (at, org_path) values ('2024-06-01+08', 'p61.c6101'), ('2019-06-01+08', 'p61.c6101')`);
      const where = (await app.query(`select tableoid::regclass::text p from t.letters order by at`)).rows.map((r) => r.p);
      assert.deepEqual(where, ['t.letters_before', 't.letters_p2024']);
    });
    const placed = (
      await owner.query(`select c.relname, c.relrowsecurity, c.relforcerowsecurity, pg_get_userbyid(c.relowner) o from pg_class c
        where c.relname in ('letters_before', 'letters_p2024') order by 1`)
    ).rows;
    assert.deepEqual(
      placed.map((r) => [r.relname, r.relforcerowsecurity, r.o]),
      [
        ['letters_before', true, db.roles.owner],
        ['letters_p2024', true, db.roles.owner],
      ],
    );
    await assert.rejects(owner.query(`select t.partition_history('letters', '2020-01-01+08')`), /holds rows|not before/);
  });
});

describe('the keeper', () => {
  test('makes the partitions of the months to come and detaches those past keeping; the detached stay, readable by the owner only', async () => {
    const later = (await owner.query(`select now() + interval '5 months' as t`)).rows[0].t;
    const done = (await relay.query('select t.keep_partitions($1) as n', [later])).rows[0].n;
    assert.ok(done >= 4, `made and detached partitions (${done})`);
    const parts = await partitionsOf('t.events');
    assert.ok(!parts.includes('events_before'), 'the converted table is detached after three months');
    assert.equal((await owner.query(`select count(*)::int n from t.events_before`)).rows[0].n, 0, 'security is forced on it');
    await owner.query('begin');
    await owner.query('alter table t.events_before no force row level security');
    assert.equal((await owner.query(`select count(*)::int n from t.events_before`)).rows[0].n, 3, 'its rows are kept, for the owner to export');
    await owner.query('rollback');
    const seen = await as('p61', async () => (await app.query(`select note from t.events where note is not null`)).rows.map((r) => r.note));
    assert.deepEqual(seen, []);
    const detachedRead = await as('p61', async () => (await app.query('select count(*)::int n from t.events_before')).rows[0].n);
    assert.equal(detachedRead, 0);
    // Run again: nothing more to do.
    assert.equal((await relay.query('select t.keep_partitions($1) as n', [later])).rows[0].n, 0);
    const state = (await app.query(partitionStateSql('t'))).rows;
    const events = state.find((s) => s.table === 'events');
    assert.ok(events.attached >= 6 && events.detached >= 2, JSON.stringify(events));
    assert.ok(new Date(events.ready_until) > new Date(later));
  });

  test('the application may not run the keeper nor change its lists', async () => {
    await assert.rejects(app.query('select t.keep_partitions()'), /permission denied/);
    await app.query('begin');
    const { rowCount } = await app.query(`update t.partitioned_tables set keep = 1`);
    await app.query('rollback');
    assert.equal(rowCount, 0);
  });
});
