// The event hub. First the fan-out on its own (no database): each subscriber gets every event it may see, in order,
// exactly once, whatever overlap the transport delivers; the tenant rule by whole path labels; a subscriber resuming
// after a cursor gets what it missed, then live events, with nothing lost or doubled across the seam. Then the hub
// over PostgreSQL with the real relay, in a throwaway database made here (run with `npm test`, which starts the
// PostgreSQL and passes its superuser URL as YIZHAN_TEST_ADMIN_URL).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { recordingLog } from '../testing/recording-log.ts';
import { outboxDatabase } from '../testing/throwaway-database.ts';
import { type EventHub, Fanout, pathAndAbove } from './hub.ts';
import { postgresBus, startPostgresHub } from './postgres.ts';
import { type Relay, startRelay } from './relay.ts';

type Event = Parameters<Fanout['deliver']>[0][number];
type Subscription = AsyncIterableIterator<Event>;

const event = (seq: number, orgPath: string, otherPath: string | null = null, type = 'TEST'): Event => ({
  seq,
  schema: 'evt',
  type,
  orgPath,
  otherPath,
  payload: { seq },
  occurredAt: new Date(0).toISOString(),
});
const all = () => true;

/** The next `n` events of a subscription; fails rather than waits forever. */
async function take(sub: Subscription, n: number, ms = 5000): Promise<Event[]> {
  const out: Event[] = [];
  const deadline = sleep(ms, undefined, { ref: false }).then(() => 'timeout' as const);
  while (out.length < n) {
    const r = await Promise.race([sub.next(), deadline]);
    if (r === 'timeout') assert.fail(`only ${out.length} of ${n} events arrived: ${JSON.stringify(out.map((e) => e.seq))}`);
    if (r.done) assert.fail(`the subscription ended after ${out.length} of ${n} events`);
    out.push(r.value);
  }
  return out;
}

/** Whether the subscription has nothing queued (it is then closed: the pending pull would swallow the next event). */
async function nothingQueued(sub: Subscription): Promise<boolean> {
  const r = await Promise.race([sub.next(), sleep(30).then(() => 'nothing' as const)]);
  await sub.return?.();
  return r === 'nothing';
}

const seqs = (events: Event[]) => events.map((e) => e.seq);

describe('fan-out (no database)', () => {
  test('every subscriber gets every event once, in order, when the transport delivers overlapping batches', async () => {
    const fanout = new Fanout();
    const subs = [1, 2, 3].map(() => fanout.subscribe({ scopePath: 'p61', filter: all }, async () => []));
    fanout.deliver([event(1, 'p61.c6101'), event(2, 'p61.c6102')]);
    fanout.deliver([event(2, 'p61.c6102'), event(3, 'p61'), event(4, 'p61.c6101.k610102')]);
    fanout.deliver([event(1, 'p61.c6101'), event(4, 'p61.c6101.k610102')]);
    fanout.deliver([event(5, 'p61.c6103')]);
    for (const sub of subs) {
      assert.deepEqual(seqs(await take(sub, 5)), [1, 2, 3, 4, 5]);
      assert.equal(await nothingQueued(sub), true, 'no event twice');
    }
    assert.equal(fanout.lastSeq, 5);
  });

  test('a unit’s path and the paths above it', () => {
    assert.deepEqual(pathAndAbove('p61.c6101.k610102'), ['p61', 'p61.c6101', 'p61.c6101.k610102']);
    assert.deepEqual(pathAndAbove('p61'), ['p61']);
  });

  test('with every county online, an event is looked at only by the subscribers that may see it', async () => {
    // 2,000 county clerks, each subscribed for their own unit, and a city and a province supervisor above them.
    const fanout = new Fanout();
    let looked = 0;
    const counting = () => {
      looked++;
      return true;
    };
    const counties = Array.from({ length: 2000 }, (_, i) => `p61.c${6100 + (i % 10)}.k${100000 + i}`);
    const clerks = counties.map((scopePath) => fanout.subscribe({ scopePath, filter: counting }, async () => []));
    const city = fanout.subscribe({ scopePath: 'p61.c6100', filter: counting }, async () => []);
    const province = fanout.subscribe({ scopePath: 'p61', filter: counting }, async () => []);
    assert.equal(fanout.size, 2002);
    // The province broadcasts: one delivery event per county (from the province to the county).
    fanout.deliver(counties.map((path, i) => event(i + 1, path, 'p61')));
    assert.equal(looked, 2000 + 2000 + 200, 'each county’s clerk, the province for each, the city for its 200: never all 2,002 for each');
    // Every clerk at once: each waits its short while for a second event side by side, not one after another.
    await Promise.all(
      clerks.map(async (clerk, i) => {
        const [got] = await take(clerk, 1);
        assert.equal(got?.orgPath, counties[i]);
        assert.equal(await nothingQueued(clerk), true, 'nothing of the others');
      }),
    );
    assert.equal((await take(city, 200)).length, 200);
    assert.equal((await take(province, 2000)).length, 2000);
    assert.equal(fanout.size, 2002 - 2000, 'returned subscriptions leave the index');
  });

  test('the tenant rule: a unit sees events about itself and its subtree, at either end, by whole labels', async () => {
    const fanout = new Fanout();
    const unit = fanout.subscribe({ scopePath: 'p61.c6101', filter: all }, async () => []);
    const sibling = fanout.subscribe({ scopePath: 'p61.c61011', filter: all }, async () => []);
    const other = fanout.subscribe({ scopePath: 'p61.c6102', filter: all }, async () => []);
    fanout.deliver([
      event(1, 'p61.c6101'),
      event(2, 'p61.c6101.k610102'),
      event(3, 'p61.c61011'),
      event(4, 'p61'),
      event(5, 'p61.c6102', 'p61.c6101.k610103'),
      event(6, 'p61.c6101', 'p61.c6102'),
      event(7, 'p61.c61011.k1'),
    ]);
    assert.deepEqual(seqs(await take(unit, 4)), [1, 2, 5, 6]);
    assert.equal(await nothingQueued(unit), true);
    assert.deepEqual(seqs(await take(sibling, 2)), [3, 7], 'p61.c61011 is not below p61.c6101, nor the other way round');
    assert.equal(await nothingQueued(sibling), true);
    assert.deepEqual(seqs(await take(other, 2)), [5, 6], 'the unit at the other end sees the event too');
    assert.equal(await nothingQueued(other), true);
  });

  test('a subscription’s filter picks among the events it may see', async () => {
    const fanout = new Fanout();
    const sub = fanout.subscribe({ scopePath: 'p61', filter: (e) => e.type === 'WANTED' }, async () => []);
    fanout.deliver([event(1, 'p61', null, 'OTHER'), event(2, 'p61', null, 'WANTED'), event(3, 'p61', null, 'OTHER'), event(4, 'p61', null, 'WANTED')]);
    assert.deepEqual(seqs(await take(sub, 2)), [2, 4]);
    assert.equal(await nothingQueued(sub), true);
  });

  test('a live subscription starts after the newest event the hub has seen, and asks for no history', async () => {
    const fanout = new Fanout();
    fanout.deliver([event(1, 'p61'), event(2, 'p61')]);
    let replayed = false;
    const sub = fanout.subscribe({ scopePath: 'p61', filter: all }, async () => {
      replayed = true;
      return [];
    });
    fanout.deliver([event(2, 'p61'), event(3, 'p61')]);
    assert.deepEqual(seqs(await take(sub, 1)), [3]);
    assert.equal(replayed, false);
  });

  test('resuming after a cursor: the missed events, then the live ones that came during the replay, nothing lost or doubled', async () => {
    const fanout = new Fanout();
    fanout.deliver([1, 2, 3, 4, 5, 6].map((n) => event(n, n === 5 ? 'p61.c61011' : 'p61.c6101')));
    let asked: [number, number] | null = null;
    let answer: (events: Event[]) => void = () => {};
    const sub = fanout.subscribe({ scopePath: 'p61.c6101', filter: all, after: 2 }, (after, upTo) => {
      asked = [after, upTo];
      return new Promise((resolve) => {
        answer = resolve;
      });
    });
    assert.deepEqual(asked, [2, 6], 'the replay covers from the cursor to where the hub stands');
    // Live events arrive while the replay is still reading; the replay's answer overlaps them (7).
    fanout.deliver([event(7, 'p61.c6101'), event(8, 'p61.c6101')]);
    answer([3, 4, 5, 6, 7].map((n) => event(n, n === 5 ? 'p61.c61011' : 'p61.c6101')));
    fanout.deliver([event(9, 'p61.c6101')]);
    assert.deepEqual(seqs(await take(sub, 6)), [3, 4, 6, 7, 8, 9], 'in order, once each, and the sibling’s event 5 left out');
    assert.equal(await nothingQueued(sub), true);
  });

  test('each event names its predecessor in the subscriber’s own stream, across a resume: a client proves it missed nothing', async () => {
    const fanout = new Fanout();
    const live = fanout.subscribe({ scopePath: 'p61', filter: (e) => e.type === 'WANTED' }, async () => []);
    fanout.deliver([event(1, 'p61', null, 'WANTED'), event(2, 'p61', null, 'OTHER'), event(3, 'p61', null, 'WANTED'), event(4, 'p61.c6101', null, 'WANTED')]);
    const got = await take(live, 3);
    assert.deepEqual(
      got.map((e) => [e.seq, e.previousSeq]),
      [
        [1, null],
        [3, 1],
        [4, 3],
      ],
      'the first of a fresh subscription has none; then each names the last one this subscriber got (2 was not for it)',
    );
    // The client lost its connection after 3 and resumes there: the first event it gets names 3, so nothing between is missing.
    const resumed = fanout.subscribe({ scopePath: 'p61', filter: (e) => e.type === 'WANTED', after: 3 }, async () => [event(4, 'p61.c6101', null, 'WANTED')]);
    fanout.deliver([event(5, 'p61', null, 'WANTED')]);
    assert.deepEqual(
      (await take(resumed, 2)).map((e) => [e.seq, e.previousSeq]),
      [
        [4, 3],
        [5, 4],
      ],
    );
    assert.equal(got[0]?.previousSeq, null);
  });

  test('a cursor at or past the newest event: only later events', async () => {
    const fanout = new Fanout();
    fanout.deliver([event(1, 'p61'), event(2, 'p61')]);
    const sub = fanout.subscribe({ scopePath: 'p61', filter: all, after: 2 }, async () => []);
    fanout.deliver([event(3, 'p61')]);
    assert.deepEqual(seqs(await take(sub, 1)), [3]);
  });

  test('a subscription that is returned leaves the hub and gets nothing more', async () => {
    const fanout = new Fanout();
    const a = fanout.subscribe({ scopePath: 'p61', filter: all }, async () => []);
    const b = fanout.subscribe({ scopePath: 'p61', filter: all }, async () => []);
    assert.equal(fanout.size, 2);
    await a.return?.();
    assert.equal(fanout.size, 1);
    fanout.deliver([event(1, 'p61')]);
    assert.deepEqual(await a.next(), { value: undefined, done: true });
    assert.deepEqual(seqs(await take(b, 1)), [1]);
    await b.return?.();
    assert.equal(fanout.size, 0);
  });

  test('a replay that fails ends the subscription with its error', async () => {
    const fanout = new Fanout();
    fanout.deliver([event(1, 'p61')]);
    const sub = fanout.subscribe({ scopePath: 'p61', filter: all, after: 0 }, async () => {
      throw new Error('database gone');
    });
    await sleep(10);
    await assert.rejects(sub.next(), /database gone/);
    assert.equal(fanout.size, 0, 'and leaves the hub');
  });

  test('a subscriber already waiting when its replay fails gets the error, not a normal end', async () => {
    const fanout = new Fanout();
    fanout.deliver([event(1, 'p61')]);
    let fail: (e: Error) => void = () => {};
    const sub = fanout.subscribe(
      { scopePath: 'p61', filter: all, after: 0 },
      () =>
        new Promise((_, reject) => {
          fail = reject;
        }),
    );
    const pending = sub.next();
    fail(new Error('database gone'));
    await assert.rejects(pending, /database gone/);
  });
});

// ---- Over PostgreSQL, with the relay ----

const SCHEMA = 'evt';

describe('the hub over PostgreSQL', () => {
  let db: Awaited<ReturnType<typeof outboxDatabase>>;
  let su: pg.Client;
  let relay: Relay;
  const hubs: EventHub[] = [];
  const clients: pg.Client[] = [];
  const { log, errors } = recordingLog();

  async function appClient(): Promise<pg.Client> {
    const c = new pg.Client({ connectionString: db.appUrl });
    await c.connect();
    clients.push(c);
    return c;
  }

  /** Writes events in one transaction of `c`, as the unit of the first event (what the services' emit does). */
  async function commit(c: pg.Client, events: { marker: string; orgPath: string; otherPath?: string }[]) {
    await c.query('begin');
    for (const e of events) {
      await c.query(`select set_config('yizhan.org_path', $1, true)`, [e.orgPath]);
      await c.query(`insert into ${SCHEMA}.outbox (type, org_path, other_path, payload) values ('TEST', $1::ltree, $2::ltree, $3::jsonb)`, [
        e.orgPath,
        e.otherPath ?? null,
        JSON.stringify({ marker: e.marker }),
      ]);
    }
    await c.query('commit');
  }

  /** The published events, by sequence, as the database has them. */
  async function published(afterSeq = 0): Promise<[number, string][]> {
    const r = await su.query(`select publish_seq, payload->>'marker' as marker from ${SCHEMA}.outbox where publish_seq > $1 order by publish_seq`, [afterSeq]);
    return r.rows.map((x) => [Number(x.publish_seq), x.marker]);
  }

  /** Everything a subscription receives up to and including the event with this marker. */
  async function until(sub: Subscription, marker: string): Promise<[number, string][]> {
    const out: [number, string][] = [];
    for (;;) {
      const [e] = await take(sub, 1, 10_000);
      out.push([e?.seq as number, e?.payload.marker as string]);
      if (e?.payload.marker === marker) return out;
    }
  }

  before(async () => {
    db = await outboxDatabase(SCHEMA);
    su = new pg.Client({ connectionString: db.superUrl });
    await su.connect();
    relay = await startRelay({ relayUrl: db.relayUrl, schema: SCHEMA, bus: postgresBus, log, pollMs: 500 });
    // Two replicas of a service, each with its own hub, sharing the database.
    hubs.push(await startPostgresHub({ relayUrl: db.relayUrl, schema: SCHEMA, log }));
    hubs.push(await startPostgresHub({ relayUrl: db.relayUrl, schema: SCHEMA, log }));
  });

  after(async () => {
    for (const h of hubs) await h.close();
    await relay?.close();
    for (const c of clients) await c.end().catch(() => {});
    await su?.end().catch(() => {});
    await db?.drop();
  });

  test('subscribers of each hub receive every committed event, in publish order, exactly once', async () => {
    const subs = hubs.flatMap((hub) => [1, 2].map(() => hub.subscribe({ scopePath: 'p61', filter: all })));
    assert.deepEqual(
      hubs.map((h) => h.subscriptions),
      [2, 2],
    );
    const writers = await Promise.all([appClient(), appClient(), appClient()]);
    await Promise.all(
      writers.map(async (c, w) => {
        for (let t = 0; t < 4; t++) {
          await commit(c, [
            { marker: `w${w}t${t}a`, orgPath: 'p61.c6101' },
            { marker: `w${w}t${t}b`, orgPath: 'p61.c6102.k610201', otherPath: 'p61.c6101' },
          ]);
        }
      }),
    );
    await commit(writers[0] as pg.Client, [{ marker: 'end of round 1', orgPath: 'p61' }]);
    const received = await Promise.all(subs.map((sub) => until(sub, 'end of round 1')));
    const expected = await published();
    assert.deepEqual(
      expected.map(([seq]) => seq),
      Array.from({ length: 25 }, (_, i) => i + 1),
      'all 25 events published, gapless',
    );
    for (const got of received) assert.deepEqual(got, expected);
    for (const sub of subs) await sub.return?.();
    assert.deepEqual(
      hubs.map((h) => h.subscriptions),
      [0, 0],
      'a returned subscription leaves its hub',
    );
    assert.deepEqual(errors, []);
  });

  test('a subscriber resuming after a cursor gets only the later events: the missed ones from the database, then live ones', async () => {
    const history = await published();
    assert.ok(history.length >= 10, 'the events of the previous test are there to resume among');
    const cursor = (history[6] as [number, string])[0];
    const sub = hubs[1]?.subscribe({ scopePath: 'p61', filter: all, after: cursor }) as Subscription;
    const c = await appClient();
    await commit(c, [{ marker: 'live 1', orgPath: 'p61.c6101' }]);
    await commit(c, [
      { marker: 'live 2', orgPath: 'p61.c6102' },
      { marker: 'end of round 2', orgPath: 'p61' },
    ]);
    const got = await until(sub, 'end of round 2');
    assert.deepEqual(got, await published(cursor));
    assert.ok(got.every(([seq]) => seq > cursor));
    assert.deepEqual(
      got.slice(-3).map(([, m]) => m),
      ['live 1', 'live 2', 'end of round 2'],
    );
    await sub.return?.();
  });

  test('a subscriber whose scope is a sibling unit gets nothing of its neighbour’s events', async () => {
    // The earlier tests' events are all published, but a hub may still be handing them out: start after them.
    const before = (await published()).at(-1)?.[0] ?? 0;
    const sibling = hubs[0]?.subscribe({ scopePath: 'p61.c61011', filter: all, after: before }) as Subscription;
    const neighbour = hubs[0]?.subscribe({ scopePath: 'p61.c6101', filter: all, after: before }) as Subscription;
    const resumingSibling = hubs[1]?.subscribe({ scopePath: 'p61.c61011', filter: all, after: 0 }) as Subscription;
    const c = await appClient();
    await commit(c, [
      { marker: 'about c6101', orgPath: 'p61.c6101' },
      { marker: 'about k610102', orgPath: 'p61.c6101.k610102' },
      { marker: 'c6102 to c6101', orgPath: 'p61.c6102', otherPath: 'p61.c6101' },
    ]);
    await commit(c, [{ marker: 'for the sibling', orgPath: 'p61.c61011' }]);
    assert.deepEqual(
      (await until(sibling, 'for the sibling')).map(([, m]) => m),
      ['for the sibling'],
    );
    assert.deepEqual(
      (await until(resumingSibling, 'for the sibling')).map(([, m]) => m),
      ['for the sibling'],
      'nor from the replay of everything published so far',
    );
    assert.deepEqual(
      (await until(neighbour, 'c6102 to c6101')).map(([, m]) => m),
      ['about c6101', 'about k610102', 'c6102 to c6101'],
    );
    for (const s of [sibling, neighbour, resumingSibling]) await s.return?.();
    assert.deepEqual(errors, []);
  });

  test('a hub takes the batches of its own process’s relay from its hand, and still reads the others’: every event once, in order', async () => {
    // A second replica: its relay hands each committed batch to its own hub; the first replica's relay takes turns with it.
    const own = await startPostgresHub({ relayUrl: db.relayUrl, schema: SCHEMA, log });
    const subs: Subscription[] = [];
    const ownRelay = await startRelay({ relayUrl: db.relayUrl, schema: SCHEMA, bus: postgresBus, log, pollMs: 500, onCommitted: (e) => own.handOver(e) });
    try {
      const start = own.lastSeq;
      const sub = own.subscribe({ scopePath: 'p61', filter: all });
      const other = hubs[0]?.subscribe({ scopePath: 'p61', filter: all }) as Subscription;
      subs.push(sub, other);
      // A batch that does not follow on from the last event delivered is not taken from the hand: the read delivers it.
      own.handOver([event(start + 5, 'p61')]);
      const c = await appClient();
      for (let i = 0; i < 6; i++)
        await commit(c, [
          { marker: `h${i}a`, orgPath: 'p61.c6101' },
          { marker: `h${i}b`, orgPath: 'p61.c6102' },
        ]);
      const got = await until(sub, 'h5b');
      assert.deepEqual(got, await published(start), 'every event once, in publish order, whichever relay published it');
      assert.deepEqual(await until(other, 'h5b'), got, 'as the hub that reads them all back');
      assert.ok(await nothingQueued(sub), 'nothing doubled');
    } finally {
      for (const sub of subs) await sub.return?.();
      await ownRelay.close();
      await own.close();
    }
  });
});
