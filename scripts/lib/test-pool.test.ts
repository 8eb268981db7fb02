// The test pool names the right files when a worker dies: one that dies before any test of the file it runs has ended
// may have been killed by what the file before it left behind (a timer firing later), and the failure names that file too.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { loadTypeScript } from './typescript-args.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yizhan-test-pool-'));
test.after(() => fs.rmSync(dir, { recursive: true, force: true }));

/**
 * Runs `files` (name → text) in a pool of one worker (or `workers`, keeping apart the files whose name matches `apart`),
 * in its own process; its printed report and exit status.
 */
function pool(files: Record<string, string>, { workers = 1, apart }: { workers?: number; apart?: RegExp } = {}) {
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
  const driver = path.join(dir, 'driver.ts');
  fs.writeFileSync(
    driver,
    `import { runTestPool } from ${JSON.stringify(path.join(import.meta.dirname, 'test-pool.ts'))};
process.exitCode = await runTestPool({ files: ${JSON.stringify(Object.keys(files).map((f) => path.join(dir, f)))}, workers: ${workers}, timeoutMs: 30_000, env: process.env${apart ? `, apart: (f) => ${apart}.test(f)` : ''} });`,
  );
  return spawnSync(process.execPath, [...loadTypeScript, driver], { encoding: 'utf8', timeout: 120_000 });
}

test('a worker killed by a timer the last file left is failed naming that file too, not only the one it was running', () => {
  // The left timer fires once the next file's first test has begun (it writes the marker): the same order however slow
  // the machine.
  const marker = path.join(dir, 'next-file-began');
  const r = pool({
    'leaves-a-timer.test.mjs': `import fs from 'node:fs';
import { test } from 'node:test';
test('starts a timer it never clears', () => { setInterval(() => { if (fs.existsSync(${JSON.stringify(marker)})) process.exit(7); }, 20).unref(); });`,
    'runs-next.test.mjs': `import fs from 'node:fs';
import { test } from 'node:test';
test('takes its time', async () => { fs.writeFileSync(${JSON.stringify(marker)}, ''); await new Promise((r) => setTimeout(r, 30_000)); });`,
  });
  assert.equal(r.status, 1, r.stdout + r.stderr);
  assert.match(r.stdout, /the test process ended \(exit code 7\) before any test of this file ended/);
  assert.match(r.stdout, /the file this worker ran before it \(\S*leaves-a-timer\.test\.mjs\) may have left the cause/);
  assert.match(r.stdout, /ℹ pass 1/, 'the first file passed');
});

test('a worker that dies in the middle of a file blames that file alone', () => {
  const r = pool({
    'passes.test.mjs': `import { test } from 'node:test';
test('passes', () => {});`,
    'dies.test.mjs': `import { test } from 'node:test';
test('a first test', () => {});
test('ends the process', async () => { await new Promise((r) => setTimeout(r, 1000)); process.exit(9); });`,
  });
  assert.equal(r.status, 1, r.stdout + r.stderr);
  assert.match(r.stdout, /the test process ended \(exit code 9\) while this file ran/);
  assert.doesNotMatch(r.stdout, /ran before it/);
});

test('files to keep apart never run at once while another file can run beside them', () => {
  // Given in the order that would put the two browser files side by side on two workers; each file writes when it
  // begins and ends. The other files together outlast the first browser file, so there is always one to run beside
  // it (with none left, the pool runs the next browser file rather than leave a worker idle).
  const log = path.join(dir, 'apart.log');
  const file = (name: string, ms: number) => `import fs from 'node:fs';
import { test } from 'node:test';
test(${JSON.stringify(name)}, async () => {
  fs.appendFileSync(${JSON.stringify(log)}, 'begins ${name}\\n');
  await new Promise((r) => setTimeout(r, ${ms}));
  fs.appendFileSync(${JSON.stringify(log)}, 'ends ${name}\\n');
});`;
  const r = pool(
    {
      'browser-1.test.mjs': file('browser-1', 3000),
      'browser-2.test.mjs': file('browser-2', 3000),
      'other-1.test.mjs': file('other-1', 2000),
      'other-2.test.mjs': file('other-2', 2000),
    },
    { workers: 2, apart: /browser-/ },
  );
  assert.equal(r.status, 0, r.stdout + r.stderr);
  const lines = fs.readFileSync(log, 'utf8').trim().split('\n');
  assert.equal(lines.length, 8, lines.join('\n'));
  const at = (line: string) => lines.indexOf(line);
  assert.ok(at('ends browser-1') < at('begins browser-2'), `the browser files overlapped:\n${lines.join('\n')}`);
  assert.ok(at('begins other-1') < at('ends browser-1'), `the other files waited for the first browser file:\n${lines.join('\n')}`);
});
