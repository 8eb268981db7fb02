// A transaction's begin sent with its scope (scoped-begin.ts), against a real PostgreSQL through MikroORM as the
// services use it: two round trips fewer per scoped transaction, the scope exactly what was given whatever it
// contains, a first statement's parameters of every kind read as an extended query reads them, the transaction as real
// as before (a failure rolls back all of it), and one that ends before any statement sends nothing. Run with `npm test`.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { type EntityManager, EntitySchema, type MikroORM } from '@mikro-orm/postgresql';
import { sql } from 'kysely';
import pg from 'pg';
import { type ThrowawayDatabase, throwawayDatabase } from '../testing/throwaway-database.ts';
import { openOrm } from './orm.ts';
import { withSql } from './sql.ts';
import { scopedEm } from './tenancy.ts';

type Caller = NonNullable<Parameters<typeof scopedEm>[1]>;
const caller = (orgPath: string, userId: string) => ({ orgPath, userId, orgId: 'o-1' }) as unknown as Caller;

let db: ThrowawayDatabase<'app'>;
let orm: MikroORM;
/** Round trips so far: PostgreSQL says it is ready for the next query once per round trip. */
let roundTrips = 0;
const counted = async (work: () => Promise<unknown>) => {
  const before = roundTrips;
  await work();
  return roundTrips - before;
};

before(async () => {
  db = await throwawayDatabase(['app']);
  const su = new pg.Client({ connectionString: db.superUrl });
  await su.connect();
  await su.query('CREATE SCHEMA t');
  await su.query('CREATE TABLE t.notes (id serial PRIMARY KEY, body text NOT NULL)');
  await su.query(`GRANT USAGE ON SCHEMA t TO ${db.roles.app}`);
  await su.query(`GRANT SELECT, INSERT ON t.notes TO ${db.roles.app}`);
  await su.query(`GRANT USAGE ON SEQUENCE t.notes_id_seq TO ${db.roles.app}`);
  await su.end();
  const Note = new EntitySchema({ name: 'Note', tableName: 'notes', properties: { id: { type: 'number', primary: true }, body: { type: 'string' } } });
  orm = await openOrm(db.urlOf('app'), { schema: 't', entities: [Note as never], migrations: [] }, { poolMax: 1 });
  const pool = (await orm.em.getConnection().getNativeClient()) as unknown as pg.Pool;
  const count = (client: unknown) => (client as { connection: pg.Connection }).connection.on('readyForQuery', () => roundTrips++);
  // The pool's one connection, open already or opened later.
  for (const client of (pool as unknown as { _clients: unknown[] })._clients) count(client);
  pool.on('connect', count);
  await orm.em.fork().execute('select 1');
  assert.ok(roundTrips > 0, 'the round trips are counted');
});

after(async () => {
  await orm?.close();
  await db?.drop();
});

test("the pool's connections say whose requests they carry, in pg_stat_activity", async () => {
  const [row] = await orm.em.fork().execute(`select current_setting('application_name') as name`);
  assert.equal(row?.name, 'requests (t)');
});

test('a scoped read is two round trips (begin, scope and the read together; commit), not four', async () => {
  const em = scopedEm(orm, caller('p61.c6101', 'u-1'));
  assert.equal(await counted(() => em.execute('select 1')), 2);
});

test('a scoped transaction with one write is two round trips, and the write is in it', async () => {
  const em = scopedEm(orm, caller('p61', 'u-1'));
  assert.equal(await counted(() => withSql(em, (k) => sql`insert into t.notes (body) values (${'kept'})`.execute(k))), 2);
  await assert.rejects(
    scopedEm(orm, caller('p61', 'u-1')).transactional(async (tx) => {
      await (tx as EntityManager).execute(`insert into t.notes (body) values ('rolled back')`);
      throw new Error('the work failed');
    }),
    /the work failed/,
  );
  const bodies = await orm.em.fork().execute('select body from t.notes order by id');
  assert.deepEqual(bodies, [{ body: 'kept' }], 'the failed transaction left nothing');
});

test('the scope reads back exactly as given: quotes, backslashes, Chinese, an empty value', async () => {
  for (const [path, user] of [
    ["p61.c'6101", 'back\\slash'],
    ['p61.公文', "O'Brien\\'s"],
    ['', 'u-2'],
  ] as const) {
    const [row] = await scopedEm(orm, caller(path, user)).execute(
      `select current_setting('yizhan.org_path', true) as org, current_setting('yizhan.user_id', true) as usr`,
    );
    assert.deepEqual(row, { org: path, usr: user });
  }
});

test('a transaction that ends before any statement sends nothing, scoped or not', async () => {
  assert.equal(await counted(() => orm.em.fork().transactional(async () => {})), 0);
  assert.equal(await counted(() => scopedEm(orm, caller('p61', 'u-1')).transactional(async () => {})), 0);
  const [row] = await orm.em.fork().execute(`select current_setting('yizhan.org_path', true) as org, txid_current_if_assigned() as tx`);
  assert.deepEqual(row, { org: '', tx: null }, 'no scope and no transaction left open');
});

test('an unscoped transaction still runs its statements inside one transaction', async () => {
  const [row] = await orm.em.fork().transactional(async (tx) => {
    await (tx as EntityManager).execute(`insert into t.notes (body) values ('unscoped')`);
    return (tx as EntityManager).execute(`select count(*)::int as n, txid_current_if_assigned() is not null as open from t.notes`);
  });
  assert.deepEqual(row, { n: 2, open: true });
});

test('a first statement’s parameters of every kind read back as an extended query reads them', async () => {
  const v = [
    'O\'Brien \\ 公文 "quoted" $1 -- /* */ ;',
    42,
    true,
    new Date('2026-12-02T01:02:03.456Z'),
    Buffer.from([0, 1, 0xfe, 0xff]),
    ['x', 'y,z', 'with "quote"'],
    { title: '关于', n: 1, nested: { ok: true } },
    null,
    '0b4c4e3e-8d7f-4a3e-9f6b-1d2c3b4a5e6f',
  ];
  const query = sql<Record<string, unknown>>`select ${v[0]}::text as t, ${v[1]}::int as n, ${v[2]}::boolean as b, ${v[3]}::timestamptz as at,
    ${v[4]}::bytea as bytes, ${v[5]}::text[] as list, ${v[6]}::jsonb as doc, ${v[7]}::text as nothing, ${'x'} = any(${v[5]}::text[]) as has_x,
    ${v[8]}::uuid as id, ${v[1]} + 1 as untyped_sum`;
  let got: unknown;
  let compiled: { sql: string; parameters: readonly unknown[] } | undefined;
  const trips = await counted(async () => {
    got = await withSql(scopedEm(orm, caller('p61', 'u-1')), async (k) => {
      compiled = query.compile(k);
      return (await query.execute(k)).rows[0];
    });
  });
  // The same statement as an extended query (the pool's Kysely, outside any transaction), read by the same parsers.
  const expected = (await query.execute(orm.em.fork().getKysely())).rows[0];
  assert.ok(compiled?.parameters.length, 'the statement has parameters');
  assert.deepEqual(got, expected);
  assert.equal(trips, 2, 'written in with the begin and the scope');
});

test('a statement with a quote of its own goes behind the begin, as its own query, and still reads right', async () => {
  const em = scopedEm(orm, caller('p61', 'u-1'));
  let rows: unknown;
  const trips = await counted(async () => {
    rows = await em.execute(`select 'it''s' as said, current_setting('yizhan.org_path', true) as org`);
  });
  assert.deepEqual(rows, [{ said: "it's", org: 'p61' }]);
  assert.equal(trips, 3);
});

test('a transaction whose connection is lost fails, and the pool gets its connection back: mid-way, before or at its commit, at its first statement', async () => {
  const su = new pg.Client({ connectionString: db.superUrl });
  await su.connect();
  /** The backend ended as a PostgreSQL restart or a failover ends it, and gone before the caller goes on. */
  const lose = async (pid: number, wait = true) => {
    await su.query('select pg_terminate_backend($1)', [pid]);
    while (wait && (await su.query('select 1 from pg_stat_activity where pid = $1', [pid])).rowCount) await new Promise((r) => setTimeout(r, 20));
  };
  const pidOf = async (em: EntityManager) => ((await em.execute('select pg_backend_pid() as pid')) as { pid: number }[])[0]?.pid as number;
  /** The pool has one connection: a transaction that kept it would leave every later query waiting for ever. */
  const answers = async () =>
    Promise.race([
      scopedEm(orm, caller('p61', 'u-1')).execute('select 1 as one'),
      new Promise((_, reject) => setTimeout(() => reject(new Error('the pool never got its connection back')), 10_000)),
    ]);
  try {
    const ways: [string, () => Promise<unknown>][] = [
      [
        'mid-way',
        () =>
          scopedEm(orm, caller('p61', 'u-1')).transactional(async (tx) => {
            await lose(await pidOf(tx as EntityManager));
            await tx.execute('select 1');
          }),
      ],
      ['before its commit', () => scopedEm(orm, caller('p61', 'u-1')).transactional(async (tx) => lose(await pidOf(tx as EntityManager)))],
      // The server's FATAL message and the socket's end may reach the commit and the rollback in either order.
      [
        'at its commit, the loss still on its way',
        () => scopedEm(orm, caller('p61', 'u-1')).transactional(async (tx) => lose(await pidOf(tx as EntityManager), false)),
      ],
      [
        'at its first statement (its begin and scope still held)',
        async () => {
          // The pool's one connection is the one the transaction will be handed.
          const pid = await pidOf(orm.em.fork());
          await scopedEm(orm, caller('p61', 'u-1')).transactional(async (tx) => {
            await lose(pid);
            await tx.execute('select 1');
          });
        },
      ],
    ];
    for (const [way, transaction] of [...ways, ...ways, ...ways]) {
      // Lost before its commit answered, it fails; a commit that outran the loss stands (told either way, never hung).
      if (way.includes('on its way')) await transaction().catch(() => {});
      else await assert.rejects(transaction(), `${way}: the caller is told it failed`);
      assert.deepEqual(await answers(), [{ one: 1 }], `${way}: the next query has a connection`);
    }
    const pool = (await orm.em.getConnection().getNativeClient()) as unknown as pg.Pool;
    assert.equal(pool.waitingCount, 0);
  } finally {
    await su.end();
  }
});
