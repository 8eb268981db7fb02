// Writing deliveries: the one place a delivery is created, whether by the send, a resend or a supplement (补发).
// One set-based statement writes every delivery and, from what it returns, the `delivery.delivered` event
// announcing each; an urgent document's alerts are queued for exactly the deliveries written. So all three announce
// the same event and alert alike, and a broadcast to 10,000 units costs one statement, not 10,000.
import type { EntityManager } from '@mikro-orm/postgresql';
import { documentsEvents } from '@yizhan/contracts/documents';
import type { AlertTarget } from '@yizhan/contracts/org';
import { sql } from 'kysely';
import type { DeliveryStatus } from '../domain/delivery.ts';
import { deliveryIdHead } from '../domain/delivery-id.ts';
import { queueAlerts } from './alerts.ts';
import { withDb } from './sql.ts';

/** The document as its deliveries copy it. */
export interface DeliveredDocument {
  id: string;
  orgId: string;
  orgPath: string;
  orgName: string;
  docType: string;
  docNumber: string;
  title: string;
  urgency: string;
  isTelegram: boolean;
  deadline: Date | null;
  /** When the document was sent: every delivery of it, a resend's or a supplement's too, is kept in that year's partition. */
  sentAt: Date;
}

/** The recipient units, one array per field (as the org service answers). */
export interface RecipientColumns {
  orgIds: string[];
  paths: string[];
  names: string[];
  roles: string[];
  printQuotas: number[];
  /** 行文方向 as org's routing decided each (absent where a delivery is made outside a routed send: a peer's). */
  directions?: string[];
}

export interface InsertDeliveries {
  doc: DeliveredDocument;
  recipients: RecipientColumns;
  deliveredAt: Date;
  dueAt: Date | null;
  /** A resend: the delivery this one replaces (its parent in the delivery's history). */
  resendOf?: string | null;
  /** A correction's send (修改后重发): per recipient, in the recipients' order, the original delivery it replaces, if any. */
  parentIds?: (string | null)[] | null;
  /** A supplement: units that already hold a live delivery of the document are skipped. */
  supplement?: boolean;
  /** An urgent document: each recipient unit's alert contacts and webhook; in-app notices go to every new delivery. */
  alerts?: { targets: AlertTarget[] } | null;
}

/** Writes the deliveries, their events and (for an urgent document) their alerts, in the caller's transaction. */
export async function insertDeliveries(em: EntityManager, w: InsertDeliveries): Promise<{ ids: string[]; count: number }> {
  const { doc, recipients: r } = w;
  const payload = documentsEvents.sqlPayload('delivery.delivered', {
    deliveryId: 'id',
    documentId: 'document_id',
    recipientOrgId: 'recipient_org_id',
    recipientName: 'recipient_name',
    status: "'DELIVERED'",
    docNumber: 'doc_number',
    urgency: 'urgency',
    isTelegram: `${doc.isTelegram ? 'true' : 'false'}`,
    resendOf: 'parent_delivery_id',
    supplement: `${w.supplement ? 'true' : 'false'}`,
  });
  // Kysely with bound parameters: MikroORM's raw execute inlines every value into the SQL text, which for 10,000
  // recipients is slower to build and parse.
  const skipHeld = w.supplement
    ? sql`where not exists (select 1 from documents.deliveries d where d.document_id = ${doc.id} and d.recipient_org_id = r.id and d.status not in ('RESENT', 'RECALLED'))`
    : sql``;
  const parentColumn = w.parentIds ? sql`, ${w.parentIds}::uuid[]` : sql``;
  const parentName = w.parentIds ? sql`, parent` : sql``;
  const parent = w.parentIds ? sql`w.parent` : sql`${w.resendOf ?? null}::uuid`;
  const result = await sql<{ ids: string[] | null; n: number }>`
    with wanted as (
      select * from unnest(${r.orgIds}::uuid[], ${r.paths}::text[], ${r.names}::text[], ${r.roles}::text[], ${r.printQuotas}::int[],
                           ${r.directions ?? r.orgIds.map(() => null)}::text[]${parentColumn})
        as r(id, path, name, role, quota, direction${parentName})
      ${skipHeld}),
    delivered as (
      insert into documents.deliveries (id, document_id, sender_org_id, sender_path, sender_name, recipient_org_id, recipient_path, recipient_name,
        role, print_quota, doc_type, doc_number, title, urgency, deadline, status, delivered_at, due_at, parent_delivery_id, document_sent_at,
        from_peer, direction)
      -- Each id says where the delivery is kept: the send time, then a version 4 id's random bits (domain/delivery-id.ts).
      select encode(overlay(uuid_send(gen_random_uuid()) placing decode(${deliveryIdHead(doc.sentAt)}, 'hex') from 1 for 7), 'hex')::uuid,
             ${doc.id}, ${doc.orgId}, ${doc.orgPath}::ltree, ${doc.orgName}, w.id, w.path::ltree, w.name, w.role, w.quota,
             ${doc.docType}, ${doc.docNumber}, ${doc.title}, ${doc.urgency}, ${doc.deadline}, 'DELIVERED', ${w.deliveredAt}, ${w.dueAt}, ${parent},
             ${doc.sentAt},
             -- 对端来文: the peer platform of a document taken in from one, kept on each of its deliveries for the inbox
             -- (read once for the statement, not per row).
             (select p.peer_origin->>'platform' from documents.documents p where p.id = ${doc.id}),
             w.direction
      from wanted w
      returning id, document_id, recipient_path, recipient_org_id, recipient_name, doc_number, urgency, parent_delivery_id),
    announced as (
      insert into documents.outbox (type, org_path, other_path, payload)
      select ${documentsEvents.names['delivery.delivered']}, ${doc.orgPath}::ltree, recipient_path, ${sql.raw(payload)}
      from delivered returning 1)
    select array_agg(id) as ids, count(*)::int as n from delivered`.execute(em.getKysely());
  const ids = result.rows[0]?.ids ?? [];
  // 特急/加急 and 明传电报 alert the recipient units at once, also outside working hours (seed 002 §8): an in-app
  // notification now, SMS and webhook alerts queued in this same transaction and retried until delivered.
  if (w.alerts && ids.length) await queueAlerts(em, doc, ids, w.alerts.targets);
  return { ids, count: result.rows[0]?.n ?? 0 };
}

/** Deliveries locked for a change, with their status now (修改后重发: the originals its send answers). */
export async function lockDeliveryStatuses(em: EntityManager, ids: readonly string[]): Promise<Map<string, DeliveryStatus>> {
  if (!ids.length) return new Map();
  const rows = await withDb(em, (db) =>
    db
      .selectFrom('documents.deliveries')
      .select(['id', 'status'])
      .where('id', 'in', [...ids])
      .orderBy('id')
      .forUpdate()
      // The status column holds only the state machine's statuses (domain/delivery.ts).
      .$narrowType<{ status: DeliveryStatus }>()
      .execute(),
  );
  return new Map(rows.map((r) => [r.id, r.status]));
}
