// Certificate revocation lists of both suites: a CRL lists the revoked serials with their reasons and its number,
// is signed by the issuing CA, and reads back only with that CA: another CA (even one of the same name), a CA of
// the other suite, or a changed byte gives null. The CRLs are also read by @peculiar/x509, and their signatures
// checked by WebCrypto (RSA) or sm-crypto (SM2).
import 'reflect-metadata';
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import * as x509 from '@peculiar/x509';
import smCrypto from 'sm-crypto';
import { buildCrl, type CrlEntry, REASON_CODES, readCrl } from './crl.ts';
import { splitSigned } from './der.ts';
import { generateKeyPair, SUITES, type Suite } from './suites.ts';
import { issueCertificate, publicKeyOf, readCertificate } from './x509.ts';

const notBefore = new Date('2025-01-01T00:00:00Z');
const notAfter = new Date('2035-01-01T00:00:00Z');
const thisUpdate = new Date('2025-06-01T02:00:00Z');
const nextUpdate = new Date('2025-06-02T02:00:00Z');

function world(suite: Suite) {
  const caKey = generateKeyPair(suite);
  const subject = { commonName: '驿站签发CA', organization: '驿站平台' };
  const ca = issueCertificate({ suite, subject, subjectPublicKey: caKey.publicKey, profile: 'ISSUING_CA', notBefore, notAfter, selfKey: caKey });
  const impostorKey = generateKeyPair(suite);
  const impostor = issueCertificate({
    suite,
    subject,
    subjectPublicKey: impostorKey.publicKey,
    profile: 'ISSUING_CA',
    notBefore,
    notAfter,
    selfKey: impostorKey,
  });
  const holderKey = generateKeyPair(suite);
  const holders = Array.from({ length: 3 }, (_, i) =>
    issueCertificate({
      suite,
      subject: { commonName: `holder ${i}` },
      subjectPublicKey: holderKey.publicKey,
      profile: 'SIGNING',
      notBefore,
      notAfter,
      issuer: { certificate: ca, privateKey: caKey.privateKey },
    }),
  );
  const entries: CrlEntry[] = [
    { serial: readCertificate(holders[0] as Uint8Array).serial, revokedAt: new Date('2025-05-01T00:00:00Z'), reason: 'KEY_COMPROMISE' },
    { serial: readCertificate(holders[1] as Uint8Array).serial, revokedAt: new Date('2025-05-02T00:00:00Z'), reason: 'CERTIFICATE_HOLD' },
    { serial: readCertificate(holders[2] as Uint8Array).serial, revokedAt: new Date('2025-05-03T00:00:00Z'), reason: 'CESSATION_OF_OPERATION' },
  ];
  const crl = buildCrl({ suite, issuer: { certificate: ca, privateKey: caKey.privateKey }, number: 42, thisUpdate, nextUpdate, entries });
  return { caKey, ca, impostor, holders, entries, crl };
}

const worlds = { RSA: world('RSA'), SM2: world('SM2') };

for (const suite of SUITES) {
  const w = worlds[suite];
  const other = suite === 'RSA' ? worlds.SM2 : worlds.RSA;

  describe(`${suite} CRLs`, () => {
    test('lists the revoked serials, in the order given, with their reason codes, its number and this update', () => {
      const read = readCrl(w.crl, w.ca);
      assert.ok(read, 'signed by the issuing CA');
      assert.equal(read.number, 42);
      assert.equal(read.thisUpdate.getTime(), thisUpdate.getTime());
      assert.deepEqual(read.entries, [
        { serial: w.entries[0]?.serial, reason: REASON_CODES.KEY_COMPROMISE, revokedAt: w.entries[0]?.revokedAt },
        { serial: w.entries[1]?.serial, reason: REASON_CODES.CERTIFICATE_HOLD, revokedAt: w.entries[1]?.revokedAt },
        { serial: w.entries[2]?.serial, reason: REASON_CODES.CESSATION_OF_OPERATION, revokedAt: w.entries[2]?.revokedAt },
      ]);
      assert.equal(read.nextUpdate?.getTime(), nextUpdate.getTime());
      assert.deepEqual([REASON_CODES.KEY_COMPROMISE, REASON_CODES.CERTIFICATE_HOLD, REASON_CODES.CESSATION_OF_OPERATION], [1, 6, 5], 'RFC 5280 codes');
    });

    test('a listed serial is the serial the certificate itself reads with', () => {
      const listed = new Set(readCrl(w.crl, w.ca)?.entries.map((e) => e.serial));
      for (const cert of w.holders) assert.ok(listed.has(readCertificate(cert).serial));
    });

    test('an empty CRL lists nothing and is still signed', () => {
      const empty = buildCrl({ suite, issuer: { certificate: w.ca, privateKey: w.caKey.privateKey }, number: 1, thisUpdate, nextUpdate, entries: [] });
      assert.deepEqual(readCrl(empty, w.ca), { number: 1, thisUpdate, nextUpdate, entries: [] });
      assert.equal(readCrl(empty, w.impostor), null);
    });

    test('reads as null with any CA but the one that signed it', () => {
      assert.equal(readCrl(w.crl, w.impostor), null, 'a CA with the same name and another key');
      assert.equal(readCrl(w.crl, other.ca), null, 'a CA of the other suite');
      assert.equal(readCrl(w.crl, w.holders[0] as Uint8Array), null, 'a certificate the CA issued');
    });

    test('a changed byte, in a listed serial or in the signature, makes it unreadable', () => {
      const serial = Buffer.from(w.entries[1]?.serial as string, 'hex');
      const at = Buffer.from(w.crl).indexOf(serial);
      assert.ok(at > 0);
      const changed = w.crl.slice();
      changed[at + serial.length - 1] = (changed[at + serial.length - 1] ?? 0) ^ 0x01;
      assert.equal(readCrl(changed, w.ca), null, 'a serial changed (a revocation taken off the list)');
      const badSignature = w.crl.slice();
      badSignature[badSignature.length - 1] = (badSignature[badSignature.length - 1] ?? 0) ^ 0x01;
      assert.equal(readCrl(badSignature, w.ca), null, 'a signature byte changed');
    });

    test('another reader sees the same issuer, dates, serials and reasons', () => {
      const crl = new x509.X509Crl(Buffer.from(w.crl));
      assert.equal(crl.issuer, readCertificate(w.ca).subject);
      assert.equal(crl.thisUpdate.getTime(), thisUpdate.getTime());
      assert.equal(crl.nextUpdate?.getTime(), nextUpdate.getTime());
      assert.deepEqual(
        crl.entries.map((e) => [e.serialNumber, e.revocationDate.getTime(), e.reason]),
        w.entries.map((e) => [e.serial, e.revokedAt.getTime(), REASON_CODES[e.reason]]),
      );
    });

    test('it names the key that signed it: the CA’s subject key identifier', () => {
      const crl = new x509.X509Crl(Buffer.from(w.crl));
      const ski = new x509.X509Certificate(Buffer.from(w.ca)).getExtension(x509.SubjectKeyIdentifierExtension)?.keyId;
      assert.ok(ski);
      assert.equal(crl.getExtension(x509.AuthorityKeyIdentifierExtension)?.keyId, ski);
      const impostorSki = new x509.X509Certificate(Buffer.from(w.impostor)).getExtension(x509.SubjectKeyIdentifierExtension)?.keyId;
      assert.notEqual(impostorSki, ski, 'a CA of the same name with another key is told apart');
    });

    test('the CA’s signature verifies with an implementation the library does not use to sign', async () => {
      if (suite === 'RSA') {
        const crl = new x509.X509Crl(Buffer.from(w.crl));
        assert.equal(await crl.verify({ publicKey: new x509.X509Certificate(Buffer.from(w.ca)) }), true);
        assert.equal(await crl.verify({ publicKey: new x509.X509Certificate(Buffer.from(w.impostor)) }), false);
        return;
      }
      const parts = splitSigned(w.crl);
      assert.ok(parts);
      const signature = Buffer.from(parts.signature).toString('hex');
      const key = (der: Uint8Array) => publicKeyOf(der)?.publicKey as string;
      assert.equal(smCrypto.sm2.doVerifySignature(Array.from(parts.signed), signature, key(w.ca), { hash: true, der: true }), true);
      assert.equal(smCrypto.sm2.doVerifySignature(Array.from(parts.signed), signature, key(w.impostor), { hash: true, der: true }), false);
    });
  });
}
