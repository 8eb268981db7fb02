// PKCS#12 hand-over of a server-made RSA key: the file opens with the holder's password and with no other, and holds
// the private key (the one that matches the certificate), the certificate under its friendly name, and the chain.
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { describe, test } from 'node:test';
import forge from 'node-forge';
import { toPkcs12 } from './pkcs12.ts';
import { generateKeyPair, sign, verify } from './suites.ts';
import { fingerprintOf, issueCertificate } from './x509.ts';

const notBefore = new Date('2025-01-01T00:00:00Z');
const notAfter = new Date('2030-01-01T00:00:00Z');
const caKey = generateKeyPair('RSA');
const ca = issueCertificate({
  suite: 'RSA',
  subject: { commonName: 'CA' },
  subjectPublicKey: caKey.publicKey,
  profile: 'ISSUING_CA',
  notBefore,
  notAfter,
  selfKey: caKey,
});
const holderKey = generateKeyPair('RSA');
const cert = issueCertificate({
  suite: 'RSA',
  subject: { commonName: '赵六' },
  subjectPublicKey: holderKey.publicKey,
  profile: 'ENCRYPTION',
  notBefore,
  notAfter,
  issuer: { certificate: ca, privateKey: caKey.privateKey },
});
const password = '口令-correct horse';
const p12 = toPkcs12({ privateKey: holderKey.privateKey, certificate: cert, chain: [ca], password, friendlyName: '赵六 的加密证书' });

const open = (bytes: Uint8Array, pw: string) =>
  forge.pkcs12.pkcs12FromAsn1(forge.asn1.fromDer(forge.util.createBuffer(Buffer.from(bytes).toString('binary'))), pw);
const derOf = (c: forge.pki.Certificate) => new Uint8Array(Buffer.from(forge.asn1.toDer(forge.pki.certificateToAsn1(c)).getBytes(), 'binary'));

describe('PKCS#12', () => {
  test('opens with the password and holds the private key that matches the certificate', () => {
    const bags = open(p12, password).getBags({ bagType: forge.pki.oids.pkcs8ShroudedKeyBag as string })[forge.pki.oids.pkcs8ShroudedKeyBag as string] ?? [];
    assert.equal(bags.length, 1);
    const key = bags[0]?.key as forge.pki.rsa.PrivateKey;
    const pem = forge.pki.privateKeyToPem(key);
    assert.equal(
      crypto.createPublicKey(pem).export({ type: 'spki', format: 'pem' }),
      crypto.createPublicKey(holderKey.publicKey).export({ type: 'spki', format: 'pem' }),
    );
    const data = new Uint8Array(Buffer.from('the key works'));
    assert.equal(verify('RSA', holderKey.publicKey, data, sign('RSA', pem, data)), true);
  });

  test('holds the certificate and the chain, the holder’s under its friendly name', () => {
    const bags = open(p12, password).getBags({ bagType: forge.pki.oids.certBag as string })[forge.pki.oids.certBag as string] ?? [];
    const byFingerprint = new Map(bags.map((b) => [fingerprintOf(derOf(b.cert as forge.pki.Certificate)), b]));
    assert.deepEqual(new Set(byFingerprint.keys()), new Set([fingerprintOf(cert), fingerprintOf(ca)]));
    assert.deepEqual(byFingerprint.get(fingerprintOf(cert))?.attributes.friendlyName, ['赵六 的加密证书']);
  });

  test('the private key is encrypted: no plain key bag, and no key in the clear', () => {
    const plain = open(p12, password).getBags({ bagType: forge.pki.oids.keyBag as string })[forge.pki.oids.keyBag as string] ?? [];
    assert.equal(plain.length, 0);
    const pkcs8 = crypto.createPrivateKey(holderKey.privateKey).export({ type: 'pkcs8', format: 'der' });
    assert.equal(Buffer.from(p12).includes(pkcs8.subarray(-64)), false);
  });

  test('a wrong password does not open it', () => {
    assert.throws(() => open(p12, 'wrong password'), /MAC could not be verified|password/i);
  });
});
