// handOn: an evidence package streams from one gateway's answer into the other gateway's request, whole or not at
// all. Two local HTTP servers stand for the gateways, answering as the platform's gateway writes its answers.
import assert from 'node:assert/strict';
import { once } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, describe, test } from 'node:test';
import { GatewayError, gatewayClient, handOn } from './gateway-client.ts';

const EXPORT = 'mutation($d: ID!) { exportEvidencePackage(documentId: $d) { base64 } }';
const RECEIVE = 'mutation($d: ID!, $p: String!, $r: ID) { receiveFromPeer(peerDeliveryId: $d, evidencePackage: $p, resendOf: $r) { id } }';

/** What the receiving gateway saw of each request: its body, whole, and whether it came chunked. */
interface Seen {
  complete: { body: { query: string; variables: Record<string, unknown> }; chunked: boolean }[];
  broken: number;
}

const servers: http.Server[] = [];
after(() => {
  for (const s of servers) s.close();
});

async function serve(handler: http.RequestListener): Promise<string> {
  const server = http.createServer(handler);
  servers.push(server);
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
}

/** The exporting gateway: answers with `write`, given the response (which it may cut short). */
const exporter = (write: (res: http.ServerResponse) => void) =>
  serve((req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'application/json' });
      write(res);
    });
  });

/** The receiving gateway: keeps what arrived whole, counts what broke off, answers with the delivery made. */
async function receiver(): Promise<{ url: string; seen: Seen }> {
  const seen: Seen = { complete: [], broken: 0 };
  const url = await serve((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('error', () => {});
    req.on('close', () => {
      if (!req.complete) seen.broken++;
    });
    req.on('end', () => {
      seen.complete.push({ body: JSON.parse(Buffer.concat(chunks).toString('utf8')), chunked: req.headers['transfer-encoding'] === 'chunked' });
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ data: { receiveFromPeer: { id: 'delivery-here' } } }));
    });
  });
  return { url, seen };
}

const hand = (fromUrl: string, toUrl: string) =>
  handOn<{ receiveFromPeer: { id: string } }>(
    gatewayClient(fromUrl, 'token-there'),
    { query: EXPORT, variables: { d: 'document-there' }, field: 'exportEvidencePackage', key: 'base64' },
    gatewayClient(toUrl, 'token-here'),
    { query: RECEIVE, variables: { d: 'delivery-there', r: null }, as: 'p' },
  );

/** A package's base64 of `mb` megabytes, not all one letter. */
const base64Of = (mb: number) => Buffer.from(Array.from({ length: mb * 1024 * 1024 }, (_, i) => (i * 31) & 0xff)).toString('base64');

describe('handOn: a package from one gateway to the other', () => {
  test('a 20 MB package streams through, arrives byte for byte in the request, and the receiver’s answer comes back', async () => {
    const base64 = base64Of(20);
    // Written in pieces, as a gateway sends a large answer.
    const from = await exporter((res) => {
      const whole = JSON.stringify({ data: { exportEvidencePackage: { base64 } } });
      for (let i = 0; i < whole.length; i += 1_000_000) res.write(whole.slice(i, i + 1_000_000));
      res.end();
    });
    const to = await receiver();
    assert.deepEqual(await hand(from, to.url), { receiveFromPeer: { id: 'delivery-here' } });
    assert.equal(to.seen.complete.length, 1);
    const [got] = to.seen.complete;
    assert.equal(got?.chunked, true, 'sent as it was read, not gathered first');
    assert.equal(got?.body.query, RECEIVE);
    assert.deepEqual(got?.body.variables, { d: 'delivery-there', r: null, p: base64 });
  });

  test('an export refused there is refused with its code, and nothing is sent here', async () => {
    const from = await exporter((res) =>
      res.end(JSON.stringify({ errors: [{ message: 'Document x is not visible to you', extensions: { code: 'NOT_FOUND' } }], data: null })),
    );
    const to = await receiver();
    await assert.rejects(hand(from, to.url), (e: unknown) => e instanceof GatewayError && e.code === 'NOT_FOUND' && /not visible/.test(e.message));
    assert.equal(to.seen.complete.length + to.seen.broken, 0);
  });

  test('an answer written in another form (spaced) is read whole and still handed on', async () => {
    const base64 = base64Of(1);
    const from = await exporter((res) => res.end(JSON.stringify({ data: { exportEvidencePackage: { base64 } } }, null, 2)));
    const to = await receiver();
    await hand(from, to.url);
    assert.deepEqual(to.seen.complete[0]?.body.variables, { d: 'delivery-there', r: null, p: base64 });
  });

  test('an answer cut short inside the package, or closed with errors, hands nothing whole on: the request here breaks off', async () => {
    const base64 = base64Of(4);
    const cut = await exporter((res) => {
      res.write(`{"data":{"exportEvidencePackage":{"base64":"${base64.slice(0, 3_000_000)}`);
      setTimeout(() => res.socket?.destroy(), 50);
    });
    const wrong = await exporter((res) =>
      res.end(`{"data":{"exportEvidencePackage":{"base64":"${base64}"}},"errors":[{"message":"half","extensions":{"code":"INTERNAL"}}]}`),
    );
    for (const from of [cut, wrong]) {
      const to = await receiver();
      await assert.rejects(hand(from, to.url), (e: unknown) => e instanceof GatewayError && e.code === 'UNAVAILABLE');
      await new Promise((r) => setTimeout(r, 100));
      assert.equal(to.seen.complete.length, 0, 'no request here arrived whole');
      if (from === cut) assert.equal(to.seen.broken, 1, 'the request begun with the first 3 MB broke off');
    }
  });
});
