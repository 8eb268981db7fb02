// 征集/报送: the sender of a document asks its recipients to report by a deadline (“请于12月5日前报送”); each
// recipient's report is a reply to the request (app/reply.ts), counted when it is sent (onReplySent, inside the send's
// transaction). The sender's collection board shows every recipient as pending, reported, late, missing or returned
// for correction (sent back with a reason, then resubmitted as a new reply), live (`reportBoard`, on `report.changed`);
// those missing are reminded through the urgent alerts' channel (an in-app notice, SMS and webhook to the unit's
// registered contacts, queued for the alert dispatcher); all reports download at once as a zip with a list.
import type { EntityManager } from '@mikro-orm/postgresql';
import {
  badInput,
  type Caller,
  ErrorCode,
  forbidden,
  hasRole,
  isWithin,
  optionalText,
  personName,
  refuseControlCharacters,
  requireCaller,
  requireRole,
  YizhanError,
} from '@yizhan/common';
import { DocumentsErrorCode, documentsEvents } from '@yizhan/contracts/documents';
import type { ReceiptEnvelope } from '@yizhan/crypto';
import { emit, isUuid, recordHandedOut, scopedEm } from '@yizhan/kernel';
import type { DocumentsContext } from '../deps.ts';
import { isUnsigned } from '../domain/delivery.ts';
import { fileNamePart } from '../domain/file-name.ts';
import { monthDayMinute, type Notice, noticeText, ownWords } from '../domain/notices.ts';
import { checkReportDeadline, needsReminder, type ReportState, refuseReportsOf, reportCounts, reportState } from '../domain/reply.ts';
import { zip } from '../domain/zip.ts';
import type { Document } from '../entities/Document.ts';
import { getDocument } from '../store/documents.ts';
import { recordStep } from '../store/handling.ts';
import { announceNotices } from '../store/notices.ts';
import { receiptsOfDocument, receiptsWaiting } from '../store/receipts.ts';
import {
  insertReportNotices,
  lockReport,
  markReminded,
  markReturned,
  notifyUnit,
  openReports,
  queueReportAlert,
  type ReportRow,
  recordReport,
  reportCopies,
  reportsOf,
} from '../store/replies.ts';
import { withDb } from '../store/sql.ts';
import { type SubscribeData, throttledBoard } from './live-receipts.ts';

/** Who on the sending side runs a collection: those who send (clerk, drafter) and its leaders. */
const COLLECTORS = ['CLERK', 'DRAFTER', 'LEADER'] as const;

const reportError = (message: string) => new YizhanError(DocumentsErrorCode.REPORT_STATE, message);

/** One recipient on the board. */
export interface BoardRow {
  id: string;
  deliveryId: string;
  reporterOrgId: string;
  reporterName: string;
  state: ReportState;
  deadline: Date;
  reportDocumentId: string | null;
  reportDocNumber: string | null;
  reportTitle: string | null;
  reportedAt: Date | null;
  reportDeliveryId: string | null;
  reportSignedFor: boolean;
  submissions: number;
  resubmitted: boolean;
  returnedAt: Date | null;
  returnedByName: string | null;
  returnReason: string | null;
  remindedAt: Date | null;
  reminders: number;
}

export interface ReportBoard {
  documentId: string;
  title: string;
  docNumber: string | null;
  deadline: Date | null;
  note: string | null;
  requestedAt: Date | null;
  total: number;
  reported: number;
  late: number;
  pending: number;
  missing: number;
  returned: number;
  /** Units that no longer hold the request (returned it, or it was recalled or corrected): nothing to report on. */
  withdrawn: number;
  rows: BoardRow[];
  cursor: string | null;
}

const record = (r: ReportRow & { held?: boolean }) => ({
  status: r.status,
  deadline: new Date(r.deadline),
  reportedAt: r.reported_at ? new Date(r.reported_at) : null,
  held: r.held,
});

export function boardRow(r: ReportRow, now = new Date(), copy?: { id: string; status: string }): BoardRow {
  return {
    id: r.id,
    deliveryId: r.request_delivery_id,
    reporterOrgId: r.reporter_org_id,
    reporterName: r.reporter_name,
    state: reportState(record(r), now),
    deadline: new Date(r.deadline),
    reportDocumentId: r.report_document_id,
    reportDocNumber: r.report_doc_number,
    reportTitle: r.report_title,
    reportedAt: r.reported_at ? new Date(r.reported_at) : null,
    reportDeliveryId: copy?.id ?? null,
    reportSignedFor: !!copy && !isUnsigned(copy.status),
    submissions: r.submissions,
    resubmitted: r.submissions > 1,
    returnedAt: r.returned_at ? new Date(r.returned_at) : null,
    returnedByName: r.returned_by_name,
    returnReason: r.return_reason,
    remindedAt: r.reminded_at ? new Date(r.reminded_at) : null,
    reminders: r.reminders,
  };
}

/** The board of a request as the caller may see it (a reporter sees its own row only: row-level security). */
export async function boardOf(em: EntityManager, doc: Document, cursor: string | null = null): Promise<ReportBoard> {
  // One after the other: both on the request's one connection.
  const rows = await reportsOf(em, doc.id);
  const copies = await reportCopies(em, doc.id);
  const copyOf = new Map(copies.map((c) => [c.report_document_id, c]));
  const now = new Date();
  const c = reportCounts(rows.map(record), now);
  return {
    documentId: doc.id,
    title: doc.title,
    docNumber: doc.docNumber,
    deadline: doc.reportDeadline,
    note: doc.reportNote,
    requestedAt: doc.reportRequestedAt,
    total: c.total,
    reported: c.REPORTED,
    late: c.LATE,
    pending: c.PENDING,
    missing: c.MISSING,
    returned: c.RETURNED,
    withdrawn: c.WITHDRAWN,
    rows: rows.map((r) => boardRow(r, now, r.report_document_id ? copyOf.get(r.report_document_id) : undefined)),
    cursor,
  };
}

/** The caller's unit's own sent document, for the collection's steps. */
async function ownSent(ctx: DocumentsContext, em: EntityManager, documentId: string, statuses: readonly string[] = ['SENT']): Promise<Document> {
  const caller = requireCaller(ctx);
  requireRole(caller, ...COLLECTORS);
  const doc = await getDocument(em, documentId);
  if (doc.orgId !== caller.orgId) throw forbidden('Only the unit that sent a document collects reports on it');
  if (!statuses.includes(doc.status))
    throw reportError(
      statuses.includes('APPROVED')
        ? 'Reports are asked for on an approved or a sent document; a draft asks for them in 拟稿 (报送截止时间)'
        : 'Reports are asked for on a sent document',
    );
  return doc;
}

// An event about one reporter's row names the request's delivery to it: the evidence log links it into the requesting
// unit's chain (a report received, returned for correction, reminded), with the report it received.
const announce = (em: EntityManager, doc: Pick<Document, 'id' | 'orgPath'>, action: 'REQUEST' | 'REPORT' | 'RETURN' | 'REMIND', row?: ReportRow) =>
  emit(
    em,
    documentsEvents.event(
      'report.changed',
      {
        documentId: doc.id,
        reporterOrgId: row?.reporter_org_id ?? null,
        action,
        ...(row ? { deliveryId: row.request_delivery_id } : {}),
        ...(row?.report_document_id ? { reportDocumentId: row.report_document_id } : {}),
      },
      { orgPath: row?.sender_path ?? doc.orgPath, otherPath: row?.recipient_path ?? null },
    ),
  );

/**
 * Asks the recipients of a sent document to report by the deadline (again: moves the deadline). On an approved document
 * not yet sent it sets (or moves) the request its send will open: a deadline set in 拟稿 may pass while it is approved.
 */
export async function requestReports(ctx: DocumentsContext, documentId: string, deadline: Date, note: string | null): Promise<ReportBoard> {
  const text = optionalText(note, 'note', { max: 500 });
  checkReportDeadline(deadline);
  return ctx.em.transactional(async (tx) => {
    const em = tx as EntityManager;
    const doc = await ownSent(ctx, em, documentId, ['SENT', 'APPROVED']);
    refuseReportsOf(doc);
    if (doc.status === 'APPROVED') {
      await withDb(em, (db) => db.updateTable('documents.documents').set({ report_deadline: deadline, report_note: text }).where('id', '=', doc.id).execute());
      em.clear();
      return boardOf(em, await getDocument(em, doc.id));
    }
    await withDb(em, (db) =>
      db
        .updateTable('documents.documents')
        .set({ report_deadline: deadline, report_note: text, report_requested_at: doc.reportRequestedAt ?? new Date() })
        .where('id', '=', doc.id)
        .execute(),
    );
    const opened = await openReports(em, doc.id, deadline);
    if (!opened) throw reportError('The document has no live deliveries to ask reports of');
    await noticeReportsAsked(em, doc, deadline, text, personName(requireCaller(ctx)));
    await announce(em, doc, 'REQUEST');
    em.clear();
    return boardOf(em, await getDocument(em, doc.id));
  });
}

/**
 * The 征集 notice (“征集：…请于…前报送”) to every unit asked and not yet reported, on its delivery, announced so that its
 * open inbox shows it at once: one statement for the notices and one for their events, whatever the number of units.
 */
async function noticeReportsAsked(
  em: EntityManager,
  doc: Pick<Document, 'id' | 'orgName' | 'title' | 'docNumber'>,
  deadline: Date,
  note: string | null,
  by: string,
  /** Only the units of these deliveries (补发's new copies); every unit asked when not given. */
  only?: string[],
): Promise<void> {
  const notice: Notice = {
    kind: 'REPORT_REQUESTED',
    words: { senderName: doc.orgName, title: doc.title, docNumber: doc.docNumber ?? '', deadline: deadline.toISOString(), note: note || null },
  };
  const asked = await insertReportNotices(em, doc.id, notice, only);
  await announceNotices(em, doc.id, asked, notice.kind, by);
}

/**
 * 补发 of a document whose 征集 is open (its deadline ahead): the units it now reaches are asked for the same report by
 * the same deadline, and told so as the others were; those it reached before are not told again.
 */
export async function askSupplementedUnits(em: EntityManager, doc: Document, deliveryIds: string[], by: string): Promise<void> {
  if (!doc.reportRequestedAt || !doc.reportDeadline || doc.reportDeadline.getTime() <= Date.now() || !deliveryIds.length) return;
  await openReports(em, doc.id, doc.reportDeadline);
  await noticeReportsAsked(em, doc, doc.reportDeadline, doc.reportNote, by, deliveryIds);
  await announce(em, doc, 'REQUEST');
}

/** A document sent with a request set in 拟稿 (inside the send's transaction, after its deliveries, which the send
 * marked asked): every recipient's report is owed from now, and each is told so in its inbox as 发起征集 tells it (the
 * notice names the number the send just gave the document). */
export async function openCollectionOnSend(em: EntityManager, doc: Document, docNumber: string, by: string): Promise<void> {
  if (!doc.reportDeadline) return;
  await openReports(em, doc.id, doc.reportDeadline);
  await noticeReportsAsked(em, { id: doc.id, orgName: doc.orgName, title: doc.title, docNumber }, doc.reportDeadline, doc.reportNote, by);
  await announce(em, doc, 'REQUEST');
}

/** A reply just sent (inside the send's transaction): the reporter's report, and a step in its unit's handling of the
 * original. */
export async function onReplySent(em: EntityManager, caller: Caller, doc: Document, docNumber: string, sentAt: Date): Promise<void> {
  if (!doc.replyToDocumentId) return;
  const row = await recordReport(em, {
    requestDocumentId: doc.replyToDocumentId,
    reporterOrgId: doc.orgId,
    documentId: doc.id,
    docNumber,
    title: doc.title,
    sentAt,
  });
  if (row) await announce(em, { id: doc.replyToDocumentId, orgPath: row.sender_path }, 'REPORT', row);
  if (doc.replyToDeliveryId) {
    // The 答复 or 报送 in the replying unit's own evidence chain, about the original it answers (its deliveries and
    // their receipts are the send's and the recipient's, as for any document).
    await emit(
      em,
      documentsEvents.event(
        'handling.changed',
        { deliveryId: doc.replyToDeliveryId, orgId: doc.orgId, action: row ? 'REPORT' : 'REPLY', replyDocumentId: doc.id, sectionIds: [], userIds: [] },
        { orgPath: doc.orgPath },
      ),
    );
    const [entry] = await em.execute<{ delivery_id: string; org_path: string }[]>(
      'select delivery_id, org_path::text as org_path from documents.intake_register where delivery_id = ?',
      [doc.replyToDeliveryId],
    );
    if (entry)
      await recordStep(em, entry, {
        action: row ? 'REPORT' : 'REPLY',
        actorId: caller.userId,
        actorName: personName(caller),
        note: `${row && row.submissions > 1 ? '重新报送' : row ? '报送' : '答复'}：《${doc.title}》（${docNumber}）`,
      });
  }
}

/** Sends a report back to its unit for correction, with the reason; its next reply resubmits it. */
export async function returnReport(ctx: DocumentsContext, documentId: string, reporterOrgId: string, reason: string): Promise<ReportBoard> {
  const caller = requireCaller(ctx);
  const why = refuseControlCharacters(reason.trim(), 'reason');
  if (!why || why.length > 500) throw badInput('Say why the report goes back for correction (1–500 characters)', 'reason', { length: { min: 1, max: 500 } });
  return ctx.em.transactional(async (tx) => {
    const em = tx as EntityManager;
    const doc = await ownSent(ctx, em, documentId);
    const row = isUuid(reporterOrgId) ? await lockReport(em, doc.id, reporterOrgId) : undefined;
    if (!row) throw new YizhanError(ErrorCode.NOT_FOUND, 'That unit was not asked to report on this document', { reporterOrgId });
    if (row.status !== 'REPORTED')
      throw reportError(row.status === 'RETURNED' ? 'The report was already returned for correction' : 'Nothing has been reported yet');
    // A report is returned for correction once read: the unit's copy signed for (or sent back at 初审), not left
    // waiting unsigned in its inbox, where the unit would still owe it a 签收 after the report was withdrawn.
    const [copy] = row.report_document_id ? await reportCopies(em, doc.id, row.report_document_id) : [];
    if (copy && isUnsigned(copy.status))
      throw new YizhanError(DocumentsErrorCode.REPORT_NOT_SIGNED, 'Sign for the report first: it waits unsigned in your inbox', {
        deliveryId: copy.id,
      });
    await markReturned(em, row.id, personName(caller), why);
    const deadline = new Date(row.deadline);
    await notifyUnit(em, row, {
      kind: 'REPORT_RETURNED',
      words: {
        senderName: doc.orgName,
        title: row.report_title ?? '',
        docNumber: row.report_doc_number ?? '',
        // Still ahead: named as the day to report again by; past: as soon as possible.
        deadline: deadline.getTime() > Date.now() ? deadline.toISOString() : null,
        note: why,
      },
    });
    await announceNotices(em, doc.id, [row.request_delivery_id], 'REPORT_RETURNED', personName(caller));
    await announce(em, doc, 'RETURN', row);
    em.clear();
    return boardOf(em, await getDocument(em, doc.id));
  });
}

/** Reminds every unit that has not reported (or was asked to correct): in-app, and by SMS and webhook to the unit's
 * registered contacts through the alert dispatcher. Answers the board, each reminded row counting one more. */
export async function remindReports(ctx: DocumentsContext, documentId: string, note: string | null): Promise<ReportBoard> {
  const doc = await ownSent(ctx, ctx.em, documentId);
  const waiting = (await reportsOf(ctx.em, doc.id)).filter((r) => needsReminder(record(r)));
  if (!waiting.length) throw reportError('Every unit has reported: nobody to remind');
  // Where each unit wants to be alerted, as for an urgent document (org's contacts and webhook of the unit).
  const routed = await ctx.deps.org.call('recipients', ctx.callerHeader, {
    docType: doc.docType,
    recipients: [{ orgIds: waiting.map((r) => r.reporter_org_id) }],
    withAlertTargets: true,
  });
  const by = personName(requireCaller(ctx));
  return ctx.em.transactional(async (tx) => {
    const em = tx as EntityManager;
    for (const r of waiting) {
      const notice: Notice = {
        kind: 'REPORT_REMINDED',
        words: {
          senderName: doc.orgName,
          title: doc.title,
          docNumber: doc.docNumber ?? '',
          deadline: new Date(r.deadline).toISOString(),
          note: ownWords(note),
        },
      };
      await notifyUnit(em, r, notice);
      for (const t of routed.alertTargets.filter((a) => a.orgId === r.reporter_org_id)) await queueReportAlert(em, r, t, noticeText(notice));
      await announce(em, doc, 'REMIND', r);
    }
    await announceNotices(
      em,
      doc.id,
      waiting.map((r) => r.request_delivery_id),
      'REPORT_REMINDED',
      by,
    );
    await markReminded(
      em,
      waiting.map((r) => r.id),
    );
    em.clear();
    return boardOf(em, await getDocument(em, doc.id));
  });
}

/** The board, live: at once, then again after each change, at most once per boardIntervalMs. */
export async function reportBoardFeed({ args, context }: SubscribeData) {
  const caller = requireCaller(context);
  const documentId = args.documentId as string;
  const em = () => scopedEm(context.deps.orm, caller);
  await getDocument(em(), documentId);
  const read = async (cursor: string | null) => boardOf(em(), await getDocument(em(), documentId), cursor);
  const events = context.deps.hub.subscribe({
    scopePath: caller.orgPath,
    // A report's change, and a delivery's step that gives the request back or takes it away (退回, 请求重发, 撤回, a
    // resend or a 修改后重发's copy): whether the unit still holds the request is on the board (WITHDRAWN).
    filter: (e) =>
      documentsEvents.read(e, 'report.changed', 'delivery.return', 'delivery.request_resend', 'delivery.recall', 'delivery.resend', 'delivery.delivered')
        ?.payload.documentId === documentId,
  });
  return throttledBoard(events, read, context, 'report board feed failed');
}

const RECEIPT_FILE: Record<string, string> = { RECEIVED: '接收回执', SIGNED: '签收回执', RETURNED: '退回回执' };
const b64 = (b: Uint8Array) => Buffer.from(b).toString('base64');

const STATE_NAME: Record<ReportState, string> = {
  PENDING: '待报送',
  MISSING: '未报送',
  REPORTED: '已报送',
  LATE: '逾期报送',
  RETURNED: '退回修改',
  WITHDRAWN: '来文已退回或撤回',
};
const csvCell = (v: string | number | null) => {
  const s = v === null ? '' : String(v);
  return /[",\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
};

/** Every report of a request in one zip: 报送情况.csv (one line per unit, with the 接收 and 签收 of its report) and,
 * per unit that reported, its report's body and attachments, and the requesting unit's signed receipts of it
 * (回执/*.json: the receipt, the unit's signature and certificate, the time stamp and its batch path, as an evidence
 * package carries them; lib/crypto's verifyReceipt checks them offline). For the requesting unit and the units above
 * it (which see no receipts: a receipt is its two ends'); the handing-out is in the audit log. */
export async function reportsZip(ctx: DocumentsContext, documentId: string): Promise<{ content: Buffer; filename: string }> {
  const caller = requireCaller(ctx);
  const doc = await getDocument(ctx.em, documentId);
  if (
    !isWithin(doc.orgPath, caller.orgPath) ||
    !(doc.orgId === caller.orgId ? hasRole(caller, ...COLLECTORS) : hasRole(caller, 'SUPERVISOR', 'LEADER', 'ADMIN'))
  )
    throw forbidden('The reports are downloaded by the unit that asked for them');
  const board = await boardOf(ctx.em, doc);
  if (!board.deadline) throw reportError('This document asked for no reports');
  const files: { name: string; data: Uint8Array }[] = [];
  const lines = [['序号', '报送单位', '状态', '报送文号', '报送标题', '报送时间', '报送次数', '退回原因', '催报次数', '接收时间', '签收时间'].join(',')];
  // The receipts of the reports: those still waiting for their batch time stamp get it now.
  const reports = board.rows.map((r) => r.reportDocumentId).filter((d): d is string => !!d);
  const evidence = ctx.deps.evidence;
  for (const d of evidence ? reports : []) {
    if (!(await receiptsWaiting(ctx.em, d))) continue;
    await evidence?.flush();
    break;
  }
  for (const [i, r] of board.rows.entries()) {
    const receipts = r.reportDocumentId ? await receiptsOfDocument(ctx.em, r.reportDocumentId) : [];
    const at = (action: string) => {
      const x = receipts.find((e) => e.action === action);
      return x ? monthDayMinute(new Date(x.receipt.at)) : null;
    };
    const n = String(i + 1).padStart(2, '0');
    lines.push(
      [
        n,
        r.reporterName,
        STATE_NAME[r.state],
        r.reportDocNumber,
        r.reportTitle,
        r.reportedAt ? monthDayMinute(r.reportedAt) : null,
        r.submissions,
        r.returnReason,
        r.reminders,
        at('RECEIVED'),
        at('SIGNED'),
      ]
        .map(csvCell)
        .join(','),
    );
    if (!r.reportDocumentId) continue;
    const report = await getDocument(ctx.em, r.reportDocumentId);
    const folder = `${n}-${fileNamePart(r.reporterName, 80)}`;
    const body = await ctx.deps.blobs.get(report.bodySha256);
    if (body) files.push({ name: `${folder}/${fileNamePart(report.title, 80)}.html`, data: body });
    for (const [j, a] of report.attachments.entries()) {
      const data = await ctx.deps.blobs.get(a.sha256);
      if (data) files.push({ name: `${folder}/附件${j + 1}-${fileNamePart(a.name, 80)}`, data });
    }
    for (const x of receipts) {
      const envelope: ReceiptEnvelope = {
        receipt: x.receipt,
        signature: b64(x.signature),
        certificate: b64(x.certificate),
        timestamp: x.timestamp ? b64(x.timestamp) : '',
        ...(x.timestampPath ? { timestampPath: x.timestampPath } : {}),
      };
      files.push({ name: `${folder}/回执/${RECEIPT_FILE[x.action]}.json`, data: Buffer.from(`${JSON.stringify(envelope, null, 2)}\n`, 'utf8') });
    }
  }
  const list = Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`, 'utf8');
  const content = zip([{ name: '报送情况.csv', data: list }, ...files]);
  await ctx.em.transactional((tx) =>
    recordHandedOut('documents', ctx, tx as EntityManager, caller, {
      category: 'DOWNLOAD',
      action: 'download-reports',
      targetType: 'Document',
      targetId: doc.id,
      detail: { reports: board.rows.filter((r) => r.reportDocumentId).length },
    }),
  );
  return { content, filename: `${fileNamePart(doc.title, 80)}-报送材料.zip` };
}
