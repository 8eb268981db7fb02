// A durable consumer of another service's events, against a real PostgreSQL with the real relay: it handles each
// published event of its types once, in publish order, in a transaction scoped to the event's unit, together with
// moving its stored position; an event whose handler fails is neither skipped nor half-done, and is handled once the
// fault clears; a consumer that was stopped resumes after its position. The database is a throwaway one made here;
// run with `npm test`, which starts the PostgreSQL and passes its superuser URL as YIZHAN_TEST_ADMIN_URL.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { EntitySchema, type MikroORM } from '@mikro-orm/postgresql';
import { defineEvents } from '@yizhan/common';
import pg from 'pg';
import { z } from 'zod';
import { openOrm } from '../db/orm.ts';
import { tenantTableSql } from '../db/rls.ts';
import { recordingLog } from '../testing/recording-log.ts';
import { outboxDatabase } from '../testing/throwaway-database.ts';
import { startEventConsumer } from './consumer.ts';
import { postgresBus } from './postgres.ts';
import { type Relay, startRelay } from './relay.ts';

const SOURCE = 'src';
/** The followed service's catalogue, as its contract would declare it. */
const catalogue = defineEvents(SOURCE, {
  UNIT_DISSOLVED: z.object({ unit: z.string() }),
  UNIT_MERGED: z.object({ unit: z.string() }),
  USER_RENAMED: z.object({ unit: z.string() }),
});

let db: Awaited<ReturnType<typeof outboxDatabase>>;
let su: pg.Client;
let writer: pg.Client;
let relay: Relay;
let orm: MikroORM;
const { log, errors } = recordingLog();

before(async () => {
  db = await outboxDatabase(SOURCE, async (su, { app }) => {
    await su.query('CREATE SCHEMA dst');
    await su.query('CREATE TABLE dst.positions (source text PRIMARY KEY, seq bigint NOT NULL)');
    await su.query('CREATE TABLE dst.handled (id serial PRIMARY KEY, seq bigint NOT NULL, type text NOT NULL, org_path ltree NOT NULL)');
    for (const sql of tenantTableSql('dst.handled', 'subtree')) await su.query(sql);
    await su.query(`GRANT USAGE ON SCHEMA dst TO ${app}`);
    await su.query(`GRANT SELECT, INSERT, UPDATE ON dst.positions, dst.handled TO ${app}`);
    await su.query(`GRANT USAGE ON SEQUENCE dst.handled_id_seq TO ${app}`);
  });
  su = new pg.Client({ connectionString: db.superUrl });
  await su.connect();
  writer = new pg.Client({ connectionString: db.appUrl });
  await writer.connect();
  relay = await startRelay({ relayUrl: db.relayUrl, schema: SOURCE, bus: postgresBus, log, pollMs: 60_000 });
  const Handled = new EntitySchema({ name: 'Handled', tableName: 'handled', properties: { id: { type: 'number', primary: true } } });
  orm = await openOrm(db.appUrl, { schema: 'dst', entities: [Handled as never], migrations: [] }, { poolMax: 2 });
});

after(async () => {
  await orm?.close();
  await relay?.close();
  await writer?.end().catch(() => {});
  await su?.end().catch(() => {});
  await db?.drop();
});

/** Commits one event of the source service and has the relay publish it; returns its publish_seq. */
async function publish(type: string, orgPath: string, payload: Record<string, unknown> = { unit: orgPath }): Promise<number> {
  await writer.query('begin');
  await writer.query(`select set_config('yizhan.org_path', $1, true)`, [orgPath]);
  const { rows } = await writer.query(`insert into ${SOURCE}.outbox (type, org_path, payload) values ($1, $2::ltree, $3::jsonb) returning id`, [
    type,
    orgPath,
    JSON.stringify(payload),
  ]);
  await writer.query('commit');
  await relay.drain();
  const r = await su.query(`select publish_seq from ${SOURCE}.outbox where id = $1`, [rows[0].id]);
  return Number(r.rows[0].publish_seq);
}

async function handled(): Promise<[number, string, string][]> {
  const { rows } = await su.query('select seq, type, org_path::text from dst.handled order by id');
  return rows.map((r) => [Number(r.seq), r.type, r.org_path]);
}
async function position(): Promise<number | null> {
  const { rows } = await su.query('select seq from dst.positions where source = $1', [SOURCE]);
  return rows[0] ? Number(rows[0].seq) : null;
}

let fault: string | null = null;
const scopes: [number, string][] = [];

function consumer(opts: { scopeOf?: (e: { orgPath: string }) => string } = {}) {
  return startEventConsumer({
    relayUrl: db.relayUrl,
    orm,
    events: catalogue,
    offsetTable: 'dst.positions',
    types: ['UNIT_DISSOLVED', 'UNIT_MERGED'],
    log,
    intervalMs: 60_000,
    async handle(e, em) {
      assert.equal(e.payload.unit, e.orgPath, 'the payload, checked by the catalogue');
      const [row] = await em.execute(`select current_setting('yizhan.org_path', true) as scope`);
      scopes.push([e.seq, row?.scope]);
      await em.execute('insert into dst.handled (seq, type, org_path) values (?, ?, ?::ltree)', [e.seq, e.type, e.orgPath]);
      if (fault && e.orgPath === fault) throw new Error(`handler fault at ${fault}`);
    },
    ...opts,
  });
}

describe('the event consumer', () => {
  test('handles each published event of its types once, in publish order, and moves its position past the others', async () => {
    const a = await publish('UNIT_DISSOLVED', 'p61.c6101');
    const b = await publish('USER_RENAMED', 'p61.c6101');
    const c = await publish('UNIT_MERGED', 'p61.c6102.k610201');
    const d = await publish('USER_RENAMED', 'p61.c6103');
    const events = await consumer();
    try {
      await events.drain();
      assert.deepEqual(await handled(), [
        [a, 'UNIT_DISSOLVED', 'p61.c6101'],
        [c, 'UNIT_MERGED', 'p61.c6102.k610201'],
      ]);
      assert.ok(b > a && d > c);
      assert.equal(await position(), d, 'past the events it does not handle too');
      await events.drain();
      assert.equal((await handled()).length, 2, 'a second pass handles nothing again');
    } finally {
      await events.close();
    }
  });

  test('the handler runs scoped to the event’s unit (row-level security applies), or to the unit scopeOf names', async () => {
    scopes.length = 0;
    const e = await publish('UNIT_DISSOLVED', 'p61.c6104');
    const events = await consumer();
    try {
      await events.drain();
      assert.deepEqual(scopes, [[e, 'p61.c6104']]);
    } finally {
      await events.close();
    }
    scopes.length = 0;
    const f = await publish('UNIT_MERGED', 'p61.c6105');
    const elsewhere = await consumer({ scopeOf: () => 'p61.c6199' });
    try {
      // Scoped to p61.c6199, the handler may not write a row about p61.c6105: the event stays unhandled.
      await assert.rejects(elsewhere.drain(), /row-level security/);
      assert.ok(scopes.length > 0, 'it tried (at start and when drained)');
      assert.deepEqual(new Set(scopes.map(([seq, scope]) => `${seq} ${scope}`)), new Set([`${f} p61.c6199`]));
      assert.ok(errors.length > 0, 'the failure at start is logged');
      assert.equal(await position(), e);
    } finally {
      await elsewhere.close();
    }
    const events2 = await consumer();
    try {
      await events2.drain();
      assert.equal(await position(), f);
      assert.deepEqual((await handled()).at(-1), [f, 'UNIT_MERGED', 'p61.c6105']);
    } finally {
      await events2.close();
    }
  });

  test('an event whose handler fails is neither skipped nor half-done: it and the later ones wait until the fault clears', async () => {
    const before = (await handled()).length;
    const start = (await position()) as number;
    fault = 'p61.c6107';
    const ok1 = await publish('UNIT_DISSOLVED', 'p61.c6106');
    const bad = await publish('UNIT_DISSOLVED', 'p61.c6107');
    const ok2 = await publish('UNIT_MERGED', 'p61.c6108');
    const events = await consumer();
    try {
      await assert.rejects(events.drain(), /handler fault at p61.c6107/);
      assert.equal(await position(), ok1, 'the position stops before the failing event');
      assert.deepEqual(
        (await handled()).slice(before).map(([seq]) => seq),
        [ok1],
        'the failed handling left nothing behind, and the later event waits',
      );
      fault = null;
      await events.drain();
      assert.deepEqual(
        (await handled()).slice(before).map(([seq]) => seq),
        [ok1, bad, ok2],
      );
      assert.equal(await position(), ok2);
      assert.ok(start < ok1);
    } finally {
      fault = null;
      await events.close();
    }
  });

  test('a consumer that was stopped resumes after its position: what was published meanwhile is handled on start, nothing twice', async () => {
    const before = (await handled()).length;
    const first = await publish('UNIT_DISSOLVED', 'p61.c6109');
    const events = await consumer();
    await events.drain();
    await events.close();
    const whileDown = [await publish('UNIT_MERGED', 'p61.c6110'), await publish('UNIT_DISSOLVED', 'p61.c6111')];
    const restarted = await consumer();
    try {
      // Starting catches up: no drain needed.
      assert.deepEqual(
        (await handled()).slice(before).map(([seq]) => seq),
        [first, ...whileDown],
      );
      assert.equal(await position(), whileDown[1]);
    } finally {
      await restarted.close();
    }
  });

  test('an event whose payload does not match the catalogue stops the consumer there: it is not skipped', async () => {
    const before = await position();
    const bad = await publish('UNIT_DISSOLVED', 'p61.c6112', { unitId: 'the writer and the reader disagree' });
    const events = await consumer();
    try {
      await assert.rejects(events.drain(), /does not match its catalogue/);
      assert.equal(await position(), before);
      assert.ok(!(await handled()).some(([seq]) => seq === bad));
    } finally {
      await events.close();
    }
  });
});
