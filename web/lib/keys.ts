'use client';
// A person's own signature in the browser (certificate login; a 签收 receipt, an approval or 签发 signed with their own
// certificate): the holder's private key signs the server's text here and never leaves the machine. RSA keys as PKCS#8 PEM (WebCrypto,
// RSA/SHA-256); SM2 keys as OpenSSL or GmSSL write them (PKCS#8 or SEC1 PEM) or as the 64-hex-digit private scalar
// (sm-crypto-v2, SM2/SM3 with the standard user id).
import { PlatformError } from './client';
import { signChallenge } from './key-files';

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
