// 发文字号: the unit's gapless counter per 机关代字 and year (the send's, and 登记 before 用印's), the numbers a document
// took before its send (number_reservations: RESERVED until sent, or VOIDED with the reason), and the 发文登记簿 that
// lists them all. Row-level security keeps a unit to its own counters and numbers.
import type { EntityManager } from '@mikro-orm/postgresql';
import { type Selectable, sql } from 'kysely';
import type { DB } from './db.ts';
import { withDb } from './sql.ts';

export type Reservation = Selectable<DB['documents.number_reservations']>;

/** The next number of the unit's counter (a row lock: concurrent takers queue, none skips or repeats a number). */
export async function nextSeq(em: EntityManager, at: { orgId: string; orgPath: string; prefix: string; year: number }): Promise<number> {
  const { last_seq } = await withDb(em, (db) =>
    db
      .insertInto('documents.number_counters')
      .values({ org_id: at.orgId, org_path: at.orgPath, prefix: at.prefix, year: at.year, last_seq: 1 })
      .onConflict((oc) => oc.columns(['org_id', 'prefix', 'year']).doUpdateSet({ last_seq: sql<number>`number_counters.last_seq + 1` }))
      .returning('last_seq')
      .executeTakeFirstOrThrow(),
  );
  return last_seq;
}

/** The document's number taken and neither sent nor voided, if any (locked until the transaction ends with `lock`). */
export async function openReservation(em: EntityManager, documentId: string, lock = false): Promise<Reservation | null> {
  const row = await withDb(em, (db) =>
    db
      .selectFrom('documents.number_reservations')
      .selectAll()
      .where('document_id', '=', documentId)
      .where('status', '=', 'RESERVED')
      .$if(lock, (q) => q.forUpdate())
      .executeTakeFirst(),
  );
  return row ?? null;
}

/** The open reservations of several documents (a list of approved documents shows each one's number): one query. */
export function openReservations(em: EntityManager, documentIds: string[]): Promise<Pick<Reservation, 'document_id' | 'doc_number'>[]> {
  if (!documentIds.length) return Promise.resolve([]);
  return withDb(em, (db) =>
    db
      .selectFrom('documents.number_reservations')
      .select(['document_id', 'doc_number'])
      .where('document_id', 'in', documentIds)
      .where('status', '=', 'RESERVED')
      .execute(),
  );
}

export async function insertReservation(
  em: EntityManager,
  r: Pick<Reservation, 'org_id' | 'org_path' | 'document_id' | 'title' | 'prefix' | 'year' | 'seq' | 'doc_number' | 'reserved_by_name'>,
): Promise<Reservation> {
  return withDb(em, (db) =>
    db
      .insertInto('documents.number_reservations')
      .values({ id: crypto.randomUUID(), ...r })
      .returningAll()
      .executeTakeFirstOrThrow(),
  );
}

/** The send used the reserved number. */
export const markSent = (em: EntityManager, id: string) =>
  withDb(em, (db) => db.updateTable('documents.number_reservations').set({ status: 'SENT' }).where('id', '=', id).execute());

/** 作废: the document's open number is voided with the reason (never reused); the number voided, if there was one. */
export async function voidReservation(em: EntityManager, documentId: string, reason: string, byName: string): Promise<string | null> {
  const row = await withDb(em, (db) =>
    db
      .updateTable('documents.number_reservations')
      .set({ status: 'VOIDED', voided_at: sql<Date>`now()`, voided_by_name: byName, void_reason: reason })
      .where('document_id', '=', documentId)
      .where('status', '=', 'RESERVED')
      .returning('doc_number')
      .executeTakeFirst(),
  );
  return row?.doc_number ?? null;
}

/**
 * The document's reserved number if it still fits its 机关代字 (held, in the caller's transaction); a number taken
 * under another 机关代字 is voided and none is answered, so the caller takes a new one.
 */
export async function fittingReservation(em: EntityManager, documentId: string, prefix: string | null, byName: string): Promise<Reservation | null> {
  const open = await openReservation(em, documentId, true);
  if (!open || open.prefix === prefix) return open;
  await voidReservation(em, documentId, `机关代字（刊名）改为${prefix}，改用新号`, byName);
  return null;
}

export interface RegisterRow {
  prefix: string;
  year: number;
  seq: number;
  doc_number: string;
  document_id: string;
  title: string;
  status: 'SENT' | 'RESERVED' | 'VOIDED';
  at: Date;
  void_reason: string | null;
  voided_by_name: string | null;
  /** When the number was taken: at the stamp's request, or at the send for a unit without a seal. */
  numbered_at: Date;
  sent_at: Date | null;
  /** Who asked for the stamp that numbered it (none when the send numbered it). */
  numbered_by_name: string | null;
  /** 主送 as the document states it now (as sent, for a sent number). */
  main_to: string | null;
  /** Who sent it (a user id; the register names them through org). */
  sent_by: string | null;
}

/**
 * The unit's 发文登记簿 for a year (and 机关代字): every number its counters gave — the sent documents', the numbers
 * reserved for approved documents not yet sent, and the voided ones with their reason — by 代字 and number. A number
 * still reserved for a document that is no longer approved (whatever took it back) is shown voided, never as a gap.
 */
export async function registerRows(em: EntityManager, orgId: string, year: number, prefix: string | null): Promise<RegisterRow[]> {
  const { rows } = await withDb(em, async (db) =>
    sql<RegisterRow>`
      SELECT d.doc_prefix AS prefix, d.doc_year AS year, d.doc_seq AS seq, d.doc_number, d.id AS document_id, d.title,
             'SENT' AS status, d.sent_at AS at, NULL AS void_reason, NULL AS voided_by_name,
             coalesce(n.reserved_at, d.sent_at) AS numbered_at, d.sent_at, n.reserved_by_name AS numbered_by_name,
             d.main_to, d.sent_by
        FROM documents.documents d
        LEFT JOIN documents.number_reservations n ON n.document_id = d.id AND n.status = 'SENT'
       WHERE d.org_id = ${orgId} AND d.status = 'SENT' AND d.doc_year = ${year} AND d.doc_seq IS NOT NULL
         AND (${prefix}::text IS NULL OR d.doc_prefix = ${prefix})
      UNION ALL
      SELECT r.prefix, r.year, r.seq, r.doc_number, r.document_id, r.title,
             CASE WHEN r.status = 'RESERVED' AND d.status IS DISTINCT FROM 'APPROVED' THEN 'VOIDED' ELSE r.status END,
             coalesce(r.voided_at, r.reserved_at),
             coalesce(r.void_reason, CASE WHEN r.status = 'RESERVED' AND d.status IS DISTINCT FROM 'APPROVED' THEN '公文已不在待发状态，未发出' END),
             r.voided_by_name, r.reserved_at, NULL, r.reserved_by_name, d.main_to, NULL::uuid
        FROM documents.number_reservations r LEFT JOIN documents.documents d ON d.id = r.document_id
       WHERE r.org_id = ${orgId} AND r.year = ${year} AND r.status <> 'SENT'
         AND (${prefix}::text IS NULL OR r.prefix = ${prefix})
       ORDER BY 1, 3`.execute(db),
  );
  return rows;
}
