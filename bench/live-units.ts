// Benchmark: every county's clerk online at once (issue 13). UNITS clerks, each of a different county, each hold a
// graphql-ws connection to the gateway with their own inbox subscription (`inboxChanged`); the province sends one
// document to all of them. Latency is from `sendDocument` returning to each clerk receiving their delivery's event.
// Baselines in the same run: the round trip of a `me` query over the same connections, and a bare WebSocket server
// (bench/bare-ws-server.ts, its own process) sending a message of the same size to the same number of sockets. The
// gateway's resident memory is read before the clerks connect and once they are all subscribed and idle. The
// services run in their own processes, from the production build, as `npm start` runs them; the clerks run in the
// benchmark's process.
// With `broadcasts` > 1 the province sends that many documents, one after another (each once the last one's events
// have all arrived and the machine has rested a second): one broadcast's p99 is one sample of the machine's mood, so
// each broadcast's p99 is reported, and their median.
// Usage: npm run bench:live-units -- [units] [broadcasts=1]
import { fork } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import { performance } from 'node:perf_hooks';
import { documentsDatabase } from '@yizhan/documents';
import { orgDatabase } from '@yizhan/org';
import { type Client, createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { buildProcesses } from '../scripts/lib/build.ts';
import { loadTypeScript } from '../scripts/lib/typescript-args.ts';
import { benchDatabase, gatewayClient, inBatches, percentile, procSample, seedBenchProvince, sendFromProvince, startLiveStack } from './lib.ts';

const UNITS = Number(process.argv[2] ?? 1000);
const BROADCASTS = Number(process.argv[3] ?? 1);

const pct = percentile;

await buildProcesses(console.log);
const db = await benchDatabase([orgDatabase, documentsDatabase]);
const closers: (() => Promise<void>)[] = [];
try {
  // The synthetic province has enough counties for UNITS clerks, one per county.
  const counties = await seedBenchProvince(db.appUrl, Math.ceil(UNITS * 1.15) + 50, UNITS);
  if (counties.length < UNITS) throw new Error(`only ${counties.length} counties for ${UNITS} clerks`);

  // Logins come from this one address: the limit of failed logins per address does not concern them, but keep it wide.
  const { gateway: gw } = await startLiveStack(db, closers, { YIZHAN_LOGIN_ADDRESS_LIMIT: '100000' });

  const { gql, login } = gatewayClient(gw.url);
  const rssKb = () => Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${gw.child.pid}/status`, 'utf8'))?.[1] ?? 0);
  const t0 = performance.now();
  const tokens = await inBatches(counties.slice(0, UNITS), 8, (_, i) => login(`bench.clerk${i}`));
  console.log(`${UNITS} clerks logged in in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

  // One connection and one inbox subscription per clerk: every subscription has its own scope.
  const clients: Client[] = [];
  let arrivals: number[] = [];
  let foreign = 0;
  const rssBefore = rssKb();
  const t1 = performance.now();
  await inBatches(tokens, 50, async (token, i) => {
    const client = createClient({
      url: gw.url.replace('http', 'ws'),
      webSocketImpl: WebSocket,
      connectionParams: { authorization: `Bearer ${token}` },
      lazy: false,
    });
    clients.push(client);
    await new Promise<void>((resolve, reject) => {
      client.on('connected', () => resolve());
      client.subscribe(
        { query: 'subscription { inboxChanged { deliveryId recipientOrg { id } type } }' },
        {
          next: (r) => {
            const e = (r.data as { inboxChanged: { recipientOrg: { id: string }; type: string } }).inboxChanged;
            if (e.recipientOrg.id !== counties[i]?.id) foreign++;
            else if (e.type === 'delivery.delivered') arrivals.push(performance.now());
          },
          error: reject,
          complete: () => {},
        },
      );
    });
  });
  console.log(`${clients.length} connections and subscriptions in ${((performance.now() - t1) / 1000).toFixed(1)} s`);
  await new Promise((r) => setTimeout(r, 3000)); // the subscriptions settle
  const idleRss = rssKb();

  const baseline: number[] = [];
  for (const client of clients.slice(0, 200)) {
    const t = performance.now();
    await new Promise<void>((resolve, reject) =>
      client.subscribe({ query: '{ me { username } }' }, { next: () => {}, error: reject, complete: () => resolve() }),
    );
    baseline.push(performance.now() - t);
  }

  const sender = await login('bench.sender');
  const approver = await login('bench.approver');
  /** Each broadcast's latencies, in the order sent. */
  const broadcasts: number[][] = [];
  /** The gateway's CPU seconds from each broadcast's answer to its last event: the fan-out's own cost. */
  const fanoutCpu: number[] = [];
  let arrived = 0;
  for (let b = 0; b < BROADCASTS; b++) {
    if (b) await new Promise((r) => setTimeout(r, 1000));
    arrivals = [];
    await sendFromProvince(
      gql,
      { sender, approver },
      `全省收文员在线基准 ${b + 1}`,
      counties.slice(0, UNITS).map((c) => c.id),
    );
    const sent = performance.now();
    const cpuAtSend = procSample(gw.child.pid)?.cpu ?? 0;
    const deadline = sent + 60_000;
    while (arrivals.length < UNITS && performance.now() < deadline) await new Promise((r) => setTimeout(r, 5));
    arrived += arrivals.length;
    broadcasts.push(arrivals.map((t) => t - sent));
    fanoutCpu.push((procSample(gw.child.pid)?.cpu ?? 0) - cpuAtSend);
  }
  const latencies = broadcasts.flat();
  for (const c of clients) await c.dispose();
  const bare = await bareWebSocket(
    UNITS,
    JSON.stringify({
      id: '#',
      type: 'next',
      payload: { data: { inboxChanged: { deliveryId: randomUUID(), recipientOrg: { id: randomUUID() }, type: 'delivery.delivered' } } },
    }),
  );

  const row = (name: string, xs: number[]) =>
    `| ${name} | ${xs.length} | ${pct(xs, 50).toFixed(1)} | ${pct(xs, 99).toFixed(1)} | ${Math.max(...xs).toFixed(1)} |`;
  console.log(
    `\n${UNITS} distinct units online, ${BROADCASTS} broadcast(s); events arrived: ${arrived} of ${UNITS * BROADCASTS}; foreign events: ${foreign}\n`,
  );
  console.log('| measurement | samples | p50 (ms) | p99 (ms) | max (ms) |');
  console.log('|---|---|---|---|---|');
  console.log(row(`sendDocument returned → each of ${UNITS} clerks has their delivery's event`, latencies));
  console.log(row('baseline: `me` query round trip over graphql-ws', baseline));
  console.log(row(`baseline: a bare WebSocket server sends each of ${UNITS} sockets the same size of message`, bare.latencies));
  if (BROADCASTS > 1) {
    const p99s = broadcasts.map((xs) => pct(xs, 99));
    console.log(
      `\neach broadcast's event p99 (ms): ${p99s.map((x) => x.toFixed(1)).join(', ')}; median ${pct(p99s, 50).toFixed(1)}; under 100 ms: ${p99s.filter((x) => x <= 100).length} of ${BROADCASTS}`,
    );
  }
  const perEvent = (seconds: number) => `${((seconds * 1e6) / UNITS).toFixed(0)} µs`;
  console.log(
    `\nCPU of the fan-out (from the answer to the last event, /proc, 10 ms ticks): the gateway ${fanoutCpu.map((c) => `${(c * 1000).toFixed(0)} ms`).join(', ')} a broadcast, a median ${perEvent(pct(fanoutCpu, 50))} an event; the bare WebSocket server ${(bare.cpu * 1000).toFixed(0)} ms, ${perEvent(bare.cpu)} a socket`,
  );
  console.log(
    `p99 ratio event / query: ${(pct(latencies, 99) / pct(baseline, 99)).toFixed(2)}; event / bare WebSocket: ${(pct(latencies, 99) / pct(bare.latencies, 99)).toFixed(2)}`,
  );
  console.log(
    `gateway resident memory: ${(rssBefore / 1024).toFixed(0)} MB before the clerks, ${(idleRss / 1024).toFixed(0)} MB with ${UNITS} idle subscribed connections: ${((idleRss - rssBefore) / UNITS).toFixed(1)} KB each`,
  );
} finally {
  for (const close of closers.reverse()) await close().catch(() => {});
  await db.stop();
}

/**
 * The bare WebSocket baseline: `n` sockets to a server in its own process; latency from the trigger's answer to each
 * message, and the server's CPU seconds meanwhile.
 */
async function bareWebSocket(n: number, payload: string): Promise<{ latencies: number[]; cpu: number }> {
  const child = fork(new URL('./bare-ws-server.ts', import.meta.url).pathname, [], { execArgv: loadTypeScript, stdio: 'inherit' });
  try {
    const port = await new Promise<number>((resolve) => child.once('message', (m) => resolve((m as { port: number }).port)));
    const arrivals: number[] = [];
    const sockets = await inBatches(Array.from({ length: n }), 50, async () => {
      const ws = new WebSocket(`ws://127.0.0.1:${port}`);
      ws.on('message', () => arrivals.push(performance.now()));
      await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
      return ws;
    });
    await new Promise((r) => setTimeout(r, 1000));
    const cpuBefore = procSample(child.pid)?.cpu ?? 0;
    await fetch(`http://127.0.0.1:${port}/fire`, { method: 'POST', body: JSON.stringify({ payload }) });
    const fired = performance.now();
    const deadline = fired + 30_000;
    while (arrivals.length < n && performance.now() < deadline) await new Promise((r) => setTimeout(r, 5));
    const cpu = (procSample(child.pid)?.cpu ?? 0) - cpuBefore;
    for (const ws of sockets) ws.close();
    return { latencies: arrivals.map((t) => t - fired), cpu };
  } finally {
    child.kill();
  }
}
