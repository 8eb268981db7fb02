'use client';
// A person's own signature in the browser (certificate login; a 签收 receipt, an approval or 签发 signed with their own
// certificate): the holder's private key signs the server's text here and never leaves the machine. The platform's
// .p12 with its password; RSA keys as PKCS#8 PEM (WebCrypto, RSA/SHA-256); SM2 keys as OpenSSL or GmSSL write them (PKCS#8 or SEC1 PEM) or as the 64-hex-digit private scalar
// (sm-crypto-v2, SM2/SM3 with the standard user id).
import { PlatformError } from './client';
import { type KeyFile, signWithKey } from './key-files';

export type { KeyFile } from './key-files';

/** `text` signed with the key file's key (base64), or why not in the person's words (KEY_PASSWORD_WRONG, NOT_A_KEY). */
export async function signWithKeyFile(key: KeyFile | null, text: string): Promise<string> {
  try {
    if (!key) throw new Error('NOT_A_KEY');
    return await signWithKey(key, text);
  } catch (e) {
    if ((e as Error).message === 'KEY_PASSWORD_WRONG') throw new PlatformError('.p12 文件的保护口令不对：请输入领取密钥时设置的保护口令', 'KEY_PASSWORD_WRONG');
    throw new PlatformError(
      '私钥文件无法读取：请选择平台交付的 .p12 文件（并输入其保护口令），或 PEM 格式的私钥文件（RSA 或 SM2，未加密），或 SM2 私钥的 64 位十六进制',
      'NOT_A_KEY',
    );
  }
}

/**
 * A record the server handed out (receiptToSign, approvalToSign) signed with the key file's key: the `ownSignature`
 * the act takes, the record given back exactly as it came.
 */
export async function ownSignature(key: KeyFile, record: string): Promise<{ receipt: string; signature: string }> {
  return { receipt: record, signature: await signWithKeyFile(key, record) };
}
