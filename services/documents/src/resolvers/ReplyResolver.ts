// 答复, 转发 and 征集/报送 in GraphQL: drafting a reply or a 转发 from a received document, the links both ways on
// Document, and the collection board with its steps (request, return for correction, remind) and its live feed.
// Only maps GraphQL to the use cases in app/reply.ts, app/forward.ts and app/collection.ts.
import { Arg, Ctx, Field, FieldResolver, ID, Int, Mutation, ObjectType, Resolver, Root, Subscription } from 'type-graphql';
import { type ReportBoard as Board, type BoardRow, boardOf, remindReports, reportBoardFeed, requestReports, returnReport } from '../app/collection.ts';
import { draftForward } from '../app/forward.ts';
import type { SubscribeData } from '../app/live-receipts.ts';
import { draftFromProxy, proxyDrafts } from '../app/proxy-draft.ts';
import { draftReply, repliesTo, yourDeliveryOf } from '../app/reply.ts';
import type { DocumentsContext } from '../deps.ts';
import { Attachment, Document } from '../entities/Document.ts';
import { linkedDocuments } from '../store/replies.ts';
import { OrgRef, RecipientSpecInput } from './types.ts';

@ObjectType({ description: 'The original a reply answers or a 转发 carries, as the link shows it (copied when drafted)' })
export class LinkedDocument {
  @Field(() => ID) documentId!: string;
  @Field(() => ID, { description: 'The unit’s delivery of the original' }) deliveryId!: string;
  @Field(() => OrgRef, { description: 'The original’s sender' }) org!: OrgRef;
  @Field(() => String) orgName!: string;
  @Field(() => String) docType!: string;
  @Field(() => String) docNumber!: string;
  @Field(() => String) title!: string;
  @Field(() => Date, { nullable: true }) sentAt!: Date | null;
}

@ObjectType({ description: 'The original’s seal as verified when the 转发 was drafted (GB/T 38540 order, by the seals service)' })
export class CarriedSeal {
  @Field(() => Boolean) stamped!: boolean;
  @Field(() => Boolean) valid!: boolean;
  @Field(() => String) note!: string;
  @Field(() => String, { nullable: true }) signedAt!: string | null;
}

@ObjectType({ description: '转发: the original a notice passes on, carried by reference (its files by SHA-256, nothing uploaded again)' })
export class ForwardedDocument extends LinkedDocument {
  @Field(() => String, { description: 'The original’s body, a file at /blobs/<bodySha256>' }) bodySha256!: string;
  @Field(() => [Attachment]) attachments!: Attachment[];
  @Field(() => CarriedSeal) seal!: CarriedSeal;
}

@ObjectType({ description: '代拟稿: the received document whose Word draft a document was drafted from, and that file' })
export class ProxyDraftSource extends LinkedDocument {
  @Field(() => String, { description: 'The Word draft’s file name' }) file!: string;
}

@ObjectType({ description: '征集/报送: one recipient asked to report' })
export class ReportRow implements BoardRow {
  @Field(() => ID) id!: string;
  @Field(() => ID, { description: 'The recipient’s delivery of the request' }) deliveryId!: string;
  @Field(() => ID) reporterOrgId!: string;
  @Field(() => String) reporterName!: string;
  @Field(() => String, {
    description:
      'PENDING (待报送, before the deadline), MISSING (未报送, past it), REPORTED (已报送), LATE (逾期报送), RETURNED (退回修改), WITHDRAWN (the unit returned the request or it was recalled or corrected: nothing to report on until it is sent again)',
  })
  state!: BoardRow['state'];
  @Field(() => Date) deadline!: Date;
  @Field(() => ID, { nullable: true, description: 'The report: the unit’s latest reply to the request' }) reportDocumentId!: string | null;
  @Field(() => String, { nullable: true }) reportDocNumber!: string | null;
  @Field(() => String, { nullable: true }) reportTitle!: string | null;
  @Field(() => Date, { nullable: true }) reportedAt!: Date | null;
  @Field(() => ID, { nullable: true, description: 'The requesting unit’s own delivery of the report (its copy in the inbox)' })
  reportDeliveryId!: string | null;
  @Field(() => Boolean, { description: 'The requesting unit has signed for the report (or sent it back at 初审): it may be returned for correction' })
  reportSignedFor!: boolean;
  @Field(() => Int, { description: 'Reports sent, resubmissions included' }) submissions!: number;
  @Field(() => Boolean, { description: 'Reported again after a return for correction' }) resubmitted!: boolean;
  @Field(() => Date, { nullable: true }) returnedAt!: Date | null;
  @Field(() => String, { nullable: true, description: 'Who returned it, by name' }) returnedByName!: string | null;
  @Field(() => String, { nullable: true }) returnReason!: string | null;
  @Field(() => Date, { nullable: true }) remindedAt!: Date | null;
  @Field(() => Int) reminders!: number;
}

@ObjectType({ description: '征集/报送: the collection board of a request (a reporter sees its own row only)' })
export class ReportBoard implements Board {
  @Field(() => ID) documentId!: string;
  @Field(() => String) title!: string;
  @Field(() => String, { nullable: true }) docNumber!: string | null;
  @Field(() => Date, { nullable: true }) deadline!: Date | null;
  @Field(() => String, { nullable: true }) note!: string | null;
  @Field(() => Date, { nullable: true }) requestedAt!: Date | null;
  @Field(() => Int) total!: number;
  @Field(() => Int) reported!: number;
  @Field(() => Int) late!: number;
  @Field(() => Int) pending!: number;
  @Field(() => Int) missing!: number;
  @Field(() => Int) returned!: number;
  @Field(() => Int, { description: 'Units that no longer hold the request (WITHDRAWN): not reminded' }) withdrawn!: number;
  @Field(() => [ReportRow]) rows!: ReportRow[];
  @Field(() => String, { nullable: true, description: 'The last event counted (live board)' }) cursor!: string | null;
}

const linked = (l: NonNullable<Document['replyTo']>): LinkedDocument => ({
  ...l,
  org: { id: l.orgId },
  sentAt: l.sentAt ? new Date(l.sentAt) : null,
});

@Resolver(() => Document)
export class ReplyResolver {
  @FieldResolver(() => LinkedDocument, { nullable: true, description: '答复: the document this one answers' })
  replyTo(@Root() doc: Document): LinkedDocument | null {
    return doc.replyTo ? linked(doc.replyTo) : null;
  }

  @FieldResolver(() => [Document], { description: '答复: replies to this document you may see (your unit’s, or those sent to you)' })
  async replies(@Root() doc: Document, @Ctx() ctx: DocumentsContext) {
    return repliesTo(ctx.em, doc);
  }

  @FieldResolver(() => ID, {
    nullable: true,
    description:
      'Your unit’s delivery of this document, when it was sent to your unit (its copy in the inbox): where a link to another unit’s reply or 转发 leads',
  })
  async yourDeliveryId(@Root() doc: Document, @Ctx() ctx: DocumentsContext): Promise<string | null> {
    return yourDeliveryOf(ctx, doc.id);
  }

  @FieldResolver(() => ForwardedDocument, { nullable: true, description: '转发: the original this notice passes on' })
  forwardOf(@Root() doc: Document): ForwardedDocument | null {
    return doc.forwardOf ? { ...doc.forwardOf, ...linked(doc.forwardOf) } : null;
  }

  @FieldResolver(() => ProxyDraftSource, { nullable: true, description: '代拟稿: the received document whose Word draft this one was drafted from' })
  draftedFrom(@Root() doc: Document): ProxyDraftSource | null {
    return doc.draftedFrom ? { ...doc.draftedFrom, ...linked(doc.draftedFrom) } : null;
  }

  @FieldResolver(() => [Document], { description: '代拟稿: the documents your unit drafted from this one’s Word draft' })
  async proxyDrafts(@Root() doc: Document, @Ctx() ctx: DocumentsContext) {
    return proxyDrafts(ctx, doc);
  }

  @FieldResolver(() => [Document], { description: '转发: notices passing this document on that you may see' })
  async forwards(@Root() doc: Document, @Ctx() ctx: DocumentsContext) {
    return linkedDocuments(ctx.em, doc.id, 'forward');
  }

  @FieldResolver(() => ReportBoard, {
    nullable: true,
    description: '征集/报送: the collection board when the document asked for reports (the sender sees every recipient, a recipient its own row)',
  })
  async reportBoard(@Root() doc: Document, @Ctx() ctx: DocumentsContext) {
    return doc.reportDeadline ? boardOf(ctx.em, doc) : null;
  }

  @Mutation(() => Document, {
    description:
      '答复: draft a reply to a document your unit signed for: 主送 its sender, 文种 and title prefilled (请示 → 批复, 通知 → 报告/复函, 函 → 复函); then approve and send it as usual',
  })
  async draftReply(
    @Arg('deliveryId', () => ID) deliveryId: string,
    @Arg('docType', () => String, { nullable: true }) docType: string | undefined,
    @Arg('title', () => String, { nullable: true }) title: string | undefined,
    @Arg('body', () => String, { nullable: true }) body: string | undefined,
    @Arg('docPrefix', () => String, { nullable: true }) docPrefix: string | undefined,
    @Arg('signer', () => String, { nullable: true, description: '签发人 (a reply sent upward names one)' }) signer: string | undefined,
    @Ctx() ctx: DocumentsContext,
  ) {
    return draftReply(ctx, deliveryId, { docType, title, body, docPrefix, signer });
  }

  @Mutation(() => Document, {
    description:
      '转发: draft your unit’s notice “关于转发《…》的通知” passing a document it signed for on to the units named, carrying the original (body, attachments, seal verification) by reference; then approve, stamp and send it as usual',
  })
  async draftForward(
    @Arg('deliveryId', () => ID) deliveryId: string,
    @Arg('recipients', () => [RecipientSpecInput]) recipients: RecipientSpecInput[],
    @Arg('title', () => String, { nullable: true }) title: string | undefined,
    @Arg('body', () => String, { nullable: true }) body: string | undefined,
    @Arg('docPrefix', () => String, { nullable: true }) docPrefix: string | undefined,
    @Ctx() ctx: DocumentsContext,
  ) {
    return draftForward(ctx, deliveryId, { recipients, title, body, docPrefix });
  }

  @Mutation(() => Document, {
    description:
      '代拟稿: start your unit’s draft from the Word draft (.docx) a unit sent with a document your unit signed for, to be issued in your unit’s name: its text, its title and 主送 where it opens with them, the 文种 its title ends with, linked to that document; then choose the recipients, approve, stamp and send it as usual',
  })
  async draftFromProxy(
    @Arg('deliveryId', () => ID) deliveryId: string,
    @Arg('attachmentSha256', () => String, { description: 'The Word draft among the document’s attachments' }) attachmentSha256: string,
    @Ctx() ctx: DocumentsContext,
  ) {
    return draftFromProxy(ctx, deliveryId, attachmentSha256);
  }

  @Mutation(() => ReportBoard, {
    description: '征集: ask the recipients of a document your unit sent to report by a deadline (again: moves the deadline); each report is a reply to it',
  })
  async requestReports(
    @Arg('documentId', () => ID) documentId: string,
    @Arg('deadline', () => Date) deadline: Date,
    @Arg('note', () => String, { nullable: true }) note: string | undefined,
    @Ctx() ctx: DocumentsContext,
  ) {
    return requestReports(ctx, documentId, deadline, note ?? null);
  }

  @Mutation(() => ReportBoard, { description: '征集: send a unit’s report back for correction, with the reason; its next reply resubmits it' })
  async returnReport(
    @Arg('documentId', () => ID) documentId: string,
    @Arg('reporterOrgId', () => ID) reporterOrgId: string,
    @Arg('reason', () => String) reason: string,
    @Ctx() ctx: DocumentsContext,
  ) {
    return returnReport(ctx, documentId, reporterOrgId, reason);
  }

  @Mutation(() => ReportBoard, {
    description: '催报: remind every unit that has not reported (or was asked to correct): in-app, and SMS and webhook to its registered contacts',
  })
  async remindReports(
    @Arg('documentId', () => ID) documentId: string,
    @Arg('note', () => String, { nullable: true }) note: string | undefined,
    @Ctx() ctx: DocumentsContext,
  ) {
    return remindReports(ctx, documentId, note ?? null);
  }

  @Subscription(() => ReportBoard, {
    description: '征集/报送: the collection board of one document, at once and again whenever a report arrives, is returned or reminded',
    subscribe: (data) => reportBoardFeed(data as unknown as SubscribeData),
  })
  reportBoardChanged(@Root() board: ReportBoard, @Arg('documentId', () => ID) _documentId: string): ReportBoard {
    return board;
  }
}
