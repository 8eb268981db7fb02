// The test pool names the right file when a worker dies: one that dies before the next file has said anything may
// have been killed by what the file before it left behind (a timer firing later), and the failure names that file.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { loadTypeScript } from './typescript-args.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yizhan-test-pool-'));
test.after(() => fs.rmSync(dir, { recursive: true, force: true }));

/** Runs `files` (name → text) in a pool of one worker, in its own process; its printed report and exit status. */
function pool(files: Record<string, string>) {
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
  const driver = path.join(dir, 'driver.ts');
  fs.writeFileSync(
    driver,
    `import { runTestPool } from ${JSON.stringify(path.join(import.meta.dirname, 'test-pool.ts'))};
process.exitCode = await runTestPool({ files: ${JSON.stringify(Object.keys(files).map((f) => path.join(dir, f)))}, workers: 1, timeoutMs: 30_000, env: process.env });`,
  );
  return spawnSync(process.execPath, [...loadTypeScript, driver], { encoding: 'utf8', timeout: 120_000 });
}

test('a worker killed by a timer the last file left is failed naming that file, not only the one it was running', () => {
  const r = pool({
    'leaves-a-timer.test.mjs': `import { test } from 'node:test';
test('starts a timer it never clears', () => { setTimeout(() => process.exit(7), 3000).unref(); });`,
    'runs-next.test.mjs': `import { test } from 'node:test';
test('takes its time', async () => { await new Promise((r) => setTimeout(r, 10_000)); });`,
  });
  assert.equal(r.status, 1, r.stdout + r.stderr);
  assert.match(r.stdout, /the test process ended \(exit code 7\) before this file's first test/);
  assert.match(r.stdout, /the file this worker ran before it, which may have left the cause, was \S*leaves-a-timer\.test\.mjs/);
  assert.match(r.stdout, /ℹ pass 1/, 'the first file passed');
});

test('a worker that dies in the middle of a file blames that file alone', () => {
  const r = pool({
    'passes.test.mjs': `import { test } from 'node:test';
test('passes', () => {});`,
    'dies.test.mjs': `import { test } from 'node:test';
test('a first test', () => {});
test('ends the process', async () => { await new Promise((r) => setTimeout(r, 200)); process.exit(9); });`,
  });
  assert.equal(r.status, 1, r.stdout + r.stderr);
  assert.match(r.stdout, /the test process ended \(exit code 9\) while this file ran/);
  assert.doesNotMatch(r.stdout, /ran before it/);
});
