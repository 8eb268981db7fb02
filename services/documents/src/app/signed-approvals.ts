// Signed approvals (issue 17; seed 003 §3: opinions, signatures and dates given online count as handwritten): each
// approval of a draft, the last being the 签发, is signed in its transaction with the drafting unit's key (kept by the
// certificates service, which signs a person's own approval only, in a role they hold) over the draft's canonical
// content digest, naming the person, step, role and comment, and time-stamped over the signature. Wherever an approval
// is shown it is verified against the document as it is now; evidence packages carry them (approvals/*.json). An
// approver who holds an identity certificate may sign the same approval with their own key too, in the browser
// (`approvalToSign`, then `approveDocument(ownSignature)`: app/approve.ts): it then names them as its `signer` and
// carries their signature beside the unit's, checked wherever it is shown (PERSON, PERSON_CHAIN).
import type { EntityManager } from '@mikro-orm/postgresql';
import { personName, requireCaller } from '@yizhan/common';
import { DocumentsErrorCode } from '@yizhan/contracts/documents';
import { APPROVAL_FORMAT, type Approval, type ApprovalCheck, type ApprovalEnvelope, canonicalJson, type PersonSigner, verifyApproval } from '@yizhan/crypto';
import type { DocumentsContext } from '../deps.ts';
import { keptPersonSignature, personColumns } from '../domain/person.ts';
import { contentDigest } from '../domain/receipts.ts';
import type { Document } from '../entities/Document.ts';
import type { ApprovalStep } from '../entities/History.ts';
import { canonicalContent } from '../store/canonical.ts';
import { getDocument } from '../store/documents.ts';
import { withDb } from '../store/sql.ts';
import { type OwnSigned, ownSignatureStale } from './own-signature.ts';
import { trustOf } from './receipts.ts';

const bytes = (b: string) => Buffer.from(b, 'base64');
const b64 = (b: Uint8Array) => Buffer.from(b).toString('base64');

/** An approval step as its approval names it. */
export interface ApprovalFacts {
  step: number;
  role: string;
  /** The last step: the 签发. */
  issued: boolean;
  comment: string | null;
}

/**
 * The approval the caller's step makes of the draft as it is, at `at`; naming them as its `signer` when they sign it
 * with their own certificate too.
 */
export async function approvalOf(ctx: DocumentsContext, doc: Document, facts: ApprovalFacts, at: Date, signer?: PersonSigner): Promise<Approval> {
  const caller = requireCaller(ctx);
  return {
    format: APPROVAL_FORMAT,
    version: 1,
    documentId: doc.id,
    unit: { orgId: doc.orgId, name: doc.orgName },
    approver: { userId: caller.userId, name: personName(caller) },
    step: facts.step,
    role: facts.role,
    issued: facts.issued,
    comment: facts.comment,
    contentDigest: contentDigest(await canonicalContent(doc, ctx.deps.blobs)),
    at: at.toISOString(),
    ...(signer ? { signer } : {}),
  };
}

/**
 * Signs an approval step just recorded (flushed: it has its id), in the approval's transaction. Without the CA, none.
 * One the approver signed with their own certificate (`own`, checked before the transaction) is that very approval,
 * which the unit signs too; it must still be what the step makes now that the draft is read in the transaction (the
 * step may have moved since it was handed out): APPROVAL_STALE otherwise, and the transaction writes nothing.
 */
export async function signApprovalStep(
  ctx: DocumentsContext,
  em: EntityManager,
  doc: Document,
  step: ApprovalStep,
  issued: boolean,
  own: OwnSigned<Approval> | null = null,
): Promise<void> {
  const ca = ctx.deps.certificates;
  if (!ca) return;
  const facts = { step: step.step, role: step.role ?? '', issued, comment: step.comment };
  const approval = await approvalOf(ctx, doc, facts, own ? new Date(own.record.at) : new Date(), own?.record.signer);
  if (own && canonicalJson(approval) !== canonicalJson(own.record))
    throw ownSignatureStale(DocumentsErrorCode.APPROVAL_STALE, 'approval', 'is not the approval as it stands');
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
        ...personColumns(own),
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
  person_signature: Buffer | null;
  person_certificate: Buffer | null;
}

const rowsOf = (em: EntityManager, documentId: string): Promise<SignatureRow[]> =>
  withDb(em, (db) =>
    db
      .selectFrom('documents.approval_signatures')
      .select(['approval_step_id', 'suite', 'approval', 'signature', 'certificate', 'timestamp_token', 'person_signature', 'person_certificate'])
      .where('document_id', '=', documentId)
      .orderBy('id')
      .execute(),
  );

/** A document's signed approvals the caller's unit sees (the drafting unit; a unit it was delivered to), as packages carry them. */
export async function approvalEnvelopes(em: EntityManager, documentId: string): Promise<ApprovalEnvelope[]> {
  return (await rowsOf(em, documentId)).map((r) => {
    const person = keptPersonSignature(r);
    return {
      approval: r.approval as Approval,
      signature: b64(r.signature),
      certificate: b64(r.certificate),
      timestamp: b64(r.timestamp_token),
      ...(person ? { person: { signature: b64(person.signature), certificate: b64(person.certificate) } } : {}),
    };
  });
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
  /** Signed by the approver with their own identity certificate too; that signature and certificate, base64. */
  signedByPerson: boolean;
  personSignature: string | null;
  personCertificate: string | null;
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
        const person = keptPersonSignature(r);
        const v = verifyApproval({
          approval,
          signature: new Uint8Array(r.signature),
          certificate: new Uint8Array(r.certificate),
          timestamp: new Uint8Array(r.timestamp_token),
          trust,
          expected,
          person,
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
          signedByPerson: !!approval.signer,
          personSignature: person ? b64(person.signature) : null,
          personCertificate: person ? b64(person.certificate) : null,
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
