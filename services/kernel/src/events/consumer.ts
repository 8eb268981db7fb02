// A durable consumer of another service's events (the seals and certificates services follow org's: a dissolved or
// merged unit's seals and certificates are revoked). It reads the published outbox after its stored position, and
// handles each event in one transaction with moving the position: an event is handled once, none is skipped, and
// a consumer that was down catches up when it starts. Its reader survives a PostgreSQL restart (kept-connection.ts):
// while the database is away the consumer waits, and it carries on from its stored position once it is back.
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import type { EventCatalogue, Logger, TypedEvent } from '@yizhan/common';
import { keepConnected } from '../db/kept-connection.ts';
import { SCOPE_SETTING } from '../db/rls.ts';
import { readPublished } from './hub.ts';

// biome-ignore lint/suspicious/noExplicitAny: any catalogue's payload schemas
type AnyPayloads = Record<string, any>;

export interface EventConsumerOptions<P extends AnyPayloads, N extends keyof P & string> {
  relayUrl: string;
  orm: MikroORM;
  /** The followed service's event catalogue (from its contract): its schema is the source, its schemas check payloads. */
  events: EventCatalogue<P>;
  /** Where the position is kept: `<offsetTable>` with columns (source text primary key, seq bigint). */
  offsetTable: string;
  types: N[];
  /** Runs in the consumer's transaction, scoped to the event's unit (row-level security applies). */
  handle(event: TypedEvent<P, N>, em: EntityManager): Promise<void>;
  /** The unit the handler acts for: the event's own unit unless it says otherwise (e.g. a delivery's recipient). */
  scopeOf?: (event: TypedEvent<P, N>) => string;
  log: Logger;
  intervalMs?: number;
}

export async function startEventConsumer<P extends AnyPayloads, N extends keyof P & string>(opts: EventConsumerOptions<P, N>) {
  const source = opts.events.schema;
  let closed = false;
  let running: Promise<void> | null = null;
  const reader = await keepConnected({ url: opts.relayUrl, name: `event consumer reader (${source})`, log: opts.log, onReconnect: () => void run() });

  async function position(): Promise<number> {
    const em = opts.orm.em.fork();
    const [row] = (await em.execute(`select seq from ${opts.offsetTable} where source = ?`, [source])) as { seq: string }[];
    return row ? Number(row.seq) : 0;
  }

  const moveTo = (em: EntityManager, seq: number) =>
    em.execute(
      `insert into ${opts.offsetTable} (source, seq) values (?, ?) on conflict (source) do update set seq = excluded.seq where ${opts.offsetTable}.seq < excluded.seq`,
      [source, seq],
    );

  async function tick(): Promise<number> {
    let handled = 0;
    for (;;) {
      const client = reader.current;
      if (!client) return handled;
      const after = await position();
      const events = await readPublished(client, source, after, null, 500);
      if (!events.length) return handled;
      // Events of other types are passed over without a transaction each: the position moves past them with the next
      // handled event, or once at the end of the batch (a broadcast's 10,000 deliveries cost one write, not 10,000).
      let passed: number | null = null;
      for (const e of events) {
        const event = opts.events.read(e, ...opts.types);
        if (!event) {
          passed = e.seq;
          continue;
        }
        const em = opts.orm.em.fork();
        em.setSessionContext({ variables: { [SCOPE_SETTING]: opts.scopeOf?.(event) ?? e.orgPath } });
        await em.transactional(async (tx) => {
          await opts.handle(event, tx as EntityManager);
          await moveTo(tx as EntityManager, e.seq);
        });
        handled++;
        passed = null;
      }
      if (passed !== null) {
        const last = passed;
        await opts.orm.em.fork().transactional((tx) => moveTo(tx as EntityManager, last));
      }
    }
  }

  const run = () => {
    if (closed || running) return running;
    running = tick()
      .then(() => {})
      .catch((err) => {
        // While the database is away the reader reports the loss once; the reconnect runs the consumer again.
        if (reader.current) opts.log.error({ err, source: source }, 'event consumer failed; will retry');
      })
      .finally(() => {
        running = null;
      });
    return running;
  };
  const timer = setInterval(run, opts.intervalMs ?? 2000);
  await run();
  return {
    /** Handles what is there now (tests). */
    async drain(): Promise<void> {
      await running;
      await tick();
    },
    async close() {
      closed = true;
      clearInterval(timer);
      await running;
      await reader.close();
    },
  };
}
