// Drafting, approval and sending (DESIGN §3.1), and reading documents. The use cases are in app/draft.ts,
// app/approve.ts, app/send.ts and app/receive.ts (reading the body); here they meet GraphQL.
import { badInput, requireCaller } from '@yizhan/common';
import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { approvalToSign, approveDocument, rejectDocument, submitForApproval } from '../app/approve.ts';
import { documentTitles } from '../app/document-titles.ts';
import { createDraft, plannedRecipientsOf, updateDraft } from '../app/draft.ts';
import { readBody } from '../app/receive.ts';
import { sendDocument } from '../app/send.ts';
import type { DocumentsContext } from '../deps.ts';
import { DELIVERY_STATUSES } from '../domain/delivery.ts';
import { DOCUMENT_STATUSES, statusFilter } from '../domain/document.ts';
import { Delivery } from '../entities/Delivery.ts';
import { Document } from '../entities/Document.ts';
import { ApprovalStep, DocumentVersion } from '../entities/History.ts';
import { approvalsOf, deliveriesOf, deliveryCounts, getDocument, listDocuments, searchDocuments, versionsOf } from '../store/documents.ts';
import { DeliveryStats, DocumentTitle, DraftInput, OrgRef, OwnSignatureInput, PlannedRecipients } from './types.ts';

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
    return listDocuments(ctx.em, caller.orgId, statusFilter(status, DOCUMENT_STATUSES), first);
  }

  @Query(() => [DocumentTitle], {
    description: 'Documents and deliveries by id, by title and 发文字号, as far as your unit may see them (what audit entries were about); at most 200 ids',
  })
  async documentTitles(@Arg('ids', () => [ID]) ids: string[], @Ctx() ctx: DocumentsContext) {
    return documentTitles(ctx, ids);
  }

  @Query(() => [Document], { description: 'Documents visible to your unit whose title or 发文字号 contains the text' })
  async searchDocuments(@Arg('text', () => String) text: string, @Ctx() ctx: DocumentsContext) {
    requireCaller(ctx);
    const q = text.trim();
    if (!q || q.length > 100) throw badInput('Search text must be 1–100 characters', 'text', { length: { min: 1, max: 100 } });
    return searchDocuments(ctx.em, q);
  }

  @FieldResolver(() => String, {
    description: '正文. For a recipient, reading it is opening the document: the first read is the receipt (接收); before 签收 only its clerks read it',
  })
  async body(@Root() doc: Document, @Ctx() ctx: DocumentsContext): Promise<string> {
    return readBody(ctx, doc);
  }

  @FieldResolver(() => OrgRef)
  org(@Root() doc: Document): OrgRef {
    return { id: doc.orgId };
  }

  @FieldResolver(() => [Delivery], { description: 'Every recipient’s delivery, for the sender and the units above it' })
  async deliveries(@Root() doc: Document, @Arg('status', () => String, { nullable: true }) status: string | undefined, @Ctx() ctx: DocumentsContext) {
    return deliveriesOf(ctx.em, doc, requireCaller(ctx), statusFilter(status, DELIVERY_STATUSES));
  }

  @FieldResolver(() => DeliveryStats, { nullable: true })
  async deliveryStats(@Root() doc: Document, @Ctx() ctx: DocumentsContext): Promise<DeliveryStats | null> {
    if (doc.status !== 'SENT') return null;
    return deliveryCounts(ctx.em, doc.id);
  }

  @FieldResolver(() => PlannedRecipients, {
    nullable: true,
    description: 'Before the send, for the drafting unit: the units its recipients name now, as the routing rules decide them (null once sent: see deliveries)',
  })
  async plannedRecipients(@Root() doc: Document, @Ctx() ctx: DocumentsContext): Promise<PlannedRecipients | null> {
    return plannedRecipientsOf(ctx, doc);
  }

  @FieldResolver(() => [DocumentVersion], { description: 'Earlier versions of the draft (drafting unit only)' })
  async versions(@Root() doc: Document, @Ctx() ctx: DocumentsContext) {
    return versionsOf(ctx.em, doc.id);
  }

  @FieldResolver(() => [ApprovalStep], { description: 'Submission, approvals and rejections, in order (drafting unit only)' })
  async approvals(@Root() doc: Document, @Ctx() ctx: DocumentsContext) {
    return approvalsOf(ctx.em, doc.id);
  }

  @Mutation(() => Document, { description: 'Start a draft in your unit' })
  async createDraft(@Arg('input', () => DraftInput) input: DraftInput, @Ctx() ctx: DocumentsContext) {
    return createDraft(ctx, input);
  }

  @Mutation(() => Document, { description: 'Change a draft (or a rejected document); the previous version is kept' })
  async updateDraft(@Arg('id', () => ID) id: string, @Arg('input', () => DraftInput) input: DraftInput, @Ctx() ctx: DocumentsContext) {
    return updateDraft(ctx, id, input);
  }

  @Mutation(() => Document, {
    description: 'Send the draft up the unit’s approval chain (seed 000 §11). A 签发人 it names is a leader of the unit (SIGNER_NOT_LEADER)',
  })
  async submitForApproval(@Arg('id', () => ID) id: string, @Ctx() ctx: DocumentsContext) {
    return submitForApproval(ctx, id);
  }

  @Mutation(() => Document, {
    description:
      'Approve the current step; the last approval (签发) makes the document ready to send, and is the named 签发人’s own (NOT_NAMED_SIGNER for another leader). Signed with your unit’s key for you; with ownSignature, by you too',
  })
  async approveDocument(
    @Arg('id', () => ID) id: string,
    @Arg('comment', () => String, { nullable: true }) comment: string | undefined,
    @Ctx() ctx: DocumentsContext,
    @Arg('ownSignature', () => OwnSignatureInput, {
      nullable: true,
      description:
        'The approval from approvalToSign (with the same comment) and your signature over it with your identity certificate’s key: the approval then carries it beside your unit’s',
    })
    ownSignature?: OwnSignatureInput | null,
    @Arg('step', () => Int, {
      nullable: true,
      description:
        'The step (0-based) the approver saw: given, an approval of a document that moved on meanwhile (another approved that step, or a double click) is refused STEP_MOVED',
    })
    step?: number | null,
  ) {
    return approveDocument(ctx, id, comment ?? null, ownSignature ?? null, step ?? null);
  }

  @Query(() => String, {
    description:
      'The approval your step of a draft would make now with this comment (审批, or 签发 at the last step), for you to sign with your own identity certificate’s key (the canonical JSON, signed as UTF-8): it names you. Good for ten minutes; give it with its signature to approveDocument(ownSignature). Only for a step you may approve now',
  })
  async approvalToSign(
    @Arg('documentId', () => ID) documentId: string,
    @Arg('comment', () => String, { nullable: true }) comment: string | undefined,
    @Ctx() ctx: DocumentsContext,
  ) {
    return approvalToSign(ctx, documentId, comment ?? null);
  }

  @Mutation(() => Document, { description: 'Reject at the current step: the draft returns to its author with the reason' })
  async rejectDocument(@Arg('id', () => ID) id: string, @Arg('comment', () => String) comment: string, @Ctx() ctx: DocumentsContext) {
    return rejectDocument(ctx, id, comment);
  }

  @Mutation(() => Document, {
    description:
      'Send an approved document: numbers it (or uses the 发文字号 its stamp’s request took) and delivers it to every recipient unit in one transaction. Retrying with the same sendKey does nothing twice. ' +
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
