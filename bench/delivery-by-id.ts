// Benchmark: a delivery found by its id, in a deployment that keeps years of deliveries. The deliveries are kept a
// partition a year (documents 0031); a statement naming only a delivery's id is planned and probed in every year kept.
// A delivery's id now carries its document's send time (domain/delivery-id.ts), and its steps name the one year.
// Measured: a storm of 签收 by UNITS county clerks, CONCURRENCY at a time, through the gateway (services in their own
// processes, as npm start runs them), on deliveries whose ids carry their year, against a baseline in the same run
// and database: the same storm on a document whose deliveries were re-keyed to version 4 ids, as every delivery made
// before the change is (then each statement looks in every year). Rounds alternate which goes first.
// PostgreSQL's CPU is also given by what its backends serve (bench/lib.ts `postgresBackends`: the listening
// connections, the relays' workers, the hubs' readers, the requests).
// Usage: npm run bench:delivery-by-id -- [units] [years kept] [rounds] [concurrency]
import { documentsDatabase } from '@yizhan/documents';
import { orgDatabase } from '@yizhan/org';
import pg from 'pg';
import { buildProcesses } from '../scripts/lib/build.ts';
import {
  benchDatabase,
  gatewayClient,
  inBatches,
  median,
  percentile,
  postgresBackends,
  postgresCpuByKind,
  postgresSample,
  procSample,
  seedBenchProvince,
  sendFromProvince,
  startLiveStack,
  timed,
} from './lib.ts';

const [UNITS, YEARS, ROUNDS, CONCURRENCY] = [1000, 10, 3, 25].map((d, i) => Number(process.argv[2 + i] ?? d)) as [number, number, number, number];

await buildProcesses(console.log);
const db = await benchDatabase([orgDatabase, documentsDatabase]);
const closers: (() => Promise<void>)[] = [];
try {
  const counties = await seedBenchProvince(db.appUrl, UNITS + 1, UNITS);
  const owner = new pg.Client({ connectionString: db.ownerUrl });
  await owner.connect();
  closers.push(() => owner.end());
  // The years kept before this one, as a deployment YEARS years old has them (the job that keeps them, in one step).
  await owner.query(`select documents.partition_history('deliveries', now() - make_interval(years => $1::int))`, [YEARS]);
  const partitions = Number((await owner.query("select count(*) n from pg_inherits where inhparent = 'documents.deliveries'::regclass")).rows[0]?.n);

  const stack = await startLiveStack(db, closers);
  const { gql, login } = gatewayClient(stack.gateway.url);
  const sender = await login('bench.sender');
  const approver = await login('bench.approver');
  const clerks = new Map<string, string>(await inBatches(counties, 8, async (c, i) => [c.id, await login(`bench.clerk${i}`)] as [string, string]));
  const pids = { PostgreSQL: null, documents: stack.documents.child.pid, gateway: stack.gateway.child.pid } as const;
  const cpu = () =>
    Object.fromEntries(Object.entries(pids).map(([k, pid]) => [k, pid === null ? postgresSample(db.postmaster).cpu : (procSample(pid)?.cpu ?? 0)]));

  /** One document to every county, its deliveries' ids as made (carrying their year) or re-keyed to version 4. */
  async function sent(round: number, carried: boolean): Promise<{ id: string; recipient_org_id: string }[]> {
    const doc = await sendFromProvince(gql, { sender, approver }, `按编号查找基准 ${round} ${carried ? 'v7' : 'v4'}`, [...clerks.keys()]);
    if (!carried) {
      // As the deliveries made before ids carried their send time: nothing refers to them yet but the events.
      await owner.query('update documents.deliveries set id = gen_random_uuid() where document_id = $1', [doc]);
    }
    const rows = (await owner.query('select id, recipient_org_id, uuid_extract_version(id) v from documents.deliveries where document_id = $1', [doc])).rows;
    if (rows.length !== clerks.size || rows.some((r) => r.v !== (carried ? 7 : 4))) throw new Error(`round ${round}: the deliveries are not as meant`);
    await new Promise((r) => setTimeout(r, 2000)); // the send's events and counts settle before the storm
    return rows;
  }

  async function storm(rows: { id: string; recipient_org_id: string }[]) {
    const each: number[] = [];
    let next = 0;
    const before = cpu();
    const backendsBefore = await postgresBackends(owner);
    const [wall] = await timed(() =>
      Promise.all(
        Array.from({ length: CONCURRENCY }, async () => {
          while (next < rows.length) {
            const d = rows[next++] as { id: string; recipient_org_id: string };
            const [ms, r] = await timed(() => gql('mutation($id: ID!) { signForDelivery(id: $id) { status } }', { id: d.id }, clerks.get(d.recipient_org_id)));
            if (r.signForDelivery.status !== 'SIGNED') throw new Error(`not signed: ${d.id}`);
            each.push(ms);
          }
        }),
      ),
    );
    const after = cpu();
    const byKind = postgresCpuByKind(backendsBefore, await postgresBackends(owner));
    const perSign = Object.fromEntries(Object.keys(pids).map((k) => [k, (((after[k] ?? 0) - (before[k] ?? 0)) * 1000) / rows.length]));
    // PostgreSQL's share by what its backends serve (the listening connections, the relays' workers, the requests …).
    for (const [kind, seconds] of byKind) perSign[`PostgreSQL: ${kind}`] = (seconds * 1000) / rows.length;
    return { rate: rows.length / (wall / 1000), p50: percentile(each, 50), p99: percentile(each, 99), perSign };
  }

  type Result = Awaited<ReturnType<typeof storm>>;
  const results = { carried: [] as Result[], v4: [] as Result[] };
  await storm(await sent(0, true)); // warm-up: the processes' first requests, the plans' first caches
  for (let round = 1; round <= ROUNDS; round++) {
    for (const carried of round % 2 ? [true, false] : [false, true]) {
      const r = await storm(await sent(round, carried));
      results[carried ? 'carried' : 'v4'].push(r);
      console.log(
        `round ${round}, ${carried ? 'ids carrying their year' : 'version 4 ids'}: ${r.rate.toFixed(1)} 签收/s, p50 ${r.p50.toFixed(0)} ms, p99 ${r.p99.toFixed(0)} ms; ` +
          `CPU ms per 签收 ${Object.entries(r.perSign)
            .map(([k, v]) => `${k} ${v.toFixed(2)}`)
            .join(', ')}`,
      );
    }
  }
  const m = (side: Result[], f: (r: Result) => number) => median(side.map(f));
  console.log(
    `\n${UNITS} clerks, ${partitions} partitions of deliveries (${YEARS} years kept before this one), ${CONCURRENCY} at a time; medians of ${ROUNDS} rounds\n`,
  );
  console.log('| | ids carrying their year | version 4 ids (baseline) | ratio |');
  console.log('|---|---|---|---|');
  const row = (label: string, f: (r: Result) => number, digits = 1) => {
    const a = m(results.carried, f);
    const b = m(results.v4, f);
    console.log(`| ${label} | ${a.toFixed(digits)} | ${b.toFixed(digits)} | ${b ? (a / b).toFixed(2) : '—'} |`);
  };
  row('签收 a second', (r) => r.rate);
  row('one 签收, p50 (ms)', (r) => r.p50, 0);
  row('one 签收, p99 (ms)', (r) => r.p99, 0);
  const all = [...results.carried, ...results.v4];
  // The kinds of backend that did anything worth a line (the jobs mostly sleep through a storm).
  const kinds = [...new Set(all.flatMap((r) => Object.keys(r.perSign)))].filter((k) => all.some((r) => (r.perSign[k] ?? 0) >= 0.01));
  for (const k of kinds) row(`${k} CPU per 签收 (ms)`, (r) => r.perSign[k] ?? 0, 2);
} finally {
  for (const close of closers.reverse()) await close().catch(() => {});
  await db.stop();
}
