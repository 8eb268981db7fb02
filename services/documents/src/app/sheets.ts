// The office's forms as printable PDFs (GET /blobs?sheet=handling&delivery=… and ?sheet=draft&document=…, served by
// http/sheets.ts): the 收文处理单 of a delivery the caller's unit signed for, read by those who read its register
// (domain/intake.ts REGISTER_READERS), and the 发文稿纸 of a document the caller's unit drafted, read by anyone of that
// unit (its approvals are the drafting unit's record only). Each is filled in by domain/sheets.ts, drawn by
// domain/form-sheet-pdf.ts, and its printing is in the audit log. The archive files the same form with the unit's copy
// of the document (internal.ts, archival-package), made as the record is archived.
import type { EntityManager } from '@mikro-orm/postgresql';
import { forbidden, notFound, personName, requireCaller, requireRole } from '@yizhan/common';
import { isUuid, recordHandedOut } from '@yizhan/kernel';
import type { DocumentsContext } from '../deps.ts';
import { fileNamePart } from '../domain/file-name.ts';
import { renderFormSheet } from '../domain/form-sheet-pdf.ts';
import { closeResultOf } from '../domain/handling.ts';
import { formatIntakeNumber, REGISTER_READERS } from '../domain/intake.ts';
import { draftSheet, handlingSheet } from '../domain/sheets.ts';
import type { Document } from '../entities/Document.ts';
import { canonicalContent } from '../store/canonical.ts';
import { approvalsOf, getDocument } from '../store/documents.ts';
import { handlingOf, historyOf, readersOf, tasksOf } from '../store/handling.ts';
import { intakeOf } from '../store/intake.ts';
import { deliveryHistory } from './delivery-life.ts';
import { docDateOf } from './doc-date.ts';
import { coIssuersOf } from './joint-issue.ts';
import { verifiedSeal } from './print.ts';
import { approvalSignature } from './signed-approvals.ts';

export interface PrintedSheet {
  content: Buffer;
  filename: string;
}

const audited = (ctx: DocumentsContext, action: string, targetType: string, targetId: string) =>
  ctx.em.transactional((tx) =>
    recordHandedOut('documents', ctx, tx as EntityManager, requireCaller(ctx), { category: 'EXPORT', action, targetType, targetId, detail: {} }),
  );

/** The 收文处理单 a reader of the unit's register prints (NOT_FOUND for another unit's delivery, or one not yet signed for). */
export async function handlingSheetPdf(ctx: DocumentsContext, deliveryId: string): Promise<PrintedSheet> {
  requireRole(requireCaller(ctx), ...REGISTER_READERS);
  const sheet = isUuid(deliveryId) ? await handlingSheetOf(ctx, deliveryId) : null;
  if (!sheet) throw notFound('Delivery', deliveryId);
  await audited(ctx, 'print-handling-sheet', 'Delivery', deliveryId);
  return sheet;
}

/** The 收文处理单 of a delivery the caller's unit signed for, as it stands; null when the unit registered none (another
 * unit's, or not signed for). Also what the archive files with the unit's copy (internal.ts). */
export async function handlingSheetOf(ctx: DocumentsContext, deliveryId: string): Promise<PrintedSheet | null> {
  const caller = requireCaller(ctx);
  const entry = await intakeOf(ctx.em, deliveryId);
  if (!entry?.document_id) return null;
  const [doc, handling, tasks, readers, history, unit, changes] = await Promise.all([
    getDocument(ctx.em, entry.document_id),
    handlingOf(ctx.em, deliveryId),
    tasksOf(ctx.em, deliveryId),
    readersOf(ctx.em, deliveryId),
    historyOf(ctx.em, deliveryId),
    ctx.deps.org.call('unit', ctx.callerHeader, {}),
    deliveryHistory(ctx, deliveryId),
  ]);
  // 办结 without an instruction (the unit closed its delivery itself): the 办理结果 box is filled from that step.
  const closed = changes.findLast((c) => c.action === 'CLOSE');
  const number = formatIntakeNumber(entry.year, entry.seq);
  const sheet = handlingSheet({
    orgName: unit.name,
    intakeNumber: number,
    senderName: entry.sender_name,
    docNumber: entry.doc_number,
    title: entry.title,
    docType: entry.doc_type,
    urgency: entry.urgency,
    isTelegram: doc.isTelegram,
    copies: entry.copies,
    signedAt: entry.signed_at,
    signedByName: entry.signed_by_name,
    senderDeadline: doc.deadline,
    reportDeadline: doc.reportDeadline,
    handling: handling
      ? {
          proposal: handling.proposal,
          proposedByName: handling.proposed_by_name,
          proposedAt: handling.proposed_at,
          instruction: handling.instruction,
          instructedByName: handling.instructed_by_name,
          instructedAt: handling.instructed_at,
          deadline: handling.deadline,
          result: handling.result,
          concludedByName: handling.concluded_by_name,
          concludedAt: handling.concluded_at,
        }
      : null,
    closed: closed ? { result: closeResultOf(closed.note), byName: closed.actorName, at: closed.at } : null,
    tasks: tasks.map((t) => ({
      sectionName: t.section_name,
      role: t.role,
      status: t.status,
      acceptedByName: t.accepted_by_name,
      acceptedAt: t.accepted_at,
      result: t.result,
      doneByName: t.done_by_name,
      doneAt: t.done_at,
    })),
    readers: readers.map((r) => ({ userName: r.user_name, sectionName: r.section_name, readAt: r.read_at, comment: r.comment })),
    history: history.map((s) => ({ action: s.action, actorName: s.actor_name, channel: s.channel, at: s.at })),
    printedBy: personName(caller),
  });
  return { content: await renderFormSheet(sheet), filename: `收文处理单-${number}-${fileNamePart(entry.title, 60)}.pdf` };
}

/** The 发文稿纸 of a document the caller's unit drafted (FORBIDDEN for a unit it was only delivered to). */
export async function draftSheetPdf(ctx: DocumentsContext, documentId: string): Promise<PrintedSheet> {
  const caller = requireCaller(ctx);
  const doc = await getDocument(ctx.em, documentId);
  if (doc.orgId !== caller.orgId) throw forbidden('The 发文稿纸 is the drafting unit’s record: print the 收文处理单 of your delivery instead');
  const sheet = await draftSheetOf(ctx, doc);
  await audited(ctx, 'print-draft-sheet', 'Document', doc.id);
  return sheet;
}

/** The 发文稿纸 of a document of the caller's unit, as it stands. Also what the archive files with the sender's copy. */
export async function draftSheetOf(ctx: DocumentsContext, doc: Document): Promise<PrintedSheet> {
  const caller = requireCaller(ctx);
  const canonical = () => canonicalContent(doc, ctx.deps.blobs).then((c) => Buffer.from(c).toString('base64'));
  const [steps, coIssuers, docDate, seal, sender] = await Promise.all([
    approvalsOf(ctx.em, doc.id),
    coIssuersOf(ctx, doc),
    docDateOf(ctx.em, doc),
    doc.stamp ? verifiedSeal(ctx, doc, doc.stamp, canonical, true) : null,
    doc.sentBy ? ctx.deps.org.call('people', ctx.callerHeader, { ids: [doc.sentBy] }) : [],
  ]);
  const approvals = await Promise.all(
    steps.map(async (s) => {
      const signature = s.action === 'APPROVED' ? await approvalSignature(ctx, s) : null;
      return {
        action: s.action,
        step: s.step,
        role: s.role,
        userName: s.userName,
        comment: s.comment,
        at: s.at,
        signature: signature ? { valid: signature.valid, byPerson: signature.signedByPerson } : null,
      };
    }),
  );
  const sheet = draftSheet({
    orgName: doc.orgName,
    docType: doc.docType,
    docNumber: doc.docNumber,
    title: doc.title,
    urgency: doc.urgency,
    isTelegram: doc.isTelegram,
    disclosure: doc.disclosure,
    disclosureReason: doc.disclosureReason,
    mainTo: doc.mainTo,
    ccTo: doc.ccTo,
    signer: doc.signer,
    attachments: doc.attachments.map((a) => a.name),
    authorName: doc.authorName,
    createdAt: doc.createdAt,
    chainLength: doc.approvalChain?.length ?? 1,
    approvals,
    coIssuers,
    sealNote: seal?.note ?? null,
    sealedBy: seal?.custodians ?? [],
    docDate,
    printingOrg: doc.printingOrg,
    printingDate: doc.printingDate,
    status: doc.status,
    sentAt: doc.sentAt,
    sentByName: sender[0]?.displayName ?? null,
    recipientCount: doc.recipientCount,
    printedBy: personName(caller),
  });
  return { content: await renderFormSheet(sheet), filename: `发文稿纸-${doc.docNumber ?? '未编号'}-${fileNamePart(doc.title, 60)}.pdf` };
}
