// 修改后重发 (seeds 001 §10 §15, 003 (二)): a document the recipients returned (退回) for its format or contents, or
// asked to be resent, is corrected by its sender before it goes again. The correction is a new draft of the sending
// unit, prefilled from the original (title, body, attachments, elements), addressed to the units that returned it and
// linked to the original with those returns and their reasons; it is approved, stamped and sent like any document
// (app/approve.ts, app/send.ts). Its send answers each original delivery it reaches that still waits: that delivery
// becomes RESENT (its reason kept) and the correction's delivery to the unit names it as its parent, so the
// original's board shows the unit as 已修改重发 with the corrected document, and the history says so.
import type { EntityManager } from '@mikro-orm/postgresql';
import { badInput, type Caller, ErrorCode, requireCaller, requireRole, YizhanError } from '@yizhan/common';
import type { DocumentsContext } from '../deps.ts';
import {
  answeredByCorrection,
  correctionDeadline,
  correctionRecipients,
  MAX_CORRECTED,
  refuseSecondCorrection,
  returnsToCorrect,
} from '../domain/correction.ts';
import type { Delivery } from '../entities/Delivery.ts';
import type { CorrectedOriginal, Document } from '../entities/Document.ts';
import { lockDeliveryStatuses } from '../store/deliveries.ts';
import { deliveriesByIds, deliveryReplacing, getDocument, openCorrections } from '../store/documents.ts';
import { linkedDocuments } from '../store/replies.ts';
import { applyAction } from './delivery-life.ts';
import { createDraft } from './draft.ts';

/** Drafts the corrected version of a sent document for the units whose deliveries of it came back. */
export async function draftCorrection(ctx: DocumentsContext, deliveryIds: readonly string[]): Promise<Document> {
  const caller = requireCaller(ctx);
  requireRole(caller, 'DRAFTER');
  const ids = [...new Set(deliveryIds)];
  if (ids.length > MAX_CORRECTED) throw badInput(`At most ${MAX_CORRECTED} deliveries are corrected at once`, 'deliveryIds');
  const deliveries = await deliveriesByIds(ctx.em, ids);
  const { documentId, returns } = returnsToCorrect(deliveries, caller.orgId);
  // One correction at a time per returned delivery: the deliveries are locked until this draft is written, so two
  // drafters asking at once make one draft, and the second is told to continue it.
  return ctx.em.transactional(async (tx) => {
    const em = tx as EntityManager;
    await lockDeliveryStatuses(
      em,
      returns.map((r) => r.deliveryId),
    );
    refuseSecondCorrection(
      await openCorrections(em, documentId),
      returns.map((r) => r.deliveryId),
    );
    return draftFor({ ...ctx, em }, documentId, returns);
  });
}

/** The correction's draft: the original's elements, body and files, addressed to the units whose returns it answers. */
async function draftFor(ctx: DocumentsContext, documentId: string, returns: CorrectedOriginal['returns']): Promise<Document> {
  const original = await getDocument(ctx.em, documentId);
  const body = await ctx.deps.blobs.get(original.bodySha256);
  if (!body) throw new YizhanError(ErrorCode.INTERNAL, 'The original’s body is missing from the file store');
  const correctionOf: CorrectedOriginal = {
    documentId: original.id,
    docType: original.docType,
    docNumber: original.docNumber,
    title: original.title,
    sentAt: original.sentAt ? original.sentAt.toISOString() : null,
    returns,
  };
  return createDraft(
    ctx,
    {
      docType: original.docType,
      title: original.title,
      body: body.toString('utf8'),
      docPrefix: original.docPrefix,
      signer: original.signer,
      mainTo: original.mainTo,
      ccTo: original.ccTo,
      signatureLine: original.signatureLine,
      notes: original.notes,
      printingOrg: original.printingOrg,
      urgency: original.urgency,
      isTelegram: original.isTelegram,
      deadline: correctionDeadline(original),
      // 征集: the corrected copy asks the units it reaches for the same reports, while the deadline is still to come
      // (past it, the drafter sets a new one or none).
      ...(original.reportDeadline && original.reportDeadline.getTime() > Date.now() + 60_000
        ? { reportDeadline: original.reportDeadline, reportNote: original.reportNote }
        : {}),
      attachmentsOnPaper: original.attachmentsOnPaper,
      paperNote: original.paperNote,
      disclosure: original.disclosure,
      disclosureReason: original.disclosureReason,
      coIssuerIds: original.coIssuerIds,
      recipients: correctionRecipients(returns),
      attachments: original.attachments.map((a) => ({ name: a.name, sha256: a.sha256 })),
    },
    {
      correctionOfDocumentId: original.id,
      correctionOf,
      // A corrected reply is still the reply (the routing's reply exception, the report it makes); a corrected 转发
      // still carries its original.
      replyToDocumentId: original.replyToDocumentId,
      replyToDeliveryId: original.replyToDeliveryId,
      replyToOrgId: original.replyToOrgId,
      replyTo: original.replyTo,
      forwardOfDocumentId: original.forwardOfDocumentId,
      forwardOfDeliveryId: original.forwardOfDeliveryId,
      forwardOf: original.forwardOf,
    },
  );
}

/**
 * In the send's transaction, before its deliveries are written: the original deliveries the correction answers (those
 * of the units it reaches still waiting) become RESENT, each with the correction's 发文字号 in its history. Answers,
 * per recipient in `reached`'s order, the delivery the new one replaces; null for a document that corrects nothing.
 */
export async function answerReturns(em: EntityManager, caller: Caller, doc: Document, reached: readonly string[], docNumber: string) {
  if (!doc.correctionOf) return null;
  const statusNow = await lockDeliveryStatuses(
    em,
    doc.correctionOf.returns.map((r) => r.deliveryId),
  );
  const answered = answeredByCorrection(doc.correctionOf.returns, reached, statusNow);
  for (const id of answered.values()) await applyAction(em, caller, id, 'CORRECT_RESEND', null, docNumber);
  return reached.map((orgId) => answered.get(orgId) ?? null);
}

/** The correction's link as the caller sees it: the drafting unit every return, a recipient its own unit's only. */
export function correctionLinkFor(caller: Caller, doc: Document): CorrectedOriginal | null {
  if (!doc.correctionOf) return null;
  if (doc.orgId === caller.orgId) return doc.correctionOf;
  return { ...doc.correctionOf, returns: doc.correctionOf.returns.filter((r) => r.recipientOrgId === caller.orgId) };
}

/** The corrected versions of a document the caller may see (its own unit's drafts too), newest first. */
export const correctionsOf = (em: EntityManager, doc: Document) => linkedDocuments(em, doc.id, 'correction');

/** What replaced a resent delivery: a resend of the same document, or the corrected document's delivery (修改后重发). */
export const replacedBy = (em: EntityManager, d: Delivery): Promise<Delivery | null> =>
  d.status === 'RESENT' ? deliveryReplacing(em, d.id) : Promise.resolve(null);
