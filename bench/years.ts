// Benchmark (issue 19, "data for years"): a province's years of traffic in one database, and what its people wait
// for. A synthetic province of `units` units (org's seedSynthetic) and `deliveries` deliveries spread evenly over
// `years` years up to now: province broadcasts of 10,000 recipients each carry 60 % of them, documents of cities and
// counties to 100 units each the rest; 97 % signed for within two days, the rest left unsigned (the recent ones of
// those are overdue). Then, for each query a person's screen makes, the service's own code (app/ and store/ functions,
// unchanged) runs as the application role under row-level security, scoped as the caller, and the same function as
// the table owner (superuser: no policy applies): p50 and p99 over many callers, and the ratio.
//   - a clerk's inbox page (the counts and the first 20, as app/inbox.ts reads them), of a county department;
//   - a province broadcast's board (every one of its 10,000 deliveries and the counts);
//   - the overdue list of a city's supervisor (its subtree) and of the province's;
//   - a year's bulletin of a city (performanceOf: every delivery of the year below it), the last 365 days and the
//     last calendar year.
// Goals (issue 19): inbox p99 < 20 ms and RLS/owner ≤ 1.2; board and overdue p99 < 100 ms.
// Usage: npm run bench:years -- [units=20000] [deliveries=10000000] [years=3] [postgres=embedded|province]
// `province` starts PostgreSQL with the memory the province's deployment gives it (shared_buffers, effective_cache_size,
// work_mem of k8s/overlays/province); `embedded` (the default) with the embedded server's own defaults, as npm start.
import { performance } from 'node:perf_hooks';
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import type { Caller, Role } from '@yizhan/common';
import { documentsDatabase } from '@yizhan/documents';
import { openOrm, scopedEm } from '@yizhan/kernel';
import { orgDatabase, seedSynthetic } from '@yizhan/org';
import pg from 'pg';
import { deliveryBoardFigures, deliveryBoardPage } from '../services/documents/src/app/board.ts';
import { inbox } from '../services/documents/src/app/inbox.ts';
import { overdueDeliveries, performanceOf } from '../services/documents/src/app/supervision.ts';
import type { DocumentsContext } from '../services/documents/src/deps.ts';
import { encodeBoardCursor } from '../services/documents/src/domain/board.ts';
import { Document } from '../services/documents/src/entities/Document.ts';
import { deliveriesOf, deliveryCounts } from '../services/documents/src/store/documents.ts';
import { benchDatabase, percentile, provinceDatabaseSettings } from './lib.ts';

const units = Number(process.argv[2] ?? 20_000);
const deliveries = Number(process.argv[3] ?? 10_000_000);
const years = Number(process.argv[4] ?? 3);
const BROADCAST = 10_000;
const LOCAL = 100;
const log = (m: string) => console.log(`[years] ${m}`);

const postgres = process.argv[5] ?? 'embedded';
if (postgres !== 'embedded' && postgres !== 'province') throw new Error(`postgres must be embedded or province, not ${postgres}`);
const settings = postgres === 'province' ? await provinceDatabaseSettings() : {};
log(
  `PostgreSQL settings: ${
    Object.entries(settings)
      .map(([k, v]) => `${k}=${v}`)
      .join(', ') || "the embedded server's defaults"
  }`,
);
const db = await benchDatabase([orgDatabase, documentsDatabase], settings);
const owner = new pg.Client({ connectionString: db.ownerUrl });
const orms: MikroORM[] = [];
try {
  await owner.connect();
  let t0 = performance.now();
  const orgOrm = await openOrm(db.appUrl, orgDatabase, { poolMax: 2 });
  await seedSynthetic(orgOrm, 1, units);
  await orgOrm.close();
  log(`seeded ${units} units in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

  // The units in a fixed order (u = 0 … U-1); the senders: the province, and its city and county governments.
  await owner.query(`create table public.bench_units as
    select row_number() over (order by path) - 1 as u, id, path, name, level, kind from org.orgs`);
  await owner.query('create unique index on public.bench_units (u)');
  const U = Number((await owner.query('select count(*)::int n from public.bench_units')).rows[0].n);
  const broadcasts = Math.max(1, Math.round((deliveries * 0.6) / BROADCAST));
  const locals = Math.max(1, Math.round((deliveries - broadcasts * Math.min(BROADCAST, U)) / LOCAL));
  log(`${broadcasts} province broadcasts of ${Math.min(BROADCAST, U)} and ${locals} local documents of ${LOCAL}, over ${years} years`);

  // Documents, sent at even steps over the years (the newest a few hours ago), as the send leaves them.
  t0 = performance.now();
  await owner.query('set session_replication_role = replica'); // no triggers or key checks while loading
  await owner.query(
    `create table public.bench_docs as
     with senders as (
       select row_number() over (order by path) - 1 as s, id, path, name from org.orgs
        where kind = 'GOVERNMENT' and level in ('CITY', 'COUNTY')),
     n as (select count(*) as n from senders),
     -- A broadcast every k-th document, so that they come evenly over the years too.
     g as (select g, g % (($1::int + $2::int) / $1::int) = 0 as broadcast from generate_series(0, $1::int + $2::int - 1) g)
     select g.g as d, g.broadcast, gen_random_uuid() as id,
            case when g.broadcast then p.id else s.id end as org_id,
            case when g.broadcast then p.path else s.path end as org_path,
            case when g.broadcast then p.name else s.name end as org_name,
            now() - interval '3 hours' - ($3::float * 365 * 86400 * (1 - (g.g::float / ($1::int + $2::int)))) * interval '1 second' as sent_at
       from g
       cross join (select id, path, name from org.orgs where nlevel(path) = 1 limit 1) p
       join senders s on s.s = g.g % (select n from n)`,
    [broadcasts, locals, years],
  );
  await owner.query(
    `insert into documents.documents (id, org_id, org_path, org_name, doc_type, doc_prefix, doc_year, doc_seq, doc_number, title,
        body_sha256, body_size, status, author_id, author_name, sent_at, recipient_count, created_at, updated_at)
     select id, org_id, org_path, org_name, 'NOTICE', '合成', extract(year from sent_at)::int, d + 1, '合成〔' || extract(year from sent_at) || '〕' || (d + 1) || '号',
            '关于合成测试第' || d || '号事项的通知', repeat('0', 64), 1000, 'SENT', org_id, '合成起草人', sent_at,
            case when broadcast then $1::int else $2::int end, sent_at, sent_at
       from public.bench_docs`,
    [Math.min(BROADCAST, U), LOCAL],
  );
  // The deliveries are kept by their document's year: the empty table's first partition is split into a partition
  // per year from the oldest document on, as a province loading its records from the system before would have it.
  const made = (await owner.query(`select documents.partition_history('deliveries', (select min(sent_at) from public.bench_docs)) as n`)).rows[0].n;
  log(`deliveries kept in ${made} yearly partitions from the first document's year on`);
  // The deliveries, a slice of documents at a time.
  const insertDeliveries = `
    insert into documents.deliveries (id, document_id, sender_org_id, sender_path, sender_name, recipient_org_id, recipient_path,
        recipient_name, role, print_quota, doc_type, doc_number, title, urgency, status, delivered_at, received_at, receipt_action,
        due_at, signed_at, signed_by_name, document_sent_at)
    select gen_random_uuid(), d.id, d.org_id, d.org_path, d.org_name, u.id, u.path, u.name, 'MAIN', 1, 'NOTICE', doc.doc_number, doc.title, 'NORMAL',
           case when signed then 'RECEIVED' else 'DELIVERED' end, d.sent_at,
           case when signed then d.sent_at + interval '1 hour' end, case when signed then 'OPEN' end,
           d.sent_at + interval '3 days', case when signed then d.sent_at + (k % 48) * interval '1 hour' end,
           case when signed then '合成签收人' end, d.sent_at
      from public.bench_docs d
      join documents.documents doc on doc.id = d.id
      cross join lateral generate_series(0, case when d.broadcast then least($3::int, $4::int) else $5::int end - 1) k
      join public.bench_units u on u.u = case when d.broadcast then (d.d * 7919 + k) % $4 else (d.d * 31 + k * 197) % $4 end
      cross join lateral (select (d.d * 13 + k) % 100 >= 3 as signed) st
     where d.d >= $1 and d.d < $2`;
  const all = broadcasts + locals;
  const slice = Math.max(1, Math.ceil(all / 40));
  for (let from = 0; from < all; from += slice) {
    await owner.query(insertDeliveries, [from, from + slice, BROADCAST, U, LOCAL]);
    if ((from / slice) % 8 === 7) log(`  ${Math.min(100, Math.round(((from + slice) / all) * 100))} % of the documents' deliveries`);
  }
  // The triggers were off while loading: the kept counts (migration 0034) are counted once from the rows.
  await owner.query('select documents.recount_kept_counts()');
  await owner.query('set session_replication_role = origin');
  await owner.query('vacuum analyze documents.deliveries');
  await owner.query('analyze documents.documents');
  await owner.query('analyze documents.inbox_totals, documents.board_figures');
  // The load leaves gigabytes of dirty pages; a checkpoint writing them out during the measurements would be the
  // load's cost, not the queries'. A province's database is measured settled.
  await owner.query('checkpoint');
  const total = Number((await owner.query('select count(*)::bigint n from documents.deliveries')).rows[0].n);
  // A partitioned table's own size is nothing: its partitions hold the rows.
  const size = (await owner.query(`select pg_size_pretty(sum(pg_total_relation_size(relid))) s from pg_partition_tree('documents.deliveries')`)).rows[0].s;
  log(`${total.toLocaleString()} deliveries (${size} with indexes) loaded in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

  // Callers: county departments' clerks, city and province supervisors; and the broadcasts' boards.
  const pick = async (sql: string, n: number) => (await owner.query(`${sql} order by random() limit ${n}`)).rows as { id: string; path: string }[];
  const clerks = await pick(`select id, path::text from org.orgs where kind = 'DEPARTMENT' and level = 'COUNTY'`, 200);
  const cities = await pick(`select id, path::text from org.orgs where kind = 'GOVERNMENT' and level = 'CITY'`, 14);
  const province = (await pick(`select id, path::text from org.orgs where nlevel(path) = 1`, 1))[0] as { id: string; path: string };
  const boards = (await owner.query('select id from public.bench_docs where broadcast order by random() limit 20')).rows.map((r) => r.id as string);
  const caller = (u: { id: string; path: string }, roles: Role[]): Caller => ({
    userId: crypto.randomUUID(),
    username: 'bench',
    orgId: u.id,
    orgPath: u.path,
    roles,
    displayName: '合成用户',
  });

  const appOrm = await openOrm(db.appUrl, documentsDatabase, { poolMax: 2 });
  const ownerOrm = await openOrm(db.ownerUrl, documentsDatabase, { poolMax: 2 });
  orms.push(appOrm, ownerOrm);
  // Org's one call the paged board may make (a city's name by its path), answered from the same database: org does not
  // run in this benchmark.
  const directory = {
    call: async (_call: 'units-at', _header: string, { paths }: { paths: string[] }) =>
      (await owner.query('select id, path::text, name, short_name as "shortName" from org.orgs where path::text = any($1::text[])', [paths])).rows,
  };
  // The same function, once as each: in its own transaction, as a request runs it.
  const run = async <T>(orm: MikroORM, who: Caller, fn: (ctx: DocumentsContext) => Promise<T>): Promise<number> => {
    const em = scopedEm(orm, who);
    const t = performance.now();
    await em.transactional((tx) => fn({ em: tx as EntityManager, caller: who, deps: { org: directory } } as unknown as DocumentsContext));
    return performance.now() - t;
  };
  const measure = async (name: string, callers: Caller[], rounds: number, fn: (ctx: DocumentsContext, i: number) => Promise<unknown>) => {
    const times: Record<'rls' | 'owner', number[]> = { rls: [], owner: [] };
    for (let i = 0; i < rounds + 5; i++) {
      const who = callers[i % callers.length] as Caller;
      // Alternate which goes first, so neither always finds the other's pages in the cache.
      const order = i % 2 ? (['rls', 'owner'] as const) : (['owner', 'rls'] as const);
      for (const which of order) {
        const ms = await run(which === 'rls' ? appOrm : ownerOrm, who, (ctx) => fn(ctx, i));
        if (i >= 5) times[which].push(ms);
      }
    }
    const r = {
      name,
      rlsP50: percentile(times.rls, 50),
      rlsP99: percentile(times.rls, 99),
      ownerP50: percentile(times.owner, 50),
      ownerP99: percentile(times.owner, 99),
    };
    log(
      `${name}: RLS p50 ${r.rlsP50.toFixed(1)} ms, p99 ${r.rlsP99.toFixed(1)} ms; owner p50 ${r.ownerP50.toFixed(1)} ms, p99 ${r.ownerP99.toFixed(1)} ms; ratio p99 ${(r.rlsP99 / r.ownerP99).toFixed(2)}`,
    );
    return r;
  };

  const results = [];
  results.push(
    await measure(
      'inbox page (counts and first 20)',
      clerks.map((c) => caller(c, ['CLERK'])),
      400,
      (ctx) => inbox(ctx, undefined, 20, undefined),
    ),
  );
  results.push(
    await measure(
      'inbox, unsigned only',
      clerks.map((c) => caller(c, ['CLERK'])),
      400,
      (ctx) => inbox(ctx, { signed: false }, 20, undefined),
    ),
  );
  const provinceSender = caller(province, ['CLERK']);
  results.push(
    await measure(`board of a broadcast (${Math.min(BROADCAST, U)} deliveries)`, [provinceSender], 60, async (ctx, i) => {
      const doc = await ctx.em.findOneOrFail(Document, { id: boards[i % boards.length] as string });
      await deliveriesOf(ctx.em, doc, provinceSender, undefined);
      return deliveryCounts(ctx.em, doc.id);
    }),
  );
  // The board as the dashboard reads it since 2026-12-01: every chip's count and group's figures, and one page of rows.
  results.push(
    await measure(`board, paged: figures and the first 100 of ${Math.min(BROADCAST, U)}`, [provinceSender], 100, async (ctx, i) => {
      const doc = await ctx.em.findOneOrFail(Document, { id: boards[i % boards.length] as string });
      await deliveryBoardFigures(ctx, doc);
      return deliveryBoardPage(ctx, doc, { filter: 'ALL', search: null, first: 100, after: null });
    }),
  );
  // A later page: rows 5,001–5,100, reached by the cursor of the row before (found here, outside the measure).
  const middle = new Map<string, string>();
  for (const id of boards) {
    const r = (
      await owner.query(
        `select recipient_path::text p, id from documents.deliveries where document_id = $1 and status not in ('RESENT', 'RECALLED') order by recipient_path, id offset 4999 limit 1`,
        [id],
      )
    ).rows[0];
    if (r) middle.set(id, encodeBoardCursor({ path: r.p, id: r.id }));
  }
  results.push(
    await measure(`board, paged: figures and rows 5,001–5,100`, [provinceSender], 100, async (ctx, i) => {
      const doc = await ctx.em.findOneOrFail(Document, { id: boards[i % boards.length] as string });
      await deliveryBoardFigures(ctx, doc);
      return deliveryBoardPage(ctx, doc, { filter: 'ALL', search: null, first: 100, after: middle.get(doc.id) ?? null });
    }),
  );
  // The same board's rows read by SQL alone, as the application role (scoped) and as the owner: what of the board's
  // time is the database's, and what the mapping of 10,000 entities and their GraphQL answer.
  const appClient = new pg.Client({ connectionString: db.appUrl });
  await appClient.connect();
  const sqlTimes: Record<'rls' | 'owner', number[]> = { rls: [], owner: [] };
  for (let i = 0; i < 65; i++) {
    for (const [which, client] of [
      ['rls', appClient],
      ['owner', owner],
    ] as const) {
      await client.query('begin');
      await client.query(`select set_config('yizhan.org_path', $1, true)`, [province.path]);
      const t = performance.now();
      await client.query('select * from documents.deliveries where document_id = $1 order by recipient_path', [boards[i % boards.length]]);
      if (i >= 5) sqlTimes[which].push(performance.now() - t);
      await client.query('commit');
    }
  }
  await appClient.end();
  const sqlBoard = {
    name: `board rows by SQL alone (${Math.min(BROADCAST, U)})`,
    rlsP50: percentile(sqlTimes.rls, 50),
    rlsP99: percentile(sqlTimes.rls, 99),
    ownerP50: percentile(sqlTimes.owner, 50),
    ownerP99: percentile(sqlTimes.owner, 99),
  };
  log(`${sqlBoard.name}: RLS p50 ${sqlBoard.rlsP50.toFixed(1)} ms, p99 ${sqlBoard.rlsP99.toFixed(1)} ms; owner p50 ${sqlBoard.ownerP50.toFixed(1)} ms`);
  results.push(sqlBoard);
  results.push(
    await measure(
      'overdue list of a city (first 50)',
      cities.map((c) => caller(c, ['SUPERVISOR'])),
      200,
      (ctx) => overdueDeliveries(ctx, 50),
    ),
  );
  results.push(await measure('overdue list of the province (first 50)', [caller(province, ['SUPERVISOR'])], 100, (ctx) => overdueDeliveries(ctx, 50)));
  const yearAgo = new Date(Date.now() - 365 * 86400_000);
  results.push(
    await measure(
      "a year's bulletin of a city",
      cities.map((c) => caller(c, ['SUPERVISOR'])),
      28,
      (ctx) => performanceOf(ctx.em, (ctx as unknown as { caller: Caller }).caller, yearAgo, new Date()),
    ),
  );
  // 年度通报: last calendar year (Beijing), which deliveries kept by year read in one partition (and the late ones).
  const lastYear = new Date(Date.now() + 8 * 3600_000).getUTCFullYear() - 1;
  const [jan1, nextJan1] = [new Date(`${lastYear}-01-01T00:00:00+08:00`), new Date(`${lastYear + 1}-01-01T00:00:00+08:00`)];
  results.push(
    await measure(
      `${lastYear}'s bulletin of a city (the calendar year)`,
      cities.map((c) => caller(c, ['SUPERVISOR'])),
      28,
      (ctx) => performanceOf(ctx.em, (ctx as unknown as { caller: Caller }).caller, jan1, nextJan1),
    ),
  );

  console.log(
    `\n${units.toLocaleString()} units, ${total.toLocaleString()} deliveries over ${years} years (${size}), PostgreSQL ${postgres}, ${new Date().toISOString().slice(0, 10)}`,
  );
  console.log('| query | RLS p50 | RLS p99 | owner p50 | owner p99 | p99 ratio |');
  console.log('|---|---|---|---|---|---|');
  for (const r of results)
    console.log(
      `| ${r.name} | ${r.rlsP50.toFixed(1)} ms | ${r.rlsP99.toFixed(1)} ms | ${r.ownerP50.toFixed(1)} ms | ${r.ownerP99.toFixed(1)} ms | ${(r.rlsP99 / r.ownerP99).toFixed(2)} |`,
    );
} finally {
  for (const o of orms) await o.close().catch(() => {});
  await owner.end().catch(() => {});
  await db.stop();
}
