// DER and PEM plumbing: PEM wraps and unwraps DER under its label; splitSigned hands back exactly the bytes that
// were signed (so a signature is checked over what was received); serial numbers are positive and fresh.
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { describe, test } from 'node:test';
import { fromPem, randomSerial, splitSigned, toPem } from './der.ts';
import { generateKeyPair, OID, verify } from './suites.ts';
import { issueCertificate } from './x509.ts';

describe('PEM', () => {
  const der = new Uint8Array(crypto.randomBytes(200));

  test('toPem writes the label, base64 in lines of 64, and the end line; fromPem reads the same bytes back', () => {
    const pem = toPem(der, 'CERTIFICATE');
    const lines = pem.trimEnd().split('\n');
    assert.equal(lines[0], '-----BEGIN CERTIFICATE-----');
    assert.equal(lines.at(-1), '-----END CERTIFICATE-----');
    const body = lines.slice(1, -1);
    assert.ok(body.slice(0, -1).every((l) => l.length === 64));
    assert.ok((body.at(-1)?.length ?? 0) <= 64);
    assert.equal(body.join(''), Buffer.from(der).toString('base64'));
    assert.deepEqual(fromPem(pem, 'CERTIFICATE'), der);
  });

  test('a body of exactly 64 characters per line leaves no empty line', () => {
    const pem = toPem(new Uint8Array(48), 'X');
    assert.equal(pem, `-----BEGIN X-----\n${'A'.repeat(64)}\n-----END X-----\n`);
  });

  test('fromPem accepts Windows line ends and text around the block', () => {
    const pem = `note before\r\n${toPem(der, 'CERTIFICATE').replaceAll('\n', '\r\n')}after`;
    assert.deepEqual(fromPem(pem, 'CERTIFICATE'), der);
  });

  test('fromPem is null for another label or for text that is not PEM', () => {
    assert.equal(fromPem(toPem(der, 'CERTIFICATE'), 'X509 CRL'), null);
    assert.equal(fromPem('not pem at all', 'CERTIFICATE'), null);
  });
});

describe('splitSigned', () => {
  const key = generateKeyPair('RSA');
  const cert = issueCertificate({
    suite: 'RSA',
    subject: { commonName: 'split' },
    subjectPublicKey: key.publicKey,
    profile: 'ROOT_CA',
    notBefore: new Date('2025-01-01T00:00:00Z'),
    notAfter: new Date('2030-01-01T00:00:00Z'),
    selfKey: key,
  });

  test('hands back the to-be-signed bytes as encoded, the algorithm and the signature, which verify', () => {
    const parts = splitSigned(cert);
    assert.ok(parts);
    assert.equal(parts.algorithm, OID.sha256WithRSA);
    assert.equal(parts.signature.length, 256);
    assert.equal(parts.signed[0], 0x30, 'the TBSCertificate SEQUENCE');
    assert.ok(Buffer.from(cert).includes(Buffer.from(parts.signed)), 'a slice of the certificate as received');
    assert.ok(Buffer.from(cert).subarray(-256).equals(Buffer.from(parts.signature)), 'the signature is the end of the certificate');
    assert.equal(verify('RSA', key.publicKey, parts.signed, parts.signature), true);
  });

  test('null for bytes that are not a signed structure', () => {
    assert.equal(splitSigned(new Uint8Array([1, 2, 3])), null);
    assert.equal(splitSigned(new Uint8Array()), null);
    assert.equal(splitSigned(new Uint8Array([0x02, 0x01, 0x05])), null, 'an INTEGER');
    assert.equal(splitSigned(new Uint8Array([0x30, 0x03, 0x02, 0x01, 0x05])), null, 'a SEQUENCE of one INTEGER');
  });
});

describe('randomSerial', () => {
  test('16 bytes in hex whose first byte keeps the number positive and its length fixed', () => {
    for (let i = 0; i < 200; i++) {
      const s = randomSerial();
      assert.match(s, /^[0-9a-f]{32}$/);
      const first = Number.parseInt(s.slice(0, 2), 16);
      assert.ok(first >= 0x10 && first <= 0x7f, s);
    }
  });

  test('fresh each time', () => {
    assert.equal(new Set(Array.from({ length: 500 }, randomSerial)).size, 500);
  });
});
