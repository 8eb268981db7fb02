// The event transport on one PostgreSQL: the relay NOTIFYs after each batch (delivered at commit), and each hub
// LISTENs and reads the newly published events by sequence. Enough for any number of replicas sharing a database.

import type { Logger } from '@yizhan/common';
import pg from 'pg';
import { EVENTS_CHANNEL } from '../db/outbox.ts';
import { type EventHub, Fanout, readPublished, replayFrom } from './hub.ts';
import type { Bus } from './relay.ts';

export const postgresBus: Bus = {
  async publish(client, schema, events) {
    const last = events.at(-1);
    if (last) await client.query('select pg_notify($1, $2)', [EVENTS_CHANNEL, `${schema}:${last.seq}`]);
  },
};

export async function startPostgresHub(opts: { relayUrl: string; schema: string; log: Logger }): Promise<EventHub> {
  const listener = new pg.Client({ connectionString: opts.relayUrl });
  const reader = new pg.Client({ connectionString: opts.relayUrl });
  await listener.connect();
  await reader.connect();
  const fanout = new Fanout();
  const [{ max }] = (await reader.query(`select coalesce(max(publish_seq), 0)::bigint as max from ${opts.schema}.outbox`)).rows;
  fanout.lastSeq = Number(max);

  let reading: Promise<void> | null = null;
  let again = false;
  const catchUp = (): Promise<void> => {
    if (reading) {
      again = true;
      return reading;
    }
    reading = (async () => {
      do {
        again = false;
        try {
          for (;;) {
            const events = await readPublished(reader, opts.schema, fanout.lastSeq, null);
            fanout.deliver(events);
            if (events.length < 5000) break;
          }
        } catch (e) {
          opts.log.error({ err: e }, 'event hub read failed');
        }
      } while (again);
      reading = null;
    })();
    return reading;
  };

  listener.on('notification', (n) => {
    if (n.payload?.startsWith(`${opts.schema}:`)) void catchUp();
  });
  await listener.query(`listen ${EVENTS_CHANNEL}`);
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
    async close() {
      clearInterval(timer);
      await listener.end().catch(() => {});
      await reader.end().catch(() => {});
    },
  };
}
