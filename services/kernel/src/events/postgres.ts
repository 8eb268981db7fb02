// The event transport on one PostgreSQL: the relay NOTIFYs after each batch (delivered at commit), and each hub
// LISTENs and reads the newly published events by sequence. Enough for any number of replicas sharing a database.
// Its connections survive a PostgreSQL restart: once back, the hub reads what was published meanwhile (after its
// `lastSeq`) before it delivers anything newer, so its subscribers lose nothing and get everything in order.

import type { Logger, PublishedEvent } from '@yizhan/common';
import { keepConnected } from '../db/kept-connection.ts';
import { type Listening, listenOver } from '../db/listening.ts';
import { EVENTS_CHANNEL } from '../db/outbox.ts';
import { type EventHub, Fanout, pageReader, readPublished, replayFrom } from './hub.ts';
import type { Bus } from './relay.ts';

export const postgresBus: Bus = {
  async publish(client, schema, events) {
    const last = events.at(-1);
    if (last) await client.query('select pg_notify($1, $2)', [EVENTS_CHANNEL, `${schema}:${last.seq}`]);
  },
};

/** The hub on PostgreSQL; `handOver` takes a batch this process's own relay has just committed. */
export interface PostgresHub extends EventHub {
  handOver(events: PublishedEvent[]): void;
}

/** `listening`: the process's listening connection (db/listening.ts); without one the hub opens its own. */
export async function startPostgresHub(opts: { relayUrl: string; schema: string; log: Logger; listening?: Listening }): Promise<PostgresHub> {
  const fanout = new Fanout();
  let reading: Promise<void> | null = null;
  let again = false;
  let closed = false;
  /** Reads everything published after the hub's position, in order; a hub that was away catches up here. */
  const catchUp = (): Promise<void> => {
    if (reading) {
      again = true;
      return reading;
    }
    reading = (async () => {
      do {
        again = false;
        if (!reader.current || closed) break;
        let client: unknown = null;
        try {
          for (;;) {
            // In turn with subscribers' replays on the same connection; not waiting for one that is being reconnected.
            const events = await reader.use((c) => {
              client = c;
              return readPublished(c, opts.schema, fanout.lastSeq, null);
            }, 0);
            fanout.deliver(events);
            if (events.length < 5000) break;
          }
        } catch (e) {
          // A lost connection is the reader's to report and to catch up after; anything else is logged here.
          if (client && reader.current === client) opts.log.error({ err: e }, 'event hub read failed');
        }
      } while (again);
    })().finally(() => {
      // After the assignment above even when nothing was awaited (no connection): never a settled `reading` left behind.
      reading = null;
    });
    return reading;
  };

  // The reader reads by sequence; after a reconnect it first reads what was published while it was away.
  const reader = await keepConnected({ url: opts.relayUrl, name: `event hub reader (${opts.schema})`, log: opts.log, onReconnect: catchUp });
  const [{ max }] = (await (await reader.client()).query(`select coalesce(max(publish_seq), 0)::bigint as max from ${opts.schema}.outbox`)).rows;
  fanout.lastSeq = Number(max);
  // Notifications sent while the listening connection was away are lost: what they announced is read then.
  const own = { url: opts.relayUrl, name: `event hub listener (${opts.schema})`, log: opts.log };
  const listened = await listenOver(opts.listening, own, EVENTS_CHANNEL, {
    heard: (payload) => {
      if (payload.startsWith(`${opts.schema}:`)) void catchUp();
    },
    missed: () => void catchUp(),
  });
  // A missed notification (a dropped connection) is caught up by the next one, or by this poll.
  const timer = setInterval(() => void catchUp(), 2000);
  timer.unref();

  return {
    get lastSeq() {
      return fanout.lastSeq;
    },
    get subscriptions() {
      return fanout.size;
    },
    subscribe: (sub) => fanout.subscribe(sub, replayFrom(reader, opts.schema)),
    // The relay of this process has the batch it just published in hand: delivered at once rather than read back
    // after the notification (about 20 ms for a broadcast's thousand events). Only when it follows on directly from
    // the last event delivered — then nothing published before it is missing, and a read in flight brings nothing
    // older (what it brings of this batch is dropped as already delivered); otherwise the read delivers it.
    handOver(events) {
      if (!closed && events[0]?.seq === fanout.lastSeq + 1) fanout.deliver(events);
    },
    read: pageReader(reader, opts.schema),
    async close() {
      closed = true;
      clearInterval(timer);
      await listened.stop();
      await reading;
      await reader.close();
    },
  };
}
