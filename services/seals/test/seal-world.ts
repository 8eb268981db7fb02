// A seal made by a CA made here (a root, the seal maker under it, the seal's certificate): for the stamp tests and the
// stamp benchmark, which need the cryptography without the services.

import { canonicalBytes } from '@yizhan/common';
import { generateKeyPair, issueCertificate, readCertificate, type Suite, sign } from '@yizhan/crypto';
import type { SealData, SealRecord } from '../src/domain/stamp.ts';

export const DAY = 86_400_000;

/** Valid from a day ago: the seal and its certificate for a year, the root and the maker for longer. */
export function sealWorld(suite: Suite) {
  const now = Date.now();
  const rootKey = generateKeyPair(suite);
  const root = issueCertificate({
    suite,
    subject: { commonName: 'root' },
    subjectPublicKey: rootKey.publicKey,
    profile: 'ROOT_CA',
    notBefore: new Date(now - DAY),
    notAfter: new Date(now + 900 * DAY),
    selfKey: rootKey,
  });
  const makerKey = generateKeyPair(suite);
  const maker = issueCertificate({
    suite,
    subject: { commonName: 'maker' },
    subjectPublicKey: makerKey.publicKey,
    profile: 'SEAL_MAKER',
    notBefore: new Date(now - DAY),
    notAfter: new Date(now + 900 * DAY),
    issuer: { certificate: root, privateKey: rootKey.privateKey },
  });
  const sealKey = generateKeyPair(suite);
  const sealCert = issueCertificate({
    suite,
    subject: { commonName: '某单位电子印章' },
    subjectPublicKey: sealKey.publicKey,
    profile: 'SEAL',
    notBefore: new Date(now - DAY),
    notAfter: new Date(now + 365 * DAY),
    issuer: { certificate: root, privateKey: rootKey.privateKey },
  });
  const data: SealData = {
    version: 1,
    sealId: crypto.randomUUID(),
    orgId: crypto.randomUUID(),
    orgName: '某单位',
    suite,
    imageSha256: 'ab'.repeat(32),
    certificates: [readCertificate(sealCert).fingerprint],
    validFrom: new Date(now - DAY).toISOString(),
    validTo: new Date(now + 365 * DAY).toISOString(),
    madeAt: new Date(now - DAY).toISOString(),
  };
  const seal: SealRecord = {
    data,
    signature: Buffer.from(sign(suite, makerKey.privateKey, canonicalBytes(data))).toString('base64'),
    makerCertificate: Buffer.from(maker).toString('base64'),
  };
  return { root, seal, sealKey, sealCert };
}
