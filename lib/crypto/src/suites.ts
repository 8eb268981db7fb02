// The two algorithm suites (DESIGN §2 "Crypto"): RSA with SHA-256, and the national algorithms SM2 with SM3. A key
// pair is kept as text: PEM (PKCS#8 / SPKI) for RSA, hex for SM2 (the private scalar; the public point 04‖x‖y).
// Signing and verifying go through here, so nothing else needs to know which library does which suite.
import crypto from 'node:crypto';
import { AsnConvert } from '@peculiar/asn1-schema';
import { AlgorithmIdentifier, SubjectPublicKeyInfo } from '@peculiar/asn1-x509';
import * as asn1js from 'asn1js';
import { sm2, sm3 } from 'sm-crypto-v2';
import { sm2SignRaw } from './sm2-sign.ts';

export type Suite = 'RSA' | 'SM2';
export const SUITES: Suite[] = ['RSA', 'SM2'];

export const OID = {
  rsaEncryption: '1.2.840.113549.1.1.1',
  sha256WithRSA: '1.2.840.113549.1.1.11',
  ecPublicKey: '1.2.840.10045.2.1',
  sm2Curve: '1.2.156.10197.1.301',
  sm2WithSm3: '1.2.156.10197.1.501',
} as const;

export interface KeyPair {
  suite: Suite;
  privateKey: string;
  publicKey: string;
}

export function generateKeyPair(suite: Suite): KeyPair {
  if (suite === 'SM2') {
    const k = sm2.generateKeyPairHex();
    return { suite, privateKey: k.privateKey, publicKey: k.publicKey };
  }
  const k = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
  return {
    suite,
    privateKey: k.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    publicKey: k.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  };
}

const bytes = (hex: string) => new Uint8Array(Buffer.from(hex, 'hex'));

/** The signature algorithm of a suite, as certificates and CRLs name it. */
export const signatureAlgorithm = (suite: Suite) =>
  suite === 'SM2' ? new AlgorithmIdentifier({ algorithm: OID.sm2WithSm3 }) : new AlgorithmIdentifier({ algorithm: OID.sha256WithRSA, parameters: null });

export const suiteOfSignatureAlgorithm = (oid: string): Suite | null => (oid === OID.sm2WithSm3 ? 'SM2' : oid === OID.sha256WithRSA ? 'RSA' : null);

/** Signs with the suite's algorithm: RSA PKCS#1 v1.5 over SHA-256, or SM2 over SM3 with the standard user id (DER). */
export function sign(suite: Suite, privateKey: string, data: Uint8Array): Uint8Array {
  if (suite === 'SM2') return sm2RawToDer(sm2SignRaw(privateKey, data));
  return crypto.sign('sha256', data, privateKey);
}

// SM2 verification with a precomputed table of the public key is several times faster; the keys verified again
// and again are few (the CA's, the seal maker's, each seal's), so the tables are kept, a bounded number of them.
const sm2Tables = new Map<string, ReturnType<typeof sm2.precomputePublicKey>>();
function sm2Table(publicKey: string) {
  let table = sm2Tables.get(publicKey);
  if (!table) {
    table = sm2.precomputePublicKey(publicKey);
    if (sm2Tables.size >= 500) sm2Tables.delete(sm2Tables.keys().next().value as string);
    sm2Tables.set(publicKey, table);
  }
  return table;
}

export function verify(suite: Suite, publicKey: string, data: Uint8Array, signature: Uint8Array): boolean {
  try {
    if (suite === 'SM2')
      return (
        sm2DerParts(signature) !== null && sm2.doVerifySignature(data, Buffer.from(signature).toString('hex'), sm2Table(publicKey), { hash: true, der: true })
      );
    return crypto.verify('sha256', data, publicKey, signature);
  } catch {
    return false;
  }
}

/** The suite's digest of content: SHA-256 or SM3, hex. */
export function digest(suite: Suite, data: Uint8Array): string {
  return suite === 'SM2' ? sm3(data) : crypto.createHash('sha256').update(data).digest('hex');
}

/** SubjectPublicKeyInfo (DER) of a public key. */
export function spkiOf(suite: Suite, publicKey: string): Uint8Array {
  if (suite === 'RSA') return new Uint8Array(crypto.createPublicKey(publicKey).export({ type: 'spki', format: 'der' }));
  const spki = new SubjectPublicKeyInfo({
    algorithm: new AlgorithmIdentifier({ algorithm: OID.ecPublicKey, parameters: encodeOid(OID.sm2Curve) }),
    subjectPublicKey: bytes(publicKey).slice().buffer,
  });
  return new Uint8Array(AsnConvert.serialize(spki));
}

/** The public key in a SubjectPublicKeyInfo, with its suite; null for any other kind of key. */
export function publicKeyFromSpki(der: Uint8Array): { suite: Suite; publicKey: string } | null {
  const spki = AsnConvert.parse(der, SubjectPublicKeyInfo);
  if (spki.algorithm.algorithm === OID.rsaEncryption) {
    return {
      suite: 'RSA',
      publicKey: crypto
        .createPublicKey({ key: Buffer.from(der), format: 'der', type: 'spki' })
        .export({ type: 'spki', format: 'pem' })
        .toString(),
    };
  }
  if (spki.algorithm.algorithm === OID.ecPublicKey && spki.algorithm.parameters) {
    if (decodeOid(spki.algorithm.parameters) === OID.sm2Curve) return { suite: 'SM2', publicKey: Buffer.from(spki.subjectPublicKey).toString('hex') };
  }
  return null;
}

// The curve parameter of an EC key: an OBJECT IDENTIFIER on its own.
const encodeOid = (oid: string) => new asn1js.ObjectIdentifier({ value: oid }).toBER();
function decodeOid(der: ArrayBuffer): string | null {
  const parsed = asn1js.fromBER(der);
  return parsed.result instanceof asn1js.ObjectIdentifier ? parsed.result.getValue() : null;
}

/**
 * The r and s of an SM2 signature in strict DER (SEQUENCE { INTEGER r, INTEGER s }, GM/T 0009): minimal, positive
 * integers of at most 32 bytes of value (a 0x00 before a high bit, none otherwise), nothing after. So 70 to 72 bytes
 * usually, fewer when r or s has leading zero bytes. Null for anything else: a raw r‖s, BER, padding, trailing bytes.
 */
export function sm2DerParts(sig: Uint8Array): { r: Uint8Array; s: Uint8Array } | null {
  if (sig.length < 8 || sig[0] !== 0x30 || sig[1] !== sig.length - 2 || (sig[1] as number) > 0x7f) return null;
  const parts: Uint8Array[] = [];
  let at = 2;
  for (let i = 0; i < 2; i++) {
    if (sig[at] !== 0x02) return null;
    const len = sig[at + 1] as number;
    if (len < 1 || len > 33 || at + 2 + len > sig.length) return null;
    const v = sig.subarray(at + 2, at + 2 + len);
    if ((v[0] as number) & 0x80) return null; // negative
    if (len > 1 && v[0] === 0 && !((v[1] as number) & 0x80)) return null; // not minimal
    if (len === 33 && v[0] !== 0) return null;
    const value = v[0] === 0 && len > 1 ? v.subarray(1) : v;
    if (value.every((b) => b === 0)) return null; // zero
    parts.push(value);
    at += 2 + len;
  }
  if (at !== sig.length) return null;
  return { r: parts[0] as Uint8Array, s: parts[1] as Uint8Array };
}

/** An SM2 signature as the 64 bytes r‖s (each left-padded to 32 bytes), as devices and some APIs want it. */
export function sm2DerToRaw(sig: Uint8Array): Uint8Array {
  const p = sm2DerParts(sig);
  if (!p) throw new Error('not a DER SM2 signature');
  const out = new Uint8Array(64);
  out.set(p.r, 32 - p.r.length);
  out.set(p.s, 64 - p.s.length);
  return out;
}

/** An SM2 signature r‖s (64 bytes) in DER: leading zero bytes dropped, a 0x00 before a high bit. */
export function sm2RawToDer(raw: Uint8Array): Uint8Array {
  if (raw.length !== 64) throw new Error('an SM2 signature r‖s has 64 bytes');
  const integer = (v: Uint8Array) => {
    let i = 0;
    while (i < v.length - 1 && v[i] === 0) i++;
    const body = v.subarray(i);
    const pad = (body[0] as number) & 0x80 ? [0] : [];
    return [0x02, body.length + pad.length, ...pad, ...body];
  };
  const seq = [...integer(raw.subarray(0, 32)), ...integer(raw.subarray(32))];
  return new Uint8Array([0x30, seq.length, ...seq]);
}
