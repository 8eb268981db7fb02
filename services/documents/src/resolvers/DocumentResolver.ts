// Drafting, approval and sending (DESIGN §3.1), and reading documents.
import type { EntityManager } from '@mikro-orm/postgresql';
import { badInput, ErrorCode, forbidden, hasRole, isWithin, requireCaller, requireRole, YizhanError } from '@yizhan/common';
import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { DocumentsContext } from '../deps.ts';
import { cleanDraft, nextApproval, requireStatus } from '../domain/document.ts';
import { Delivery } from '../entities/Delivery.ts';
import { Attachment, Document } from '../entities/Document.ts';
import { ApprovalStep, DocumentVersion, Upload } from '../entities/History.ts';
import { recordReceipt } from '../receipts.ts';
import { sendDocument } from '../send.ts';
import { callerUnit, deliveryCounts, getDocument, isUuid, likeEscape, rows } from '../store.ts';
import { DeliveryStats, DraftInput, OrgRef } from './types.ts';

const EDITABLE = ['DRAFT', 'REJECTED'] as const;

/** Resolves attachments against the unit's uploads and checks the size limits. */
async function attachmentsOf(ctx: DocumentsContext, em: EntityManager, input: DraftInput, bodySize: number): Promise<Attachment[]> {
  const caller = requireCaller(ctx);
  const limits = ctx.deps.settings.files;
  const out: Attachment[] = [];
  for (const [i, a] of (input.attachments ?? []).entries()) {
    const name = a.name.trim();
    if (!name || name.length > 200) throw badInput('An attachment needs a name of 1–200 characters', `attachments[${i}].name`);
    const up = await em.findOne(Upload, { orgId: caller.orgId, sha256: a.sha256 });
    if (!up) throw badInput(`No file ${a.sha256} was uploaded by your unit`, `attachments[${i}].sha256`);
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

async function ownDraft(ctx: DocumentsContext, em: EntityManager, id: string): Promise<Document> {
  const caller = requireCaller(ctx);
  const doc = await getDocument(em, id);
  if (doc.orgId !== caller.orgId) throw forbidden('Only the drafting unit works on a draft');
  return doc;
}

function snapshot(doc: Document) {
  const { id, orgId, orgPath, status, approvalChain, approvalStep, sendKey, sentAt, sentBy, createdAt, ...elements } = doc;
  return elements;
}

async function recordStep(
  em: EntityManager,
  ctx: DocumentsContext,
  doc: Document,
  action: ApprovalStep['action'],
  role: string | null,
  comment: string | null,
) {
  const caller = requireCaller(ctx);
  em.create(ApprovalStep, {
    documentId: doc.id,
    orgPath: doc.orgPath,
    step: doc.approvalStep,
    role,
    action,
    userId: caller.userId,
    userName: caller.username,
    comment,
  } as ApprovalStep);
}

@Resolver(() => Document)
export class DocumentResolver {
  @Query(() => Document, { description: 'A document your unit drafted or sent, or one delivered to it' })
  async document(@Arg('id', () => ID) id: string, @Ctx() ctx: DocumentsContext) {
    requireCaller(ctx);
    return getDocument(ctx.em, id);
  }

  @Query(() => [Document], { description: 'Your unit’s documents, newest first' })
  async documents(
    @Arg('status', () => String, { nullable: true }) status: string | undefined,
    @Arg('first', () => Int, { defaultValue: 50 }) first: number,
    @Ctx() ctx: DocumentsContext,
  ) {
    const caller = requireCaller(ctx);
    if (first < 1 || first > 200) throw badInput('first must be between 1 and 200', 'first');
    return ctx.em.find(
      Document,
      { orgId: caller.orgId, ...(status ? { status: status as Document['status'] } : {}) },
      { orderBy: { updatedAt: 'desc' }, limit: first },
    );
  }

  @Query(() => [Document], { description: 'Documents visible to your unit whose title or 发文字号 contains the text' })
  async searchDocuments(@Arg('text', () => String) text: string, @Ctx() ctx: DocumentsContext) {
    requireCaller(ctx);
    const q = text.trim();
    if (!q || q.length > 100) throw badInput('Search text must be 1–100 characters', 'text');
    const like = `%${likeEscape(q)}%`;
    return rows(ctx.em, Document, 'select * from documents.documents where title ilike ? or doc_number ilike ? order by updated_at desc limit 50', [
      like,
      like,
    ]);
  }

  @FieldResolver(() => String, { description: '正文. For a recipient, reading it is opening the document: the first read is the receipt (签收)' })
  async body(@Root() doc: Document, @Ctx() ctx: DocumentsContext): Promise<string> {
    const caller = requireCaller(ctx);
    if (doc.orgId !== caller.orgId) {
      const [delivery] = (await ctx.em.execute('select id from documents.deliveries where document_id = ? and recipient_org_id = ?', [
        doc.id,
        caller.orgId,
      ])) as { id: string }[];
      if (delivery) await ctx.em.transactional((em) => recordReceipt(em as EntityManager, caller, delivery.id, 'OPEN'));
    }
    const blob = await ctx.deps.blobs.get(doc.bodySha256);
    if (!blob) throw new YizhanError(ErrorCode.INTERNAL, 'The body of this document is missing from the blob store');
    return blob.toString('utf8');
  }

  @FieldResolver(() => OrgRef)
  org(@Root() doc: Document): OrgRef {
    return { id: doc.orgId };
  }

  @FieldResolver(() => [Delivery], { description: 'Every recipient’s delivery, for the sender and the units above it' })
  async deliveries(@Root() doc: Document, @Arg('status', () => String, { nullable: true }) status: string | undefined, @Ctx() ctx: DocumentsContext) {
    const caller = requireCaller(ctx);
    // Recipients see their own delivery only; the sender's side sees them all (row-level security enforces both).
    const own = isWithin(doc.orgPath, caller.orgPath);
    const where: Record<string, unknown> = { documentId: doc.id, ...(status ? { status } : {}), ...(own ? {} : { recipientOrgId: caller.orgId }) };
    return ctx.em.find(Delivery, where, { orderBy: { recipientPath: 'asc' } });
  }

  @FieldResolver(() => DeliveryStats, { nullable: true })
  async deliveryStats(@Root() doc: Document, @Ctx() ctx: DocumentsContext): Promise<DeliveryStats | null> {
    if (doc.status !== 'SENT') return null;
    return deliveryCounts(ctx.em, doc.id);
  }

  @FieldResolver(() => [DocumentVersion], { description: 'Earlier versions of the draft (drafting unit only)' })
  async versions(@Root() doc: Document, @Ctx() ctx: DocumentsContext) {
    return ctx.em.find(DocumentVersion, { documentId: doc.id }, { orderBy: { version: 'asc' } });
  }

  @FieldResolver(() => [ApprovalStep], { description: 'Submission, approvals and rejections, in order (drafting unit only)' })
  async approvals(@Root() doc: Document, @Ctx() ctx: DocumentsContext) {
    return ctx.em.find(ApprovalStep, { documentId: doc.id }, { orderBy: { id: 'asc' } });
  }

  @Mutation(() => Document, { description: 'Start a draft in your unit' })
  async createDraft(@Arg('input', () => DraftInput) input: DraftInput, @Ctx() ctx: DocumentsContext) {
    const caller = requireCaller(ctx);
    requireRole(caller, 'DRAFTER');
    const clean = cleanDraft(input);
    const unit = await callerUnit(ctx);
    if (clean.docPrefix && !unit.docPrefixes.includes(clean.docPrefix)) throw badInput(`${clean.docPrefix} is not a 机关代字 of ${unit.name}`, 'docPrefix');
    const body = await ctx.deps.blobs.put(Buffer.from(clean.body, 'utf8'));
    return ctx.em.transactional(async (em) => {
      const { body: _text, ...elements } = clean;
      const doc = em.create(Document, {
        ...elements,
        id: crypto.randomUUID(),
        orgId: unit.id,
        orgPath: unit.path,
        orgName: unit.name,
        coIssuerIds: (input.coIssuerIds ?? []).filter(isUuid),
        recipients: input.recipients ?? [],
        bodySha256: body.sha256,
        bodySize: body.size,
        attachments: await attachmentsOf(ctx, em, input, body.size),
        approvalChain: null,
        authorId: caller.userId,
        authorName: caller.username,
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

  @Mutation(() => Document, { description: 'Change a draft (or a rejected document); the previous version is kept' })
  async updateDraft(@Arg('id', () => ID) id: string, @Arg('input', () => DraftInput) input: DraftInput, @Ctx() ctx: DocumentsContext) {
    const caller = requireCaller(ctx);
    requireRole(caller, 'DRAFTER');
    const clean = cleanDraft(input);
    const body = await ctx.deps.blobs.put(Buffer.from(clean.body, 'utf8'));
    return ctx.em.transactional(async (em) => {
      const doc = await ownDraft(ctx, em, id);
      requireStatus(doc.status, [...EDITABLE], 'edit');
      if (clean.docPrefix && clean.docPrefix !== doc.docPrefix) {
        const unit = await callerUnit(ctx);
        if (!unit.docPrefixes.includes(clean.docPrefix)) throw badInput(`${clean.docPrefix} is not a 机关代字 of ${unit.name}`, 'docPrefix');
      }
      em.create(DocumentVersion, {
        documentId: doc.id,
        orgPath: doc.orgPath,
        version: doc.version,
        snapshot: snapshot(doc),
        editedBy: caller.userId,
        editedByName: caller.username,
      } as DocumentVersion);
      const { body: _text, ...elements } = clean;
      Object.assign(doc, elements, {
        bodySha256: body.sha256,
        bodySize: body.size,
        recipients: input.recipients ?? doc.recipients,
        coIssuerIds: input.coIssuerIds ? input.coIssuerIds.filter(isUuid) : doc.coIssuerIds,
        attachments: input.attachments ? await attachmentsOf(ctx, em, input, body.size) : doc.attachments,
        version: doc.version + 1,
        status: 'DRAFT',
        updatedAt: new Date(),
      });
      return doc;
    });
  }

  @Mutation(() => Document, { description: 'Send the draft up the unit’s approval chain (seed 000 §11)' })
  async submitForApproval(@Arg('id', () => ID) id: string, @Ctx() ctx: DocumentsContext) {
    const caller = requireCaller(ctx);
    requireRole(caller, 'DRAFTER');
    const unit = await callerUnit(ctx);
    return ctx.em.transactional(async (em) => {
      const doc = await ownDraft(ctx, em, id);
      requireStatus(doc.status, [...EDITABLE], 'submit');
      doc.approvalChain = unit.approvalChain;
      doc.approvalStep = 0;
      doc.status = 'IN_APPROVAL';
      await recordStep(em, ctx, doc, 'SUBMITTED', null, null);
      return doc;
    });
  }

  @Mutation(() => Document, { description: 'Approve the current step; the last approval makes the document ready to send' })
  async approveDocument(
    @Arg('id', () => ID) id: string,
    @Arg('comment', () => String, { nullable: true }) comment: string | undefined,
    @Ctx() ctx: DocumentsContext,
  ) {
    const caller = requireCaller(ctx);
    return ctx.em.transactional(async (em) => {
      const doc = await ownDraft(ctx, em, id);
      requireStatus(doc.status, ['IN_APPROVAL'], 'approve');
      const role = doc.approvalChain?.[doc.approvalStep] as string;
      if (!hasRole(caller, role as 'APPROVER')) throw forbidden(`This step needs a ${role}`);
      if (doc.authorId === caller.userId) throw forbidden('The author of a document does not approve it');
      await recordStep(em, ctx, doc, 'APPROVED', role, comment?.trim() || null);
      const next = nextApproval(doc.approvalChain ?? [], doc.approvalStep);
      if (next.done) doc.status = 'APPROVED';
      else doc.approvalStep += 1;
      return doc;
    });
  }

  @Mutation(() => Document, { description: 'Reject at the current step: the draft returns to its author with the reason' })
  async rejectDocument(@Arg('id', () => ID) id: string, @Arg('comment', () => String) comment: string, @Ctx() ctx: DocumentsContext) {
    const caller = requireCaller(ctx);
    const why = comment.trim();
    if (!why) throw badInput('Say why the document is rejected', 'comment');
    return ctx.em.transactional(async (em) => {
      const doc = await ownDraft(ctx, em, id);
      requireStatus(doc.status, ['IN_APPROVAL'], 'reject');
      const role = doc.approvalChain?.[doc.approvalStep] as string;
      if (!hasRole(caller, role as 'APPROVER')) throw forbidden(`This step needs a ${role}`);
      await recordStep(em, ctx, doc, 'REJECTED', role, why);
      doc.status = 'REJECTED';
      return doc;
    });
  }

  @Mutation(() => Document, {
    description:
      'Send an approved document: numbers it and delivers it to every recipient unit in one transaction. Retrying with the same sendKey does nothing twice. ' +
      'If any recipient is refused by a routing rule nothing is sent, unless skipRefused is set.',
  })
  async sendDocument(
    @Arg('id', () => ID) id: string,
    @Arg('sendKey', () => String, { description: 'Idempotency key chosen by the client, e.g. a UUID' }) sendKey: string,
    @Arg('skipRefused', () => Boolean, { defaultValue: false }) skipRefused: boolean,
    @Ctx() ctx: DocumentsContext,
  ) {
    return sendDocument(ctx, id, sendKey, skipRefused);
  }
}
