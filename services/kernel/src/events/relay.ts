// The outbox relay: wakes on LISTEN (and polls as a safety net), claims unpublished events in id order, gives them
// their publish sequence and marks them published, in one transaction. An advisory lock makes concurrent relays take
// turns, so the sequence follows commit order and no event is published twice; a relay that crashes mid-batch rolls
// back and the next one claims the same rows. The bus is told after each batch.
//
// Both connections outlive a PostgreSQL restart (kept-connection.ts): while the database is away the relay waits; once
// it is back it listens again, brings the broker up to date (`repair`) and publishes what was written meanwhile.

import type { Logger, PublishedEvent } from '@yizhan/common';
import type pg from 'pg';
import { databaseAway } from '../db/away.ts';
import { keepConnected } from '../db/kept-connection.ts';
import { type Listening, listenOver } from '../db/listening.ts';
import { OUTBOX_CHANNEL } from '../db/outbox.ts';
import { toPublishedEvent } from './types.ts';

export interface Bus {
  /** Called inside the claiming transaction: publish, or fail and the batch is claimed again later. */
  publish(client: pg.ClientBase, schema: string, events: PublishedEvent[]): Promise<void>;
  /** Called after the batch committed, still in sequence order (an external broker publishes here). */
  afterCommit?(schema: string, events: PublishedEvent[]): Promise<void>;
  /** Called when the relay starts and after it reconnects: bring the broker up to date with the database. */
  repair?(schema: string): Promise<void>;
}

export interface Relay {
  /** Publishes everything pending now (tests, shutdown). */
  drain(): Promise<number>;
  /** Where the claim's scan starts: every event below this id is published or was rolled back (tests, diagnostics). */
  floor(): bigint;
  close(): Promise<void>;
}

const BATCH = 1000;

export interface RelayOptions {
  relayUrl: string;
  schema: string;
  bus: Bus;
  log: Logger;
  pollMs?: number;
  /** Each batch once committed, in sequence order: the hub of this process takes it without reading it back. */
  onCommitted?: (events: PublishedEvent[]) => void;
  /** The process's listening connection (db/listening.ts); without one the relay opens its own. */
  listening?: Listening;
}

export async function startRelay(opts: RelayOptions): Promise<Relay> {
  const { schema } = opts;
  let running: Promise<number> | null = null;
  let again = false;
  let closed = false;
  /** After a reconnect the broker may lack what a batch cut short committed: repaired before the next batch. */
  let repairPending = false;
  /** A retry after the broker failed (no notification announces events already marked published). */
  let retryTimer: ReturnType<typeof setTimeout> | null = null;
  let retryPause = 250;
  // The floor. Published events leave dead entries at the front of the partial index `outbox_unpublished` until a
  // vacuum; a claim that scans from the index's start walks all of them, and in a storm of small batches that cost
  // grows with everything published since the last vacuum (bench/evidence.ts measured 3,300 pages read per claim,
  // 9.7 s of PostgreSQL's time in one storm). So the claim starts at `floor`, below which every event is
  // published or rolled back. Moving it needs to know that no transaction still open holds a lower id: an event's id
  // is drawn after its transaction has its xid (db/outbox.ts), so having read how far ids have been drawn (`upTo`)
  // before its own transaction had an xid (`xid`), the relay knows every id up to `upTo` belongs to a transaction older
  // than `xid`; once the oldest transaction still running is younger than `xid`, those ids are all settled and a claim
  // from the floor sees every one of them that committed.
  let floor = 0n;
  let mark: { upTo: bigint; xid: bigint } | null = null;
  /** Whether this outbox draws ids after the transaction's (its migration ran); without it the claim scans from 0. */
  let idsAfterXid = false;
  const worker = await keepConnected({
    url: opts.relayUrl,
    name: `relay worker (${schema})`,
    log: opts.log,
    setup: async (c) => {
      const { rows } = await c.query(
        `select coalesce(pg_get_expr(d.adbin, d.adrelid) like '%pg_current_xact_id()%', false) as ordered,
                has_sequence_privilege($1, 'SELECT') as readable
           from pg_attribute a left join pg_attrdef d on d.adrelid = a.attrelid and d.adnum = a.attnum
          where a.attrelid = $2::regclass and a.attname = 'id'`,
        [`${schema}.outbox_id_seq`, `${schema}.outbox`],
      );
      idsAfterXid = !!rows[0]?.ordered && !!rows[0]?.readable;
    },
    onReconnect: () => {
      // The database may not be the one the floor was learnt from (restored from a backup): learnt again.
      floor = 0n;
      mark = null;
      repairPending = !!opts.bus.repair;
      void drain();
    },
  });

  async function claimBatch(): Promise<number> {
    // One connection per batch: a transaction never moves to a new connection halfway.
    const client = worker.current;
    if (!client) return 0;
    // Held from the claim until the broker has the batch, so batches reach it in sequence order.
    const sessionLock = opts.bus.afterCommit ? client.query('select pg_advisory_lock(hashtext($1))', [`yizhan-relay-publish:${schema}`]) : null;
    try {
      await sessionLock;
      if (repairPending) {
        await opts.bus.repair?.(schema);
        repairPending = false;
      }
      const events = await claimAndMark(client);
      if (events.length) {
        opts.onCommitted?.(events);
        try {
          await opts.bus.afterCommit?.(schema, events);
        } catch (e) {
          // Committed as published, not in the broker (it is down): repaired from the database before the next batch,
          // which is tried again shortly — no notification will come for events already marked.
          repairPending = !!opts.bus.repair;
          throw e;
        }
      }
      retryPause = 250;
      return events.length;
    } finally {
      if (sessionLock) await client.query('select pg_advisory_unlock(hashtext($1))', [`yizhan-relay-publish:${schema}`]);
    }
  }

  async function claimAndMark(worker: pg.Client): Promise<PublishedEvent[]> {
    await worker.query('begin');
    try {
      // With the lock: the oldest transaction still running, and how far ids have been drawn, both as of before this
      // transaction has an xid (read before the lock was had: older, so only more cautious).
      const locked = await worker.query(
        idsAfterXid
          ? `select pg_advisory_xact_lock(hashtext($1)), pg_snapshot_xmin(pg_current_snapshot())::text as xmin,
                    case when s.is_called then s.last_value else s.last_value - 1 end::text as drawn
               from ${schema}.outbox_id_seq s`
          : 'select pg_advisory_xact_lock(hashtext($1)), null as xmin, null as drawn',
        [`yizhan-relay:${schema}`],
      );
      const { xmin, drawn } = locked.rows[0] as { xmin: string | null; drawn: string | null };
      const settled = mark !== null && xmin !== null && BigInt(xmin) > mark.xid;
      // One statement finds the batch and marks it: the advisory lock above already makes relays take turns, and the
      // sequence is drawn after the sort (PostgreSQL evaluates a volatile output after ORDER BY), so it follows id
      // order. A thousand events took 34 ms this way against 45 as a locking read and an update from its ids. The floor
      // bounds both its scans of the unpublished, the batch's and the update's own (EXPLAIN: the update's join walked
      // the whole partial index again).
      const published = await worker.query(
        `with seqs as (
           select id, nextval('${schema}.outbox_publish_seq') as seq
           from (select id from ${schema}.outbox where published_at is null and id >= $1 order by id limit ${BATCH}) unpublished
           order by id)
         update ${schema}.outbox o set published_at = now(), publish_seq = seqs.seq
         from seqs where o.id = seqs.id and o.published_at is null and o.id >= $1
         returning o.id::text, o.publish_seq, o.type, o.org_path::text, o.other_path::text, o.payload, o.occurred_at,
                   pg_current_xact_id()::text as xid`,
        [floor.toString()],
      );
      const claimed = published.rows.length;
      // Every id up to the mark is settled and this claim took, in id order from the floor, all that committed up to
      // where it stopped: below that, nothing is left unpublished.
      let nextFloor = floor;
      let nextMark = mark;
      if (settled && mark) {
        // The highest id claimed (an update returns its rows in no promised order).
        const last = published.rows.reduce((max, r) => (BigInt(r.id) > max ? BigInt(r.id) : max), 0n);
        const reached = claimed < BATCH || last >= mark.upTo ? mark.upTo : last;
        if (reached + 1n > nextFloor) nextFloor = reached + 1n;
        if (reached === mark.upTo) nextMark = null;
      }
      // This transaction's xid, had by its marking after `drawn` was read (see `floor` above), returned with the rows.
      if (claimed && !nextMark && drawn !== null) nextMark = { upTo: BigInt(drawn), xid: BigInt(published.rows[0].xid) };
      if (!claimed) {
        await worker.query('commit');
        [floor, mark] = [nextFloor, nextMark];
        return [];
      }
      const events: PublishedEvent[] = published.rows.map((r) => toPublishedEvent(schema, r)).sort((a, b) => a.seq - b.seq);
      await opts.bus.publish(worker, schema, events);
      await worker.query('commit');
      [floor, mark] = [nextFloor, nextMark];
      return events;
    } catch (e) {
      await worker.query('rollback').catch(() => {});
      throw e;
    }
  }

  async function drainOnce(): Promise<number> {
    let total = 0;
    for (;;) {
      const n = await claimBatch();
      total += n;
      if (n < BATCH) return total;
    }
  }

  /** One drain at a time; a wake-up during a drain runs another drain right after. */
  function drain(): Promise<number> {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      let total = 0;
      do {
        again = false;
        try {
          total += await drainOnce();
        } catch (e) {
          // A batch cut short by a lost connection is rolled back by the server; the reconnect drains again. A broker
          // that failed is tried again after a pause growing to 5 s.
          // The worker may learn of the loss only after its statement failed with it: the error itself says so.
          if (databaseAway(e, (e as { code?: string }).code))
            opts.log.warn({ err: e, schema }, 'relay batch cut short by a lost connection; drained again on reconnect');
          else if (worker.current) opts.log.error({ err: e, schema }, 'relay batch failed; will retry');
          if (repairPending && !closed && !retryTimer) {
            retryTimer = setTimeout(() => {
              retryTimer = null;
              void drain();
            }, retryPause);
            retryPause = Math.min(retryPause * 2, 5_000);
          }
        }
      } while (again && !closed);
      running = null;
      return total;
    })();
    return running;
  }

  // Notifications sent while the listening connection was away are lost: what they announced is drained then.
  const listened = await listenOver(opts.listening, { url: opts.relayUrl, name: `relay listener (${schema})`, log: opts.log }, OUTBOX_CHANNEL, {
    heard: (payload) => {
      if (payload === schema) void drain();
    },
    missed: () => void drain(),
  });
  await opts.bus.repair?.(schema);
  const timer = setInterval(() => void drain(), opts.pollMs ?? 1000);
  timer.unref();
  await drain();

  return {
    drain,
    floor: () => floor,
    async close() {
      closed = true;
      if (retryTimer) clearTimeout(retryTimer);
      clearInterval(timer);
      await running?.catch(() => {});
      await listened.stop();
      await worker.close();
    },
  };
}
