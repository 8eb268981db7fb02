// Printing a delivered document (seed 001 §11): every print gets the next 份号; within the recipient's quota the
// PDF carries the red header and the seal (verified now), beyond it neither. The first print is the receipt if nothing
// came before; before 签收 only the unit's clerks print. The sender may raise a recipient's quota.
import type { EntityManager } from '@mikro-orm/postgresql';
import { badInput, ErrorCode, requireCaller, YizhanError } from '@yizhan/common';
import { documentsEvents } from '@yizhan/contracts/documents';
import { stamp as stampSchema } from '@yizhan/contracts/seals';
import { emit } from '@yizhan/kernel';
import { sql } from 'kysely';
import type { DocumentsContext } from '../deps.ts';
import { mayOpenBeforeSigning, nextStatus, notSignedFor } from '../domain/delivery.ts';
import { renderOfficialDocument } from '../domain/official-document-pdf.ts';
import { personName } from '../domain/person.ts';
import type { Delivery } from '../entities/Delivery.ts';
import type { Document } from '../entities/Document.ts';
import { canonicalContent } from '../store/canonical.ts';
import { getDelivery, getDocument } from '../store/documents.ts';
import { withDb } from '../store/sql.ts';
import { lockDelivery, recordTransition, sideOf } from './delivery-life.ts';

/** One printed copy. */
export interface Print {
  copyNumber: number;
  withinQuota: boolean;
  pdfSha256: string;
  printedByName: string;
  printedAt: Date;
}

/** 验证印章 (seed 004): the sender's stamp checked now, for this print; its image only when every check passes. */
async function verifiedSeal(ctx: DocumentsContext, doc: Document): Promise<{ png: Buffer | null; note: string }> {
  if (!doc.stamp) return { png: null, note: '本件未加盖电子印章' };
  if (!ctx.deps.seals) return { png: null, note: '电子印章无法验证（印章服务未连接），未显示印章' };
  const result = await ctx.deps.seals.call('verify', ctx.callerHeader, {
    documentId: doc.id,
    canonical: Buffer.from(await canonicalContent(doc, ctx.deps.blobs)).toString('base64'),
    // Kept as the seals service gave it at the send; read back by its contract's schema.
    stamp: stampSchema.parse(doc.stamp),
  });
  if (result.valid && result.imagePng) return { png: Buffer.from(result.imagePng, 'base64'), note: `电子印章验证通过（签章时间 ${result.signedAt}）` };
  const failed = result.checks.find((c) => !c.ok);
  return { png: null, note: `电子印章验证未通过，未显示印章：${failed?.check} ${failed?.reason ?? ''}` };
}

/** Every copy printed of a delivery, by 份号. */
export async function printsOf(ctx: DocumentsContext, deliveryId: string): Promise<Print[]> {
  const found = await withDb(ctx.em, (db) =>
    db
      .selectFrom('documents.prints')
      .select(['copy_number', 'within_quota', 'pdf_sha256', 'printed_by_name', 'printed_at'])
      .where('delivery_id', '=', deliveryId)
      .orderBy('copy_number')
      .execute(),
  );
  return found.map((p) => ({
    copyNumber: p.copy_number,
    withinQuota: p.within_quota,
    pdfSha256: p.pdf_sha256,
    printedByName: p.printed_by_name,
    printedAt: new Date(p.printed_at),
  }));
}

/** Prints a delivered document: the next 份号, with red header and seal while within the quota. */
export async function printDelivery(ctx: DocumentsContext, id: string): Promise<Print> {
  const caller = requireCaller(ctx);
  return ctx.em.transactional(async (tx) => {
    const em = tx as EntityManager;
    const d = await lockDelivery(em, id);
    const side = sideOf(caller, d);
    if (side === 'RECIPIENT' && !d.signed_at && !mayOpenBeforeSigning(caller.roles)) throw notSignedFor('print');
    const to = nextStatus(d.status, 'PRINT', side);
    const counted = await withDb(em, (db) =>
      db
        .updateTable('documents.deliveries')
        .set((eb) => ({
          print_count: eb('print_count', '+', 1),
          status: to,
          state_changed_at: sql<Date>`clock_timestamp()`,
          received_at: eb.fn.coalesce('received_at', sql<Date>`clock_timestamp()`),
          received_by: eb.fn.coalesce('received_by', eb.val(caller.userId)),
          received_by_name: eb.fn.coalesce('received_by_name', eb.val(personName(caller))),
          receipt_action: eb.fn.coalesce('receipt_action', sql.lit('PRINT')),
        }))
        .where('id', '=', id)
        .returning([
          'print_count',
          'print_quota',
          'recipient_name',
          sql<boolean>`(receipt_action = 'PRINT' and received_by = ${caller.userId} and print_count = 1)`.as('first_receipt'),
        ])
        .executeTakeFirst(),
    );
    if (!counted) throw new YizhanError(ErrorCode.INTERNAL, 'Print failed');
    const doc = await getDocument(em, d.document_id);
    const body = await ctx.deps.blobs.get(doc.bodySha256);
    const withinQuota = counted.print_count <= counted.print_quota;
    const seal = withinQuota ? await verifiedSeal(ctx, doc) : undefined;
    const pdf = await renderOfficialDocument(
      { ...doc, bodyText: body?.toString('utf8') ?? '' },
      { copyNumber: counted.print_count, withinQuota, recipientName: counted.recipient_name, seal },
    );
    const { sha256 } = await ctx.deps.blobs.put(pdf);
    await withDb(em, (db) =>
      db
        .insertInto('documents.prints')
        .values({
          delivery_id: id,
          sender_path: d.sender_path,
          recipient_path: d.recipient_path,
          copy_number: counted.print_count,
          within_quota: withinQuota,
          pdf_sha256: sha256,
          printed_by: caller.userId,
          printed_by_name: personName(caller),
        })
        .execute(),
    );
    await recordTransition(em, caller, d, 'PRINT', to, withinQuota ? null : 'BEYOND_QUOTA', `份号 ${counted.print_count}`);
    if (d.status === 'DELIVERED') {
      // The first print is the receipt (seeds 001 §14, 003 §29): boards and supervisors hear it as one.
      await emit(
        em as EntityManager,
        documentsEvents.event(
          'delivery.received',
          {
            deliveryId: id,
            documentId: d.document_id,
            recipientOrgId: d.recipient_org_id,
            status: to,
            receivedAt: new Date().toISOString(),
            receivedByName: personName(caller),
            action: 'PRINT',
          },
          { orgPath: d.sender_path, otherPath: d.recipient_path },
        ),
      );
    }
    return { copyNumber: counted.print_count, withinQuota, pdfSha256: sha256, printedByName: personName(caller), printedAt: new Date() };
  });
}

/** Raises a recipient's print quota (the sending unit only). */
export async function raisePrintQuota(ctx: DocumentsContext, id: string, quota: number): Promise<Delivery> {
  const caller = requireCaller(ctx);
  return ctx.em.transactional(async (tx) => {
    const em = tx as EntityManager;
    const d = await lockDelivery(em, id);
    if (sideOf(caller, d) !== 'SENDER') throw new YizhanError(ErrorCode.FORBIDDEN, 'Only the sending unit sets print quotas');
    const current = await withDb(em, (db) => db.selectFrom('documents.deliveries').select('print_quota').where('id', '=', id).executeTakeFirst());
    if (quota <= (current?.print_quota ?? 0)) throw badInput(`The quota is already ${current?.print_quota}; it can only be raised`, 'quota');
    await withDb(em, (db) => db.updateTable('documents.deliveries').set({ print_quota: quota }).where('id', '=', id).execute());
    await recordTransition(em, caller, d, 'RAISE_QUOTA', d.status, null, `${current?.print_quota} → ${quota}`);
    em.clear();
    return getDelivery(em, id);
  });
}
