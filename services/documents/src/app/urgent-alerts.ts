// Urgent alerts (seed 002 §8) as users see them: a unit's in-app notifications (reading them, marking them read) and
// the sender's view of each SMS and webhook alert of a delivery. The alerts are queued with the deliveries
// (store/alerts.ts, called by store/deliveries.ts) and sent by the dispatcher (jobs/alert-dispatcher.ts).
import { badInput, requireCaller } from '@yizhan/common';
import { sql } from 'kysely';
import type { DocumentsContext } from '../deps.ts';
import type { Notice, NoticeKind } from '../domain/notices.ts';
import { withDb } from '../store/sql.ts';

export interface UnitNotification {
  id: string;
  /** What it is about: one of the unit's deliveries, or (ASSESSED) a 考核评比 published above it. */
  deliveryId: string | null;
  assessmentId: string | null;
  text: string;
  /** Null for notices kept before their words were (2026-12-06): their sentence is all there is. */
  kind: NoticeKind | null;
  words: Notice['words'] | null;
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
  const rows = await withDb(ctx.em, (db) =>
    db
      .selectFrom('documents.notifications')
      // A bigint: node-postgres hands it over as text, as the id the API gives out.
      .select(['id', 'delivery_id', 'assessment_id', 'text', 'kind', 'words', 'created_at', 'read_at'])
      .where('org_id', '=', caller.orgId)
      .$if(unreadOnly, (qb) => qb.where('read_at', 'is', null))
      .orderBy('created_at', 'desc')
      .limit(100)
      .execute(),
  );
  return rows.map((r) => ({
    id: r.id,
    deliveryId: r.delivery_id,
    assessmentId: r.assessment_id,
    text: r.text,
    kind: r.kind as NoticeKind | null,
    words: r.words as Notice['words'] | null,
    createdAt: new Date(r.created_at),
    readAt: r.read_at ? new Date(r.read_at) : null,
  }));
}

/** The most notices one call marks read: a page of them and more. */
export const MAX_MARKED_READ = 500;

/** Marks notifications of the caller's unit read; returns how many changed. */
export async function markNotificationsRead(ctx: DocumentsContext, ids: string[]): Promise<number> {
  const caller = requireCaller(ctx);
  if (ids.length > MAX_MARKED_READ) throw badInput(`At most ${MAX_MARKED_READ} notices at once`, 'ids', { length: { max: MAX_MARKED_READ } });
  // A notice's id is a number: anything else names none (and is not spliced into the array below).
  const bad = ids.findIndex((id) => !/^\d{1,18}$/.test(id));
  if (bad >= 0) throw badInput(`ids[${bad}] is not a notice's id`, `ids[${bad}]`);
  const rows = await withDb(ctx.em, (db) =>
    db
      .updateTable('documents.notifications')
      .set({ read_at: sql<Date>`now()` })
      .where('org_id', '=', caller.orgId)
      .where('read_at', 'is', null)
      // One array parameter however many ids (an empty list matches nothing).
      .where(sql<boolean>`id = any(${`{${ids.join(',')}}`}::bigint[])`)
      .returning('id')
      .execute(),
  );
  return rows.length;
}

/** The SMS and webhook alerts of a delivery, and how each went. */
export async function alertsOf(ctx: DocumentsContext, deliveryId: string): Promise<DeliveryAlert[]> {
  const rows = await withDb(ctx.em, (db) =>
    db
      .selectFrom('documents.alerts')
      .select(['channel', 'target_name', 'status', 'attempts', 'last_error', 'sent_at'])
      .where('delivery_id', '=', deliveryId)
      .orderBy('id')
      .execute(),
  );
  return rows.map((r) => ({
    channel: r.channel,
    targetName: r.target_name,
    status: r.status,
    attempts: r.attempts,
    lastError: r.last_error,
    sentAt: r.sent_at ? new Date(r.sent_at) : null,
  }));
}
