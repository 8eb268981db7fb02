// The recent live events, kept at the edge for subscribers resuming from a cursor (issue 13). After a gateway
// restarts every client subscribes again with its cursor at once; asking documents for each one's missed events read
// the outbox under that subscriber's row-level security once per subscriber (most of a 10,000-client storm), and
// reading the feed back once per batch of them still read the same events twenty times over. The window holds every
// live event between two positions, as the feed delivered it or as read back from documents once (`live-events`),
// indexed by every unit path at or above its two ends: a resuming subscriber is handed the events after its cursor at
// or below its unit (the tenant rule, as the Fanout routes live events, which then applies its grant to them exactly
// as to live ones). A cursor before the window is read back once for all who need it; one too far back is not the
// window's (the edge replays it alone, under its row-level security).
import { type PublishedEvent, pathAndAbove } from '@yizhan/common';

export interface FeedWindowOptions {
  /** The feed read back between two positions, a page at a time (documents' `live-events`). */
  read: (after: number, upTo: number) => Promise<{ events: PublishedEvent[]; readTo: number }>;
  /** Most events kept: when the window holds more, its oldest quarter is dropped. */
  maxEvents: number;
  /** How far back (in sequences) before its start the window reaches for a subscriber; further is not its to replay. */
  maxSpan: number;
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

export class FeedWindow {
  /** Every live event in (from, to], in sequence order. */
  private events: PublishedEvent[] = [];
  private from = -1;
  private to = -1;
  /** The events by every unit path that may see them. */
  private byPath = new Map<string, PublishedEvent[]>();
  /** The oldest cursor asked for that the window does not reach yet, and the reading that will reach it. */
  private wanted = Number.POSITIVE_INFINITY;
  private extending: Promise<void> | null = null;

  constructor(private readonly opts: FeedWindowOptions) {}

  /** The feed's position when it connects: a fresh feed starts the window there; a resumed one continues it. */
  anchor(seq: number): void {
    if (this.from >= 0 && seq === this.to) return;
    this.events = [];
    this.byPath.clear();
    this.from = seq;
    this.to = seq;
  }

  /** A live event from the feed, in order (before the Fanout delivers it). */
  append(e: PublishedEvent): void {
    if (this.from < 0 || e.seq <= this.to) return;
    this.events.push(e);
    this.to = e.seq;
    this.index(e);
    if (this.events.length > this.opts.maxEvents) {
      const dropped = this.events.splice(0, Math.ceil(this.events.length / 4));
      this.from = (dropped.at(-1) as PublishedEvent).seq;
      this.reindex();
    }
  }

  /**
   * The events after `after` up to `upTo` with an end at or below `scopePath`, oldest first; null when the cursor is
   * too far back for the window (or it has no position yet).
   */
  async replay(after: number, upTo: number, scopePath: string): Promise<PublishedEvent[] | null> {
    for (;;) {
      if (this.from < 0 || this.from - after > this.opts.maxSpan) return null;
      if (after >= this.from) break;
      await this.reachBack(after);
    }
    const list = this.byPath.get(scopePath) ?? [];
    const out: PublishedEvent[] = [];
    for (let i = firstAfter(list, after); i < list.length && (list[i] as PublishedEvent).seq <= upTo; i++) out.push(list[i] as PublishedEvent);
    return out;
  }

  get size(): number {
    return this.events.length;
  }

  /** Extends the window back to `after`: the cursors asked for in one turn are read back together, once. */
  private reachBack(after: number): Promise<void> {
    this.wanted = Math.min(this.wanted, after);
    if (!this.extending) {
      this.extending = new Promise<void>((r) => setImmediate(r))
        .then(async () => {
          const from = this.wanted;
          const until = this.from;
          const older: PublishedEvent[] = [];
          for (let at = from; at < until; ) {
            const page = await this.opts.read(at, until);
            older.push(...page.events);
            if (page.readTo <= at) break;
            at = page.readTo;
          }
          // The window may have been started again meanwhile (a fresh feed): then what was read does not join it.
          if (this.from !== until) return;
          this.events = [...older.filter((e) => e.seq <= until), ...this.events];
          this.from = from;
          this.reindex();
        })
        .finally(() => {
          this.wanted = Number.POSITIVE_INFINITY;
          this.extending = null;
        });
    }
    return this.extending;
  }

  private index(e: PublishedEvent): void {
    const paths = pathAndAbove(e.orgPath);
    if (e.otherPath) for (const p of pathAndAbove(e.otherPath)) if (!paths.includes(p)) paths.push(p);
    for (const p of paths) {
      const list = this.byPath.get(p);
      if (list) list.push(e);
      else this.byPath.set(p, [e]);
    }
  }

  private reindex(): void {
    this.byPath.clear();
    for (const e of this.events) this.index(e);
  }
}
