// Benchmark: cold start and resident memory of each process, run from TypeScript source (the baseline,
// as every process ran before the production build) and from the build in dist/ (as `npm start` runs them now).
// Cold start is from fork to the process reporting it is ready (its server listening, its database pool open);
// memory is the resident set (VmRSS) right after. Each process starts alone, ROUNDS times per mode, alternating.
// Usage: npm run bench:cold-start -- [rounds]
import fs from 'node:fs';
import { performance } from 'node:perf_hooks';
import { archiveDatabase } from '@yizhan/archive';
import { certificatesDatabase } from '@yizhan/certificates';
import { documentsDatabase } from '@yizhan/documents';
import { freePort } from '@yizhan/kernel';
import { orgDatabase } from '@yizhan/org';
import { sealsDatabase } from '@yizhan/seals';
import { buildProcesses, builtEntry, PROCESSES } from '../scripts/lib/build.ts';
import { startProcess, stopProcess } from '../scripts/lib/stack.ts';
import { benchDatabase, median } from './lib.ts';

const ROUNDS = Number(process.argv[2] ?? 3);

const rssMb = (pid: number) => {
  const line = fs
    .readFileSync(`/proc/${pid}/status`, 'utf8')
    .split('\n')
    .find((l) => l.startsWith('VmRSS:'));
  return Number(line?.replace(/\D+/g, '') ?? 0) / 1024;
};

await buildProcesses(console.log);
const db = await benchDatabase([orgDatabase, documentsDatabase, certificatesDatabase, sealsDatabase, archiveDatabase]);
try {
  // Addresses of the other services: the processes only need them to exist as settings, not to answer, to start.
  const others = Object.fromEntries(Object.keys(PROCESSES).map((n) => [n, 'http://127.0.0.1:9/graphql']));
  const env = {
    YIZHAN_APP_DATABASE_URL: db.appUrl,
    YIZHAN_RELAY_DATABASE_URL: db.relayUrl,
    YIZHAN_SUBGRAPHS: JSON.stringify(others),
    LOG_LEVEL: 'warn',
  };
  const rows: string[] = [];
  for (const [name, source] of Object.entries(PROCESSES)) {
    const runs: Record<'source' | 'build', { ms: number[]; mb: number[] }> = { source: { ms: [], mb: [] }, build: { ms: [], mb: [] } };
    for (let i = 0; i < ROUNDS; i++) {
      for (const mode of ['source', 'build'] as const) {
        const t = performance.now();
        const p = await startProcess(name, mode === 'source' ? source : builtEntry(name), { ...env, PORT: String(await freePort()) });
        runs[mode].ms.push(performance.now() - t);
        runs[mode].mb.push(rssMb(p.child.pid as number));
        await stopProcess(p);
      }
    }
    const s = { ms: median(runs.source.ms), mb: median(runs.source.mb) };
    const b = { ms: median(runs.build.ms), mb: median(runs.build.mb) };
    rows.push(
      `| ${name} | ${(s.ms / 1000).toFixed(2)} s | ${(b.ms / 1000).toFixed(2)} s | ${(b.ms / s.ms).toFixed(2)} | ${s.mb.toFixed(0)} MB | ${b.mb.toFixed(0)} MB | ${(b.mb / s.mb).toFixed(2)} |`,
    );
  }
  console.log(`\nCold start to ready and resident memory, median of ${ROUNDS} (TypeScript source = baseline)\n`);
  console.log('| process | start, source | start, build | ratio | memory, source | memory, build | ratio |');
  console.log('|---|---|---|---|---|---|---|');
  for (const r of rows) console.log(r);
} finally {
  await db.stop();
}
