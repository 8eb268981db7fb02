// The seal and the stamp in the encoding of GB/T 38540-2020 (安全电子签章密码技术规范), version 4:
//
//   SESeal ::= SEQUENCE { esealInfo SES_SealInfo, cert OCTET STRING (制章者证书), signAlgID OBJECT IDENTIFIER,
//                         signedValue BIT STRING (制章者签名) }
//   SES_SealInfo ::= SEQUENCE { header SES_Header, esID IA5String, property SES_ESPropertyInfo,
//                               picture SES_ESPictrueInfo, extDatas ExtensionDatas OPTIONAL }
//   SES_Header ::= SEQUENCE { ID IA5String ("ES"), version INTEGER (4), Vid IA5String }
//   SES_ESPropertyInfo ::= SEQUENCE { type INTEGER, name UTF8String, certListType INTEGER (1: certificates),
//                                     certList SEQUENCE OF OCTET STRING, createDate GeneralizedTime,
//                                     validStart GeneralizedTime, validEnd GeneralizedTime }
//   SES_ESPictrueInfo ::= SEQUENCE { type IA5String, data OCTET STRING, width INTEGER, height INTEGER } (mm)
//   ExtensionDatas ::= SEQUENCE OF ExtData; ExtData ::= SEQUENCE { extnID OID, critical BOOLEAN DEFAULT FALSE,
//                                                                 extnValue OCTET STRING }
//   SES_Signature ::= SEQUENCE { toSign TBS_Sign, cert OCTET STRING (签章者证书), signatureAlgID OBJECT IDENTIFIER,
//                                signature BIT STRING, timeStamp [0] EXPLICIT BIT STRING OPTIONAL }
//   TBS_Sign ::= SEQUENCE { version INTEGER (4), eseal SESeal, timeInfo GeneralizedTime, dataHash BIT STRING,
//                           propertyInfo IA5String, extDatas [0] EXPLICIT ExtensionDatas OPTIONAL }
//
// The seal maker signs the DER of SES_SealInfo, the signer the DER of TBS_Sign (as ofdrw and the GM/T 0031/38540
// verifiers do); SM2 signatures are DER SEQUENCE { r, s } over SM3 with the user id 1234567812345678, RSA ones
// PKCS#1 v1.5 over SHA-256. The time stamp is an RFC 3161 token over the signature value. Encoded and read with
// asn1js; every signature is checked over the bytes as received.
import * as asn1js from 'asn1js';
import { checkChain, type TrustMaterial } from './chain.ts';
import { oidOf } from './der.ts';
import { digest, OID, publicKeyFromSpki, type Suite, sign, suiteOfSignatureAlgorithm, verify } from './suites.ts';
import { verifyTimestampToken, YIZHAN_OID_ARC } from './tsp.ts';
import { fingerprintOf, readCertificate } from './x509.ts';

export const SES_VERSION = 4;
export const SES_HEADER_ID = 'ES';
/** The vendor id (Vid) of the header: who made the seal software. */
export const SES_VENDOR = 'YIZHAN';
/** 印章类型: 1, a unit's official seal (单位印章); the platform makes no personal seals. */
export const SES_TYPE_UNIT = 1;
export const SES_CERT_LIST_CERTIFICATES = 1;
/** Extension data of a seal: the id of the unit it belongs to (UTF-8). */
export const SES_EXT_UNIT_ID = `${YIZHAN_OID_ARC}.2.1`;

const signatureOid = (suite: Suite) => (suite === 'SM2' ? OID.sm2WithSm3 : OID.sha256WithRSA);
const buf = (u: Uint8Array) => new Uint8Array(u).buffer;
const seconds = (d: Date) => new Date(Math.floor(d.getTime() / 1000) * 1000);
const time = (d: Date) => new asn1js.GeneralizedTime({ valueDate: seconds(d) });
const toDer = (b: asn1js.BaseBlock) => new Uint8Array(b.toBER(false));

export interface ExtData {
  oid: string;
  critical: boolean;
  value: Uint8Array;
}

export interface SealInfoFields {
  esID: string;
  type: number;
  name: string;
  /** The signer certificates the seal lists (certListType 1), DER. */
  certificates: Uint8Array[];
  createDate: Date;
  validStart: Date;
  validEnd: Date;
  picture: { type: string; data: Uint8Array; widthMm: number; heightMm: number };
  extDatas?: ExtData[];
}

const extDatas = (list: ExtData[]) =>
  new asn1js.Sequence({
    value: list.map(
      (e) =>
        new asn1js.Sequence({
          value: [
            new asn1js.ObjectIdentifier({ value: e.oid }),
            // DEFAULT FALSE: absent when false, in DER.
            ...(e.critical ? [new asn1js.Boolean({ value: true })] : []),
            new asn1js.OctetString({ valueHex: buf(e.value) }),
          ],
        }),
    ),
  });

/** SES_SealInfo, DER: what the seal maker signs. Times in whole seconds. */
export function encodeSealInfo(f: SealInfoFields): Uint8Array {
  return toDer(
    new asn1js.Sequence({
      value: [
        new asn1js.Sequence({
          value: [new asn1js.IA5String({ value: SES_HEADER_ID }), new asn1js.Integer({ value: SES_VERSION }), new asn1js.IA5String({ value: SES_VENDOR })],
        }),
        new asn1js.IA5String({ value: f.esID }),
        new asn1js.Sequence({
          value: [
            new asn1js.Integer({ value: f.type }),
            new asn1js.Utf8String({ value: f.name }),
            new asn1js.Integer({ value: SES_CERT_LIST_CERTIFICATES }),
            new asn1js.Sequence({ value: f.certificates.map((c) => new asn1js.OctetString({ valueHex: buf(c) })) }),
            time(f.createDate),
            time(f.validStart),
            time(f.validEnd),
          ],
        }),
        new asn1js.Sequence({
          value: [
            new asn1js.IA5String({ value: f.picture.type }),
            new asn1js.OctetString({ valueHex: buf(f.picture.data) }),
            new asn1js.Integer({ value: f.picture.widthMm }),
            new asn1js.Integer({ value: f.picture.heightMm }),
          ],
        }),
        ...(f.extDatas?.length ? [extDatas(f.extDatas)] : []),
      ],
    }),
  );
}

/** Wraps raw DER so that asn1js writes it out unchanged. */
const rawDer = (der: Uint8Array) => {
  const parsed = asn1js.fromBER(buf(der));
  if (parsed.offset === -1) throw new Error('not DER');
  return parsed.result;
};

/** SESeal, DER: the seal information, the maker's certificate and its signature over the information. */
export function assembleSeal(sealInfo: Uint8Array, makerCertificate: Uint8Array, suite: Suite, signature: Uint8Array): Uint8Array {
  return toDer(
    new asn1js.Sequence({
      value: [
        rawDer(sealInfo),
        new asn1js.OctetString({ valueHex: buf(makerCertificate) }),
        new asn1js.ObjectIdentifier({ value: signatureOid(suite) }),
        new asn1js.BitString({ valueHex: buf(signature) }),
      ],
    }),
  );
}

/** Makes a seal with the maker's key at hand (tests, tools); the platform's maker signs through the CA. */
export function makeSesSeal(fields: SealInfoFields, maker: { suite: Suite; certificate: Uint8Array; privateKey: string }): Uint8Array {
  const info = encodeSealInfo(fields);
  return assembleSeal(info, maker.certificate, maker.suite, sign(maker.suite, maker.privateKey, info));
}

export interface TbsSignFields {
  /** The SESeal, DER. */
  seal: Uint8Array;
  timeInfo: Date;
  /** The digest of the signed content (SM3 or SHA-256), hex. */
  dataHash: string;
  /** 原文数据的属性: what was signed and how, at least the scope of the signature (ASCII). */
  propertyInfo: string;
  extDatas?: ExtData[];
}

/** TBS_Sign, DER: what the seal's key signs. */
export function encodeTbsSign(f: TbsSignFields): Uint8Array {
  return toDer(
    new asn1js.Sequence({
      value: [
        new asn1js.Integer({ value: SES_VERSION }),
        rawDer(f.seal),
        time(f.timeInfo),
        new asn1js.BitString({ valueHex: buf(Buffer.from(f.dataHash, 'hex')) }),
        new asn1js.IA5String({ value: f.propertyInfo }),
        ...(f.extDatas?.length ? [new asn1js.Constructed({ idBlock: { tagClass: 3, tagNumber: 0 }, value: [extDatas(f.extDatas)] })] : []),
      ],
    }),
  );
}

/** SES_Signature, DER: the signed TBS_Sign with the signer's certificate and, if given, the time stamp of the signature. */
export function assembleSesSignature(tbs: Uint8Array, signerCertificate: Uint8Array, suite: Suite, signature: Uint8Array, timeStamp?: Uint8Array): Uint8Array {
  return toDer(
    new asn1js.Sequence({
      value: [
        rawDer(tbs),
        new asn1js.OctetString({ valueHex: buf(signerCertificate) }),
        new asn1js.ObjectIdentifier({ value: signatureOid(suite) }),
        new asn1js.BitString({ valueHex: buf(signature) }),
        ...(timeStamp ? [new asn1js.Constructed({ idBlock: { tagClass: 3, tagNumber: 0 }, value: [new asn1js.BitString({ valueHex: buf(timeStamp) })] })] : []),
      ],
    }),
  );
}

/** The same signature with its time stamp (an RFC 3161 token over the signature value) added or replaced. */
export function withTimeStamp(sesSignature: Uint8Array, token: Uint8Array): Uint8Array {
  const s = readSesSignature(sesSignature);
  const suite = suiteOfSignatureAlgorithm(s.signatureAlgorithm);
  if (!suite) throw new Error('unknown signature algorithm');
  return assembleSesSignature(s.tbsDer, s.certificate, suite, s.signature, token);
}

export interface SesSealFacts {
  der: Uint8Array;
  sealInfoDer: Uint8Array;
  header: { id: string; version: number; vid: string };
  esID: string;
  property: { type: number; name: string; certListType: number; certificates: Uint8Array[]; createDate: Date; validStart: Date; validEnd: Date };
  picture: { type: string; data: Uint8Array; width: number; height: number };
  extDatas: ExtData[];
  makerCertificate: Uint8Array;
  signatureAlgorithm: string;
  signature: Uint8Array;
}

export interface SesSignatureFacts {
  der: Uint8Array;
  tbsDer: Uint8Array;
  version: number;
  seal: SesSealFacts;
  timeInfo: Date;
  dataHash: string;
  propertyInfo: string;
  extDatas: ExtData[];
  certificate: Uint8Array;
  signatureAlgorithm: string;
  signature: Uint8Array;
  timeStamp: Uint8Array | null;
}

class Malformed extends Error {}

function expect<T extends asn1js.BaseBlock>(block: asn1js.BaseBlock | undefined, type: new (...args: never[]) => T, what: string): T {
  if (!(block instanceof type)) throw new Malformed(`${what} is missing or of the wrong type`);
  return block;
}
const items = (b: asn1js.BaseBlock | undefined, what: string) => expect(b, asn1js.Sequence, what).valueBlock.value;
const bytesOf = (b: asn1js.OctetString | asn1js.BitString) => new Uint8Array(b.valueBlock.valueHexView);
const int = (b: asn1js.BaseBlock | undefined, what: string) => expect(b, asn1js.Integer, what).valueBlock.valueDec;
const ia5 = (b: asn1js.BaseBlock | undefined, what: string) => expect(b, asn1js.IA5String, what).valueBlock.value;
const gtime = (b: asn1js.BaseBlock | undefined, what: string) => expect(b, asn1js.GeneralizedTime, what).toDate();
const raw = (b: asn1js.BaseBlock) => new Uint8Array(b.valueBeforeDecodeView);

function parseDer(der: Uint8Array, what: string): asn1js.BaseBlock {
  const parsed = asn1js.fromBER(buf(der));
  if (parsed.offset === -1 || parsed.offset !== der.length) throw new Malformed(`${what} is not one DER value`);
  return parsed.result;
}

function readExtDatas(b: asn1js.BaseBlock | undefined): ExtData[] {
  if (!b) return [];
  return items(b, 'extDatas').map((e) => {
    const [oid, second, third] = items(e, 'ExtData');
    const critical = second instanceof asn1js.Boolean ? second.getValue() : false;
    const value = expect(second instanceof asn1js.Boolean ? third : second, asn1js.OctetString, 'extnValue');
    return { oid: oidOf(expect(oid, asn1js.ObjectIdentifier, 'extnID')), critical, value: bytesOf(value) };
  });
}

function readSealBlock(block: asn1js.BaseBlock): SesSealFacts {
  const [info, cert, alg, sig] = items(block, 'SESeal');
  const [header, esID, property, picture, ext] = items(info, 'SES_SealInfo');
  const [hid, hversion, vid] = items(header, 'SES_Header');
  const [type, name, certListType, certList, createDate, validStart, validEnd] = items(property, 'SES_ESPropertyInfo');
  const [ptype, pdata, width, height] = items(picture, 'SES_ESPictrueInfo');
  return {
    der: raw(block),
    sealInfoDer: raw(info as asn1js.BaseBlock),
    header: { id: ia5(hid, 'ID'), version: int(hversion, 'version'), vid: ia5(vid, 'Vid') },
    esID: ia5(esID, 'esID'),
    property: {
      type: int(type, 'type'),
      name: expect(name, asn1js.Utf8String, 'name').valueBlock.value,
      certListType: int(certListType, 'certListType'),
      certificates: items(certList, 'certList').map((c) => bytesOf(expect(c, asn1js.OctetString, 'certificate'))),
      createDate: gtime(createDate, 'createDate'),
      validStart: gtime(validStart, 'validStart'),
      validEnd: gtime(validEnd, 'validEnd'),
    },
    picture: {
      type: ia5(ptype, 'picture type'),
      data: bytesOf(expect(pdata, asn1js.OctetString, 'picture data')),
      width: int(width, 'width'),
      height: int(height, 'height'),
    },
    extDatas: readExtDatas(ext),
    makerCertificate: bytesOf(expect(cert, asn1js.OctetString, 'cert')),
    signatureAlgorithm: oidOf(expect(alg, asn1js.ObjectIdentifier, 'signAlgID')),
    signature: bytesOf(expect(sig, asn1js.BitString, 'signedValue')),
  };
}

/** What an SESeal says (nothing checked). Throws on anything that is not one. */
export function readSesSeal(der: Uint8Array): SesSealFacts {
  return readSealBlock(parseDer(der, 'SESeal'));
}

/** What an SES_Signature says (nothing checked). Throws on anything that is not one. */
export function readSesSignature(der: Uint8Array): SesSignatureFacts {
  const [tbs, cert, alg, sig, ts] = items(parseDer(der, 'SES_Signature'), 'SES_Signature');
  const [version, seal, timeInfo, dataHash, propertyInfo, ext] = items(tbs, 'TBS_Sign');
  let timeStamp: Uint8Array | null = null;
  if (ts) {
    if (ts.idBlock.tagClass !== 3 || ts.idBlock.tagNumber !== 0 || !(ts instanceof asn1js.Constructed)) throw new Malformed('timeStamp is not [0]');
    timeStamp = bytesOf(expect(ts.valueBlock.value[0], asn1js.BitString, 'timeStamp'));
  }
  let extList: ExtData[] = [];
  if (ext) {
    if (ext.idBlock.tagClass !== 3 || ext.idBlock.tagNumber !== 0 || !(ext instanceof asn1js.Constructed)) throw new Malformed('extDatas is not [0]');
    extList = readExtDatas(ext.valueBlock.value[0]);
  }
  return {
    der,
    tbsDer: raw(tbs as asn1js.BaseBlock),
    version: int(version, 'version'),
    seal: readSealBlock(seal as asn1js.BaseBlock),
    timeInfo: gtime(timeInfo, 'timeInfo'),
    dataHash: Buffer.from(bytesOf(expect(dataHash, asn1js.BitString, 'dataHash'))).toString('hex'),
    propertyInfo: ia5(propertyInfo, 'propertyInfo'),
    extDatas: extList,
    certificate: bytesOf(expect(cert, asn1js.OctetString, 'cert')),
    signatureAlgorithm: oidOf(expect(alg, asn1js.ObjectIdentifier, 'signatureAlgID')),
    signature: bytesOf(expect(sig, asn1js.BitString, 'signature')),
    timeStamp,
  };
}

/** Signs a stamp with the seal's key at hand: TBS_Sign, the signature, the SES_Signature (without time stamp). */
export function makeSesSignature(fields: TbsSignFields, signer: { suite: Suite; certificate: Uint8Array; privateKey: string }): Uint8Array {
  const tbs = encodeTbsSign(fields);
  return assembleSesSignature(tbs, signer.certificate, signer.suite, sign(signer.suite, signer.privateKey, tbs));
}

/** The GB/T 38540 checks, in its order, plus the time stamp. */
export type SesCheckName =
  | 'FORMAT'
  | 'STAMP_SIGNATURE'
  | 'SIGNER_LISTED_BY_SEAL'
  | 'SEAL_SIGNATURE'
  | 'SEAL_VALID_AT_SIGNING'
  | 'CERTIFICATE_CHAIN'
  | 'CERTIFICATE_NOT_REVOKED_AT_SIGNING'
  | 'CONTENT_DIGEST'
  | 'TIMESTAMP';

export interface SesCheck {
  check: SesCheckName;
  ok: boolean;
  reason: string | null;
}

function signatureBy(certificate: Uint8Array, algorithm: string, data: Uint8Array, signature: Uint8Array): boolean {
  try {
    const suite = suiteOfSignatureAlgorithm(algorithm);
    const key = publicKeyFromSpki(readCertificate(certificate).spki);
    return !!suite && !!key && key.suite === suite && verify(suite, key.publicKey, data, signature);
  } catch {
    return false;
  }
}

/**
 * Verifies a stamp (SES_Signature) from its DER alone, offline: the signature over TBS_Sign with the signer
 * certificate it carries; that certificate listed by the seal; the seal maker's signature over the seal information;
 * the seal's period at the time of signing; with `trust`, the signer's and the maker's certificates chained to a
 * trusted root, valid and not revoked at signing by the CRLs given (`revocation: 'none'` when the caller asks the
 * CA's records instead); the content's digest (`content`, or `dataHash`);
 * the time stamp over the signature value (required with `requireTimeStamp`). Times: the time stamp's when present
 * and valid, else the stamp's own timeInfo. Nothing stops early: every check is named with why it failed.
 */
export function verifySesSignature(
  der: Uint8Array,
  opts: { content?: Uint8Array; dataHash?: string; trust?: TrustMaterial; requireTimeStamp?: boolean; revocation?: 'crl' | 'none' },
): { valid: boolean; checks: SesCheck[]; facts: SesSignatureFacts | null; signedAt: Date | null } {
  const checks: SesCheck[] = [];
  const add = (check: SesCheckName, ok: boolean, reason: string) => checks.push({ check, ok, reason: ok ? null : reason });
  let s: SesSignatureFacts;
  try {
    s = readSesSignature(der);
  } catch (e) {
    add('FORMAT', false, `not a GB/T 38540 SES_Signature: ${(e as Error).message}`);
    return { valid: false, checks, facts: null, signedAt: null };
  }
  const suite = suiteOfSignatureAlgorithm(s.signatureAlgorithm);
  add(
    'FORMAT',
    s.version === SES_VERSION && s.seal.header.id === SES_HEADER_ID && s.seal.header.version === SES_VERSION && !!suite,
    `version ${s.version}, seal header ${s.seal.header.id}/${s.seal.header.version}, algorithm ${s.signatureAlgorithm}: not a version 4 stamp of a known suite`,
  );
  // 1. The stamp's signature over TBS_Sign, with the signer certificate it carries.
  add(
    'STAMP_SIGNATURE',
    signatureBy(s.certificate, s.signatureAlgorithm, s.tbsDer, s.signature),
    'the signature does not match TBS_Sign and the signer certificate',
  );
  // 2. The signer certificate is one the seal lists.
  const signerPrint = (() => {
    try {
      return fingerprintOf(s.certificate);
    } catch {
      return null;
    }
  })();
  const listed = s.seal.property.certListType === SES_CERT_LIST_CERTIFICATES && s.seal.property.certificates.some((c) => fingerprintOf(c) === signerPrint);
  add('SIGNER_LISTED_BY_SEAL', listed, 'the seal does not list the signer certificate');
  // The time of signing: the time stamp's, when it holds, else the stamp's own word.
  let signedAt = s.timeInfo;
  if (s.timeStamp || opts.requireTimeStamp) {
    if (!s.timeStamp) add('TIMESTAMP', false, 'the stamp has no time stamp');
    else if (!opts.trust) add('TIMESTAMP', false, 'no trusted roots to check the time stamp with');
    else {
      const ts = verifyTimestampToken(s.timeStamp, { digest: digest(suite ?? 'RSA', s.signature), trust: opts.trust });
      const drift = ts.genTime ? Math.abs(ts.genTime.getTime() - s.timeInfo.getTime()) : Infinity;
      add(
        'TIMESTAMP',
        ts.valid && drift <= 10 * 60_000,
        ts.valid
          ? `the time stamp (${ts.genTime?.toISOString()}) is far from the stamp's time (${s.timeInfo.toISOString()})`
          : ts.checks
              .filter((c) => !c.ok)
              .map((c) => `${c.check}: ${c.reason}`)
              .join('; '),
      );
      if (ts.valid && ts.genTime) signedAt = ts.genTime;
    }
  }
  // 3. The seal maker's signature over the seal information, the maker's certificate, the seal's period.
  const makerSigned = signatureBy(s.seal.makerCertificate, s.seal.signatureAlgorithm, s.seal.sealInfoDer, s.seal.signature);
  const makerChain = opts.trust ? checkChain(s.seal.makerCertificate, opts.trust, signedAt, { revocation: opts.revocation }) : null;
  add(
    'SEAL_SIGNATURE',
    makerSigned && (!makerChain || makerChain.ok),
    !makerSigned ? 'the seal information is not signed by the maker certificate it carries' : `the seal maker’s certificate: ${makerChain?.reason}`,
  );
  const p = s.seal.property;
  add(
    'SEAL_VALID_AT_SIGNING',
    signedAt >= p.validStart && signedAt <= p.validEnd,
    `the stamp (${signedAt.toISOString()}) falls outside the seal’s validity (${p.validStart.toISOString()} – ${p.validEnd.toISOString()})`,
  );
  // 4. The signer certificate: chain, validity and revocation at the time of signing.
  if (opts.trust) {
    const chain = checkChain(s.certificate, opts.trust, signedAt, { revocation: opts.revocation });
    add('CERTIFICATE_CHAIN', chain.ok || !!chain.revoked, chain.reason ?? '');
    // Revoked only where the chain says so: a certificate that links to no given root is not thereby revoked (a reader
    // who left out a root was told its seal's certificate had been revoked or frozen).
    add('CERTIFICATE_NOT_REVOKED_AT_SIGNING', !chain.revoked, chain.reason ?? '');
  }
  // 5. The content against the digest that was signed, in the suite's digest.
  const expected = opts.content ? digest(suite ?? 'RSA', opts.content) : opts.dataHash?.toLowerCase();
  if (expected !== undefined) add('CONTENT_DIGEST', expected === s.dataHash, 'the content has changed since it was stamped (its digest differs)');
  return { valid: checks.every((c) => c.ok), checks, facts: s, signedAt };
}
