// Queuing the alerts of an urgent document's new deliveries, in the transaction that writes them (store/deliveries.ts:
// the send, a resend, a supplement). SQL only, so it lives in store/ (store/deliveries.ts calls it and store/ never
// calls up into app/); what users see of the alerts is app/urgent-alerts.ts, sending them is jobs/alert-dispatcher.ts.
import type { EntityManager } from '@mikro-orm/postgresql';
import type { AlertTarget } from '@yizhan/contracts/org';
import { pgArray } from '@yizhan/kernel';
import { type Notice, noticeText } from '../domain/notices.ts';

/** Alerts for these new deliveries of an urgent document: an in-app notice for each, SMS and webhook per target. */
export async function queueAlerts(
  em: EntityManager,
  doc: { id: string; orgName: string; title: string; docNumber: string; urgency: string; isTelegram: boolean },
  deliveryIds: string[],
  targets: AlertTarget[],
): Promise<void> {
  const ids = pgArray(deliveryIds);
  const notice: Notice = {
    kind: 'ARRIVED',
    words: { senderName: doc.orgName, title: doc.title, docNumber: doc.docNumber, urgency: doc.urgency, telegram: doc.isTelegram },
  };
  const text = noticeText(notice);
  await em.execute(
    `insert into documents.notifications (org_id, org_path, delivery_id, text, kind, words)
     select recipient_org_id, recipient_path, id, ?, ?, ?::jsonb from documents.deliveries where id = any(?::uuid[])`,
    [text, notice.kind, JSON.stringify(notice.words), ids],
  );
  if (!targets.length) return;
  await em.execute(
    `insert into documents.alerts (delivery_id, sender_path, recipient_path, channel, target, target_name, text, payload)
     select d.id, d.sender_path, d.recipient_path, t.kind, t.target, t.name, ?,
            jsonb_build_object('deliveryId', d.id, 'documentId', d.document_id, 'docNumber', d.doc_number, 'urgency', d.urgency,
                               'title', d.title, 'recipient', d.recipient_name, 'isTelegram', ?::boolean)
     from jsonb_to_recordset(?::jsonb) as t("orgId" uuid, kind text, name text, target text)
     join documents.deliveries d on d.id = any(?::uuid[]) and d.recipient_org_id = t."orgId"`,
    [text, doc.isTelegram, JSON.stringify(targets), ids],
  );
}
