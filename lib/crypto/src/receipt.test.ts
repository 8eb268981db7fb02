// Signed receipts: a receipt verifies with its unit's certificate and time stamp, and against the document as it is;
// a changed byte of the document (content, stamp or OFD), another unit's certificate, a changed receipt or signature,
// another TSA's time stamp and a certificate revoked before the receipt each fail their named check.
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { describe, test } from 'node:test';
import { buildCrl } from './crl.ts';
import { type Receipt, receiptProblem, receiptTimestampDigest, signReceipt, verifyReceipt } from './receipt.ts';
import { generateKeyPair, type Suite } from './suites.ts';
import { tsaWorld } from './testing/tsa-world.ts';
import { hashAlgorithmOf, issueTimestamp } from './tsp.ts';
import { issueCertificate, readCertificate } from './x509.ts';

const sha = (s: string) => crypto.createHash('sha256').update(s).digest('hex');
const ORG = '7b0d5c1e-2f4a-4b7c-9d3e-1a2b3c4d5e6f';

function world(suite: Suite) {
  const w = tsaWorld(suite);
  const unitKey = generateKeyPair(suite);
  const unitCert = (name: string, key = unitKey, orgId = ORG) =>
    issueCertificate({
      suite,
      subject: { commonName: name, organization: name, serialNumber: orgId },
      subjectPublicKey: key.publicKey,
      profile: 'SIGNING',
      notBefore: new Date(Date.now() - 60_000),
      notAfter: new Date(Date.now() + 86_400_000),
      issuer: { certificate: w.issuing, privateKey: w.issuingKey.privateKey },
    });
  const receipt: Receipt = {
    format: 'yizhan-receipt',
    version: 1,
    deliveryId: 'd1',
    documentId: 'doc1',
    unit: { orgId: ORG, name: '新城区人民政府' },
    action: 'SIGNED',
    contentDigest: sha('content'),
    stampDigest: sha('stamp'),
    at: new Date().toISOString(),
  };
  const signature = signReceipt(suite, unitKey.privateKey, receipt);
  const stampOver = (sig: Uint8Array, key = w.key) =>
    issueTimestamp({
      suite,
      tsa: key,
      hashAlgorithm: hashAlgorithmOf(suite),
      digest: receiptTimestampDigest(suite, sig),
      nonce: null,
      certReq: true,
      genTime: new Date(),
    }).token;
  return { w, unitKey, unitCert, receipt, signature, certificate: unitCert('新城区人民政府'), timestamp: stampOver(signature), stampOver };
}

const failed = (v: ReturnType<typeof verifyReceipt>) => v.checks.filter((c) => !c.ok).map((c) => c.check);

for (const suite of ['SM2', 'RSA'] as Suite[]) {
  describe(`signed receipts (${suite})`, () => {
    const x = world(suite);
    const expected = { contentDigest: sha('content'), stampDigest: sha('stamp') };
    const base = { receipt: x.receipt, signature: x.signature, certificate: x.certificate, timestamp: x.timestamp, trust: x.w.trust, expected };

    test('an untouched receipt verifies, with the time stamp’s time', () => {
      const v = verifyReceipt(base);
      assert.deepEqual(failed(v), []);
      assert.equal(v.valid, true);
      assert.ok(v.signedAt instanceof Date);
      assert.equal(receiptProblem(x.receipt), null);
    });

    test('a changed byte of the document fails CONTENT; another stamp fails STAMP', () => {
      assert.deepEqual(failed(verifyReceipt({ ...base, expected: { ...expected, contentDigest: sha('content!') } })), ['CONTENT']);
      assert.deepEqual(failed(verifyReceipt({ ...base, expected: { ...expected, stampDigest: null } })), ['STAMP']);
    });

    test('a receipt naming the OFD 版式 file: its OFD changed or missing fails OFD, named; one without keeps verifying as before', () => {
      const withOfd: Receipt = { ...x.receipt, ofdDigest: sha('ofd') };
      const signed = signReceipt(suite, x.unitKey.privateKey, withOfd);
      const r = { ...base, receipt: withOfd, signature: signed, timestamp: x.stampOver(signed) };
      assert.equal(receiptProblem(withOfd), null);
      assert.deepEqual(failed(verifyReceipt({ ...r, expected: { ...expected, ofdDigest: sha('ofd') } })), []);
      const changed = verifyReceipt({ ...r, expected: { ...expected, ofdDigest: sha('ofd!') } });
      assert.deepEqual(failed(changed), ['OFD']);
      assert.match(changed.checks.find((c) => c.check === 'OFD')?.reason ?? '', /OFD 版式 file is not the one received/);
      assert.match(verifyReceipt({ ...r, expected: { ...expected, ofdDigest: null } }).checks.find((c) => !c.ok)?.reason ?? '', /OFD .* missing/);
      // The field is signed: taken out, the signature fails.
      const { ofdDigest: _o, ...stripped } = withOfd;
      assert.ok(failed(verifyReceipt({ ...r, receipt: stripped as Receipt, expected: { ...expected, ofdDigest: sha('ofd') } })).includes('SIGNATURE'));
      // A receipt made before receipts named the OFD: no OFD check, whatever the document has now.
      assert.deepEqual(failed(verifyReceipt({ ...base, expected: { ...expected, ofdDigest: sha('ofd') } })), []);
      assert.equal(
        verifyReceipt(base).checks.some((c) => c.check === 'OFD'),
        false,
      );
      assert.match(receiptProblem({ ...withOfd, ofdDigest: 'nope' }) ?? '', /ofdDigest/);
    });

    test('a changed receipt or signature fails SIGNATURE and its time stamp; another unit’s certificate fails', () => {
      assert.deepEqual(failed(verifyReceipt({ ...base, receipt: { ...x.receipt, action: 'RETURNED' } })), ['SIGNATURE']);
      const sig = new Uint8Array(x.signature);
      sig[sig.length - 1] = (sig[sig.length - 1] as number) ^ 1;
      assert.ok(failed(verifyReceipt({ ...base, signature: sig })).includes('SIGNATURE'));
      assert.ok(failed(verifyReceipt({ ...base, signature: sig })).includes('TIMESTAMP'));
      const other = generateKeyPair(suite);
      assert.deepEqual(failed(verifyReceipt({ ...base, certificate: x.unitCert('碑林区人民政府', other, '9c0d5c1e-2f4a-4b7c-9d3e-1a2b3c4d5e70') })), [
        'SIGNATURE',
        'SIGNER_UNIT',
      ]);
    });

    test('another TSA’s time stamp, none, or a revoked signer certificate fail by name', () => {
      const elsewhere = tsaWorld(suite);
      assert.deepEqual(failed(verifyReceipt({ ...base, timestamp: x.stampOver(x.signature, elsewhere.key) })), ['TIMESTAMP']);
      assert.deepEqual(failed(verifyReceipt({ ...base, timestamp: null })), ['TIMESTAMP']);
      const crl = buildCrl({
        suite,
        issuer: { certificate: x.w.issuing, privateKey: x.w.issuingKey.privateKey },
        number: 2,
        thisUpdate: new Date(),
        nextUpdate: new Date(Date.now() + 86_400_000),
        entries: [{ serial: readCertificate(x.certificate).serial, revokedAt: new Date(Date.now() - 30_000), reason: 'KEY_COMPROMISE' }],
      });
      assert.deepEqual(failed(verifyReceipt({ ...base, trust: { ...x.w.trust, crls: [crl] } })), ['SIGNER_CHAIN']);
    });

    test('a receipt that names its clerk verifies only with that clerk’s own signature and identity certificate', () => {
      const clerkKey = generateKeyPair(suite);
      const identity = (username: string, key = clerkKey) =>
        issueCertificate({
          suite,
          subject: { commonName: '李秀英', organization: '新城区人民政府', serialNumber: username },
          subjectPublicKey: key.publicKey,
          profile: 'IDENTITY',
          notBefore: new Date(Date.now() - 60_000),
          notAfter: new Date(Date.now() + 86_400_000),
          issuer: { certificate: x.w.issuing, privateKey: x.w.issuingKey.privateKey },
        });
      const receipt: Receipt = { ...x.receipt, signer: { username: 'xc.clerk', name: '李秀英' } };
      const unitSig = signReceipt(suite, x.unitKey.privateKey, receipt);
      const own = { signature: signReceipt(suite, clerkKey.privateKey, receipt), certificate: identity('xc.clerk') };
      const signed = { ...base, receipt, signature: unitSig, timestamp: x.stampOver(unitSig), person: own };
      assert.deepEqual(failed(verifyReceipt(signed)), []);
      assert.deepEqual(
        verifyReceipt(signed)
          .checks.map((c) => c.check)
          .filter((c) => c.startsWith('PERSON')),
        ['PERSON', 'PERSON_CHAIN'],
      );
      // Named but unsigned; another person's certificate; a signature over other bytes; a certificate from elsewhere.
      assert.deepEqual(failed(verifyReceipt({ ...signed, person: null })), ['PERSON', 'PERSON_CHAIN']);
      assert.match(verifyReceipt({ ...signed, person: null }).checks.find((c) => !c.ok)?.reason ?? '', /names 李秀英 .* no signature/);
      assert.deepEqual(failed(verifyReceipt({ ...signed, person: { ...own, certificate: identity('xc.drafter') } })), ['PERSON']);
      assert.deepEqual(failed(verifyReceipt({ ...signed, person: { ...own, signature: signReceipt(suite, clerkKey.privateKey, x.receipt) } })), ['PERSON']);
      const elsewhere = tsaWorld(suite);
      const foreign = issueCertificate({
        suite,
        subject: { commonName: '李秀英', serialNumber: 'xc.clerk' },
        subjectPublicKey: clerkKey.publicKey,
        profile: 'IDENTITY',
        notBefore: new Date(Date.now() - 60_000),
        notAfter: new Date(Date.now() + 86_400_000),
        issuer: { certificate: elsewhere.issuing, privateKey: elsewhere.issuingKey.privateKey },
      });
      assert.deepEqual(failed(verifyReceipt({ ...signed, person: { ...own, certificate: foreign } })), ['PERSON_CHAIN']);
      // Without a signer, the unit's signature alone, as before: no person checks.
      assert.ok(!verifyReceipt(base).checks.some((c) => c.check.startsWith('PERSON')));
    });
  });
}
