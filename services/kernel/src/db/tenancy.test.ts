// The tenancy helpers. pgArray: the array literal a raw-SQL parameter takes, quoted so that PostgreSQL reads back
// exactly the strings given (checked against PostgreSQL itself). scopedEm and asUnit: every transaction of the unit of
// work is scoped to the caller's unit, row-level security then shows its subtree only, no scope shows nothing, and
// the scope never outlives its transaction on a pooled connection. Run with `npm test`, which starts the PostgreSQL
// and passes its superuser URL as YIZHAN_TEST_ADMIN_URL.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { EntitySchema, type MikroORM } from '@mikro-orm/postgresql';
import pg from 'pg';
import { type ThrowawayDatabase, throwawayDatabase } from '../testing/throwaway-database.ts';
import { openOrm } from './orm.ts';
import { tenantTableSql } from './rls.ts';
import { asUnit, pgArray, scopedEm } from './tenancy.ts';

const adminUrl = () => {
  const url = process.env.YIZHAN_TEST_ADMIN_URL;
  if (!url) throw new Error('YIZHAN_TEST_ADMIN_URL is not set: this test needs the PostgreSQL that `npm test` starts; run it with `npm test`');
  return url;
};

const tricky = ['plain', 'with space', 'comma,inside', '{braces}', 'quote"inside', 'back\\slash', 'both\\"', 'NULL', '', '公文 第17号', ' lead and trail '];

describe('pgArray', () => {
  test('null and undefined stay null; no values is the empty array', () => {
    assert.equal(pgArray(null), null);
    assert.equal(pgArray(undefined), null);
    assert.equal(pgArray([]), '{}');
  });

  test('every element is double-quoted, with quotes and backslashes escaped', () => {
    assert.equal(pgArray(['a', 'b c']), '{"a","b c"}');
    assert.equal(pgArray(['say "hi"']), '{"say \\"hi\\""}');
    assert.equal(pgArray(['a\\b']), '{"a\\\\b"}');
    assert.equal(pgArray(['NULL']), '{"NULL"}');
  });

  test('PostgreSQL reads back exactly the strings given, whatever they contain', async () => {
    const c = new pg.Client({ connectionString: adminUrl() });
    await c.connect();
    try {
      const { rows } = await c.query('select $1::text[] as a, cardinality($1::text[]) as n', [pgArray(tricky)]);
      assert.deepEqual(rows[0].a, tricky);
      assert.equal(rows[0].n, tricky.length);
      const one = await c.query('select $1::text[] as a', [pgArray(['x,y'])]);
      assert.deepEqual(one.rows[0].a, ['x,y'], 'a comma inside a value does not split it');
      const none = await c.query('select $1::text[] as a', [pgArray([])]);
      assert.deepEqual(none.rows[0].a, []);
      const nil = await c.query('select $1::text[] is null as yes', [pgArray(null)]);
      assert.equal(nil.rows[0].yes, true);
    } finally {
      await c.end();
    }
  });
});

describe('scopedEm and asUnit', () => {
  let db: ThrowawayDatabase<'app'>;
  let orm: MikroORM;
  type Caller = NonNullable<Parameters<typeof scopedEm>[1]>;
  const caller = (orgPath: string, userId = 'u-1') => ({ orgPath, userId }) as unknown as Caller;
  const paths = (rows: { org_path: string }[]) => rows.map((r) => r.org_path).sort();

  before(async () => {
    db = await throwawayDatabase(['app']);
    const role = db.roles.app;
    const su = new pg.Client({ connectionString: db.superUrl });
    await su.connect();
    await su.query('CREATE EXTENSION ltree');
    await su.query('CREATE SCHEMA t');
    await su.query('CREATE TABLE t.notes (id serial PRIMARY KEY, org_path ltree NOT NULL, author text)');
    for (const p of ['p61', 'p61.c6101', 'p61.c6101.k610102', 'p61.c61011']) await su.query('INSERT INTO t.notes (org_path) VALUES ($1)', [p]);
    for (const sql of tenantTableSql('t.notes', 'subtree')) await su.query(sql);
    await su.query(`GRANT USAGE ON SCHEMA t TO ${role}`);
    await su.query(`GRANT SELECT, INSERT ON t.notes TO ${role}`);
    await su.query(`GRANT USAGE ON SEQUENCE t.notes_id_seq TO ${role}`);
    await su.end();
    // One connection, so every unit of work below runs on the same pooled connection one after the other.
    const Note = new EntitySchema({ name: 'Note', tableName: 'notes', properties: { id: { type: 'number', primary: true }, orgPath: { type: 'string' } } });
    orm = await openOrm(db.urlOf('app'), { schema: 't', entities: [Note as never], migrations: [] }, { poolMax: 1 });
  });

  after(async () => {
    await orm?.close();
    await db?.drop();
  });

  test('a caller’s unit of work sees its unit and the units below it, not the sibling p61.c61011', async () => {
    const em = scopedEm(orm, caller('p61.c6101'));
    assert.deepEqual(paths(await em.execute('select org_path::text from t.notes')), ['p61.c6101', 'p61.c6101.k610102']);
    assert.deepEqual(paths(await scopedEm(orm, caller('p61')).execute('select org_path::text from t.notes')), [
      'p61',
      'p61.c6101',
      'p61.c6101.k610102',
      'p61.c61011',
    ]);
  });

  test('the caller’s user id is set alongside the unit', async () => {
    const [row] = await scopedEm(orm, caller('p61.c6101', 'xc.clerk')).execute(
      `select current_setting('yizhan.org_path', true) as org, current_setting('yizhan.user_id', true) as usr`,
    );
    assert.deepEqual(row, { org: 'p61.c6101', usr: 'xc.clerk' });
  });

  test('no caller: the unit of work sees no tenant rows', async () => {
    assert.deepEqual(await scopedEm(orm, null).execute('select org_path::text from t.notes'), []);
  });

  test('asUnit writes as the unit, inside one transaction, and cannot write outside its subtree', async () => {
    await asUnit(orm, 'p61.c6101', async (em) => {
      await em.execute(`insert into t.notes (org_path, author) values ('p61.c6101.k610199', 'asUnit')`);
    });
    await assert.rejects(
      asUnit(orm, 'p61.c6101', (em) => em.execute(`insert into t.notes (org_path, author) values ('p61.c61011', 'asUnit')`)),
      /row-level security/,
    );
    await assert.rejects(
      asUnit(orm, 'p61.c6101', async (em) => {
        await em.execute(`insert into t.notes (org_path, author) values ('p61.c6101', 'rolled back')`);
        throw new Error('the work failed');
      }),
      /the work failed/,
    );
    const written = await scopedEm(orm, caller('p61')).execute(`select org_path::text, author from t.notes where author is not null order by id`);
    assert.deepEqual(written, [{ org_path: 'p61.c6101.k610199', author: 'asUnit' }], 'one transaction: the failed work left nothing behind');
  });

  test('the scope never outlives its transaction on the pooled connection', async () => {
    assert.equal((await scopedEm(orm, caller('p61')).execute('select org_path::text from t.notes')).length > 0, true);
    await asUnit(orm, 'p61', async (em) => em.execute('select 1'));
    // The same (only) connection, now with no scope: it sees nothing.
    const [row] = await orm.em.fork().execute(`select current_setting('yizhan.org_path', true) as org`);
    assert.equal(row?.org ?? '', '');
    assert.deepEqual(await orm.em.fork().execute('select org_path::text from t.notes'), []);
  });
});
