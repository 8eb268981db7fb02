// Signed receipts (回执, issue 17): every 接收, 签收 and 退回 leaves the receiving unit's receipt, made in the action's
// transaction — over the delivery, the document's canonical content digest and stamp digest, the OFD 版式 file's
// digest when it was sent with one (issue 18: `ofdDigest`, the SHA-256 that names the OFD the recipient is offered),
// the action and the time — signed with the unit's key (the certificates service keeps it and signs, for the caller's own unit only;
// the receipts of one act in one call) and time-stamped by the platform's TSA in the next batch (a Merkle path to a
// token's root; receipts signed before batches carry a token of their own). The sender reads every recipient's receipts, a
// recipient its own, each verified against the document as it is now: a changed byte fails CONTENT, a changed byte
// of the OFD as kept (read again and hashed) fails OFD.
import type { EntityManager } from '@mikro-orm/postgresql';
import { type Caller, ErrorCode, notFound, requireCaller, YizhanError } from '@yizhan/common';
import { canonicalJson, RECEIPT_FORMAT, type Receipt, type ReceiptAction, type ReceiptCheck, type TrustMaterial, verifyReceipt } from '@yizhan/crypto';
import { isUuid } from '@yizhan/kernel';
import type { DocumentsContext, DocumentsDeps } from '../deps.ts';
import { contentDigest, stampDigest } from '../domain/receipts.ts';
import { canonicalContent, keptOfdDigest } from '../store/canonical.ts';
import { getDocument } from '../store/documents.ts';
import { insertReceipt, receiptSubject, receiptsOfDocument, receiptsWaiting } from '../store/receipts.ts';

const bytes = (b: string) => new Uint8Array(Buffer.from(b, 'base64'));
const b64 = (b: Uint8Array) => Buffer.from(b).toString('base64');

/** Makes the receipts of one request's actions, in their transaction. */
export interface ReceiptMaker {
  make(em: EntityManager, deliveryId: string, action: ReceiptAction, reason?: string | null): Promise<void>;
  /** The receipts of one act, signed in one call (a 签收 signs for the 接收 it implies and for itself). */
  makeAll(em: EntityManager, receipts: { deliveryId: string; action: ReceiptAction; reason?: string | null }[]): Promise<void>;
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
  const digests = new Map<string, { contentDigest: string; stampDigest: string | null; ofdDigest: string | null }>();
  const makeAll: ReceiptMaker['makeAll'] = async (em, wanted) => {
    if (!wanted.length) return;
    const made = [];
    for (const w of wanted) {
      const d = await receiptSubject(em, w.deliveryId);
      let of = digests.get(d.document_id);
      if (!of) {
        const doc = await getDocument(em, d.document_id);
        // The OFD by the SHA-256 that names it (the blob the recipient downloads), not read again on this path.
        of = { contentDigest: contentDigest(await canonicalContent(doc, deps.blobs)), stampDigest: stampDigest(doc.stamp), ofdDigest: doc.ofdSha256 };
        digests.set(d.document_id, of);
      }
      const receipt: Receipt = {
        format: RECEIPT_FORMAT,
        version: 1,
        deliveryId: d.id,
        documentId: d.document_id,
        unit: { orgId: caller.orgId, name: d.recipient_name },
        action: w.action,
        contentDigest: of.contentDigest,
        stampDigest: of.stampDigest,
        ...(of.ofdDigest ? { ofdDigest: of.ofdDigest } : {}),
        at: new Date().toISOString(),
        ...(w.reason ? { reason: w.reason } : {}),
      };
      made.push({ d, receipt });
    }
    // Signed by the unit's key, all in one call to the CA; time-stamped in the next batch (jobs/evidence-timestamps.ts).
    const signed = await ca.call('unit-sign-receipts', callerHeader, { receipts: made.map((m) => m.receipt) });
    deps.evidence?.noteCaller(callerHeader);
    for (const [i, { d, receipt }] of made.entries()) {
      await insertReceipt(em, {
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
      });
    }
  };
  return {
    makeAll,
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
  if (!isUuid(documentId)) throw notFound('Document', documentId);
  // Receipts still waiting for their batch are time-stamped now (one batch for all that wait).
  if (ctx.deps.evidence && (await receiptsWaiting(ctx.em, documentId))) await ctx.deps.evidence.flush(ctx.callerHeader);
  const rows = await receiptsOfDocument(ctx.em, documentId);
  if (!rows.length) return [];
  const doc = await getDocument(ctx.em, documentId);
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
      valid: v.valid,
      checks: v.checks,
    };
  });
}
