// Views (sql.ts): rows a request only shows, as the ORM would map them but outside the unit of work. Against a real
// PostgreSQL (`npm test` starts it and passes its superuser URL as YIZHAN_TEST_ADMIN_URL): the same values as a mapped
// entity, column names to property names, dates as dates; extra columns left out; and a view changed and flushed
// writes nothing, where the same change to a managed entity is written.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { ArrayType, EntitySchema, type MikroORM } from '@mikro-orm/postgresql';
import pg from 'pg';
import { type ThrowawayDatabase, throwawayDatabase } from '../testing/throwaway-database.ts';
import { openOrm } from './orm.ts';
import { viewRows, views } from './sql.ts';

class Note {
  id!: number;
  orgPath!: string;
  title!: string;
  printQuota!: number;
  signedAt!: Date | null;
  details!: Record<string, unknown> | null;
  roles!: string[];
}

describe('views', () => {
  let db: ThrowawayDatabase<'app'>;
  let orm: MikroORM;

  before(async () => {
    db = await throwawayDatabase(['app']);
    const su = new pg.Client({ connectionString: db.superUrl });
    await su.connect();
    await su.query('CREATE SCHEMA t');
    await su.query(`CREATE TABLE t.notes (id serial PRIMARY KEY, org_path text NOT NULL, title text NOT NULL, print_quota int NOT NULL,
      signed_at timestamptz, details jsonb, roles text[] NOT NULL DEFAULT '{}')`);
    await su.query(`INSERT INTO t.notes (org_path, title, print_quota, signed_at, details, roles) VALUES
      ('p61.c6101', '关于春耕的通知', 3, '2026-12-04T01:02:03.456Z', '{"copies": [1, 2]}', '{CLERK,"HEAD OF"}'),
      ('p61.c6102', '会议纪要', 0, NULL, NULL, '{}')`);
    await su.query(`GRANT USAGE ON SCHEMA t TO ${db.roles.app}`);
    await su.query(`GRANT SELECT, UPDATE ON t.notes TO ${db.roles.app}`);
    await su.end();
    const schema = new EntitySchema<Note>({
      class: Note,
      tableName: 'notes',
      properties: {
        id: { type: 'number', primary: true },
        orgPath: { type: 'string' },
        title: { type: 'string' },
        printQuota: { type: 'integer' },
        signedAt: { type: 'Date', nullable: true },
        details: { type: 'json', nullable: true },
        roles: { type: ArrayType, columnType: 'text[]' },
      },
    });
    orm = await openOrm(db.urlOf('app'), { schema: 't', entities: [schema as never], migrations: [] }, { poolMax: 1 });
  });

  after(async () => {
    await orm?.close();
    await db?.drop();
  });

  test('a view holds what the mapped entity holds, by property name and type, and nothing else', async () => {
    const em = orm.em.fork();
    const found = await em.execute('select *, 42 as beside from t.notes order by id');
    const seen = views(em, Note, found);
    const mapped = found.map((r: Record<string, unknown>) => ({ ...em.fork().map(Note, r) }));
    assert.deepEqual(
      seen.map((v) => ({ ...v })),
      mapped,
    );
    assert.deepEqual(seen[0], {
      id: 1,
      orgPath: 'p61.c6101',
      title: '关于春耕的通知',
      printQuota: 3,
      signedAt: new Date('2026-12-04T01:02:03.456Z'),
      details: { copies: [1, 2] },
      roles: ['CLERK', 'HEAD OF'],
    });
    assert.ok(seen[0]?.signedAt instanceof Date);
    assert.equal(seen[1]?.signedAt, null);
    assert.equal('beside' in (seen[0] as object), false, 'a column beside the entity’s is left out');
  });

  test('a view is outside the unit of work: changed and flushed, nothing is written; a managed entity’s change is', async () => {
    const em = orm.em.fork();
    const [view] = await viewRows(em, Note, 'select * from t.notes where id = 1');
    assert.ok(view);
    assert.equal(em.getUnitOfWork().getIdentityMap().values().length, 0);
    view.title = '改过的标题';
    await em.flush();
    assert.deepEqual(await orm.em.fork().execute('select title from t.notes where id = 1'), [{ title: '关于春耕的通知' }]);

    const managed = await em.findOneOrFail(Note, { id: 1 });
    managed.title = '改过的标题';
    await em.flush();
    assert.deepEqual(await orm.em.fork().execute('select title from t.notes where id = 1'), [{ title: '改过的标题' }]);
  });
});
