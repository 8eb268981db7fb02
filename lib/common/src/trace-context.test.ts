import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, test } from 'node:test';
import { currentTrace, servedInTrace, traceHeaders, traceOf } from './trace-context.ts';

const TRACE = '4bf92f3577b34da6a3ce929d0e0e4736';
const PARENT = '00f067aa0ba902b7';
const HEX = (n: number) => new RegExp(`^[0-9a-f]{${n}}$`);

test('a traceparent names the trace a request joins, as a span of its own', () => {
  const ids = traceOf(`00-${TRACE}-${PARENT}-01`);
  assert.equal(ids.traceId, TRACE);
  assert.match(ids.spanId, HEX(16));
  assert.notEqual(ids.spanId, PARENT);
  assert.equal(traceOf(`00-${TRACE.toUpperCase()}-${PARENT}-00`).traceId, TRACE, 'upper-case hex is the same trace');
});

test('without a usable traceparent a request begins a trace of its own', () => {
  const zeros = '0'.repeat(32);
  for (const header of [
    undefined,
    null,
    '',
    'garbage',
    `01-${TRACE}-${PARENT}-01`,
    `00-${zeros}-${PARENT}-01`,
    `00-${TRACE}-${'0'.repeat(16)}-01`,
    [`00-${TRACE}-${PARENT}-01`],
  ]) {
    const ids = traceOf(header);
    assert.match(ids.traceId, HEX(32), String(header));
    assert.notEqual(ids.traceId, TRACE, String(header));
  }
  assert.notEqual(traceOf(undefined).traceId, traceOf(undefined).traceId, 'each a trace of its own');
});

test('outside a request there is no trace to name or to pass on', () => {
  assert.equal(currentTrace(), undefined);
  assert.deepEqual(traceHeaders(), {});
});

// A real server: the handler reads its body from the request's events (as a body parser does), then answers after a
// timer, what it sees of its trace at each step.
let server: http.Server;
let url: string;
before(async () => {
  server = http.createServer((req, res) =>
    servedInTrace(req, () => {
      const seen = { atStart: currentTrace() } as Record<string, unknown>;
      let body = '';
      req.on('data', (chunk) => {
        body += chunk;
      });
      req.on('end', () => {
        seen.afterBody = currentTrace();
        setTimeout(async () => {
          await Promise.resolve();
          seen.later = currentTrace();
          seen.passedOn = traceHeaders();
          res.end(JSON.stringify({ ...seen, body }));
        }, 5);
      });
    }),
  );
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
});
after(() => new Promise<void>((r) => server.close(() => r())));

const ask = async (headers: Record<string, string>) =>
  (await (await fetch(url, { method: 'POST', headers, body: 'x'.repeat(100_000) })).json()) as {
    atStart: { traceId: string; spanId: string };
    afterBody: { traceId: string; spanId: string };
    later: { traceId: string; spanId: string };
    passedOn: { traceparent?: string };
    body: string;
  };

test('a request keeps its trace through its body’s events, timers and promises, and passes it on', async () => {
  const seen = await ask({ traceparent: `00-${TRACE}-${PARENT}-01` });
  assert.equal(seen.body.length, 100_000);
  assert.equal(seen.atStart.traceId, TRACE);
  assert.deepEqual(seen.afterBody, seen.atStart, 'the body read, still the request’s trace');
  assert.deepEqual(seen.later, seen.atStart);
  assert.equal(seen.passedOn.traceparent, `00-${TRACE}-${seen.atStart.spanId}-00`, 'a call made now names this span as its parent');
});

test('requests without a trace each begin one, and do not see each other’s', async () => {
  const [a, b] = await Promise.all([ask({}), ask({})]);
  assert.match(a.atStart.traceId, HEX(32));
  assert.notEqual(a.atStart.traceId, b.atStart.traceId);
  assert.deepEqual(a.later, a.atStart);
  assert.deepEqual(b.later, b.atStart);
  assert.equal(currentTrace(), undefined, 'nothing leaks out to the caller');
});
