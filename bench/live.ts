// Benchmark: receipt → live event at subscribers connected to the gateway (issue 5). SUBSCRIBERS clients each hold a
// graphql-ws connection to the gateway and subscribe to the sender's view of one document (`deliveryChanged`); RECEIPTS
// recipient clerks sign for their delivery one after another. Latency is from sending the receipt mutation to each
// subscriber receiving the event. Baseline in the same run: the round trip of a `me` query over the same connections.
// The services run in their own processes, as `npm start` runs them; the subscribers run in the benchmark's process.
// Usage: npm run bench:live -- [subscribers] [receipts]
import { performance } from 'node:perf_hooks';
import { documentsDatabase } from '@yizhan/documents';
import { orgDatabase } from '@yizhan/org';
import { type Client, createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { buildProcesses } from '../scripts/lib/build.ts';
import { benchDatabase, gatewayClient, percentile, seedBenchProvince, sendFromProvince, startLiveStack } from './lib.ts';

const SUBSCRIBERS = Number(process.argv[2] ?? 1000);
const RECEIPTS = Number(process.argv[3] ?? 20);

const pct = percentile;

// The processes run from the production build, as `npm start` runs them.
await buildProcesses(console.log);
const db = await benchDatabase([orgDatabase, documentsDatabase]);
const closers: (() => Promise<void>)[] = [];
try {
  const recipients = await seedBenchProvince(db.appUrl, 200, RECEIPTS);

  // Each service in its own process, as `npm start` runs them; the subscribers live in this process. They all use the
  // sender's one login (the watchers of a board), so its cap on live connections is raised to their number.
  const { gateway: gw } = await startLiveStack(db, closers, { YIZHAN_MAX_SOCKETS_PER_SESSION: String(SUBSCRIBERS + 10) });

  const { gql, login } = gatewayClient(gw.url);
  const sender = await login('bench.sender');
  const approver = await login('bench.approver');
  const docId = await sendFromProvince(
    gql,
    { sender, approver },
    '实时签收基准',
    recipients.map((r) => r.id),
  );

  // The subscribers: one graphql-ws connection each, as the sender's clerk.
  const clients: Client[] = [];
  const arrivals = new Map<string, number[]>(); // deliveryId → arrival times
  let connected = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: SUBSCRIBERS }, async () => {
      const client = createClient({
        url: gw.url.replace('http', 'ws'),
        webSocketImpl: WebSocket,
        connectionParams: { authorization: `Bearer ${sender}` },
        lazy: false,
      });
      clients.push(client);
      await new Promise<void>((resolve, reject) => {
        let first = true;
        client.subscribe(
          { query: 'subscription($d: ID!) { deliveryChanged(documentId: $d) { deliveryId type } }', variables: { d: docId } },
          {
            next: (r) => {
              const id = (r.data as { deliveryChanged: { deliveryId: string } }).deliveryChanged.deliveryId;
              const list = arrivals.get(id) ?? [];
              list.push(performance.now());
              arrivals.set(id, list);
            },
            error: reject,
            complete: () => {},
          },
        );
        client.on('connected', () => {
          if (first) {
            first = false;
            connected++;
            resolve();
          }
        });
      });
    }),
  );
  const connectMs = performance.now() - t0;
  await new Promise((r) => setTimeout(r, 2000)); // subscriptions reach the subgraph

  // Baseline: a query's round trip over the same kind of connection.
  const baseline: number[] = [];
  for (const client of clients.slice(0, 200)) {
    const t = performance.now();
    await new Promise<void>((resolve, reject) =>
      client.subscribe({ query: '{ me { username } }' }, { next: () => {}, error: reject, complete: () => resolve() }),
    );
    baseline.push(performance.now() - t);
  }

  const latencies: number[] = [];
  const deliveries = new Map<string, string>();
  for (let i = 0; i < RECEIPTS; i++) {
    const clerk = await login(`bench.clerk${i}`);
    const inbox = await gql('{ inbox(first: 1) { nodes { id } } }', {}, clerk);
    deliveries.set(`bench.clerk${i}`, inbox.inbox.nodes[0].id);
    const id = inbox.inbox.nodes[0].id as string;
    const sent = performance.now();
    await gql('mutation($id: ID!) { openDelivery(id: $id) { id } }', { id }, clerk);
    const deadline = performance.now() + 10_000;
    while ((arrivals.get(id)?.length ?? 0) < SUBSCRIBERS && performance.now() < deadline) await new Promise((r) => setTimeout(r, 2));
    const got = arrivals.get(id) ?? [];
    if (got.length < SUBSCRIBERS) console.error(`receipt ${i}: only ${got.length} of ${SUBSCRIBERS} subscribers got the event`);
    for (const t of got) latencies.push(t - sent);
  }
  for (const c of clients) await c.dispose();

  const row = (name: string, xs: number[]) =>
    `| ${name} | ${xs.length} | ${pct(xs, 50).toFixed(1)} | ${pct(xs, 99).toFixed(1)} | ${Math.max(...xs).toFixed(1)} |`;
  console.log(`\n${connected} subscribers connected in ${(connectMs / 1000).toFixed(1)} s; ${RECEIPTS} receipts\n`);
  console.log('| measurement | samples | p50 (ms) | p99 (ms) | max (ms) |');
  console.log('|---|---|---|---|---|');
  console.log(row(`receipt mutation → event at each of ${SUBSCRIBERS} subscribers`, latencies));
  console.log(row('baseline: `me` query round trip over graphql-ws', baseline));
  console.log(`\np99 ratio event / query: ${(pct(latencies, 99) / pct(baseline, 99)).toFixed(2)}`);
} finally {
  for (const close of closers.reverse()) await close().catch(() => {});
  await db.stop();
}
