// A document's canonical content: what a seal's stamp signs and what verification compares (DESIGN §2 "Crypto").
// Every element of GB/T 9704 that the sender sets, and the SHA-256 of the body and of each attachment, read again
// from the store — a changed byte in a stored file changes the content, whatever the database says.
// The 发文字号 is not part of it: it is allocated by the send, after the seal (as a number is stamped on paper later).
// In store/, not domain/: it reads the files back from the blob store.

import { canonicalBytes } from '@yizhan/common';
import { type BlobStore, sha256Hex } from '@yizhan/kernel';
import type { Document } from '../entities/Document.ts';

export async function canonicalContent(doc: Document, blobs: BlobStore): Promise<Uint8Array> {
  const digestOf = async (sha: string) => {
    const content = await blobs.get(sha);
    return content ? sha256Hex(content) : `missing:${sha}`;
  };
  return canonicalBytes({
    version: 1,
    documentId: doc.id,
    orgId: doc.orgId,
    orgName: doc.orgName,
    coIssuerIds: doc.coIssuerIds,
    docType: doc.docType,
    docPrefix: doc.docPrefix,
    title: doc.title,
    signer: doc.signer,
    // An order's 签发人职务, printed with it; absent (not null) where there is none, so that every other document's
    // content, and every order's made before posts were kept, reads as it always has.
    ...(doc.signerPost ? { signerPost: doc.signerPost } : {}),
    mainTo: doc.mainTo,
    ccTo: doc.ccTo,
    recipients: doc.recipients,
    body: await digestOf(doc.bodySha256),
    attachments: await Promise.all(doc.attachments.map(async (a) => ({ name: a.name, sha256: await digestOf(a.sha256), size: a.size }))),
    attachmentsOnPaper: doc.attachmentsOnPaper,
    paperNote: doc.paperNote,
    signatureLine: doc.signatureLine,
    docDate: doc.docDate,
    notes: doc.notes,
    printingOrg: doc.printingOrg,
    printingDate: doc.printingDate,
    urgency: doc.urgency,
    isTelegram: doc.isTelegram,
    deadline: doc.deadline ? new Date(doc.deadline).toISOString() : null,
  });
}

/**
 * The SHA-256 of the document's OFD 版式 file as it is kept now, read again from the store (issue 18): null for a
 * document sent without one; `missing:<sha256>` when the store no longer has it. Not part of the canonical content
 * above (the stamp and the approvals sign that before the OFD exists): receipts carry it beside it (`ofdDigest`).
 */
export async function keptOfdDigest(doc: Pick<Document, 'ofdSha256'>, blobs: BlobStore): Promise<string | null> {
  if (!doc.ofdSha256) return null;
  const ofd = await blobs.get(doc.ofdSha256);
  return ofd ? sha256Hex(ofd) : `missing:${doc.ofdSha256}`;
}
