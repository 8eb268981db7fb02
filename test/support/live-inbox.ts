// County clerks' live inboxes held open across replicas and faults (test/live-replicas.test.ts, test/cluster.test.ts):
// what each received, and the checks a client would make of it — each event once, in order, each naming the one before,
// only its own unit's.
import assert from 'node:assert/strict';
import { type Client, createClient } from 'graphql-ws';
import WebSocket from 'ws';

export type InboxEvent = { cursor: string; previousCursor: string | null; type: string; documentId: string; recipientOrg: { id: string } };

export interface InboxWatcher {
  user: string;
  orgId: string;
  /** The gateway holding its socket. */
  where: string;
  got: InboxEvent[];
}

/** Opens graphql-ws clients to gateways; what went wrong on any of them is kept in `failures`. */
export function inboxWatchers() {
  const clients: Client[] = [];
  const failures: string[] = [];
  return {
    failures,
    /** Subscribes `user` to its unit's inbox through the gateway at `url`. */
    watch(url: string, user: string, orgId: string, token: string): InboxWatcher {
      const client = createClient({
        url: url.replace('http', 'ws'),
        webSocketImpl: WebSocket,
        connectionParams: { authorization: `Bearer ${token}` },
        retryAttempts: 0,
        lazy: false,
      });
      clients.push(client);
      const w: InboxWatcher = { user, orgId, where: url, got: [] };
      client.subscribe(
        { query: 'subscription { inboxChanged { cursor previousCursor type documentId recipientOrg { id } } }' },
        {
          next: (r) =>
            r.data ? void w.got.push((r.data as { inboxChanged: InboxEvent }).inboxChanged) : void failures.push(`${user}: ${JSON.stringify(r.errors)}`),
          error: (e) =>
            void failures.push(
              `${user}: ${e instanceof Error ? e.message : JSON.stringify(e)} ${(e as { code?: number }).code ?? ''} ${(e as { reason?: string }).reason ?? ''}`,
            ),
          complete: () => void failures.push(`${user}: completed`),
        },
      );
      return w;
    },
    async close() {
      for (const c of clients) await Promise.resolve(c.dispose()).catch(() => {});
    },
  };
}

/**
 * Waits until `count` has not changed for 1.5 s and `settled` (if given) holds, at most 75 s. `settled` names what the
 * caller is waiting for (two streams of the same events grown to the same length): on a busy machine one of them may
 * pause longer than 1.5 s, and the comparison after must not read it half-way.
 */
export async function quiet(count: () => number, settled: () => boolean = () => true): Promise<void> {
  let last = -1;
  let still = 0;
  for (let i = 0; i < 300 && still < 6; i++) {
    const n = count();
    still = n === last && settled() ? still + 1 : 0;
    last = n;
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** A watcher's stream as a client checks it: `docs` delivered once each, in order; no event twice; a gapless chain. */
export function assertInboxStream(w: InboxWatcher, docs: string[]): void {
  const cursors = w.got.map((e) => e.cursor);
  assert.equal(new Set(cursors).size, cursors.length, `${w.user} on ${w.where}: no event twice`);
  assert.ok(
    w.got.every((e) => e.recipientOrg.id === w.orgId),
    `${w.user}: only its own unit's events`,
  );
  const delivered = w.got.filter((e) => e.type === 'delivery.delivered').map((e) => e.documentId);
  assert.deepEqual(delivered, docs, `${w.user} on ${w.where}: each document once, in order`);
  for (let i = 1; i < w.got.length; i++) assert.equal(w.got[i]?.previousCursor, w.got[i - 1]?.cursor, `${w.user}: each event names the one before`);
}
