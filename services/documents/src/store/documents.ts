// Reads of documents and deliveries, shared by the use cases and resolvers; all in the caller's scope, so row-level
// security applies.
import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { isWithin, notFound } from '@yizhan/common';
import { isUuid, likeEscape, viewRows, views } from '@yizhan/kernel';
import { sql } from 'kysely';
import type { DocumentsContext, Unit } from '../deps.ts';
import type { OpenCorrection } from '../domain/correction.ts';
import { REPLACED_STATUSES } from '../domain/delivery.ts';
import { Delivery } from '../entities/Delivery.ts';
import { Document } from '../entities/Document.ts';
import { ApprovalStep, DocumentVersion } from '../entities/History.ts';
import { findById } from './delivery-by-id.ts';
import { withDb } from './sql.ts';

/**
 * The document by its id (NOT_FOUND where row-level security hides it). `lock`: its row held until the caller's
 * transaction ends (SELECT … FOR UPDATE), so that two changes of one document — two approvals of one step, an
 * approval and a rejection — queue, and the second reads what the first did.
 */
export async function getDocument(em: EntityManager, id: string, lock = false): Promise<Document> {
  const doc = isUuid(id) ? await em.findOne(Document, { id }, lock ? { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true } : {}) : null;
  if (!doc) throw notFound('Document', id);
  return doc;
}

export async function getDelivery(em: EntityManager, id: string): Promise<Delivery> {
  const found = isUuid(id)
    ? await findById(id, (kept) => em.findOne(Delivery, kept ? { id, documentSentAt: { $gte: new Date(kept.from), $lt: new Date(kept.to) } } : { id }))
    : undefined;
  if (!found) throw notFound('Delivery', id);
  return found.row;
}

export const callerUnit = (ctx: DocumentsContext): Promise<Unit> => ctx.deps.org.call('unit', ctx.callerHeader, {});

/** Live deliveries of a document: how many have been received (接收, the first open) and signed for (签收), and how
 * many are not yet signed for. Resent ones (plainly or by a correction) and recalled ones are replaced or withdrawn:
 * a unit counts once, by its live delivery (the board's groups count alike, web/app/sent/[id]). */
export async function deliveryCounts(em: EntityManager, documentId: string): Promise<{ total: number; received: number; signed: number; pending: number }> {
  const r = await withDb(em, (db) =>
    db
      .selectFrom('documents.deliveries')
      .select((eb) => [eb.fn.countAll<number>().as('total'), eb.fn.count<number>('received_at').as('received'), eb.fn.count<number>('signed_at').as('signed')])
      .where('document_id', '=', documentId)
      .where('status', 'not in', REPLACED_STATUSES)
      .executeTakeFirstOrThrow(),
  );
  // count() is a bigint, which node-postgres hands over as text.
  const total = Number(r.total);
  const signed = Number(r.signed);
  return { total, received: Number(r.received), signed, pending: total - signed };
}

/** For each of the documents `orgId` sent among `ids`: its recipients (replaced deliveries not counted) and how many signed. */
export async function sentProgress(em: EntityManager, orgId: string, ids: string[]): Promise<{ documentId: string; recipients: number; signed: number }[]> {
  const wanted = ids.filter(isUuid);
  if (!wanted.length) return [];
  const rows = await withDb(em, (db) =>
    db
      .selectFrom('documents.documents as doc')
      .innerJoin('documents.deliveries as d', 'd.document_id', 'doc.id')
      .select((eb) => ['doc.id', eb.fn.countAll<string>().as('recipients'), eb.fn.count<string>('d.signed_at').as('signed')])
      .where('doc.org_id', '=', orgId)
      .where('doc.id', 'in', wanted)
      .where('d.status', 'not in', REPLACED_STATUSES)
      .groupBy('doc.id')
      .execute(),
  );
  return rows.map((r) => ({ documentId: r.id, recipients: Number(r.recipients), signed: Number(r.signed) }));
}

/** A unit's documents, newest first: shown, not changed (views). */
export async function listDocuments(em: EntityManager, orgId: string, status: string | undefined, first: number): Promise<Document[]> {
  const found = await withDb(em, (db) => {
    let q = db.selectFrom('documents.documents').selectAll().where('org_id', '=', orgId);
    if (status) q = q.where('status', '=', status);
    return q.orderBy('updated_at', 'desc').limit(first).execute();
  });
  return views(em, Document, found);
}

/** Documents visible to the caller whose title or 发文字号 contains the text (views). */
export function searchDocuments(em: EntityManager, text: string): Promise<Document[]> {
  const like = `%${likeEscape(text)}%`;
  return viewRows(em, Document, 'select * from documents.documents where title ilike ? or doc_number ilike ? order by updated_at desc limit 50', [like, like]);
}

/**
 * A document's deliveries: all of them for the sender's side, its own for a recipient (row-level security enforces
 * both). Shown, not changed: views (a broadcast's are thousands).
 */
export async function deliveriesOf(
  em: EntityManager,
  doc: Document,
  caller: { orgId: string; orgPath: string },
  status: string | undefined,
): Promise<Delivery[]> {
  const own = isWithin(doc.orgPath, caller.orgPath);
  const found = await withDb(em, (db) => {
    let q = db.selectFrom('documents.deliveries').selectAll().where('document_id', '=', doc.id);
    if (status) q = q.where('status', '=', status);
    if (!own) q = q.where('recipient_org_id', '=', caller.orgId);
    return q.orderBy('recipient_path').execute();
  });
  return views(em, Delivery, found);
}

/** Deliveries by id as the caller may see them; one it may not see (or that does not exist) is NOT_FOUND. */
export async function deliveriesByIds(em: EntityManager, ids: readonly string[]): Promise<Delivery[]> {
  const wanted = ids.filter(isUuid);
  const found = wanted.length ? await em.find(Delivery, { id: { $in: wanted } }) : [];
  const missing = ids.find((id) => !found.some((d) => d.id === id));
  if (missing) throw notFound('Delivery', missing);
  return ids.map((id) => found.find((d) => d.id === id) as Delivery);
}

/** The delivery that replaced a resent one: its resend, or the delivery of the document correcting it (修改后重发). */
export const deliveryReplacing = (em: EntityManager, id: string): Promise<Delivery | null> =>
  em.findOne(Delivery, { parentDeliveryId: id }, { orderBy: { deliveredAt: 'desc' } });

/** The corrections of a document drafted and not yet sent (修改后重发), each with the returned deliveries it answers. */
export async function openCorrections(em: EntityManager, documentId: string): Promise<OpenCorrection[]> {
  const found = await withDb(em, (db) =>
    db
      .selectFrom('documents.documents')
      .select(['id', 'title', sql<string[]>`array(select r->>'deliveryId' from jsonb_array_elements(correction_of->'returns') r)`.as('delivery_ids')])
      .where('correction_of_document_id', '=', documentId)
      .where('status', '<>', 'SENT')
      .execute(),
  );
  return found.map((d) => ({ id: d.id, title: d.title, deliveryIds: d.delivery_ids }));
}

/** The last 份号 printed of a document, of any of its recipients (0 before its first print). */
export async function lastCopyNumber(em: EntityManager, documentId: string): Promise<number> {
  const row = await withDb(em, (db) => db.selectFrom('documents.copy_counters').select('last_seq').where('document_id', '=', documentId).executeTakeFirst());
  return row?.last_seq ?? 0;
}

/** Earlier versions of a draft, oldest first. */
export const versionsOf = (em: EntityManager, documentId: string) => em.find(DocumentVersion, { documentId }, { orderBy: { version: 'asc' } });

/** Submission, approvals and rejections of a document, in order. */
export const approvalsOf = (em: EntityManager, documentId: string) => em.find(ApprovalStep, { documentId }, { orderBy: { id: 'asc' } });

export { isUuid, likeEscape, viewRows, views, viewsByIds } from '@yizhan/kernel';
