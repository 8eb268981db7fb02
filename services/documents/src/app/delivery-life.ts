// A delivery's life, the steps every delivery use case shares (return.ts, resend.ts, recall.ts, close.ts, print.ts):
// applies a state-machine action (domain/delivery.ts: who acts, from which state), changes the status under a row
// lock, records the change in the delivery's history and announces it as an event; and reads that history.
import type { EntityManager } from '@mikro-orm/postgresql';
import { type Caller, ErrorCode, notFound, YizhanError } from '@yizhan/common';
import { emit } from '@yizhan/kernel';
import { type DocumentsEventName, documentsEvents } from '../contract.ts';
import { type DeliveryAction, type DeliveryNote, type DeliveryStatus, nextStatus, type Side } from '../domain/delivery.ts';
import { isUuid } from '../store/documents.ts';

export interface DeliveryRow {
  id: string;
  document_id: string;
  status: DeliveryStatus;
  sender_org_id: string;
  recipient_org_id: string;
  sender_path: string;
  recipient_path: string;
}

export async function lockDelivery(em: EntityManager, id: string): Promise<DeliveryRow> {
  const [row] = isUuid(id)
    ? ((await em.execute(
        'select id, document_id, status, sender_org_id, recipient_org_id, sender_path::text, recipient_path::text from documents.deliveries where id = ? for update',
        [id],
      )) as DeliveryRow[])
    : [];
  if (!row) throw notFound('Delivery', id);
  return row;
}

export function sideOf(caller: Caller, d: DeliveryRow): Side {
  if (d.recipient_org_id === caller.orgId) return 'RECIPIENT';
  if (d.sender_org_id === caller.orgId) return 'SENDER';
  // A supervising unit sees the delivery but does not act on it.
  throw new YizhanError(ErrorCode.FORBIDDEN, 'Only the sending or the receiving unit acts on a delivery');
}

/** The event each step of a delivery's life announces. */
const TRANSITION_EVENT = {
  OPEN: 'delivery.open',
  DOWNLOAD: 'delivery.download',
  PRINT: 'delivery.print',
  RETURN: 'delivery.return',
  REQUEST_RESEND: 'delivery.request_resend',
  RECALL: 'delivery.recall',
  RESEND: 'delivery.resend',
  CLOSE: 'delivery.close',
  RAISE_QUOTA: 'delivery.raise_quota',
} as const satisfies Record<DeliveryAction | DeliveryNote, DocumentsEventName>;

export async function recordTransition(
  em: EntityManager,
  caller: Caller,
  d: DeliveryRow,
  action: DeliveryAction | DeliveryNote,
  to: DeliveryStatus,
  reason: string | null,
  note: string | null,
): Promise<void> {
  await em.execute(
    `insert into documents.delivery_history (delivery_id, sender_path, recipient_path, action, from_status, to_status, actor_id, actor_name, reason, note)
     values (?, ?::ltree, ?::ltree, ?, ?, ?, ?, ?, ?, ?)`,
    [d.id, d.sender_path, d.recipient_path, action, d.status, to, caller.userId, caller.username, reason, note],
  );
  await emit(
    em,
    documentsEvents.event(
      TRANSITION_EVENT[action],
      { deliveryId: d.id, documentId: d.document_id, recipientOrgId: d.recipient_org_id, status: to, from: d.status, reason, note, by: caller.username },
      { orgPath: d.sender_path, otherPath: d.recipient_path },
    ),
  );
}

/** One state-machine step on a delivery, in the caller's transaction. */
export async function applyAction(
  em: EntityManager,
  caller: Caller,
  id: string,
  action: DeliveryAction,
  reason: string | null,
  note: string | null,
): Promise<DeliveryRow> {
  const d = await lockDelivery(em, id);
  const to = nextStatus(d.status, action, sideOf(caller, d));
  await em.execute('update documents.deliveries set status = ?, state_reason = ?, state_note = ?, state_changed_at = clock_timestamp() where id = ?', [
    to,
    reason,
    note,
    d.id,
  ]);
  await recordTransition(em, caller, d, action, to, reason, note);
  return { ...d, status: to };
}

/** A change in a delivery's history, as the history lists it. */
export interface DeliveryChangeRow {
  action: string;
  fromStatus: string;
  toStatus: string;
  actorName: string;
  reason: string | null;
  note: string | null;
  at: Date;
}

/** Every change of a delivery, oldest first. */
export async function deliveryHistory(em: EntityManager, deliveryId: string): Promise<DeliveryChangeRow[]> {
  const rows = (await em.execute(
    'select action, from_status, to_status, actor_name, reason, note, at from documents.delivery_history where delivery_id = ? order by id',
    [deliveryId],
  )) as { action: string; from_status: string; to_status: string; actor_name: string; reason: string | null; note: string | null; at: string }[];
  return rows.map((r) => ({
    action: r.action,
    fromStatus: r.from_status,
    toStatus: r.to_status,
    actorName: r.actor_name,
    reason: r.reason,
    note: r.note,
    at: new Date(r.at),
  }));
}
