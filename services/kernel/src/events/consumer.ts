// A durable consumer of another service's events (the seals and certificates services follow org's: a dissolved or
// merged unit's seals and certificates are revoked). It reads the published outbox after its stored position, and
// handles each event in one transaction with moving the position: an event is handled once, none is skipped, and
// a consumer that was down catches up when it starts.
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import pg from 'pg';
import { SCOPE_SETTING } from '../db/rls.ts';
import type { Logger } from '../log.ts';
import { readPublished } from './hub.ts';
import type { PublishedEvent } from './types.ts';

export interface EventConsumerOptions {
  relayUrl: string;
  orm: MikroORM;
  /** The schema whose events are followed, e.g. 'org'. */
  source: string;
  /** Where the position is kept: `<offsetTable>` with columns (source text primary key, seq bigint). */
  offsetTable: string;
  types: string[];
  /** Runs in the consumer's transaction, scoped to the event's unit (row-level security applies). */
  handle(event: PublishedEvent, em: EntityManager): Promise<void>;
  /** The unit the handler acts for: the event's own unit unless it says otherwise (e.g. a delivery's recipient). */
  scopeOf?: (event: PublishedEvent) => string;
  log: Logger;
  intervalMs?: number;
}

export async function startEventConsumer(opts: EventConsumerOptions) {
  const reader = new pg.Client({ connectionString: opts.relayUrl });
  await reader.connect();
  let closed = false;
  let running: Promise<void> | null = null;

  async function position(): Promise<number> {
    const em = opts.orm.em.fork();
    const [row] = (await em.execute(`select seq from ${opts.offsetTable} where source = ?`, [opts.source])) as { seq: string }[];
    return row ? Number(row.seq) : 0;
  }

  async function tick(): Promise<number> {
    let handled = 0;
    for (;;) {
      const after = await position();
      const events = await readPublished(reader, opts.source, after, null, 500);
      if (!events.length) return handled;
      for (const e of events) {
        const em = opts.orm.em.fork();
        em.setSessionContext({ variables: { [SCOPE_SETTING]: opts.scopeOf?.(e) ?? e.orgPath } });
        await em.transactional(async (tx) => {
          if (opts.types.includes(e.type)) {
            await opts.handle(e, tx as EntityManager);
            handled++;
          }
          await tx.execute(
            `insert into ${opts.offsetTable} (source, seq) values (?, ?) on conflict (source) do update set seq = excluded.seq where ${opts.offsetTable}.seq < excluded.seq`,
            [opts.source, e.seq],
          );
        });
      }
    }
  }

  const run = () => {
    if (closed || running) return running;
    running = tick()
      .then(() => {})
      .catch((err) => opts.log.error({ err, source: opts.source }, 'event consumer failed; will retry'))
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
      await reader.end();
    },
  };
}
