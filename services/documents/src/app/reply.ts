// 答复 (条例 第二十四条): a reply to a document the unit received and signed for, drafted from it: addressed to the
// original's sender (主送), titled 关于…的批复/报告/复函, linked to the original. It is then approved, stamped and sent
// like any document (app/approve.ts, app/send.ts) with its own 发文字号; the send lets it reach the original's sender
// by the routing rules' reply exception (org's evaluateReply) and, where the original asked for reports (征集),
// counts it as the unit's report (app/collection.ts). Both documents show the link.
import type { EntityManager } from '@mikro-orm/postgresql';
import { type Caller, ErrorCode, forbidden, hasRole, requireCaller, YizhanError } from '@yizhan/common';
import { DocumentsErrorCode } from '@yizhan/contracts/documents';
import type { DocumentsContext } from '../deps.ts';
import { replyBody, replyTitle, replyType } from '../domain/reply.ts';
import type { Delivery } from '../entities/Delivery.ts';
import type { Document, LinkedOriginal } from '../entities/Document.ts';
import { callerUnit, getDelivery, getDocument } from '../store/documents.ts';
import { linkedDocuments, returnedReportOf, unitDeliveriesOf } from '../store/replies.ts';
import { createDraft } from './draft.ts';
import { batched } from './request-batch.ts';

export interface ReplyInput {
  docType?: string | null;
  title?: string | null;
  body?: string | null;
  docPrefix?: string | null;
  signer?: string | null;
}

/** The caller's unit's delivery of a document, signed for (签收) and not withdrawn: what a reply or a 转发 starts from. */
export async function signedForDelivery(ctx: DocumentsContext, deliveryId: string, what: string): Promise<{ delivery: Delivery; original: Document }> {
  const caller = requireCaller(ctx);
  const delivery = await getDelivery(ctx.em, deliveryId);
  if (delivery.recipientOrgId !== caller.orgId) throw forbidden(`Only the unit a document was delivered to ${what} it`);
  if (!delivery.signedAt) {
    throw new YizhanError(DocumentsErrorCode.NOT_SIGNED_FOR, `Your unit’s clerk signs for a document (签收) before your unit ${what} it`);
  }
  if (delivery.status === 'RECALLED') throw new YizhanError(DocumentsErrorCode.HANDLING_STATE, 'The sender recalled this document');
  return { delivery, original: await getDocument(ctx.em, delivery.documentId) };
}

export const linkOf = (delivery: Delivery, original: Document): LinkedOriginal => ({
  documentId: original.id,
  deliveryId: delivery.id,
  orgId: original.orgId,
  orgName: original.orgName,
  docType: original.docType,
  docNumber: delivery.docNumber,
  title: original.title,
  sentAt: original.sentAt ? original.sentAt.toISOString() : null,
});

/** A unit's OA system, through its API token (org's API tokens: a user name `api:…`, no login session). */
export const isOaSystem = (caller: Caller) => caller.username.startsWith('api:') && !caller.sessionId;

/**
 * Drafts the reply to a received document: 主送 its sender, the usual 文种 and title, the customary opening. By the
 * unit's drafters, or by its OA system (which takes over from 签收: the handling and the reply's text are its own);
 * either way the draft then goes through the unit's approval here.
 */
export async function draftReply(ctx: DocumentsContext, deliveryId: string, input: ReplyInput): Promise<Document> {
  const caller = requireCaller(ctx);
  const byOaSystem = isOaSystem(caller);
  if (!byOaSystem && !hasRole(caller, 'DRAFTER'))
    throw new YizhanError(ErrorCode.FORBIDDEN, 'Only your unit’s drafters (or its OA system) draft a reply', { requiredRoles: ['DRAFTER'] });
  const { delivery, original } = await signedForDelivery(ctx, deliveryId, 'answers');
  // A report returned for correction is reported again from what was sent, not from a blank: the drafter corrects it.
  const returnedId = await returnedReportOf(ctx.em, original.id, caller.orgId);
  const returned = returnedId ? await getDocument(ctx.em, returnedId) : null;
  const type = returned && !input.docType?.trim() ? returned.docType : replyType(original.docType, input.docType?.trim() || null);
  const unit = await callerUnit(ctx);
  return createDraft(
    ctx,
    {
      docType: type,
      title: input.title?.trim() || returned?.title || replyTitle(original.title, type),
      body:
        input.body?.trim() ||
        (returned ? (await ctx.deps.blobs.get(returned.bodySha256))?.toString('utf8') : null) ||
        replyBody(original.orgName, original.title, delivery.docNumber, type),
      docPrefix: input.docPrefix?.trim() || returned?.docPrefix || unit.docPrefixes[0] || null,
      signer: input.signer ?? returned?.signer ?? null,
      mainTo: original.orgName,
      signatureLine: unit.name,
      recipients: [{ orgIds: [original.orgId], role: 'MAIN' }],
      ...(returned ? { attachments: returned.attachments.map((a) => ({ sha256: a.sha256, name: a.name })) } : {}),
    },
    { replyToDocumentId: original.id, replyToDeliveryId: delivery.id, replyToOrgId: original.orgId, replyTo: linkOf(delivery, original) },
    { byOaSystem },
  );
}

/** The replies to a document the caller may see: its own unit's (drafts too), and, for the original's sender, those
 * sent to it. */
export const repliesTo = (em: EntityManager, doc: Document) => linkedDocuments(em, doc.id, 'reply');

/** The caller's unit's delivery of a document sent to it (its copy in the inbox), asked for a list's rows together:
 * a reply or a 转发 from another unit links there. Null when it was not sent to the unit. */
export async function yourDeliveryOf(ctx: DocumentsContext, documentId: string): Promise<string | null> {
  const caller = requireCaller(ctx);
  const [id] = await batched(ctx, 'yourDelivery', documentId, async (ids) =>
    (await unitDeliveriesOf(ctx.em, caller.orgId, ids)).map((r) => ({ key: r.document_id, value: r.id })),
  );
  return id ?? null;
}
