// 接收: the receipt time of a delivery is the first open, print or download by the recipient unit (seeds 001 §14,
// 003 §29). Recorded once, by a conditional update, so concurrent first actions cannot record two times. Opening a
// delivery and reading a document's body (the first is the receipt) are here; printing is in print.ts.
import type { EntityManager } from '@mikro-orm/postgresql';
import { type Caller, ErrorCode, forbidden, requireCaller, YizhanError } from '@yizhan/common';
import { emit } from '@yizhan/kernel';
import { documentsEvents } from '../contract.ts';
import type { DocumentsContext } from '../deps.ts';
import type { Delivery } from '../entities/Delivery.ts';
import type { Document } from '../entities/Document.ts';
import { getDelivery } from '../store/documents.ts';

export type ReceiptAction = 'OPEN' | 'PRINT' | 'DOWNLOAD';

/** Records the receipt if this is the recipient unit's first action on the delivery. Returns whether it did. */
export async function recordReceipt(em: EntityManager, caller: Caller, deliveryId: string, action: ReceiptAction): Promise<boolean> {
  const updated = (await em.execute(
    `update documents.deliveries set status = 'RECEIVED', received_at = clock_timestamp(), received_by = ?, received_by_name = ?, receipt_action = ?
     where id = ? and recipient_org_id = ? and received_at is null and status = 'DELIVERED'
     returning id, document_id, sender_path::text as sender_path, recipient_path::text as recipient_path, recipient_org_id, received_at, doc_number`,
    [caller.userId, caller.username, action, deliveryId, caller.orgId],
  )) as { id: string; document_id: string; sender_path: string; recipient_path: string; recipient_org_id: string; received_at: string; doc_number: string }[];
  const row = updated[0];
  if (!row) return false;
  // The receipt is a step in the delivery's history like any other: who signed for it, when, and how.
  await em.execute(
    `insert into documents.delivery_history (delivery_id, sender_path, recipient_path, action, from_status, to_status, actor_id, actor_name, note, at)
     values (?, ?::ltree, ?::ltree, 'RECEIVE', 'DELIVERED', 'RECEIVED', ?, ?, ?, ?)`,
    [row.id, row.sender_path, row.recipient_path, caller.userId, caller.username, action, row.received_at],
  );
  // The sender's board and the recipient's supervisors wait for this event: it is about both ends.
  await emit(
    em,
    documentsEvents.event(
      'delivery.received',
      {
        deliveryId: row.id,
        documentId: row.document_id,
        docNumber: row.doc_number,
        recipientOrgId: row.recipient_org_id,
        status: 'RECEIVED',
        receivedAt: row.received_at,
        receivedByName: caller.username,
        action,
      },
      { orgPath: row.sender_path, otherPath: row.recipient_path },
    ),
  );
  return true;
}

/** Opens a delivered document: the first open is the receipt of the caller's unit. */
export async function openDelivery(ctx: DocumentsContext, id: string): Promise<Delivery> {
  const caller = requireCaller(ctx);
  return ctx.em.transactional(async (em) => {
    const delivery = await getDelivery(em as EntityManager, id);
    if (delivery.recipientOrgId !== caller.orgId) throw forbidden('Only the recipient unit signs for a delivery');
    await recordReceipt(em as EntityManager, caller, id, 'OPEN');
    em.clear();
    return getDelivery(em as EntityManager, id);
  });
}

/** A document's 正文. For a recipient, reading it is opening the document: the first read is the receipt. */
export async function readBody(ctx: DocumentsContext, doc: Document): Promise<string> {
  const caller = requireCaller(ctx);
  if (doc.orgId !== caller.orgId) {
    const [delivery] = (await ctx.em.execute('select id from documents.deliveries where document_id = ? and recipient_org_id = ?', [doc.id, caller.orgId])) as {
      id: string;
    }[];
    if (delivery) await ctx.em.transactional((em) => recordReceipt(em as EntityManager, caller, delivery.id, 'OPEN'));
  }
  const blob = await ctx.deps.blobs.get(doc.bodySha256);
  if (!blob) throw new YizhanError(ErrorCode.INTERNAL, 'The body of this document is missing from the blob store');
  return blob.toString('utf8');
}
