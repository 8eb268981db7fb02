// A service's calls on its own authority (common's service-call.ts): documents' evidence job asks the TSA for its batch
// time stamps with its own key. That key reaches exactly the internal calls whose contract names documents (the time
// stamp), nothing else of the certificates service, not its GraphQL endpoint; a token in documents' name signed with
// another key, an expired one, or one of a service named nowhere is refused as unsigned.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { CALLER_HEADER, loadSigner, serviceAuthority } from '@yizhan/common';
import { generateKeyPair, SignJWT } from 'jose';
import { type Platform, startPlatform } from './support/harness.ts';

let p: Platform;
let documents: () => Promise<string>;
before(async () => {
  p = await startPlatform({ services: ['documents', 'certificates'] });
  documents = await serviceAuthority('documents');
});
after(() => p?.close());

const origin = (graphqlUrl: string) => graphqlUrl.replace(/\/graphql$/, '');
const DIGEST = 'ab'.repeat(32);

async function call(url: string, header: string, body: unknown = {}) {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', [CALLER_HEADER]: header }, body: JSON.stringify(body) });
  const json = (await res.json()) as { data?: Record<string, unknown>; errors?: { message: string; extensions?: { code?: string } }[] };
  return { status: res.status, data: json.data, code: json.errors?.[0]?.extensions?.code, message: json.errors?.[0]?.message ?? '' };
}

test('documents’ own authority gets a time stamp from the TSA, with nobody signed in', async () => {
  const r = await call(`${origin(p.certificatesUrl)}/internal/timestamp`, await documents(), { hashAlgorithm: 'SM3', digest: DIGEST, suite: 'SM2' });
  assert.equal(r.status, 200, r.message);
  assert.equal(r.data?.suite, 'SM2');
  assert.ok(typeof r.data?.token === 'string' && (r.data.token as string).length > 100, 'an RFC 3161 token');
});

test('the same authority reaches no other call of the certificates service, nor its GraphQL, nor documents’ own calls', async () => {
  const header = await documents();
  for (const name of ['trust-material', 'unit-sign-receipts', 'check-certificate']) {
    const r = await call(`${origin(p.certificatesUrl)}/internal/${name}`, header, {});
    assert.equal(r.status, 403, `${name}: ${r.message}`);
    assert.equal(r.code, 'FORBIDDEN');
    assert.match(r.message, new RegExp(`documents may not call certificates/${name}`));
  }
  const graphql = await call(p.certificatesUrl, header, { query: '{ __typename }' });
  assert.equal(graphql.status, 401);
  assert.equal(graphql.code, 'UNSIGNED_CALL');
  // Documents answers no service's own calls: its own key is not a caller there either.
  const own = await call(`${origin(p.documentsUrl)}/internal/canonical`, header, {});
  assert.equal(own.status, 401, own.message);
  assert.equal(own.code, 'UNSIGNED_CALL');
});

test('a token in documents’ name signed with another key, an expired one, or one of a service named nowhere is refused as unsigned', async () => {
  const url = `${origin(p.certificatesUrl)}/internal/timestamp`;
  const body = { hashAlgorithm: 'SM3', digest: DIGEST };
  const sign = (key: CryptoKey | Awaited<ReturnType<typeof generateKeyPair>>['privateKey'], kid: string, iss: string, exp: string | number) =>
    new SignJWT({ service: iss.split(':')[1] })
      .setProtectedHeader({ alg: 'EdDSA', kid })
      .setIssuer(iss)
      .setAudience('yizhan-subgraphs')
      .setIssuedAt()
      .setExpirationTime(exp)
      .sign(key);
  const stranger = await generateKeyPair('EdDSA', { crv: 'Ed25519' });
  const real = await loadSigner('service-documents');
  const cases = {
    'another key, documents’ kid': await sign(stranger.privateKey, real.kid, 'yizhan-service:documents', '60s'),
    'another key, its own kid': await sign(stranger.privateKey, 'forged', 'yizhan-service:documents', '60s'),
    expired: await sign(real.key, real.kid, 'yizhan-service:documents', Math.floor(Date.now() / 1000) - 10),
    'a service named nowhere': await sign(real.key, real.kid, 'yizhan-service:archive', '60s'),
  };
  for (const [what, header] of Object.entries(cases)) {
    const r = await call(url, header, body);
    assert.equal(r.status, 401, `${what}: ${r.status} ${r.message}`);
    assert.equal(r.code, 'UNSIGNED_CALL', what);
  }
});
