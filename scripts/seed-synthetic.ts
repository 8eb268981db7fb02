// npm run seed:synthetic -- [provinces] [units]: adds large synthetic hierarchies (default 30 provinces,
// 100,000 units) to the local database, for benchmarks. Run it while `npm start` is stopped (it starts the
// embedded PostgreSQL itself), or point DATABASE_URL at a server.
import { ensureKeys } from '@yizhan/common';
import { openOrm } from '@yizhan/kernel';
import { orgDatabase, seedSynthetic } from '@yizhan/org';
import { prepareDatabase } from './lib/stack.ts';

const provinces = Number(process.argv[2] ?? 30);
const units = Number(process.argv[3] ?? 100_000);
if (!Number.isInteger(provinces) || provinces < 1 || !Number.isInteger(units) || units < provinces) {
  console.error('usage: npm run seed:synthetic -- [provinces ≥ 1] [units ≥ provinces]');
  process.exit(2);
}
await ensureKeys();
const db = await prepareDatabase({ persistent: true, seed: true, log: (m) => console.log(m) });
const orm = await openOrm(db.appUrl, orgDatabase, { poolMax: 2 });
try {
  const started = Date.now();
  const n = await seedSynthetic(orm, provinces, units);
  console.log(`inserted ${n} synthetic units in ${provinces} provinces in ${((Date.now() - started) / 1000).toFixed(1)} s`);
} catch (e) {
  console.error(`could not seed: ${(e as Error).message} (already seeded? the synthetic codes are fixed)`);
  process.exitCode = 1;
} finally {
  await orm.close();
  await db.stop();
}
