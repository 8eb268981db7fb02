// Benchmark: a reconnect storm (issue 13). UNITS county clerks, each in a distinct county, hold an inbox subscription
// (`inboxChanged`) through the gateway and keep the cursor of the last event they received. The gateway is killed
// (kill -9) and started again; every clerk reconnects at once (a random pause of up to a second, then doubling) and
// subscribes again with its cursor. Meanwhile the province sends a document to all of them. Measured: from the new
// gateway answering to every clerk resubscribed (its subscription accepted and its first event — the document sent
// during the storm — received), and that no clerk lost or received twice any event. Baseline in the same run: the
// same clerks' first connection and subscription before the crash, at the same pace.
// Usage: npm run bench:live-storm -- [units]
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { encodeCursor } from '@yizhan/common';
import { documentsDatabase } from '@yizhan/documents';
import { orgDatabase } from '@yizhan/org';
import WebSocket from 'ws';
import { buildProcesses } from '../scripts/lib/build.ts';
import { benchDatabase, gatewayClient, inBatches, percentile, seedBenchProvince, startLiveStack } from './lib.ts';

const UNITS = Number(process.argv[2] ?? 1000);

/** One clerk: a graphql-transport-ws connection kept open by hand, resubscribing with its last cursor after a break. */
class Clerk {
  // From the start of the feed: a first subscription that the gateway takes up after the first send still replays it
  // (live-only would miss it), and the first connection costs what a resubscription with a cursor costs.
  cursor: string | null = encodeCursor('documents', 0);
  documents: string[] = [];
  subscribedAt = 0;
  /** How many times the gateway told it to subscribe again. */
  retold = 0;
  private ws: WebSocket | null = null;
  private pause = 0;
  stopped = false;
  constructor(
    private url: string,
    private token: string,
    private onEvent: (c: Clerk) => void,
  ) {}

  connect(): Promise<void> {
    return new Promise((resolve) => {
      const ws = new WebSocket(this.url, 'graphql-transport-ws');
      this.ws = ws;
      ws.on('open', () => ws.send(JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${this.token}` } })));
      ws.on('message', (raw) => {
        const m = JSON.parse(String(raw));
        const subscribe = () =>
          ws.send(
            JSON.stringify({
              id: '1',
              type: 'subscribe',
              payload: { query: 'subscription($a: String) { inboxChanged(after: $a) { cursor documentId type } }', variables: { a: this.cursor } },
            }),
          );
        if (m.type === 'connection_ack') {
          subscribe();
          this.subscribedAt = performance.now();
          this.pause = 0;
          resolve();
        } else if (m.type === 'complete' || m.type === 'error') {
          // Told to subscribe again (UNAVAILABLE: documents could not replay what it missed, under the storm): as a
          // client should, it does, with its cursor, after a pause of up to a second.
          this.retold++;
          setTimeout(() => ws.readyState === WebSocket.OPEN && !this.stopped && subscribe(), Math.random() * 1000);
        } else if (m.type === 'next' && m.payload?.data) {
          const e = m.payload.data.inboxChanged;
          this.cursor = e.cursor;
          if (e.type === 'delivery.delivered') this.documents.push(e.documentId);
          this.onEvent(this);
        }
      });
      const retry = () => {
        if (this.stopped) return;
        // Everyone at once after a crash: a random first pause of up to a second, then doubling to five.
        this.pause = this.pause ? Math.min(this.pause * 2, 5000) : Math.random() * 1000;
        setTimeout(() => void this.connect().then(resolve), this.pause);
      };
      ws.on('close', retry);
      ws.on('error', () => {});
    });
  }

  close() {
    this.stopped = true;
    this.ws?.close();
  }
}

await buildProcesses(console.log);
const db = await benchDatabase([orgDatabase, documentsDatabase]);
const closers: (() => Promise<void>)[] = [];
try {
  const counties = await seedBenchProvince(db.appUrl, Math.ceil(UNITS * 1.15) + 50, UNITS);
  const stack = await startLiveStack(db, closers, { YIZHAN_LOGIN_ADDRESS_LIMIT: '100000' });
  const { gql, login } = gatewayClient(stack.gateway.url);
  const tokens = await inBatches(counties.slice(0, UNITS), 8, (_, i) => login(`bench.clerk${i}`));
  const sender = await login('bench.sender');
  const approver = await login('bench.approver');
  // The province's office, like any client, tries again when the gateway does not take its connection (during the
  // storm); the draft is made once, and sendDocument with its key does nothing twice.
  const persist = async <T>(fn: () => Promise<T>): Promise<T> => {
    for (let attempt = 1; ; attempt++) {
      try {
        return await fn();
      } catch (e) {
        if (attempt >= 20 || !(e instanceof TypeError)) throw e; // fetch's own failures only, never a GraphQL error
        await new Promise((r) => setTimeout(r, 500));
      }
    }
  };
  const send = async (title: string) => {
    const doc = await persist(() =>
      gql(
        'mutation($in: DraftInput!) { createDraft(input: $in) { id } }',
        { in: { docType: '通知', title, body: '正文', docPrefix: '合政发', recipients: [{ orgIds: counties.slice(0, UNITS).map((c) => c.id) }] } },
        sender,
      ),
    );
    const id = doc.createDraft.id as string;
    await persist(() => gql('mutation($id: ID!) { submitForApproval(id: $id) { id } }', { id }, sender));
    await persist(() => gql('mutation($id: ID!) { approveDocument(id: $id) { id } }', { id }, approver));
    await persist(() => gql('mutation($id: ID!) { approveDocument(id: $id) { id } }', { id }, approver));
    const key = randomUUID();
    await persist(() => gql('mutation($id: ID!, $k: String!) { sendDocument(id: $id, sendKey: $k) { id } }', { id, k: key }, sender));
    return id;
  };

  const wsUrl = stack.gateway.url.replace('http', 'ws');
  const clerks = tokens.map((t) => new Clerk(wsUrl, t, () => {}));
  // Baseline: the same clerks connecting and subscribing for the first time, each after a random pause of up to a second.
  const t0 = performance.now();
  await Promise.all(clerks.map((c) => new Promise((r) => setTimeout(r, Math.random() * 1000)).then(() => c.connect())));
  const firstConnect = Math.max(...clerks.map((c) => c.subscribedAt)) - t0;
  await new Promise((r) => setTimeout(r, 3000));
  const before = await send('重连风暴之前');
  for (let i = 0; i < 600 && clerks.some((c) => c.documents.length < 1); i++) await new Promise((r) => setTimeout(r, 100));
  console.log(
    `${UNITS} clerks subscribed in ${(firstConnect / 1000).toFixed(1)} s; the first document reached ${clerks.filter((c) => c.documents.length === 1).length}`,
  );

  // The crash: every connection breaks; the clerks start retrying at once while the gateway is down.
  let restarted = 0;
  const gateway = await stack.crashGateway(async () => {
    await new Promise((r) => setTimeout(r, 1000));
  });
  restarted = performance.now();
  const during = await send('重连风暴之中');
  const sentAt = performance.now();
  const deadline = performance.now() + 120_000;
  while (clerks.some((c) => c.documents.length < 2) && performance.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  const allBack = performance.now();
  await new Promise((r) => setTimeout(r, 2000)); // anything doubled would arrive now
  const resubscribed = clerks.map((c) => c.subscribedAt - restarted);
  const lost = clerks.filter((c) => !c.documents.includes(during)).length;
  const doubled = clerks.filter((c) => new Set(c.documents).size !== c.documents.length).length;
  const wrong = clerks.filter((c) => c.documents[0] !== before).length;
  for (const c of clerks) c.close();
  console.log(`\ngateway ${gateway.url} killed and started again; ${UNITS} clerks reconnecting with their cursors`);
  console.log('| measurement | value |');
  console.log('|---|---|');
  console.log(
    `| gateway answering → every clerk subscribed again (p50 / p99 / last) | ${(percentile(resubscribed, 50) / 1000).toFixed(1)} / ${(percentile(resubscribed, 99) / 1000).toFixed(1)} / ${(Math.max(...resubscribed) / 1000).toFixed(1)} s |`,
  );
  console.log(
    `| gateway answering → every clerk has the document sent during the storm | ${((allBack - restarted) / 1000).toFixed(1)} s (the send returned after ${((sentAt - restarted) / 1000).toFixed(1)} s) |`,
  );
  console.log(`| baseline: the same clerks' first connection and subscription, same pace | ${(firstConnect / 1000).toFixed(1)} s |`);
  console.log(`| clerks that lost the document / received a document twice / missed the first | ${lost} / ${doubled} / ${wrong} |`);
  console.log(
    `| subscriptions the gateway ended with UNAVAILABLE (each clerk then subscribed again with its cursor) | ${clerks.reduce((n, c) => n + c.retold, 0)} |`,
  );
} finally {
  for (const close of closers.reverse()) await close().catch(() => {});
  await db.stop();
}
