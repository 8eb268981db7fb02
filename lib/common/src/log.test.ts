import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { test } from 'node:test';
import { createLogger } from './log.ts';

/** The lines a logger wrote, parsed. */
function capture() {
  const lines: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      lines.push(JSON.parse(String(chunk)));
      done();
    },
  });
  return { log: createLogger('test', sink), lines };
}

class Connection {
  socket = { buffer: 'x'.repeat(4096) };
  self = this;
}

test("a database error's line keeps its code and cause, and drops the connection pg-pool hangs on it", async () => {
  const { log, lines } = capture();
  const err = Object.assign(new Error('terminating connection due to unexpected postmaster exit', { cause: new Error('read ECONNRESET') }), {
    code: '57P01',
    severity: 'FATAL',
    client: new Connection(),
    extensions: { field: 'title', limits: [1, 2] },
    inner: new TypeError('inner'),
  });
  log.warn({ err }, 'metrics connection lost');
  await new Promise((r) => setImmediate(r));
  const { err: line } = lines[0] as { err: Record<string, unknown> };
  assert.equal(line.code, '57P01');
  assert.equal(line.severity, 'FATAL');
  assert.match(String(line.message), /postmaster exit: read ECONNRESET/, 'the cause is named');
  assert.match(String(line.stack), /caused by: Error: read ECONNRESET/);
  assert.deepEqual(line.extensions, { field: 'title', limits: [1, 2] }, 'plain data stays');
  assert.equal((line.inner as { message: string }).message, 'inner', 'a nested error is written as one');
  assert.equal('client' in line, false, 'no live object');
  assert.ok(JSON.stringify(lines[0]).length < 2000, 'the line stays short');
});

test('a value under err that is no error is written as it is', async () => {
  const { log, lines } = capture();
  log.warn({ err: 'stream repair lost its connection' }, 'lost');
  await new Promise((r) => setImmediate(r));
  assert.equal(lines[0]?.err, 'stream repair lost its connection');
});
