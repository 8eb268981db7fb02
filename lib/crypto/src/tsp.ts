// Trusted time (RFC 3161): time-stamp requests, the platform's time-stamp tokens — CMS SignedData over a TSTInfo,
// signed by a TSA certificate of the platform's CA — the replies around them, and their verification offline.
// Both suites: RSA with SHA-256, and SM2 with SM3 (the imprint may be either digest in either suite).
// The structures are @peculiar/asn1-cms and asn1-tsp; signatures go through suites.ts, since WebCrypto (which pkijs
// signs with) knows no SM2. A signature is always checked over the bytes as received, never over a re-encoding.

import * as cms from '@peculiar/asn1-cms';
import { AsnConvert, OctetString } from '@peculiar/asn1-schema';
import * as tsp from '@peculiar/asn1-tsp';
import * as x509 from '@peculiar/asn1-x509';
import * as asn1js from 'asn1js';
import { type ChainCheck, checkChain, type TrustMaterial } from './chain.ts';
import { randomSerial } from './der.ts';
import { digest, OID, publicKeyFromSpki, type Suite, sign, suiteOfSignatureAlgorithm, verify } from './suites.ts';
import { readCertificate } from './x509.ts';

/**
 * The platform's own OID arc (2.25: a UUID as an OID, ITU-T X.667), for what no standard names: the TSA's policy,
 * and the GB/T 38540 extension data of seals and stamps.
 */
export const YIZHAN_OID_ARC = '2.25.199136690675379558154224645466777395819';
export const TSA_POLICY = `${YIZHAN_OID_ARC}.1`;

/**
 * An OID as read from DER by the @peculiar classes, made dotted again: asn1js (under them) writes an arc beyond 2^53,
 * as a UUID arc is, in a notation of its own ("2.25.{hex}").
 */
function dotted(oid: string): string {
  // Inside the braces: the arc's base-128 digits, one byte each.
  return oid.replace(/\{([0-9a-f]+)\}/gi, (_, hex: string) => [...Buffer.from(hex, 'hex')].reduce((v, d) => (v << 7n) | BigInt(d), 0n).toString());
}

export const TSP_OID = {
  signedData: '1.2.840.113549.1.7.2',
  tstInfo: tsp.id_ct_tstInfo,
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  signingCertificateV2: '1.2.840.113549.1.9.16.2.47',
  sha256: '2.16.840.1.101.3.4.2.1',
  sm3: '1.2.156.10197.1.401',
  timeStamping: '1.3.6.1.5.5.7.3.8',
} as const;

export type HashAlgorithm = 'SHA-256' | 'SM3';
export const hashAlgorithmOf = (suite: Suite): HashAlgorithm => (suite === 'SM2' ? 'SM3' : 'SHA-256');
const hashOid = (h: HashAlgorithm) => (h === 'SM3' ? TSP_OID.sm3 : TSP_OID.sha256);
export const hashAlgorithmOfOid = (oid: string): HashAlgorithm | null => (oid === TSP_OID.sm3 ? 'SM3' : oid === TSP_OID.sha256 ? 'SHA-256' : null);
const HASH_BYTES = 32;

/** The digest of data with a hash algorithm, hex. */
export const hashHex = (h: HashAlgorithm, data: Uint8Array): string => digest(h === 'SM3' ? 'SM2' : 'RSA', data);

const hexToBuffer = (hex: string) => new Uint8Array(Buffer.from(hex, 'hex')).buffer;
const der = (value: unknown) => new Uint8Array(AsnConvert.serialize(value));
const algorithm = (h: HashAlgorithm) => new x509.AlgorithmIdentifier({ algorithm: hashOid(h) });

/** A time-stamp request (TimeStampReq, DER) for a digest given in hex. */
export function timestampQuery(opts: { hashAlgorithm: HashAlgorithm; digest: string; nonce?: string; certReq?: boolean; policy?: string }): Uint8Array {
  return der(
    new tsp.TimeStampReq({
      version: tsp.TimeStampReqVersion.v1,
      messageImprint: new tsp.MessageImprint({ hashAlgorithm: algorithm(opts.hashAlgorithm), hashedMessage: new OctetString(hexToBuffer(opts.digest)) }),
      ...(opts.policy ? { reqPolicy: opts.policy } : {}),
      ...(opts.nonce ? { nonce: hexToBuffer(opts.nonce) } : {}),
      certReq: opts.certReq ?? true,
    }),
  );
}

export interface TimestampQuery {
  hashAlgorithm: HashAlgorithm | null;
  hashAlgorithmOid: string;
  digest: string;
  nonce: string | null;
  certReq: boolean;
  policy: string | null;
  hasExtensions: boolean;
}

/** What a time-stamp request asks; throws when the bytes are not one. */
export function readTimestampQuery(bytes: Uint8Array): TimestampQuery {
  const req = AsnConvert.parse(bytes, tsp.TimeStampReq);
  if (req.version !== tsp.TimeStampReqVersion.v1) throw new Error('only version 1 time-stamp requests exist');
  return {
    hashAlgorithm: hashAlgorithmOfOid(req.messageImprint.hashAlgorithm.algorithm),
    hashAlgorithmOid: req.messageImprint.hashAlgorithm.algorithm,
    digest: Buffer.from(req.messageImprint.hashedMessage.buffer).toString('hex'),
    nonce: req.nonce ? Buffer.from(req.nonce).toString('hex') : null,
    certReq: !!req.certReq,
    policy: req.reqPolicy ? dotted(req.reqPolicy) : null,
    hasExtensions: !!req.extensions?.length,
  };
}

export interface TsaKey {
  certificate: Uint8Array;
  privateKey: string;
}

export interface IssuedTimestamp {
  /** The TimeStampToken (ContentInfo with SignedData over TSTInfo), DER. */
  token: Uint8Array;
  /** The TimeStampResp (status granted, with the token), DER: what application/timestamp-reply carries. */
  reply: Uint8Array;
  serial: string;
  genTime: Date;
}

/** Why a request is refused, as PKIFailureInfo names it. */
export type TimestampFailure = 'badAlg' | 'badRequest' | 'badDataFormat' | 'unacceptedPolicy' | 'unacceptedExtension' | 'systemFailure';

/**
 * The problem with a request, or null when the TSA grants it: a digest algorithm it knows with a digest of the
 * right length, its own policy or none, and no extensions (it supports none).
 */
export function timestampQueryProblem(q: Pick<TimestampQuery, 'hashAlgorithm' | 'digest' | 'policy' | 'hasExtensions'>): {
  failure: TimestampFailure;
  text: string;
} | null {
  if (!q.hashAlgorithm) return { failure: 'badAlg', text: 'the digest algorithm must be SHA-256 or SM3' };
  if (!/^[0-9a-f]*$/.test(q.digest) || q.digest.length !== HASH_BYTES * 2) return { failure: 'badDataFormat', text: 'the digest must be 32 bytes' };
  if (q.policy && q.policy !== TSA_POLICY) return { failure: 'unacceptedPolicy', text: `the only policy is ${TSA_POLICY}` };
  if (q.hasExtensions) return { failure: 'unacceptedExtension', text: 'no extensions are supported' };
  return null;
}

function attribute(type: string, value: Uint8Array): Uint8Array {
  return der(new cms.Attribute({ attrType: type, attrValues: [value.slice().buffer] }));
}

/** ESS signing-certificate-v2 (RFC 5035): the TSA certificate's hash, so a token cannot be re-attributed. */
function signingCertificateV2(h: HashAlgorithm, certificate: Uint8Array): Uint8Array {
  const id = new asn1js.Sequence({
    value: [
      // SHA-256 is the DEFAULT and so, in DER, absent.
      ...(h === 'SHA-256' ? [] : [new asn1js.Sequence({ value: [new asn1js.ObjectIdentifier({ value: hashOid(h) })] })]),
      new asn1js.OctetString({ valueHex: hexToBuffer(hashHex(h, certificate)) }),
    ],
  });
  return new Uint8Array(new asn1js.Sequence({ value: [new asn1js.Sequence({ value: [id] })] }).toBER(false));
}

const compareBytes = (a: Uint8Array, b: Uint8Array) => Buffer.compare(Buffer.from(a), Buffer.from(b));

/** SET OF in DER: its elements sorted by their encodings (X.690 §11.6). */
function derSetOf(elements: Uint8Array[]): Uint8Array {
  const body = Buffer.concat([...elements].sort(compareBytes).map((e) => Buffer.from(e)));
  return new Uint8Array(Buffer.concat([Buffer.from([0x31]), lengthOctets(body.length), body]));
}

function lengthOctets(n: number): Buffer {
  if (n < 0x80) return Buffer.from([n]);
  const bytes: number[] = [];
  for (let v = n; v > 0; v >>= 8) bytes.unshift(v & 0xff);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}

/**
 * Issues a time-stamp token for a digest: the TSA's signature over TSTInfo at `genTime`, to the millisecond (RFC 3161
 * §2.4.2 allows a fraction, without trailing zeros), accuracy 1 s. Whole seconds would date a stamp made just after a
 * seal was put in use before it, and the platform's own records would call the seal not yet in use.
 */
export function issueTimestamp(opts: {
  suite: Suite;
  tsa: TsaKey;
  hashAlgorithm: HashAlgorithm;
  digest: string;
  nonce?: string | null;
  certReq?: boolean;
  genTime: Date;
  serial?: string;
}): IssuedTimestamp {
  const serial = opts.serial ?? randomSerial();
  const genTime = new Date(opts.genTime.getTime());
  const tst = new tsp.TSTInfo({
    version: tsp.TSTInfoVersion.v1,
    policy: TSA_POLICY,
    messageImprint: new tsp.MessageImprint({ hashAlgorithm: algorithm(opts.hashAlgorithm), hashedMessage: new OctetString(hexToBuffer(opts.digest)) }),
    serialNumber: hexToBuffer(serial),
    genTime,
    accuracy: new tsp.Accuracy({ seconds: 1 }),
    ordering: false,
    ...(opts.nonce ? { nonce: hexToBuffer(opts.nonce) } : {}),
  });
  const tstDer = der(tst);
  const signerHash = hashAlgorithmOf(opts.suite);
  const attrs = [
    attribute(TSP_OID.contentType, new Uint8Array(new asn1js.ObjectIdentifier({ value: TSP_OID.tstInfo }).toBER(false))),
    attribute(TSP_OID.messageDigest, new Uint8Array(new asn1js.OctetString({ valueHex: hexToBuffer(hashHex(signerHash, tstDer)) }).toBER(false))),
    attribute(TSP_OID.signingCertificateV2, signingCertificateV2(signerHash, opts.tsa.certificate)),
  ].sort(compareBytes);
  const signature = sign(opts.suite, opts.tsa.privateKey, derSetOf(attrs));
  const tsaCert = AsnConvert.parse(opts.tsa.certificate, x509.Certificate);
  const signerInfo = new cms.SignerInfo({
    version: cms.CMSVersion.v1,
    sid: new cms.SignerIdentifier({
      issuerAndSerialNumber: new cms.IssuerAndSerialNumber({ issuer: tsaCert.tbsCertificate.issuer, serialNumber: tsaCert.tbsCertificate.serialNumber }),
    }),
    digestAlgorithm: algorithm(signerHash),
    signedAttrs: attrs.map((a) => AsnConvert.parse(a, cms.Attribute)),
    signatureAlgorithm: new x509.AlgorithmIdentifier(opts.suite === 'SM2' ? { algorithm: OID.sm2WithSm3 } : { algorithm: OID.sha256WithRSA, parameters: null }),
    // A copy: a Buffer may be a view of a larger pool.
    signature: new OctetString(new Uint8Array(signature).buffer),
  });
  const signed = new cms.SignedData({
    version: cms.CMSVersion.v3,
    digestAlgorithms: new cms.DigestAlgorithmIdentifiers([algorithm(signerHash)]),
    encapContentInfo: new cms.EncapsulatedContentInfo({
      eContentType: TSP_OID.tstInfo,
      eContent: new cms.EncapsulatedContent({ single: new OctetString(tstDer.slice().buffer) }),
    }),
    ...(opts.certReq !== false ? { certificates: new cms.CertificateSet([new cms.CertificateChoices({ certificate: tsaCert })]) } : {}),
    signerInfos: new cms.SignerInfos([signerInfo]),
  });
  const token = der(new cms.ContentInfo({ contentType: TSP_OID.signedData, content: AsnConvert.serialize(signed) }));
  const reply = der(
    new tsp.TimeStampResp({
      status: new tsp.PKIStatusInfo({ status: tsp.PKIStatus.granted }),
      timeStampToken: AsnConvert.parse(token, tsp.TimeStampToken),
    }),
  );
  return { token, reply, serial, genTime };
}

/** A refusal (TimeStampResp with status rejection and the failure's bit). */
export function timestampRejection(failure: TimestampFailure, text: string): Uint8Array {
  const bit = { badAlg: 0, badRequest: 2, badDataFormat: 5, unacceptedPolicy: 15, unacceptedExtension: 16, systemFailure: 25 }[failure];
  const bits = new Uint8Array(Math.floor(bit / 8) + 1);
  bits[Math.floor(bit / 8)] = 0x80 >> (bit % 8);
  const unused = 7 - (bit % 8);
  return der(
    new tsp.TimeStampResp({
      status: new tsp.PKIStatusInfo({
        status: tsp.PKIStatus.rejection,
        statusString: new tsp.PKIFreeText([text]),
        failInfo: new tsp.PKIFailureInfo(bits.buffer, unused),
      }),
    }),
  );
}

/** A reply's status and its token, if granted. Throws when the bytes are not a TimeStampResp. */
export function readTimestampReply(bytes: Uint8Array): { status: number; text: string | null; token: Uint8Array | null } {
  const resp = AsnConvert.parse(bytes, tsp.TimeStampResp);
  return {
    status: resp.status.status,
    text: resp.status.statusString?.join(' ') ?? null,
    token: resp.timeStampToken ? der(resp.timeStampToken) : null,
  };
}

export interface TimestampFacts {
  genTime: Date;
  serial: string;
  policy: string;
  hashAlgorithm: HashAlgorithm | null;
  digest: string;
  nonce: string | null;
  /** The certificates the token carries. */
  certificates: Uint8Array[];
}

interface ParsedToken {
  facts: TimestampFacts;
  tstDer: Uint8Array;
  signer: cms.SignerInfo;
  /** The signer's signed attributes exactly as received ([0] IMPLICIT SET OF Attribute). */
  signedAttrsRaw: Uint8Array | null;
}

/** The signed attributes of the (one) signer of a SignedData, as received: read with asn1js, not re-encoded. */
function rawSignedAttrs(signedData: ArrayBuffer): Uint8Array | null {
  const parsed = asn1js.fromBER(signedData);
  if (parsed.offset === -1 || !(parsed.result instanceof asn1js.Sequence)) return null;
  const infos = parsed.result.valueBlock.value.at(-1);
  if (!(infos instanceof asn1js.Set)) return null;
  const info = infos.valueBlock.value[0];
  if (!(info instanceof asn1js.Sequence)) return null;
  const attrs = info.valueBlock.value.find((v) => v.idBlock.tagClass === 3 && v.idBlock.tagNumber === 0);
  return attrs ? new Uint8Array(attrs.valueBeforeDecodeView) : null;
}

function parseToken(token: Uint8Array): ParsedToken {
  const info = AsnConvert.parse(token, cms.ContentInfo);
  if (info.contentType !== TSP_OID.signedData) throw new Error('not a SignedData');
  const signed = AsnConvert.parse(info.content, cms.SignedData);
  if (signed.encapContentInfo.eContentType !== TSP_OID.tstInfo) throw new Error('the signed content is not a TSTInfo');
  const content = signed.encapContentInfo.eContent?.single;
  if (!content) throw new Error('the token carries no TSTInfo');
  const tstDer = new Uint8Array(content.buffer);
  const tst = AsnConvert.parse(tstDer, tsp.TSTInfo);
  const signer = signed.signerInfos[0];
  if (!signer || signed.signerInfos.length !== 1) throw new Error('a token has exactly one signer');
  return {
    tstDer,
    signer,
    signedAttrsRaw: rawSignedAttrs(info.content),
    facts: {
      genTime: tst.genTime,
      serial: Buffer.from(tst.serialNumber).toString('hex'),
      policy: dotted(tst.policy),
      hashAlgorithm: hashAlgorithmOfOid(tst.messageImprint.hashAlgorithm.algorithm),
      digest: Buffer.from(tst.messageImprint.hashedMessage.buffer).toString('hex'),
      nonce: tst.nonce ? Buffer.from(tst.nonce).toString('hex') : null,
      certificates: (signed.certificates ?? []).filter((c) => c.certificate).map((c) => der(c.certificate)),
    },
  };
}

/** What a token says, without checking it. Throws when the bytes are not a time-stamp token. */
export function readTimestampToken(token: Uint8Array): TimestampFacts {
  return parseToken(token).facts;
}

export type TimestampCheckName = 'TOKEN_FORMAT' | 'MESSAGE_IMPRINT' | 'TOKEN_SIGNATURE' | 'TSA_CERTIFICATE' | 'TSA_CHAIN' | 'TSA_NOT_REVOKED';
export interface TimestampCheck {
  check: TimestampCheckName;
  ok: boolean;
  reason: string | null;
}

export interface TimestampVerification {
  valid: boolean;
  checks: TimestampCheck[];
  genTime: Date | null;
  tsaSubject: string | null;
}

/**
 * Verifies a time-stamp token offline: its imprint is the given digest (or the digest of `data`), the TSA signed
 * it (signed attributes: content type, message digest of the TSTInfo, the signing certificate's hash), the TSA
 * certificate has the one critical extended key usage timeStamping and was valid at the time it states, chains to
 * a trusted root, and is not revoked by the CRLs at hand. Every check is named; none stops the others.
 */
export function verifyTimestampToken(
  token: Uint8Array,
  opts: { digest?: string; data?: Uint8Array; trust: TrustMaterial; certificates?: Uint8Array[] },
): TimestampVerification {
  const checks: TimestampCheck[] = [];
  const add = (check: TimestampCheckName, ok: boolean, reason: string) => checks.push({ check, ok, reason: ok ? null : reason });
  let parsed: ParsedToken;
  try {
    parsed = parseToken(token);
  } catch (e) {
    add('TOKEN_FORMAT', false, `not a time-stamp token: ${(e as Error).message}`);
    return { valid: false, checks, genTime: null, tsaSubject: null };
  }
  add('TOKEN_FORMAT', parsed.facts.policy === TSA_POLICY, `the token's policy ${parsed.facts.policy} is not the platform's`);
  const { facts, signer, tstDer, signedAttrsRaw } = parsed;
  // 1. The imprint: the time-stamped digest is the one expected.
  const expected = opts.digest ?? (opts.data && facts.hashAlgorithm ? hashHex(facts.hashAlgorithm, opts.data) : null);
  add(
    'MESSAGE_IMPRINT',
    !!facts.hashAlgorithm && !!expected && expected.toLowerCase() === facts.digest,
    !facts.hashAlgorithm ? 'the imprint’s digest algorithm is unknown' : 'the token time-stamps another digest',
  );
  // 2. The signature, by a certificate the token carries (or the caller gives) that its ESS attribute names.
  const candidates = [...facts.certificates, ...(opts.certificates ?? [])];
  const signatureSuite = suiteOfSignatureAlgorithm(signer.signatureAlgorithm.algorithm);
  const attrs = signedAttributes(signer, signedAttrsRaw);
  const signerHash = hashAlgorithmOfOid(signer.digestAlgorithm.algorithm);
  let tsaCert: Uint8Array | null = null;
  let signatureProblem = 'no certificate the token carries made its signature';
  if (!attrs || !signerHash || !signatureSuite) signatureProblem = 'the signer information is incomplete or uses unknown algorithms';
  else if (attrs.contentType !== TSP_OID.tstInfo) signatureProblem = 'the signed content type is not TSTInfo';
  else if (attrs.messageDigest !== hashHex(signerHash, tstDer)) signatureProblem = 'the signed message digest does not match the TSTInfo';
  else {
    for (const candidate of candidates) {
      const key = (() => {
        try {
          return publicKeyFromSpki(readCertificate(candidate).spki);
        } catch {
          return null;
        }
      })();
      if (!key || key.suite !== signatureSuite) continue;
      if (!verify(signatureSuite, key.publicKey, attrs.raw, new Uint8Array(signer.signature.buffer))) continue;
      if (!attrs.essHashes.includes(hashHex(attrs.essAlgorithm, candidate))) {
        signatureProblem = 'the signing-certificate attribute names another certificate';
        continue;
      }
      tsaCert = candidate;
      break;
    }
  }
  add('TOKEN_SIGNATURE', !!tsaCert, signatureProblem);
  // 3. The TSA certificate: for time-stamping only, valid at genTime; its chain and revocation.
  const tsaFacts = tsaCert ? readCertificate(tsaCert) : null;
  const eku = tsaFacts?.extendedKeyUsage;
  const ekuOk = !!eku && eku.critical && eku.usages.length === 1 && eku.usages[0] === TSP_OID.timeStamping;
  const inPeriod = !!tsaFacts && facts.genTime >= tsaFacts.notBefore && facts.genTime <= tsaFacts.notAfter;
  add(
    'TSA_CERTIFICATE',
    ekuOk && inPeriod,
    !tsaFacts
      ? 'no TSA certificate'
      : !ekuOk
        ? 'the certificate is not a time-stamping certificate (extended key usage timeStamping, critical, only)'
        : 'the TSA certificate was not valid at the time stated',
  );
  const chain: ChainCheck | null = tsaCert ? checkChain(tsaCert, opts.trust, facts.genTime, { compromiseVoids: true }) : null;
  const revocation = !!chain && !!chain.revoked;
  add('TSA_CHAIN', !!chain && (chain.ok || revocation), chain?.reason ?? 'no TSA certificate');
  add('TSA_NOT_REVOKED', !!chain && chain.ok, chain?.reason ?? 'no TSA certificate');
  return { valid: checks.every((c) => c.ok), checks, genTime: facts.genTime, tsaSubject: tsaFacts?.subject ?? null };
}

/** The signed attributes as signed (the [0] IMPLICIT read back as the SET OF it stands for) and their values. */
function signedAttributes(signer: cms.SignerInfo, received: Uint8Array | null) {
  const raw = received ? received.slice() : null;
  if (!raw || !signer.signedAttrs) return null;
  if (raw[0] !== 0xa0) return null;
  raw[0] = 0x31;
  const one = (type: string) => {
    const a = signer.signedAttrs?.filter((x) => x.attrType === type) ?? [];
    return a.length === 1 && a[0]?.attrValues.length === 1 ? (a[0].attrValues[0] as ArrayBuffer) : null;
  };
  const ct = one(TSP_OID.contentType);
  const md = one(TSP_OID.messageDigest);
  const ess = one(TSP_OID.signingCertificateV2);
  if (!ct || !md || !ess) return null;
  const ctParsed = asn1js.fromBER(ct).result;
  const mdParsed = asn1js.fromBER(md).result;
  if (!(ctParsed instanceof asn1js.ObjectIdentifier) || !(mdParsed instanceof asn1js.OctetString)) return null;
  // SigningCertificateV2 ::= SEQUENCE { certs SEQUENCE OF ESSCertIDv2, ... }; ESSCertIDv2 ::= SEQUENCE {
  // hashAlgorithm AlgorithmIdentifier DEFAULT sha256, certHash OCTET STRING, issuerSerial OPTIONAL }
  const essParsed = asn1js.fromBER(ess).result;
  const certs = essParsed instanceof asn1js.Sequence ? essParsed.valueBlock.value[0] : null;
  let essAlgorithm: HashAlgorithm = 'SHA-256';
  const essHashes: string[] = [];
  if (certs instanceof asn1js.Sequence) {
    for (const id of certs.valueBlock.value) {
      if (!(id instanceof asn1js.Sequence)) continue;
      let [first, second] = id.valueBlock.value;
      if (first instanceof asn1js.Sequence) {
        const oid = first.valueBlock.value[0];
        const h = oid instanceof asn1js.ObjectIdentifier ? hashAlgorithmOfOid(oid.getValue()) : null;
        if (!h) continue;
        essAlgorithm = h;
        first = second;
        second = undefined;
      }
      if (first instanceof asn1js.OctetString) essHashes.push(Buffer.from(first.valueBlock.valueHexView).toString('hex'));
    }
  }
  return {
    raw,
    contentType: ctParsed.getValue(),
    messageDigest: Buffer.from(mdParsed.valueBlock.valueHexView).toString('hex'),
    essAlgorithm,
    essHashes,
  };
}
