// The event transport between replicas through NATS JetStream. The relay publishes each batch to a stream after the
// batch has committed, holding a session lock so batches reach the stream in sequence order; a relay that dies between
// commit and publish leaves a gap that the next relay closes at start-up (it republishes what the stream lacks), and
// JetStream drops a republished event it already has (message id = schema:sequence). A hub consumes the stream and,
// should a sequence be missing (a rolled-back batch wastes sequence numbers too), reads the gap from the database.
// Both survive a restart: the NATS connections reconnect for ever, the hub's database reader reconnects with back-off
// and then reads from the database what it may have missed, before the next event from the stream.

import { Backoff, type Logger, loadConfig, type PublishedEvent } from '@yizhan/common';
import type { JetStreamManager, NatsConnection } from 'nats';
import pg from 'pg';
import { keepConnected } from '../db/kept-connection.ts';
import { type EventHub, Fanout, pageReader, readPublished, replayFrom } from './hub.ts';
import type { Bus } from './relay.ts';

// The client is imported when a connection is first made: a process whose events go over PostgreSQL alone never loads it.
const natsClient = () => import('nats');
const encoder = new TextEncoder();
const decoder = new TextDecoder();
/** YIZHAN_EVENT_BUS may name several servers of a cluster, comma-separated: the client moves to another when one goes. */
const natsServers = (url: string) =>
  url
    .split(',')
    .map((u) => u.trim())
    .filter(Boolean);
const streamName = (schema: string) => `YIZHAN_${schema.toUpperCase()}`;
const subject = (schema: string) => `yizhan.${schema}.events`;

async function ensureStream(jsm: JetStreamManager, schema: string): Promise<void> {
  // Synchronous writes to this many servers of the cluster before a publish is acknowledged: a stream survives the
  // loss of a server (3 in the Kubernetes manifests). A stream made with fewer is raised to it.
  const replicas = loadConfig().events.natsReplicas;
  try {
    const info = await jsm.streams.info(streamName(schema));
    if (info.config.num_replicas < replicas) await jsm.streams.update(streamName(schema), { num_replicas: replicas });
  } catch (e) {
    if (!(e instanceof Error && /stream not found/i.test(e.message))) throw e;
    // Subscribers older than a week resume from the database, not from the stream.
    await jsm.streams.add({
      name: streamName(schema),
      subjects: [subject(schema)],
      max_age: 7 * 24 * 3600 * 1e9,
      duplicate_window: 5 * 60 * 1e9,
      num_replicas: replicas,
    });
  }
}

/**
 * A connection to NATS and its JetStream (and the schema's stream, when named), tried again until they answer: a
 * service that starts while NATS is down, or cut off from it (JetStream without a leader answers TIMEOUT), waits for
 * it and says so, instead of failing its start. Once connected, the connection reconnects by itself for ever.
 */
async function connectPatiently(url: string, name: string, schema: string | null, log: Logger): Promise<{ nc: NatsConnection; jsm: JetStreamManager }> {
  const backoff = new Backoff({ initialMs: 250, maxMs: 5000 });
  for (;;) {
    let nc: NatsConnection | undefined;
    try {
      nc = await (await natsClient()).connect({ servers: natsServers(url), name, maxReconnectAttempts: -1 });
      const jsm = await nc.jetstreamManager();
      if (schema) await ensureStream(jsm, schema);
      return { nc, jsm };
    } catch (e) {
      await nc?.close().catch(() => {});
      log.warn({ err: (e as Error).message, attempt: backoff.attempts + 1, connection: name }, 'NATS is not reachable yet; trying again');
      // A timer that holds the process: nothing else may be running yet while it starts.
      await new Promise((r) => setTimeout(r, backoff.next()));
    }
  }
}

/**
 * Closes a connection: drained (what it has sent is flushed first) within five seconds, and closed in any case. A drain
 * refused or stuck (NATS away: the flush waits for a server that is not there) would otherwise leave the connection
 * trying to reconnect for ever in a process that thinks it has stopped.
 */
async function closeNats(nc: NatsConnection): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([nc.drain(), new Promise((r) => (timer = setTimeout(r, 5000)))]).catch(() => {});
  clearTimeout(timer);
  if (!nc.isClosed()) await nc.close().catch(() => {});
}

/** The relay's side. `publish` runs after the claiming transaction commits (see `afterCommit`). */
export async function natsBus(url: string, relayUrl: string, log: Logger): Promise<Bus & { close(): Promise<void> }> {
  const { nc, jsm } = await connectPatiently(url, 'yizhan-relay', null, log);
  const js = nc.jetstream();
  const ensured = new Set<string>();
  const publishAll = async (schema: string, events: PublishedEvent[]) => {
    if (!ensured.has(schema)) {
      await ensureStream(jsm, schema);
      ensured.add(schema);
    }
    for (const e of events) await js.publish(subject(schema), encoder.encode(JSON.stringify(e)), { msgID: `${schema}:${e.seq}` });
  };
  /** What a relay that died between commit and publish left out of the stream: published in the database, not in NATS. */
  const repair = async (schema: string) => {
    await ensureStream(jsm, schema);
    ensured.add(schema);
    let last = 0;
    try {
      const m = await jsm.streams.getMessage(streamName(schema), { last_by_subj: subject(schema) });
      last = (JSON.parse(decoder.decode(m.data)) as PublishedEvent).seq;
    } catch {
      /* empty stream */
    }
    const c = new pg.Client({ connectionString: relayUrl });
    c.on('error', (err) => log.warn({ err: err.message }, 'stream repair lost its database connection'));
    await c.connect();
    try {
      for (;;) {
        const missing = await readPublished(c, schema, last, null);
        if (!missing.length) break;
        await publishAll(schema, missing);
        last = missing.at(-1)?.seq ?? last;
        log.info({ schema, count: missing.length }, 'republished events missing from the stream');
      }
    } finally {
      await c.end();
    }
  };
  return {
    publish: async () => {},
    afterCommit: publishAll,
    repair,
    close: async () => {
      await closeNats(nc);
    },
  } as Bus & { close(): Promise<void> };
}

export async function startNatsHub(opts: { url: string; relayUrl: string; schema: string; log: Logger }): Promise<EventHub> {
  const { nc } = await connectPatiently(opts.url, `yizhan-hub-${opts.schema}`, opts.schema, opts.log);
  const fanout = new Fanout();
  /** The hub's work, one step at a time in arrival order; a failed step is logged and the next one still runs. */
  let chain = Promise.resolve();
  const serially = (step: () => Promise<void>, failure: string) => {
    chain = chain.then(step).catch((err) => opts.log.error({ err }, failure));
    return chain;
  };
  /** Everything the database has after the hub's position (after a reconnect: what the hub may have missed). */
  const catchUp = () =>
    serially(async () => {
      for (;;) {
        const events = await reader.use((c) => readPublished(c, opts.schema, fanout.lastSeq, null));
        fanout.deliver(events);
        if (events.length < 5000) return;
      }
    }, 'event hub failed to catch up');
  const reader = await keepConnected({ url: opts.relayUrl, name: `event hub reader (${opts.schema})`, log: opts.log, onReconnect: catchUp });
  const [{ max }] = (await (await reader.client()).query(`select coalesce(max(publish_seq), 0)::bigint as max from ${opts.schema}.outbox`)).rows;
  fanout.lastSeq = Number(max);

  // Start a minute back: anything already counted is skipped, anything newer than the database read above is not lost.
  const consumer = await nc.jetstream().consumers.get(streamName(opts.schema), {
    deliver_policy: (await natsClient()).DeliverPolicy.StartTime,
    opt_start_time: new Date(Date.now() - 60_000).toISOString(),
  });
  // Pull requests that expire after 5 s (heartbeats every 2.5 s) instead of 30: when the server holding this consumer
  // dies, two missed heartbeats make the client recreate it on another within seconds, not half a minute.
  const messages = await consumer.consume({ expires: 5000 });
  // Moved to another server of the cluster: read from the database what may have been published meanwhile.
  void (async () => {
    for await (const s of nc.status()) if (s.type === 'reconnect') void catchUp();
  })();
  void (async () => {
    for await (const m of messages) {
      const e = JSON.parse(decoder.decode(m.data)) as PublishedEvent;
      await serially(async () => {
        if (e.seq <= fanout.lastSeq) return;
        if (e.seq > fanout.lastSeq + 1) {
          // A gap: wasted sequence numbers, or events this hub has not seen. The database knows which.
          fanout.deliver(await reader.use((c) => readPublished(c, opts.schema, fanout.lastSeq, e.seq - 1)));
        }
        fanout.deliver([e]);
      }, 'event hub failed to deliver');
    }
  })();

  return {
    get lastSeq() {
      return fanout.lastSeq;
    },
    get subscriptions() {
      return fanout.size;
    },
    subscribe: (sub) => fanout.subscribe(sub, replayFrom(reader, opts.schema)),
    read: pageReader(reader, opts.schema),
    async close() {
      messages.stop();
      await closeNats(nc);
      await reader.close();
    },
  };
}
