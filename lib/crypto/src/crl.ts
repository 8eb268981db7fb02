// Certificate revocation lists, for both suites, signed by the issuing CA. Suspended certificates are listed with
// the reason certificateHold and leave the list when resumed; revoked ones stay.
import { createHash } from 'node:crypto';
import { AsnConvert, OctetString } from '@peculiar/asn1-schema';
import * as asn1 from '@peculiar/asn1-x509';
import { splitSigned } from './der.ts';
import { publicKeyFromSpki, type Suite, sign, signatureAlgorithm, suiteOfSignatureAlgorithm, verify } from './suites.ts';
import { readCertificate } from './x509.ts';

/** RFC 5280 reason codes, by the names the platform uses. */
export const REASON_CODES = {
  UNSPECIFIED: asn1.CRLReasons.unspecified,
  KEY_COMPROMISE: asn1.CRLReasons.keyCompromise,
  AFFILIATION_CHANGED: asn1.CRLReasons.affiliationChanged,
  SUPERSEDED: asn1.CRLReasons.superseded,
  CESSATION_OF_OPERATION: asn1.CRLReasons.cessationOfOperation,
  CERTIFICATE_HOLD: asn1.CRLReasons.certificateHold,
} as const;
export type RevocationReason = keyof typeof REASON_CODES;

export interface CrlEntry {
  serial: string;
  revokedAt: Date;
  reason: RevocationReason;
}

export function buildCrl(opts: {
  suite: Suite;
  issuer: { certificate: Uint8Array; privateKey: string };
  number: number;
  thisUpdate: Date;
  nextUpdate: Date;
  entries: CrlEntry[];
}): Uint8Array {
  const issuerCert = AsnConvert.parse(opts.issuer.certificate, asn1.Certificate);
  const ext = (extnID: string, value: unknown) => new asn1.Extension({ extnID, critical: false, extnValue: new OctetString(AsnConvert.serialize(value)) });
  const tbs = new asn1.TBSCertList({
    version: asn1.Version.v2,
    signature: signatureAlgorithm(opts.suite),
    issuer: issuerCert.tbsCertificate.subject,
    thisUpdate: new asn1.Time(opts.thisUpdate),
    nextUpdate: new asn1.Time(opts.nextUpdate),
    revokedCertificates: opts.entries.length
      ? opts.entries.map(
          (e) =>
            new asn1.RevokedCertificate({
              userCertificate: new Uint8Array(Buffer.from(e.serial, 'hex')).buffer,
              revocationDate: new asn1.Time(e.revokedAt),
              crlEntryExtensions: [ext(asn1.id_ce_cRLReasons, new asn1.CRLReason(REASON_CODES[e.reason]))],
            }),
        )
      : undefined,
    // RFC 5280 §5.2.1: a CRL names its issuer's key, so a reader holding two certificates of one CA's name (a key
    // renewed) checks it with the right one.
    crlExtensions: [
      ext(asn1.id_ce_authorityKeyIdentifier, new asn1.AuthorityKeyIdentifier({ keyIdentifier: new asn1.KeyIdentifier(issuerKeyId(issuerCert)) })),
      ext(asn1.id_ce_cRLNumber, new asn1.CRLNumber(opts.number)),
    ],
  });
  const tbsDer = new Uint8Array(AsnConvert.serialize(tbs));
  const list = new asn1.CertificateList({
    tbsCertList: tbs,
    signatureAlgorithm: signatureAlgorithm(opts.suite),
    signature: new Uint8Array(sign(opts.suite, opts.issuer.privateKey, tbsDer)).buffer,
  });
  return new Uint8Array(AsnConvert.serialize(list));
}

/** The issuer's subject key identifier as its certificate states it (the key's SHA-1, RFC 5280 §4.2.1.2, when it does not). */
function issuerKeyId(cert: asn1.Certificate): ArrayBuffer {
  const stated = cert.tbsCertificate.extensions?.find((e) => e.extnID === asn1.id_ce_subjectKeyIdentifier);
  if (stated) return AsnConvert.parse(stated.extnValue.buffer, asn1.SubjectKeyIdentifier).buffer;
  const key = new Uint8Array(cert.tbsCertificate.subjectPublicKeyInfo.subjectPublicKey);
  return new Uint8Array(createHash('sha1').update(key).digest()).buffer;
}

/** The serials a CRL lists, after checking it was signed by the issuer. Null when the signature does not verify. */
export function readCrl(
  der: Uint8Array,
  issuer: Uint8Array,
): { number: number | null; thisUpdate: Date; nextUpdate: Date | null; entries: { serial: string; reason: number | null; revokedAt: Date }[] } | null {
  const parts = splitSigned(der);
  const key = publicKeyFromSpki(readCertificate(issuer).spki);
  const suite = parts && suiteOfSignatureAlgorithm(parts.algorithm);
  if (!parts || !key || suite !== key.suite || !verify(suite, key.publicKey, parts.signed, parts.signature)) return null;
  const list = AsnConvert.parse(der, asn1.CertificateList).tbsCertList;
  const numberExt = list.crlExtensions?.find((e) => e.extnID === asn1.id_ce_cRLNumber);
  return {
    number: numberExt ? Number(AsnConvert.parse(numberExt.extnValue.buffer, asn1.CRLNumber).value) : null,
    thisUpdate: list.thisUpdate.getTime(),
    nextUpdate: list.nextUpdate ? list.nextUpdate.getTime() : null,
    entries: (list.revokedCertificates ?? []).map((r) => {
      const reasonExt = r.crlEntryExtensions?.find((e) => e.extnID === asn1.id_ce_cRLReasons);
      return {
        serial: Buffer.from(r.userCertificate).toString('hex'),
        revokedAt: r.revocationDate.getTime(),
        reason: reasonExt ? AsnConvert.parse(reasonExt.extnValue.buffer, asn1.CRLReason).reason : null,
      };
    }),
  };
}
