// The stamp and its verification as plain functions (services/seals/src/domain/stamp.ts), with a CA made here:
// a stamp made before its certificate's revocation verifies and one made after does not; SM2 stamps verify with a
// second, independent SM2 implementation; the seal maker's signature and the seal's period are checked.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { canonicalBytes } from '@yizhan/common';
import { digest, generateKeyPair, publicKeyFromSpki, readCertificate, type Suite, sign, signedBy } from '@yizhan/crypto';
import smCrypto from 'sm-crypto';

// The platform signs SM2 with sm-crypto-v2; sm-crypto, written separately, checks it.
const independentSm2 = smCrypto.sm2;

import { makeStamp, type VerifyContext, verifyStamp } from '../src/domain/stamp.ts';
import { DAY, sealWorld } from './seal-world.ts';

function world(suite: Suite) {
  const { root, seal, sealKey, sealCert } = sealWorld(suite);
  // The CA's answer: the chain to this root, and the seal certificate revoked from `revokedAt` on.
  let revokedAt: Date | null = null;
  const context = (canonical: Uint8Array, documentId: string): VerifyContext => ({
    document: { id: documentId, canonical },
    sealStateAt: async () => ({ active: true, reason: null }),
    checkCertificate: async (der, at) => {
      const facts = readCertificate(der);
      const chain = signedBy(der, root) && signedBy(root, root);
      const revoked = revokedAt && facts.fingerprint === readCertificate(sealCert).fingerprint && at >= revokedAt;
      const status = revoked ? 'REVOKED' : at > facts.notAfter ? 'EXPIRED' : at < facts.notBefore ? 'NOT_YET_VALID' : 'GOOD';
      return { chain, chainReason: chain ? null : 'not issued by this CA', status };
    },
  });
  return { seal, sealKey, sealCert, context, revoke: (at: Date) => (revokedAt = at) };
}

for (const suite of ['SM2', 'RSA'] as const) {
  test(`${suite}: a stamp made before the revocation verifies, one made after does not`, async () => {
    const w = world(suite);
    const canonical = canonicalBytes({ title: '关于某事的通知', body: 'cd'.repeat(32) });
    const documentId = crypto.randomUUID();
    const before = makeStamp({
      id: '1',
      seal: w.seal,
      privateKey: w.sealKey.privateKey,
      certificate: w.sealCert,
      documentId,
      canonical,
      at: new Date(Date.now() - 60_000),
    });
    w.revoke(new Date());
    const afterwards = makeStamp({
      id: '2',
      seal: w.seal,
      privateKey: w.sealKey.privateKey,
      certificate: w.sealCert,
      documentId,
      canonical,
      at: new Date(Date.now() + 60_000),
    });
    const ok = await verifyStamp(before, w.context(canonical, documentId));
    assert.equal(ok.valid, true, JSON.stringify(ok.checks));
    const late = await verifyStamp(afterwards, w.context(canonical, documentId));
    assert.deepEqual(
      late.checks.filter((c) => !c.ok).map((c) => c.check),
      ['CERTIFICATE_NOT_REVOKED_AT_SIGNING'],
    );
    assert.match(late.checks.find((c) => !c.ok)?.reason ?? '', /revoked/);
  });

  test(`${suite}: another document, a changed byte, a seal signed by someone else, a stamp after the seal and its certificate expired`, async () => {
    const w = world(suite);
    const canonical = canonicalBytes({ title: '通知' });
    const documentId = crypto.randomUUID();
    const stamp = makeStamp({ id: '1', seal: w.seal, privateKey: w.sealKey.privateKey, certificate: w.sealCert, documentId, canonical, at: new Date() });
    const fail = async (s: typeof stamp, c = canonical, id = documentId) =>
      (await verifyStamp(s, w.context(c, id))).checks.filter((x) => !x.ok).map((x) => x.check);
    assert.deepEqual(await fail(stamp, canonical, crypto.randomUUID()), ['CONTENT_DIGEST']);
    const changed = canonical.slice();
    changed[3] = (changed[3] as number) ^ 1;
    assert.deepEqual(await fail(stamp, changed), ['CONTENT_DIGEST']);
    const impostor = generateKeyPair(suite);
    const resigned = {
      ...stamp,
      seal: { ...stamp.seal, signature: Buffer.from(sign(suite, impostor.privateKey, canonicalBytes(stamp.seal.data))).toString('base64') },
    };
    assert.deepEqual(await fail(resigned), ['SEAL_SIGNATURE']);
    const outside = makeStamp({
      id: '3',
      seal: w.seal,
      privateKey: w.sealKey.privateKey,
      certificate: w.sealCert,
      documentId,
      canonical,
      at: new Date(Date.now() + 400 * DAY),
    });
    assert.ok((await fail(outside)).includes('SEAL_VALID_AT_SIGNING'));
    assert.ok((await fail(outside)).includes('CERTIFICATE_VALID_AT_SIGNING'), 'the seal’s certificate had expired by then');
    const edited = { ...stamp, data: { ...stamp.data, contentDigest: digest(suite, changed) } };
    assert.ok((await fail(edited, changed)).includes('STAMP_SIGNATURE'), 'the stamp data cannot be edited to match');
  });
}

test('SM2 stamps verify with an independent SM2 implementation (sm-crypto), and a changed stamp does not', () => {
  const w = world('SM2');
  const stamp = makeStamp({
    id: '1',
    seal: w.seal,
    privateKey: w.sealKey.privateKey,
    certificate: w.sealCert,
    documentId: crypto.randomUUID(),
    canonical: canonicalBytes({ a: 1 }),
    at: new Date(),
  });
  const key = publicKeyFromSpki(readCertificate(w.sealCert).spki)?.publicKey as string;
  const signature = Buffer.from(stamp.signature, 'base64').toString('hex');
  assert.equal(independentSm2.doVerifySignature(Array.from(canonicalBytes(stamp.data)), signature, key, { hash: true, der: true }), true);
  assert.equal(
    independentSm2.doVerifySignature(Array.from(canonicalBytes({ ...stamp.data, signedAt: new Date(0).toISOString() })), signature, key, {
      hash: true,
      der: true,
    }),
    false,
  );
});
