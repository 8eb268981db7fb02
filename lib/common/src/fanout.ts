// The fan-out of events to live subscribers, by the units they may see. Every process that holds subscribers uses
// it: each service's event hub (fed by PostgreSQL or NATS) and the gateway's live edge (fed by a service's event
// feed). The tenant rule it applies is the outbox's row-level security rule (`visibleTo`), so what a subscriber gets
// here is what the database would have shown it.
import { type PublishedEvent, visibleTo } from './events.ts';
import { PushQueue } from './queue.ts';

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

interface Subscriber {
  opts: SubscribeOptions;
  queue: PushQueue<PublishedEvent>;
  /** Highest sequence given to this subscriber: later duplicates (replay overlapping live) are dropped. */
  sent: number;
  /** The sequence of the last event handed over (or the cursor resumed after): the next event's predecessor. */
  previous: number | null;
  replaying: PublishedEvent[] | null;
}

/** A unit's path and every path above it: `p61.c6101.k610102` → `p61`, `p61.c6101`, `p61.c6101.k610102`. */
export function pathAndAbove(path: string): string[] {
  const labels = path.split('.');
  return labels.map((_, i) => labels.slice(0, i + 1).join('.'));
}

/**
 * Distributes events to subscribers; the transports (PostgreSQL, NATS) feed it in sequence order. Subscribers are
 * indexed by their unit's path: an event is offered only to those whose unit is at or above one of its ends (exactly
 * the ones the tenant rule lets see it), so the work per event follows the subscribers it may reach, not all that are
 * open — with every county's clerk online, an event about one county is looked at by that county's subscribers and
 * the few above it.
 */
export class Fanout {
  private byScope = new Map<string, Set<Subscriber>>();
  /** Subscribers of the whole platform (internal feeds). */
  private everywhere = new Set<Subscriber>();
  private count = 0;
  lastSeq = 0;

  /** Where the source stands when nothing has been delivered yet (a feed's position on connecting). */
  advanceTo(seq: number): void {
    if (seq > this.lastSeq) this.lastSeq = seq;
  }

  deliver(events: PublishedEvent[]): void {
    for (const e of events) {
      if (e.seq <= this.lastSeq) continue;
      this.lastSeq = e.seq;
      for (const s of this.everywhere) this.route(s, e);
      for (const path of pathAndAbove(e.orgPath)) for (const s of this.byScope.get(path) ?? []) this.route(s, e);
      if (e.otherPath) for (const path of pathAndAbove(e.otherPath)) for (const s of this.byScope.get(path) ?? []) this.route(s, e);
    }
  }

  private route(s: Subscriber, e: PublishedEvent): void {
    if (s.replaying) {
      // Both ends may lie below the subscriber's unit: buffered once.
      if (s.replaying.at(-1) !== e) s.replaying.push(e);
    } else this.offer(s, e);
  }

  private offer(s: Subscriber, e: PublishedEvent): void {
    const scope = s.opts.scopePath;
    if (e.seq <= s.sent || (scope !== null && !visibleTo(e, scope)) || !s.opts.filter(e)) return;
    s.sent = e.seq;
    // Each subscriber's copy names its own predecessor: the chain a client checks for continuity.
    s.queue.push({ ...e, previousSeq: s.previous });
    s.previous = e.seq;
  }

  private add(s: Subscriber): void {
    const scope = s.opts.scopePath;
    if (scope === null) this.everywhere.add(s);
    else {
      const set = this.byScope.get(scope) ?? new Set<Subscriber>();
      set.add(s);
      this.byScope.set(scope, set);
    }
    this.count++;
  }

  private remove(s: Subscriber): void {
    const scope = s.opts.scopePath;
    const set = scope === null ? this.everywhere : this.byScope.get(scope);
    if (!set?.delete(s)) return;
    if (scope !== null && !set.size) this.byScope.delete(scope);
    this.count--;
  }

  /** `replay` fetches the events after the cursor up to the hub's position, for a resuming subscriber. */
  subscribe(opts: SubscribeOptions, replay: (after: number, upTo: number) => Promise<PublishedEvent[]>): AsyncIterableIterator<PublishedEvent> {
    const s: Subscriber = {
      opts,
      sent: opts.after ?? this.lastSeq,
      previous: opts.after ?? null,
      replaying: opts.after !== undefined ? [] : null,
      queue: null as never,
    };
    s.queue = new PushQueue<PublishedEvent>(() => this.remove(s));
    this.add(s);
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
    return this.count;
  }
}
