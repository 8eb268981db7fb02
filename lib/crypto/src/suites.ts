// The two algorithm suites (DESIGN §2 "Crypto"): RSA with SHA-256, and the national algorithms SM2 with SM3. A key
// pair is kept as text: PEM (PKCS#8 / SPKI) for RSA, hex for SM2 (the private scalar; the public point 04‖x‖y).
// Signing and verifying go through here, so nothing else needs to know which library does which suite.
import crypto from 'node:crypto';
import { AsnConvert } from '@peculiar/asn1-schema';
import { AlgorithmIdentifier, SubjectPublicKeyInfo } from '@peculiar/asn1-x509';
import * as asn1js from 'asn1js';
import { sm2, sm3 } from 'sm-crypto-v2';

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

/** Signs with the suite's algorithm: RSA PKCS#1 v1.5 over SHA-256, or SM2 over SM3 with the standard user id. */
export function sign(suite: Suite, privateKey: string, data: Uint8Array): Uint8Array {
  if (suite === 'SM2') return Buffer.from(sm2.doSignature(data, privateKey, { hash: true, der: true }), 'hex');
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
    if (suite === 'SM2') return sm2.doVerifySignature(data, Buffer.from(signature).toString('hex'), sm2Table(publicKey), { hash: true, der: true });
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
