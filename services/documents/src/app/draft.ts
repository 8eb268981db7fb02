// Drafting (DESIGN §3.1): starting a draft in the caller's unit and changing it (or a rejected document), keeping
// every earlier version; the body and attachments are files the unit uploaded, within the size limits.
import type { EntityManager } from '@mikro-orm/postgresql';
import { badInput, badInputSaid, ErrorCode, forbidden, personName, refuseControlCharacters, requireCaller, requireRole, YizhanError } from '@yizhan/common';
import { DocumentsErrorCode } from '@yizhan/contracts/documents';
import { recipientSpec } from '@yizhan/contracts/org';
import type { DocumentsContext } from '../deps.ts';
import { checkRecipientSpecs, cleanDraft, type DraftFields, docTypeProblem, isOrder, prefixProblem, requireStatus } from '../domain/document.ts';
import { fileContentMismatch, fileKindProblem } from '../domain/file-kind.ts';
import { extensionOf } from '../domain/file-name.ts';
import { draftCoIssuers } from '../domain/joint-issue.ts';
import { plannedRecipients } from '../domain/planned-recipients.ts';
import { refuseReportsOf } from '../domain/reply.ts';
import { type Attachment, Document, type DocumentLinkField } from '../entities/Document.ts';
import { DocumentVersion, Upload } from '../entities/History.ts';
import { callerUnit, getDocument } from '../store/documents.ts';
import { declinedByCoIssuer } from './joint-issue.ts';

/** A draft as the client gives it: its elements, its recipients, its attachments (uploaded files) and co-issuers. */
export interface DraftInputData extends DraftFields {
  recipients?: unknown[] | null;
  attachments?: { name: string; sha256: string }[] | null;
  coIssuerIds?: string[] | null;
}

export const EDITABLE = ['DRAFT', 'REJECTED'] as const;

/** The body kept as a file: over a file's limit it is refused naming the body, before anything is written. */
async function storeBody(ctx: DocumentsContext, text: string) {
  const bytes = Buffer.from(text, 'utf8');
  const limit = ctx.deps.settings.files.maxFileBytes;
  if (bytes.length > limit) {
    throw new YizhanError(
      ErrorCode.TOO_LARGE,
      `The body (正文) comes to ${Math.ceil(bytes.length / 1024)} KB, over the ${limit / 1024} KB limit of a file; put long tables and images into attachments`,
      { field: 'body', limitBytes: limit },
    );
  }
  return ctx.deps.blobs.put(bytes);
}

/**
 * A recipient opens an attachment by the name the draft gives it, so that name is held to the content as the upload's
 * was (http/files.ts): a text uploaded as 名单.txt is not attached as 名单.pdf, nor anything as a program. The content is
 * read only when the name's extension differs from the upload's, which passed the same checks.
 */
async function requireContentNamed(ctx: DocumentsContext, name: string, up: Upload, field: string): Promise<void> {
  if (extensionOf(name) === extensionOf(up.filename)) return;
  const content = await ctx.deps.blobs.get(up.sha256);
  if (!content) return;
  const kind = fileKindProblem(name, content);
  if (kind) throw new YizhanError(DocumentsErrorCode.FILE_KIND_REFUSED, kind, { field });
  const mismatch = fileContentMismatch(name, content);
  if (mismatch) throw new YizhanError(DocumentsErrorCode.FILE_CONTENT_MISMATCH, mismatch, { field });
}

/** Resolves attachments against the unit's uploads (or, for a 转发, the original's files it carries by reference) and
 * checks the size limits. */
async function attachmentsOf(
  ctx: DocumentsContext,
  em: EntityManager,
  input: DraftInputData,
  bodySize: number,
  carried: readonly Attachment[] = [],
): Promise<Attachment[]> {
  const caller = requireCaller(ctx);
  const limits = ctx.deps.settings.files;
  const out: Attachment[] = [];
  for (const [i, a] of (input.attachments ?? []).entries()) {
    const name = refuseControlCharacters(a.name.trim(), `attachments[${i}].name`, true);
    if (!name || name.length > 200)
      throw badInput('An attachment needs a name of 1–200 characters', `attachments[${i}].name`, { length: { min: 1, max: 200 } });
    const original = carried.find((c) => c.sha256 === a.sha256);
    if (original) {
      out.push({ ...original, name });
      continue;
    }
    const up = await em.findOne(Upload, { orgId: caller.orgId, sha256: a.sha256 });
    if (!up) throw badInput(`No file ${a.sha256} was uploaded by your unit`, `attachments[${i}].sha256`);
    await requireContentNamed(ctx, name, up, `attachments[${i}].name`);
    out.push({ name, sha256: up.sha256, size: up.size, contentType: up.contentType });
  }
  const total = bodySize + out.reduce((s, a) => s + a.size, 0);
  if (total > limits.maxDocumentBytes) {
    throw new YizhanError(
      ErrorCode.TOO_LARGE,
      `The document and its attachments come to ${Math.ceil(total / 1024)} KB, over the ${limits.maxDocumentBytes / 1024} KB limit; send the large attachments on paper (attachmentsOnPaper) instead`,
      { field: 'attachments', limitBytes: limits.maxDocumentBytes },
    );
  }
  return out;
}

/** The caller's unit's document (FORBIDDEN for another's); `lock` holds its row for the caller's transaction (getDocument). */
export async function ownDraft(ctx: DocumentsContext, em: EntityManager, id: string, lock = false): Promise<Document> {
  const caller = requireCaller(ctx);
  const doc = await getDocument(em, id, lock);
  if (doc.orgId !== caller.orgId) throw forbidden('Only the drafting unit works on a draft');
  return doc;
}

function snapshot(doc: Document) {
  const { id, orgId, orgPath, status, approvalChain, approvalStep, sendKey, sentAt, sentBy, createdAt, ...elements } = doc;
  return elements;
}

/** What a reply, a 转发 or a correction carries from its original into the new draft (app/reply.ts, app/forward.ts,
 * app/correction.ts). */
export type DraftOrigin = Partial<Pick<Document, DocumentLinkField>>;

/** The files a 转发 carries by reference: the original's body (as a file) and its attachments. */
export const carriedFiles = (doc: { forwardOf?: Document['forwardOf'] }): Attachment[] =>
  doc.forwardOf
    ? [
        {
          name: `《${doc.forwardOf.title}》（原件正文）.html`,
          sha256: doc.forwardOf.bodySha256,
          size: doc.forwardOf.bodySize,
          contentType: 'text/html; charset=utf-8',
        },
        ...doc.forwardOf.attachments,
      ]
    : [];

/** Starts a draft in the caller's unit. */
export async function createDraft(
  ctx: DocumentsContext,
  input: DraftInputData,
  origin: DraftOrigin = {},
  opts: { byOaSystem?: boolean } = {},
): Promise<Document> {
  const caller = requireCaller(ctx);
  // The unit's OA system drafts its replies (app/reply.ts decides that); everything else is a drafter's.
  if (!opts.byOaSystem) requireRole(caller, 'DRAFTER');
  const clean = cleanDraft(input);
  if (input.recipients) checkRecipientSpecs(input.recipients as Parameters<typeof checkRecipientSpecs>[0]);
  if (clean.reportDeadline) refuseReportsOf({ replyToOrgId: origin.replyToOrgId, signer: clean.signer }, 'reportDeadline');
  const unit = await callerUnit(ctx);
  const typeBad = docTypeProblem(unit, clean.docType);
  if (typeBad) throw badInputSaid(typeBad, 'docType');
  const prefixBad = clean.docPrefix ? prefixProblem(unit, clean.docType, clean.docPrefix) : null;
  if (prefixBad) throw badInputSaid(prefixBad, 'docPrefix');
  const coIssuerIds = draftCoIssuers(unit.id, input.coIssuerIds ?? []);
  await requireRecipientsKnown(ctx, { docType: clean.docType, recipients: input.recipients ?? [], replyToOrgId: origin.replyToOrgId ?? null });
  const body = await storeBody(ctx, clean.body);
  return ctx.em.transactional(async (em) => {
    const { body: _text, ...elements } = clean;
    const doc = em.create(Document, {
      ...elements,
      id: crypto.randomUUID(),
      orgId: unit.id,
      orgPath: unit.path,
      orgName: unit.name,
      coIssuerIds,
      recipients: input.recipients ?? [],
      bodySha256: body.sha256,
      bodySize: body.size,
      attachments: await attachmentsOf(ctx, em, input, body.size, carriedFiles(origin)),
      approvalChain: null,
      ...origin,
      authorId: caller.userId,
      authorName: personName(caller),
      sendKey: null,
      sentAt: null,
      sentBy: null,
      recipientCount: null,
      docYear: null,
      docSeq: null,
      docNumber: null,
    });
    return doc;
  });
}

/** Changes a draft (or a rejected document); the previous version is kept. */
export async function updateDraft(ctx: DocumentsContext, id: string, input: DraftInputData): Promise<Document> {
  const caller = requireCaller(ctx);
  requireRole(caller, 'DRAFTER');
  const clean = cleanDraft(input);
  if (input.recipients) checkRecipientSpecs(input.recipients as Parameters<typeof checkRecipientSpecs>[0]);
  const coIssuerIds = input.coIssuerIds ? draftCoIssuers(caller.orgId, input.coIssuerIds) : null;
  const body = await storeBody(ctx, clean.body);
  return ctx.em.transactional(async (em) => {
    const doc = await ownDraft(ctx, em, id, true);
    // A joint document a co-issuer declined (会签) comes back for changes, as a rejected one does.
    if (!(await declinedByCoIssuer(em, doc))) requireStatus(doc.status, [...EDITABLE], 'edit');
    if (input.recipients?.length) await requireRecipientsKnown(ctx, { docType: clean.docType, recipients: input.recipients, replyToOrgId: doc.replyToOrgId });
    if (clean.reportDeadline) refuseReportsOf({ replyToOrgId: doc.replyToOrgId, signer: clean.signer }, 'reportDeadline');
    const docType = clean.docType ?? doc.docType;
    if ((clean.docPrefix && clean.docPrefix !== doc.docPrefix) || (isOrder(docType) && docType !== doc.docType)) {
      const unit = await callerUnit(ctx);
      const typeBad = docTypeProblem(unit, docType);
      if (typeBad) throw badInputSaid(typeBad, 'docType');
      const problem = clean.docPrefix ? prefixProblem(unit, docType, clean.docPrefix) : null;
      if (problem) throw badInputSaid(problem, 'docPrefix');
    }
    em.create(DocumentVersion, {
      documentId: doc.id,
      orgPath: doc.orgPath,
      version: doc.version,
      snapshot: snapshot(doc),
      editedBy: caller.userId,
      editedByName: personName(caller),
    } as DocumentVersion);
    const { body: _text, ...elements } = clean;
    Object.assign(doc, elements, {
      bodySha256: body.sha256,
      bodySize: body.size,
      recipients: input.recipients ?? doc.recipients,
      coIssuerIds: coIssuerIds ?? doc.coIssuerIds,
      attachments: input.attachments ? await attachmentsOf(ctx, em, input, body.size, carriedFiles(doc)) : doc.attachments,
      version: doc.version + 1,
      status: 'DRAFT',
      updatedAt: new Date(),
    });
    return doc;
  });
}

/**
 * Before the send, for the drafting unit (its drafter reopening it, its approvers): the units the document's recipients
 * name now, as its send would decide them. Null once sent (its deliveries say it) and for a co-issuing unit, whose
 * routing is not the sender's.
 */
export async function plannedRecipientsOf(ctx: DocumentsContext, doc: Document) {
  const caller = requireCaller(ctx);
  if (doc.status === 'SENT' || doc.orgId !== caller.orgId) return null;
  const none = { orgIds: [], paths: [], names: [], roles: [], printQuotas: [], allowed: [], refusals: [] };
  try {
    return { ...plannedRecipients(doc.recipients.length ? await routedNow(ctx, doc) : none), problem: null };
  } catch (e) {
    // A unit or saved list the draft names that is gone since (a list deleted, a unit closed): said on the draft, not
    // an error that would take the drafter's whole list of drafts with it.
    if (e instanceof YizhanError && RECIPIENT_PROBLEMS.includes(e.code)) return { ...plannedRecipients(none), problem: e.message };
    throw e;
  }
}

/** What org answers of recipients it cannot expand: a unit or list it does not know, a selector out of its range. */
const RECIPIENT_PROBLEMS: string[] = [ErrorCode.NOT_FOUND, ErrorCode.BAD_INPUT];

/** The units a draft's recipients name now, as org routes them. */
const routedNow = (ctx: DocumentsContext, doc: Pick<Document, 'docType' | 'recipients' | 'replyToOrgId'>) =>
  ctx.deps.org.call('recipients', ctx.callerHeader, {
    docType: doc.docType,
    // Stored (or given) as checked by checkRecipientSpecs; read by the org contract's schema.
    recipients: recipientSpec.array().parse(doc.recipients),
    replyToOrgId: doc.replyToOrgId,
  });

/**
 * A draft's recipients name units, selections and saved lists that exist (BAD_INPUT naming recipients otherwise): asked
 * of org as the draft is saved, so that a draft never names what its send and its planned recipients cannot read.
 */
async function requireRecipientsKnown(ctx: DocumentsContext, doc: Pick<Document, 'docType' | 'recipients' | 'replyToOrgId'>): Promise<void> {
  if (!doc.recipients.length) return;
  try {
    await routedNow(ctx, doc);
  } catch (e) {
    if (e instanceof YizhanError && RECIPIENT_PROBLEMS.includes(e.code)) throw badInput(`recipients: ${e.message}`, 'recipients');
    throw e;
  }
}
