// 登记 before 用印 (issue 18): on paper a document is numbered in the 发文登记簿 before the seal is pressed on it, and
// the electronic seal signs the OFD 版式 file, which shows the 发文字号. So where a unit stamps a document, the stamp's
// request numbers it first (seals asks `reserve-number`): the number comes from the send's own gapless counter, stays
// with the document and is the one the send uses. A numbered document that goes back to its drafter unsent (撤回 to
// draft, or sent back for changes and submitted again) voids its number (作废, with the reason): the 发文登记簿 lists
// every number as sent, reserved or voided, so no number is a silent gap. Documents of a unit without a seal are
// numbered at the send, as before. A joint document (联合行文) is numbered when its lead's chain approves it, so that
// every issuer's seal signs the OFD with the number it is sent with (numberJointOnApproval); its co-issuers read it.
import type { EntityManager } from '@mikro-orm/postgresql';
import { badInput, beijingYear, ErrorCode, notFound, personName, refuseControlCharacters, requireCaller, requireRole, YizhanError } from '@yizhan/common';
import { DocumentsErrorCode } from '@yizhan/contracts/documents';
import { isUuid } from '@yizhan/kernel';
import type { DocumentsContext } from '../deps.ts';
import { counterYear, formatDocNumber, type NumberStyle, numberStyleOf, prefixesFor } from '../domain/document.ts';
import type { Document } from '../entities/Document.ts';
import { lockOwnRow } from '../store/co-issuers.ts';
import { callerUnit, getDocument } from '../store/documents.ts';
import {
  fittingReservation,
  insertReservation,
  nextSeq,
  openReservation,
  openReservations,
  type Reservation,
  registerRows,
  voidReservation,
} from '../store/numbers.ts';
import { withDb } from '../store/sql.ts';
import { ownDraft } from './draft.ts';
import { batched } from './request-batch.ts';

/**
 * The document's 发文字号 taken now, for its stamp (the internal API's `reserve-number`): the lead unit's approved
 * document only; the same number when asked again; a new one (the old voided) if its 机关代字 changed since. Null
 * where the send will number it instead (no valid 机关代字); a co-issuer is answered the lead's (coIssuersNumber).
 */
export async function reserveNumber(ctx: DocumentsContext, documentId: string): Promise<Pick<Reservation, 'doc_number' | 'reserved_at'> | null> {
  const caller = requireCaller(ctx);
  if (!isUuid(documentId)) throw notFound('Document', documentId);
  const doc = await getDocument(ctx.em, documentId);
  if (doc.orgId !== caller.orgId) return coIssuersNumber(ctx, doc);
  if (doc.status !== 'APPROVED')
    throw new YizhanError(DocumentsErrorCode.NOT_APPROVED, 'Only an approved document is numbered before its send', { status: doc.status });
  if (!doc.docPrefix) return null;
  const unit = await callerUnit(ctx);
  if (!prefixesFor(unit, doc.docType).includes(doc.docPrefix)) return null;
  const prefix = doc.docPrefix;
  return ctx.em.transactional(async (tx) => {
    const em = tx as EntityManager;
    // The document's row held: two requests for the same document take one number between them.
    const current = await withDb(em, (db) =>
      db.selectFrom('documents.documents').select(['status', 'doc_prefix']).where('id', '=', doc.id).forUpdate().executeTakeFirst(),
    );
    if (current?.status !== 'APPROVED')
      throw new YizhanError(DocumentsErrorCode.NOT_APPROVED, 'The document is no longer approved', { status: current?.status });
    return takeNumber(em, doc, prefix, personName(caller), numberStyleOf(unit, doc.docType, prefix));
  });
}

/** The document's fitting open number, or the counter's next taken for it, in the caller's transaction (lead's scope). */
async function takeNumber(em: EntityManager, doc: Document, prefix: string, byName: string, style: NumberStyle): Promise<Reservation> {
  const open = await fittingReservation(em, doc.id, prefix, byName);
  if (open) return open;
  const year = beijingYear();
  const seq = await nextSeq(em, { orgId: doc.orgId, orgPath: doc.orgPath, prefix, year: counterYear(doc.docType, year) });
  return insertReservation(em, {
    org_id: doc.orgId,
    org_path: doc.orgPath,
    document_id: doc.id,
    title: doc.title,
    prefix,
    year,
    seq,
    doc_number: formatDocNumber(prefix, year, seq, style),
    reserved_by_name: byName,
  });
}

/**
 * 联合行文: a joint document is numbered when its lead's chain approves it (the 签发, in the approval's transaction, by
 * the approver), whether or not the lead has a seal, so that every co-issuer's seal signs the OFD laid out with the
 * number it is sent with, before or after the lead's own stamp (whose request then finds that same number). Gapless as
 * any number: the counter's row lock, rolled back with the approval. Nothing where the document has no valid 机关代字
 * (co-issuers' stamps wait, NOT_NUMBERED, until the lead's stamp request numbers it).
 */
export async function numberJointOnApproval(
  em: EntityManager,
  doc: Document,
  unit: { docPrefixes: string[]; briefingTitles?: string[]; kind?: string },
  byName: string,
): Promise<void> {
  if (!doc.coIssuerIds.length || !doc.docPrefix || !prefixesFor(unit, doc.docType).includes(doc.docPrefix)) return;
  await takeNumber(em, doc, doc.docPrefix, byName, numberStyleOf(unit, doc.docType, doc.docPrefix));
}

/**
 * A co-issuing unit's stamp (联合行文): it takes no number of its own; it is answered the lead's number of the joint
 * document it co-issues (read under its co-issuer's row-level security), or refused NOT_NUMBERED while there is none.
 * A unit that does not co-issue the document: null (as before; its stamp request is refused by the seals service).
 */
async function coIssuersNumber(ctx: DocumentsContext, doc: Document): Promise<Pick<Reservation, 'doc_number' | 'reserved_at'> | null> {
  const caller = requireCaller(ctx);
  if (!(await lockOwnRow(ctx.em, doc.id, caller.orgId, false))) return null;
  if (doc.status !== 'APPROVED') throw new YizhanError(DocumentsErrorCode.NOT_APPROVED, 'Only an approved document is stamped', { status: doc.status });
  const reserved = await openReservation(ctx.em, doc.id);
  if (!reserved) {
    throw new YizhanError(
      DocumentsErrorCode.NOT_NUMBERED,
      'The joint document has no 发文字号 from its lead unit yet: your seal signs its OFD with that number, so stamp it once the lead has numbered it',
      { documentId: doc.id },
    );
  }
  return { doc_number: reserved.doc_number, reserved_at: reserved.reserved_at };
}

/**
 * 撤回: the drafting unit takes its approved, unsent document back to draft, with the reason; its reserved number is
 * voided with that reason (作废) and its pending stamp requests lapse (the seals service finds it no longer approved).
 */
export async function withdrawApproval(ctx: DocumentsContext, id: string, reason: string): Promise<Document> {
  const caller = requireCaller(ctx);
  requireRole(caller, 'DRAFTER', 'CLERK');
  const why = refuseControlCharacters(reason.trim(), 'reason');
  if (!why) throw badInput('Say why the document is withdrawn', 'reason', { required: true });
  if (why.length > 1000) throw badInput('The reason is at most 1000 characters', 'reason', { length: { max: 1000 } });
  await ctx.em.transactional(async (tx) => {
    const em = tx as EntityManager;
    const doc = await ownDraft(ctx, em, id);
    const current = await withDb(em, (db) => db.selectFrom('documents.documents').select('status').where('id', '=', doc.id).forUpdate().executeTakeFirst());
    if (current?.status !== 'APPROVED') {
      throw new YizhanError(
        ErrorCode.ILLEGAL_TRANSITION,
        `The document is ${String(current?.status).toLowerCase()}: only an approved, unsent document is withdrawn`,
        {
          status: current?.status,
        },
      );
    }
    await voidReservation(em, doc.id, `撤回修改：${why}`, personName(caller));
    await withDb(em, (db) => db.updateTable('documents.documents').set({ status: 'DRAFT', approval_step: 0 }).where('id', '=', doc.id).execute());
  });
  ctx.em.clear();
  return getDocument(ctx.em, id);
}

/** The caller's unit's 发文登记簿 for a year (and 机关代字): every number, sent, reserved or voided, in order. */
export async function docNumberRegister(ctx: DocumentsContext, year: number, prefix: string | null) {
  const caller = requireCaller(ctx);
  requireRole(caller, 'CLERK', 'ADMIN', 'LEADER');
  if (!Number.isInteger(year) || year < 2000 || year > 2100) throw badInput('The year is from 2000 to 2100', 'year');
  const rows = await registerRows(ctx.em, caller.orgId, year, prefix?.trim() || null);
  // 经办人 of a number the send took (no stamp asked for it): who sent it, by name, as org knows them now.
  const senders = [...new Set(rows.flatMap((r) => (r.status === 'SENT' && !r.numbered_by_name && r.sent_by ? [r.sent_by] : [])))];
  const people = senders.length ? await ctx.deps.org.call('people', ctx.callerHeader, { ids: senders.slice(0, 500) }) : [];
  const nameOf = new Map(people.map((p) => [p.id, p.displayName]));
  return rows.map((r) => ({
    // Who voided it, who asked for the stamp that numbered it, or who sent it: the register's one 经办人, on the
    // screen and on the print alike.
    handlerName: (r.status === 'VOIDED' ? r.voided_by_name : r.numbered_by_name) ?? (r.sent_by ? (nameOf.get(r.sent_by) ?? null) : null),
    docNumber: r.doc_number,
    prefix: r.prefix,
    year: r.year,
    seq: r.seq,
    status: r.status,
    documentId: r.document_id,
    title: r.title,
    at: new Date(r.at),
    voidReason: r.void_reason,
    voidedByName: r.voided_by_name,
    numberedAt: new Date(r.numbered_at),
    sentAt: r.sent_at ? new Date(r.sent_at) : null,
    numberedByName: r.numbered_by_name,
    mainTo: r.main_to,
    sentBy: r.sent_by,
  }));
}

/** 已登记待发: the 发文字号 an approved document took for its stamp, while it waits to be sent (the send then writes it as
 * `docNumber`); null for any other document. So the seal keepers and the clerk see the number they stamp and send. */
export async function reservedNumberOf(ctx: DocumentsContext, doc: Document): Promise<string | null> {
  requireCaller(ctx);
  if (doc.status !== 'APPROVED' || doc.docNumber) return null;
  // Read with every other approved document's of the request (会签's list shows several).
  const [number] = await batched(ctx, 'reserved-number', doc.id, async (ids) =>
    (await openReservations(ctx.em, ids)).map((r) => ({ key: r.document_id, value: r.doc_number })),
  );
  return number ?? null;
}
