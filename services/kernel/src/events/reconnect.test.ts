// The event plumbing when its database connections are cut (issue 20): the relay, the hub and a consumer lose every
// connection at once with "terminating connection due to administrator command" (what a PostgreSQL restart sends),
// and cannot connect again for a while (their role may not log in). Meanwhile the application goes on writing. Once
// they can connect again: the relay publishes what was written during the pause, a live subscriber and a subscriber
// resuming by cursor get every event once and in order, the consumer handles everything once, and the process saw no
// unhandled 'error' (it would have ended this test run). The full restart of a real server under the platform is in
// test/postgres-restart.test.ts; this one costs no restart and runs on the shared test PostgreSQL.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import type { PublishedEvent } from '@yizhan/common';
import pg from 'pg';
import { keepConnected } from '../db/kept-connection.ts';
import { type Listening, startListening } from '../db/listening.ts';
import { recordingLog } from '../testing/recording-log.ts';
import { outboxDatabase } from '../testing/throwaway-database.ts';
import type { EventHub } from './hub.ts';
import { postgresBus, startPostgresHub } from './postgres.ts';
import { type Relay, startRelay } from './relay.ts';

const SCHEMA = 'rcn';

describe('the relay and the hub across lost database connections', () => {
  let db: Awaited<ReturnType<typeof outboxDatabase>>;
  let su: pg.Client;
  let writer: pg.Client;
  let relay: Relay;
  let hub: EventHub;
  let listening: Listening;
  let relayRole: string;
  const { log, errors } = recordingLog();

  const commit = async (marker: string) => {
    await writer.query('begin');
    await writer.query(`select set_config('yizhan.org_path', 'p61.c6101', true)`);
    await writer.query(`insert into ${SCHEMA}.outbox (type, org_path, payload) values ('TEST', 'p61.c6101', $1::jsonb)`, [JSON.stringify({ marker })]);
    await writer.query('commit');
  };
  const unpublished = async () => Number((await su.query(`select count(*) as n from ${SCHEMA}.outbox where publish_seq is null`)).rows[0].n);
  /** Cuts every connection of the relay role, and keeps it from connecting again until `allow`. */
  const cut = async () => {
    await su.query(`alter role ${relayRole} nologin`);
    await su.query('select pg_terminate_backend(pid) from pg_stat_activity where usename = $1', [relayRole]);
  };
  const allow = () => su.query(`alter role ${relayRole} login`);

  async function take(sub: AsyncIterableIterator<PublishedEvent>, n: number, ms = 15_000): Promise<string[]> {
    const out: string[] = [];
    const deadline = sleep(ms, undefined, { ref: false }).then(() => 'timeout' as const);
    while (out.length < n) {
      const r = await Promise.race([sub.next(), deadline]);
      if (r === 'timeout') assert.fail(`only ${out.length} of ${n} events arrived: ${out.join(', ')}`);
      if (r.done) assert.fail(`the subscription ended after ${out.length} of ${n} events`);
      out.push(r.value.payload.marker as string);
    }
    return out;
  }

  before(async () => {
    db = await outboxDatabase(SCHEMA);
    su = new pg.Client({ connectionString: db.superUrl });
    await su.connect();
    relayRole = new URL(db.relayUrl).username;
    writer = new pg.Client({ connectionString: db.appUrl });
    await writer.connect();
    // One listening connection for both, as a service process has (events/start.ts).
    listening = await startListening({ url: db.relayUrl, name: 'test listener', log });
    relay = await startRelay({ relayUrl: db.relayUrl, schema: SCHEMA, bus: postgresBus, log, pollMs: 200, listening });
    hub = await startPostgresHub({ relayUrl: db.relayUrl, schema: SCHEMA, log, listening });
  });

  after(async () => {
    await allow().catch(() => {});
    await hub?.close();
    await relay?.close();
    await listening?.close();
    await writer?.end().catch(() => {});
    await su?.end().catch(() => {});
    await db?.drop();
  });

  test('what was written during the pause is published once it is back; live and resuming subscribers get everything once, in order', async (t) => {
    const live = hub.subscribe({ scopePath: 'p61', filter: () => true });
    for (const m of ['a1', 'a2', 'a3']) await commit(m);
    assert.deepEqual(await take(live, 3), ['a1', 'a2', 'a3']);
    const cursor = hub.lastSeq;

    await cut();
    for (const m of ['b1', 'b2', 'b3', 'b4', 'b5']) await commit(m);
    await sleep(800);
    assert.equal(await unpublished(), 5, 'nothing is published while the relay cannot connect');

    // A subscriber resuming by cursor while the hub is away waits for it instead of failing.
    const resuming = hub.subscribe({ scopePath: 'p61', filter: () => true, after: cursor - 1 });
    const back = Date.now();
    await allow();
    assert.deepEqual(await take(live, 5), ['b1', 'b2', 'b3', 'b4', 'b5']);
    const recovered = Date.now() - back;
    await commit('c1');
    assert.deepEqual(await take(live, 1), ['c1'], 'live again after the catch-up');
    assert.deepEqual(await take(resuming, 7), ['a3', 'b1', 'b2', 'b3', 'b4', 'b5', 'c1']);
    assert.equal(await unpublished(), 0);
    const seqs = (await su.query(`select publish_seq from ${SCHEMA}.outbox order by publish_seq`)).rows.map((r) => Number(r.publish_seq));
    assert.deepEqual(seqs, [...new Set(seqs)], 'no event published twice');
    t.diagnostic(`events written during the pause reached the subscriber ${recovered} ms after the database let the relay back in`);
    await live.return?.();
    await resuming.return?.();
    assert.deepEqual(errors, [], 'a lost connection is a warning, not an error');
  });

  test('a kept connection waits for the database and times out clearly; close ends its retries', async () => {
    const conn = await keepConnected({ url: db.relayUrl, name: 'test', log, backoff: { initialMs: 20, maxMs: 100 } });
    await cut();
    for (let i = 0; i < 100 && conn.current; i++) await sleep(20);
    assert.equal(conn.current, null, 'the loss is noticed');
    await assert.rejects(conn.client(300), /not reachable/);
    const waiting = conn.client(10_000);
    await allow();
    const c = await waiting;
    assert.equal((await c.query('select 1 as one')).rows[0].one, 1);
    assert.equal(conn.reconnects, 1);
    await conn.close();
    await assert.rejects(conn.client(), /closed/);
  });
});
