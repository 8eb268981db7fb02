// A signed receipt (回执, issue 17): the receiving unit's signature over what it received and what it did with it —
// the delivery, the document's canonical content digest and stamp digest (and, for a document sent with its OFD 版式
// file, that file's digest: issue 18), the action (接收, 签收, 退回) and the time —
// with an RFC 3161 time stamp over the signature for the trusted time. Shared by whoever signs one (the
// certificates service holds the units' keys), whoever keeps and shows one (documents) and whoever checks one
// offline (the verifier). The signed bytes are the receipt's canonical JSON (evidence.ts), UTF-8.
import { type MerkleStep, merkleRoot } from './batch-timestamp.ts';
import { checkChain, type TrustMaterial } from './chain.ts';
import { canonicalJson } from './evidence.ts';
import {
  type PersonCheckName,
  type PersonSignature,
  type PersonSignatureEnvelope,
  type PersonSigner,
  personChecks,
  signerProblem,
} from './person-signature.ts';
import { type Suite, sign, verify } from './suites.ts';
import { hashAlgorithmOf, hashHex, readTimestampToken, verifyTimestampToken } from './tsp.ts';
import { publicKeyOf, readCertificate } from './x509.ts';

export const RECEIPT_FORMAT = 'yizhan-receipt';
export const RECEIPT_ACTIONS = ['RECEIVED', 'SIGNED', 'RETURNED'] as const;
export type ReceiptAction = (typeof RECEIPT_ACTIONS)[number];

export interface Receipt {
  format: typeof RECEIPT_FORMAT;
  version: 1;
  deliveryId: string;
  documentId: string;
  /** The receiving unit, which signs. */
  unit: { orgId: string; name: string };
  action: ReceiptAction;
  /** SHA-256 (hex) of the document's canonical content, as the stamp signs it. */
  contentDigest: string;
  /** SHA-256 (hex) of the stamp (its GB/T 38540 DER when it has one), or null for an unstamped document. */
  stampDigest: string | null;
  /**
   * SHA-256 (hex) of the OFD 版式 file as sent (GB/T 33190, the authoritative layout with the attachments' originals and
   * the seal's signature inside): present only for a document sent with one. The canonical content (what the stamp and
   * the approvals sign, before the OFD exists) stays as it is; a receipt carries the OFD beside it. Receipts made before
   * this field existed have none and verify as before.
   */
  ofdDigest?: string;
  /** When the action was recorded, by the service's clock (ISO 8601); the time stamp is the trusted time. */
  at: string;
  /** For a return: the finding of 初审 and its note. */
  reason?: string | null;
  /**
   * The clerk who signed for it with their own identity certificate (seed 003 §3: a signature given online counts as
   * handwritten), whose signature the envelope carries beside the unit's: their user name (the certificate's subject
   * serialNumber) and name. Absent when the unit's key alone signs.
   */
  signer?: PersonSigner;
}

export const receiptBytes = (r: Receipt): Uint8Array => new Uint8Array(Buffer.from(canonicalJson(r), 'utf8'));

/** Whether a value is a receipt of this format (a signer signs nothing else). */
export function receiptProblem(r: Receipt): string | null {
  const hex64 = /^[0-9a-f]{64}$/;
  if (r.format !== RECEIPT_FORMAT || r.version !== 1) return 'not a receipt of this format';
  if (!RECEIPT_ACTIONS.includes(r.action)) return `unknown action ${String(r.action)}`;
  if (!hex64.test(r.contentDigest)) return 'contentDigest is a SHA-256, hex';
  if (r.stampDigest !== null && !hex64.test(r.stampDigest)) return 'stampDigest is a SHA-256, hex, or null';
  if (r.ofdDigest !== undefined && !hex64.test(r.ofdDigest)) return 'ofdDigest is a SHA-256, hex, when present';
  if (Number.isNaN(Date.parse(r.at))) return 'at is not a time';
  return signerProblem(r.signer);
}

export function signReceipt(suite: Suite, privateKey: string, r: Receipt): Uint8Array {
  return sign(suite, privateKey, receiptBytes(r));
}

/** The digest a receipt's time stamp covers: of the signature value, in the suite's hash (SM3 for SM2). */
export const receiptTimestampDigest = (suite: Suite, signature: Uint8Array) => hashHex(hashAlgorithmOf(suite), signature);

/**
 * What a receipt's token must cover: the signature's digest (a token of its own), or the root its signature's path
 * climbs to in the token's hash (a batch's token).
 */
function receiptTimestampCovers(token: Uint8Array, suite: Suite, signature: Uint8Array, path: MerkleStep[] | null | undefined): string {
  if (!path) return receiptTimestampDigest(suite, signature);
  try {
    const h = readTimestampToken(token).hashAlgorithm;
    return h ? merkleRoot(h, signature, path) : '';
  } catch {
    return '';
  }
}

export type ReceiptCheckName = 'SIGNATURE' | 'SIGNER_UNIT' | 'SIGNER_CHAIN' | 'TIMESTAMP' | 'CONTENT' | 'STAMP' | 'OFD' | PersonCheckName;
export interface ReceiptCheck {
  check: ReceiptCheckName;
  ok: boolean;
  reason: string | null;
}
export interface ReceiptVerification {
  valid: boolean;
  checks: ReceiptCheck[];
  /** The time stamp's time, when it verifies. */
  signedAt: Date | null;
}

/**
 * Checks a receipt: the signature with the signer's certificate; that certificate names the receipt's unit, chains
 * to a trusted root and was valid and not revoked at the time stamp's time (by the CRLs at hand); the time stamp
 * covers the signature; and, given the document as it is, the content and stamp digests match it (a changed byte
 * of the document fails CONTENT) and, for a receipt that names an OFD, the OFD's (a changed byte of the OFD as kept,
 * or no OFD at hand, fails OFD; `expected.ofdDigest` null: the document has none). A receipt that names its `signer`
 * also needs that person's signature over the same bytes, with an identity certificate naming them (PERSON) that
 * chained and stood at the receipt's trusted time (PERSON_CHAIN). Every check is named; none stops the others.
 */
export function verifyReceipt(opts: {
  receipt: Receipt;
  signature: Uint8Array;
  certificate: Uint8Array;
  timestamp: Uint8Array | null;
  /** For a receipt time-stamped in a batch: its signature's path to the root the token covers. */
  timestampPath?: MerkleStep[] | null;
  trust: TrustMaterial;
  expected?: { contentDigest: string; stampDigest: string | null; ofdDigest?: string | null };
  /** The clerk's own signature and identity certificate (DER), for a receipt that names its `signer`. */
  person?: PersonSignature | null;
}): ReceiptVerification {
  const checks: ReceiptCheck[] = [];
  const add = (check: ReceiptCheckName, ok: boolean, reason: string) => checks.push({ check, ok, reason: ok ? null : reason });
  const { receipt: r } = opts;
  let facts: ReturnType<typeof readCertificate> | null = null;
  try {
    facts = readCertificate(opts.certificate);
  } catch {
    facts = null;
  }
  const key = facts ? publicKeyOf(opts.certificate) : null;
  add('SIGNATURE', !!key && verify(key.suite, key.publicKey, receiptBytes(r), opts.signature), 'the signature does not verify with the signer’s certificate');
  // A unit's signing certificate names the unit by its id (subject serialNumber, 2.5.4.5), which a rename keeps.
  add('SIGNER_UNIT', !!facts && facts.subject.split(', ').includes(`2.5.4.5=${r.unit.orgId}`), `the signer’s certificate is not ${r.unit.name}’s`);
  let signedAt: Date | null = null;
  if (opts.timestamp && key) {
    const t = verifyTimestampToken(opts.timestamp, {
      digest: receiptTimestampCovers(opts.timestamp, key.suite, opts.signature, opts.timestampPath),
      trust: opts.trust,
    });
    add('TIMESTAMP', t.valid, t.checks.find((c) => !c.ok)?.reason ?? 'the time stamp does not verify');
    if (t.valid) signedAt = t.genTime;
  } else add('TIMESTAMP', false, 'no time stamp');
  const chain = facts ? checkChain(opts.certificate, opts.trust, signedAt ?? new Date(r.at)) : null;
  add('SIGNER_CHAIN', !!chain?.ok, chain?.reason ?? 'not a certificate');
  if (r.signer)
    checks.push(
      ...personChecks({ what: 'receipt', signer: r.signer, person: opts.person, bytes: receiptBytes(r), trust: opts.trust, at: signedAt ?? new Date(r.at) }),
    );
  if (opts.expected) {
    add('CONTENT', r.contentDigest === opts.expected.contentDigest, 'the document’s content is not what was received: its digest differs');
    add('STAMP', r.stampDigest === opts.expected.stampDigest, 'the document’s stamp is not the one received: its digest differs');
    if (r.ofdDigest !== undefined)
      add(
        'OFD',
        r.ofdDigest === opts.expected.ofdDigest,
        opts.expected.ofdDigest ? 'the document’s OFD 版式 file is not the one received: its digest differs' : 'the OFD 版式 file the receipt names is missing',
      );
  }
  return { valid: checks.every((c) => c.ok), checks, signedAt };
}

/** A receipt as an evidence package carries it (`receipts/<delivery>-<action>.json`): the receipt and its proofs, base64. */
export interface ReceiptEnvelope {
  receipt: Receipt;
  /** The unit's signature over the receipt's canonical JSON. */
  signature: string;
  /** The unit's signing certificate, DER. */
  certificate: string;
  /** The RFC 3161 token over the signature, DER; or a batch's token over the root of `timestampPath`. */
  timestamp: string;
  /** For a receipt time-stamped in a batch: the signature's path to the root (batch-timestamp.ts). */
  timestampPath?: MerkleStep[];
  /** For a receipt that names its `signer`: the clerk's own signature over the same bytes and identity certificate, DER. */
  person?: PersonSignatureEnvelope;
}
