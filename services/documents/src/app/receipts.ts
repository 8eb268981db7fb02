// Signed receipts (回执, issue 17): every 接收, 签收 and 退回 leaves the receiving unit's receipt, kept in the action's
// transaction (a 签收's signed just before it) — over the delivery, the document's canonical content digest and stamp digest, the OFD 版式 file's
// digest when it was sent with one (issue 18: `ofdDigest`, the SHA-256 that names the OFD the recipient is offered),
// the action and the time — signed with the unit's key (the certificates service keeps it and signs, for the caller's own unit only;
// the receipts of one act in one call) and time-stamped by the platform's TSA in the next batch (a Merkle path to a
// token's root; receipts signed before batches carry a token of their own). The sender reads every recipient's receipts, a
// recipient its own, each verified against the document as it is now: a changed byte fails CONTENT, a changed byte
// of the OFD as kept (read again and hashed) fails OFD. A clerk who holds an identity certificate may also sign the
// 签收's receipt with their own key, in the browser (`receiptToSign`, then `signForDelivery(ownSignature)`): the
// receipt then names them and carries their signature beside the unit's.
import type { EntityManager } from '@mikro-orm/postgresql';
import { type Caller, ErrorCode, notFound, requireCaller, requireRole, YizhanError } from '@yizhan/common';
import { DocumentsErrorCode } from '@yizhan/contracts/documents';
import { canonicalJson, RECEIPT_FORMAT, type Receipt, type ReceiptAction, type ReceiptCheck, type TrustMaterial, verifyReceipt } from '@yizhan/crypto';
import { isUuid } from '@yizhan/kernel';
import type { DocumentsContext, DocumentsDeps } from '../deps.ts';
import { contentDigest, stampDigest } from '../domain/receipts.ts';
import { canonicalContent, keptOfdDigest } from '../store/canonical.ts';
import { getDocument } from '../store/documents.ts';
import { insertReceipts, receiptSubject, receiptsOfDocument, receiptsWaiting, sentDigests, signedInPerson } from '../store/receipts.ts';
import { checkOwnSigned, type OwnSignatureGiven, type OwnSigned, ownSignatureCa, signerOf } from './own-signature.ts';
import { batched } from './request-batch.ts';

const bytes = (b: string) => new Uint8Array(Buffer.from(b, 'base64'));
const b64 = (b: Uint8Array) => Buffer.from(b).toString('base64');

/** A receipt the clerk signed with their own identity certificate, checked (`checkOwnSignature`). */
export type OwnSignedReceipt = OwnSigned<Receipt>;

/** A receipt wanted of one act: of which delivery, which action, and the clerk's own signature when they gave one. */
export interface WantedReceipt {
  deliveryId: string;
  action: ReceiptAction;
  reason?: string | null;
  own?: OwnSignedReceipt | null;
  /** The delivery as the act read or locked it already (no second read). */
  subject?: Subject;
}

/** Receipts signed by the unit's key and not yet kept (ReceiptMaker.sign, then .keep in the act's transaction). */
export interface SignedReceipts {
  made: { d: Subject; receipt: Receipt; own: OwnSignedReceipt | null }[];
  signatures: string[];
  certificate: string;
  suite: 'RSA' | 'SM2';
}

/** Makes the receipts of one request's actions, in their transaction. */
export interface ReceiptMaker {
  make(em: EntityManager, deliveryId: string, action: ReceiptAction, reason?: string | null): Promise<void>;
  /**
   * The receipts of one act, signed in one call (a 签收 signs for the 接收 it implies and for itself) and kept; one
   * the clerk signed too (`own`) is that very receipt, which the unit signs as well.
   */
  makeAll(em: EntityManager, receipts: WantedReceipt[]): Promise<void>;
  /**
   * The receipts of one act signed, not kept: an act that knows before its transaction what it will sign for signs
   * there (sign-for.ts), so that the CA's call holds no row lock and none of the pool's connections, and keeps in the
   * transaction the ones its step still implies.
   */
  sign(em: EntityManager, receipts: WantedReceipt[], at?: Date): Promise<SignedReceipts>;
  /** Signed receipts kept, in the act's transaction; `which` picks those the step still implies. */
  keep(em: EntityManager, signed: SignedReceipts, which?: (action: ReceiptAction) => boolean): Promise<void>;
}

type Digests = { contentDigest: string; stampDigest: string | null; ofdDigest: string | null };
/** The delivery a receipt names, as read (receiptSubject) or as its act locked it already. */
type Subject = Pick<
  NonNullable<Awaited<ReturnType<typeof receiptSubject>>>,
  'id' | 'document_id' | 'recipient_org_id' | 'recipient_name' | 'sender_path' | 'recipient_path'
>;

/** What the receiving unit's receipt of `action` on a delivery says, at `at`. */
function receiptOf(d: Subject, caller: Caller, of: Digests, action: ReceiptAction, at: Date, more: Pick<Receipt, 'reason' | 'signer'> = {}): Receipt {
  return {
    format: RECEIPT_FORMAT,
    version: 1,
    deliveryId: d.id,
    documentId: d.document_id,
    unit: { orgId: caller.orgId, name: d.recipient_name },
    action,
    contentDigest: of.contentDigest,
    stampDigest: of.stampDigest,
    ...(of.ofdDigest ? { ofdDigest: of.ofdDigest } : {}),
    at: at.toISOString(),
    ...(more.reason ? { reason: more.reason } : {}),
    ...(more.signer ? { signer: more.signer } : {}),
  };
}

// The digests a send kept are never written again (send.ts sets them once, with the document's status SENT): a
// broadcast's thousands of receipts read them once per process. A caller reaches them only through a delivery of the
// document it may see (ownDelivery, or the act's own locked delivery).
const DIGESTS_KEPT = 1_000;
const keptDigests = new Map<string, Digests>();

/**
 * The document's digests as a receipt names them: its content's as the send kept it (one read; laid out and read back
 * from the store only for a document sent before the send kept it), its stamp's, and its OFD's by the SHA-256 that
 * names the blob the recipient downloads.
 */
async function digestsOf(em: EntityManager, documentId: string, blobs: DocumentsDeps['blobs']): Promise<Digests> {
  const kept = keptDigests.get(documentId);
  if (kept) return kept;
  const sent = await sentDigests(em, documentId);
  if (sent?.contentSha256) {
    const digests = { contentDigest: sent.contentSha256, stampDigest: stampDigest(sent.stamp), ofdDigest: sent.ofdSha256 };
    if (keptDigests.size >= DIGESTS_KEPT) keptDigests.delete(keptDigests.keys().next().value as string);
    keptDigests.set(documentId, digests);
    return digests;
  }
  const doc = await getDocument(em, documentId);
  return { contentDigest: contentDigest(await canonicalContent(doc, blobs)), stampDigest: stampDigest(doc.stamp), ofdDigest: doc.ofdSha256 };
}

/** The recipient's delivery as a receipt names it; another unit's is not found. */
async function ownDelivery(ctx: DocumentsContext, deliveryId: string): Promise<Subject> {
  const caller = requireCaller(ctx);
  if (!isUuid(deliveryId)) throw notFound('Delivery', deliveryId);
  const d = await receiptSubject(ctx.em, deliveryId);
  // The sender sees its deliveries too, but signs for none of them.
  if (!d || d.recipient_org_id !== caller.orgId) throw notFound('Delivery', deliveryId);
  return d;
}

/**
 * The 签收 receipt a clerk signs with their own identity certificate (canonical JSON, to sign as UTF-8): the unit's
 * receipt as the 签收 would make it now, naming the clerk. Good for ten minutes.
 */
export async function receiptToSign(ctx: DocumentsContext, deliveryId: string): Promise<string> {
  const caller = requireCaller(ctx);
  requireRole(caller, 'CLERK');
  ownSignatureCa(ctx);
  const d = await ownDelivery(ctx, deliveryId);
  const of = await digestsOf(ctx.em, d.document_id, ctx.deps.blobs);
  return canonicalJson(receiptOf(d, caller, of, 'SIGNED', new Date(), { signer: signerOf(caller) }));
}

/**
 * A receipt the clerk signed with their own key, checked before the 签收 (own-signature.ts): what `receiptToSign`
 * makes for this delivery at the moment it was handed out, which the clerk's signature covers; RECEIPT_STALE or
 * SIGNATURE_INVALID otherwise, nothing written. The trusted time is its batch time stamp's, as for every receipt.
 */
export async function checkOwnSignature(ctx: DocumentsContext, deliveryId: string, given: OwnSignatureGiven): Promise<OwnSignedReceipt> {
  const caller = requireCaller(ctx);
  const d = await ownDelivery(ctx, deliveryId);
  return checkOwnSigned(ctx, given, {
    what: 'receipt',
    stale: DocumentsErrorCode.RECEIPT_STALE,
    expected: async (at) => receiptOf(d, caller, await digestsOf(ctx.em, d.document_id, ctx.deps.blobs), 'SIGNED', at, { signer: signerOf(caller) }),
  });
}

/** The receipt maker of a request, or null where the platform runs without its CA (a test that leaves it out). */
export function receiptMaker(
  deps: Pick<DocumentsDeps, 'certificates' | 'blobs' | 'evidence'>,
  callerHeader: string | null,
  caller: Caller,
): ReceiptMaker | null {
  const ca = deps.certificates;
  if (!ca) return null;
  // The document's digests, once per request (a 签收 that implies the 接收 makes two receipts of one document).
  const digests = new Map<string, Digests>();
  const sign: ReceiptMaker['sign'] = async (em, wanted, actAt = new Date()) => {
    // The receipts of one act share its moment: the clerk's own receipt's, when they signed one.
    const ownAt = wanted.find((w) => w.own)?.own?.record.at;
    const at = ownAt ? new Date(ownAt) : actAt;
    const made: SignedReceipts['made'] = [];
    // A 签收's two receipts are of one delivery: read once.
    const subjects = new Map<string, Subject>();
    for (const w of wanted) {
      let d = w.subject ?? subjects.get(w.deliveryId);
      if (!d) {
        d = await receiptSubject(em, w.deliveryId);
        if (!d) throw notFound('Delivery', w.deliveryId);
        subjects.set(w.deliveryId, d);
      }
      if (w.own) {
        made.push({ d, receipt: w.own.record, own: w.own });
        continue;
      }
      let of = digests.get(d.document_id);
      if (!of) {
        of = await digestsOf(em, d.document_id, deps.blobs);
        digests.set(d.document_id, of);
      }
      made.push({ d, receipt: receiptOf(d, caller, of, w.action, at, { reason: w.reason ?? null }), own: null });
    }
    if (!made.length) return { made, signatures: [], certificate: '', suite: 'SM2' };
    // Signed by the unit's key, all in one call to the CA, which goes with the calls of other 签收 made at the same
    // moment (each with its own caller); time-stamped in the next batch (jobs/evidence-timestamps.ts).
    const signed = await ca.callEach('unit-sign-receipts')(callerHeader, { receipts: made.map((m) => m.receipt) });
    return { made, signatures: signed.signatures, certificate: signed.certificate, suite: signed.suite };
  };
  const keep: ReceiptMaker['keep'] = async (em, signed, which = () => true) => {
    await insertReceipts(
      em,
      signed.made.flatMap(({ d, receipt, own }, i) =>
        which(receipt.action)
          ? [
              {
                deliveryId: d.id,
                documentId: d.document_id,
                recipientOrgId: d.recipient_org_id,
                senderPath: d.sender_path,
                recipientPath: d.recipient_path,
                action: receipt.action,
                receipt,
                signature: bytes(signed.signatures[i] as string),
                certificate: bytes(signed.certificate),
                suite: signed.suite,
                timestamp: null,
                signedAt: new Date(receipt.at),
                person: own ? { signature: own.signature, certificate: own.certificate } : null,
              },
            ]
          : [],
      ),
    );
  };
  const makeAll: ReceiptMaker['makeAll'] = async (em, wanted) => keep(em, await sign(em, wanted));
  return {
    makeAll,
    sign,
    keep,
    make: (em, deliveryId, action, reason = null) => makeAll(em, [{ deliveryId, action, reason }]),
  };
}

/** The maker of a GraphQL request. */
export const receiptsOf = (ctx: DocumentsContext): ReceiptMaker | null => receiptMaker(ctx.deps, ctx.callerHeader, requireCaller(ctx));

export interface ReceiptView {
  deliveryId: string;
  recipientOrgId: string;
  recipientName: string;
  action: ReceiptAction;
  /** The time stamp's time (the trusted time of the receipt); the receipt's own until its batch is time-stamped. */
  signedAt: Date;
  suite: string;
  /** The receipt as signed (canonical JSON), its signature, the signer's certificate and the time stamp, base64. */
  receipt: string;
  signature: string;
  certificate: string;
  timestamp: string | null;
  /** For a receipt time-stamped in a batch: its signature's path to the root the token covers (JSON). */
  timestampPath: string | null;
  /** The clerk who signed it too with their own certificate, by name; their signature and certificate, base64. */
  signerName: string | null;
  personSignature: string | null;
  personCertificate: string | null;
  valid: boolean;
  checks: ReceiptCheck[];
}

/** The CA's roots, issuing CAs and CRLs, for checking receipts offline; asked once a minute at most. */
const trustCache = new WeakMap<object, { at: number; trust: Promise<TrustMaterial> }>();
export function trustOf(ctx: DocumentsContext): Promise<TrustMaterial> {
  const ca = ctx.deps.certificates;
  if (!ca) throw new YizhanError(ErrorCode.UNAVAILABLE, 'Receipts cannot be checked: the certificates service is not configured');
  const hit = trustCache.get(ca);
  if (hit && Date.now() - hit.at < 60_000) return hit.trust;
  const trust = ca.call('trust-material', ctx.callerHeader, {}).then((m) => ({
    roots: m.suites.map((s) => bytes(s.root)),
    intermediates: m.suites.map((s) => bytes(s.issuing)),
    crls: m.suites.map((s) => bytes(s.crl)),
  }));
  trustCache.set(ca, { at: Date.now(), trust });
  trust.catch(() => trustCache.delete(ca));
  return trust;
}

/** A document's receipts the caller's unit may see, each verified against the document as it is now. */
export async function deliveryReceipts(ctx: DocumentsContext, documentId: string): Promise<ReceiptView[]> {
  requireCaller(ctx);
  // A document the unit may not read is not found (its row-level security), before any receipt is looked for.
  const doc = await getDocument(ctx.em, documentId);
  // Receipts still waiting for their batch are time-stamped now (one batch for all that wait).
  if (ctx.deps.evidence && (await receiptsWaiting(ctx.em, documentId))) await ctx.deps.evidence.flush();
  const rows = await receiptsOfDocument(ctx.em, documentId);
  if (!rows.length) return [];
  const expected = {
    contentDigest: contentDigest(await canonicalContent(doc, ctx.deps.blobs)),
    stampDigest: stampDigest(doc.stamp),
    ofdDigest: await keptOfdDigest(doc, ctx.deps.blobs),
  };
  const trust = await trustOf(ctx);
  return rows.map((r) => {
    const v = verifyReceipt({
      receipt: r.receipt,
      signature: r.signature,
      certificate: r.certificate,
      timestamp: r.timestamp,
      timestampPath: r.timestampPath,
      trust,
      expected,
      person: r.person,
    });
    return {
      deliveryId: r.deliveryId,
      recipientOrgId: r.recipientOrgId,
      recipientName: r.receipt.unit.name,
      action: r.action,
      signedAt: v.signedAt ?? r.signedAt,
      suite: r.suite,
      receipt: canonicalJson(r.receipt),
      signature: b64(r.signature),
      certificate: b64(r.certificate),
      timestamp: r.timestamp ? b64(r.timestamp) : null,
      timestampPath: r.timestampPath ? JSON.stringify(r.timestampPath) : null,
      signerName: r.receipt.signer?.name ?? null,
      personSignature: r.person ? b64(r.person.signature) : null,
      personCertificate: r.person ? b64(r.person.certificate) : null,
      valid: v.valid,
      checks: v.checks,
    };
  });
}

/** Whether a delivery's 签收 receipt carries its clerk's own signature beside the unit's (asked for a board's page
 * together: one read for its rows). */
export async function signedInPersonOf(ctx: DocumentsContext, deliveryId: string): Promise<boolean> {
  requireCaller(ctx);
  const found = await batched(ctx, 'signedInPerson', deliveryId, async (ids) =>
    (await signedInPerson(ctx.em, ids)).map((r) => ({ key: r.delivery_id, value: true })),
  );
  return found.length > 0;
}
