// Row-level security underneath the application: these tests talk SQL as the application role, the way a
// forgotten filter or an injected query would, and check PostgreSQL still keeps every unit to its own rows.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import pg from 'pg';
import { freshDatabase, type TestDatabase } from '../../../test/support/harness.ts';

let db: TestDatabase;
let pool: pg.Pool;
before(async () => {
  db = await freshDatabase();
  // One connection: every query below reuses the same pooled session, as a busy service would.
  pool = new pg.Pool({ connectionString: db.appUrl, max: 1 });
});
after(async () => {
  await pool.end();
  await db.drop();
});

/** Runs `fn` in one transaction with the scope set the way the services set it. */
async function asScope<T>(path: string | null, fn: (c: pg.PoolClient) => Promise<T>): Promise<T> {
  const c = await pool.connect();
  try {
    await c.query('begin');
    if (path !== null) await c.query("select set_config('yizhan.org_path', $1, true)", [path]);
    const r = await fn(c);
    await c.query('commit');
    return r;
  } catch (e) {
    await c.query('rollback');
    throw e;
  } finally {
    c.release();
  }
}

const count = async (c: pg.PoolClient, sql: string, params: unknown[] = []) => Number((await c.query(sql, params)).rows[0].n);

const XINCHENG = 'p61.c6101.k610102';
const BEILIN = 'p61.c6101.k610103';
const XIAN = 'p61.c6101';

describe('row-level security on tenant tables', () => {
  test('with no scope set, every tenant table reads as empty', async () => {
    await asScope(null, async (c) => {
      for (const table of ['org.users', 'org.contacts', 'org.orgs', 'org.org_names', 'org.outbox']) {
        assert.equal(await count(c, `select count(*) as n from ${table}`), 0, `${table} should show nothing without a scope`);
      }
    });
  });

  test('an empty scope does not match everything', async () => {
    await asScope('', async (c) => {
      assert.equal(await count(c, 'select count(*) as n from org.users'), 0);
    });
  });

  test('after a committed scoped transaction, the same pooled connection sees nothing again', async () => {
    const seen = await asScope(XIAN, (c) => count(c, 'select count(*) as n from org.users'));
    assert.ok(seen > 0, 'the city sees its own accounts inside its scope');
    await asScope(null, async (c) => {
      assert.equal(await count(c, 'select count(*) as n from org.users'), 0);
      assert.equal((await c.query("select current_setting('yizhan.org_path', true) as s")).rows[0].s, '');
    });
  });

  test('a county sees its own accounts, its city sees them too, a sibling county sees none', async () => {
    const own = await asScope(XINCHENG, (c) => count(c, 'select count(*) as n from org.users where org_path = $1::ltree', [XINCHENG]));
    const fromCity = await asScope(XIAN, (c) => count(c, 'select count(*) as n from org.users where org_path = $1::ltree', [XINCHENG]));
    const fromSibling = await asScope(BEILIN, (c) => count(c, 'select count(*) as n from org.users where org_path = $1::ltree', [XINCHENG]));
    assert.ok(own >= 3, `新城区 has its demo accounts (got ${own})`);
    assert.equal(fromCity, own, '西安市 supervises 新城区 and sees the same accounts');
    assert.equal(fromSibling, 0, '碑林区 sees nothing of 新城区');
    const upward = await asScope(XINCHENG, (c) => count(c, 'select count(*) as n from org.users where org_path = $1::ltree', [XIAN]));
    assert.equal(upward, 0, 'a county does not see its city’s accounts');
  });

  test('a write outside the caller’s subtree is refused and leaves nothing behind', async () => {
    const [org] = (await asScope(BEILIN, (c) => c.query('select id from org.orgs where path = $1::ltree', [BEILIN]))).rows;
    await assert.rejects(
      asScope(XINCHENG, (c) =>
        c.query("insert into org.contacts (org_id, org_path, name, post, phone) values ($1, $2::ltree, '冒名', '值班', '029-1234567')", [org.id, BEILIN]),
      ),
      /row-level security/,
    );
    await assert.rejects(
      asScope(XINCHENG, (c) =>
        c.query("update org.users set display_name = 'x' where org_path = $1::ltree returning id", [BEILIN]).then((r) => {
          if (r.rowCount === 0) throw new Error('row-level security: no row visible to update');
        }),
      ),
      /row-level security/,
    );
    // Moving one's own row out of scope is refused too (WITH CHECK).
    await assert.rejects(
      asScope(XINCHENG, (c) => c.query('update org.users set org_path = $1::ltree where org_path = $2::ltree', [BEILIN, XINCHENG])),
      /row-level security/,
    );
    const after = await asScope(BEILIN, (c) => count(c, "select count(*) as n from org.contacts where name = '冒名'"));
    assert.equal(after, 0);
  });

  test('the directory of units is readable by any unit but writable only within its subtree', async () => {
    const seen = await asScope(BEILIN, (c) => count(c, 'select count(*) as n from org.orgs'));
    assert.ok(seen > 100, 'every unit can address every other unit');
    await assert.rejects(
      asScope(BEILIN, async (c) => {
        const r = await c.query("update org.orgs set name = '改名' where path = $1::ltree", [XINCHENG]);
        if (r.rowCount === 0) throw new Error('row-level security: not updatable');
      }),
      /row-level security/,
    );
  });

  test('the application role cannot bypass row-level security', async () => {
    const c = await pool.connect();
    try {
      const role = (await c.query('select rolsuper, rolbypassrls from pg_roles where rolname = current_user')).rows[0];
      assert.deepEqual(role, { rolsuper: false, rolbypassrls: false });
      const owned = await c.query("select count(*)::int as n from pg_tables where tableowner = current_user and schemaname = 'org'");
      assert.equal(owned.rows[0].n, 0, 'the application role owns no table');
      await assert.rejects(c.query('alter table org.users disable row level security'), /must be owner/);
      await assert.rejects(c.query('alter table org.users no force row level security'), /must be owner/);
      await assert.rejects(c.query('select * from org.auth_lookup_all()'), /does not exist/);
      // With row_security off, PostgreSQL raises instead of silently filtering for a role subject to policies.
      await c.query('set row_security = off');
      await assert.rejects(c.query('select count(*) from org.users'), /row-level security/);
      await c.query('reset row_security');
      await assert.rejects(c.query('set role yizhan_migrator'), /permission denied/);
    } finally {
      c.release();
    }
  });

  test('every table in the org schema has row-level security forced', async () => {
    const c = new pg.Client({ connectionString: db.superUrl });
    await c.connect();
    try {
      const { rows } = await c.query(
        "select c.relname, c.relrowsecurity, c.relforcerowsecurity from pg_class c join pg_namespace n on n.oid = c.relnamespace where n.nspname = 'org' and c.relkind in ('r', 'p') and c.relname <> 'schema_migrations'",
      );
      assert.ok(rows.length >= 5);
      for (const r of rows) assert.ok(r.relrowsecurity && r.relforcerowsecurity, `${r.relname} must have RLS enabled and forced`);
    } finally {
      await c.end();
    }
  });
});
