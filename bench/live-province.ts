// Benchmark: a province at work, live (issue 13). CLERKS county clerks online, each with its inbox (`inboxChanged`);
// SUPERVISORS city supervisors on their subtree's receipts (`subtreeReceipts`); WATCHERS of the sending office on the
// board of the document (`deliveryBoard`). The province has sent one document to every county; then SIGNERS clerks
// sign for it within SECONDS (ten by default). Measured from each 签收 returning: its unit's clerk hearing of it, its city's
// supervisors hearing of it, and the boards counting it (a board is sent at most once per its interval, 125 ms unless
// YIZHAN_BOARD_INTERVAL_MS says otherwise, so it counts a 签收 up to that late by design). Every subscriber must get every event it should and none it should not. Baseline
// in the same run: a `me` query's round trip over the same connections.
// SECONDS (default 10, the issue's) is how long the 签收 are spread over: on this machine 2,000 in ten seconds is more
// than it can sign, and then most events arrive before their 签收's answer; a longer spread measures the live path at
// a pace the machine keeps.
// Usage: npm run bench:live-province -- [clerks] [supervisors] [watchers] [signers] [seconds]

import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { documentsDatabase } from '@yizhan/documents';
import { orgDatabase } from '@yizhan/org';
import { type Client, createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { buildProcesses } from '../scripts/lib/build.ts';
import { loadDocumentsSettings } from '../services/documents/src/settings.ts';
import { benchDatabase, gatewayClient, inBatches, percentile, postgresSample, procSample, seedBenchProvince, sendFromProvince, startLiveStack } from './lib.ts';

const [CLERKS, SUPERVISORS, WATCHERS, SIGNERS, SECONDS] = [2000, 100, 50, 500, 10].map((d, i) => Number(process.argv[2 + i] ?? d)) as [
  number,
  number,
  number,
  number,
  number,
];

await buildProcesses(console.log);
const db = await benchDatabase([orgDatabase, documentsDatabase]);
const closers: (() => Promise<void>)[] = [];
try {
  const counties = await seedBenchProvince(db.appUrl, Math.ceil(CLERKS * 1.15) + 50, CLERKS, { supervisors: SUPERVISORS, watchers: WATCHERS });
  const stack = await startLiveStack(db, closers, { YIZHAN_LOGIN_ADDRESS_LIMIT: '1000000' });
  const gw = stack.gateway;
  // Each part's CPU seconds so far: the services, PostgreSQL with its backends, and this process — the subscribers'
  // and signers' own side, which shares the machine's two cores with what is measured.
  const cpuNow = () => ({
    PostgreSQL: postgresSample(db.postmaster).cpu,
    documents: procSample(stack.documents.child.pid)?.cpu ?? 0,
    gateway: procSample(gw.child.pid)?.cpu ?? 0,
    org: procSample(stack.org.child.pid)?.cpu ?? 0,
    'the benchmark (clients)': (() => {
      const u = process.cpuUsage();
      return (u.user + u.system) / 1e6;
    })(),
  });
  const { gql, login } = gatewayClient(gw.url);
  const t0 = performance.now();
  const clerkTokens = await inBatches(counties, 8, (_, i) => login(`bench.clerk${i}`));
  const supervisorTokens = await inBatches(Array.from({ length: SUPERVISORS }), 8, (_, i) => login(`bench.supervisor${i}`));
  const watcherTokens = await inBatches(Array.from({ length: WATCHERS }), 8, (_, i) => login(`bench.watcher${i}`));
  console.log(`${CLERKS + SUPERVISORS + WATCHERS} people logged in in ${((performance.now() - t0) / 1000).toFixed(0)} s`);

  // The document, sent before anyone watches its board: every county receives it.
  const sender = await login('bench.sender');
  const approver = await login('bench.approver');
  const docId = await sendFromProvince(
    gql,
    { sender, approver },
    '全省在线混合基准',
    counties.map((c) => c.id),
  );

  const signedAt = new Map<string, number>(); // deliveryId → when its 签收 returned
  // An event may arrive before its 签收's answer reaches the bench: it counts as heard at once (0 ms).
  const early = new Map<string, number[][]>();
  const arrive = (list: number[], deliveryId: string) => {
    const t = signedAt.get(deliveryId);
    if (t !== undefined) list.push(performance.now() - t);
    else early.set(deliveryId, [...(early.get(deliveryId) ?? []), list]);
  };
  const heard = { clerk: [] as number[], supervisor: [] as number[], board: [] as number[] };
  // Under load a 签收's own answer is slow to come back and most events arrive before it (0 ms above). Measured also
  // from the 签收's recorded time (signedAt, the service's clock on this same machine): that includes the rest of the
  // 签收's transaction (its receipts signed, the commit), so it is an upper bound on what the live path adds.
  const sinceSigned = { clerk: [] as number[], supervisor: [] as number[] };
  let wrong = 0;
  // The supervisors' events name the unit that signed: by the name org gives it.
  let misnamed = 0;
  const countyNames = await orgNames(db.appUrl);
  const clients: Client[] = [];
  const open = async (token: string, query: string, variables: Record<string, unknown>, next: (data: Record<string, any>) => void) => {
    const client = createClient({
      url: gw.url.replace('http', 'ws'),
      webSocketImpl: WebSocket,
      connectionParams: { authorization: `Bearer ${token}` },
      lazy: false,
    });
    clients.push(client);
    await new Promise<void>((resolve, reject) => {
      client.on('connected', () => resolve());
      client.subscribe({ query, variables }, { next: (r) => r.data && next(r.data), error: reject, complete: () => {} });
    });
  };
  const t1 = performance.now();
  await inBatches(clerkTokens, 50, (token, i) =>
    open(token, 'subscription { inboxChanged { type deliveryId signedAt recipientOrg { id } } }', {}, (d) => {
      const e = d.inboxChanged;
      if (e.recipientOrg.id !== counties[i]?.id) wrong++;
      else if (e.type === 'delivery.signed') {
        arrive(heard.clerk, e.deliveryId);
        sinceSigned.clerk.push(Date.now() - Date.parse(e.signedAt));
      }
    }),
  );
  await inBatches(supervisorTokens, 50, (token) =>
    open(token, 'subscription { subtreeReceipts { type deliveryId signedAt recipientOrg { id name } } }', {}, (d) => {
      const e = d.subtreeReceipts;
      if (e.type !== 'delivery.signed') return;
      if (countyNames.get(e.recipientOrg.id) !== e.recipientOrg.name) misnamed++;
      arrive(heard.supervisor, e.deliveryId);
      sinceSigned.supervisor.push(Date.now() - Date.parse(e.signedAt));
    }),
  );
  // A board counting n 签收 has counted the n-th to return: each one it newly counts is heard now.
  const returned: number[] = [];
  let lastSigned = 0;
  await inBatches(watcherTokens, 50, async (token) => {
    let counted = 0;
    await open(token, 'subscription($d: ID!) { deliveryBoard(documentId: $d) { signed } }', { d: docId }, (d) => {
      const n = d.deliveryBoard.signed as number;
      const now = performance.now();
      // A 签收 counted before its answer reached the bench is heard at once (0 ms), as the clerks' events are.
      for (let k = counted; k < n; k++) {
        const at = returned[k];
        heard.board.push(at === undefined ? 0 : Math.max(0, now - at));
      }
      counted = Math.max(counted, n);
      lastSigned = Math.max(lastSigned, n);
    });
  });
  console.log(`${clients.length} connections and subscriptions in ${((performance.now() - t1) / 1000).toFixed(1)} s`);
  await new Promise((r) => setTimeout(r, 3000));

  const baseline: number[] = [];
  for (const client of clients.slice(0, 200)) {
    const t = performance.now();
    await new Promise<void>((resolve, reject) =>
      client.subscribe({ query: '{ me { username } }' }, { next: () => {}, error: reject, complete: () => resolve() }),
    );
    baseline.push(performance.now() - t);
  }

  // SIGNERS clerks sign within SECONDS, evenly spread, each with its unit's delivery.
  const deliveries = await inBatches(clerkTokens.slice(0, SIGNERS), 16, async (token) => {
    const r = await gql('{ inbox(first: 5) { nodes { id documentId } } }', {}, token);
    return (r.inbox.nodes as { id: string; documentId: string }[]).find((n) => n.documentId === docId)?.id as string;
  });
  const start = performance.now();
  const cpuBefore = cpuNow();
  let retried = 0;
  await Promise.all(
    deliveries.map(async (id, i) => {
      await new Promise((r) => setTimeout(r, (i / SIGNERS) * SECONDS * 1000));
      // A clerk's browser tries again when its connection is not taken (fetch's own failure, never a refusal).
      for (let attempt = 1; ; attempt++) {
        try {
          await gql('mutation($id: ID!) { signForDelivery(id: $id) { status } }', { id }, clerkTokens[i]);
          break;
        } catch (e) {
          if (attempt >= 5 || !(e instanceof TypeError)) throw e;
          retried++;
        }
      }
      signedAt.set(id, performance.now());
      returned.push(performance.now());
      for (const list of early.get(id) ?? []) list.push(0);
    }),
  );
  const window = (performance.now() - start) / 1000;
  const cpuAfter = cpuNow();
  // Each city's supervisors hear of their counties' 签收: what is due, from the seed's turn-taking (supervisor i
  // watches the i-th city in path order, round and round).
  const cities = await cityPaths(db.appUrl);
  const watching = new Map<string, number>();
  for (let i = 0; i < SUPERVISORS; i++) {
    const c = cities[i % cities.length] as string;
    watching.set(c, (watching.get(c) ?? 0) + 1);
  }
  const cityOf = (path: string) => cities.find((c) => path.startsWith(`${c}.`)) ?? '';
  const supervisorsDue = counties.slice(0, SIGNERS).reduce((n, c) => n + (watching.get(cityOf(c.path)) ?? 0), 0);
  const deadline = performance.now() + 30_000;
  while ((heard.clerk.length < SIGNERS || heard.supervisor.length < supervisorsDue) && performance.now() < deadline) {
    await new Promise((r) => setTimeout(r, 50));
  }
  await new Promise((r) => setTimeout(r, 2000));
  for (const c of clients) await c.dispose();

  const row = (name: string, xs: number[]) =>
    xs.length
      ? `| ${name} | ${xs.length} | ${percentile(xs, 50).toFixed(1)} | ${percentile(xs, 99).toFixed(1)} | ${xs.reduce((m, x) => (x > m ? x : m), 0).toFixed(1)} |`
      : `| ${name} | 0 | | | |`;
  console.log(
    `\n${CLERKS} clerks, ${SUPERVISORS} supervisors, ${WATCHERS} board watchers online; ${SIGNERS} 签收 in ${window.toFixed(1)} s (${retried} tried again after a connection was not taken)`,
  );
  console.log(
    `clerks' 签收 events ${heard.clerk.length} of ${SIGNERS}; supervisors' ${heard.supervisor.length} of ${supervisorsDue}; board updates ${heard.board.length} (last count ${lastSigned} of ${SIGNERS}); foreign events ${wrong}; supervisors' events naming the unit wrongly ${misnamed}\n`,
  );
  console.log('| measurement | samples | p50 (ms) | p99 (ms) | max (ms) |');
  console.log('|---|---|---|---|---|');
  console.log(row('签收 returned → its unit’s clerk has the event', heard.clerk));
  console.log(row('签收 returned → its city’s supervisors have the event', heard.supervisor));
  console.log(row(`签收 returned → each watcher’s board counts it (sent at most every ${loadDocumentsSettings().boardIntervalMs} ms)`, heard.board));
  console.log(row('签收 recorded (its signedAt) → its unit’s clerk has the event', sinceSigned.clerk));
  console.log(row('签收 recorded (its signedAt) → its city’s supervisors have the event', sinceSigned.supervisor));
  console.log(row('baseline: `me` query round trip over graphql-ws', baseline));
  const spent = Object.entries(cpuAfter).map(([k, v]) => [k, v - (cpuBefore[k as keyof typeof cpuBefore] ?? 0)] as const);
  const total = spent.reduce((n, [, v]) => n + v, 0);
  console.log(
    `\nCPU while the ${SIGNERS} 签收 were answered (${window.toFixed(1)} s, ${(os.availableParallelism() * window).toFixed(1)} s of ${os.availableParallelism()} cores): ${spent
      .map(([k, v]) => `${k} ${v.toFixed(1)} s (${((v * 1000) / SIGNERS).toFixed(1)} ms a 签收)`)
      .join(', ')}; in all ${total.toFixed(1)} s`,
  );
} finally {
  for (const close of closers.reverse()) await close().catch(() => {});
  await db.stop();
}

/** Every unit's name, as org's directory has it. */
async function orgNames(appUrl: string): Promise<Map<string, string>> {
  const rows = await readProvinceOrgs<{ id: string; name: string }>(appUrl, 'select id::text as id, name from org.orgs');
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** The province's cities' (governments') paths, in the order seedBenchProvince gives them to the supervisors. */
async function cityPaths(appUrl: string): Promise<string[]> {
  const sql = "select path::text as path from org.orgs where level = 'CITY' and kind = 'GOVERNMENT' order by path";
  return (await readProvinceOrgs<{ path: string }>(appUrl, sql)).map((r) => r.path);
}

/** A read of org's units as the province sees them. */
async function readProvinceOrgs<T>(appUrl: string, sql: string): Promise<T[]> {
  const { asUnit, openOrm } = await import('@yizhan/kernel');
  const orm = await openOrm(appUrl, orgDatabase, { poolMax: 1 });
  try {
    return await asUnit(orm, 'p11', async (em) => (await em.execute(sql)) as T[]);
  } finally {
    await orm.close();
  }
}
