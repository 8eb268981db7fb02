// The OFD 版式 file of a sent document (issue 18, GB/T 33190; seed 001 §3: the e-document is a 版式 file): rendered
// once per document by the send, from the print's own layout (domain/print-layout.ts), as published — the red banner,
// the 发文字号, no 份号 and no recipient — and kept as a blob that the document names (`ofd_sha256`). Recipients and
// the sender download it at /blobs/<sha256> like the document's other files (app/files.ts), under the same rules.
// Never per recipient: one package, whatever the number of deliveries.
//
// Signed by the unit's seal (登记 then 用印): a unit that stamps numbers the document when the stamp is asked for
// (app/numbering.ts); when the second custodian presents the PIN, the seals service asks `ofd-to-sign` for Signature.xml
// of the OFD laid out with that number and the date it was taken (the references: each file's digest, the StampAnnot
// where the print presses the seal), signs its digest with the seal's key into a GB/T 38540 SES_Signature and keeps
// both with the stamp. The send lays the OFD out again the same way (rendering is deterministic), puts the stamp's
// Signature.xml and SignedValue.dat in it and checks the whole package: if it is not what the seal signed (the
// document's content or layout changed), nothing is sent (OFD_CHANGED).
//
// Not yet: a joint document's co-issuers' seals in its OFD (only the lead unit's signs it), and the OFD's digest in
// the canonical content (which the stamp and the signed approvals sign before the OFD exists).

import { notFound, requireCaller, YizhanError } from '@yizhan/common';
import { DocumentsErrorCode } from '@yizhan/contracts/documents';
import type { Stamp } from '@yizhan/contracts/seals';
import { isUuid } from '@yizhan/kernel';
import type { DocumentsContext } from '../deps.ts';
import { type OfdInfo, packOfd, type RenderedOfd, renderOfd, signatureToSign, verifyOfdSignature, withSignature } from '../domain/ofd/index.ts';
import type { PrintableDocument } from '../domain/print-layout.ts';
import { type Document } from '../entities/Document.ts';
import { coIssuerRows } from '../store/co-issuers.ts';
import { getDocument } from '../store/documents.ts';
import { openReservation } from '../store/numbers.ts';
import { printableAttachments } from './print.ts';

/** The seal's image is its signature's (the reader draws it from the SESeal): the layout needs only its place. */
const SEAL_PLACE = Buffer.from('seal');

/** What the OFD is laid out from, read before the send's transaction (the body and plain-text attachments' text). */
export async function ofdSource(ctx: DocumentsContext, doc: Document): Promise<PrintableDocument> {
  const body = await ctx.deps.blobs.get(doc.bodySha256);
  return {
    ...doc,
    bodyText: body?.toString('utf8') ?? '',
    attachments: await printableAttachments(ctx, doc),
    // The 署名 and 成文日期 stand as under the seal (§7.3.5.1); the seal's image is never drawn: an image of the seal
    // is not the seal (a signed OFD's seal is its signature's 签章, sealedOfdFiles).
    stamped: Boolean(doc.stamp) || doc.jointIssuers.some((j) => j.stamp),
    coIssuerNames: doc.jointIssuers.map((j) => j.orgName),
  };
}

interface Numbered {
  id: string;
  docNumber: string;
  /** The date the OFD shows (its CreationDate): the send's, or when the document was numbered for its seal. */
  datedAt: Date;
  docType: string;
}

function ofdInfo(source: PrintableDocument, doc: Numbered): OfdInfo {
  return {
    documentId: doc.id,
    title: source.title,
    author: [source.orgName, ...(source.coIssuerNames ?? [])].join('、'),
    subject: doc.docNumber,
    createdAt: doc.datedAt,
    custom: [['发文字号', doc.docNumber], ['文种', doc.docType], ...(source.docDate ? ([['成文日期', source.docDate]] as [string, string][]) : [])],
  };
}

/** The OFD package of the document as sent (its 发文字号 and send time), zipped: the same bytes for the same document. */
export async function renderSentOfd(source: PrintableDocument, doc: { id: string; docNumber: string; sentAt: Date; docType: string }): Promise<Buffer> {
  const { files } = await renderOfd({ ...source, docNumber: doc.docNumber }, ofdInfo(source, { ...doc, datedAt: doc.sentAt }));
  return packOfd(files, doc.sentAt);
}

/**
 * The files of the OFD the seal signs, laid out under the seal (§7.3.5.1) with the reserved number and its date;
 * the same files whenever it is rendered again for the same document (the seal's signature depends on it).
 */
async function sealedOfdFiles(ctx: DocumentsContext, doc: Document, numbered: Numbered): Promise<RenderedOfd> {
  const source = await ofdSource(ctx, doc);
  const coIssuerNames = doc.coIssuerIds.length ? (await coIssuerRows(ctx.em, doc.id)).map((r) => r.orgName) : [];
  const laid = { ...source, stamped: true, coIssuerNames, docNumber: numbered.docNumber };
  return renderOfd(laid, ofdInfo(laid, numbered), { sealPng: SEAL_PLACE, signed: true });
}

/**
 * `ofd-to-sign` (the internal API, for the seals service at the second custodian's PIN): Signature.xml of the OFD of
 * the caller's unit's approved, numbered document, and the digest its seal signs. Null where the seal signs no OFD.
 */
export async function ofdToSign(ctx: DocumentsContext, input: { documentId: string; suite: 'RSA' | 'SM2'; signedAt: string }) {
  const caller = requireCaller(ctx);
  if (!isUuid(input.documentId)) throw notFound('Document', input.documentId);
  const doc = await getDocument(ctx.em, input.documentId);
  if (doc.orgId !== caller.orgId || ctx.deps.ofd === false) return null;
  if (doc.status !== 'APPROVED') throw new YizhanError(DocumentsErrorCode.NOT_APPROVED, 'Only an approved document is stamped', { status: doc.status });
  const reserved = await openReservation(ctx.em, doc.id);
  if (!reserved) return null;
  const rendered = await sealedOfdFiles(ctx, doc, {
    id: doc.id,
    docNumber: reserved.doc_number,
    datedAt: new Date(reserved.reserved_at),
    docType: doc.docType,
  });
  if (!rendered.sealBox) return null;
  const { signatureXml, dataHash, propertyInfo } = signatureToSign(rendered.files, {
    suite: input.suite,
    signedAt: new Date(input.signedAt),
    box: rendered.sealBox,
    pageId: rendered.pageIds[rendered.sealBox.page] as number,
  });
  return { docNumber: reserved.doc_number, signatureXml: signatureXml.toString('base64'), dataHash, propertyInfo };
}

/**
 * At the send: the OFD laid out again with the reserved number, carrying the seal's signature that the stamp brought
 * (Signatures.xml, Signature.xml, SignedValue.dat), checked whole. Refused (OFD_CHANGED) when it is not what the
 * seal signed; the files of the package otherwise.
 */
export async function sealedSentOfd(
  ctx: DocumentsContext,
  doc: Document,
  reserved: { doc_number: string; reserved_at: string | Date },
  signed: NonNullable<Stamp['ofd']>,
): Promise<Map<string, Buffer>> {
  const refuse = (changed: string[]) =>
    new YizhanError(
      DocumentsErrorCode.OFD_CHANGED,
      `The OFD to be sent is not the one the seal signed (${changed.join(', ')}): nothing was sent. Ask for the stamp again`,
      { changed: changed.slice(0, 20), docNumber: reserved.doc_number },
    );
  if (signed.docNumber !== reserved.doc_number) throw refuse([`发文字号 ${signed.docNumber} → ${reserved.doc_number}`]);
  const rendered = await sealedOfdFiles(ctx, doc, {
    id: doc.id,
    docNumber: reserved.doc_number,
    datedAt: new Date(reserved.reserved_at),
    docType: doc.docType,
  });
  const files = withSignature(rendered.files, Buffer.from(signed.signatureXml, 'base64'), Buffer.from(signed.signedValue, 'base64'));
  const check = verifyOfdSignature(files);
  if (!check.valid) throw refuse(check.checks.filter((c) => !c.ok).map((c) => c.reason ?? c.check));
  return files;
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
