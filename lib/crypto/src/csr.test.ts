// Certification requests (PKCS#10) of both suites: a request carries the holder's subject and public key, proves
// possession of the private key by its signature, and `readCsr` hands back the key only when that signature checks.
// A changed byte, a key that did not sign, a key of no suite or text that is no request is refused with its reason.
import 'reflect-metadata';
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import * as x509 from '@peculiar/x509';
import smCrypto from 'sm-crypto';
import { createCsr, readCsr } from './csr.ts';
import { fromPem, splitSigned, toPem } from './der.ts';
import { generateKeyPair, OID, SUITES, spkiOf } from './suites.ts';

const subject = { commonName: '王芳', organization: '西安市新城区人民政府', organizationalUnit: '办公室', serialNumber: 'xc.clerk' };
const derOf = (pem: string) => fromPem(pem, 'CERTIFICATE REQUEST') as Uint8Array;
const asPem = (der: Uint8Array) => toPem(der, 'CERTIFICATE REQUEST');

for (const suite of SUITES) {
  const keys = generateKeyPair(suite);
  const other = generateKeyPair(suite);
  const pem = createCsr(keys, subject);

  describe(`${suite} certification requests`, () => {
    test('a request is PEM and reads back as the holder’s public key, in its suite', () => {
      assert.match(pem, /^-----BEGIN CERTIFICATE REQUEST-----\n[\s\S]+\n-----END CERTIFICATE REQUEST-----\n$/);
      assert.deepEqual(readCsr(pem), { suite, publicKey: keys.publicKey });
    });

    test('another reader sees the subject, the public key and the signature algorithm', () => {
      const req = new x509.Pkcs10CertificateRequest(pem);
      assert.equal(req.subject, 'C=CN, O=西安市新城区人民政府, OU=办公室, CN=王芳, 2.5.4.5=xc.clerk');
      assert.deepEqual(Buffer.from(req.publicKey.rawData), Buffer.from(spkiOf(suite, keys.publicKey)));
      const parts = splitSigned(derOf(pem));
      assert.equal(parts?.algorithm, suite === 'RSA' ? OID.sha256WithRSA : OID.sm2WithSm3);
    });

    test('the request is signed by the holder’s own key, as another implementation checks', async () => {
      if (suite === 'RSA') {
        assert.equal(await new x509.Pkcs10CertificateRequest(pem).verify(), true);
        return;
      }
      const parts = splitSigned(derOf(pem));
      assert.ok(parts);
      const signature = Buffer.from(parts.signature).toString('hex');
      assert.equal(smCrypto.sm2.doVerifySignature(Array.from(parts.signed), signature, keys.publicKey, { hash: true, der: true }), true);
      assert.equal(smCrypto.sm2.doVerifySignature(Array.from(parts.signed), signature, other.publicKey, { hash: true, der: true }), false);
    });

    test('a request with a changed byte is refused as badly signed', () => {
      const der = derOf(pem);
      const at = Buffer.from(der).indexOf(Buffer.from('xc.clerk'));
      assert.ok(at > 0);
      const changed = der.slice();
      changed[at] = (changed[at] ?? 0) ^ 0x01;
      assert.deepEqual(readCsr(asPem(changed)), { problem: 'BAD_SIGNATURE' });
    });

    test('a request naming a key that did not sign it is refused: no certificate for a key nobody proved to hold', () => {
      const der = Buffer.from(derOf(pem));
      const mine = Buffer.from(spkiOf(suite, keys.publicKey));
      const theirs = Buffer.from(spkiOf(suite, other.publicKey));
      assert.equal(mine.length, theirs.length);
      const at = der.indexOf(mine);
      assert.ok(at > 0);
      const swapped = Buffer.concat([der.subarray(0, at), theirs, der.subarray(at + mine.length)]);
      assert.deepEqual(readCsr(asPem(new Uint8Array(swapped))), { problem: 'BAD_SIGNATURE' });
    });

    test('the older label NEW CERTIFICATE REQUEST is read too', () => {
      const legacy = pem.replaceAll('CERTIFICATE REQUEST', 'NEW CERTIFICATE REQUEST');
      assert.deepEqual(readCsr(legacy), { suite, publicKey: keys.publicKey });
    });
  });
}

describe('what is not a request of either suite', () => {
  test('text that is not a request, or DER that is not one, is NOT_A_CSR', () => {
    assert.deepEqual(readCsr('hello'), { problem: 'NOT_A_CSR' });
    assert.deepEqual(readCsr(toPem(new Uint8Array([1, 2, 3]), 'CERTIFICATE REQUEST')), { problem: 'NOT_A_CSR' });
    const key = generateKeyPair('SM2');
    assert.deepEqual(readCsr(createCsr(key, subject).replaceAll('CERTIFICATE REQUEST', 'CERTIFICATE')), { problem: 'NOT_A_CSR' }, 'another PEM label');
  });

  test('a well-signed request for an ECDSA P-256 key is UNSUPPORTED_KEY', async () => {
    const alg = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' };
    const keys = await crypto.subtle.generateKey(alg, true, ['sign', 'verify']);
    const req = await x509.Pkcs10CertificateRequestGenerator.create({ name: 'CN=p256', keys, signingAlgorithm: alg });
    assert.equal(await req.verify(), true);
    assert.deepEqual(readCsr(req.toString('pem')), { problem: 'UNSUPPORTED_KEY' });
  });
});
