// Without a trace exporter the OpenTelemetry SDK is not started (common's telemetry.ts), and each request's trace ids
// are carried by trace-context.ts: the gateway joins the trace a client names (or begins one) and passes it on every
// call it makes to a subgraph for that request, so the gateway's and org's log lines of one request name one trace.
// Seen here on the wire: a gateway whose org is reached through a proxy that notes each call's `traceparent`.
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { after, before, test } from 'node:test';
import { startGateway } from '@yizhan/gateway';
import { freePort } from '@yizhan/kernel';
import { manifestPath } from '../scripts/lib/web.ts';
import { type Platform, startPlatform } from './support/harness.ts';

let p: Platform;
let gateway: { url: string; close(): Promise<void> };
let proxy: http.Server;
/** The calls org was sent through the proxy: path and traceparent. */
const calls: { path: string; traceparent: string | undefined }[] = [];

before(async () => {
  p = await startPlatform({ services: ['org'] });
  const org = new URL(p.orgUrl);
  proxy = http.createServer(async (req, res) => {
    calls.push({ path: req.url ?? '', traceparent: req.headers.traceparent as string | undefined });
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const headers = Object.fromEntries(Object.entries(req.headers).filter(([k, v]) => typeof v === 'string' && k !== 'host' && k !== 'connection')) as Record<
      string,
      string
    >;
    try {
      const upstream = await fetch(new URL(req.url ?? '/', org), {
        method: req.method,
        headers,
        ...(chunks.length ? { body: Buffer.concat(chunks) } : {}),
      });
      res.writeHead(upstream.status, Object.fromEntries(upstream.headers));
      if (upstream.body) Readable.fromWeb(upstream.body as never).pipe(res);
      else res.end();
    } catch {
      if (!res.headersSent) res.writeHead(502);
      res.end();
    }
  });
  await new Promise<void>((r) => proxy.listen(0, '127.0.0.1', r));
  const proxied = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}/graphql`;
  gateway = await startGateway({ port: await freePort(), subgraphs: { org: proxied }, dashboardOrigins: [], trustedDocumentsPath: manifestPath });
});
after(async () => {
  await gateway?.close();
  proxy?.closeAllConnections();
  await new Promise<void>((r) => (proxy ? proxy.close(() => r()) : r()));
  await p?.close();
});

const TRACEPARENT = /^00-([0-9a-f]{32})-([0-9a-f]{16})-0[01]$/;
const ME = '{ me { username } }';

/** Asks `me` through the gateway with `headers`; answers the traceparent of the query's call to org. */
async function meCall(token: string, headers: Record<string, string> = {}): Promise<string | undefined> {
  const from = calls.length;
  const res = await fetch(gateway.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, ...headers },
    body: JSON.stringify({ query: ME }),
  });
  assert.equal(((await res.json()) as { data?: { me?: { username: string } } }).data?.me?.username, 'xc.clerk');
  const graphql = calls.slice(from).filter((c) => c.path === '/graphql');
  assert.equal(graphql.length, 1, 'one call to org for the query');
  return graphql[0]?.traceparent;
}

test('the trace a client names goes on to the subgraph, as the gateway’s span of it', async () => {
  const token = await p.login('xc.clerk');
  const trace = '4bf92f3577b34da6a3ce929d0e0e4736';
  const parent = '00f067aa0ba902b7';
  const sent = await meCall(token, { traceparent: `00-${trace}-${parent}-01` });
  const [, traceId, spanId] = TRACEPARENT.exec(sent ?? '') ?? [];
  assert.equal(traceId, trace, `the client's trace reached org (${sent})`);
  assert.notEqual(spanId, parent, 'as a span of the gateway’s own');
});

test('a request without a trace begins one, its own', async () => {
  const token = await p.login('xc.clerk');
  const first = TRACEPARENT.exec((await meCall(token)) ?? '');
  const second = TRACEPARENT.exec((await meCall(token)) ?? '');
  assert.ok(first && second, 'each call to org carries a trace');
  assert.notEqual(first[1], second[1], 'two requests, two traces');
  const malformed = TRACEPARENT.exec((await meCall(token, { traceparent: 'not-a-trace' })) ?? '');
  assert.ok(malformed, 'a malformed traceparent is replaced, not passed on');
  assert.ok(malformed[1] !== first[1] && malformed[1] !== second[1], 'by a trace of its own');
});
