// A person's own signature beside their unit's (seed 003 §3: a signature given online counts as handwritten): the
// service hands out the exact record it will sign (a 签收 receipt: `receiptToSign`; an approval or 签发:
// `approvalToSign`), the person signs its UTF-8 bytes in the browser with the key of their own identity certificate
// (which never leaves it), and gives both back with the act. Checked here before anything is written, the same way
// for both: byte for byte against what the act would make now, and through the CA against the caller's own
// certificates.
import { badInput, type Caller, ErrorCode, personName, requireCaller, YizhanError } from '@yizhan/common';
import { canonicalJson, type PersonSigner } from '@yizhan/crypto';
import type { DocumentsContext } from '../deps.ts';

/** The signed text and signature as the GraphQL input carries them (OwnSignatureInput). */
export interface OwnSignatureGiven {
  /** The record exactly as handed out (the field keeps the name it had when receipts were the only such record). */
  receipt: string;
  signature: string;
}

/** A record the person signed with their own identity certificate, checked: the record, their signature, their certificate. */
export interface OwnSigned<T> {
  record: T;
  signature: Uint8Array;
  certificate: Uint8Array;
}

/** How long a record handed out to be signed stays good. */
const OWN_SIGNATURE_TTL_MS = 10 * 60_000;

/** The person a record they sign with their own certificate names: their user name (their certificate's) and name. */
export const signerOf = (caller: Caller): PersonSigner => ({ username: caller.username, name: personName(caller) });

/** The CA, which checks the signatures; without it nobody signs with their own certificate. */
export function ownSignatureCa(ctx: DocumentsContext) {
  const ca = ctx.deps.certificates;
  if (!ca) throw new YizhanError(ErrorCode.UNAVAILABLE, 'Nothing can be signed with your own certificate: the certificates service is not configured');
  return ca;
}

/** The record the person signed is not the one the act makes (`code`: RECEIPT_STALE, APPROVAL_STALE). */
export const ownSignatureStale = (code: string, what: string, why: string) =>
  new YizhanError(code, `The ${what} you signed ${why}: ask for it again`, { field: 'ownSignature.receipt' });

/**
 * A record the caller signed with their own key, checked (the caller already found allowed to act): it is, byte for
 * byte, what `expected` makes at the moment it was handed out (its own `at`, within ten minutes), and the CA finds the
 * signature made with the key of one of the caller's own identity certificates. The `stale` code (RECEIPT_STALE,
 * APPROVAL_STALE) or the CA's SIGNATURE_INVALID (or NO_IDENTITY_CERTIFICATE) otherwise; nothing is written here.
 */
export async function checkOwnSigned<T extends { at: string }>(
  ctx: DocumentsContext,
  given: OwnSignatureGiven,
  opts: { what: string; stale: string; expected: (at: Date) => T | Promise<T> },
): Promise<OwnSigned<T>> {
  requireCaller(ctx);
  const ca = ownSignatureCa(ctx);
  if (given.receipt.length > 4000) throw badInput(`ownSignature.receipt is too long to be the ${opts.what}`, 'ownSignature.receipt');
  if (!/^[A-Za-z0-9+/]{16,2000}={0,2}$/.test(given.signature)) throw badInput('ownSignature.signature is a signature, base64', 'ownSignature.signature');
  let parsed: { at?: unknown };
  try {
    parsed = JSON.parse(given.receipt);
  } catch {
    throw badInput(`ownSignature.receipt is not the ${opts.what} handed out (JSON)`, 'ownSignature.receipt');
  }
  const stale = (why: string) => ownSignatureStale(opts.stale, opts.what, why);
  const at = typeof parsed?.at === 'string' ? new Date(parsed.at) : new Date(Number.NaN);
  const age = Date.now() - at.getTime();
  if (Number.isNaN(age) || age < -30_000 || age > OWN_SIGNATURE_TTL_MS) throw stale('is older than ten minutes, or not dated by this server');
  const record = await opts.expected(at);
  if (canonicalJson(record) !== given.receipt) throw stale(`is not the ${opts.what} as it stands`);
  const verified = await ca.call('verify-own-signature', ctx.callerHeader, {
    data: Buffer.from(given.receipt, 'utf8').toString('base64'),
    signature: given.signature,
  });
  return {
    record,
    signature: new Uint8Array(Buffer.from(given.signature, 'base64')),
    certificate: new Uint8Array(Buffer.from(verified.certificate, 'base64')),
  };
}
