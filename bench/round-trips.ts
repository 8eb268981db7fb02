// Benchmark: what a scoped read costs a service, with the kernel's ORM client (db/scoped-begin.ts: begin, scope and
// the read sent as one query) against MikroORM's own pg client (begin, scope, read, commit: four round trips), in one
// run on the same embedded PostgreSQL, alternating rounds. The read is a row-level-security-scoped `select` of one
// unit by its code, with a parameter, as the services' stores make thousands of.
// Usage: npm run bench:round-trips -- [reads per round] [rounds]
import { MikroORM } from '@mikro-orm/postgresql';
import { openOrm, scopedEm, withSql } from '@yizhan/kernel';
import { orgDatabase } from '@yizhan/org';
import { sql } from 'kysely';
import { benchDatabase, median } from './lib.ts';

const READS = Number(process.argv[2] ?? 3_000);
const ROUNDS = Number(process.argv[3] ?? 5);

const db = await benchDatabase([orgDatabase]);
const kernel = await openOrm(db.appUrl, orgDatabase, { poolMax: 1 });
const plain = await MikroORM.init({ clientUrl: db.appUrl, schema: 'org', entities: orgDatabase.entities, pool: { min: 0, max: 1 }, allowGlobalContext: false });
const caller = { orgPath: 'p61', userId: '00000000-0000-0000-0000-000000000001', orgId: '00000000-0000-0000-0000-000000000001' } as never;
const results: Record<'kernel' | 'plain', { cpu: number[]; wall: number[] }> = { kernel: { cpu: [], wall: [] }, plain: { cpu: [], wall: [] } };
try {
  for (let round = 0; round < ROUNDS; round++)
    for (const name of round % 2 ? (['plain', 'kernel'] as const) : (['kernel', 'plain'] as const)) {
      const orm = name === 'kernel' ? kernel : plain;
      const read = () => withSql(scopedEm(orm, caller), (k) => sql`select id from org.orgs where code = ${'610102'}`.execute(k));
      for (let i = 0; i < 200; i++) await read();
      const cpu = process.cpuUsage();
      const started = performance.now();
      for (let i = 0; i < READS; i++) await read();
      const used = process.cpuUsage(cpu);
      results[name].wall.push(((performance.now() - started) * 1000) / READS);
      results[name].cpu.push((used.user + used.system) / READS);
    }
  console.log(`\n${ROUNDS} rounds of ${READS} scoped reads each, medians (µs per read)\n`);
  console.log('| client | service CPU | wall |');
  console.log('|---|---|---|');
  for (const name of ['kernel', 'plain'] as const)
    console.log(
      `| ${name === 'kernel' ? 'kernel (begin, scope and read in one query)' : "MikroORM's own"} | ${median(results[name].cpu).toFixed(0)} | ${median(results[name].wall).toFixed(0)} |`,
    );
  console.log(
    `\nratio kernel / MikroORM's own: CPU ${(median(results.kernel.cpu) / median(results.plain.cpu)).toFixed(2)}, wall ${(median(results.kernel.wall) / median(results.plain.wall)).toFixed(2)}`,
  );
} finally {
  await kernel.close();
  await plain.close();
  await db.stop();
}
