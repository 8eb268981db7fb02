'use client';
// A person's own signature in the browser (certificate login; a 签收 receipt, an approval or 签发 signed with their own
// certificate): the holder's private key signs the server's text here and never leaves the machine. RSA keys as PKCS#8 PEM (WebCrypto,
// RSA/SHA-256); SM2 keys as the 64-hex-digit private scalar (sm-crypto-v2, SM2/SM3 with the standard user id).
import { sm2 } from 'sm-crypto-v2';
import { PlatformError } from './client';

const toBase64 = (bytes: ArrayBuffer | Uint8Array) => btoa(String.fromCharCode(...new Uint8Array(bytes)));

export async function signChallenge(keyText: string, challenge: string): Promise<string> {
  const text = keyText.trim();
  const pem = /-----BEGIN PRIVATE KEY-----([A-Za-z0-9+/=\s]+)-----END PRIVATE KEY-----/.exec(text);
  if (pem) {
    const der = Uint8Array.from(atob((pem[1] ?? '').replace(/\s+/g, '')), (c) => c.charCodeAt(0));
    const key = await crypto.subtle.importKey('pkcs8', der, { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }, false, ['sign']);
    return toBase64(await crypto.subtle.sign('RSASSA-PKCS1-v1_5', key, new TextEncoder().encode(challenge)));
  }
  if (/^[0-9a-fA-F]{64}$/.test(text)) {
    const hex = sm2.doSignature(new TextEncoder().encode(challenge), text.toLowerCase(), { hash: true, der: true });
    return toBase64(Uint8Array.from(hex.match(/../g) ?? [], (h) => Number.parseInt(h, 16)));
  }
  throw new Error('NOT_A_KEY');
}

/** `text` signed with the key file's key (base64), or NOT_A_KEY in the person's words. */
export async function signWithKeyFile(keyText: string, text: string): Promise<string> {
  try {
    return await signChallenge(keyText, text);
  } catch {
    throw new PlatformError('私钥文件无法读取：RSA 私钥为 PKCS#8 PEM，SM2 私钥为 64 位十六进制', 'NOT_A_KEY');
  }
}

/**
 * A record the server handed out (receiptToSign, approvalToSign) signed with the key file's key: the `ownSignature`
 * the act takes, the record given back exactly as it came.
 */
export async function ownSignature(keyText: string, record: string): Promise<{ receipt: string; signature: string }> {
  return { receipt: record, signature: await signWithKeyFile(keyText, record) };
}
