// An internal event feed: a service's published events of some types, for the whole platform, as server-sent events
// to another process that must follow them (the gateways follow org's session changes). Unlike a subscription it is
// not a caller's: no unit scope, and only the internal network reaches it. Each event carries its two ends' paths,
// so a follower that serves callers (the gateway's live edge) applies the tenant rule itself. The wire format is
// common's `followEventFeed`: a `ready` event with the feed's position, then one `message` per event (`id:` its
// publish sequence), resumable with `?after=<sequence>`.
import type express from 'express';
import { openStreams } from '../sse.ts';
import type { EventHub } from './hub.ts';

const HEARTBEAT_MS = 12_000;
/** Events to one write in a burst. */
const WRITE_EVENTS = 100;

export function serveEventFeed(hub: EventHub, types: readonly string[]): express.RequestHandler {
  const wanted = new Set(types);
  return (req, res) => {
    const raw = typeof req.query.after === 'string' ? req.query.after : undefined;
    const after = raw === undefined ? undefined : Number(raw);
    if (after !== undefined && (!Number.isSafeInteger(after) || after < 0)) {
      res.status(400).json({ errors: [{ message: '`after` must be a publish sequence (a whole number)', extensions: { code: 'BAD_INPUT' } }] });
      return;
    }
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', 'x-accel-buffering': 'no' });
    const events = hub.subscribe({ scopePath: null, ...(after !== undefined ? { after } : {}), filter: (e) => wanted.has(e.type) });
    // Where the feed starts: a follower that connects fresh keeps it to resume from after a break.
    res.write(`event: ready\nid: ${after ?? hub.lastSeq}\ndata: {}\n\n`);
    openStreams.add(res);
    const heartbeat = setInterval(() => res.write(':\n\n'), HEARTBEAT_MS);
    res.on('close', () => {
      openStreams.delete(res);
      clearInterval(heartbeat);
      void events.return?.();
    });
    // A burst (a broadcast's ten thousand events) goes out a hundred events to a write, not one write per event, nor
    // all in one: the follower starts routing the first while the rest are on their way.
    let corked = 0;
    const uncork = () => {
      corked = 0;
      res.uncork();
    };
    void (async () => {
      try {
        for await (const e of events) {
          if (corked === 0) {
            res.cork();
            setImmediate(uncork);
          } else if (corked >= WRITE_EVENTS) {
            uncork();
            res.cork();
          }
          corked++;
          res.write(
            `id: ${e.seq}\ndata: ${JSON.stringify({ type: e.type, payload: e.payload, orgPath: e.orgPath, otherPath: e.otherPath, occurredAt: e.occurredAt })}\n\n`,
          );
        }
      } catch {
        // The replay failed (the database went away): end the feed; the follower reconnects and resumes.
      }
      res.end();
    })();
  };
}
