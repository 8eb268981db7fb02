// Trusted time (RFC 3161) in both suites: a token verifies offline against its root, issuing CA and CRL; OpenSSL, an
// independent implementation, reads every RSA and SM2 reply and verifies the RSA token with its own chain check; a
// token over another digest, from another TSA (a CA not trusted), by a certificate without the timeStamping usage,
// with a changed byte, or whose TSA certificate is revoked, is refused naming the check. Requests are read and
// refused as RFC 3161 words them.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, test } from 'node:test';
import forge from 'node-forge';
import smCrypto from 'sm-crypto';
import { toPem } from './der.ts';
import { tsaWorld } from './testing/tsa-world.ts';
import {
  hashAlgorithmOf,
  hashHex,
  issueTimestamp,
  readTimestampQuery,
  readTimestampReply,
  readTimestampToken,
  TSA_POLICY,
  timestampQuery,
  timestampQueryProblem,
  timestampRejection,
  verifyTimestampToken,
} from './tsp.ts';
import { publicKeyOf } from './x509.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yizhan-tsp-'));
after(() => fs.rmSync(dir, { recursive: true, force: true }));

const openssl = (...args: string[]) => spawnSync('openssl', args, { encoding: 'utf8' });
const failed = (v: { checks: { check: string; ok: boolean }[] }) => v.checks.filter((c) => !c.ok).map((c) => c.check);

for (const suite of ['RSA', 'SM2'] as const) {
  describe(`${suite} time stamps`, () => {
    const w = tsaWorld(suite);
    const h = hashAlgorithmOf(suite);
    const data = new TextEncoder().encode('关于印发某办法的通知');
    const digest = hashHex(h, data);
    const issued = issueTimestamp({ suite, tsa: w.key, hashAlgorithm: h, digest, nonce: '00c0ffee', genTime: new Date() });

    test('a token over a digest verifies offline; it says its time, serial, policy and imprint', () => {
      const v = verifyTimestampToken(issued.token, { data, trust: w.trust });
      assert.equal(v.valid, true, JSON.stringify(v.checks));
      assert.deepEqual(
        v.checks.map((c) => c.check),
        ['TOKEN_FORMAT', 'MESSAGE_IMPRINT', 'TOKEN_SIGNATURE', 'TSA_CERTIFICATE', 'TSA_CHAIN', 'TSA_NOT_REVOKED'],
      );
      const facts = readTimestampToken(issued.token);
      assert.equal(facts.genTime.getTime(), issued.genTime.getTime());
      assert.equal(facts.serial, issued.serial);
      assert.equal(facts.digest, digest);
      assert.equal(facts.hashAlgorithm, h);
      assert.equal(facts.nonce, '00c0ffee');
      assert.equal(facts.certificates.length, 1, 'the TSA certificate travels with the token');
      assert.equal(verifyTimestampToken(issued.token, { digest, trust: w.trust }).valid, true);
    });

    test('the time is kept to the millisecond, as a fraction without trailing zeros (RFC 3161 §2.4.2), and OpenSSL reads it', () => {
      const at = new Date('2026-11-30T12:00:00.250Z');
      const t = issueTimestamp({ suite, tsa: w.key, hashAlgorithm: h, digest, genTime: at });
      assert.equal(readTimestampToken(t.token).genTime.toISOString(), '2026-11-30T12:00:00.250Z');
      assert.ok(Buffer.from(t.token).includes(Buffer.from('20261130120000.25Z')), 'GeneralizedTime 20261130120000.25Z');
      const file = path.join(dir, `${suite}-fraction.tsr`);
      fs.writeFileSync(file, t.reply);
      const text = openssl('ts', '-reply', '-in', file, '-text');
      assert.equal(text.status, 0, text.stderr);
      assert.match(text.stdout, /Time stamp: Nov 30 12:00:00\.25 2026 GMT/);
    });

    test('OpenSSL reads the reply: granted, the policy, the imprint, the nonce, the time', () => {
      const file = path.join(dir, `${suite}.tsr`);
      fs.writeFileSync(file, issued.reply);
      const text = openssl('ts', '-reply', '-in', file, '-text');
      assert.equal(text.status, 0, text.stderr);
      assert.match(text.stdout, /Status: Granted/);
      assert.match(text.stdout, new RegExp(`Policy OID: ${TSA_POLICY.replace(/\./g, '\\.')}`));
      assert.match(text.stdout, new RegExp(`Hash Algorithm: ${suite === 'SM2' ? 'sm3' : 'sha256'}`));
      assert.match(text.stdout, /Nonce: 0xC0FFEE/);
      assert.match(text.stdout, /Accuracy: 0x01 seconds/);
      assert.match(text.stdout, new RegExp(`Serial number: 0x${issued.serial.toUpperCase().replace(/^0+/, '')}`));
    });

    if (suite === 'RSA') {
      test('OpenSSL verifies the RSA token: signature, ESS certificate id, EKU and chain to the root', () => {
        const reply = path.join(dir, 'rsa.tsr');
        const query = path.join(dir, 'rsa.tsq');
        fs.writeFileSync(reply, issued.reply);
        fs.writeFileSync(query, timestampQuery({ hashAlgorithm: h, digest, nonce: '00c0ffee' }));
        fs.writeFileSync(path.join(dir, 'root.pem'), toPem(w.root, 'CERTIFICATE'));
        fs.writeFileSync(path.join(dir, 'issuing.pem'), toPem(w.issuing, 'CERTIFICATE'));
        const r = openssl(
          'ts',
          '-verify',
          '-in',
          reply,
          '-queryfile',
          query,
          '-CAfile',
          path.join(dir, 'root.pem'),
          '-untrusted',
          path.join(dir, 'issuing.pem'),
        );
        assert.equal(r.status, 0, r.stdout + r.stderr);
        assert.match(r.stdout, /Verification: OK/);
        const other = tsaWorld('RSA');
        fs.writeFileSync(path.join(dir, 'other.pem'), toPem(other.root, 'CERTIFICATE'));
        const refused = openssl(
          'ts',
          '-verify',
          '-in',
          reply,
          '-queryfile',
          query,
          '-CAfile',
          path.join(dir, 'other.pem'),
          '-untrusted',
          path.join(dir, 'issuing.pem'),
        );
        assert.notEqual(refused.status, 0, 'another root does not vouch for it');
      });
    } else {
      test('the SM2 signature over the signed attributes verifies with sm-crypto, read with node-forge', () => {
        // ContentInfo → [0] → SignedData → signerInfos (last) → SignerInfo: [0] signedAttrs, …, signature.
        const ci = forge.asn1.fromDer(forge.util.createBuffer(Buffer.from(issued.token).toString('binary')));
        const kids = (a: forge.asn1.Asn1 | undefined) => (a as forge.asn1.Asn1).value as forge.asn1.Asn1[];
        const sd = kids(kids(ci)[1])[0];
        const infos = kids(sd).at(-1);
        const si = kids(kids(infos)[0]);
        const attrs = si.find((x) => x.tagClass === forge.asn1.Class.CONTEXT_SPECIFIC && x.type === 0) as forge.asn1.Asn1;
        const asSet = forge.asn1.create(forge.asn1.Class.UNIVERSAL, forge.asn1.Type.SET, true, attrs.value as forge.asn1.Asn1[]);
        const signed = Buffer.from(forge.asn1.toDer(asSet).getBytes(), 'binary');
        const sig = Buffer.from((si.at(-1) as forge.asn1.Asn1).value as string, 'binary');
        const key = publicKeyOf(w.tsa)?.publicKey as string;
        assert.equal(smCrypto.sm2.doVerifySignature(Array.from(signed), sig.toString('hex'), key, { hash: true, der: true }), true);
        assert.ok(sig.length >= 68 && sig.length <= 72, `a DER SM2 signature: ${sig.length} bytes`);
      });
    }

    test('another digest, another TSA, a certificate without timeStamping, a changed byte, a revoked TSA: refused, naming the check', () => {
      assert.deepEqual(failed(verifyTimestampToken(issued.token, { digest: hashHex(h, new Uint8Array([1])), trust: w.trust })), ['MESSAGE_IMPRINT']);
      // Another TSA: same names, its own CA, not trusted here.
      const other = tsaWorld(suite);
      const foreign = issueTimestamp({ suite, tsa: other.key, hashAlgorithm: h, digest, genTime: new Date() });
      assert.deepEqual(failed(verifyTimestampToken(foreign.token, { digest, trust: w.trust })), ['TSA_CHAIN', 'TSA_NOT_REVOKED']);
      // A certificate of this CA that is not a TSA's (a seal maker's) cannot time-stamp.
      const notTsa = tsaWorld(suite, { tsaProfile: 'SEAL_MAKER' });
      const bySealMaker = issueTimestamp({ suite, tsa: notTsa.key, hashAlgorithm: h, digest, genTime: new Date() });
      assert.deepEqual(failed(verifyTimestampToken(bySealMaker.token, { digest, trust: notTsa.trust })), ['TSA_CERTIFICATE']);
      // A changed byte of the TSTInfo (inside the time): the signed digest no longer matches.
      const changed = issued.token.slice();
      const at = Buffer.from(changed).indexOf(Buffer.from(issued.genTime.toISOString().slice(0, 4)));
      changed[at + 3] = (changed[at + 3] as number) ^ 1;
      assert.ok(failed(verifyTimestampToken(changed, { digest, trust: w.trust })).includes('TOKEN_SIGNATURE'));
      // Revoked before the token was made: refused; revoked (not for key compromise) afterwards: still good.
      const revokedWorld = tsaWorld(suite, { revokeTsa: new Date(Date.now() - 60_000) });
      const late = issueTimestamp({ suite, tsa: revokedWorld.key, hashAlgorithm: h, digest, genTime: new Date() });
      assert.deepEqual(failed(verifyTimestampToken(late.token, { digest, trust: revokedWorld.trust })), ['TSA_NOT_REVOKED']);
      const laterWorld = tsaWorld(suite, { revokeTsa: new Date(Date.now() + 3_600_000) });
      const early = issueTimestamp({ suite, tsa: laterWorld.key, hashAlgorithm: h, digest, genTime: new Date() });
      assert.deepEqual(failed(verifyTimestampToken(early.token, { digest, trust: laterWorld.trust })), []);
      // Without the CRL nothing can be said of revocation: refused offline.
      assert.deepEqual(failed(verifyTimestampToken(issued.token, { digest, trust: { ...w.trust, crls: [] } })), ['TSA_CHAIN', 'TSA_NOT_REVOKED']);
      assert.deepEqual(failed(verifyTimestampToken(new Uint8Array([0x30, 0x00]), { digest, trust: w.trust })), ['TOKEN_FORMAT']);
    });
  });
}

test('requests: read back as sent; refusals name the failure as RFC 3161 does', () => {
  const digest = 'ab'.repeat(32);
  const q = readTimestampQuery(timestampQuery({ hashAlgorithm: 'SM3', digest, nonce: '0102', certReq: false }));
  assert.deepEqual(
    { ...q, hashAlgorithmOid: undefined },
    { hashAlgorithm: 'SM3', hashAlgorithmOid: undefined, digest, nonce: '0102', certReq: false, policy: null, hasExtensions: false },
  );
  assert.equal(timestampQueryProblem(q), null);
  assert.equal(timestampQueryProblem({ ...q, hashAlgorithm: null })?.failure, 'badAlg');
  assert.equal(timestampQueryProblem({ ...q, digest: 'ab' })?.failure, 'badDataFormat');
  assert.equal(timestampQueryProblem({ ...q, policy: '1.2.3' })?.failure, 'unacceptedPolicy');
  assert.equal(timestampQueryProblem({ ...q, policy: TSA_POLICY }), null);
  const reply = timestampRejection('badAlg', 'the digest algorithm must be SHA-256 or SM3');
  const read = readTimestampReply(reply);
  assert.equal(read.status, 2);
  assert.equal(read.token, null);
  assert.match(read.text ?? '', /SHA-256 or SM3/);
  const file = path.join(dir, 'rejection.tsr');
  fs.writeFileSync(file, reply);
  const text = openssl('ts', '-reply', '-in', file, '-text');
  assert.match(text.stdout, /Status: Rejected/);
  assert.match(text.stdout, /unrecognized or unsupported algorithm identifier/i);
  assert.throws(() => readTimestampQuery(new Uint8Array([1, 2, 3])));
});
