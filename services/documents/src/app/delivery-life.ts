// A delivery's life, the steps every delivery use case shares (return.ts, resend.ts, recall.ts, close.ts, print.ts,
// sign-for.ts):
// applies a state-machine action (domain/delivery.ts: who acts, from which state), changes the status under a row
// lock, records the change in the delivery's history and announces it as an event; and reads that history.
import type { EntityManager } from '@mikro-orm/postgresql';
import { type Caller, ErrorCode, notFound, personName, YizhanError } from '@yizhan/common';
import { type DocumentsEventName, documentsEvents } from '@yizhan/contracts/documents';
import { emit } from '@yizhan/kernel';
import { type Selectable, sql } from 'kysely';
import type { DocumentsContext } from '../deps.ts';
import { type DeliveryAction, type DeliveryNote, type DeliveryStatus, keepsReason, nextStatus, type Side } from '../domain/delivery.ts';
import type { SentWindow } from '../domain/delivery-id.ts';
import type { DB } from '../store/db.ts';
import { findById, keptIn } from '../store/delivery-by-id.ts';
import { isUuid } from '../store/documents.ts';
import { withDb } from '../store/sql.ts';
import { batched } from './request-batch.ts';

/**
 * The columns of a delivery its life's steps act on; its status is one of the state machine's. `kept` is where it was
 * found (store/delivery-by-id.ts): the step's later statements on it name the same window (`.$call(keptIn(d.kept))`).
 */
export type DeliveryRow = Pick<
  Selectable<DB['documents.deliveries']>,
  'id' | 'document_id' | 'sender_org_id' | 'recipient_org_id' | 'recipient_name' | 'sender_path' | 'recipient_path' | 'received_at' | 'signed_at'
> & { status: DeliveryStatus; kept: SentWindow | null };

/** The delivery, locked until its step's transaction ends. */
export async function lockDelivery(em: EntityManager, id: string): Promise<DeliveryRow> {
  return readDelivery(em, id, true);
}

/**
 * The delivery as its life's steps act on it, locked for the step's transaction (lockDelivery) or read without a lock,
 * to refuse a step before work that must not be done under the lock (sign-for.ts: the receipts' signing).
 */
export async function readDelivery(em: EntityManager, id: string, forUpdate = false): Promise<DeliveryRow> {
  const found = isUuid(id)
    ? await findById(id, (kept) =>
        withDb(em, (db) => {
          const q = db
            .selectFrom('documents.deliveries')
            .select([
              'id',
              'document_id',
              'status',
              'sender_org_id',
              'recipient_org_id',
              'recipient_name',
              'sender_path',
              'recipient_path',
              'received_at',
              'signed_at',
            ])
            .where('id', '=', id)
            .$call(keptIn(kept))
            // The status column holds only the state machine's statuses (domain/delivery.ts).
            .$narrowType<{ status: DeliveryStatus }>();
          return (forUpdate ? q.forUpdate() : q).executeTakeFirst();
        }),
      )
    : undefined;
  if (!found) throw notFound('Delivery', id);
  return { ...found.row, kept: found.kept };
}

export function sideOf(caller: Caller, d: DeliveryRow): Side {
  if (d.recipient_org_id === caller.orgId) return 'RECIPIENT';
  if (d.sender_org_id === caller.orgId) return 'SENDER';
  // A supervising unit sees the delivery but does not act on it.
  throw new YizhanError(ErrorCode.FORBIDDEN, 'Only the sending or the receiving unit acts on a delivery');
}

/** The event each step of a delivery's life announces (签收 has its own, with its times: sign-for.ts). */
const TRANSITION_EVENT = {
  OPEN: 'delivery.open',
  DOWNLOAD: 'delivery.download',
  PRINT: 'delivery.print',
  RETURN: 'delivery.return',
  REQUEST_RESEND: 'delivery.request_resend',
  RECALL: 'delivery.recall',
  RESEND: 'delivery.resend',
  CORRECT_RESEND: 'delivery.resend',
  CLOSE: 'delivery.close',
  // Withdrawn for a closed unit: announced as a withdrawal, by the platform.
  UNIT_CLOSED: 'delivery.recall',
  RAISE_QUOTA: 'delivery.raise_quota',
  REQUEST_COPIES: 'delivery.request_copies',
  // Work handed on is announced by the delivery it went on as (its own arrival), not by the one it left.
  HANDED_ON: null,
} as const satisfies Record<Exclude<DeliveryAction, 'SIGN'> | DeliveryNote, DocumentsEventName | null>;

export async function recordTransition(
  em: EntityManager,
  caller: Caller | typeof PLATFORM,
  d: Stepped,
  action: Exclude<DeliveryAction, 'SIGN'> | DeliveryNote,
  to: DeliveryStatus,
  reason: string | null,
  note: string | null,
): Promise<void> {
  const by = isPlatform(caller) ? PLATFORM.name : personName(caller);
  await withDb(em, (db) =>
    db
      .insertInto('documents.delivery_history')
      .values({
        delivery_id: d.id,
        sender_path: d.sender_path,
        recipient_path: d.recipient_path,
        action,
        from_status: d.status,
        to_status: to,
        actor_id: isPlatform(caller) ? null : caller.userId,
        actor_name: by,
        reason,
        note,
      })
      .execute(),
  );
  const announced = TRANSITION_EVENT[action];
  if (announced) await announceStep(em, announced, d, { to, reason, note, by });
}

/** The platform as a step's actor, where no person acts (a delivery withdrawn for its closed unit); the history names it so. */
export const PLATFORM = { name: '驿站平台' } as const;
const isPlatform = (c: Caller | typeof PLATFORM): c is typeof PLATFORM => c === PLATFORM;

/** What a step's announcement reads of its delivery. */
interface Stepped {
  id: string;
  document_id: string;
  recipient_org_id: string;
  recipient_name: string;
  status: string;
  sender_path: string;
  recipient_path: string;
}

/** A step of a delivery's life announced to both units' live views: from its status to `to`, by whom, why. A 催办
 * (`delivery.urge`, app/urge.ts) is announced so too, its status unchanged. */
export function announceStep(
  em: EntityManager,
  type: NonNullable<(typeof TRANSITION_EVENT)[keyof typeof TRANSITION_EVENT]> | 'delivery.urge',
  d: Stepped,
  step: { to: string; reason: string | null; note: string | null; by: string },
): Promise<unknown> {
  return emit(em, stepEvent(type, d, step));
}

/** The announcement of a step (announceStep), for a step of many deliveries written at once (kernel `emitAll`). */
export function stepEvent(
  type: NonNullable<(typeof TRANSITION_EVENT)[keyof typeof TRANSITION_EVENT]> | 'delivery.urge',
  d: Stepped,
  step: { to: string; reason: string | null; note: string | null; by: string },
) {
  return documentsEvents.event(
    type,
    {
      deliveryId: d.id,
      documentId: d.document_id,
      recipientOrgId: d.recipient_org_id,
      recipientName: d.recipient_name,
      status: step.to,
      from: d.status,
      reason: step.reason,
      note: step.note,
      by: step.by,
    },
    { orgPath: d.sender_path, otherPath: d.recipient_path },
  );
}

/** One state-machine step on a delivery, in the caller's transaction; by the platform, where no person acts. */
export async function applyAction(
  em: EntityManager,
  caller: Caller | typeof PLATFORM,
  id: string,
  action: Exclude<DeliveryAction, 'SIGN'>,
  reason: string | null,
  note: string | null,
): Promise<DeliveryRow> {
  const d = await lockDelivery(em, id);
  const to = nextStatus(d.status, action, isPlatform(caller) ? 'PLATFORM' : sideOf(caller, d));
  await withDb(em, (db) =>
    db
      .updateTable('documents.deliveries')
      // A resend keeps the reason the delivery came back with: the board goes on showing why.
      .set({ status: to, ...(keepsReason(action) ? {} : { state_reason: reason, state_note: note }), state_changed_at: sql<Date>`clock_timestamp()` })
      .where('id', '=', d.id)
      .$call(keptIn(d.kept))
      .execute(),
  );
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

/** Every change of a delivery, oldest first, read with every other delivery's of the request. */
export const deliveryHistory = (ctx: DocumentsContext, deliveryId: string): Promise<DeliveryChangeRow[]> =>
  batched(ctx, 'history', deliveryId, async (ids) =>
    (
      await withDb(ctx.em, (db) =>
        db
          .selectFrom('documents.delivery_history')
          .select(['delivery_id', 'action', 'from_status', 'to_status', 'actor_name', 'reason', 'note', 'at'])
          .where('delivery_id', 'in', ids)
          .orderBy('id')
          .execute(),
      )
    ).map((r) => ({
      key: r.delivery_id,
      value: {
        action: r.action,
        fromStatus: r.from_status,
        toStatus: r.to_status,
        actorName: r.actor_name,
        reason: r.reason,
        note: r.note,
        at: new Date(r.at),
      },
    })),
  );
