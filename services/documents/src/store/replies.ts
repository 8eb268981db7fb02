// The SQL of 答复, 转发 and 征集/报送: a document's replies and forwards as the caller may see them, and the report
// rows of a collection (documents.reports, both parties' rows under row-level security).
import type { EntityManager } from '@mikro-orm/postgresql';
import { pgArray } from '@yizhan/kernel';
import type { Selectable } from 'kysely';
import { sql } from 'kysely';
import { REPLACED_STATUSES } from '../domain/delivery.ts';
import { type Notice, noticeText } from '../domain/notices.ts';
import { Document } from '../entities/Document.ts';
import type { DB } from './db.ts';
import { viewRows } from './documents.ts';
import { insertNotice } from './notices.ts';
import { withDb } from './sql.ts';

export type ReportRow = Selectable<DB['documents.reports']> & { status: 'MISSING' | 'REPORTED' | 'RETURNED' };
/** A row as a board reads it: with whether the unit still holds the request (domain/reply.ts ReportRecord.held). */
export type HeldReportRow = ReportRow & { held: boolean };

/** Documents answering this one (its replies), passing it on (its 转发) or correcting it (修改后重发), that the caller
 * may see, newest first (views: shown, not changed). */
export function linkedDocuments(em: EntityManager, documentId: string, link: 'reply' | 'forward' | 'correction'): Promise<Document[]> {
  const column = { reply: 'reply_to_document_id', forward: 'forward_of_document_id', correction: 'correction_of_document_id' }[link];
  return viewRows(em, Document, `select * from documents.documents where ${column} = ? order by created_at desc limit 200`, [documentId]);
}

/** 代拟稿: the documents a unit drafted from this one's Word draft (what its link, drafted_from, names), newest first. */
export function proxyDraftsOf(em: EntityManager, documentId: string, orgId: string): Promise<Document[]> {
  return viewRows(em, Document, `select * from documents.documents where org_id = ? and drafted_from->>'documentId' = ? order by created_at desc limit 200`, [
    orgId,
    documentId,
  ]);
}

/** The unit's own live deliveries of these documents (its copies in the inbox), the latest of each. */
export function unitDeliveriesOf(em: EntityManager, orgId: string, documentIds: string[]): Promise<{ document_id: string; id: string }[]> {
  return withDb(em, (db) =>
    db
      .selectFrom('documents.deliveries')
      .select(['document_id', 'id'])
      .distinctOn('document_id')
      .where('document_id', 'in', documentIds)
      .where('recipient_org_id', '=', orgId)
      .where('status', 'not in', REPLACED_STATUSES)
      .orderBy('document_id')
      .orderBy('delivered_at', 'desc')
      .execute(),
  );
}

/**
 * The report rows of a request the caller may see: all of them for the requesting side, its own for a reporter. Each
 * says whether its unit still holds the request: its live delivery (one at most: deliveries_live_recipient) neither
 * returned nor waiting for a resend — a unit that sent it back, or whose copy was recalled or answered by a
 * correction, has nothing to report on.
 */
export function reportsOf(em: EntityManager, documentId: string): Promise<HeldReportRow[]> {
  return withDb(em, (db) =>
    db
      .selectFrom('documents.reports as r')
      .leftJoin('documents.deliveries as d', (j) =>
        j
          .onRef('d.document_id', '=', 'r.request_document_id')
          .onRef('d.recipient_org_id', '=', 'r.reporter_org_id')
          .on('d.status', 'not in', REPLACED_STATUSES),
      )
      .selectAll('r')
      .select(sql<boolean>`coalesce(d.status NOT IN ('RETURNED', 'RESEND_REQUESTED'), false)`.as('held'))
      .where('r.request_document_id', '=', documentId)
      .orderBy('r.recipient_path')
      .$narrowType<{ status: ReportRow['status'] }>()
      .execute(),
  );
}

/**
 * What each of these units was asked to report of these documents (征集): its deadline and state, by document and unit
 * (one row a unit, on the copy it holds). Only the rows the caller may see (row-level security: the reporter's and
 * the requester's).
 */
export function reportsAskedOf(em: EntityManager, asked: { documentId: string; orgId: string }[]) {
  return withDb(em, (db) =>
    db
      .selectFrom('documents.reports')
      .select(['request_document_id', 'reporter_org_id', 'deadline', 'status'])
      .where(
        sql<boolean>`(request_document_id, reporter_org_id) in (select * from unnest(${asked.map((a) => a.documentId)}::uuid[], ${asked.map((a) => a.orgId)}::uuid[]))`,
      )
      .execute(),
  );
}

/**
 * A notice to every unit asked of a request and not yet reported (or only to those of `only`'s deliveries), on its
 * copy, in one statement whatever their number; answers those deliveries. The notices are the asked units' rows, not
 * the asking unit's to read back: who is asked is read apart.
 */
export async function insertReportNotices(em: EntityManager, documentId: string, notice: Notice, only?: string[]): Promise<string[]> {
  const which = only ? ` and request_delivery_id = any(?::uuid[])` : '';
  const params = [documentId, ...(only ? [pgArray(only)] : [])];
  const asked = await em.execute<{ request_delivery_id: string }[]>(
    `select request_delivery_id from documents.reports where request_document_id = ? and status <> 'REPORTED'${which}`,
    params,
  );
  if (!asked.length) return [];
  await em.execute(
    `insert into documents.notifications (org_id, org_path, delivery_id, text, kind, words)
     select reporter_org_id, recipient_path, request_delivery_id, ?, ?, ?::jsonb from documents.reports where request_document_id = ? and status <> 'REPORTED'${which}`,
    [noticeText(notice), notice.kind, JSON.stringify(notice.words), ...params],
  );
  return asked.map((a) => a.request_delivery_id);
}

/** A unit's report row moved from the copy it returned to the copy resent to it. */
export async function moveReportToCopy(em: EntityManager, from: string, to: string): Promise<void> {
  await withDb(em, (db) =>
    db
      .updateTable('documents.reports')
      .set({ request_delivery_id: to, changed_at: sql<Date>`clock_timestamp()` })
      .where('request_delivery_id', '=', from)
      .execute(),
  );
}

/** One row per unit holding a live copy of the request, on that copy (a second request moves the deadline, and the
 * row of a unit resent the request to its new copy); replies already sent count as reports. Answers the rows written
 * or moved. */
export async function openReports(em: EntityManager, documentId: string, deadline: Date): Promise<number> {
  const written = await withDb(em, (db) =>
    db
      .insertInto('documents.reports')
      .columns(['request_document_id', 'request_delivery_id', 'sender_path', 'recipient_path', 'reporter_org_id', 'reporter_name', 'deadline'])
      .expression(
        db
          .selectFrom('documents.deliveries')
          .select([
            'document_id',
            'id',
            'sender_path',
            'recipient_path',
            'recipient_org_id',
            'recipient_name',
            sql<string>`${deadline.toISOString()}::timestamptz`.as('deadline'),
          ])
          .where('document_id', '=', documentId)
          .where('status', 'not in', ['RESENT', 'RECALLED', 'RETURNED']),
      )
      // One row per unit (a resend after a return gives the unit a new copy: its row follows it there).
      .onConflict((oc) =>
        oc.columns(['request_document_id', 'reporter_org_id']).doUpdateSet({
          deadline: sql<Date>`excluded.deadline`,
          request_delivery_id: sql<string>`excluded.request_delivery_id`,
          recipient_path: sql<string>`excluded.recipient_path`,
          changed_at: sql<Date>`clock_timestamp()`,
        }),
      )
      .executeTakeFirst(),
  );
  await em.execute(
    `update documents.reports r
        set status = 'REPORTED', report_document_id = d.id, report_doc_number = d.doc_number, report_title = d.title,
            reported_at = d.sent_at, submissions = greatest(r.submissions, 1), changed_at = clock_timestamp()
       from (select distinct on (org_id) id, org_id, doc_number, title, sent_at from documents.documents
              where reply_to_document_id = ? and status = 'SENT' order by org_id, sent_at desc) d
      where r.request_document_id = ? and r.reporter_org_id = d.org_id and r.status = 'MISSING'`,
    [documentId, documentId],
  );
  return Number(written.numInsertedOrUpdatedRows ?? 0);
}

/** A reply just sent by the reporter: the report of its unit, first or resubmitted. Answers the row, if the original
 * asked for reports. */
export function recordReport(
  em: EntityManager,
  reply: { requestDocumentId: string; reporterOrgId: string; documentId: string; docNumber: string; title: string; sentAt: Date },
): Promise<ReportRow | undefined> {
  return withDb(em, (db) =>
    db
      .updateTable('documents.reports')
      .set({
        status: 'REPORTED',
        report_document_id: reply.documentId,
        report_doc_number: reply.docNumber,
        report_title: reply.title,
        reported_at: reply.sentAt,
        submissions: sql<number>`submissions + 1`,
        changed_at: sql<Date>`clock_timestamp()`,
      })
      .where('request_document_id', '=', reply.requestDocumentId)
      .where('reporter_org_id', '=', reply.reporterOrgId)
      .returningAll()
      .$narrowType<{ status: ReportRow['status'] }>()
      .executeTakeFirst(),
  );
}

/** The report of the reporter's unit on a request that was returned for correction (its document's id), if it was. */
export async function returnedReportOf(em: EntityManager, documentId: string, reporterOrgId: string): Promise<string | null> {
  const row = await withDb(em, (db) =>
    db
      .selectFrom('documents.reports')
      .select('report_document_id')
      .where('request_document_id', '=', documentId)
      .where('reporter_org_id', '=', reporterOrgId)
      .where('status', '=', 'RETURNED')
      .executeTakeFirst(),
  );
  return row?.report_document_id ?? null;
}

/** The requesting unit's own copy of each report on a request (of one report, `reportDocumentId`): its delivery of the
 * unit's report, to open it and to know whether it is signed for yet (a replaced or recalled delivery is no copy). */
export function reportCopies(
  em: EntityManager,
  documentId: string,
  reportDocumentId?: string,
): Promise<{ report_document_id: string; id: string; status: string }[]> {
  return withDb(em, (db) =>
    db
      .selectFrom('documents.reports as r')
      .innerJoin('documents.deliveries as d', (j) => j.onRef('d.document_id', '=', 'r.report_document_id').onRef('d.recipient_path', '=', 'r.sender_path'))
      .where('r.request_document_id', '=', documentId)
      .$if(!!reportDocumentId, (q) => q.where('r.report_document_id', '=', reportDocumentId as string))
      .where('d.status', 'not in', REPLACED_STATUSES)
      .distinctOn('d.document_id')
      .select(['d.document_id as report_document_id', 'd.id', 'd.status'])
      .orderBy('d.document_id')
      .orderBy('d.id', 'desc')
      .execute(),
  );
}

/** The reporter's row, locked for a change by the requester. */
export function lockReport(em: EntityManager, documentId: string, reporterOrgId: string): Promise<ReportRow | undefined> {
  return withDb(em, (db) =>
    db
      .selectFrom('documents.reports')
      .selectAll()
      .where('request_document_id', '=', documentId)
      .where('reporter_org_id', '=', reporterOrgId)
      .forUpdate()
      .$narrowType<{ status: ReportRow['status'] }>()
      .executeTakeFirst(),
  );
}

export function markReturned(em: EntityManager, id: string, by: string, reason: string): Promise<unknown> {
  return withDb(em, (db) =>
    db
      .updateTable('documents.reports')
      .set({
        status: 'RETURNED',
        returned_at: sql<Date>`clock_timestamp()`,
        returned_by_name: by,
        return_reason: reason,
        changed_at: sql<Date>`clock_timestamp()`,
      })
      .where('id', '=', id)
      .execute(),
  );
}

export function markReminded(em: EntityManager, ids: string[]): Promise<unknown> {
  return withDb(em, (db) =>
    db
      .updateTable('documents.reports')
      .set({ reminded_at: sql<Date>`clock_timestamp()`, reminders: sql<number>`reminders + 1`, changed_at: sql<Date>`clock_timestamp()` })
      .where('id', 'in', ids)
      .execute(),
  );
}

/** An in-app notice to a unit about its delivery (the reminder and the return for correction); its caller announces it
 * (store/notices.ts announceNotices: a reminder to many units in one statement). */
export function notifyUnit(
  em: EntityManager,
  r: Pick<ReportRow, 'reporter_org_id' | 'recipient_path' | 'request_delivery_id'>,
  notice: Notice,
): Promise<unknown> {
  return insertNotice(em, { org_id: r.reporter_org_id, org_path: r.recipient_path, delivery_id: r.request_delivery_id }, notice);
}

/** An SMS or webhook alert about a reporter's delivery, queued for the alert dispatcher (the urgent alerts' channel). */
export function queueReportAlert(
  em: EntityManager,
  r: Pick<ReportRow, 'request_delivery_id' | 'sender_path' | 'recipient_path' | 'request_document_id'>,
  target: { kind: 'SMS' | 'WEBHOOK'; name: string; target: string },
  text: string,
): Promise<unknown> {
  return withDb(em, (db) =>
    db
      .insertInto('documents.alerts')
      .values({
        delivery_id: r.request_delivery_id,
        sender_path: r.sender_path,
        recipient_path: r.recipient_path,
        channel: target.kind,
        target: target.target,
        target_name: target.name,
        text,
        payload: JSON.stringify({ deliveryId: r.request_delivery_id, documentId: r.request_document_id, kind: 'REPORT_REMINDER' }),
      })
      .execute(),
  );
}

/** Report rows whose deadline falls in a period, of the units below a scope and of those the scope itself asked to report: the supervisor's reporting timeliness. */
/**
 * The period a report request counts in: when it was reported, if that was before its deadline (a unit that
 * reports early is counted then, not left out until its deadline's period), else its deadline — each request in one
 * period only.
 */
export const reportSettledBetween = (from: Date, to: Date) =>
  sql<boolean>`(case when status = 'REPORTED' and reported_at < deadline then reported_at else deadline end) >= ${from.toISOString()}::timestamptz
     and (case when status = 'REPORTED' and reported_at < deadline then reported_at else deadline end) < ${to.toISOString()}::timestamptz`;

export function reportsInScope(em: EntityManager, scopePath: string, from: Date, to: Date) {
  return withDb(em, (db) =>
    db
      .selectFrom('documents.reports')
      .select(['reporter_org_id', 'status', 'deadline', 'reported_at'])
      // The units below, and those the unit itself asked to report (wherever they stand, as its receipts' ranking).
      .where(sql<boolean>`recipient_path <> ${scopePath}::ltree and (recipient_path <@ ${scopePath}::ltree or sender_path = ${scopePath}::ltree)`)
      .where(reportSettledBetween(from, to))
      .$narrowType<{ status: ReportRow['status'] }>()
      .execute(),
  );
}
