// Urgent alerts (seed 002 §8) as users see them: a unit's in-app notifications (reading them, marking them read) and
// the sender's view of each SMS and webhook alert of a delivery. The alerts are queued with the deliveries
// (store/alerts.ts, called by store/deliveries.ts) and sent by the dispatcher (jobs/alert-dispatcher.ts).
import { requireCaller } from '@yizhan/common';
import type { DocumentsContext } from '../deps.ts';

export interface UnitNotification {
  id: string;
  deliveryId: string;
  text: string;
  createdAt: Date;
  readAt: Date | null;
}

export interface DeliveryAlert {
  channel: string;
  targetName: string;
  status: string;
  attempts: number;
  lastError: string | null;
  sentAt: Date | null;
}

/** The caller's unit's notifications, newest first. */
export async function notifications(ctx: DocumentsContext, unreadOnly: boolean): Promise<UnitNotification[]> {
  const caller = requireCaller(ctx);
  const rows = (await ctx.em.execute(
    `select id::text, delivery_id, text, created_at, read_at from documents.notifications where org_id = ? ${unreadOnly ? 'and read_at is null' : ''} order by created_at desc limit 100`,
    [caller.orgId],
  )) as { id: string; delivery_id: string; text: string; created_at: string; read_at: string | null }[];
  return rows.map((r) => ({
    id: r.id,
    deliveryId: r.delivery_id,
    text: r.text,
    createdAt: new Date(r.created_at),
    readAt: r.read_at ? new Date(r.read_at) : null,
  }));
}

/** Marks notifications of the caller's unit read; returns how many changed. */
export async function markNotificationsRead(ctx: DocumentsContext, ids: string[]): Promise<number> {
  const caller = requireCaller(ctx);
  const rows = (await ctx.em.execute(
    `update documents.notifications set read_at = now() where org_id = ? and read_at is null and id = any(?::bigint[]) returning id`,
    [caller.orgId, `{${ids.join(',')}}`],
  )) as unknown[];
  return rows.length;
}

/** The SMS and webhook alerts of a delivery, and how each went. */
export async function alertsOf(ctx: DocumentsContext, deliveryId: string): Promise<DeliveryAlert[]> {
  const rows = (await ctx.em.execute(
    'select channel, target_name, status, attempts, last_error, sent_at from documents.alerts where delivery_id = ? order by id',
    [deliveryId],
  )) as { channel: string; target_name: string; status: string; attempts: number; last_error: string | null; sent_at: string | null }[];
  return rows.map((r) => ({
    channel: r.channel,
    targetName: r.target_name,
    status: r.status,
    attempts: r.attempts,
    lastError: r.last_error,
    sentAt: r.sent_at ? new Date(r.sent_at) : null,
  }));
}
