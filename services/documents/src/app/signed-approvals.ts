// Signed approvals (issue 17; seed 003 §3: opinions, signatures and dates given online count as handwritten): each
// approval of a draft, the last being the 签发, is signed in its transaction with the drafting unit's key (kept by the
// certificates service, which signs a person's own approval only, in a role they hold) over the draft's canonical
// content digest, naming the person, step, role and comment, and time-stamped over the signature. Wherever an approval
// is shown it is verified against the document as it is now; evidence packages carry them (approvals/*.json).
import type { EntityManager } from '@mikro-orm/postgresql';
import { requireCaller } from '@yizhan/common';
import { APPROVAL_FORMAT, type Approval, type ApprovalCheck, type ApprovalEnvelope, canonicalJson, verifyApproval } from '@yizhan/crypto';
import type { DocumentsContext } from '../deps.ts';
import { personName } from '../domain/person.ts';
import { contentDigest } from '../domain/receipts.ts';
import type { Document } from '../entities/Document.ts';
import type { ApprovalStep } from '../entities/History.ts';
import { canonicalContent } from '../store/canonical.ts';
import { getDocument } from '../store/documents.ts';
import { withDb } from '../store/sql.ts';
import { trustOf } from './receipts.ts';

const bytes = (b: string) => Buffer.from(b, 'base64');
const b64 = (b: Uint8Array) => Buffer.from(b).toString('base64');

/** Signs an approval step just recorded (flushed: it has its id), in the approval's transaction. Without the CA, none. */
export async function signApprovalStep(ctx: DocumentsContext, em: EntityManager, doc: Document, step: ApprovalStep, issued: boolean): Promise<void> {
  const ca = ctx.deps.certificates;
  if (!ca) return;
  const caller = requireCaller(ctx);
  const approval: Approval = {
    format: APPROVAL_FORMAT,
    version: 1,
    documentId: doc.id,
    unit: { orgId: doc.orgId, name: doc.orgName },
    approver: { userId: caller.userId, name: personName(caller) },
    step: step.step,
    role: step.role ?? '',
    issued,
    comment: step.comment,
    contentDigest: contentDigest(await canonicalContent(doc, ctx.deps.blobs)),
    at: new Date().toISOString(),
  };
  const signed = await ca.call('unit-sign-approval', ctx.callerHeader, { approval });
  await withDb(em, (db) =>
    db
      .insertInto('documents.approval_signatures')
      .values({
        document_id: doc.id,
        approval_step_id: step.id,
        org_path: doc.orgPath,
        step: step.step,
        approval: JSON.stringify(approval),
        signature: bytes(signed.signature),
        certificate: bytes(signed.certificate),
        suite: signed.suite,
        timestamp_token: bytes(signed.timestamp.token),
        signed_at: signed.timestamp.genTime,
      })
      .execute(),
  );
}

interface SignatureRow {
  approval_step_id: string;
  suite: string;
  approval: unknown;
  signature: Buffer;
  certificate: Buffer;
  timestamp_token: Buffer;
}

const rowsOf = (em: EntityManager, documentId: string): Promise<SignatureRow[]> =>
  withDb(em, (db) =>
    db
      .selectFrom('documents.approval_signatures')
      .select(['approval_step_id', 'suite', 'approval', 'signature', 'certificate', 'timestamp_token'])
      .where('document_id', '=', documentId)
      .orderBy('id')
      .execute(),
  );

/** A document's signed approvals the caller's unit sees (the drafting unit; a unit it was delivered to), as packages carry them. */
export async function approvalEnvelopes(em: EntityManager, documentId: string): Promise<ApprovalEnvelope[]> {
  return (await rowsOf(em, documentId)).map((r) => ({
    approval: r.approval as Approval,
    signature: b64(r.signature),
    certificate: b64(r.certificate),
    timestamp: b64(r.timestamp_token),
  }));
}

export interface ApprovalSignatureView {
  /** The last step: the 签发. */
  issued: boolean;
  approverName: string;
  /** The time stamp's time. */
  signedAt: Date | null;
  suite: string;
  /** The approval as signed (canonical JSON), the signature, the certificate and the time stamp, base64. */
  approval: string;
  signature: string;
  certificate: string;
  timestamp: string;
  valid: boolean;
  checks: ApprovalCheck[];
}

/** The signatures of a document's approval steps, by step id, each verified against the document as it is now (once per request). */
const verified = new WeakMap<object, Map<string, Promise<Map<string, ApprovalSignatureView>>>>();
export function approvalSignature(ctx: DocumentsContext, step: ApprovalStep): Promise<ApprovalSignatureView | null> {
  let perRequest = verified.get(ctx);
  if (!perRequest) {
    perRequest = new Map();
    verified.set(ctx, perRequest);
  }
  let all = perRequest.get(step.documentId);
  if (!all) {
    all = (async () => {
      const rows = await rowsOf(ctx.em, step.documentId);
      const views = new Map<string, ApprovalSignatureView>();
      if (!rows.length) return views;
      const doc = await getDocument(ctx.em, step.documentId);
      const expected = { contentDigest: contentDigest(await canonicalContent(doc, ctx.deps.blobs)) };
      const trust = await trustOf(ctx);
      for (const r of rows) {
        const approval = r.approval as Approval;
        const v = verifyApproval({
          approval,
          signature: new Uint8Array(r.signature),
          certificate: new Uint8Array(r.certificate),
          timestamp: new Uint8Array(r.timestamp_token),
          trust,
          expected,
        });
        views.set(String(r.approval_step_id), {
          issued: approval.issued,
          approverName: approval.approver.name,
          signedAt: v.signedAt,
          suite: r.suite,
          approval: canonicalJson(approval),
          signature: b64(r.signature),
          certificate: b64(r.certificate),
          timestamp: b64(r.timestamp_token),
          valid: v.valid,
          checks: v.checks,
        });
      }
      return views;
    })();
    perRequest.set(step.documentId, all);
  }
  return all.then((m) => m.get(String(step.id)) ?? null);
}
