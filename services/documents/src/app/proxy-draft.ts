// 代拟稿 (seed 001 §12: 县政府各部门报送县政府要求以县政府或县政府办公室名义发文的公文，要将部门代拟稿…的WORD文稿
// 和版式档案同时…上报): a unit asked to issue a document in its own name receives the asking unit's Word draft as an
// attachment of what it signed for. Its drafter starts its own draft from that file: the text imported from the .docx
// (app/word-import.ts), its title and 主送 where it opens with them, the 文种 its title ends with (domain/proxy-draft.ts),
// linked to the received document. It is then approved, stamped, numbered and sent as any document of the unit.
import { badInput, ErrorCode, notFound, requireCaller, requireRole, YizhanError } from '@yizhan/common';
import type { DocumentsContext } from '../deps.ts';
import { prefixesFor } from '../domain/document.ts';
import { proxyDraftFields } from '../domain/proxy-draft.ts';
import type { Document } from '../entities/Document.ts';
import { callerUnit } from '../store/documents.ts';
import { proxyDraftsOf } from '../store/replies.ts';
import { createDraft } from './draft.ts';
import { linkOf, signedForDelivery } from './reply.ts';
import { importWordBody } from './word-import.ts';

export async function draftFromProxy(ctx: DocumentsContext, deliveryId: string, attachmentSha256: string): Promise<Document> {
  const caller = requireCaller(ctx);
  requireRole(caller, 'DRAFTER');
  const { delivery, original } = await signedForDelivery(ctx, deliveryId, 'drafts from');
  const file = original.attachments.find((a) => a.sha256 === attachmentSha256);
  if (!file) throw notFound('Attachment', attachmentSha256);
  const bytes = await ctx.deps.blobs.get(file.sha256);
  if (!bytes) throw new YizhanError(ErrorCode.INTERNAL, `${file.name} is missing from the document store`);
  let imported: Awaited<ReturnType<typeof importWordBody>>;
  try {
    imported = await importWordBody(caller, bytes);
  } catch (e) {
    // The import refuses what is not a readable .docx naming its upload ('file'); here the file is the attachment chosen.
    if (e instanceof YizhanError && e.code === ErrorCode.BAD_INPUT) throw badInput(`${file.name}: ${e.message}`, 'attachmentSha256');
    throw e;
  }
  const unit = await callerUnit(ctx);
  const fields = proxyDraftFields(imported, file.name);
  return createDraft(
    ctx,
    {
      ...fields,
      body: imported.body,
      // A 简报 (…的简报) under the unit's first 刊名; anything else under its first 机关代字.
      docPrefix: prefixesFor(unit, fields.docType)[0] ?? null,
      signatureLine: unit.name,
      recipients: [],
    },
    { draftedFrom: { ...linkOf(delivery, original), file: file.name } },
  );
}

/** 代拟稿, the other way: what the caller's unit drafted from this document's Word draft (shown beside the received document). */
export const proxyDrafts = (ctx: DocumentsContext, doc: Document) => proxyDraftsOf(ctx.em, doc.id, requireCaller(ctx).orgId);
