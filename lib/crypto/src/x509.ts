// X.509 certificates of the internal CA. node-forge issues RSA certificates; SM2 certificates are assembled with
// @peculiar/asn1-x509 and signed with SM2/SM3 (forge knows no SM2). Reading and checking work alike for both.
// @peculiar/x509 needs the Reflect metadata polyfill before it loads.
import 'reflect-metadata';
import crypto from 'node:crypto';
import { AsnConvert, OctetString } from '@peculiar/asn1-schema';
import * as asn1 from '@peculiar/asn1-x509';
import * as x509 from '@peculiar/x509';
import forge from 'node-forge';
import { randomSerial, splitSigned } from './der.ts';
import { type KeyPair, publicKeyFromSpki, type Suite, sign, signatureAlgorithm, spkiOf, suiteOfSignatureAlgorithm, verify } from './suites.ts';

/** What a certificate is for; each has its own key usages. */
export type Profile = 'ROOT_CA' | 'ISSUING_CA' | 'IDENTITY' | 'SIGNING' | 'ENCRYPTION' | 'SEAL' | 'SEAL_MAKER' | 'TIME_STAMPING';

export interface DistinguishedName {
  commonName: string;
  organization?: string;
  organizationalUnit?: string;
  /** A stable identifier of the holder: a user name, a unit code, a seal id. */
  serialNumber?: string;
}

export interface IssueRequest {
  suite: Suite;
  subject: DistinguishedName;
  /** The holder's public key (from its request, or generated). */
  subjectPublicKey: string;
  profile: Profile;
  notBefore: Date;
  notAfter: Date;
  serial?: string;
  /** The issuing CA's certificate and key; absent for a self-signed root. */
  issuer?: { certificate: Uint8Array; privateKey: string };
  /** For a self-signed root: its own key. */
  selfKey?: KeyPair;
  /** Where the issuer's CRL is published (RFC 5280 §4.2.1.13, CRL distribution points): what a verifier that holds
   * the certificate alone fetches to see whether it was revoked. */
  crlUrl?: string;
}

// A time-stamping authority's certificate has the one extended key usage timeStamping, critical (RFC 3161 §2.3).
const keyUsages: Record<Profile, { ca: boolean; usages: asn1.KeyUsageFlags; clientAuth?: boolean; timeStamping?: boolean }> = {
  ROOT_CA: { ca: true, usages: asn1.KeyUsageFlags.keyCertSign | asn1.KeyUsageFlags.cRLSign },
  ISSUING_CA: { ca: true, usages: asn1.KeyUsageFlags.keyCertSign | asn1.KeyUsageFlags.cRLSign },
  IDENTITY: { ca: false, usages: asn1.KeyUsageFlags.digitalSignature, clientAuth: true },
  SIGNING: { ca: false, usages: asn1.KeyUsageFlags.digitalSignature | asn1.KeyUsageFlags.nonRepudiation },
  ENCRYPTION: { ca: false, usages: asn1.KeyUsageFlags.keyEncipherment | asn1.KeyUsageFlags.dataEncipherment },
  SEAL: { ca: false, usages: asn1.KeyUsageFlags.digitalSignature | asn1.KeyUsageFlags.nonRepudiation },
  SEAL_MAKER: { ca: false, usages: asn1.KeyUsageFlags.digitalSignature },
  TIME_STAMPING: { ca: false, usages: asn1.KeyUsageFlags.digitalSignature | asn1.KeyUsageFlags.nonRepudiation, timeStamping: true },
};

const keyId = (spki: Uint8Array) => {
  const key = AsnConvert.parse(spki, asn1.SubjectPublicKeyInfo).subjectPublicKey;
  return new Uint8Array(crypto.createHash('sha1').update(Buffer.from(key)).digest());
};

export function issueCertificate(req: IssueRequest): Uint8Array {
  if (!req.issuer && !req.selfKey) throw new Error('A certificate needs an issuer, or its own key when self-signed');
  return req.suite === 'RSA' ? issueWithForge(req) : issueSm2(req);
}

function forgeAttributes(dn: DistinguishedName) {
  const utf8 = (shortName: string, value: string) => ({ shortName, value, valueTagClass: forge.asn1.Type.UTF8 as never });
  return [
    { shortName: 'C', value: 'CN' },
    ...(dn.organization ? [utf8('O', dn.organization)] : []),
    ...(dn.organizationalUnit ? [utf8('OU', dn.organizationalUnit)] : []),
    utf8('CN', dn.commonName),
    ...(dn.serialNumber ? [{ name: 'serialNumber', value: dn.serialNumber }] : []),
  ];
}

function issueWithForge(req: IssueRequest): Uint8Array {
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.publicKeyFromPem(req.subjectPublicKey);
  cert.serialNumber = req.serial ?? randomSerial();
  cert.validity.notBefore = req.notBefore;
  cert.validity.notAfter = req.notAfter;
  cert.setSubject(forgeAttributes(req.subject));
  const spki = spkiOf('RSA', req.subjectPublicKey);
  let issuerSki = keyId(spki);
  if (req.issuer) {
    const issuer = forge.pki.certificateFromAsn1(forge.asn1.fromDer(forge.util.createBuffer(Buffer.from(req.issuer.certificate).toString('binary'))));
    // forge hands UTF-8 values back as bytes; they are encoded again when the issuer name is written.
    cert.setIssuer(
      issuer.subject.attributes.map((a) => (a.valueTagClass === (forge.asn1.Type.UTF8 as never) ? { ...a, value: forge.util.decodeUtf8(String(a.value)) } : a)),
    );
    issuerSki = keyId(readCertificate(req.issuer.certificate).spki);
  } else cert.setIssuer(forgeAttributes(req.subject));
  const profile = keyUsages[req.profile];
  const u = profile.usages;
  cert.setExtensions([
    { name: 'basicConstraints', cA: profile.ca, ...(req.profile === 'ISSUING_CA' ? { pathLenConstraint: 0 } : {}), critical: true },
    {
      name: 'keyUsage',
      critical: true,
      keyCertSign: !!(u & asn1.KeyUsageFlags.keyCertSign),
      cRLSign: !!(u & asn1.KeyUsageFlags.cRLSign),
      digitalSignature: !!(u & asn1.KeyUsageFlags.digitalSignature),
      nonRepudiation: !!(u & asn1.KeyUsageFlags.nonRepudiation),
      keyEncipherment: !!(u & asn1.KeyUsageFlags.keyEncipherment),
      dataEncipherment: !!(u & asn1.KeyUsageFlags.dataEncipherment),
    },
    ...(profile.clientAuth ? [{ name: 'extKeyUsage', clientAuth: true }] : []),
    ...(profile.timeStamping ? [{ name: 'extKeyUsage', timeStamping: true, critical: true }] : []),
    { name: 'subjectKeyIdentifier' },
    { name: 'authorityKeyIdentifier', keyIdentifier: Buffer.from(issuerSki).toString('binary') },
    // A URI (GeneralName 6) as the distribution point's full name.
    ...(req.crlUrl ? [{ name: 'cRLDistributionPoints', altNames: [{ type: 6, value: req.crlUrl }] }] : []),
  ]);
  const signingKey = req.issuer?.privateKey ?? (req.selfKey as KeyPair).privateKey;
  cert.sign(forge.pki.privateKeyFromPem(signingKey) as forge.pki.rsa.PrivateKey, forge.md.sha256.create());
  return new Uint8Array(Buffer.from(forge.asn1.toDer(forge.pki.certificateToAsn1(cert)).getBytes(), 'binary'));
}

/** A distinguished name in the encoding the ASN.1 classes take. */
export function asn1Name(dn: DistinguishedName): asn1.Name {
  const json: x509.JsonName = [{ C: ['CN'] }];
  if (dn.organization) json.push({ O: [dn.organization] });
  if (dn.organizationalUnit) json.push({ OU: [dn.organizationalUnit] });
  json.push({ CN: [dn.commonName] });
  if (dn.serialNumber) json.push({ '2.5.4.5': [dn.serialNumber] });
  return AsnConvert.parse(new x509.Name(json).toArrayBuffer(), asn1.Name);
}

const distributionPoints = (url: string) =>
  new asn1.CRLDistributionPoints([
    new asn1.DistributionPoint({ distributionPoint: new asn1.DistributionPointName({ fullName: [new asn1.GeneralName({ uniformResourceIdentifier: url })] }) }),
  ]);

const ext = (extnID: string, critical: boolean, value: unknown) =>
  new asn1.Extension({ extnID, critical, extnValue: new OctetString(AsnConvert.serialize(value)) });

function issueSm2(req: IssueRequest): Uint8Array {
  const spki = spkiOf('SM2', req.subjectPublicKey);
  const subject = asn1Name(req.subject);
  const issuerParsed = req.issuer ? AsnConvert.parse(req.issuer.certificate, asn1.Certificate) : null;
  const issuerSki = req.issuer ? keyId(readCertificate(req.issuer.certificate).spki) : keyId(spki);
  const profile = keyUsages[req.profile];
  const extensions = new asn1.Extensions([
    ext(asn1.id_ce_basicConstraints, true, new asn1.BasicConstraints({ cA: profile.ca, ...(req.profile === 'ISSUING_CA' ? { pathLenConstraint: 0 } : {}) })),
    ext(asn1.id_ce_keyUsage, true, new asn1.KeyUsage(profile.usages)),
    ...(profile.clientAuth ? [ext(asn1.id_ce_extKeyUsage, false, new asn1.ExtendedKeyUsage([asn1.id_kp_clientAuth]))] : []),
    ...(profile.timeStamping ? [ext(asn1.id_ce_extKeyUsage, true, new asn1.ExtendedKeyUsage([asn1.id_kp_timeStamping]))] : []),
    ext(asn1.id_ce_subjectKeyIdentifier, false, new asn1.SubjectKeyIdentifier(keyId(spki))),
    ext(asn1.id_ce_authorityKeyIdentifier, false, new asn1.AuthorityKeyIdentifier({ keyIdentifier: new asn1.KeyIdentifier(issuerSki) })),
    ...(req.crlUrl ? [ext(asn1.id_ce_cRLDistributionPoints, false, distributionPoints(req.crlUrl))] : []),
  ]);
  const tbs = new asn1.TBSCertificate({
    version: asn1.Version.v3,
    serialNumber: new Uint8Array(Buffer.from(req.serial ?? randomSerial(), 'hex')).buffer,
    signature: signatureAlgorithm('SM2'),
    issuer: issuerParsed ? issuerParsed.tbsCertificate.subject : subject,
    validity: new asn1.Validity({ notBefore: req.notBefore, notAfter: req.notAfter }),
    subject,
    subjectPublicKeyInfo: AsnConvert.parse(spki, asn1.SubjectPublicKeyInfo),
    extensions,
  });
  const tbsDer = new Uint8Array(AsnConvert.serialize(tbs));
  const signingKey = req.issuer?.privateKey ?? (req.selfKey as KeyPair).privateKey;
  const cert = new asn1.Certificate({
    tbsCertificate: tbs,
    signatureAlgorithm: signatureAlgorithm('SM2'),
    signatureValue: new Uint8Array(sign('SM2', signingKey, tbsDer)).buffer,
  });
  return new Uint8Array(AsnConvert.serialize(cert));
}

export interface CertificateFacts {
  serial: string;
  subject: string;
  issuer: string;
  notBefore: Date;
  notAfter: Date;
  spki: Uint8Array;
  suite: Suite | null;
  fingerprint: string;
  isCa: boolean;
  /** The extended key usages, and whether the extension is critical; null without the extension. */
  extendedKeyUsage: { usages: string[]; critical: boolean } | null;
  /** The URLs of its CRL distribution points (none when it names none). */
  crlUrls: string[];
}

/** SHA-256 of a certificate's DER: how the platform names a certificate (seals list theirs by it). */
export const fingerprintOf = (der: Uint8Array) => crypto.createHash('sha256').update(der).digest('hex');

// Certificates are immutable bytes: what one says is read once and remembered by its fingerprint (a bounded cache),
// so verifying many stamps of the same seal does not parse the same certificates again and again.
const facts = new Map<string, CertificateFacts>();
const FACTS_KEPT = 2000;

/** What a certificate says, for either suite. Throws on anything that is not a certificate. */
export function readCertificate(der: Uint8Array): CertificateFacts {
  const fingerprint = fingerprintOf(der);
  const known = facts.get(fingerprint);
  if (known) return known;
  const read = parseCertificate(der, fingerprint);
  if (facts.size >= FACTS_KEPT) facts.delete(facts.keys().next().value as string);
  facts.set(fingerprint, read);
  return read;
}

function parseCertificate(der: Uint8Array, fingerprint: string): CertificateFacts {
  const cert = AsnConvert.parse(der, asn1.Certificate);
  const tbs = cert.tbsCertificate;
  const bc = tbs.extensions?.find((e) => e.extnID === asn1.id_ce_basicConstraints);
  const eku = tbs.extensions?.find((e) => e.extnID === asn1.id_ce_extKeyUsage);
  const dp = tbs.extensions?.find((e) => e.extnID === asn1.id_ce_cRLDistributionPoints);
  const name = (n: asn1.Name) => new x509.Name(AsnConvert.serialize(n)).toString();
  return {
    serial: Buffer.from(tbs.serialNumber)
      .toString('hex')
      .replace(/^00(?=[89a-f])/, ''),
    subject: name(tbs.subject),
    issuer: name(tbs.issuer),
    notBefore: tbs.validity.notBefore.getTime(),
    notAfter: tbs.validity.notAfter.getTime(),
    spki: new Uint8Array(AsnConvert.serialize(tbs.subjectPublicKeyInfo)),
    suite: suiteOfSignatureAlgorithm(cert.signatureAlgorithm.algorithm),
    fingerprint,
    isCa: bc ? AsnConvert.parse(bc.extnValue.buffer, asn1.BasicConstraints).cA : false,
    extendedKeyUsage: eku ? { usages: [...AsnConvert.parse(eku.extnValue.buffer, asn1.ExtendedKeyUsage)], critical: !!eku.critical } : null,
    crlUrls: dp
      ? [...AsnConvert.parse(dp.extnValue.buffer, asn1.CRLDistributionPoints)].flatMap((p) =>
          (p.distributionPoint?.fullName ?? []).flatMap((g) => (g.uniformResourceIdentifier ? [g.uniformResourceIdentifier] : [])),
        )
      : [],
  };
}

/** Whether `issuer` (its certificate) signed this certificate, over the bytes as received. */
export function signedBy(der: Uint8Array, issuer: Uint8Array): boolean {
  const parts = splitSigned(der);
  if (!parts) return false;
  const suite = suiteOfSignatureAlgorithm(parts.algorithm);
  const key = publicKeyFromSpki(readCertificate(issuer).spki);
  if (!suite || !key || key.suite !== suite) return false;
  return verify(suite, key.publicKey, parts.signed, parts.signature);
}

/** The holder's public key in a certificate. */
export function publicKeyOf(der: Uint8Array) {
  return publicKeyFromSpki(readCertificate(der).spki);
}
