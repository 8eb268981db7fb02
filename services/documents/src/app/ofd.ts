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
// 联合行文: every issuer's seal signs the OFD, each as a signature of its own (Sign_0 the lead's, Sign_<position> each
// co-issuer's, its StampAnnot over its own 署名), all of the same layout: the joint document is numbered when its lead's
// chain approves it, and a co-issuer's `ofd-to-sign` lays it out with that number (NOT_NUMBERED while there is none).
// Each signature carries the TSA's time stamp of its value (GB/T 38540 timeStamp), checked at the send.
//
// The attachments' originals travel inside the OFD (Doc_0/Attachs/, Attachments.xml), read with the body before the
// send's transaction, so the seal's References cover them. The OFD's digest is not in the canonical content (version 1,
// which the stamp and the signed approvals sign before the OFD exists): every receipt carries it beside it
// (`ofdDigest`, app/receipts.ts), and evidence packages carry the OFD (app/evidence-package.ts).

import { forbidden, notFound, requireCaller, YizhanError } from '@yizhan/common';
import { DocumentsErrorCode } from '@yizhan/contracts/documents';
import type { Stamp } from '@yizhan/contracts/seals';
import { isUuid } from '@yizhan/kernel';
import type { DocumentsContext } from '../deps.ts';
import {
  type OfdAttachment,
  type OfdInfo,
  packOfd,
  type RenderedOfd,
  renderOfd,
  signatureToSign,
  verifyOfdSignatures,
  withSignatures,
} from '../domain/ofd/index.ts';
import type { PrintableDocument } from '../domain/print-layout.ts';
import { type Document } from '../entities/Document.ts';
import { coIssuerRows, jointIssuerNames, lockOwnRow } from '../store/co-issuers.ts';
import { getDocument } from '../store/documents.ts';
import { openReservation } from '../store/numbers.ts';
import { docDateOf } from './doc-date.ts';
import { forwardedForPrint } from './forward.ts';
import { printableAttachments } from './print.ts';
import { trustOf } from './receipts.ts';

/** The seal's image is its signature's (the reader draws it from the SESeal): the layout needs only its place. */
const SEAL_PLACE = Buffer.from('seal');

/** What the OFD is made from: the printable document and its attached files' originals (the package's Attachs/). */
export type OfdSource = PrintableDocument & { attachedFiles: OfdAttachment[] };

/** The document's attached files as stored, in order (one the store no longer has is left out, as on the print). */
async function attachedFiles(ctx: DocumentsContext, doc: Document): Promise<OfdAttachment[]> {
  const read = await Promise.all(doc.attachments.map(async (a) => ({ name: a.name, bytes: await ctx.deps.blobs.get(a.sha256) })));
  return read.filter((a): a is OfdAttachment => Boolean(a.bytes));
}

/** What the OFD is laid out from, read before the send's transaction (the body, attachments' text and files). */
export async function ofdSource(ctx: DocumentsContext, doc: Document): Promise<OfdSource> {
  const body = await ctx.deps.blobs.get(doc.bodySha256);
  return {
    ...doc,
    attachedFiles: await attachedFiles(ctx, doc),
    bodyText: body?.toString('utf8') ?? '',
    // 成文日期: the drafter's, else the 签发's date (app/doc-date.ts): the same at the stamp's request and at the send.
    docDate: await docDateOf(ctx.em, doc),
    // 转发: the original after the notice, as the print lays it out (what the 转发 copied when drafted: fixed).
    forwarded: await forwardedForPrint(ctx, doc),
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
export async function renderSentOfd(source: OfdSource, doc: { id: string; docNumber: string; sentAt: Date; docType: string }): Promise<Buffer> {
  const { files } = await renderOfd({ ...source, docNumber: doc.docNumber }, ofdInfo(source, { ...doc, datedAt: doc.sentAt }), {
    attachments: source.attachedFiles,
  });
  return packOfd(files, doc.sentAt);
}

/**
 * The files of the OFD the seal signs, laid out under the seal (§7.3.5.1) with the reserved number and its date;
 * the same files whenever it is rendered again for the same document (the seal's signature depends on it).
 */
async function sealedOfdFiles(ctx: DocumentsContext, doc: Document, numbered: Numbered): Promise<RenderedOfd> {
  const source = await ofdSource(ctx, doc);
  // 联合行文: every issuer's 署名 and seal's place (each issuer's seal signs the same layout); a co-issuer reads the
  // names as the lead does, from the co-issuers' rows (jointIssuerNames: it sees only its own row itself).
  const lead = doc.orgId === requireCaller(ctx).orgId;
  const coIssuerNames = !doc.coIssuerIds.length
    ? []
    : lead
      ? (await coIssuerRows(ctx.em, doc.id)).map((r) => r.orgName)
      : await jointIssuerNames(ctx.em, doc.id);
  const laid = { ...source, stamped: true, coIssuerNames, docNumber: numbered.docNumber };
  return renderOfd(laid, ofdInfo(laid, numbered), {
    sealPng: SEAL_PLACE,
    signed: true,
    attachments: source.attachedFiles,
    coSeals: coIssuerNames.length,
  });
}

/**
 * `ofd-to-sign` (the internal API, for the seals service at the second custodian's PIN): Signature.xml of the OFD of
 * the caller's unit's approved, numbered document, and the digest its seal signs. Null where the seal signs no OFD.
 */
export async function ofdToSign(ctx: DocumentsContext, input: { documentId: string; suite: 'RSA' | 'SM2'; signedAt: string }) {
  const caller = requireCaller(ctx);
  if (!isUuid(input.documentId)) throw notFound('Document', input.documentId);
  const doc = await getDocument(ctx.em, input.documentId);
  // 联合行文: a co-issuing unit's seal signs the same OFD as its own signature (Sign_<its position>); no other unit's.
  const coIssuer = doc.orgId === caller.orgId ? null : await lockOwnRow(ctx.em, doc.id, caller.orgId, false);
  if (doc.orgId !== caller.orgId && !coIssuer) throw forbidden('A unit’s seal signs the OFD only of its own documents and those it co-issues');
  if (ctx.deps.ofd === false) return null;
  if (doc.status !== 'APPROVED') throw new YizhanError(DocumentsErrorCode.NOT_APPROVED, 'Only an approved document is stamped', { status: doc.status });
  const reserved = await openReservation(ctx.em, doc.id);
  if (!reserved && coIssuer) {
    throw new YizhanError(DocumentsErrorCode.NOT_NUMBERED, 'The joint document has no 发文字号 from its lead unit yet: stamp it once it has', {
      documentId: doc.id,
    });
  }
  if (!reserved) return null;
  const rendered = await sealedOfdFiles(ctx, doc, {
    id: doc.id,
    docNumber: reserved.doc_number,
    datedAt: new Date(reserved.reserved_at),
    docType: doc.docType,
  });
  const index = coIssuer?.position ?? 0;
  const box = rendered.sealBoxes[index];
  if (!box) return null;
  const { signatureXml, dataHash, propertyInfo } = signatureToSign(rendered.files, {
    suite: input.suite,
    signedAt: new Date(input.signedAt),
    box,
    pageId: rendered.pageIds[box.page] as number,
    index,
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
  signed: NonNullable<Stamp['ofd']> | null,
  coSigned: CoIssuerOfdSignature[] = [],
): Promise<Map<string, Buffer>> {
  const refuse = (changed: string[], issuers?: string[]) =>
    new YizhanError(
      DocumentsErrorCode.OFD_CHANGED,
      `The OFD to be sent is not the one the seal signed (${changed.join(', ')}): nothing was sent. Ask for the stamp again`,
      { changed: changed.slice(0, 20), docNumber: reserved.doc_number, ...(issuers ? { issuers } : {}) },
    );
  // 联合行文: every issuer's signature, the lead's (Sign_0) and each co-issuer's (Sign_<position>), each checked.
  const all = [
    ...(signed ? [{ index: 0, orgName: doc.orgName, ofd: signed }] : []),
    ...coSigned.map((c) => ({ index: c.position, orgName: c.orgName, ofd: c.ofd })),
  ];
  const renumbered = all.filter((s) => s.ofd.docNumber !== reserved.doc_number);
  if (renumbered.length) throw refuse(renumbered.map((s) => `${s.orgName}: 发文字号 ${s.ofd.docNumber} → ${reserved.doc_number}`));
  const rendered = await sealedOfdFiles(ctx, doc, {
    id: doc.id,
    docNumber: reserved.doc_number,
    datedAt: new Date(reserved.reserved_at),
    docType: doc.docType,
  });
  const files = withSignatures(
    rendered.files,
    all.map((s) => ({ index: s.index, signatureXml: Buffer.from(s.ofd.signatureXml, 'base64'), signedValue: Buffer.from(s.ofd.signedValue, 'base64') })),
  );
  // With the CA's trust material: each signature's certificates chained and its time stamp (GB/T 38540) verified.
  const trust = ctx.deps.certificates ? await trustOf(ctx) : undefined;
  const check = verifyOfdSignatures(files, { trust });
  if (!check.valid) {
    const whose = (index: number) => all.find((s) => s.index === index)?.orgName ?? `Sign_${index}`;
    throw refuse(
      check.signatures.filter((s) => !s.valid).flatMap((s) => s.checks.filter((c) => !c.ok).map((c) => `${whose(s.index)}: ${c.reason ?? c.check}`)),
      check.signatures.filter((s) => !s.valid).map((s) => whose(s.index)),
    );
  }
  return files;
}

/** A co-issuer's signature of the joint document's OFD, as its stamp brought it (its 会签's). */
export interface CoIssuerOfdSignature {
  /** Its place in the banner after the lead (1, 2 …): its signature is Sign_<position>. */
  position: number;
  orgName: string;
  ofd: NonNullable<Stamp['ofd']>;
}

/** Renders and stores the sent document's OFD; its SHA-256, or null when it could not be made (the send stands). */
export async function storeSentOfd(
  ctx: DocumentsContext,
  source: OfdSource,
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
