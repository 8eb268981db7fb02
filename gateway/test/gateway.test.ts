// The gateway as a client and an attacker meet it: federated queries work with a token, subgraphs refuse
// anything the gateway did not sign, bad tokens and abusive operations are refused with clear errors.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type Caller, loadSigner, signCallerContext } from '@yizhan/common';
import { startGateway } from '@yizhan/gateway';
import { createClient } from 'graphql-ws';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import WebSocket from 'ws';
import { codeOf, gqlAt, type Platform, startPlatform } from '../../test/support/harness.ts';

let p: Platform;
let token: string;
before(async () => {
  p = await startPlatform();
  token = await p.login('xa.clerk');
});
after(() => p?.close());

describe('gateway', () => {
  test('answers a federated query for a logged-in city clerk', async () => {
    const r = await p.gql('{ me { username org { name children { name } } } }', {}, token);
    assert.equal(r.errors, undefined);
    assert.equal(r.data?.me.username, 'xa.clerk');
    assert.equal(r.data?.me.org.name, '西安市人民政府');
    const children = r.data?.me.org.children.map((c: { name: string }) => c.name);
    assert.ok(children.includes('西安市新城区人民政府'));
    assert.ok(children.includes('西安市人民政府办公室'));
  });

  test('concurrent requests from different users each run as their own user', async () => {
    const users = ['xa.clerk', 'xc.clerk', 'bl.clerk', 'bj.clerk', 'sxb.clerk', '610104.clerk', '610111.clerk', 'xa.admin'];
    const tokens = await Promise.all(users.map((u) => p.login(u)));
    for (let round = 0; round < 5; round++) {
      const answers = await Promise.all(tokens.map((t) => p.gql('{ me { username } }', {}, t)));
      assert.deepEqual(
        answers.map((a) => a.data?.me.username),
        users,
      );
    }
  });

  test('refuses a call straight to a subgraph without the signed caller context', async () => {
    const r = await gqlAt(p.orgUrl, '{ me { username } }', {}, { authorization: `Bearer ${token}` });
    assert.equal(r.status, 401);
    assert.equal(codeOf(r), 'UNSIGNED_CALL');
  });

  test('refuses a caller context signed with another key', async () => {
    const { privateKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519' });
    const caller: Caller = { userId: 'x', username: 'sx.admin', orgId: 'x', orgPath: 'p61', roles: ['ADMIN'] };
    const forged = await signCallerContext({ caller }, { kid: 'forged', key: privateKey }, 60);
    const r = await gqlAt(p.orgUrl, '{ me { username } }', {}, { 'x-yizhan-caller': forged });
    assert.equal(r.status, 401);
    assert.equal(codeOf(r), 'UNSIGNED_CALL');
  });

  test('refuses an expired caller context even when correctly signed', async () => {
    const signer = await loadSigner('caller-context');
    const stale = await new SignJWT({ caller: null })
      .setProtectedHeader({ alg: 'EdDSA', kid: signer.kid })
      .setIssuer('yizhan-gateway')
      .setAudience('yizhan-subgraphs')
      .setIssuedAt(Math.floor(Date.now() / 1000) - 600)
      .setExpirationTime(Math.floor(Date.now() / 1000) - 300)
      .sign(signer.key);
    const r = await gqlAt(p.orgUrl, '{ me { username } }', {}, { 'x-yizhan-caller': stale });
    assert.equal(r.status, 401);
    assert.match(r.errors?.[0]?.message ?? '', /expired/);
  });

  test('refuses a forged access token', async () => {
    const { privateKey, publicKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
    const kid = (await loadSigner('access-token')).kid; // the right key id, the wrong key
    const forged = await new SignJWT({ username: 'sx.admin', org: 'x', path: 'p61', roles: ['ADMIN'] })
      .setProtectedHeader({ alg: 'EdDSA', kid })
      .setSubject('x')
      .setIssuer('yizhan-org')
      .setAudience('yizhan-gateway')
      .setExpirationTime('1h')
      .sign(privateKey);
    assert.ok(await exportJWK(publicKey));
    const r = await p.gql('{ me { username } }', {}, forged);
    assert.equal(r.status, 401);
    assert.equal(codeOf(r), 'UNAUTHENTICATED');
    assert.match(r.errors?.[0]?.message ?? '', /not valid/);
  });

  test('refuses an expired access token with a message saying so', async () => {
    const signer = await loadSigner('access-token');
    const expired = await new SignJWT({ username: 'xa.clerk', org: 'x', path: 'p61.c6101', roles: ['CLERK'] })
      .setProtectedHeader({ alg: 'EdDSA', kid: signer.kid })
      .setSubject('x')
      .setIssuer('yizhan-org')
      .setAudience('yizhan-gateway')
      .setExpirationTime(Math.floor(Date.now() / 1000) - 60)
      .sign(signer.key);
    const r = await p.gql('{ me { username } }', {}, expired);
    assert.equal(r.status, 401);
    assert.match(r.errors?.[0]?.message ?? '', /expired/);
  });

  test('refuses a tampered access token', async () => {
    const [h, body, sig] = token.split('.') as [string, string, string];
    const claims = JSON.parse(Buffer.from(body, 'base64url').toString());
    const tampered = `${h}.${Buffer.from(JSON.stringify({ ...claims, path: 'p61', roles: ['ADMIN'] })).toString('base64url')}.${sig}`;
    const r = await p.gql('{ me { username } }', {}, tampered);
    assert.equal(codeOf(r), 'UNAUTHENTICATED');
  });

  test('without a token, only login is open', async () => {
    const r = await p.gql('{ me { username } }');
    assert.equal(codeOf(r), 'UNAUTHENTICATED');
  });

  test('refuses an over-deep operation before it reaches a subgraph', async () => {
    const deep = '{ me { org { parent { parent { children { children { children { parent { parent { parent { name } } } } } } } } } } }';
    const r = await p.gql(deep, {}, token);
    assert.equal(r.data, undefined);
    assert.match(r.errors?.[0]?.message ?? '', /deeper than the limit of \d+/);
    assert.equal(codeOf(r), 'BAD_REQUEST');
  });

  test('refuses an alias bomb', async () => {
    const aliases = Array.from({ length: 50 }, (_, i) => `a${i}: me { username }`).join(' ');
    const r = await p.gql(`{ ${aliases} }`, {}, token);
    assert.equal(r.data, undefined);
    assert.match(r.errors?.[0]?.message ?? '', /more aliases than the limit of \d+/);
  });

  test('refuses an operation with too many tokens', async () => {
    const fields = Array.from({ length: 2500 }, () => 'username').join(' ');
    const r = await p.gql(`{ me { ${fields} } }`, {}, token);
    assert.match(r.errors?.[0]?.message ?? '', /more tokens than the limit of \d+/);
  });

  test('refuses a simple (CSRF-able) GET request', async () => {
    const res = await fetch(`${p.gatewayUrl}?query=${encodeURIComponent('{ me { username } }')}`);
    assert.equal(res.status, 403);
  });

  test('entity references resolve only within the caller’s scope', async () => {
    // What the gateway sends when another subgraph's result points at a User: a 碑林区 clerk asking for a 新城区 account.
    const xcClerk = await p.gql('{ me { id } }', {}, await p.login('xc.clerk'));
    const blClerk = await p.gql('{ me { id orgId } }', {}, await p.login('bl.clerk'));
    const signer = await loadSigner('caller-context');
    const asBeilin: Caller = {
      userId: blClerk.data?.me.id,
      username: 'bl.clerk',
      orgId: blClerk.data?.me.orgId,
      orgPath: 'p61.c6101.k610103',
      roles: ['CLERK'],
    };
    const header = await signCallerContext({ caller: asBeilin }, signer, 60);
    const query = 'query($r: [_Any!]!) { _entities(representations: $r) { ... on User { username } } }';
    const other = await gqlAt(p.orgUrl, query, { r: [{ __typename: 'User', id: xcClerk.data?.me.id }] }, { 'x-yizhan-caller': header });
    assert.deepEqual(other.data?._entities, [null], 'another county’s account resolves to nothing');
    const own = await gqlAt(p.orgUrl, query, { r: [{ __typename: 'User', id: blClerk.data?.me.id }] }, { 'x-yizhan-caller': header });
    assert.deepEqual(own.data?._entities, [{ username: 'bl.clerk' }]);
  });

  test('in production, introspection and field suggestions are off', async () => {
    const env = process.env.NODE_ENV;
    process.env.NODE_ENV = 'production';
    const prod = await startGateway({ port: 0, subgraphs: { org: p.orgUrl } });
    process.env.NODE_ENV = env;
    try {
      const intro = await gqlAt(prod.url, '{ __schema { types { name } } }', {}, { authorization: `Bearer ${token}` });
      assert.equal(intro.data, undefined);
      assert.match(intro.errors?.[0]?.message ?? '', /introspection/i);
      const typo = await gqlAt(prod.url, '{ me { usernam } }', {}, { authorization: `Bearer ${token}` });
      assert.doesNotMatch(typo.errors?.[0]?.message ?? '', /Did you mean/);
      // A subgraph's refusal keeps its code and words, not the name of the service that refused (the house's layout).
      const missing = '{ org(id: "00000000-0000-4000-8000-000000000000") { name } }';
      const refused = await gqlAt(prod.url, missing, {}, { authorization: `Bearer ${token}` });
      assert.equal(refused.errors?.[0]?.extensions?.code, 'NOT_FOUND');
      assert.equal(refused.errors?.[0]?.extensions?.serviceName, undefined);
      assert.equal((await p.gql(missing, {}, token)).errors?.[0]?.extensions?.serviceName, 'org', 'development names it, for whoever debugs');
      const dev = await p.gql('{ __schema { queryType { name } } }', {}, token);
      assert.equal(dev.data?.__schema.queryType.name, 'Query', 'development keeps introspection for GraphiQL');
    } finally {
      await prod.close();
    }
  });

  test('in development GraphiQL is served from the npm package, needing no CDN', async () => {
    const res = await fetch(p.gatewayUrl, { headers: { accept: 'text/html' } });
    assert.equal(res.status, 200);
    const html = await res.text();
    assert.match(html, /驿站 Yizhan/);
    assert.doesNotMatch(html, /unpkg\.com|cdn\.jsdelivr/);
  });

  test('a taken port gives a clear message', async () => {
    const port = Number(new URL(p.gatewayUrl).port);
    await assert.rejects(startGateway({ port, subgraphs: { org: p.orgUrl } }), /Port \d+ is taken: set GATEWAY_PORT to a free port/);
  });

  test('reports health and readiness', async () => {
    const base = p.gatewayUrl.replace('/graphql', '');
    assert.equal((await fetch(`${base}/healthz`)).status, 200);
    assert.equal((await fetch(`${base}/readyz`)).status, 200);
    const orgBase = p.orgUrl.replace('/graphql', '');
    const ready = await fetch(`${orgBase}/readyz`);
    assert.equal(ready.status, 200);
    assert.equal(((await ready.json()) as { status: string }).status, 'ready');
  });

  test('readiness tells the truth: a subgraph down is named (never its address), and its queries are UNAVAILABLE', async () => {
    const { freePort } = await import('@yizhan/kernel');
    const dead = `http://127.0.0.1:${await freePort()}/graphql`;
    const gw = await startGateway({ port: await freePort(), subgraphs: { org: p.orgUrl, documents: dead } });
    try {
      const base = gw.url.replace('/graphql', '');
      const ready = await fetch(`${base}/readyz`);
      assert.equal(ready.status, 503);
      const body = await ready.text();
      assert.deepEqual(JSON.parse(body), { status: 'unavailable', down: ['documents'], subgraphs: { org: 'up', documents: 'down' } });
      assert.doesNotMatch(body, /127\.0\.0\.1|localhost|:\d{4,5}/);
      const r = await gqlAt(gw.url, '{ inbox { totalCount } }', {}, { authorization: `Bearer ${token}` });
      assert.equal(codeOf(r), 'UNAVAILABLE', JSON.stringify(r.errors));
      assert.doesNotMatch(JSON.stringify(r), /127\.0\.0\.1|ECONNREFUSED|localhost/);
      const me = await gqlAt(gw.url, '{ me { username } }', {}, { authorization: `Bearer ${token}` });
      assert.equal(me.data?.me.username, 'xa.clerk', 'the subgraphs that are up still answer');
    } finally {
      await gw.close();
    }
  });

  test('serves graphql-ws on the same path, with the token in the connection parameters', async () => {
    const client = createClient({ url: p.gatewayUrl.replace('http', 'ws'), webSocketImpl: WebSocket, connectionParams: { authorization: `Bearer ${token}` } });
    try {
      const result = await new Promise<Record<string, any>>((resolve, reject) => {
        let value: Record<string, any> = {};
        client.subscribe({ query: '{ me { username org { shortName } } }' }, { next: (v) => (value = v), error: reject, complete: () => resolve(value) });
      });
      assert.equal(result.errors, undefined);
      assert.equal(result.data.me.username, 'xa.clerk');
      assert.equal(result.data.me.org.shortName, '西安市');
    } finally {
      await client.dispose();
    }
  });
});
