// Signed receipts' SQL: written by the receiving unit in the action's transaction, read by it and by the sender
// (row-level security: the receipt's two ends only).
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Receipt, ReceiptAction } from '@yizhan/crypto';
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
  timestamp: Uint8Array;
  signedAt: Date;
}

/** The delivery's ends and its recipient's name, as the receipt names them. */
export async function receiptSubject(em: EntityManager, deliveryId: string) {
  return withDb(em, (db) =>
    db
      .selectFrom('documents.deliveries')
      .select(['id', 'document_id', 'recipient_org_id', 'recipient_name', 'sender_path', 'recipient_path'])
      .where('id', '=', deliveryId)
      .executeTakeFirstOrThrow(),
  );
}

export async function insertReceipt(em: EntityManager, r: ReceiptRow & { senderPath: string; recipientPath: string }): Promise<void> {
  await withDb(em, (db) =>
    db
      .insertInto('documents.receipts')
      .values({
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
        timestamp_token: Buffer.from(r.timestamp),
        signed_at: r.signedAt,
      })
      .execute(),
  );
}

/** The receipts of a document the caller's unit may see (its own as recipient; every recipient's as sender). */
export async function receiptsOfDocument(em: EntityManager, documentId: string): Promise<ReceiptRow[]> {
  const rows = await withDb(em, (db) =>
    db
      .selectFrom('documents.receipts')
      .select(['delivery_id', 'document_id', 'recipient_org_id', 'action', 'receipt', 'signature', 'certificate', 'suite', 'timestamp_token', 'signed_at'])
      .where('document_id', '=', documentId)
      .orderBy('id')
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
    timestamp: new Uint8Array(r.timestamp_token),
    signedAt: new Date(r.signed_at),
  }));
}
