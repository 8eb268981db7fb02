// Signed receipts' SQL: written by the receiving unit in the action's transaction, read by it and by the sender
// (row-level security: the receipt's two ends only).
import type { EntityManager } from '@mikro-orm/postgresql';
import type { MerkleStep, PersonSignature, Receipt, ReceiptAction } from '@yizhan/crypto';
import { sql } from 'kysely';
import { keptPersonSignature, personColumns } from '../domain/person.ts';
import { findById, keptIn } from './delivery-by-id.ts';
import { withDb } from './sql.ts';

export interface ReceiptRow {
  deliveryId: string;
  documentId: string;
  recipientOrgId: string;
  action: ReceiptAction;
  receipt: Receipt;
  signature: Uint8Array;
  certificate: Uint8Array;
  suite: 'RSA' | 'SM2';
  /** The receipt's own token (receipts signed before batches), or its batch's; null while it waits for its batch. */
  timestamp: Uint8Array | null;
  /** For a batch's token: the signature's path to the root it covers. */
  timestampPath: MerkleStep[] | null;
  signedAt: Date;
  /** The clerk's own signature over the same receipt and their identity certificate, when they signed it too. */
  person: PersonSignature | null;
}

/** The delivery's ends and its recipient's name, as the receipt names them; undefined where the caller sees none. */
export async function receiptSubject(em: EntityManager, deliveryId: string) {
  const found = await findById(deliveryId, (kept) =>
    withDb(em, (db) =>
      db
        .selectFrom('documents.deliveries')
        .select(['id', 'document_id', 'recipient_org_id', 'recipient_name', 'sender_path', 'recipient_path'])
        .where('id', '=', deliveryId)
        .$call(keptIn(kept))
        .executeTakeFirst(),
    ),
  );
  return found?.row;
}

/** What a receipt names of a sent document, as the send kept it (null before it was sent, or unseen). */
export async function sentDigests(em: EntityManager, documentId: string) {
  const row = await withDb(em, (db) =>
    db.selectFrom('documents.documents').select(['content_sha256', 'stamp', 'ofd_sha256']).where('id', '=', documentId).executeTakeFirst(),
  );
  return row ? { contentSha256: row.content_sha256, stamp: row.stamp as Record<string, unknown> | null, ofdSha256: row.ofd_sha256 } : null;
}

/** The receipts of one act, in one statement. */
export async function insertReceipts(
  em: EntityManager,
  rows: (Omit<ReceiptRow, 'timestampPath'> & { senderPath: string; recipientPath: string })[],
): Promise<void> {
  if (!rows.length) return;
  await withDb(em, (db) =>
    db
      .insertInto('documents.receipts')
      .values(
        rows.map((r) => ({
          delivery_id: r.deliveryId,
          document_id: r.documentId,
          recipient_org_id: r.recipientOrgId,
          sender_path: r.senderPath,
          recipient_path: r.recipientPath,
          action: r.action,
          receipt: JSON.stringify(r.receipt),
          signature: Buffer.from(r.signature),
          certificate: Buffer.from(r.certificate),
          suite: r.suite,
          timestamp_token: r.timestamp ? Buffer.from(r.timestamp) : null,
          signed_at: r.signedAt,
          ...personColumns(r.person),
        })),
      )
      .execute(),
  );
}

/** Whether any of a document's receipts the caller's unit sees still waits for its batch time stamp. */
export async function receiptsWaiting(em: EntityManager, documentId: string): Promise<boolean> {
  const row = await withDb(em, (db) =>
    db
      .selectFrom('documents.receipts as r')
      .leftJoin('documents.evidence_anchors as a', 'a.receipt_id', 'r.id')
      .select('r.id')
      .where('r.document_id', '=', documentId)
      .where('r.timestamp_token', 'is', null)
      .where('a.id', 'is', null)
      .limit(1)
      .executeTakeFirst(),
  );
  return !!row;
}

/** The receipts of a document the caller's unit may see (its own as recipient; every recipient's as sender). */
export async function receiptsOfDocument(em: EntityManager, documentId: string): Promise<ReceiptRow[]> {
  const rows = await withDb(em, (db) =>
    db
      .selectFrom('documents.receipts as r')
      .leftJoin('documents.evidence_anchors as a', 'a.receipt_id', 'r.id')
      .leftJoin('documents.evidence_timestamps as t', 't.id', 'a.timestamp_id')
      .select([
        'r.delivery_id',
        'r.document_id',
        'r.recipient_org_id',
        'r.action',
        'r.receipt',
        'r.signature',
        'r.certificate',
        'r.suite',
        'r.signed_at',
        'r.person_signature',
        'r.person_certificate',
        sql<Buffer | null>`coalesce(r.timestamp_token, t.token)`.as('token'),
        'a.path',
      ])
      .where('r.document_id', '=', documentId)
      .orderBy('r.id')
      .execute(),
  );
  return rows.map((r) => ({
    deliveryId: r.delivery_id,
    documentId: r.document_id,
    recipientOrgId: r.recipient_org_id,
    // The column's CHECKs allow exactly these.
    action: r.action as ReceiptAction,
    receipt: r.receipt as Receipt,
    signature: new Uint8Array(r.signature),
    certificate: new Uint8Array(r.certificate),
    suite: r.suite as 'RSA' | 'SM2',
    timestamp: r.token ? new Uint8Array(r.token) : null,
    timestampPath: (r.path as MerkleStep[] | null) ?? null,
    signedAt: new Date(r.signed_at),
    person: keptPersonSignature(r),
  }));
}

/** Of these deliveries, those whose 签收 receipt the clerk signed with their own certificate too (as the caller may see). */
export function signedInPerson(em: EntityManager, deliveryIds: string[]): Promise<{ delivery_id: string }[]> {
  return withDb(em, (db) =>
    db
      .selectFrom('documents.receipts')
      .select('delivery_id')
      .distinct()
      .where('delivery_id', 'in', deliveryIds)
      .where('action', '=', 'SIGNED')
      .where('person_signature', 'is not', null)
      .execute(),
  );
}
