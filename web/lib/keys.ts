'use client';
// A person's own signature in the browser (certificate login; a 签收 receipt, an approval or 签发 signed with their own
// certificate): the holder's private key signs the server's text here and never leaves the machine. RSA keys as PKCS#8 PEM (WebCrypto,
// RSA/SHA-256); SM2 keys as OpenSSL or GmSSL write them (PKCS#8 or SEC1 PEM) or as the 64-hex-digit private scalar
// (sm-crypto-v2, SM2/SM3 with the standard user id).
import { sm2 } from 'sm-crypto-v2';
import { PlatformError } from './client';

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

/** `text` signed with the key file's key (base64), or NOT_A_KEY in the person's words. */
export async function signWithKeyFile(keyText: string, text: string): Promise<string> {
  try {
    return await signChallenge(keyText, text);
  } catch {
    throw new PlatformError(
      '私钥文件无法读取：请选择 PEM 格式的私钥文件（RSA 或 SM2，未加密），或 SM2 私钥的 64 位十六进制。平台交付的 .p12 文件须先导出私钥，见“数字证书”页的说明',
      'NOT_A_KEY',
    );
  }
}

/**
 * A record the server handed out (receiptToSign, approvalToSign) signed with the key file's key: the `ownSignature`
 * the act takes, the record given back exactly as it came.
 */
export async function ownSignature(keyText: string, record: string): Promise<{ receipt: string; signature: string }> {
  return { receipt: record, signature: await signWithKeyFile(keyText, record) };
}
