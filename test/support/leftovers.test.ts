// The guard against a test file that never ends: a process left holding a server after its platform closed names it
// and ends, failed; one that left nothing ends by itself.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { test } from 'node:test';
import { loadTypeScript } from '../../scripts/lib/typescript-args.ts';

const run = (script: string) =>
  spawnSync(process.execPath, [...loadTypeScript, '--input-type=module', '-e', script], {
    cwd: path.dirname(new URL(import.meta.url).pathname),
    env: { ...process.env, YIZHAN_TEST_LEFTOVER_MS: '500' },
    encoding: 'utf8',
    timeout: 20_000,
  });

test('a file that left a server listening after its platform closed is ended, naming the server', () => {
  const r = run(`
    import http from 'node:http';
    import { stackClosed, stackOpened } from './leftovers.ts';
    stackOpened();
    http.createServer().listen(0, '127.0.0.1', () => stackClosed());
  `);
  assert.equal(r.status, 1, r.stderr);
  assert.match(r.stderr, /has not ended 0\.5 s after its platform closed/);
  assert.match(r.stderr, /server listening on \d+/);
});

test('a file that closed everything ends by itself; one still holding a platform is not ended', () => {
  const clean = run(`
    import { stackClosed, stackOpened } from './leftovers.ts';
    stackOpened();
    stackClosed();
  `);
  assert.equal(clean.status, 0, clean.stderr);
  const busy = run(`
    import { stackClosed, stackOpened } from './leftovers.ts';
    stackOpened();
    stackOpened();
    stackClosed();
    setTimeout(() => process.exit(7), 1500);
  `);
  assert.equal(busy.status, 7, busy.stderr);
});

test('a part that does not close within its limit fails, naming itself', async () => {
  const { closeWithin } = await import('./leftovers.ts');
  await assert.rejects(closeWithin('the gateway', new Promise(() => {}), 100), /the gateway did not close within 0\.1 s/);
  await closeWithin('org', Promise.resolve(), 100);
});
