// Printing a delivered document (seed 001 §11): every print gets the next 份号 (a copy number of the whole
// document, across all its recipients: a counter row per document locked by its upsert, like the 发文字号, so no
// gaps and no duplicates, registered with the recipient's print); within the recipient's quota the PDF carries the
// red header and the seal (verified now), beyond it neither. The counter is taken last, after the seal's check and
// the files are fetched, so prints of one document queue on it only for the PDF's layout. The first print is the receipt if nothing
// came before; before 签收 only the unit's clerks print. The sender may raise a recipient's quota.
import type { EntityManager } from '@mikro-orm/postgresql';
import { badInput, ErrorCode, personName, requireCaller, requiredText, requireRole, YizhanError } from '@yizhan/common';
import { documentsEvents } from '@yizhan/contracts/documents';
import { STAMP_CHECK_WORDS, stamp as stampSchema } from '@yizhan/contracts/seals';
import { emit } from '@yizhan/kernel';
import { sql } from 'kysely';
import type { DocumentsContext } from '../deps.ts';
import { mayOpenBeforeSigning, nextStatus, notSignedFor, TRANSITIONS } from '../domain/delivery.ts';
import { beijingDateTime, copyNumberLabel } from '../domain/gbt9704.ts';
import { type PrintableAttachment, pdfPageCount, renderOfficialDocument } from '../domain/official-document-pdf.ts';
import type { Delivery } from '../entities/Delivery.ts';
import type { Document } from '../entities/Document.ts';
import { canonicalContent } from '../store/canonical.ts';
import { keptIn } from '../store/delivery-by-id.ts';
import { getDelivery, getDocument, lastCopyNumber } from '../store/documents.ts';
import { withDb } from '../store/sql.ts';
import { lockDelivery, recordTransition, sideOf } from './delivery-life.ts';
import { docDateOf } from './doc-date.ts';
import { forwardedForPrint } from './forward.ts';
import { verifiedPeerSeal } from './peer-intake.ts';
import { receiptsOf } from './receipts.ts';
import { batched } from './request-batch.ts';

/** One printed copy. */
export interface Print {
  copyNumber: number;
  withinQuota: boolean;
  pdfSha256: string;
  printedByName: string;
  printedAt: Date;
}

/**
 * 验证印章 (seed 004): a stamp the document carries checked now, for this print — the sender's, or a co-issuer's of a
 * joint document (联合行文) — its image only when every check passes.
 */
export async function verifiedSeal(
  ctx: DocumentsContext,
  doc: Document,
  stamp: Record<string, unknown> | null,
  canonical: () => Promise<string>,
  /** Name the custodians who stamped it (the 发文稿纸's 用印): not asked for a print. */
  withCustodians = false,
): Promise<{ png: Buffer | null; note: string; custodians: string[] }> {
  if (!stamp) return { png: null, note: '本件未加盖电子印章', custodians: [] };
  if (!ctx.deps.seals) return { png: null, note: '电子印章无法验证（印章服务未连接），未显示印章', custodians: [] };
  const result = await ctx.deps.seals.call('verify', ctx.callerHeader, {
    documentId: doc.id,
    canonical: await canonical(),
    // Kept as the seals service gave it at the send; read back by its contract's schema.
    stamp: stampSchema.parse(stamp),
    withCustodians,
  });
  // The signing time in Beijing time, as every date on the print (the seals service answers an ISO instant).
  if (result.valid && result.imagePng)
    return {
      png: Buffer.from(result.imagePng, 'base64'),
      note: `电子印章验证通过（签章时间 ${beijingDateTime(result.signedAt)}）`,
      custodians: result.custodians,
    };
  const failed = result.checks.find((c) => !c.ok);
  // The check that failed in words; its English reason stays in the verification the API answers.
  return {
    png: null,
    note: `电子印章验证未通过，未显示印章：${failed ? (STAMP_CHECK_WORDS[failed.check] ?? failed.check) : ''}`,
    custodians: result.custodians,
  };
}

/** The next 份号: the document's counter row, created by the first print and locked until this one commits. */
async function nextCopyNumber(em: EntityManager, documentId: string, senderPath: string): Promise<number> {
  const row = await withDb(em, (db) =>
    db
      .insertInto('documents.copy_counters')
      .values({ document_id: documentId, sender_path: senderPath, last_seq: 1 })
      .onConflict((oc) => oc.column('document_id').doUpdateSet({ last_seq: sql<number>`copy_counters.last_seq + 1` }))
      .returning('last_seq')
      .executeTakeFirstOrThrow(),
  );
  return row.last_seq;
}

/** The largest PDF attachment whose pages a print reproduces, and the most pages it draws of one. */
const PRINTED_PDF_BYTES = 20 * 1024 * 1024;
const PRINTED_PDF_PAGES = 100;

/**
 * A plain-text attachment's text is printed on its 附件 page; with `ownPages` (a print, not the OFD, which carries the
 * file itself) a readable PDF's own pages follow it; other kinds are described there (official-document-pdf.ts).
 * A 转发's original body, which it carries as a file, is not: the original is printed in full after the notice.
 */
export async function printableAttachments(ctx: DocumentsContext, doc: Document, opts: { ownPages?: boolean } = {}): Promise<PrintableAttachment[]> {
  return Promise.all(
    doc.attachments
      .filter((a) => a.sha256 !== doc.forwardOf?.bodySha256)
      .map(async (a) => {
        const text = /^text\/plain\b/i.test(a.contentType) && a.size <= 256 * 1024 ? ((await ctx.deps.blobs.get(a.sha256))?.toString('utf8') ?? null) : null;
        const pdfBytes = opts.ownPages && /^application\/pdf\b/i.test(a.contentType) && a.size <= PRINTED_PDF_BYTES ? await ctx.deps.blobs.get(a.sha256) : null;
        const pages = pdfBytes ? await pdfPageCount(pdfBytes) : null;
        const pdf = pdfBytes && pages && pages <= PRINTED_PDF_PAGES ? { bytes: pdfBytes, pages } : null;
        return { name: a.name, size: a.size, contentType: a.contentType, sha256: a.sha256, text, pdf };
      }),
  );
}

/** Every copy printed of a delivery, by 份号, read with every other delivery's of the request. */
export const printsOf = (ctx: DocumentsContext, deliveryId: string): Promise<Print[]> =>
  batched(ctx, 'prints', deliveryId, async (ids) =>
    (
      await withDb(ctx.em, (db) =>
        db
          .selectFrom('documents.prints')
          .select(['delivery_id', 'copy_number', 'within_quota', 'pdf_sha256', 'printed_by_name', 'printed_at'])
          .where('delivery_id', 'in', ids)
          .orderBy('copy_number')
          .execute(),
      )
    ).map((p) => ({
      key: p.delivery_id,
      value: {
        copyNumber: p.copy_number,
        withinQuota: p.within_quota,
        pdfSha256: p.pdf_sha256,
        printedByName: p.printed_by_name,
        printedAt: new Date(p.printed_at),
      },
    })),
  );

/**
 * The 份号 the caller's next print of a delivery would carry, for the sheet on screen (预览): the document's counter
 * as it stands, plus one (another recipient's print may take it first). Null for a caller who would not print it —
 * the sending or a supervising unit, the recipient's other roles before 签收 — and for a delivery that prints nothing.
 */
export async function nextCopyPreview(ctx: DocumentsContext, d: Delivery): Promise<number | null> {
  const caller = requireCaller(ctx);
  if (d.recipientOrgId !== caller.orgId) return null;
  if (!d.signedAt && !mayOpenBeforeSigning(caller.roles)) return null;
  if (!printable(d.status)) return null;
  return (await lastCopyNumber(ctx.em, d.documentId)) + 1;
}

/** Whether the recipient may print a delivery in this status (the state machine's answer, without raising). */
function printable(status: Delivery['status']): boolean {
  try {
    nextStatus(status, 'PRINT', 'RECIPIENT');
    return true;
  } catch {
    return false;
  }
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
        .$call(keptIn(d.kept))
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
    // The canonical content is read once for every seal the copy carries (the lead's and each co-issuer's).
    let content: Promise<string> | null = null;
    const canonical = () => {
      content ??= canonicalContent(doc, ctx.deps.blobs).then((c) => Buffer.from(c).toString('base64'));
      return content;
    };
    // 对端来文: the peer's stamp, checked with the package it came in (this platform's seals service knows not its CA).
    const seal = withinQuota
      ? await (doc.peerOrigin ? verifiedPeerSeal(ctx.deps.blobs, doc.peerOrigin) : verifiedSeal(ctx, doc, doc.stamp, canonical))
      : undefined;
    // 联合行文: each co-issuer's own seal, verified as the sender's is (a co-issuer without a seal in use has none).
    const coSeals = withinQuota
      ? await Promise.all(doc.jointIssuers.map((j) => (j.stamp ? verifiedSeal(ctx, doc, j.stamp, canonical) : undefined)))
      : undefined;
    const attachments = await printableAttachments(ctx, doc, { ownPages: true });
    const copyNumber = await nextCopyNumber(em, d.document_id, d.sender_path);
    const pdf = await renderOfficialDocument(
      {
        ...doc,
        bodyText: body?.toString('utf8') ?? '',
        // 成文日期: the drafter's, else the 签发's date (app/doc-date.ts), as the sheet and the OFD show it.
        docDate: await docDateOf(em, doc),
        // 转发: the original follows the notice (its own elements, its seal's verification as forwarded).
        forwarded: await forwardedForPrint(ctx, doc),
        attachments,
        stamped: Boolean(doc.stamp) || doc.jointIssuers.some((j) => j.stamp) || Boolean(doc.peerOrigin),
        coIssuerNames: doc.jointIssuers.map((j) => j.orgName),
      },
      { copyNumber, withinQuota, recipientName: counted.recipient_name, seal, coSeals },
    );
    const { sha256 } = await ctx.deps.blobs.put(pdf);
    await withDb(em, (db) =>
      db
        .insertInto('documents.prints')
        .values({
          delivery_id: id,
          document_id: d.document_id,
          sender_path: d.sender_path,
          recipient_path: d.recipient_path,
          copy_number: copyNumber,
          within_quota: withinQuota,
          pdf_sha256: sha256,
          printed_by: caller.userId,
          printed_by_name: personName(caller),
        })
        .execute(),
    );
    await recordTransition(em, caller, d, 'PRINT', to, withinQuota ? null : 'BEYOND_QUOTA', `份号 ${copyNumberLabel(copyNumber)}`);
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
            recipientName: counted.recipient_name,
            status: to,
            receivedAt: new Date().toISOString(),
            receivedByName: personName(caller),
            action: 'PRINT',
          },
          { orgPath: d.sender_path, otherPath: d.recipient_path },
        ),
      );
      await receiptsOf(ctx)?.make(em as EntityManager, id, 'RECEIVED');
    }
    return { copyNumber, withinQuota, pdfSha256: sha256, printedByName: personName(caller), printedAt: new Date() };
  });
}

/**
 * 追加列印份数 (seed 001 §10): the receiving unit's clerk asks the sender for more copies it may print with the red
 * header and seal, saying how many and why. The request waits on the delivery, on the sender's board, until the
 * sender raises the quota; asked again, it is replaced.
 */
export async function requestPrintCopies(ctx: DocumentsContext, id: string, copies: number, reason: string): Promise<Delivery> {
  const caller = requireCaller(ctx);
  requireRole(caller, 'CLERK');
  if (!Number.isInteger(copies) || copies < 1 || copies > 100) throw badInput('Ask for 1 to 100 more copies', 'copies', { zh: '每次可增加 1 至 100 份' });
  const why = requiredText(reason, 'reason', { max: 500 });
  return ctx.em.transactional(async (tx) => {
    const em = tx as EntityManager;
    const d = await lockDelivery(em, id);
    if (sideOf(caller, d) !== 'RECIPIENT') throw new YizhanError(ErrorCode.FORBIDDEN, 'More copies are asked for by the receiving unit');
    // Where a print is: arrived or signed for, not returned, recalled or resent.
    if (!TRANSITIONS.PRINT.from.includes(d.status))
      throw new YizhanError(ErrorCode.ILLEGAL_TRANSITION, `A ${d.status.toLowerCase()} delivery is not printed: no copies are asked for`, { status: d.status });
    await withDb(em, (db) =>
      db.updateTable('documents.deliveries').set({ copies_requested: copies, copies_request_note: why }).where('id', '=', id).$call(keptIn(d.kept)).execute(),
    );
    // Written as the dashboard says a note the service writes (web's WRITTEN_NOTE): a label, then the value.
    await recordTransition(em, caller, d, 'REQUEST_COPIES', d.status, why, `追加份数 ${copies}`);
    em.clear();
    return getDelivery(em, id);
  });
}

/** Raises a recipient's print quota (the sending unit only). */
export async function raisePrintQuota(ctx: DocumentsContext, id: string, quota: number): Promise<Delivery> {
  const caller = requireCaller(ctx);
  return ctx.em.transactional(async (tx) => {
    const em = tx as EntityManager;
    const d = await lockDelivery(em, id);
    if (sideOf(caller, d) !== 'SENDER') throw new YizhanError(ErrorCode.FORBIDDEN, 'Only the sending unit sets print quotas');
    const current = await withDb(em, (db) =>
      db.selectFrom('documents.deliveries').select('print_quota').where('id', '=', id).$call(keptIn(d.kept)).executeTakeFirst(),
    );
    if (quota <= (current?.print_quota ?? 0))
      throw badInput(`The quota is already ${current?.print_quota}; it can only be raised`, 'quota', {
        zh: `限印份数已是 ${current?.print_quota} 份，只能增加`,
      });
    // A request for more copies is answered by the raise.
    await withDb(em, (db) =>
      db
        .updateTable('documents.deliveries')
        .set({ print_quota: quota, copies_requested: null, copies_request_note: null })
        .where('id', '=', id)
        .$call(keptIn(d.kept))
        .execute(),
    );
    await recordTransition(em, caller, d, 'RAISE_QUOTA', d.status, null, `${current?.print_quota} → ${quota}`);
    em.clear();
    return getDelivery(em, id);
  });
}
