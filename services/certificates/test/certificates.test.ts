// Certificates through the real gateway: apply, the unit head approves, the CA issues from the holder's request
// (SM2 and RSA), server-made keys handed over once, suspension, revocation and the CRL, the status at a moment,
// certificate login, refusals of bad requests, and the wrong unit. SM2 signatures are checked with a second,
// independent SM2 implementation (sm-crypto), RSA CRLs with @peculiar/x509.
import 'reflect-metadata';
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import * as x509 from '@peculiar/x509';
import {
  createCsr,
  fromPem,
  generateKeyPair,
  hashHex,
  issueCertificate,
  type KeyPair,
  publicKeyFromSpki,
  readCertificate,
  readCrl,
  readTimestampReply,
  readTimestampToken,
  sign,
  splitSigned,
  TSA_POLICY,
  timestampQuery,
  verifyTimestampToken,
} from '@yizhan/crypto';
import forge from 'node-forge';
import smCrypto from 'sm-crypto';

// The platform signs SM2 with sm-crypto-v2; sm-crypto, written separately, checks it.
const independentSm2 = smCrypto.sm2;

import { codeOf, eventually, type Platform, startPlatform } from '../../../test/support/harness.ts';

let p: Platform;
const tokens: Record<string, string> = {};
const as = async (user: string) => {
  tokens[user] ??= await p.login(user);
  return tokens[user];
};
const gql = async (user: string, query: string, variables: Record<string, unknown> = {}) => p.gql(query, variables, await as(user));

const APPLY = `mutation($i: CertificateApplicationInput!) { applyForCertificate(input: $i) { id status holderName usage suite } }`;
const DECIDE = `mutation($id: ID!, $ok: Boolean!, $note: String) { decideCertificateApplication(id: $id, approve: $ok, note: $note) { id status certificateId } }`;
const CERT = `query($id: ID) { certificate(id: $id) { id serial fingerprint suite usage status subject pem holderUsername notBefore notAfter } }`;

/** Applies with a fresh key of the suite and has xc.leader approve; returns the certificate and the key. */
async function certificateFor(user: string, suite: 'RSA' | 'SM2', usage = 'IDENTITY') {
  const keys = generateKeyPair(suite);
  const applied = await gql(user, APPLY, { i: { usage, suite, csr: createCsr(keys, { commonName: user }) } });
  assert.equal(codeOf(applied), undefined, JSON.stringify(applied.errors));
  const decided = await gql('xc.leader', DECIDE, { id: applied.data?.applyForCertificate.id, ok: true });
  assert.equal(codeOf(decided), undefined, JSON.stringify(decided.errors));
  assert.equal(decided.data?.decideCertificateApplication.status, 'ISSUED');
  const cert = await gql(user, CERT, { id: decided.data?.decideCertificateApplication.certificateId });
  return { cert: cert.data?.certificate, keys };
}

const der = (pem: string) => fromPem(pem, 'CERTIFICATE') as Uint8Array;
async function authorities() {
  const r = await gql('xc.clerk', '{ caCertificates { suite role pem } }');
  const get = (suite: string, role: string) => der(r.data?.caCertificates.find((c: any) => c.suite === suite && c.role === role).pem);
  return { get };
}

before(async () => {
  p = await startPlatform({ services: ['certificates'] });
});
after(() => p?.close());

describe('certificates', () => {
  test('an SM2 identity certificate: applied for with a request, approved by the unit head, issued by the SM2 CA', async () => {
    const { cert, keys } = await certificateFor('xc.clerk', 'SM2');
    assert.equal(cert.suite, 'SM2');
    assert.equal(cert.status, 'ACTIVE');
    assert.equal(cert.holderUsername, 'xc.clerk');
    assert.match(cert.subject, /O=西安市新城区人民政府/);
    const facts = readCertificate(der(cert.pem));
    assert.equal(publicKeyFromSpki(facts.spki)?.publicKey, keys.publicKey, 'the certificate carries the holder’s own key');
    // The issuing CA's signature, checked by an SM2 implementation that is not the one that made it.
    const issuing = (await authorities()).get('SM2', 'ISSUING');
    const parts = splitSigned(der(cert.pem));
    const caKey = publicKeyFromSpki(readCertificate(issuing).spki)?.publicKey as string;
    assert.ok(parts);
    assert.equal(
      independentSm2.doVerifySignature(Array.from(parts.signed), Buffer.from(parts.signature).toString('hex'), caKey, { hash: true, der: true }),
      true,
    );
    const tampered = parts.signed.slice();
    tampered[tampered.length - 5] = (tampered[tampered.length - 5] ?? 0) ^ 1;
    assert.equal(independentSm2.doVerifySignature(Array.from(tampered), Buffer.from(parts.signature).toString('hex'), caKey, { hash: true, der: true }), false);
  });

  test('issue → revoke → the CRL lists it → the status before the revocation is good, after it revoked', async () => {
    for (const suite of ['RSA', 'SM2'] as const) {
      const { cert } = await certificateFor('xc.drafter', suite, 'SIGNING');
      const before = new Date();
      await new Promise((r) => setTimeout(r, 20));
      const revoked = await gql(
        'xc.drafter',
        'mutation($id: ID!) { revokeCertificate(id: $id, reason: KEY_COMPROMISE) { status revokedAt revocationReason } }',
        { id: cert.id },
      );
      assert.equal(revoked.data?.revokeCertificate.status, 'REVOKED');
      const crl = await gql('xc.clerk', 'query($s: AlgorithmSuite!) { crl(suite: $s) { number pem } }', { s: suite });
      const crlDer = fromPem(crl.data?.crl.pem, 'X509 CRL') as Uint8Array;
      const issuing = (await authorities()).get(suite, 'ISSUING');
      const listed = readCrl(crlDer, issuing);
      assert.ok(listed, 'the CRL is signed by the issuing CA');
      assert.ok(
        listed.entries.some((e) => e.serial === cert.serial && e.reason === 1),
        `${suite}: the CRL lists the serial as key compromise`,
      );
      if (suite === 'RSA') {
        const view = new x509.X509Crl(crlDer.slice().buffer as ArrayBuffer);
        assert.equal(
          await view.verify({ publicKey: new x509.X509Certificate(issuing.slice().buffer as ArrayBuffer).publicKey }),
          true,
          '@peculiar/x509 verifies the RSA CRL',
        );
        assert.ok(view.findRevoked(new x509.X509Certificate(der(cert.pem).slice().buffer as ArrayBuffer)));
      }
      const at = (when: Date) =>
        gql('xc.clerk', 'query($id: ID!, $at: DateTimeISO) { certificateStatus(id: $id, at: $at) { status reason since } }', {
          id: cert.id,
          at: when.toISOString(),
        });
      assert.equal((await at(before)).data?.certificateStatus.status, 'GOOD');
      const now = (await at(new Date())).data?.certificateStatus;
      assert.equal(now.status, 'REVOKED');
      assert.equal(now.reason, 'KEY_COMPROMISE');
      const again = await gql('xc.drafter', 'mutation($id: ID!) { revokeCertificate(id: $id, reason: KEY_COMPROMISE) { status } }', { id: cert.id });
      assert.equal(codeOf(again), 'CONFLICT');
    }
  });

  test('注销 of one’s own certificate is applied for and the head approves it (seed 003 §25); alone, only a compromised key', async () => {
    const { cert } = await certificateFor('xc.drafter', 'SM2', 'SIGNING');
    const STATUS = 'query($id: ID!) { certificateStatus(id: $id) { status reason } }';
    // Revoking one's own for an ordinary reason is refused, saying how; nothing changes.
    const alone = await gql('xc.drafter', 'mutation($id: ID!) { revokeCertificate(id: $id, reason: CESSATION_OF_OPERATION) { status } }', {
      id: cert.id,
    });
    assert.equal(codeOf(alone), 'CANCEL_NEEDS_APPROVAL');
    assert.equal((await gql('xc.clerk', STATUS, { id: cert.id })).data?.certificateStatus.status, 'GOOD');
    // A compromised key is not the 注销 the rule is about: the suspension and KEY_COMPROMISE stay the holder's own (above).
    const APPLY_CANCEL = 'mutation($id: ID!, $r: RevocationReason!) { applyToCancelCertificate(id: $id, reason: $r) { id status reason revocationReason } }';
    const wrongReason = await gql('xc.drafter', APPLY_CANCEL, { id: cert.id, r: 'KEY_COMPROMISE' });
    assert.equal(codeOf(wrongReason), 'BAD_INPUT');
    const applied = await gql('xc.drafter', APPLY_CANCEL, { id: cert.id, r: 'AFFILIATION_CHANGED' });
    assert.deepEqual(
      { ...applied.data?.applyToCancelCertificate, id: undefined },
      { id: undefined, status: 'PENDING', reason: 'CANCEL', revocationReason: 'AFFILIATION_CHANGED' },
    );
    const twice = await gql('xc.drafter', APPLY_CANCEL, { id: cert.id, r: 'CESSATION_OF_OPERATION' });
    assert.equal(codeOf(twice), 'CONFLICT', 'one 注销 waits at a time');
    // Still in force while it waits; the head approves it and the certificate is revoked with the holder's reason.
    assert.equal((await gql('xc.clerk', STATUS, { id: cert.id })).data?.certificateStatus.status, 'GOOD');
    const decided = await gql('xc.leader', DECIDE, { id: applied.data?.applyToCancelCertificate.id, ok: true, note: null });
    assert.equal(decided.data?.decideCertificateApplication.status, 'DONE', JSON.stringify(decided.errors));
    assert.deepEqual((await gql('xc.clerk', STATUS, { id: cert.id })).data?.certificateStatus, { status: 'REVOKED', reason: 'AFFILIATION_CHANGED' });
    // The unit's administrator still revokes another's certificate alone (someone who left).
    const other = await certificateFor('xc.clerk', 'RSA', 'SIGNING');
    const byAdmin = await gql('xc.admin', 'mutation($id: ID!) { revokeCertificate(id: $id, reason: AFFILIATION_CHANGED) { status } }', {
      id: other.cert.id,
    });
    assert.equal(byAdmin.data?.revokeCertificate.status, 'REVOKED', JSON.stringify(byAdmin.errors));
  });

  test('a suspension is listed as certificateHold while it lasts; the status in between says so', async () => {
    const { cert } = await certificateFor('xc.clerk', 'SM2', 'SIGNING');
    const suspended = await gql('xc.admin', 'mutation($id: ID!) { suspendCertificate(id: $id, reason: "介质遗失，待查") { status } }', { id: cert.id });
    assert.equal(suspended.data?.suspendCertificate.status, 'SUSPENDED');
    // The holder's own list says why and since when (the administrator suspended it).
    const own = (await gql('xc.clerk', '{ myCertificates { id statusNow { status reason since } } }')).data?.myCertificates.find((c: any) => c.id === cert.id);
    assert.deepEqual([own?.statusNow.status, own?.statusNow.reason, typeof own?.statusNow.since], ['SUSPENDED', '介质遗失，待查', 'string']);
    const during = new Date();
    const issuing = (await authorities()).get('SM2', 'ISSUING');
    const crlNow = async () => readCrl(fromPem((await gql('xc.clerk', '{ crl(suite: SM2) { pem } }')).data?.crl.pem, 'X509 CRL') as Uint8Array, issuing);
    assert.ok(
      (await crlNow())?.entries.some((e) => e.serial === cert.serial && e.reason === 6),
      'listed on hold',
    );
    await new Promise((r) => setTimeout(r, 20));
    const resumed = await gql('xc.clerk', 'mutation($id: ID!) { resumeCertificate(id: $id) { status } }', { id: cert.id });
    assert.equal(resumed.data?.resumeCertificate.status, 'ACTIVE');
    assert.ok(!(await crlNow())?.entries.some((e) => e.serial === cert.serial), 'off the list once resumed');
    const then = await gql('xc.clerk', 'query($id: ID!, $at: DateTimeISO) { certificateStatus(id: $id, at: $at) { status } }', {
      id: cert.id,
      at: during.toISOString(),
    });
    assert.equal(then.data?.certificateStatus.status, 'SUSPENDED');
  });

  test('a key made on the server is handed over once as PKCS#12 and not kept; SM2 keys are the holder’s own', async () => {
    const applied = await gql('xc.drafter', APPLY, { i: { usage: 'SIGNING', suite: 'RSA', serverKey: true } });
    const id = applied.data?.applyForCertificate.id;
    const decided = await gql('xc.leader', DECIDE, { id, ok: true });
    assert.equal(decided.data?.decideCertificateApplication.status, 'APPROVED', 'approved, waiting to be collected');
    const other = await gql('xc.clerk', 'mutation($id: ID!) { collectCertificateKey(applicationId: $id, password: "Shou#2026key") { pkcs12 } }', { id });
    assert.equal(codeOf(other), 'FORBIDDEN', 'only the holder collects');
    const got = await gql('xc.drafter', 'mutation($id: ID!) { collectCertificateKey(applicationId: $id, password: "Shou#2026key") { pkcs12 certificateId } }', {
      id,
    });
    assert.equal(codeOf(got), undefined, JSON.stringify(got.errors));
    const p12Der = forge.util.createBuffer(Buffer.from(got.data?.collectCertificateKey.pkcs12, 'base64').toString('binary'));
    const p12 = forge.pkcs12.pkcs12FromAsn1(forge.asn1.fromDer(p12Der), 'Shou#2026key');
    const keyBag = p12.getBags({ bagType: forge.pki.oids.pkcs8ShroudedKeyBag })[forge.pki.oids.pkcs8ShroudedKeyBag as string]?.[0];
    assert.ok(keyBag?.key, 'the key is in the PKCS#12');
    assert.throws(() => forge.pkcs12.pkcs12FromAsn1(forge.asn1.fromDer(forge.util.createBuffer(p12Der.bytes())), 'wrong password'));
    const again = await gql('xc.drafter', 'mutation($id: ID!) { collectCertificateKey(applicationId: $id, password: "Shou#2026key") { pkcs12 } }', { id });
    assert.equal(codeOf(again), 'ILLEGAL_TRANSITION', 'handed over once');
    // Nothing in the database holds a private key but the CA's own and the units' receipt keys, both encrypted.
    const columns = await p.superCount(
      "select count(*) n from information_schema.columns where table_schema = 'certificates' and (column_name like '%private%' or column_name like '%key%') and table_name not in ('authorities', 'unit_keys') and column_name <> 'server_key'",
    );
    assert.equal(columns, 0);
    const sm2 = await gql('xc.drafter', APPLY, { i: { usage: 'SIGNING', suite: 'SM2', serverKey: true } });
    assert.equal(codeOf(sm2), 'BAD_INPUT');
  });

  test('bad requests are refused with what is wrong, and nothing is written', async () => {
    const count = () => p.superCount('select count(*) n from certificates.applications');
    const n = await count();
    const garbage = await gql('xc.clerk', APPLY, { i: { usage: 'IDENTITY', suite: 'SM2', csr: 'hello' } });
    assert.equal(codeOf(garbage), 'INVALID_CSR');
    assert.equal(garbage.errors?.[0]?.extensions?.problem, 'NOT_A_CSR');
    // A request whose signature was not made by the key it carries (proof of possession fails).
    const keys = generateKeyPair('SM2');
    const other = generateKeyPair('SM2');
    const forged = createCsr({ ...keys, privateKey: other.privateKey }, { commonName: 'x' });
    const bad = await gql('xc.clerk', APPLY, { i: { usage: 'IDENTITY', suite: 'SM2', csr: forged } });
    assert.equal(bad.errors?.[0]?.extensions?.problem, 'BAD_SIGNATURE');
    const mismatch = await gql('xc.clerk', APPLY, { i: { usage: 'IDENTITY', suite: 'RSA', csr: createCsr(keys, { commonName: 'x' }) } });
    assert.equal(mismatch.errors?.[0]?.extensions?.problem, 'SUITE_MISMATCH');
    const unit = await gql('xc.clerk', APPLY, { i: { usage: 'ENCRYPTION', suite: 'SM2', csr: createCsr(keys, { commonName: 'x' }) } });
    assert.equal(codeOf(unit), 'FORBIDDEN', 'a unit’s certificate is applied for by its administrator');
    assert.equal(await count(), n);
  });

  test('the unit head decides, never the applicant, never another unit; a rejection gives its reason', async () => {
    const keys = generateKeyPair('SM2');
    const applied = await gql('xc.leader', APPLY, { i: { usage: 'SIGNING', suite: 'SM2', csr: createCsr(keys, { commonName: 'x' }) } });
    const id = applied.data?.applyForCertificate.id;
    assert.equal(codeOf(await gql('xc.leader', DECIDE, { id, ok: true })), 'FORBIDDEN', 'not on one’s own application');
    const mine = await gql('xc.drafter', APPLY, { i: { usage: 'SIGNING', suite: 'SM2', csr: createCsr(keys, { commonName: 'x' }) } });
    const other = await gql('xc.drafter', DECIDE, { id: mine.data?.applyForCertificate.id, ok: true });
    assert.equal(codeOf(other), 'FORBIDDEN', 'a drafter is not the head');
    const wrongUnit = await p.gql(DECIDE, { id: mine.data?.applyForCertificate.id, ok: true }, await p.login('xa.leader'));
    assert.equal(codeOf(wrongUnit), 'FORBIDDEN', 'the city’s leader is not the county’s head');
    assert.equal(codeOf(await gql('xc.leader', DECIDE, { id: mine.data?.applyForCertificate.id, ok: false })), 'BAD_INPUT');
    const rejected = await gql('xc.leader', DECIDE, { id: mine.data?.applyForCertificate.id, ok: false, note: '用途不明' });
    assert.equal(rejected.data?.decideCertificateApplication.status, 'REJECTED');
    // A head's own application goes to the heads of the unit above (seed 003 §25 has the unit's head decide, and the
    // county has one): 西安市's leader is offered 新城区's head's and decides it, not the county's people's.
    const OFFERED = '{ certificateApplications { id mayDecide decidedAbove } }';
    const offered = async (user: string, appId: string) =>
      ((await p.gql(OFFERED, {}, await p.login(user))).data?.certificateApplications as { id: string; mayDecide: boolean; decidedAbove: boolean }[]).find(
        (a) => a.id === appId,
      );
    assert.deepEqual(await offered('xc.leader', id), { id, mayDecide: false, decidedAbove: true }, 'not offered to the applicant');
    assert.equal((await offered('xa.leader', id))?.mayDecide, true, 'offered to the head above');
    assert.equal((await offered('xa.admin', id))?.mayDecide, false, 'not to the city’s administrator');
    const drafterApp = await offered('xc.leader', mine.data?.applyForCertificate.id);
    assert.deepEqual([drafterApp?.mayDecide, drafterApp?.decidedAbove], [false, false], 'decided already');
    const byCity = await p.gql(DECIDE, { id, ok: true }, await p.login('xa.leader'));
    assert.equal(byCity.data?.decideCertificateApplication.status, 'ISSUED', JSON.stringify(byCity.errors));
    // A unit with no head's account at all (碑林区): its people's applications go to the heads above too.
    const blApplied = await gql('bl.clerk', APPLY, { i: { usage: 'SIGNING', suite: 'SM2', csr: createCsr(generateKeyPair('SM2'), { commonName: 'x' }) } });
    const blId = blApplied.data?.applyForCertificate.id as string;
    assert.deepEqual(await offered('xa.leader', blId), { id: blId, mayDecide: true, decidedAbove: true });
    assert.equal(codeOf(await gql('bl.admin', DECIDE, { id: blId, ok: true })), 'FORBIDDEN', 'an administrator is not a head');
    assert.equal((await p.gql(DECIDE, { id: blId, ok: true }, await p.login('xa.leader'))).data?.decideCertificateApplication.status, 'ISSUED');
    const bl = await p.gql('{ certificateApplications { id } }', {}, await p.login('bl.admin'));
    assert.equal(
      bl.data?.certificateApplications.some((a: any) => a.id === id),
      false,
      'another county does not see these applications',
    );
  });

  test('certificate login: the holder’s own key logs in; a wrong key, a replay, or another’s key does not', async () => {
    const { keys } = await certificateFor('xc.clerk', 'SM2', 'IDENTITY');
    const challenge = async (username: string) =>
      (await p.gql('mutation($u: String!) { certificateLoginChallenge(username: $u) { id challenge } }', { u: username })).data?.certificateLoginChallenge;
    const login = (username: string, c: { id: string }, signature: Uint8Array) =>
      p.gql('mutation($u: String!, $c: ID!, $s: String!) { certificateLogin(username: $u, challengeId: $c, signature: $s) { token user { username } } }', {
        u: username,
        c: c.id,
        s: Buffer.from(signature).toString('base64'),
      });
    const signWith = (k: KeyPair, text: string) => sign(k.suite, k.privateKey, new TextEncoder().encode(text));

    const c1 = await challenge('xc.clerk');
    const ok = await login('xc.clerk', c1, signWith(keys, c1.challenge));
    assert.equal(codeOf(ok), undefined, JSON.stringify(ok.errors));
    const me = await p.gql('{ me { username } }', {}, ok.data?.certificateLogin.token);
    assert.equal(me.data?.me.username, 'xc.clerk');
    assert.equal(codeOf(await login('xc.clerk', c1, signWith(keys, c1.challenge))), 'SIGNATURE_INVALID', 'a challenge is used once');

    const c2 = await challenge('xc.clerk');
    assert.equal(codeOf(await login('xc.clerk', c2, signWith(generateKeyPair('SM2'), c2.challenge))), 'SIGNATURE_INVALID', 'a key without our certificate');
    // bl.clerk cannot log in as themselves with xc.clerk's certificate (seed 003 §15), nor as xc.clerk without it.
    const c3 = await challenge('bl.clerk');
    assert.equal(codeOf(await login('bl.clerk', c3, signWith(keys, c3.challenge))), 'NO_IDENTITY_CERTIFICATE', 'bl.clerk holds none');
    // A certificate made by some other CA for the same key and name is of no use: only this CA's certificates count.
    const foreignRoot = generateKeyPair('SM2');
    issueCertificate({
      suite: 'SM2',
      subject: { commonName: 'xc.clerk', serialNumber: 'xc.clerk' },
      subjectPublicKey: keys.publicKey,
      profile: 'IDENTITY',
      notBefore: new Date(),
      notAfter: new Date(Date.now() + 1e9),
      selfKey: foreignRoot,
    });
    const c4 = await challenge('xc.clerk');
    const tamperedText = `${c4.challenge}x`;
    assert.equal(codeOf(await login('xc.clerk', c4, signWith(keys, tamperedText))), 'SIGNATURE_INVALID', 'a signature over other text');
  });

  test('renewal and change: a new application, approved by the head, supersedes the old certificate', async () => {
    const { cert } = await certificateFor('xc.drafter', 'SM2', 'SIGNING');
    const keys = generateKeyPair('SM2');
    const renew = await gql('xc.drafter', 'mutation($id: ID!, $csr: String) { renewCertificate(id: $id, reason: CHANGE, csr: $csr) { id status reason } }', {
      id: cert.id,
      csr: createCsr(keys, { commonName: 'xc.drafter' }),
    });
    const app = renew.data?.renewCertificate;
    assert.deepEqual([app.status, app.reason], ['PENDING', 'CHANGE']);
    assert.equal((await gql('xc.drafter', CERT, { id: cert.id })).data?.certificate.status, 'ACTIVE', 'the old one works until the new one is issued');
    const decided = await gql('xc.leader', DECIDE, { id: app.id, ok: true });
    const fresh = await gql('xc.drafter', CERT, { id: decided.data?.decideCertificateApplication.certificateId });
    assert.equal(fresh.data?.certificate.status, 'ACTIVE');
    const old = await gql('xc.clerk', 'query($id: ID!) { certificateStatus(id: $id) { status reason } }', { id: cert.id });
    assert.deepEqual(old.data?.certificateStatus, { status: 'REVOKED', reason: 'SUPERSEDED' });
    const other = await gql('bl.admin', 'mutation($id: ID!) { renewCertificate(id: $id, serverKey: false, csr: "x") { id } }', {
      id: fresh.data?.certificate.id,
    });
    assert.equal(codeOf(other), 'FORBIDDEN');
  });

  test('another unit cannot change or list a county’s certificates', async () => {
    const { cert } = await certificateFor('xc.clerk', 'RSA', 'SIGNING');
    const bl = await p.login('bl.admin');
    const revoke = await p.gql('mutation($id: ID!) { revokeCertificate(id: $id, reason: UNSPECIFIED) { status } }', { id: cert.id }, bl);
    assert.equal(codeOf(revoke), 'FORBIDDEN');
    const xc = await p.orgId('610102');
    const list = await p.gql('query($o: ID!) { certificates(orgId: $o) { id } }', { o: xc }, bl);
    assert.deepEqual(list.data?.certificates, []);
    // …but anyone logged in may read a certificate to verify a signature with it.
    const read = await p.gql(CERT, { id: cert.id }, bl);
    assert.equal(read.data?.certificate.serial, cert.serial);
    assert.equal(await p.superCount('select count(*) n from certificates.certificates where id = $1 and status = $2', [cert.id, 'ACTIVE']), 1);
  });

  test('a dissolved unit’s certificates are revoked', async () => {
    const { cert } = await certificateFor('xc.clerk', 'SM2', 'SIGNING');
    const xc = await p.orgId('610102');
    const dissolved = await p.gql('mutation($id: ID!) { dissolveOrg(id: $id, reason: "区划调整") { status } }', { id: xc }, await p.login('xa.admin'));
    assert.equal(codeOf(dissolved), undefined, JSON.stringify(dissolved.errors));
    // The org service publishes the event; the certificates service follows it.
    const reader = await p.login('bl.clerk');
    const status = await eventually(
      async () => (await p.gql(CERT, { id: cert.id }, reader)).data?.certificate.status,
      (s) => s === 'REVOKED',
      p.drainCertificateEvents,
    );
    assert.equal(status, 'REVOKED');
  });

  test('the time-stamping authority: a TSA certificate per suite (timeStamping, critical), tokens over a digest or an RFC 3161 query that verify offline with the published CA; refusals are BAD_INPUT naming RFC 3161’s failure', async () => {
    const caAnswer = await gql('xa.clerk', '{ caCertificates { suite role pem } }');
    assert.equal(codeOf(caAnswer), undefined, JSON.stringify(caAnswer.errors));
    const ca = caAnswer.data?.caCertificates as { suite: string; role: string; pem: string }[];
    const crl = async (suite: string) => fromPem((await gql('xa.clerk', `{ crl(suite: ${suite}) { pem } }`)).data?.crl.pem, 'X509 CRL') as Uint8Array;
    const der = (suite: string, role: string) => fromPem(ca.find((c) => c.suite === suite && c.role === role)?.pem ?? '', 'CERTIFICATE') as Uint8Array;
    for (const suite of ['SM2', 'RSA'] as const) {
      const tsa = readCertificate(der(suite, 'TSA'));
      assert.deepEqual(tsa.extendedKeyUsage, { usages: ['1.3.6.1.5.5.7.3.8'], critical: true }, `${suite}: the TSA's only usage`);
      const trust = { roots: [der(suite, 'ROOT')], intermediates: [der(suite, 'ISSUING')], crls: [await crl(suite)] };
      const h = suite === 'SM2' ? 'SM3' : 'SHA-256';
      const data = new TextEncoder().encode(`关于时间戳的通知 ${suite}`);
      const r = await gql(
        'xa.clerk',
        'mutation($h: HashAlgorithm!, $d: String!, $n: String) { requestTimestamp(hashAlgorithm: $h, digest: $d, nonce: $n) { token reply serial genTime suite policy hashAlgorithm } }',
        {
          h: suite === 'SM2' ? 'SM3' : 'SHA256',
          d: hashHex(h, data),
          n: '0a0b',
        },
      );
      assert.equal(codeOf(r), undefined, JSON.stringify(r.errors));
      const t = r.data?.requestTimestamp;
      assert.equal(t.suite, suite);
      assert.equal(t.policy, TSA_POLICY);
      const token = new Uint8Array(Buffer.from(t.token, 'base64'));
      const v = verifyTimestampToken(token, { data, trust });
      assert.equal(v.valid, true, JSON.stringify(v.checks));
      assert.equal(readTimestampToken(token).nonce, '0a0b');
      assert.ok(Math.abs(new Date(t.genTime).getTime() - Date.now()) < 60_000);
      assert.deepEqual(readTimestampReply(new Uint8Array(Buffer.from(t.reply, 'base64'))).token, token);
      // The other suite's CA does not vouch for it: a time stamp from another TSA.
      const otherSuite = suite === 'SM2' ? 'RSA' : 'SM2';
      const other = { roots: [der(otherSuite, 'ROOT')], intermediates: [der(otherSuite, 'ISSUING')], crls: [await crl(otherSuite)] };
      assert.equal(verifyTimestampToken(token, { data, trust: other }).valid, false);
      // An RFC 3161 query, as `openssl ts -query` writes it.
      const q = await gql('xa.clerk', 'mutation($q: String!) { requestTimestamp(query: $q) { token suite } }', {
        q: Buffer.from(timestampQuery({ hashAlgorithm: h, digest: hashHex(h, data) })).toString('base64'),
      });
      assert.equal(codeOf(q), undefined, JSON.stringify(q.errors));
      assert.equal(verifyTimestampToken(new Uint8Array(Buffer.from(q.data?.requestTimestamp.token, 'base64')), { data, trust }).valid, true);
    }
    const refusals: [Record<string, unknown>, string][] = [
      [{ h: 'SM3', d: 'abcd' }, 'badDataFormat'],
      [{ h: 'SM3', d: 'zz'.repeat(32) }, 'badDataFormat'],
      [{ q: Buffer.from('not a query').toString('base64') }, 'badRequest'],
      [{ q: Buffer.from(timestampQuery({ hashAlgorithm: 'SM3', digest: 'ab'.repeat(32), policy: '1.2.3.4' })).toString('base64') }, 'unacceptedPolicy'],
    ];
    for (const [vars, failure] of refusals) {
      const r = await gql(
        'xa.clerk',
        'mutation($h: HashAlgorithm, $d: String, $q: String) { requestTimestamp(hashAlgorithm: $h, digest: $d, query: $q) { token } }',
        vars,
      );
      assert.equal(codeOf(r), 'BAD_INPUT', JSON.stringify(r));
      assert.equal(r.errors?.[0]?.extensions?.failure, failure);
      // A field's error: GraphQL over HTTP answers it 200 with the code (the gateway's rule, test/client-errors.test.ts).
      assert.equal(r.status, 200);
    }
    const neither = await gql('xa.clerk', 'mutation { requestTimestamp { token } }');
    assert.equal(codeOf(neither), 'BAD_INPUT');
    const anonymous = await p.gql('mutation($d: String!) { requestTimestamp(hashAlgorithm: SM3, digest: $d) { token } }', { d: 'ab'.repeat(32) });
    assert.equal(codeOf(anonymous), 'UNAUTHENTICATED');
  });
});
