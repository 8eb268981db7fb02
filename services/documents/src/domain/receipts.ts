// Signed receipts' plain rules (issue 17): what a receipt says of the document — the SHA-256 of its canonical content
// (the bytes the stamp signs) and of its stamp (the GB/T 38540 DER when the stamp has one, else its canonical JSON) —
// and which of the unit's actions leave one.
import crypto from 'node:crypto';
import { canonicalJson, type ReceiptAction } from '@yizhan/crypto';

const sha256 = (b: Uint8Array | string) => crypto.createHash('sha256').update(b).digest('hex');

export const contentDigest = (canonical: Uint8Array): string => sha256(canonical);

export function stampDigest(stamp: Record<string, unknown> | null): string | null {
  if (!stamp) return null;
  const der = typeof stamp.der === 'string' && stamp.der ? Buffer.from(stamp.der, 'base64') : null;
  return der?.length ? sha256(der) : sha256(canonicalJson(stamp));
}

/** The delivery step each receipt answers: 接收, 签收, 退回. */
export const RECEIPT_WORDS: Record<ReceiptAction, string> = { RECEIVED: '接收', SIGNED: '签收', RETURNED: '退回' };
