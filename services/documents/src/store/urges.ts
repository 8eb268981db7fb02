// The SQL of 催办 of deliveries (app/urge.ts): the deliveries urged, locked; the 催办 as a step of each delivery's
// history (delivery_history, action URGE: who, when, how, the note); its in-app notice (notifications); its SMS to the
// unit's contacts, queued for the alert dispatcher (alerts, payload kind URGE naming the history row); and the urges
// of deliveries read back with each SMS's outcome. All under row-level security: the sender's and the recipient's
// side, and the units above either.
import type { EntityManager } from '@mikro-orm/postgresql';
import { sql } from 'kysely';
import { type Notice, noticeText } from '../domain/notices.ts';
import { PHONE_URGE } from '../domain/urging.ts';
import { insertNotice, insertNotices } from './notices.ts';
import { withDb } from './sql.ts';

export interface UrgedDelivery {
  id: string;
  document_id: string;
  status: string;
  sender_org_id: string;
  sender_path: string;
  sender_name: string;
  recipient_org_id: string;
  recipient_path: string;
  recipient_name: string;
  title: string;
  doc_number: string;
  received_at: string | null;
  signed_at: string | null;
}

/** The deliveries named that the caller may see, locked for the 催办, with when each was last urged. */
export async function lockForUrge(em: EntityManager, ids: string[]): Promise<(UrgedDelivery & { last_urged_at: string | null })[]> {
  if (!ids.length) return [];
  return withDb(em, (db) =>
    db
      .selectFrom('documents.deliveries as d')
      .select([
        'd.id',
        'd.document_id',
        'd.status',
        'd.sender_org_id',
        'd.sender_path',
        'd.sender_name',
        'd.recipient_org_id',
        'd.recipient_path',
        'd.recipient_name',
        'd.title',
        'd.doc_number',
        'd.received_at',
        'd.signed_at',
        (eb) =>
          eb
            .selectFrom('documents.delivery_history as h')
            .select(sql<string | null>`max(h.at)`.as('m'))
            .whereRef('h.delivery_id', '=', 'd.id')
            .where('h.action', '=', 'URGE')
            // A call recorded is not an urge by SMS: it neither waits for the interval nor starts it.
            .where((w) => w.or([w('h.reason', 'is', null), w('h.reason', '!=', PHONE_URGE)]))
            .as('last_urged_at'),
      ])
      .where('d.id', 'in', ids)
      .forUpdate('d')
      .execute(),
  );
}

/** A 催办's row of the delivery's history: its status unchanged, by whom, with what was sent or said. */
const urgeStep = (d: UrgedDelivery, by: { id: string; name: string }, note: string, reason: typeof PHONE_URGE | null) => ({
  delivery_id: d.id,
  sender_path: d.sender_path,
  recipient_path: d.recipient_path,
  action: 'URGE',
  from_status: d.status,
  to_status: d.status,
  actor_id: by.id,
  actor_name: by.name,
  reason,
  note,
});

/** The 催办 as a step of the delivery's history; answers its id. */
export async function recordUrge(
  em: EntityManager,
  d: UrgedDelivery,
  by: { id: string; name: string },
  note: string,
  reason: typeof PHONE_URGE | null = null,
): Promise<string> {
  const row = await withDb(em, (db) =>
    db
      .insertInto('documents.delivery_history')
      .values(urgeStep(d, by, note, reason))
      .returning('id')
      .executeTakeFirstOrThrow(),
  );
  return row.id;
}

/** The in-app notice of a 催办 to the urged unit. */
export function notifyUrged(em: EntityManager, d: UrgedDelivery, notice: Notice): Promise<unknown> {
  return insertNotice(em, { org_id: d.recipient_org_id, org_path: d.recipient_path, delivery_id: d.id }, notice);
}

/** One SMS of a 催办 to a contact's mobile, queued for the alert dispatcher (the urgent alerts' channel). */
export function queueUrgeSms(em: EntityManager, d: UrgedDelivery, urgeId: string, contact: { name: string; mobile: string }, text: string): Promise<unknown> {
  return withDb(em, (db) =>
    db
      .insertInto('documents.alerts')
      .values(urgeSms(d, urgeId, contact, text))
      .execute(),
  );
}

/** The alert row of a 催办's SMS, naming the 催办 (its history row) it belongs to. */
const urgeSms = (d: UrgedDelivery, urgeId: string | undefined, contact: { name: string; mobile: string }, text: string) => ({
  delivery_id: d.id,
  sender_path: d.sender_path,
  recipient_path: d.recipient_path,
  channel: 'SMS',
  target: contact.mobile,
  target_name: contact.name,
  text,
  payload: JSON.stringify({ deliveryId: d.id, documentId: d.document_id, kind: 'URGE', urgeId }),
});

/** Every 催办 of these deliveries, oldest first, with the delivery's 接收 and 签收 times. */
export function urgesOfDeliveries(em: EntityManager, ids: string[]) {
  return withDb(em, (db) =>
    db
      .selectFrom('documents.delivery_history as h')
      .innerJoin('documents.deliveries as d', 'd.id', 'h.delivery_id')
      .select(['h.id', 'h.delivery_id', 'h.actor_id', 'h.actor_name', 'h.reason', 'h.note', 'h.at', 'd.received_at', 'd.signed_at', 'd.recipient_name'])
      .where('h.delivery_id', 'in', ids)
      .where('h.action', '=', 'URGE')
      .orderBy('h.id')
      .execute(),
  );
}

/** The SMS of these deliveries' urges, each with its 催办 (its history row) and how it went. */
export function urgeSmsOf(em: EntityManager, ids: string[]) {
  return withDb(em, (db) =>
    db
      .selectFrom('documents.alerts')
      .select([sql<string>`payload->>'urgeId'`.as('urge_id'), 'target_name', 'status', 'attempts', 'last_error', 'sent_at'])
      .where('delivery_id', 'in', ids)
      .where(sql<boolean>`payload->>'kind' = 'URGE'`)
      .orderBy('id')
      .execute(),
  );
}

/**
 * The 催办 of many deliveries at once (a document's units in 督办's 临期 list, up to a province's broadcast): each as a
 * step of its delivery's history (with its own note: the contacts its SMS reached), the one notice in each unit's inbox
 * and its SMS, written a page at a time. Answers each delivery's 催办 (its history row) by delivery id.
 */
export async function recordUrges(
  em: EntityManager,
  urged: { d: UrgedDelivery; note: string; sms: { name: string; mobile: string }[] }[],
  notice: Notice,
  by: { id: string; name: string },
): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  const text = noticeText(notice);
  for (let i = 0; i < urged.length; i += 500) {
    const page = urged.slice(i, i + 500);
    const rows = await withDb(em, (db) =>
      db
        .insertInto('documents.delivery_history')
        .values(page.map(({ d, note }) => urgeStep(d, by, note, null)))
        .returning(['id', 'delivery_id'])
        .execute(),
    );
    for (const r of rows) ids.set(r.delivery_id, r.id);
    await insertNotices(
      em,
      page.map(({ d }) => ({ org_id: d.recipient_org_id, org_path: d.recipient_path, delivery_id: d.id })),
      notice,
    );
    const texts = page.flatMap(({ d, sms }) => sms.map((c) => urgeSms(d, ids.get(d.id), c, text)));
    if (texts.length) await withDb(em, (db) => db.insertInto('documents.alerts').values(texts).execute());
  }
  return ids;
}
