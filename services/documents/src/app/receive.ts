// 签收: the receipt time of a delivery is the first open, print or download by the recipient unit (seeds 001 §14,
// 003 §29). Recorded once, by a conditional update, so concurrent first actions cannot record two times.
import type { EntityManager } from '@mikro-orm/postgresql';
import { type Caller } from '@yizhan/common';
import { emit } from '@yizhan/kernel';
import { documentsEvents } from './contract.ts';

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
