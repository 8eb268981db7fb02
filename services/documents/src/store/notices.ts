// A notice to a unit in its inbox (domain/notices.ts): its Chinese sentence, and its kind and words for other languages.
import type { EntityManager } from '@mikro-orm/postgresql';
import { documentsEvents } from '@yizhan/contracts/documents';
import { emitAll } from '@yizhan/kernel';
import { sql } from 'kysely';
import { type Notice, type NoticeKind, noticeText } from '../domain/notices.ts';
import { withDb } from './sql.ts';

/**
 * Notices to units about something other than one of their deliveries — the units a 考核评比 scored, the units a 通报
 * names — each with its own words, in pages of a thousand; each announced (`notice.added`, from `fromPath`, the
 * publishing unit, to the unit told) so that its open inbox shows it at once.
 */
export async function insertNoticesAbout(
  em: EntityManager,
  about: { assessment_id: string } | { bulletin_id: string },
  fromPath: string,
  to: { org_id: string; org_path: string; notice: Notice }[],
): Promise<void> {
  for (let i = 0; i < to.length; i += 1000) {
    const page = to.slice(i, i + 1000);
    const rows = page.map(({ org_id, org_path, notice }) => ({
      org_id,
      org_path,
      ...about,
      text: noticeText(notice),
      kind: notice.kind,
      words: JSON.stringify(notice.words),
    }));
    await withDb(em, (db) => db.insertInto('documents.notifications').values(rows).execute());
    await emitAll(
      em,
      page.map(({ org_id, org_path, notice }) =>
        documentsEvents.event('notice.added', { orgId: org_id, kind: notice.kind }, { orgPath: fromPath, otherPath: org_path }),
      ),
    );
  }
}

/** One notice to one unit about one of its deliveries. */
export function insertNotice(em: EntityManager, to: { org_id: string; org_path: string; delivery_id: string }, notice: Notice): Promise<unknown> {
  return insertNotices(em, [to], notice);
}

/** One notice to the units of several deliveries (a 催办 of a document's units), in one statement, its text made once. */
export async function insertNotices(em: EntityManager, to: { org_id: string; org_path: string; delivery_id: string }[], notice: Notice): Promise<void> {
  if (!to.length) return;
  const said = { text: noticeText(notice), kind: notice.kind, words: JSON.stringify(notice.words) };
  await withDb(em, (db) =>
    db
      .insertInto('documents.notifications')
      .values(to.map((t) => ({ ...t, ...said })))
      .execute(),
  );
}

/**
 * Notices just written to the recipients of one document's deliveries, announced (`delivery.notice`, one event per
 * delivery, in one statement) so that each unit's open inbox shows its notice at once.
 */
export async function announceNotices(em: EntityManager, documentId: string, deliveryIds: readonly string[], kind: NoticeKind, by: string): Promise<void> {
  if (!deliveryIds.length) return;
  const payload = documentsEvents.sqlPayload('delivery.notice', {
    deliveryId: 'd.id',
    documentId: 'd.document_id',
    recipientOrgId: 'd.recipient_org_id',
    recipientName: 'd.recipient_name',
    status: 'd.status',
    from: 'd.status',
    reason: 'NULL',
    note: 'n.kind',
    by: 'n.by',
  });
  await sql`
    insert into documents.outbox (type, org_path, other_path, payload)
    select ${documentsEvents.names['delivery.notice']}, d.sender_path, d.recipient_path, ${sql.raw(payload)}
    from documents.deliveries d, (select ${kind}::text as kind, ${by}::text as by) n
    where d.document_id = ${documentId} and d.id = any(${[...deliveryIds]}::uuid[])
    order by d.id`.execute(em.getKysely());
}
