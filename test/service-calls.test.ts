// A service's calls on its own authority (common's service-call.ts): documents' evidence job asks the TSA for its batch
// time stamps with its own key. That key reaches exactly the internal calls whose contract names documents (the time
// stamp), nothing else of the certificates service, not its GraphQL endpoint; a token in documents' name signed with
// another key, an expired one, or one of a service named nowhere is refused as unsigned. And the gateway's own calls
// (a batch for many callers) are its alone.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, test } from 'node:test';
import { CALLER_HEADER, type Caller, loadSigner, serviceAuthority, signCallerContext } from '@yizhan/common';
import { publicKeyOf, type Receipt, receiptBytes, verify } from '@yizhan/crypto';
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

/** A demo account as the gateway names it in a caller context, from its access token's claims. */
async function personOf(username: string): Promise<Caller> {
  const token = await p.login(username);
  const claims = JSON.parse(Buffer.from(token.split('.')[1] as string, 'base64url').toString()) as Record<string, unknown>;
  return {
    userId: claims.sub as string,
    username,
    orgId: claims.org as string,
    orgPath: claims.path as string,
    roles: claims.roles as Caller['roles'],
    sessionId: claims.sid as string,
  };
}

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

// The contacts of the units a document reached: documents asks org on its own authority once it has checked that the
// caller's unit sent to them (the provincial office sits beside the cities, so the subtree rule hides the counties).
// That authority reaches this call of org and no other; a person's signed context is refused it, whatever its unit.
test('documents’ own authority reads a unit’s contacts from org; a person is refused that call, and the authority reaches no other org call', async () => {
  const xincheng = await p.orgId('610102');
  const url = `${origin(p.orgUrl)}/internal/contacts-of-recipients`;
  const own = await call(url, await documents(), { orgIds: [xincheng, 'not-an-id'] });
  assert.equal(own.status, 200, own.message);
  assert.deepEqual(
    (own.data as unknown as { name: string; orgId: string }[]).map((c) => [c.orgId, c.name]),
    [[xincheng, '王秀兰']],
  );
  const person = await personOf('sx.admin');
  const signer = await loadSigner('caller-context');
  for (const [who, header] of [
    ['the province’s administrator', await signCallerContext({ caller: person }, signer, 60)],
    ['the gateway', await signCallerContext({ caller: null }, signer, 60)],
  ] as const) {
    const r = await call(url, header, { orgIds: [xincheng] });
    assert.equal(r.status, 403, `${who}: ${r.status} ${r.message}`);
    assert.equal(r.code, 'FORBIDDEN', who);
    assert.equal(r.data, undefined, who);
  }
  for (const name of ['contacts', 'unit', 'keepers', 'recipients']) {
    const r = await call(`${origin(p.orgUrl)}/internal/${name}`, await documents(), { orgIds: [xincheng], orgId: xincheng });
    assert.equal(r.status, 403, `${name}: ${r.message}`);
    assert.match(r.message, new RegExp(`documents may not call org/${name}`));
  }
});

// The gateway's own batch calls (issue 13): after a restart it checks many sessions, asks many subscribers' grants and
// replays many resuming subscribers at once, naming each caller itself. Only its own signed context (no caller, no
// service) may make them: a person's signed context and another service's authority are refused, and the answers are
// each caller's own.
test('the gateway’s batch calls answer each caller named as its own call would, and refuse a person and another service', async () => {
  const signer = await loadSigner('caller-context');
  const gateway = await signCallerContext({ caller: null }, signer, 60);
  const person = await personOf('xc.clerk');
  const personal = await signCallerContext({ caller: person }, signer, 60);
  const sessions = `${origin(p.orgUrl)}/internal/sessions`;
  const grants = `${origin(p.documentsUrl)}/internal/live-grants`;
  const events = `${origin(p.documentsUrl)}/internal/live-events`;
  const sessionsBody = {
    sessions: [
      { userId: person.userId, sessionId: person.sessionId },
      { userId: person.userId, sessionId: randomUUID() },
    ],
  };
  const grantsBody = {
    requests: [
      { caller: person, field: 'inboxChanged', args: {} },
      { caller: person, field: 'subtreeReceipts', args: {} },
      { caller: person, field: 'deliveryChanged', args: { documentId: randomUUID() } },
    ],
  };
  for (const [url, body] of [
    [sessions, sessionsBody],
    [grants, grantsBody],
    [events, { after: 0, upTo: 10 }],
  ] as const) {
    for (const [who, header] of [
      ['a person', personal],
      ['documents’ own authority', await documents()],
    ] as const) {
      const r = await call(url, header, body);
      assert.ok(r.status === 403 || r.status === 401, `${url} as ${who}: ${r.status} ${r.message}`);
      assert.ok(!r.data, `${url} as ${who} answered nothing`);
    }
  }
  const refused = await call(grants, personal, grantsBody);
  assert.equal(refused.code, 'FORBIDDEN');
  assert.match(refused.message, /Only the gateway/);

  const s = await call(sessions, gateway, sessionsBody);
  assert.equal(s.status, 200, s.message);
  assert.deepEqual(s.data?.answers, [
    { active: true, roles: person.roles, orgPath: person.orgPath },
    { active: false, roles: [], why: 'This session is unknown: log in again' },
  ]);
  const g = await call(grants, gateway, grantsBody);
  assert.equal(g.status, 200, g.message);
  const [inbox, subtree, unseen] = g.data?.answers as Record<string, any>[];
  assert.deepEqual(inbox?.grant?.match, { recipientOrgId: person.orgId }, 'the clerk’s inbox: its own unit’s deliveries');
  assert.equal(inbox?.grant?.scopePath, person.orgPath);
  assert.equal(subtree?.refused?.code, 'FORBIDDEN', 'a clerk may not watch a subtree');
  assert.equal(unseen?.refused?.code, 'NOT_FOUND', 'nor a document it cannot see');
  const e = await call(events, gateway, { after: 0, upTo: 1_000_000 });
  assert.equal(e.status, 200, e.message);
  assert.ok(Array.isArray(e.data?.events));
  const bad = await call(events, gateway, { after: -1, upTo: 'x' });
  assert.equal(bad.status, 400);
  assert.equal(bad.code, 'BAD_INPUT');
});

// The CA's receipt signing for many 签收 at once (issue 17): documents sends the calls of one moment together, each with
// its clerk's gateway-signed context. The request itself carries no authority: each call is verified and answered as
// it would be alone, so one unit's call signs only that unit's receipts and a forged or foreign call is refused alone.
test('receipts of many units signed in one request: each with its own unit’s key, a foreign or unsigned call refused alone', async () => {
  const signer = await loadSigner('caller-context');
  const personOf = async (username: string): Promise<Caller> => {
    const claims = JSON.parse(Buffer.from((await p.login(username)).split('.')[1] as string, 'base64url').toString()) as Record<string, unknown>;
    return { userId: claims.sub as string, username, orgId: claims.org as string, orgPath: claims.path as string, roles: claims.roles as Caller['roles'] };
  };
  const [xc, bl] = [await personOf('xc.clerk'), await personOf('bl.clerk')];
  const receipt = (unit: Caller, name: string) => ({
    format: 'yizhan-receipt',
    version: 1,
    deliveryId: randomUUID(),
    documentId: randomUUID(),
    unit: { orgId: unit.orgId, name },
    action: 'SIGNED',
    contentDigest: DIGEST,
    stampDigest: null,
    at: new Date().toISOString(),
  });
  const ofXc = receipt(xc, '新城区人民政府办公室');
  const ofBl = receipt(bl, '碑林区人民政府办公室');
  const [xcHeader, blHeader] = [await signCallerContext({ caller: xc }, signer, 60), await signCallerContext({ caller: bl }, signer, 60)];
  const url = `${origin(p.certificatesUrl)}/internal-each/unit-sign-receipts`;
  const r = await call(url, 'none', {
    calls: [
      { caller: xcHeader, input: { receipts: [ofXc] } },
      { caller: blHeader, input: { receipts: [ofBl] } },
      // 碑林区's clerk asks for a receipt in 新城区's name; a caller nobody signed; documents' own authority.
      { caller: blHeader, input: { receipts: [ofXc] } },
      { caller: `${xcHeader.slice(0, -4)}AAAA`, input: { receipts: [ofXc] } },
      { caller: await documents(), input: { receipts: [ofXc] } },
      { caller: xcHeader, input: { receipts: [] } },
    ],
  });
  assert.equal(r.status, 200, r.message);
  const answers = r.data?.answers as { data?: { signatures: string[]; certificate: string }; error?: { message: string; extensions?: { code?: string } } }[];
  assert.equal(answers.length, 6, 'one answer per call, in order');
  for (const [i, [unit, signed]] of [
    [xc, ofXc],
    [bl, ofBl],
  ].entries()) {
    const a = answers[i]?.data;
    assert.ok(a, `call ${i} signed: ${JSON.stringify(answers[i])}`);
    const key = publicKeyOf(new Uint8Array(Buffer.from(a.certificate, 'base64')));
    assert.ok(key, 'the unit’s certificate names its key');
    assert.ok(
      verify(key.suite, key.publicKey, receiptBytes(signed as unknown as Receipt), new Uint8Array(Buffer.from(a.signatures[0] as string, 'base64'))),
      `${(unit as Caller).username}'s receipt verifies with the certificate answered`,
    );
  }
  assert.notEqual(answers[0]?.data?.certificate, answers[1]?.data?.certificate, 'each unit signs with its own key');
  assert.deepEqual(
    answers.slice(2).map((a) => a.error?.extensions?.code),
    ['FORBIDDEN', 'UNSIGNED_CALL', 'UNSIGNED_CALL', 'BAD_INPUT'],
    'another unit’s receipt, a forged context, a service’s authority and an empty list are each refused alone',
  );
  assert.match(answers[2]?.error?.message ?? '', /only its own receipts/);

  // The request's own shape: too many calls, none, a call without its caller — refused whole, nothing signed.
  const many = Array.from({ length: 101 }, () => ({ caller: xcHeader, input: { receipts: [ofXc] } }));
  for (const [body, words] of [
    [{ calls: many }, /at most 100 in one request \(101 given\)/],
    [{ calls: [] }, /calls: expected a list/],
    [{ calls: [{ input: { receipts: [ofXc] } }] }, /calls\.0\.caller/],
  ] as const) {
    const bad = await call(url, 'none', body);
    assert.equal(bad.status, 400, bad.message);
    assert.equal(bad.code, 'BAD_INPUT');
    assert.match(bad.message, words);
  }
  // Only a call its contract marks for many callers has the route.
  const single = await call(`${origin(p.certificatesUrl)}/internal-each/trust-material`, 'none', { calls: [{ caller: xcHeader, input: {} }] });
  assert.equal(single.status, 404, single.message);
});
