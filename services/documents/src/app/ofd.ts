// The OFD 版式 file of a sent document (issue 18, GB/T 33190; seed 001 §3: the e-document is a 版式 file): rendered
// once per document by the send, from the print's own layout (domain/print-layout.ts), as published — the red banner,
// the 发文字号, no 份号 and no recipient — and kept as a blob that the document names (`ofd_sha256`). Recipients and
// the sender download it at /blobs/<sha256> like the document's other files (app/files.ts), under the same rules.
// Never per recipient: one package, whatever the number of deliveries.
//
// Not yet: the seal's signature inside the package (domain/ofd/signature.ts writes and checks it, but the seal's key
// is usable only while both custodians present their PINs, before the send allocates the 发文字号 the OFD carries),
// and the OFD's digest in the canonical content (which the stamp and the signed approvals sign before the OFD exists).

import type { DocumentsContext } from '../deps.ts';
import { type OfdInfo, packOfd, renderOfd } from '../domain/ofd/index.ts';
import type { PrintableDocument } from '../domain/print-layout.ts';
import { type Document } from '../entities/Document.ts';
import { printableAttachments } from './print.ts';

/** What the OFD is laid out from, read before the send's transaction (the body and plain-text attachments' text). */
export async function ofdSource(ctx: DocumentsContext, doc: Document): Promise<PrintableDocument> {
  const body = await ctx.deps.blobs.get(doc.bodySha256);
  return {
    ...doc,
    bodyText: body?.toString('utf8') ?? '',
    attachments: await printableAttachments(ctx, doc),
    // The 署名 and 成文日期 stand as under the seal (§7.3.5.1); the seal's image is not drawn: the OFD carries no
    // signature yet, and an image of the seal is not the seal.
    stamped: Boolean(doc.stamp) || doc.jointIssuers.some((j) => j.stamp),
    coIssuerNames: doc.jointIssuers.map((j) => j.orgName),
  };
}

/** The OFD package of the document as sent (its 发文字号 and send time), zipped: the same bytes for the same document. */
export async function renderSentOfd(source: PrintableDocument, doc: { id: string; docNumber: string; sentAt: Date; docType: string }): Promise<Buffer> {
  const info: OfdInfo = {
    documentId: doc.id,
    title: source.title,
    author: [source.orgName, ...(source.coIssuerNames ?? [])].join('、'),
    subject: doc.docNumber,
    createdAt: doc.sentAt,
    custom: [['发文字号', doc.docNumber], ['文种', doc.docType], ...(source.docDate ? ([['成文日期', source.docDate]] as [string, string][]) : [])],
  };
  const { files } = await renderOfd({ ...source, docNumber: doc.docNumber }, info);
  return packOfd(files, doc.sentAt);
}

/** Renders and stores the sent document's OFD; its SHA-256, or null when it could not be made (the send stands). */
export async function storeSentOfd(
  ctx: DocumentsContext,
  source: PrintableDocument,
  doc: { id: string; docNumber: string; sentAt: Date; docType: string },
): Promise<string | null> {
  try {
    const ofd = await renderSentOfd(source, doc);
    return (await ctx.deps.blobs.put(ofd)).sha256;
  } catch (err) {
    ctx.log.warn({ err, documentId: doc.id }, 'the OFD 版式 file could not be made; the document is sent without it');
    return null;
  }
}
