// Certificates of both suites as their users check them: what was issued reads back (subject, issuer, validity,
// serial, key, CA or not), `signedBy` names the CA that signed and no other, not even another CA of the same name,
// and a changed byte breaks the signature. The certificates are also read by OpenSSL (node:crypto's X509Certificate)
// and by @peculiar/x509, and their signatures checked by WebCrypto/OpenSSL (RSA) or by sm-crypto (SM2).
import 'reflect-metadata';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { describe, test } from 'node:test';
import * as x509 from '@peculiar/x509';
import smCrypto from 'sm-crypto';
import { splitSigned } from './der.ts';
import { generateKeyPair, SUITES, type Suite } from './suites.ts';
import { type DistinguishedName, fingerprintOf, issueCertificate, type Profile, publicKeyOf, readCertificate, signedBy } from './x509.ts';

const notBefore = new Date('2025-03-01T08:00:00Z');
const notAfter = new Date('2027-03-01T08:00:00Z');
const caSubject: DistinguishedName = { commonName: '驿站签发CA', organization: '驿站平台', organizationalUnit: '证书中心' };

function world(suite: Suite) {
  const rootKey = generateKeyPair(suite);
  const root = issueCertificate({
    suite,
    subject: { commonName: '驿站根CA', organization: '驿站平台' },
    subjectPublicKey: rootKey.publicKey,
    profile: 'ROOT_CA',
    notBefore,
    notAfter: new Date('2045-01-01T00:00:00Z'),
    selfKey: rootKey,
  });
  const issuingKey = generateKeyPair(suite);
  const issuing = issueCertificate({
    suite,
    subject: caSubject,
    subjectPublicKey: issuingKey.publicKey,
    profile: 'ISSUING_CA',
    notBefore,
    notAfter: new Date('2035-01-01T00:00:00Z'),
    issuer: { certificate: root, privateKey: rootKey.privateKey },
  });
  // Another CA with the very same name: only the signature tells the two apart.
  const impostorKey = generateKeyPair(suite);
  const impostor = issueCertificate({
    suite,
    subject: caSubject,
    subjectPublicKey: impostorKey.publicKey,
    profile: 'ROOT_CA',
    notBefore,
    notAfter,
    selfKey: impostorKey,
  });
  const holderKey = generateKeyPair(suite);
  const holder: DistinguishedName = { commonName: '李明', organization: '西安市新城区人民政府', organizationalUnit: '办公室', serialNumber: 'xc.clerk' };
  const leaf = issueCertificate({
    suite,
    subject: holder,
    subjectPublicKey: holderKey.publicKey,
    profile: 'IDENTITY',
    notBefore,
    notAfter,
    serial: '1a2b3c4d5e6f',
    issuer: { certificate: issuing, privateKey: issuingKey.privateKey },
    crlUrl: `https://yizhan.example.gov.cn/pki/crl/${suite}.crl`,
  });
  return { rootKey, root, issuingKey, issuing, impostor, holderKey, holder, leaf };
}

const worlds = { RSA: world('RSA'), SM2: world('SM2') };
const flipByteOf = (der: Uint8Array, text: string) => {
  const at = Buffer.from(der).indexOf(Buffer.from(text, 'utf8'));
  assert.ok(at > 0, `${text} is in the certificate`);
  const copy = der.slice();
  copy[at] = (copy[at] ?? 0) ^ 0x01;
  return copy;
};

for (const suite of SUITES) {
  const w = worlds[suite];
  const otherSuite = suite === 'RSA' ? worlds.SM2 : worlds.RSA;

  describe(`${suite} certificates`, () => {
    test('a certificate names where its CA publishes its CRL, as another library reads it; one issued without says none', () => {
      assert.deepEqual(readCertificate(w.leaf).crlUrls, [`https://yizhan.example.gov.cn/pki/crl/${suite}.crl`]);
      assert.deepEqual(readCertificate(w.issuing).crlUrls, []);
      const parsed = new x509.X509Certificate(Buffer.from(w.leaf)).getExtension(x509.CRLDistributionPointsExtension);
      assert.ok(parsed, 'the extension reads with @peculiar/x509');
      assert.equal(
        parsed.distributionPoints[0]?.distributionPoint?.fullName?.[0]?.uniformResourceIdentifier,
        `https://yizhan.example.gov.cn/pki/crl/${suite}.crl`,
      );
    });

    test('a certificate issued for a subject reads back with that subject, its issuer, validity, serial and key', () => {
      const facts = readCertificate(w.leaf);
      assert.equal(facts.subject, 'C=CN, O=西安市新城区人民政府, OU=办公室, CN=李明, 2.5.4.5=xc.clerk');
      assert.equal(facts.issuer, 'C=CN, O=驿站平台, OU=证书中心, CN=驿站签发CA');
      assert.equal(facts.issuer, readCertificate(w.issuing).subject);
      assert.equal(facts.notBefore.getTime(), notBefore.getTime());
      assert.equal(facts.notAfter.getTime(), notAfter.getTime());
      assert.equal(facts.serial, '1a2b3c4d5e6f');
      assert.equal(facts.suite, suite);
      assert.equal(facts.isCa, false);
      assert.equal(facts.fingerprint, crypto.createHash('sha256').update(w.leaf).digest('hex'));
      assert.equal(fingerprintOf(w.leaf), facts.fingerprint);
      assert.deepEqual(publicKeyOf(w.leaf), { suite, publicKey: w.holderKey.publicKey });
    });

    test('a self-signed root is its own issuer, a CA, and signed by itself', () => {
      const facts = readCertificate(w.root);
      assert.equal(facts.subject, 'C=CN, O=驿站平台, CN=驿站根CA');
      assert.equal(facts.issuer, facts.subject);
      assert.equal(facts.isCa, true);
      assert.equal(readCertificate(w.issuing).isCa, true);
      assert.equal(signedBy(w.root, w.root), true);
      assert.deepEqual(publicKeyOf(w.root), { suite, publicKey: w.rootKey.publicKey });
    });

    test('without a serial, a fresh positive one of 16 bytes', () => {
      const a = readCertificate(w.issuing).serial;
      assert.match(a, /^[1-7][0-9a-f]{31}$/);
      assert.notEqual(a, readCertificate(w.root).serial);
    });

    test('a validity ending in 2050 or later (GeneralizedTime) reads back exactly', () => {
      const key = generateKeyPair(suite);
      const until = new Date('2055-06-30T16:00:00Z');
      const cert = issueCertificate({
        suite,
        subject: { commonName: 'long' },
        subjectPublicKey: key.publicKey,
        profile: 'SEAL',
        notBefore,
        notAfter: until,
        selfKey: key,
      });
      assert.equal(readCertificate(cert).notAfter.getTime(), until.getTime());
      assert.equal(new crypto.X509Certificate(cert).validToDate.getTime(), until.getTime());
    });

    test('signedBy is true for the issuing CA and false for any other CA', () => {
      assert.equal(signedBy(w.leaf, w.issuing), true);
      assert.equal(signedBy(w.issuing, w.root), true);
      assert.equal(signedBy(w.leaf, w.root), false, 'the root is above the issuer but did not sign the leaf');
      assert.equal(signedBy(w.leaf, w.impostor), false, 'a CA with the same name but another key');
      assert.equal(signedBy(w.leaf, otherSuite.issuing), false, 'a CA of the other suite');
      assert.equal(signedBy(w.leaf, w.leaf), false, 'the holder itself');
    });

    test('a certificate with a changed byte is signed by nobody', () => {
      assert.equal(signedBy(flipByteOf(w.leaf, 'xc.clerk'), w.issuing), false);
      assert.equal(signedBy(flipByteOf(w.leaf, '李明'), w.issuing), false);
      assert.equal(signedBy(new Uint8Array([1, 2, 3]), w.issuing), false);
    });

    test('reading something that is not a certificate throws', () => {
      assert.throws(() => readCertificate(new Uint8Array([0x30, 0x03, 0x02, 0x01, 0x01])));
    });

    test('OpenSSL reads it the same: subject, serial, validity, CA flag, and the issuer by name and key identifier', () => {
      const cert = new crypto.X509Certificate(w.leaf);
      const issuing = new crypto.X509Certificate(w.issuing);
      assert.equal(cert.subject, 'C=CN\nO=西安市新城区人民政府\nOU=办公室\nCN=李明\nserialNumber=xc.clerk');
      assert.equal(cert.serialNumber, '1A2B3C4D5E6F');
      assert.equal(cert.validFromDate.getTime(), notBefore.getTime());
      assert.equal(cert.validToDate.getTime(), notAfter.getTime());
      assert.equal(cert.ca, false);
      assert.equal(issuing.ca, true);
      assert.equal(cert.checkIssued(issuing), true);
      assert.equal(cert.checkIssued(new crypto.X509Certificate(w.impostor)), false, 'same name, but the authority key identifier differs');
      assert.deepEqual(cert.keyUsage, ['1.3.6.1.5.5.7.3.2'], 'an identity certificate is for client authentication');
    });

    test('the CA’s signature verifies with an implementation the library does not use to sign', () => {
      if (suite === 'RSA') {
        const cert = new crypto.X509Certificate(w.leaf);
        assert.equal(cert.verify(new crypto.X509Certificate(w.issuing).publicKey), true);
        assert.equal(cert.verify(new crypto.X509Certificate(w.impostor).publicKey), false);
        return;
      }
      const parts = splitSigned(w.leaf);
      assert.ok(parts);
      const issuerKey = publicKeyOf(w.issuing)?.publicKey as string;
      const signature = Buffer.from(parts.signature).toString('hex');
      assert.equal(smCrypto.sm2.doVerifySignature(Array.from(parts.signed), signature, issuerKey, { hash: true, der: true }), true);
      const impostorKey = publicKeyOf(w.impostor)?.publicKey as string;
      assert.equal(smCrypto.sm2.doVerifySignature(Array.from(parts.signed), signature, impostorKey, { hash: true, der: true }), false);
    });

    test('each profile carries its key usages, basic constraints and extended key usage', () => {
      const expected: Record<Profile, { usages: number; ca: boolean; pathLength?: number; clientAuth: boolean; timeStamping?: boolean }> = {
        ROOT_CA: { usages: x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, ca: true, clientAuth: false },
        ISSUING_CA: { usages: x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, ca: true, pathLength: 0, clientAuth: false },
        IDENTITY: { usages: x509.KeyUsageFlags.digitalSignature, ca: false, clientAuth: true },
        SIGNING: { usages: x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.nonRepudiation, ca: false, clientAuth: false },
        ENCRYPTION: { usages: x509.KeyUsageFlags.keyEncipherment | x509.KeyUsageFlags.dataEncipherment, ca: false, clientAuth: false },
        SEAL: { usages: x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.nonRepudiation, ca: false, clientAuth: false },
        SEAL_MAKER: { usages: x509.KeyUsageFlags.digitalSignature, ca: false, clientAuth: false },
        TIME_STAMPING: {
          usages: x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.nonRepudiation,
          ca: false,
          clientAuth: false,
          timeStamping: true,
        },
      };
      for (const [profile, want] of Object.entries(expected) as [Profile, (typeof expected)[Profile]][]) {
        const der = issueCertificate({
          suite,
          subject: { commonName: profile },
          subjectPublicKey: w.holderKey.publicKey,
          profile,
          notBefore,
          notAfter,
          issuer: { certificate: w.issuing, privateKey: w.issuingKey.privateKey },
        });
        const cert = new x509.X509Certificate(Buffer.from(der));
        const ku = cert.getExtension(x509.KeyUsagesExtension);
        const bc = cert.getExtension(x509.BasicConstraintsExtension);
        const eku = cert.getExtension(x509.ExtendedKeyUsageExtension);
        assert.equal(ku?.usages, want.usages, `${profile}: key usage`);
        assert.equal(ku?.critical, true, `${profile}: key usage is critical`);
        assert.equal(bc?.ca ?? false, want.ca, `${profile}: CA`);
        assert.equal(bc?.critical, true, `${profile}: basic constraints are critical`);
        assert.equal(bc?.pathLength, want.pathLength, `${profile}: path length`);
        const wantEku = want.clientAuth ? ['1.3.6.1.5.5.7.3.2'] : want.timeStamping ? ['1.3.6.1.5.5.7.3.8'] : [];
        assert.deepEqual([...(eku?.usages ?? [])], wantEku, `${profile}: extended key usage`);
        // A TSA's only usage is timeStamping, and the extension is critical (RFC 3161 §2.3).
        if (want.timeStamping) assert.equal(eku?.critical, true, `${profile}: extended key usage is critical`);
        assert.deepEqual(readCertificate(der).extendedKeyUsage?.usages ?? [], wantEku);
        assert.equal(readCertificate(der).isCa, want.ca);
        assert.equal(signedBy(der, w.issuing), true);
      }
    });

    test('the key identifiers: the subject’s is the SHA-1 of its key, the authority’s is the issuer’s', () => {
      const ski = (der: Uint8Array) => new x509.X509Certificate(Buffer.from(der)).getExtension(x509.SubjectKeyIdentifierExtension)?.keyId;
      const aki = (der: Uint8Array) => new x509.X509Certificate(Buffer.from(der)).getExtension(x509.AuthorityKeyIdentifierExtension)?.keyId;
      // The subjectPublicKey BIT STRING: PKCS#1 RSAPublicKey for RSA, the point 04‖x‖y for SM2.
      const keyBits =
        suite === 'RSA' ? crypto.createPublicKey(w.holderKey.publicKey).export({ type: 'pkcs1', format: 'der' }) : Buffer.from(w.holderKey.publicKey, 'hex');
      assert.equal(ski(w.leaf), crypto.createHash('sha1').update(keyBits).digest('hex'));
      assert.equal(aki(w.leaf), ski(w.issuing));
      assert.equal(aki(w.issuing), ski(w.root));
      assert.equal(aki(w.root), ski(w.root), 'a self-signed root names itself');
      assert.notEqual(ski(w.leaf), ski(w.issuing));
      assert.match(ski(w.leaf) ?? '', /^[0-9a-f]{40}$/);
    });

    test('a certificate needs an issuer or, self-signed, its own key', () => {
      assert.throws(
        () => issueCertificate({ suite, subject: { commonName: 'x' }, subjectPublicKey: w.holderKey.publicKey, profile: 'IDENTITY', notBefore, notAfter }),
        /needs an issuer/,
      );
    });
  });
}
