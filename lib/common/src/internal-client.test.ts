// The internal client against real HTTP servers on loopback: an answer is typed by the contract; a service that
// never answers, or stops half-way through its answer, fails the call with UNAVAILABLE within its deadline instead of
// holding its caller (and every ask batched behind it) for ever; one that is not there fails at once.
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, test } from 'node:test';
import { z } from 'zod';
import { defineInternalApi } from './contract.ts';
import { internalClient } from './internal-client.ts';

const api = defineInternalApi('org', {
  echo: { summary: 'answers what it is asked', input: z.object({ say: z.string() }), output: z.object({ said: z.string() }) },
  echoes: { summary: 'answers what each caller asks', input: z.object({ say: z.string() }), output: z.object({ said: z.string() }), each: 3 },
});

const servers: http.Server[] = [];
after(() => {
  for (const s of servers) s.closeAllConnections();
  for (const s of servers) s.close();
});
async function serve(handler: http.RequestListener): Promise<string> {
  const server = http.createServer(handler);
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

test('an answer comes back as the contract types it', async () => {
  const url = await serve((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => res.end(JSON.stringify({ data: { said: (JSON.parse(body) as { say: string }).say } })));
  });
  assert.deepEqual(await internalClient(api, url).call('echo', 'signed', { say: '签收' }), { said: '签收' });
});

test('a service that never answers fails the call with UNAVAILABLE at its deadline', async () => {
  const url = await serve(() => {});
  const started = Date.now();
  await assert.rejects(internalClient(api, url, { timeoutMs: 300 }).call('echo', 'signed', { say: 'x' }), (e: Error & { code?: string }) => {
    assert.equal(e.code, 'UNAVAILABLE');
    assert.match(e.message, /did not answer within 0\.3 s \(org\/echo\)/);
    return true;
  });
  assert.ok(Date.now() - started < 5_000);
});

test('a service that stops half-way through its answer fails the call with UNAVAILABLE at its deadline', async () => {
  const url = await serve((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.write('{"data": {"sa');
  });
  await assert.rejects(internalClient(api, url, { timeoutMs: 300 }).call('echo', 'signed', { say: 'x' }), /did not answer within 0\.3 s/);
});

test('a service that is not there fails the call with UNAVAILABLE at once', async () => {
  const url = await serve(() => {});
  const server = servers.pop() as http.Server;
  await new Promise((r) => server.close(r));
  await assert.rejects(
    internalClient(api, url).call('echo', 'signed', { say: 'x' }),
    (e: Error & { code?: string }) => e.code === 'UNAVAILABLE' && /is unreachable/.test(e.message),
  );
});

test('calls for many callers made at once go together, each with its own caller, each answered or refused alone', async () => {
  const requests: { caller: string; input: { say: string } }[][] = [];
  const url = await serve((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      const { calls } = JSON.parse(body) as { calls: { caller: string; input: { say: string } }[] };
      requests.push(calls);
      // Like the service: a caller is answered as its own call, a refusal in its place for one it refuses.
      const answers = calls.map((c) =>
        c.caller === 'forged'
          ? { error: { message: 'Caller context signature is invalid', extensions: { code: 'UNSIGNED_CALL' } } }
          : { data: { said: `${c.caller}:${c.input.say}` } },
      );
      setTimeout(() => res.end(JSON.stringify({ data: { answers } })), 20);
    });
  });
  const client = internalClient(api, url);
  const echo = client.callEach('echoes');
  assert.equal(client.callEach('echoes'), echo, 'one batcher per call');
  const asked = ['a', 'b', 'forged', 'c', 'd', 'e'].map((caller) => echo(caller, { say: '签收' }));
  const settled = await Promise.allSettled(asked);
  assert.deepEqual(
    settled.map((s) => (s.status === 'fulfilled' ? s.value.said : (s.reason as { code: string }).code)),
    ['a:签收', 'b:签收', 'UNSIGNED_CALL', 'c:签收', 'd:签收', 'e:签收'],
    'each caller its own answer; the forged one refused with its code',
  );
  // The calls of one moment go together, at most `each` in one request (two in flight at once).
  assert.deepEqual(
    requests.map((r) => r.map((c) => c.caller)),
    [
      ['a', 'b', 'forged'],
      ['c', 'd', 'e'],
    ],
  );
  assert.throws(() => client.callEach('echo'), /not a call for many callers/);
  await assert.rejects(echo(null, { say: 'x' }), (e: Error & { code?: string }) => e.code === 'UNAUTHENTICATED');
});
