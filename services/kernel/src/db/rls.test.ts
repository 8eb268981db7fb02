// Row-level security as the kernel declares it, enforced by a real PostgreSQL for a role without BYPASSRLS: each
// policy kind ('unit', 'subtree', 'directory', and the two-party policy) lets a caller read and write exactly what it
// promises, compares paths by whole labels (p61.c61011 is not below p61.c6101), and shows nothing at all to a
// transaction whose scope is unset or empty. The database is a throwaway one made here; run with `npm test`, which
// starts the PostgreSQL and passes its superuser URL as YIZHAN_TEST_ADMIN_URL.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import pg from 'pg';
import { type ThrowawayDatabase, throwawayDatabase } from '../testing/throwaway-database.ts';
import { partiesTableSql, SCOPE_SETTING, scopeOncePerStatementSql, tenantTableSql } from './rls.ts';

const PATHS = ['p61', 'p61.c6101', 'p61.c6101.k610102', 'p61.c61011', 'p61.c6102'];
let db: ThrowawayDatabase<'app'>;
let su: pg.Client;
let app: pg.Client;

before(async () => {
  db = await throwawayDatabase(['app']);
  su = new pg.Client({ connectionString: db.superUrl });
  await su.connect();
  await su.query('CREATE EXTENSION ltree');
  await su.query('CREATE SCHEMA t');
  for (const table of ['unit_rows', 'subtree_rows', 'directory_rows']) {
    await su.query(`CREATE TABLE t.${table} (id serial PRIMARY KEY, org_path ltree NOT NULL, note text)`);
    for (const p of PATHS) await su.query(`INSERT INTO t.${table} (org_path, note) VALUES ($1, 'seed')`, [p]);
  }
  await su.query('CREATE TABLE t.deliveries (id serial PRIMARY KEY, from_path ltree NOT NULL, to_path ltree NOT NULL, note text)');
  await su.query(`INSERT INTO t.deliveries (from_path, to_path, note) VALUES ('p61.c6101', 'p61.c6102', 'seed'), ('p61.c61011', 'p61.c6103', 'seed')`);
  const statements = [
    ...tenantTableSql('t.unit_rows', 'unit'),
    ...tenantTableSql('t.subtree_rows', 'subtree'),
    ...tenantTableSql('t.directory_rows', 'directory'),
    ...partiesTableSql('t.deliveries', ['from_path', 'to_path']),
  ];
  for (const sql of statements) await su.query(sql);
  await su.query(`GRANT USAGE ON SCHEMA t TO ${db.roles.app}`);
  await su.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA t TO ${db.roles.app}`);
  await su.query(`GRANT USAGE ON ALL SEQUENCES IN SCHEMA t TO ${db.roles.app}`);
  app = new pg.Client({ connectionString: db.urlOf('app') });
  await app.connect();
});

after(async () => {
  await app?.end().catch(() => {});
  await su?.end().catch(() => {});
  await db?.drop();
});

/** Runs `fn` in a transaction of the application role, scoped as the services scope it (set_config(..., true)).
 * Rolled back afterwards, so each test sees the seed rows only. */
async function as<T>(scope: string | null, fn: (q: (sql: string, params?: unknown[]) => Promise<pg.QueryResult>) => Promise<T>): Promise<T> {
  await app.query('begin');
  try {
    if (scope !== null) await app.query('select set_config($1, $2, true)', [SCOPE_SETTING, scope]);
    return await fn((sql, params) => app.query(sql, params));
  } finally {
    await app.query('rollback');
  }
}
const pathsOf = (r: pg.QueryResult) => r.rows.map((x) => x.org_path as string).sort();
/** Whether the statement is refused by a policy (a WITH CHECK failure), inside a savepoint so the test goes on. */
async function refused(q: (sql: string, params?: unknown[]) => Promise<pg.QueryResult>, sql: string, params: unknown[]): Promise<boolean> {
  await q('savepoint s');
  try {
    await q(sql, params);
    await q('release savepoint s');
    return false;
  } catch (e) {
    await q('rollback to savepoint s');
    assert.match((e as Error).message, /row-level security/);
    return true;
  }
}

describe("policy 'unit': the caller's own unit only", () => {
  test('reads its own rows, not those below, above or of a sibling', async () => {
    await as('p61.c6101', async (q) => {
      assert.deepEqual(pathsOf(await q('select org_path::text from t.unit_rows')), ['p61.c6101']);
    });
  });

  test('writes only its own rows', async () => {
    await as('p61.c6101', async (q) => {
      assert.equal(await refused(q, `insert into t.unit_rows (org_path) values ($1)`, ['p61.c6101']), false);
      assert.equal(await refused(q, `insert into t.unit_rows (org_path) values ($1)`, ['p61.c6101.k610102']), true);
      assert.equal(await refused(q, `update t.unit_rows set org_path = 'p61.c6102' where org_path = 'p61.c6101'`, []), true);
      assert.equal((await q(`delete from t.unit_rows where org_path = 'p61.c6102'`)).rowCount, 0);
    });
  });
});

describe("policy 'subtree': the caller's unit and every unit below it", () => {
  test('reads its subtree; not the sibling p61.c61011, not the unit above', async () => {
    await as('p61.c6101', async (q) => {
      assert.deepEqual(pathsOf(await q('select org_path::text from t.subtree_rows')), ['p61.c6101', 'p61.c6101.k610102']);
    });
    await as('p61.c61011', async (q) => {
      assert.deepEqual(pathsOf(await q('select org_path::text from t.subtree_rows')), ['p61.c61011']);
    });
    await as('p61', async (q) => {
      assert.deepEqual(pathsOf(await q('select org_path::text from t.subtree_rows')), [...PATHS].sort());
    });
  });

  test('writes within its subtree only, and cannot move a row out of it', async () => {
    await as('p61.c6101', async (q) => {
      assert.equal(await refused(q, `insert into t.subtree_rows (org_path) values ($1)`, ['p61.c6101.k610199']), false);
      assert.equal(await refused(q, `insert into t.subtree_rows (org_path) values ($1)`, ['p61.c61011']), true);
      assert.equal(await refused(q, `insert into t.subtree_rows (org_path) values ($1)`, ['p61']), true);
      assert.equal(await refused(q, `update t.subtree_rows set org_path = 'p61.c61011' where org_path = 'p61.c6101.k610102'`, []), true);
      assert.equal((await q(`update t.subtree_rows set note = 'x' where org_path = 'p61.c61011'`)).rowCount, 0);
      assert.equal((await q(`delete from t.subtree_rows where org_path = 'p61.c61011'`)).rowCount, 0);
      assert.equal((await q(`delete from t.subtree_rows where org_path = 'p61.c6101.k610102'`)).rowCount, 1);
    });
  });
});

describe("policy 'directory': read by any unit, written within the subtree", () => {
  test('any scoped caller reads every row', async () => {
    await as('p61.c61011', async (q) => {
      assert.deepEqual(pathsOf(await q('select org_path::text from t.directory_rows')), [...PATHS].sort());
    });
  });

  test('inserts, updates and deletes only within its subtree', async () => {
    await as('p61.c6101', async (q) => {
      assert.equal(await refused(q, `insert into t.directory_rows (org_path) values ($1)`, ['p61.c6101.k610199']), false);
      assert.equal(await refused(q, `insert into t.directory_rows (org_path) values ($1)`, ['p61.c61011']), true);
      assert.equal((await q(`update t.directory_rows set note = 'x' where org_path = 'p61.c61011'`)).rowCount, 0);
      assert.equal((await q(`update t.directory_rows set note = 'x' where org_path = 'p61.c6101.k610102'`)).rowCount, 1);
      assert.equal(await refused(q, `update t.directory_rows set org_path = 'p61.c6102' where org_path = 'p61.c6101.k610102'`, []), true);
      assert.equal((await q(`delete from t.directory_rows where org_path = 'p61'`)).rowCount, 0);
      assert.equal((await q(`delete from t.directory_rows where org_path = 'p61.c6101'`)).rowCount, 1);
    });
  });
});

describe('the two-party policy: either end, and the units above either end', () => {
  test('the sender’s side and the recipient’s side see the row; a sibling of the sender does not', async () => {
    const notes = async (scope: string) => as(scope, async (q) => (await q('select from_path::text, to_path::text from t.deliveries order by id')).rows);
    assert.deepEqual(await notes('p61.c6101'), [{ from_path: 'p61.c6101', to_path: 'p61.c6102' }]);
    assert.deepEqual(await notes('p61.c6102'), [{ from_path: 'p61.c6101', to_path: 'p61.c6102' }]);
    assert.deepEqual(await notes('p61.c61011'), [{ from_path: 'p61.c61011', to_path: 'p61.c6103' }]);
    assert.equal((await notes('p61')).length, 2);
    assert.deepEqual(await notes('p61.c6104'), []);
  });

  test('either end may write; a third unit may not', async () => {
    await as('p61.c6102', async (q) => {
      const insert = `insert into t.deliveries (from_path, to_path) values ($1, $2)`;
      assert.equal(await refused(q, insert, ['p61.c6101', 'p61.c6102']), false);
      assert.equal(await refused(q, insert, ['p61.c6102', 'p61.c6103']), false);
      assert.equal(await refused(q, insert, ['p61.c6101', 'p61.c61011']), true);
    });
  });
});

describe('no scope, no rows', () => {
  for (const scope of [null, '']) {
    test(`with the scope ${scope === null ? 'unset' : 'empty'}, every policy shows nothing and refuses every write`, async () => {
      await as(scope, async (q) => {
        for (const table of ['unit_rows', 'subtree_rows', 'directory_rows', 'deliveries']) {
          assert.equal((await q(`select count(*)::int as n from t.${table}`)).rows[0].n, 0, table);
        }
        assert.equal(await refused(q, `insert into t.subtree_rows (org_path) values ($1)`, ['p61']), true);
        assert.equal(await refused(q, `insert into t.directory_rows (org_path) values ($1)`, ['p61']), true);
      });
    });
  }

  test('the scope ends with the transaction', async () => {
    await as('p61', async (q) => {
      assert.equal((await q('select count(*)::int as n from t.subtree_rows')).rows[0].n, PATHS.length);
    });
    assert.equal((await app.query('select count(*)::int as n from t.subtree_rows')).rows[0].n, 0);
  });
});

describe('the scope read once per statement', () => {
  test('a policy written with the scope inline is restated to read it once, and admits exactly what it did', async () => {
    await su.query('CREATE TABLE t.inline_rows (id serial PRIMARY KEY, from_path ltree NOT NULL, to_path ltree NOT NULL)');
    for (const [a, b] of [
      ['p61.c6101', 'p61.c6102'],
      ['p61.c61011', 'p61.c6103'],
      ['p61', 'p61.c6101.k610102'],
    ])
      await su.query('INSERT INTO t.inline_rows (from_path, to_path) VALUES ($1, $2)', [a, b]);
    const inline = `nullif(current_setting('${SCOPE_SETTING}', true), '')::ltree`;
    await su.query('ALTER TABLE t.inline_rows ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY');
    await su.query(`CREATE POLICY two_ends ON t.inline_rows USING (from_path <@ ${inline} OR to_path <@ ${inline}) WITH CHECK (from_path <@ ${inline})`);
    await su.query(`GRANT SELECT, INSERT ON t.inline_rows TO ${db.roles.app}`);
    await su.query(`GRANT USAGE ON SEQUENCE t.inline_rows_id_seq TO ${db.roles.app}`);
    const seen = async () => {
      const out: Record<string, string[]> = {};
      for (const scope of [...PATHS, '', null])
        out[String(scope)] = await as(scope, async (q) =>
          (await q("select from_path::text || '>' || to_path::text as r from t.inline_rows order by 1")).rows.map((x) => x.r),
        );
      return out;
    };
    const before = await seen();
    const plan = async () =>
      as('p61.c6101', async (q) => (await q('explain (costs off) select * from t.inline_rows')).rows.map((r) => r['QUERY PLAN']).join('\n'));
    assert.doesNotMatch(await plan(), /InitPlan/, 'inline: read per row');
    await su.query(scopeOncePerStatementSql('t'));
    const [policy] = (await su.query(`select qual, with_check from pg_policies where schemaname = 't' and tablename = 'inline_rows'`)).rows;
    assert.doesNotMatch(`${policy.qual} ${policy.with_check}`, /(?<!SELECT )\(NULLIF\(current_setting/, 'no setting read inline is left');
    assert.match(await plan(), /InitPlan/, 'read once, before the first row');
    assert.deepEqual(await seen(), before, 'the same rows for every scope, and none without one');
    assert.equal(await as('p61.c6102', (q) => refused(q, 'insert into t.inline_rows (from_path, to_path) values ($1, $2)', ['p61.c6101', 'p61.c6102'])), true);
    assert.equal(await as('p61.c6101', (q) => refused(q, 'insert into t.inline_rows (from_path, to_path) values ($1, $2)', ['p61.c6101', 'p61.c6102'])), false);
    // Run again, nothing changes (what is read once already is left as it is).
    await su.query(scopeOncePerStatementSql('t'));
    assert.deepEqual((await su.query(`select qual, with_check from pg_policies where schemaname = 't' and tablename = 'inline_rows'`)).rows[0], policy);
    assert.throws(() => scopeOncePerStatementSql('t; drop schema t'), /Unsafe schema/);
  });
});

describe('the statements', () => {
  test('a table must be named with its schema', () => {
    assert.throws(() => tenantTableSql('unit_rows', 'unit'), /schema\.table/);
    assert.throws(() => partiesTableSql('deliveries'), /schema\.table/);
    assert.throws(() => tenantTableSql('t.rows; drop table x', 'unit'), /schema\.table/);
  });
});
