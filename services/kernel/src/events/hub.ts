// The event hub of one service process: one reader follows the published events of the schema and hands each to
// the subscriptions that may see it (the same rule as the outbox's row-level security), instead of every subscription
// querying the database. A subscription that names a cursor first receives what it missed, in order, then live events.

import { type PublishedEvent, PushQueue, visibleTo } from '@yizhan/common';
import type pg from 'pg';
import { toPublishedEvent } from './types.ts';

export interface SubscribeOptions {
  /** Resume after this sequence; live events only when absent. */
  after?: number;
  /**
   * The subscriber's unit: only events about its subtree reach it. Null for a stream of the whole platform, which
   * only a service's internal route may open (the gateway's revocations), never a caller's subscription.
   */
  scopePath: string | null;
  /** Which of the visible events this subscription wants. */
  filter: (e: PublishedEvent) => boolean;
}

export interface EventHub {
  subscribe(opts: SubscribeOptions): AsyncIterableIterator<PublishedEvent>;
  /** The newest sequence this hub has seen. */
  readonly lastSeq: number;
  /** Subscriptions currently open (a gauge for health checks and tests). */
  readonly subscriptions: number;
  close(): Promise<void>;
}

interface Subscriber {
  opts: SubscribeOptions;
  queue: PushQueue<PublishedEvent>;
  /** Highest sequence given to this subscriber: later duplicates (replay overlapping live) are dropped. */
  sent: number;
  replaying: PublishedEvent[] | null;
}

/** Distributes events to subscribers; the transports (PostgreSQL, NATS) feed it in sequence order. */
export class Fanout {
  private subscribers = new Set<Subscriber>();
  lastSeq = 0;

  deliver(events: PublishedEvent[]): void {
    for (const e of events) {
      if (e.seq <= this.lastSeq) continue;
      this.lastSeq = e.seq;
      for (const s of this.subscribers) {
        if (s.replaying) s.replaying.push(e);
        else this.offer(s, e);
      }
    }
  }

  private offer(s: Subscriber, e: PublishedEvent): void {
    const scope = s.opts.scopePath;
    if (e.seq <= s.sent || (scope !== null && !visibleTo(e, scope)) || !s.opts.filter(e)) return;
    s.sent = e.seq;
    s.queue.push(e);
  }

  /** `replay` fetches the events after the cursor up to the hub's position, for a resuming subscriber. */
  subscribe(opts: SubscribeOptions, replay: (after: number, upTo: number) => Promise<PublishedEvent[]>): AsyncIterableIterator<PublishedEvent> {
    const s: Subscriber = { opts, sent: opts.after ?? this.lastSeq, replaying: opts.after !== undefined ? [] : null, queue: null as never };
    s.queue = new PushQueue<PublishedEvent>(() => this.subscribers.delete(s));
    this.subscribers.add(s);
    if (opts.after !== undefined) {
      const upTo = this.lastSeq;
      replay(opts.after, upTo)
        .then((missed) => {
          for (const e of missed) this.offer(s, e);
          const buffered = s.replaying ?? [];
          s.replaying = null;
          for (const e of buffered) this.offer(s, e);
        })
        .catch((e) => s.queue.fail(e));
    }
    return s.queue;
  }

  get size(): number {
    return this.subscribers.size;
  }
}

/** Reads published events of a schema by sequence, as the relay role (the fanout applies the tenant rule). */
export async function readPublished(client: pg.ClientBase, schema: string, after: number, upTo: number | null, limit = 5000): Promise<PublishedEvent[]> {
  const { rows } = await client.query(
    `select publish_seq, type, org_path::text, other_path::text, payload, occurred_at from ${schema}.outbox
     where publish_seq > $1 ${upTo === null ? '' : 'and publish_seq <= $3'} order by publish_seq limit $2`,
    upTo === null ? [after, limit] : [after, limit, upTo],
  );
  return rows.map((r) => toPublishedEvent(schema, r));
}

/** What a resuming subscriber missed: every published event after its cursor, up to where the hub stands. */
export function replayFrom(client: pg.ClientBase, schema: string) {
  return async (after: number, upTo: number): Promise<PublishedEvent[]> => {
    const out: PublishedEvent[] = [];
    let from = after;
    for (;;) {
      const batch = await readPublished(client, schema, from, upTo);
      out.push(...batch);
      if (batch.length < 5000) return out;
      from = batch.at(-1)?.seq ?? upTo;
    }
  };
}
