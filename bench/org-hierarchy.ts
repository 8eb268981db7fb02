// Benchmark: hierarchy queries on a large synthetic tree (30 provinces, 100,000 units by default).
// Each measurement runs beside its baseline in the same run, and the result is the ratio:
//   - a province's subtree via the ltree GiST index (`path <@`) vs a recursive CTE over parent_id;
//   - a county's ancestors via `path @>` vs a recursive CTE walking parent_id upward;
//   - the same subtree count as the application role under row-level security vs the table owner's
//     unrestricted read, to show what the second layer of isolation costs.
// Usage: npm run bench -- [provinces] [units]
import { performance } from 'node:perf_hooks';
import { openOrm } from '@yizhan/kernel';
import { orgDatabase, seedSynthetic } from '@yizhan/org';
import pg from 'pg';
import { benchDatabase } from './lib.ts';

const provinces = Number(process.argv[2] ?? 30);
const units = Number(process.argv[3] ?? 100_000);
const ROUNDS = 30;

const db = await benchDatabase([orgDatabase]);

async function median(client: pg.Client, sql: string, params: unknown[], setup?: string): Promise<{ ms: number; rows: number }> {
  const times: number[] = [];
  let rows = 0;
  for (let i = 0; i < ROUNDS + 3; i++) {
    await client.query('begin');
    if (setup) await client.query(setup);
    const t = performance.now();
    const r = await client.query(sql, params);
    const elapsed = performance.now() - t;
    await client.query('commit');
    rows = r.rowCount ?? r.rows.length;
    if (i >= 3) times.push(elapsed); // the first rounds warm the cache
  }
  times.sort((a, b) => a - b);
  return { ms: times[Math.floor(times.length / 2)] as number, rows };
}

try {
  const orm = await openOrm(db.appUrl, orgDatabase, { poolMax: 2 });
  const t0 = performance.now();
  const inserted = await seedSynthetic(orm, provinces, units);
  await orm.close();
  console.log(`seeded ${inserted} units in ${provinces} provinces in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

  const owner = new pg.Client({ connectionString: db.ownerUrl });
  const app = new pg.Client({ connectionString: db.appUrl });
  await owner.connect();
  await app.connect();
  await owner.query('analyze');
  const root = 'p11';
  const county = (
    await owner.query("select path::text from org.orgs where path <@ 'p11' and level = 'COUNTY' and kind = 'GOVERNMENT' order by path desc limit 1")
  ).rows[0].path as string;
  const rootId = (await owner.query('select id from org.orgs where path = $1::ltree', [root])).rows[0].id;
  const countyId = (await owner.query('select id from org.orgs where path = $1::ltree', [county])).rows[0].id;

  const results: [string, { ms: number; rows: number }, { ms: number; rows: number }][] = [];
  results.push([
    `subtree of a province (${root})`,
    await median(owner, 'select id, name from org.orgs where path <@ $1::ltree', [root]),
    await median(
      owner,
      'with recursive t as (select id, name from org.orgs where id = $1 union all select o.id, o.name from org.orgs o join t on o.parent_id = t.id) select * from t',
      [rootId],
    ),
  ]);
  results.push([
    `ancestors of a county (${county})`,
    await median(owner, 'select id, name from org.orgs where path @> $1::ltree and path <> $1::ltree', [county]),
    await median(
      owner,
      'with recursive t as (select id, name, parent_id from org.orgs where id = $1 union all select o.id, o.name, o.parent_id from org.orgs o join t on o.id = t.parent_id) select id, name from t where id <> $1',
      [countyId],
    ),
  ]);
  results.push([
    'subtree count under row-level security',
    await median(app, 'select count(*) from org.orgs where path <@ $1::ltree', [root], `select set_config('yizhan.org_path', '${root}', true)`),
    await median(owner, 'select count(*) from org.orgs where path <@ $1::ltree', [root]),
  ]);
  await owner.end();
  await app.end();

  console.log(`\n| measurement | rows | ours (median ms) | baseline (median ms) | baseline / ours |`);
  console.log('|---|---|---|---|---|');
  for (const [name, ours, base] of results) {
    console.log(`| ${name} | ${ours.rows} | ${ours.ms.toFixed(2)} | ${base.ms.toFixed(2)} | ${(base.ms / ours.ms).toFixed(2)}× |`);
  }
} finally {
  await db.stop();
}
