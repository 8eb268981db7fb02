// A person's key file read and used in the browser: the PKCS#12 file the platform hands over with a server-made key
// (opened with its password by node-forge, loaded only then); RSA as PKCS#8 PEM (WebCrypto, RSA/SHA-256); SM2 as
// OpenSSL and GmSSL write it (PKCS#8 or SEC1 PEM) or as its 64-hex-digit scalar (sm-crypto-v2, SM2/SM3 with the
// standard user id). Self-contained (node's tests read it as it is); lib/keys.ts says a refusal in the person's words.
import type forgeTypes from 'node-forge';
import { sm2 } from 'sm-crypto-v2';

/** A key file as the person chose it: its bytes, and the password a PKCS#12 file is opened with. */
export interface KeyFile {
  bytes: Uint8Array;
  password?: string;
}

/** A PKCS#12 file is DER: a SEQUENCE with a long length (the other key files are text, a hex key may begin with '0'). */
export const isPkcs12 = (bytes: Uint8Array) => bytes[0] === 0x30 && (bytes[1] ?? 0) >= 0x81 && (bytes[1] ?? 0) <= 0x84;

/**
 * The private key inside a PKCS#12 file as PKCS#8 PEM; throws KEY_PASSWORD_WRONG when its password does not open it,
 * NOT_A_KEY when it holds no key this page reads.
 */
export async function pemFromPkcs12(bytes: Uint8Array, password: string): Promise<string> {
  const { default: forge } = await import('node-forge');
  let p12: ReturnType<typeof forge.pkcs12.pkcs12FromAsn1>;
  try {
    const asn1 = forge.asn1.fromDer(forge.util.binary.raw.encode(bytes));
    p12 = forge.pkcs12.pkcs12FromAsn1(asn1, false, password);
  } catch (e) {
    // forge says so when the file's integrity check (its MAC, keyed by the password) fails.
    throw new Error(/password/i.test((e as Error).message ?? '') ? 'KEY_PASSWORD_WRONG' : 'NOT_A_KEY');
  }
  const bags = [
    ...(p12.getBags({ bagType: forge.pki.oids.pkcs8ShroudedKeyBag as string })[forge.pki.oids.pkcs8ShroudedKeyBag as string] ?? []),
    ...(p12.getBags({ bagType: forge.pki.oids.keyBag as string })[forge.pki.oids.keyBag as string] ?? []),
  ];
  const key = bags.find((b) => b.key)?.key as forgeTypes.pki.rsa.PrivateKey | undefined;
  if (!key) throw new Error('NOT_A_KEY');
  return forge.pki.privateKeyInfoToPem(forge.pki.wrapRsaPrivateKey(forge.pki.privateKeyToAsn1(key)));
}

/** `challenge` signed with the key of the file chosen (base64): a PKCS#12 file opened with its password, or a key's text. */
export async function signWithKey(file: KeyFile, challenge: string): Promise<string> {
  const text = isPkcs12(file.bytes) ? await pemFromPkcs12(file.bytes, file.password ?? '') : new TextDecoder().decode(file.bytes);
  return signChallenge(text, challenge);
}

const toBase64 = (bytes: ArrayBuffer | Uint8Array) => btoa(String.fromCharCode(...new Uint8Array(bytes)));

/** The SM2 curve's OID (1.2.156.10197.1.301), DER-encoded, as a PKCS#8 or SEC1 key file names it. */
const SM2_OID = [0x06, 0x08, 0x2a, 0x81, 0x1c, 0xcf, 0x55, 0x01, 0x82, 0x2d];

const indexOf = (hay: Uint8Array, needle: number[], from = 0) => {
  for (let i = from; i <= hay.length - needle.length; i++) if (needle.every((b, j) => hay[i + j] === b)) return i;
  return -1;
};

/**
 * The private scalar of an SM2 key as OpenSSL and GmSSL write it (PKCS#8 "PRIVATE KEY" or SEC1 "EC PRIVATE KEY"), as
 * 64 hex digits; null for another key. The ECPrivateKey inside holds it as version 1 then a 32-byte OCTET STRING.
 */
function sm2Scalar(der: Uint8Array): string | null {
  if (indexOf(der, SM2_OID) < 0) return null;
  const at = indexOf(der, [0x02, 0x01, 0x01, 0x04, 0x20]);
  if (at < 0) return null;
  return [...der.subarray(at + 5, at + 37)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

function signSm2(scalarHex: string, challenge: string): string {
  const hex = sm2.doSignature(new TextEncoder().encode(challenge), scalarHex.toLowerCase(), { hash: true, der: true });
  return toBase64(Uint8Array.from(hex.match(/../g) ?? [], (h) => Number.parseInt(h, 16)));
}

/** `challenge` signed with the key in `keyText` (base64); throws NOT_A_KEY for a file that holds none it reads. */
export async function signChallenge(keyText: string, challenge: string): Promise<string> {
  const text = keyText.trim();
  const pem = /-----BEGIN (EC )?PRIVATE KEY-----([A-Za-z0-9+/=\s]+)-----END (EC )?PRIVATE KEY-----/.exec(text);
  if (pem) {
    const der = Uint8Array.from(atob((pem[2] ?? '').replace(/\s+/g, '')), (c) => c.charCodeAt(0));
    const scalar = sm2Scalar(der);
    if (scalar) return signSm2(scalar, challenge);
    const key = await crypto.subtle.importKey('pkcs8', der, { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }, false, ['sign']);
    return toBase64(await crypto.subtle.sign('RSASSA-PKCS1-v1_5', key, new TextEncoder().encode(challenge)));
  }
  if (/^[0-9a-fA-F]{64}$/.test(text)) return signSm2(text, challenge);
  throw new Error('NOT_A_KEY');
}
