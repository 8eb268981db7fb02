// Following a service's internal event feed (the kernel's `serveEventFeed`): server-sent events, a `ready` event with
// the feed's position first, then one message per event. The follower reconnects after a break and resumes after the
// last sequence it saw, so nothing published meanwhile is missed; it says whether it is following now, so its owner
// can trust what it caches only while it is.

export interface FeedEvent {
  seq: number;
  type: string;
  payload: Record<string, unknown>;
  /** The event's two ends and time (the outbox's), for a follower that applies the tenant rule itself. */
  orgPath?: string;
  otherPath?: string | null;
  occurredAt?: string;
}

export interface EventFeedOptions {
  url: string;
  /** Headers of each (re)connection, e.g. a freshly signed caller context. */
  headers: () => Promise<Record<string, string>>;
  onEvent: (e: FeedEvent) => void;
  /** The feed's position when it (re)connects: the last sequence before the events that follow. */
  onReady?: (seq: number) => void;
  /** Following (true) or not (false): on connect, on a break. `fresh` when the feed could not resume where it stopped. */
  onState?: (following: boolean, fresh: boolean) => void;
  onError?: (e: unknown) => void;
  /** Longest wait between reconnection attempts (ms); they start at 200 ms and double. */
  maxBackoffMs?: number;
}

export interface EventFeed {
  readonly following: boolean;
  close(): void;
}

/** Parses one server-sent event block (the lines between blank lines). */
export function parseSseBlock(block: string): { event: string; id?: string; data: string } | null {
  let event = 'message';
  let id: string | undefined;
  const data: string[] = [];
  for (const line of block.split('\n')) {
    if (!line || line.startsWith(':')) continue;
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
    if (field === 'event') event = value;
    else if (field === 'id') id = value;
    else if (field === 'data') data.push(value);
  }
  if (!id && !data.length && event === 'message') return null;
  return { event, ...(id !== undefined ? { id } : {}), data: data.join('\n') };
}

export function followEventFeed(opts: EventFeedOptions): EventFeed {
  const abort = new AbortController();
  let after: number | undefined;
  let following = false;
  let backoff = 200;
  const setFollowing = (v: boolean, fresh = false) => {
    if (v === following && !fresh) return;
    following = v;
    opts.onState?.(v, fresh);
  };

  async function connectOnce(): Promise<void> {
    const url = new URL(opts.url);
    if (after !== undefined) url.searchParams.set('after', String(after));
    const res = await fetch(url, { headers: { accept: 'text/event-stream', ...(await opts.headers()) }, signal: abort.signal });
    if (!res.ok || !res.body) throw new Error(`event feed answered ${res.status}`);
    const decoder = new TextDecoder();
    let buffer = '';
    const reader = res.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      buffer += decoder.decode(value, { stream: true }).replaceAll('\r\n', '\n');
      for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
        const block = parseSseBlock(buffer.slice(0, end));
        buffer = buffer.slice(end + 2);
        if (!block) continue;
        const seq = block.id !== undefined ? Number(block.id) : undefined;
        if (block.event === 'ready') {
          const resumed = after !== undefined && seq === after;
          if (seq !== undefined && Number.isSafeInteger(seq)) {
            after = seq;
            opts.onReady?.(seq);
          }
          backoff = 200;
          setFollowing(true, !resumed);
          continue;
        }
        if (seq === undefined || !Number.isSafeInteger(seq)) continue;
        after = seq;
        const body = JSON.parse(block.data) as Omit<FeedEvent, 'seq'>;
        opts.onEvent({ ...body, seq });
      }
    }
  }

  void (async () => {
    while (!abort.signal.aborted) {
      try {
        await connectOnce();
      } catch (e) {
        if (!abort.signal.aborted) opts.onError?.(e);
      }
      setFollowing(false);
      if (abort.signal.aborted) return;
      await new Promise((r) => setTimeout(r, backoff).unref());
      backoff = Math.min(backoff * 2, opts.maxBackoffMs ?? 5_000);
    }
  })();

  return {
    get following() {
      return following;
    },
    close: () => abort.abort(),
  };
}
