// The outbox relay against a real PostgreSQL: events get their publish_seq in the order their transactions
// committed (not the order they were written in), gapless, each exactly once, even with writers and two relays
// racing; an event whose transaction rolls back, or has not committed yet, is never published; a batch the bus
// refuses is claimed again. The database is a throwaway one made here, with its own tenant and relay roles (both
// without BYPASSRLS, as in production) and an outbox made by the kernel's own DDL. Run with `npm test`, which
// starts the PostgreSQL and passes its superuser URL as YIZHAN_TEST_ADMIN_URL.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { recordingLog } from '../testing/recording-log.ts';
import { outboxDatabase } from '../testing/throwaway-database.ts';
import { postgresBus } from './postgres.ts';
import { type Bus, type Relay, startRelay } from './relay.ts';

const SCHEMA = 'evt';

type Db = Awaited<ReturnType<typeof outboxDatabase>>;
let db: Db;
let su: pg.Client;
const clients: pg.Client[] = [];
const { log, errors } = recordingLog();

async function appClient(): Promise<pg.Client> {
  const c = new pg.Client({ connectionString: db.appUrl });
  await c.connect();
  clients.push(c);
  return c;
}

/** In an open transaction of `c`, as the unit `orgPath` (what the services' emit does), writes one event. */
async function write(c: pg.Client, marker: string, orgPath = 'p61.c6101') {
  await c.query(`select set_config('yizhan.org_path', $1, true)`, [orgPath]);
  await c.query(`insert into ${SCHEMA}.outbox (type, org_path, payload) values ('TEST', $1::ltree, $2::jsonb)`, [orgPath, JSON.stringify({ marker })]);
}

/** Every row of the outbox, as the superuser sees it: the marker, its id and its place in the published order. */
async function rows(): Promise<{ marker: string; id: number; seq: number | null }[]> {
  const r = await su.query(`select payload->>'marker' as marker, id, publish_seq from ${SCHEMA}.outbox order by id`);
  return r.rows.map((x) => ({ marker: x.marker, id: Number(x.id), seq: x.publish_seq === null ? null : Number(x.publish_seq) }));
}
const seqOf = async (marker: string) => (await rows()).find((r) => r.marker === marker)?.seq ?? null;

/** A bus that remembers what it was given, in order (wrapping the real PostgreSQL bus, or as a broker would be). */
function recordingBus(kind: 'postgres' | 'broker') {
  const published: number[] = [];
  const afterCommit: number[] = [];
  const bus: Bus = {
    async publish(client, schema, events) {
      published.push(...events.map((e) => e.seq));
      await postgresBus.publish(client, schema, events);
    },
    ...(kind === 'broker'
      ? {
          async afterCommit(_schema, events) {
            await sleep(Math.random() * 3);
            afterCommit.push(...events.map((e) => e.seq));
          },
        }
      : {}),
  };
  return { bus, published, afterCommit };
}

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

before(async () => {
  db = await outboxDatabase(SCHEMA);
  su = new pg.Client({ connectionString: db.superUrl });
  await su.connect();
});

after(async () => {
  for (const c of clients) await c.end().catch(() => {});
  await su?.end().catch(() => {});
  await db?.drop();
});

/** Each test starts from an empty outbox and a sequence at 1. */
async function reset() {
  await su.query(`truncate ${SCHEMA}.outbox`);
  await su.query(`alter sequence ${SCHEMA}.outbox_publish_seq restart with 1`);
  errors.length = 0;
}

/** From an empty outbox, a relay over a recording PostgreSQL bus that polls only once a minute; closed after `fn`. */
async function withRelay(fn: (relay: Relay, published: number[]) => Promise<void>) {
  await reset();
  const { bus, published } = recordingBus('postgres');
  const relay = await startRelay({ relayUrl: db.relayUrl, schema: SCHEMA, bus, log, pollMs: 60_000 });
  try {
    await fn(relay, published);
  } finally {
    await relay.close();
  }
}

describe('the outbox relay', () => {
  test('the sequence follows commit order: an event written first but committed last is published last', () =>
    withRelay(async (relay, published) => {
      const first = await appClient();
      const second = await appClient();
      await first.query('begin');
      await write(first, 'written first');
      await second.query('begin');
      await write(second, 'written second');
      await second.query('commit');
      await relay.drain();
      assert.equal(await seqOf('written second'), 1);
      assert.equal(await seqOf('written first'), null, 'not published while its transaction is open');
      await first.query('commit');
      await relay.drain();
      assert.equal(await seqOf('written first'), 2);
      const all = await rows();
      assert.ok((all[0]?.id ?? 0) < (all[1]?.id ?? 0), 'the first-written event has the lower id');
      assert.deepEqual(published, [1, 2]);
      assert.deepEqual(errors, []);
    }));

  test('a burst of events committed together (a broadcast’s, over several batches) is published once each, in id order', () =>
    withRelay(async (relay, published) => {
      const c = await appClient();
      await c.query('begin');
      await c.query(`select set_config('yizhan.org_path', 'p61.c6101', true)`);
      await c.query(
        `insert into ${SCHEMA}.outbox (type, org_path, payload) select 'TEST', 'p61.c6101'::ltree, jsonb_build_object('marker', 'burst ' || g) from generate_series(1, 2500) g`,
      );
      await c.query('commit');
      assert.equal(await relay.drain(), 2500);
      const all = await rows();
      assert.deepEqual(
        all.map((r) => r.seq),
        range(1, 2500),
        'each event its place, by id',
      );
      assert.deepEqual(published, range(1, 2500));
      assert.equal(await relay.drain(), 0, 'nothing is published twice');
      assert.deepEqual(errors, []);
    }));

  test('the claim starts past what was published, never past an event whose transaction is still open', () =>
    withRelay(async (relay, published) => {
      const straggler = await appClient();
      await straggler.query('begin');
      await write(straggler, 'written first, committed last');
      const open = BigInt((await straggler.query(`select currval('${SCHEMA}.outbox_id_seq')::text as id`)).rows[0].id);
      // Ended whatever happens: an open transaction would hold the next test's truncate.
      try {
        const c = await appClient();
        const burst = async (n: number) => {
          await c.query('begin');
          await c.query(`select set_config('yizhan.org_path', 'p61.c6101', true)`);
          await c.query(
            `insert into ${SCHEMA}.outbox (type, org_path, payload) select 'TEST', 'p61.c6101'::ltree, jsonb_build_object('marker', 'burst') from generate_series(1, ${n}) g`,
          );
          await c.query('commit');
        };
        await burst(2500);
        assert.equal(await relay.drain(), 2500);
        await burst(10);
        assert.equal(await relay.drain(), 10);
        assert.ok(relay.floor() <= open, `the floor (${relay.floor()}) stays at or below the open transaction's event (${open})`);
        await straggler.query('commit');
        assert.equal(await relay.drain(), 1, 'the late event is published when its transaction commits');
        assert.equal(await seqOf('written first, committed last'), 2511);
        // With nothing of ours open any more, the floor moves past everything published: the next claim reads none of
        // it. (Once other files' transactions on this PostgreSQL, which the relay must also wait out, have ended: the
        // suite runs two files at once, and a clean-clone run saw the other's hold the floor past ten seconds.)
        await burst(1);
        const last = BigInt(Math.max(...(await rows()).map((r) => r.id)));
        for (const end = Date.now() + 60_000; relay.floor() <= last && Date.now() < end; await sleep(20)) await relay.drain();
        assert.equal(relay.floor(), last + 1n);
        assert.deepEqual(published, range(1, 2512));
        assert.deepEqual(errors, []);
      } finally {
        await straggler.query('rollback').catch(() => {});
      }
    }));

  test('without being asked, the relay publishes what commits (it listens for new events)', () =>
    withRelay(async (_relay, published) => {
      const c = await appClient();
      await c.query('begin');
      await write(c, 'woken');
      await c.query('commit');
      const deadline = Date.now() + 10_000;
      while ((await seqOf('woken')) === null && Date.now() < deadline) await sleep(20);
      assert.equal(await seqOf('woken'), 1);
      assert.deepEqual(published, [1]);
    }));

  test('an event written in a transaction that rolls back is never published, and leaves no gap', () =>
    withRelay(async (relay, published) => {
      const doomed = await appClient();
      const kept = await appClient();
      await doomed.query('begin');
      await write(doomed, 'rolled back');
      await relay.drain();
      await kept.query('begin');
      await write(kept, 'committed');
      await doomed.query('rollback');
      await kept.query('commit');
      await relay.drain();
      await relay.drain();
      assert.deepEqual(
        (await rows()).map((r) => [r.marker, r.seq]),
        [['committed', 1]],
      );
      assert.deepEqual(published, [1]);
    }));

  for (const kind of ['postgres', 'broker'] as const) {
    test(`concurrent writers and two relays (${kind === 'postgres' ? 'PostgreSQL bus' : 'a broker told after commit'}): gapless, once each, in commit order`, async () => {
      await reset();
      const { bus, published, afterCommit } = recordingBus(kind);
      const relays = [
        await startRelay({ relayUrl: db.relayUrl, schema: SCHEMA, bus, log, pollMs: 50 }),
        await startRelay({ relayUrl: db.relayUrl, schema: SCHEMA, bus, log, pollMs: 50 }),
      ];
      // One clock for the whole test: a transaction whose commit was acknowledged before another began writing
      // must come first in the published order.
      let clock = 0;
      const txs: { markers: string[]; began: number; committed: number | null }[] = [];
      const writers = await Promise.all(Array.from({ length: 5 }, () => appClient()));
      try {
        await Promise.all(
          writers.map(async (c, w) => {
            for (let t = 0; t < 8; t++) {
              const tx = { markers: [] as string[], began: ++clock, committed: null as number | null };
              txs.push(tx);
              await c.query('begin');
              for (let e = 0; e < 1 + ((w + t) % 3); e++) {
                const marker = `w${w}t${t}e${e}`;
                tx.markers.push(marker);
                await write(c, marker, w % 2 ? 'p61.c6101' : 'p61.c6102.k610201');
                await sleep(Math.random() * 4);
              }
              if ((w * 8 + t) % 5 === 3) {
                await c.query('rollback');
              } else {
                await c.query('commit');
                tx.committed = ++clock;
              }
              // Both relays are asked to drain all the time, as notifications from many writers would.
              const drained = relays[(w + t) % 2]?.drain();
              if (t % 3 === 0) await drained;
            }
          }),
        );
        await Promise.all(relays.map((r) => r.drain()));
        await Promise.all(relays.map((r) => r.drain()));

        const all = await rows();
        const committed = txs.filter((t) => t.committed !== null);
        const rolledBack = txs.filter((t) => t.committed === null);
        assert.ok(rolledBack.length > 0 && committed.length > 20);
        const expected = committed.flatMap((t) => t.markers).sort();
        assert.deepEqual(all.map((r) => r.marker).sort(), expected, 'exactly the committed events are in the outbox');
        const seqs = all.map((r) => r.seq).sort((a, b) => (a ?? 0) - (b ?? 0));
        assert.deepEqual(seqs, range(1, expected.length), 'every committed event published, the sequence gapless');
        assert.deepEqual(published, range(1, expected.length), 'the bus was given each event once, in sequence order');
        if (kind === 'broker') assert.deepEqual(afterCommit, range(1, expected.length), 'the broker was told each batch once, in sequence order');

        const seq = new Map(all.map((r) => [r.marker, r.seq as number]));
        for (const x of committed) {
          for (const y of committed) {
            if ((x.committed as number) >= y.began) continue;
            const latestOfX = Math.max(...x.markers.map((m) => seq.get(m) as number));
            const earliestOfY = Math.min(...y.markers.map((m) => seq.get(m) as number));
            assert.ok(latestOfX < earliestOfY, `${x.markers[0]} committed before ${y.markers[0]} began, so it is published before it`);
          }
        }
        assert.deepEqual(errors, []);
      } finally {
        await Promise.all(relays.map((r) => r.close()));
      }
    });
  }

  /** Two relays where the first one's first batch is held up at `stage` until the test lets it go. The second relay
   * starts only once the first is held (it would otherwise take the batch itself), and its start-up drain must not
   * be awaited: it has to wait for the first. */
  async function heldUpRelays(stage: 'publish' | 'afterCommit') {
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    let holding = false;
    const order: number[] = [];
    const bus = (slow: boolean): Bus => {
      const hand = async (events: { seq: number }[]) => {
        if (slow && !holding) {
          holding = true;
          await gate;
        }
        order.push(...events.map((e) => e.seq));
      };
      return stage === 'publish' ? { publish: (_c, _s, events) => hand(events) } : { async publish() {}, afterCommit: (_s, events) => hand(events) };
    };
    const slow = await startRelay({ relayUrl: db.relayUrl, schema: SCHEMA, bus: bus(true), log, pollMs: 60_000 });
    const c = await appClient();
    await c.query('begin');
    await write(c, 'earlier');
    await c.query('commit');
    const slowDrain = slow.drain();
    const deadline = Date.now() + 10_000;
    while (!holding && Date.now() < deadline) await sleep(10);
    assert.ok(holding, 'the first relay took the batch and is held up');
    const quickStarted = startRelay({ relayUrl: db.relayUrl, schema: SCHEMA, bus: bus(false), log, pollMs: 60_000 });
    await c.query('begin');
    await write(c, 'later');
    await c.query('commit');
    return {
      order,
      async finish() {
        release();
        await slowDrain;
        const quick = await quickStarted;
        await quick.drain();
        await quick.close();
        await slow.close();
      },
    };
  }

  test('two relays take turns: while one relay’s batch is in flight, no later event becomes visible before it', async () => {
    await reset();
    const relays = await heldUpRelays('publish');
    try {
      await sleep(300);
      assert.equal(await seqOf('earlier'), null, 'the held batch has not committed');
      assert.equal(await seqOf('later'), null, 'the later event waits for the batch in flight');
      assert.deepEqual(relays.order, []);
    } finally {
      await relays.finish();
    }
    assert.equal(await seqOf('earlier'), 1);
    assert.equal(await seqOf('later'), 2);
    assert.deepEqual(relays.order, [1, 2]);
    assert.deepEqual(errors, []);
  });

  test('with a broker, batches reach it in sequence order even when the first one is slow to hand over', async () => {
    await reset();
    const relays = await heldUpRelays('afterCommit');
    try {
      assert.equal(await seqOf('earlier'), 1, 'committed, and being handed to the broker');
      await sleep(300);
      assert.deepEqual(relays.order, [], 'the later batch is not handed over before the earlier one');
    } finally {
      await relays.finish();
    }
    assert.equal(await seqOf('later'), 2);
    assert.deepEqual(relays.order, [1, 2]);
    assert.deepEqual(errors, []);
  });

  test('a batch the bus refuses stays unpublished and is claimed again: each event published once, in order', async () => {
    await reset();
    let refuse = true;
    const given: number[][] = [];
    const bus: Bus = {
      async publish(_client, _schema, events) {
        if (refuse) throw new Error('the bus is down');
        given.push(events.map((e) => e.seq));
      },
    };
    const relay = await startRelay({ relayUrl: db.relayUrl, schema: SCHEMA, bus, log, pollMs: 60_000 });
    try {
      const c = await appClient();
      await c.query('begin');
      await write(c, 'a');
      await write(c, 'b');
      await c.query('commit');
      assert.equal(await relay.drain(), 0);
      assert.ok(errors.length > 0, 'the failure is logged');
      assert.deepEqual(
        (await rows()).map((r) => r.seq),
        [null, null],
        'nothing is marked published',
      );
      refuse = false;
      assert.equal(await relay.drain(), 2);
      const marked = await rows();
      assert.deepEqual(
        marked.map((r) => r.marker),
        ['a', 'b'],
      );
      assert.ok((marked[0]?.seq ?? 0) < (marked[1]?.seq ?? 0), 'in id order within the batch');
      assert.deepEqual(given, [marked.map((r) => r.seq)], 'given to the bus once');
      assert.equal(await relay.drain(), 0, 'nothing left to publish');
    } finally {
      await relay.close();
    }
  });
});
