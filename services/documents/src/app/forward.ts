// 转发: a unit passes a document it received and signed for on to the units below it as its own notice, “关于转发《…》
// 的通知”: a new document of the forwarding unit (its own approval chain, seal and 发文字号, through app/approve.ts and
// app/send.ts, where the routing rules apply to the forwarding unit as to any of its documents), carrying the original
// by reference: its body and attachments by SHA-256 (the blobs already stored, nothing uploaded again) and the
// original's seal verification as it stood when the 转发 was drafted. The original shows its 转发, the 转发 its original.
// Its GB/T 9704 elements (主送, 署名, 成文日期 …) are copied too: the printed 转发 and its OFD carry the original after
// the notice (forwardedForPrint, domain/print-layout.ts), and the units it goes to cannot read the original itself.
import { badInput, requireCaller, requireRole } from '@yizhan/common';
import { STAMP_CHECK_WORDS, stamp as stampSchema } from '@yizhan/contracts/seals';
import type { DocumentsContext } from '../deps.ts';
import { beijingDateTime } from '../domain/gbt9704.ts';
import type { ForwardedForPrint } from '../domain/print-layout.ts';
import { forwardBody, forwardTitle } from '../domain/reply.ts';
import type { Document, ForwardedOriginal } from '../entities/Document.ts';
import { canonicalContent } from '../store/canonical.ts';
import { callerUnit } from '../store/documents.ts';
import { docDateOf } from './doc-date.ts';
import { carriedFiles, createDraft } from './draft.ts';
import { linkOf, signedForDelivery } from './reply.ts';

export interface ForwardInput {
  recipients: unknown[];
  title?: string | null;
  body?: string | null;
  docPrefix?: string | null;
}

/** The original's seal, verified now by the seals service (GB/T 38540 order), as the 转发 will show it. */
async function sealOf(ctx: DocumentsContext, original: Document): Promise<ForwardedOriginal['seal']> {
  if (!original.stamp) return { stamped: false, valid: false, note: '原件未加盖电子印章', signedAt: null };
  if (!ctx.deps.seals) return { stamped: true, valid: false, note: '原件电子印章无法验证（印章服务未连接）', signedAt: null };
  const result = await ctx.deps.seals.call('verify', ctx.callerHeader, {
    documentId: original.id,
    canonical: Buffer.from(await canonicalContent(original, ctx.deps.blobs)).toString('base64'),
    stamp: stampSchema.parse(original.stamp),
  });
  if (result.valid)
    return { stamped: true, valid: true, note: `原件电子印章验证通过（签章时间 ${beijingDateTime(result.signedAt)}）`, signedAt: result.signedAt ?? null };
  const failed = result.checks.find((c) => !c.ok);
  return { stamped: true, valid: false, note: `原件电子印章验证未通过：${failed ? (STAMP_CHECK_WORDS[failed.check] ?? failed.check) : ''}`, signedAt: null };
}

/** Drafts the 转发 of a received document to the recipients named (normally the units below the caller's). */
export async function draftForward(ctx: DocumentsContext, deliveryId: string, input: ForwardInput): Promise<Document> {
  const caller = requireCaller(ctx);
  requireRole(caller, 'DRAFTER');
  const { delivery, original } = await signedForDelivery(ctx, deliveryId, 'forwards');
  if (!input.recipients.length) throw badInput('Name the units the 转发 goes to', 'recipients', { zh: '至少选择一个转发单位' });
  const unit = await callerUnit(ctx);
  const forwardOf: ForwardedOriginal = {
    ...linkOf(delivery, original),
    bodySha256: original.bodySha256,
    bodySize: original.bodySize,
    attachments: original.attachments,
    seal: await sealOf(ctx, original),
    elements: {
      mainTo: original.mainTo,
      signatureLine: original.signatureLine,
      docDate: await docDateOf(ctx.em, original),
      notes: original.notes,
      urgency: original.urgency,
      signer: original.signer,
      coIssuerNames: original.jointIssuers.map((j) => j.orgName),
      attachmentsOnPaper: original.attachmentsOnPaper,
      paperNote: original.paperNote,
    },
  };
  const carried = carriedFiles({ forwardOf });
  return createDraft(
    ctx,
    {
      docType: '通知',
      title: input.title?.trim() || forwardTitle(original.title),
      body: input.body?.trim() || forwardBody(original.orgName, original.title, delivery.docNumber),
      docPrefix: input.docPrefix?.trim() || unit.docPrefixes[0] || null,
      signatureLine: unit.name,
      recipients: input.recipients,
      attachments: carried.map((a) => ({ name: a.name, sha256: a.sha256 })),
    },
    { forwardOfDocumentId: original.id, forwardOfDeliveryId: delivery.id, forwardOf },
  );
}

/**
 * The original a 转发 carries, as its print and OFD lay it out after the notice: its elements as copied when the 转发
 * was drafted, its body from the store, its seal's verification as it stood then (the signing time in Beijing time).
 * None for a document that forwards nothing.
 */
export async function forwardedForPrint(ctx: DocumentsContext, doc: Document): Promise<ForwardedForPrint | undefined> {
  const f = doc.forwardOf;
  if (!f) return undefined;
  const body = await ctx.deps.blobs.get(f.bodySha256);
  const e = f.elements;
  const sealNote = f.seal.valid && f.seal.signedAt ? `原件电子印章验证通过（签章时间 ${beijingDateTime(f.seal.signedAt)}）` : f.seal.note;
  return {
    orgName: f.orgName,
    docType: f.docType,
    docNumber: f.docNumber,
    title: f.title,
    mainTo: e?.mainTo ?? null,
    ccTo: null,
    bodyText: body?.toString('utf8') ?? '',
    signatureLine: e?.signatureLine ?? f.orgName,
    docDate: e?.docDate ?? null,
    notes: e?.notes ?? null,
    printingOrg: null,
    printingDate: null,
    urgency: e?.urgency ?? 'NORMAL',
    signer: e?.signer ?? null,
    attachments: f.attachments.map((a) => ({ name: a.name, size: a.size, contentType: a.contentType, sha256: a.sha256 })),
    attachmentsOnPaper: e?.attachmentsOnPaper ?? false,
    paperNote: e?.paperNote ?? null,
    stamped: f.seal.stamped,
    coIssuerNames: e?.coIssuerNames ?? [],
    sealNote,
  };
}
