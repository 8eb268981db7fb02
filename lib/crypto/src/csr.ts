// Certification requests (PKCS#10). The holder makes the key and proves it holds it by signing the request; the
// CA takes only the public key from it: the certificate's subject is the holder as the platform knows them.

import { CertificationRequest, CertificationRequestInfo } from '@peculiar/asn1-csr';
import { AsnConvert } from '@peculiar/asn1-schema';
import * as asn1 from '@peculiar/asn1-x509';
import { fromPem, splitSigned, toPem } from './der.ts';
import { type KeyPair, publicKeyFromSpki, type Suite, sign, signatureAlgorithm, spkiOf, suiteOfSignatureAlgorithm, verify } from './suites.ts';
import { asn1Name, type DistinguishedName } from './x509.ts';

/** Makes a request signed with the holder's key (what a holder's client does; the tests do it too). */
export function createCsr(keys: KeyPair, subject: DistinguishedName): string {
  const info = new CertificationRequestInfo({
    version: 0,
    subject: asn1Name(subject),
    subjectPKInfo: AsnConvert.parse(spkiOf(keys.suite, keys.publicKey), asn1.SubjectPublicKeyInfo),
  });
  const infoDer = new Uint8Array(AsnConvert.serialize(info));
  const req = new CertificationRequest({
    certificationRequestInfo: info,
    signatureAlgorithm: signatureAlgorithm(keys.suite),
    signature: new Uint8Array(sign(keys.suite, keys.privateKey, infoDer)).buffer,
  });
  return toPem(new Uint8Array(AsnConvert.serialize(req)), 'CERTIFICATE REQUEST');
}

export type CsrProblem = 'NOT_A_CSR' | 'UNSUPPORTED_KEY' | 'BAD_SIGNATURE';

/** The public key of a request whose signature checks; or what is wrong with it. */
export function readCsr(pem: string): { suite: Suite; publicKey: string } | { problem: CsrProblem } {
  const der = fromPem(pem, 'CERTIFICATE REQUEST') ?? fromPem(pem, 'NEW CERTIFICATE REQUEST');
  if (!der) return { problem: 'NOT_A_CSR' };
  let req: CertificationRequest;
  try {
    req = AsnConvert.parse(der, CertificationRequest);
  } catch {
    return { problem: 'NOT_A_CSR' };
  }
  const key = publicKeyFromSpki(new Uint8Array(AsnConvert.serialize(req.certificationRequestInfo.subjectPKInfo)));
  if (!key) return { problem: 'UNSUPPORTED_KEY' };
  const parts = splitSigned(der);
  const suite = parts && suiteOfSignatureAlgorithm(parts.algorithm);
  if (!parts || suite !== key.suite || !verify(key.suite, key.publicKey, parts.signed, parts.signature)) return { problem: 'BAD_SIGNATURE' };
  return key;
}
