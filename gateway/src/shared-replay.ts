// Resuming subscribers replayed together (issue 13). After a gateway restarts, every client subscribes again with its
// cursor at once; asking documents for each one's missed events read the outbox under that subscriber's row-level
// security once per subscriber (most of a 10,000-client storm). Here the asks that arrive together are answered from
// one read of the live feed between the oldest cursor and the edge's position, each given only the events with an
// end at or below its unit (the tenant rule, as the Fanout routes live events); the Fanout then applies its grant to
// them exactly as to live events. A cursor too far back to share a read is replayed alone, by documents.
import { type PublishedEvent, pathAndAbove } from '@yizhan/common';
import { batched } from './batched.ts';

export interface ReplayAsk {
  after: number;
  upTo: number;
  /** The subscriber's unit (its grant's scope). */
  scopePath: string;
}

export interface SharedReplayOptions<A extends ReplayAsk> {
  /** One page of the feed after `after` up to `upTo`, as the gateway reads it (documents' `live-events`). */
  read: (after: number, upTo: number) => Promise<{ events: PublishedEvent[]; readTo: number }>;
  /** The replay of one ask on its own (documents' `live-replay`, under the subscriber's row-level security). */
  alone: (ask: A) => Promise<PublishedEvent[]>;
  /** Widest span of sequences one shared read covers; an ask further back goes alone. */
  maxSpan: number;
  /** Most asks answered from one read. */
  maxAsks: number;
}

/** The events of a read by every unit path that may see them: each event under each path at or above its ends. */
function byPath(events: PublishedEvent[]): Map<string, PublishedEvent[]> {
  const index = new Map<string, PublishedEvent[]>();
  for (const e of events) {
    const paths = new Set(pathAndAbove(e.orgPath));
    if (e.otherPath) for (const p of pathAndAbove(e.otherPath)) paths.add(p);
    for (const p of paths) {
      const list = index.get(p);
      if (list) list.push(e);
      else index.set(p, [e]);
    }
  }
  return index;
}

/** The first index of a list in sequence order whose event comes after `seq`. */
function firstAfter(list: PublishedEvent[], seq: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((list[mid] as PublishedEvent).seq <= seq) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export function sharedReplay<A extends ReplayAsk>(opts: SharedReplayOptions<A>): (ask: A) => Promise<PublishedEvent[]> {
  const together = batched(
    async (asks: A[]) => {
      const upTo = Math.max(...asks.map((a) => a.upTo));
      const events: PublishedEvent[] = [];
      for (let after = Math.min(...asks.map((a) => a.after)); after < upTo; ) {
        const page = await opts.read(after, upTo);
        events.push(...page.events);
        if (page.readTo <= after) break;
        after = page.readTo;
      }
      const index = byPath(events);
      return asks.map((a) => {
        const list = index.get(a.scopePath) ?? [];
        const out: PublishedEvent[] = [];
        for (let i = firstAfter(list, a.after); i < list.length && (list[i] as PublishedEvent).seq <= a.upTo; i++) out.push(list[i] as PublishedEvent);
        return out;
      });
    },
    { max: opts.maxAsks },
  );
  return (ask) => (ask.after < ask.upTo - opts.maxSpan ? opts.alone(ask) : together(ask));
}
