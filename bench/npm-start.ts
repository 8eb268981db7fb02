// Benchmark: `npm start` to ready — from the command to its line "press Ctrl-C", every process up and the demo data
// checked — and the resident memory of the platform's processes then. Baseline in the same run: the same start with
// the processes run from their TypeScript sources under tsx (YIZHAN_FROM_SOURCE=1), as `npm start` ran them before the
// production build. Each mode starts ROUNDS times, alternating, on the seeded `.data/` of this checkout (the first
// start seeds it and is not counted). Stop any `npm start` of your own first: the ports are the same.
// Usage: npm run bench:npm-start -- [rounds]
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { performance } from 'node:perf_hooks';
import { repoRoot } from '@yizhan/common';
import { loadTypeScript } from '../scripts/lib/typescript-args.ts';
import { median } from './lib.ts';

const ROUNDS = Number(process.argv[2] ?? 3);

/** Resident memory of the platform's service and gateway processes (their entries are dist/… or …/src/main.ts). */
function platformRssMb(): number {
  let kb = 0;
  for (const pid of fs.readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      const cmd = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      if (!/dist\/[a-z]+\/main\.js|src\/main\.ts/.test(cmd)) continue;
      const line = fs
        .readFileSync(`/proc/${pid}/status`, 'utf8')
        .split('\n')
        .find((l) => l.startsWith('VmRSS:'));
      kb += Number(line?.replace(/\D+/g, '') ?? 0);
    } catch {
      // the process ended meanwhile
    }
  }
  return kb / 1024;
}

/** One `npm start`: seconds to ready and memory then; stopped with Ctrl-C (SIGINT) before returning. */
function start(fromSource: boolean): Promise<{ seconds: number; mb: number }> {
  return new Promise((resolve, reject) => {
    const t = performance.now();
    const child = spawn(process.execPath, [...loadTypeScript, 'scripts/start.ts'], {
      cwd: repoRoot,
      env: { ...process.env, ...(fromSource ? { YIZHAN_FROM_SOURCE: '1' } : {}), LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    let ready: { seconds: number; mb: number } | null = null;
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (!ready && out.includes('press Ctrl-C')) {
        ready = { seconds: (performance.now() - t) / 1000, mb: platformRssMb() };
        child.kill('SIGINT');
      }
    });
    child.once('exit', () => (ready ? resolve(ready) : reject(new Error(`npm start ended before it was ready:\n${out}`))));
  });
}

await start(false); // builds if needed and seeds .data/ on a first start: not counted
const runs = { build: [] as { seconds: number; mb: number }[], source: [] as { seconds: number; mb: number }[] };
for (let i = 0; i < ROUNDS; i++) {
  runs.source.push(await start(true));
  runs.build.push(await start(false));
}
const row = (name: string, r: { seconds: number; mb: number }[]) =>
  `| ${name} | ${median(r.map((x) => x.seconds)).toFixed(1)} s | ${median(r.map((x) => x.mb)).toFixed(0)} MB |`;
console.log(`\nnpm start → ready, median of ${ROUNDS}\n`);
console.log('| how | ready in | service and gateway processes, resident |');
console.log('|---|---|---|');
console.log(row('baseline: sources under tsx (YIZHAN_FROM_SOURCE=1)', runs.source));
console.log(row('the production build (npm start)', runs.build));
console.log(`\nratio build / source: ${(median(runs.build.map((x) => x.seconds)) / median(runs.source.map((x) => x.seconds))).toFixed(2)}`);
