// A CA for tests: a root, an issuing CA under it, a time-stamping certificate under that, and the issuing CA's CRL.
// Not exported by the package: tests of lib/crypto, the seals service and the verifier build their worlds with it.
import { type TrustMaterial } from '../chain.ts';
import { buildCrl } from '../crl.ts';
import { generateKeyPair, type Suite } from '../suites.ts';
import { issueCertificate, type Profile, readCertificate } from '../x509.ts';

const DAY = 86_400_000;

/** A root, an issuing CA under it, a TSA certificate under that, and the issuing CA's CRL. */
export function tsaWorld(suite: Suite, opts: { tsaProfile?: Profile; revokeTsa?: Date } = {}) {
  const now = Date.now();
  const rootKey = generateKeyPair(suite);
  const root = issueCertificate({
    suite,
    subject: { commonName: `根 ${suite}` },
    subjectPublicKey: rootKey.publicKey,
    profile: 'ROOT_CA',
    notBefore: new Date(now - DAY),
    notAfter: new Date(now + 900 * DAY),
    selfKey: rootKey,
  });
  const issuingKey = generateKeyPair(suite);
  const issuing = issueCertificate({
    suite,
    subject: { commonName: `签发 ${suite}` },
    subjectPublicKey: issuingKey.publicKey,
    profile: 'ISSUING_CA',
    notBefore: new Date(now - DAY),
    notAfter: new Date(now + 900 * DAY),
    issuer: { certificate: root, privateKey: rootKey.privateKey },
  });
  const tsaKey = generateKeyPair(suite);
  const tsa = issueCertificate({
    suite,
    subject: { commonName: `时间戳 ${suite}` },
    subjectPublicKey: tsaKey.publicKey,
    profile: opts.tsaProfile ?? 'TIME_STAMPING',
    notBefore: new Date(now - DAY),
    notAfter: new Date(now + 900 * DAY),
    issuer: { certificate: issuing, privateKey: issuingKey.privateKey },
  });
  const crl = buildCrl({
    suite,
    issuer: { certificate: issuing, privateKey: issuingKey.privateKey },
    number: 1,
    thisUpdate: new Date(),
    nextUpdate: new Date(now + DAY),
    entries: opts.revokeTsa ? [{ serial: readCertificate(tsa).serial, revokedAt: opts.revokeTsa, reason: 'CESSATION_OF_OPERATION' }] : [],
  });
  const trust: TrustMaterial = { roots: [root], intermediates: [issuing], crls: [crl] };
  return { suite, root, rootKey, issuing, issuingKey, tsa, tsaKey, crl, trust, key: { certificate: tsa, privateKey: tsaKey.privateKey } };
}
