// Benchmark: the gateway's request path (issue 13). The same queries, at the same concurrency, against
//   - the subgraph called directly (the baseline: what a request costs without any gateway),
//   - our gateway (gateway/src, Hive Gateway's runtime with its JavaScript query planner, as `npm start` runs it),
//   - our gateway with Hive Router's Rust query planner (`YIZHAN_GATEWAY_PLANNER=rust`, @graphql-hive/router-runtime),
//   - Apollo's federation gateway on the same supergraph (bench/apollo-gateway.ts).
// Every process from the production build except Apollo's (under tsx); each target answers the same query with the
// same data first (checked), then is loaded for SECONDS with CONCURRENCY requests in flight, in two rounds whose
// order is reversed, so neither end of a round is favoured. Reported: requests/s, p50 and p99 per target and query.
// Usage: npm run bench:gateway -- [concurrency=16] [seconds=8]
import { performance } from 'node:perf_hooks';
import { CALLER_HEADER, loadConfig, loadSigner, loadVerifier } from '@yizhan/common';
import { documentsDatabase } from '@yizhan/documents';
import { freePort } from '@yizhan/kernel';
import { orgDatabase } from '@yizhan/org';
import { callerHeaderFor, verifyAccessToken } from '../gateway/src/auth.ts';
import { buildProcesses, builtEntry } from '../scripts/lib/build.ts';
import { startProcess, stopProcess } from '../scripts/lib/stack.ts';
import { benchDatabase, gatewayClient, percentile, procSample, seedBenchProvince, sendFromProvince, startLiveStack } from './lib.ts';

const CONCURRENCY = Number(process.argv[2] ?? 16);
const SECONDS = Number(process.argv[3] ?? 8);
const INBOX_DOCUMENTS = 60;

// The 收文 screen's page (web/operations/inbox.graphql) of 50 rows before 对端来文: documents' own fields, so the
// subgraph can answer it alone.
const INBOX = `query Inbox { inbox(first: 50) { totalCount unreadCount unsignedCount overdueCount pageInfo { endCursor hasNextPage }
  nodes { id documentId senderName docType docNumber title urgency status role deliveredAt dueAt receivedAt signedAt printQuota } } }`;
// The same page as the dashboard asks for it since 对端来文 (issue 19): each row's `fromPeer`, the peer platform its
// document came from, read for the whole page in one more query. The two pages against each other are its cost.
const INBOX_WITH_PEER = INBOX.replace('query Inbox', 'query InboxWithPeer').replace('printQuota }', 'printQuota fromPeer }');
// The same page with each delivery's sending and receiving unit from org: two subgraphs, an entity fetch per page.
const INBOX_WITH_UNITS = INBOX.replace('query Inbox', 'query InboxWithUnits').replace(
  'printQuota }',
  'printQuota senderOrg { name shortName level path } recipientOrg { name shortName } }',
);
// The smallest signed-in request, answered by org: what the gateway adds to a request that does almost nothing.
const ME = 'query Me { me { username displayName } }';

// The sender's 发文 board as the dashboard asks for it (web/operations/sent.graphql BoardPage, a page of 100 rows):
// each row's unit and its parent from org, its prints, its unit's contacts (org) and its 催办.
const BOARD = `query Board($id: ID!, $first: Int) { document(id: $id) { board(first: $first) { pageInfo { endCursor hasNextPage } nodes {
  id status role printQuota deliveredAt dueAt receivedAt receivedByName receiptAction signedAt signedByName stateReason stateNote
  replacedBy { id documentId docNumber } recipientOrgId recipientOrg { id name shortName level path parent { id name path } }
  prints { copyNumber withinQuota } recipientContacts { name post phone mobile }
  urges { id byName automatic at channels note answer sms { name status } } } } } }`;

const queries = [
  { name: '`me` (org)', query: ME, subgraph: 'org', as: 'clerk' },
  { name: 'inbox page of 50 (documents)', query: INBOX, subgraph: 'documents', as: 'clerk' },
  { name: 'inbox page of 50 with fromPeer (documents)', query: INBOX_WITH_PEER, subgraph: 'documents', as: 'clerk' },
  { name: 'inbox page of 50 with both units (documents + org)', query: INBOX_WITH_UNITS, subgraph: null, as: 'clerk' },
  { name: 'the sender’s board, a page of 100 (documents + org)', query: BOARD, subgraph: null, as: 'sender' },
] as const;

await buildProcesses(console.log);
const db = await benchDatabase([orgDatabase, documentsDatabase]);
const closers: (() => Promise<void>)[] = [];
try {
  const [county] = await seedBenchProvince(db.appUrl, 200, 1);
  const { asUnit, openOrm } = await import('@yizhan/kernel');
  const stack = await startLiveStack(db, closers);
  const env = {
    YIZHAN_APP_DATABASE_URL: db.appUrl,
    YIZHAN_RELAY_DATABASE_URL: db.relayUrl,
    LOG_LEVEL: 'warn',
    YIZHAN_SUBGRAPHS: JSON.stringify({ org: stack.org.url, documents: stack.documents.url }),
  };
  const rust = await startProcess('gateway (Rust planner)', builtEntry('gateway'), { ...env, PORT: String(await freePort()), YIZHAN_GATEWAY_PLANNER: 'rust' });
  closers.push(() => stopProcess(rust));
  const apollo = await startProcess('@apollo/gateway', new URL('./apollo-gateway.ts', import.meta.url).pathname, { ...env, PORT: String(await freePort()) });
  closers.push(() => stopProcess(apollo));

  // The clerk's inbox: INBOX_DOCUMENTS documents from the province, sent as a sender and approver would.
  const { gql, login } = gatewayClient(stack.gateway.url);
  const sender = await login('bench.sender');
  const approver = await login('bench.approver');
  const people = { sender, approver };
  for (let i = 0; i < INBOX_DOCUMENTS; i++) await sendFromProvince(gql, people, `网关基准来文 ${i + 1}`, [county?.id as string]);
  // The board: one document to every county of the province.
  const orm = await openOrm(db.appUrl, orgDatabase, { poolMax: 1 });
  const counties = await asUnit(orm, 'p11', async (em) => (await em.execute("select id from org.orgs where level = 'COUNTY'")) as { id: string }[]);
  await orm.close();
  const boardId = await sendFromProvince(
    gql,
    people,
    '网关基准发文',
    counties.map((c) => c.id),
  );
  console.log(`the board's document went to ${counties.length} counties`);
  const bearer = { clerk: `Bearer ${await login('bench.clerk0')}`, sender: `Bearer ${sender}` };

  // The subgraph called directly carries what the gateway would have signed for this caller.
  const signed = callerHeaderFor(await loadSigner('caller-context'), loadConfig().auth.callerContextTtlSeconds);
  const caller = (await verifyAccessToken(bearer.clerk, await loadVerifier('access-token')))?.caller ?? null;
  const subgraphUrl = { org: stack.org.url, documents: stack.documents.url };

  /** A target; `pid` is the gateway's process, whose CPU time per request is its own cost, whatever the subgraphs spend. */
  type Query = (typeof queries)[number];
  type Target = { name: string; pid?: number; post: (q: Query) => Promise<Response> | null };
  const body = (q: Query) => json({ query: q.query, ...(q.as === 'sender' ? { variables: { id: boardId, first: 100 } } : {}) });
  const json = (body: unknown) => JSON.stringify(body);
  const viaGateway = (name: string, url: string, pid: number | undefined): Target => ({
    name,
    pid,
    post: (q) => fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: bearer[q.as] }, body: body(q) }),
  });
  const targets: Target[] = [
    {
      name: 'subgraph, directly',
      post: (q) =>
        q.subgraph
          ? signed({ caller }).then((h) =>
              fetch(subgraphUrl[q.subgraph], { method: 'POST', headers: { 'content-type': 'application/json', [CALLER_HEADER]: h }, body: body(q) }),
            )
          : null,
    },
    viaGateway('our gateway (JavaScript planner)', stack.gateway.url, stack.gateway.child.pid),
    viaGateway('our gateway, Rust planner', rust.url, rust.child.pid),
    viaGateway('@apollo/gateway', apollo.url, apollo.child.pid),
  ];

  // Each target must answer each query with the same data before its speed means anything.
  for (const q of queries) {
    const answers = new Map<string, string>();
    for (const t of targets) {
      const res = await t.post(q);
      if (!res) continue;
      const body = (await res.json()) as { data?: unknown; errors?: unknown };
      if (body.errors || !body.data) throw new Error(`${t.name} failed ${q.name}: ${json(body.errors ?? body)}`);
      answers.set(t.name, json(body.data));
    }
    if (new Set(answers.values()).size !== 1) throw new Error(`the targets disagree on ${q.name}`);
    const size = [...answers.values()][0]?.length ?? 0;
    console.log(`${q.name}: the same answer from ${answers.size} targets (${size} bytes)`);
  }

  /** CONCURRENCY loops, each posting the query again as soon as the last answer is read, for `seconds`. */
  async function load(t: Target, q: Query, seconds: number) {
    const latencies: number[] = [];
    let failures = 0;
    // User and system CPU time, in ms (clock ticks of 10 ms).
    const cpuMs = () => (procSample(t.pid)?.cpu ?? 0) * 1000;
    const cpuBefore = cpuMs();
    const end = performance.now() + seconds * 1000;
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (performance.now() < end) {
          const start = performance.now();
          const res = await t.post(q);
          const body = (await res?.json()) as { errors?: unknown } | undefined;
          if (!res?.ok || body?.errors) failures++;
          else latencies.push(performance.now() - start);
        }
      }),
    );
    return { latencies, failures, cpu: cpuMs() - cpuBefore };
  }

  const results = new Map<string, { latencies: number[]; failures: number; cpu: number }>();
  for (const round of [0, 1]) {
    for (const q of queries) {
      const order = round === 0 ? targets : [...targets].reverse();
      for (const t of order) {
        if (!q.subgraph && t.name === 'subgraph, directly') continue; // no one subgraph answers it
        await load(t, q, 1); // warm-up, not counted
        const r = await load(t, q, SECONDS);
        const key = `${q.name}|${t.name}`;
        const sum = results.get(key) ?? { latencies: [], failures: 0, cpu: 0 };
        sum.latencies.push(...r.latencies);
        sum.failures += r.failures;
        sum.cpu += r.cpu;
        results.set(key, sum);
        console.log(`round ${round + 1}: ${q.name} via ${t.name}: ${(r.latencies.length / SECONDS).toFixed(0)}/s`);
      }
    }
  }

  console.log(
    `\n${CONCURRENCY} requests in flight, ${SECONDS} s per target and round, 2 rounds; one clerk of a county, ${INBOX_DOCUMENTS} documents in the inbox\n`,
  );
  console.log('| query | target | requests/s | p50 (ms) | p99 (ms) | failed | gateway CPU per request (ms) | p50 ÷ direct | requests/s ÷ @apollo/gateway |');
  console.log('|---|---|---|---|---|---|---|---|---|');
  for (const q of queries) {
    const of = (t: string) => results.get(`${q.name}|${t}`);
    const direct = of('subgraph, directly');
    const apolloRate = (of('@apollo/gateway')?.latencies.length ?? 0) / (2 * SECONDS);
    for (const t of targets) {
      const r = of(t.name);
      if (!r) continue;
      const rate = r.latencies.length / (2 * SECONDS);
      const p50 = percentile(r.latencies, 50);
      const vsDirect = direct ? (p50 / percentile(direct.latencies, 50)).toFixed(2) : '—';
      console.log(
        `| ${q.name} | ${t.name} | ${rate.toFixed(0)} | ${p50.toFixed(1)} | ${percentile(r.latencies, 99).toFixed(1)} | ${r.failures} | ${t.pid ? (r.cpu / r.latencies.length).toFixed(2) : '—'} | ${vsDirect} | ${(rate / apolloRate).toFixed(2)} |`,
      );
    }
  }
} finally {
  for (const close of closers.reverse()) await close().catch(() => {});
  await db.stop();
}
