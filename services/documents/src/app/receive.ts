// 接收: the receipt time of a delivery is the first open, print or download by the recipient unit (seeds 001 §14,
// 003 §29). Recorded once, by a conditional update, so concurrent first actions cannot record two times. Opening a
// delivery and reading a document's body (the first is the receipt) are here; printing is in print.ts. 签收, the
// clerk's later and explicit acceptance, is sign-for.ts. Until then only the unit's clerks (and its OA system's token,
// which acts as one) open, read, download or print it: the document has not entered the unit's handling yet.
import type { EntityManager } from '@mikro-orm/postgresql';
import { badInput, type Caller, ErrorCode, forbidden, personName, requireCaller, YizhanError } from '@yizhan/common';
import { documentsEvents } from '@yizhan/contracts/documents';
import { emit, isUuid } from '@yizhan/kernel';
import { type NotNull, sql } from 'kysely';
import type { DocumentsContext } from '../deps.ts';
import { mayOpenBeforeSigning, notSignedFor } from '../domain/delivery.ts';
import { windowHolding } from '../domain/delivery-id.ts';
import type { Delivery } from '../entities/Delivery.ts';
import type { Document } from '../entities/Document.ts';
import { keptIn } from '../store/delivery-by-id.ts';
import { getDelivery } from '../store/documents.ts';
import { withDb } from '../store/sql.ts';
import { namedOnPeer } from './peer-intake.ts';
import { type ReceiptMaker, receiptsOf } from './receipts.ts';

export type ReceiptAction = 'OPEN' | 'PRINT' | 'DOWNLOAD';

/**
 * Records the receipt if this is the recipient unit's first action on the delivery, with the unit's signed receipt
 * (app/receipts.ts) where the platform has its CA. Returns whether it did.
 */
export async function recordReceipt(
  em: EntityManager,
  caller: Caller,
  /** The delivery, as the caller read it: its id and the send time it is kept by. */
  delivery: { id: string; sentAt: Date | string },
  action: ReceiptAction,
  receipts: ReceiptMaker | null,
  /** Who received it, when not the caller (the exchange reporting a 接收 made on a peer platform). */
  name: string = personName(caller),
): Promise<boolean> {
  const row = await withDb(em, (db) =>
    db
      .updateTable('documents.deliveries')
      .set({
        status: 'RECEIVED',
        received_at: sql<Date>`clock_timestamp()`,
        received_by: caller.userId,
        received_by_name: name,
        receipt_action: action,
      })
      .where('id', '=', delivery.id)
      .$call(keptIn(windowHolding(delivery.id, delivery.sentAt)))
      .where('recipient_org_id', '=', caller.orgId)
      .where('received_at', 'is', null)
      .where('status', '=', 'DELIVERED')
      .returning(['id', 'document_id', 'sender_path', 'recipient_path', 'recipient_org_id', 'recipient_name', 'received_at', 'doc_number'])
      // Set just now, by this very update.
      .$narrowType<{ received_at: NotNull }>()
      .executeTakeFirst(),
  );
  if (!row) return false;
  // The receipt is a step in the delivery's history like any other: who signed for it, when, and how.
  await withDb(em, (db) =>
    db
      .insertInto('documents.delivery_history')
      .values({
        delivery_id: row.id,
        sender_path: row.sender_path,
        recipient_path: row.recipient_path,
        action: 'RECEIVE',
        from_status: 'DELIVERED',
        to_status: 'RECEIVED',
        actor_id: caller.userId,
        actor_name: name,
        note: action,
        // The very instant the update recorded, as the driver gave it back.
        at: row.received_at,
      })
      .execute(),
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
        recipientName: row.recipient_name,
        status: 'RECEIVED',
        receivedAt: row.received_at,
        receivedByName: name,
        action,
      },
      { orgPath: row.sender_path, otherPath: row.recipient_path },
    ),
  );
  await receipts?.make(em, row.id, 'RECEIVED');
  return true;
}

/**
 * Downloading a file for a delivery (`/blobs/<sha>?delivery=<id>`): the first is the receipt, but only of that
 * delivery's own file — the body, an attachment or the OFD 版式 file of its document. A delivery of another unit, or a file of another
 * document, is refused (and nothing recorded): a download never signs for a document that was not fetched.
 */
export async function recordDownload(em: EntityManager, caller: Caller, deliveryId: string, sha256: string, receipts: ReceiptMaker | null): Promise<boolean> {
  if (!isUuid(deliveryId)) throw badInput(`delivery must be a delivery id, not ${JSON.stringify(deliveryId.slice(0, 40))}`, 'delivery');
  const delivery = await withDb(em, (db) =>
    db
      .selectFrom('documents.deliveries as dl')
      .innerJoin('documents.documents as d', 'd.id', 'dl.document_id')
      .select([
        'dl.id',
        'dl.signed_at',
        'dl.document_sent_at',
        sql<boolean>`d.body_sha256 = ${sha256} or d.ofd_sha256 = ${sha256} or d.attachments @> ${JSON.stringify([{ sha256 }])}::jsonb`.as('its_file'),
      ])
      .where('dl.id', '=', deliveryId)
      .where('dl.recipient_org_id', '=', caller.orgId)
      .executeTakeFirst(),
  );
  if (!delivery) throw forbidden(`Delivery ${deliveryId} is not a delivery to your unit: it cannot be received with this download`);
  if (!delivery.signed_at && !mayOpenBeforeSigning(caller.roles)) throw notSignedFor('download');
  if (!delivery.its_file) {
    throw badInput(
      `File ${sha256} is not the body or an attachment of the document of delivery ${deliveryId}: downloading it does not receive that delivery`,
      'delivery',
    );
  }
  return recordReceipt(em, caller, { id: delivery.id, sentAt: delivery.document_sent_at }, 'DOWNLOAD', receipts);
}

/** Opens a delivered document: the first open is the receipt of the caller's unit. */
export async function openDelivery(ctx: DocumentsContext, id: string, openedByThere: string | null = null): Promise<Delivery> {
  const caller = requireCaller(ctx);
  // The exchange reports a 接收 made on the peer platform: the sender sees who opened it there, by name.
  const name = openedByThere === null ? personName(caller) : await namedOnPeer(ctx, openedByThere, 'openedByThere');
  return ctx.em.transactional(async (em) => {
    const delivery = await getDelivery(em as EntityManager, id);
    if (delivery.recipientOrgId !== caller.orgId) throw forbidden('Only the recipient unit opens a delivery');
    if (!delivery.signedAt && !mayOpenBeforeSigning(caller.roles)) throw notSignedFor('open');
    await recordReceipt(em as EntityManager, caller, { id: delivery.id, sentAt: delivery.documentSentAt }, 'OPEN', receiptsOf(ctx), name);
    em.clear();
    return getDelivery(em as EntityManager, id);
  });
}

/** A document's 正文. For a recipient, reading it is opening the document: the first read is the receipt. */
export async function readBody(ctx: DocumentsContext, doc: Document): Promise<string> {
  const caller = requireCaller(ctx);
  if (doc.orgId !== caller.orgId) {
    // The unit's live delivery of the document (a resent one replaces the returned one), a signed one first.
    const delivery = await withDb(ctx.em, (db) =>
      db
        .selectFrom('documents.deliveries')
        .select(['id', 'signed_at', 'document_sent_at'])
        .where('document_id', '=', doc.id)
        .where('recipient_org_id', '=', caller.orgId)
        .orderBy(sql`signed_at is null`)
        .orderBy(sql`status in ('RESENT', 'RECALLED')`)
        .executeTakeFirst(),
    );
    if (delivery && !delivery.signed_at && !mayOpenBeforeSigning(caller.roles)) throw notSignedFor('read');
    if (delivery)
      await ctx.em.transactional((em) =>
        recordReceipt(em as EntityManager, caller, { id: delivery.id, sentAt: delivery.document_sent_at }, 'OPEN', receiptsOf(ctx)),
      );
  }
  const blob = await ctx.deps.blobs.get(doc.bodySha256);
  if (!blob) throw new YizhanError(ErrorCode.INTERNAL, 'The body of this document is missing from the blob store');
  return blob.toString('utf8');
}

/**
 * Whether a file is, for this caller, only a file of documents delivered to their unit and not yet signed for: then
 * only the unit's clerks may download it (with or without naming the delivery). A file the unit uploaded itself, or of
 * a document it signed for, is not held back.
 */
export async function heldBeforeSigning(em: EntityManager, caller: Caller, sha256: string): Promise<boolean> {
  if (mayOpenBeforeSigning(caller.roles)) return false;
  const found = await withDb(em, (db) =>
    db
      .selectFrom('documents.deliveries as dl')
      .innerJoin('documents.documents as d', 'd.id', 'dl.document_id')
      .select([sql<boolean>`bool_or(dl.signed_at is not null)`.as('signed')])
      .where('dl.recipient_org_id', '=', caller.orgId)
      .where('d.org_id', '<>', caller.orgId)
      .where((eb) =>
        eb.or([
          eb('d.body_sha256', '=', sha256),
          eb('d.ofd_sha256', '=', sha256),
          sql<boolean>`d.attachments @> ${JSON.stringify([{ sha256 }])}::jsonb`,
          eb.exists(eb.selectFrom('documents.prints as p').select('p.id').whereRef('p.delivery_id', '=', 'dl.id').where('p.pdf_sha256', '=', sha256)),
        ]),
      )
      .groupBy('d.id')
      .execute(),
  );
  if (!found.length || found.some((r) => r.signed)) return false;
  const own = await withDb(em, (db) =>
    db.selectFrom('documents.uploads').select('sha256').where('org_id', '=', caller.orgId).where('sha256', '=', sha256).executeTakeFirst(),
  );
  return !own;
}
