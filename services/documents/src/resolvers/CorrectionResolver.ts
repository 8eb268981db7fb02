// 修改后重发 in GraphQL: drafting the corrected version of a sent document for the units that returned it, and the
// links both ways on Document (what a correction corrects, with the returns it answers; a document's corrections).
// Only maps GraphQL to the use cases in app/correction.ts.
import { requireCaller } from '@yizhan/common';
import { Arg, Ctx, Field, FieldResolver, ID, Int, Mutation, ObjectType, Resolver, Root } from 'type-graphql';
import { correctionLinkFor, correctionsOf, draftCorrection } from '../app/correction.ts';
import type { DocumentsContext } from '../deps.ts';
import { DeliveryStatusEnum, RecipientRoleEnum } from '../domain/enums.ts';
import { Document } from '../entities/Document.ts';

@ObjectType({ description: '修改后重发: a returned delivery a correction answers, with the reason it came back with' })
export class CorrectedReturn {
  @Field(() => ID, { description: 'The original delivery' }) deliveryId!: string;
  @Field(() => ID) recipientOrgId!: string;
  @Field(() => String) recipientName!: string;
  @Field(() => RecipientRoleEnum) role!: 'MAIN' | 'CC';
  @Field(() => Int) printQuota!: number;
  @Field(() => DeliveryStatusEnum, { description: 'RETURNED (退回) or RESEND_REQUESTED (请求重发) when the correction was drafted' }) status!: string;
  @Field(() => String, { nullable: true, description: 'The 初审 finding of the return (or CANNOT_RECEIVE)' }) reason!: string | null;
  @Field(() => String, { nullable: true }) note!: string | null;
  @Field(() => Date, { nullable: true }) returnedAt!: Date | null;
}

@ObjectType({ description: '修改后重发: the original a corrected document replaces for the units that returned it' })
export class CorrectionLink {
  @Field(() => ID) documentId!: string;
  @Field(() => String) docType!: string;
  @Field(() => String, { nullable: true }) docNumber!: string | null;
  @Field(() => String) title!: string;
  @Field(() => Date, { nullable: true }) sentAt!: Date | null;
  @Field(() => [CorrectedReturn], { description: 'The returns it answers: all of them for the sending unit, its own for a recipient' })
  returns!: CorrectedReturn[];
}

@Resolver(() => Document)
export class CorrectionResolver {
  @FieldResolver(() => CorrectionLink, { nullable: true, description: '修改后重发: the document this one corrects, and the returns it answers' })
  correctionOf(@Root() doc: Document, @Ctx() ctx: DocumentsContext): CorrectionLink | null {
    const link = correctionLinkFor(requireCaller(ctx), doc);
    if (!link) return null;
    return {
      ...link,
      sentAt: link.sentAt ? new Date(link.sentAt) : null,
      returns: link.returns.map((r) => ({ ...r, returnedAt: r.returnedAt ? new Date(r.returnedAt) : null })),
    };
  }

  @FieldResolver(() => [Document], { description: '修改后重发: corrected versions of this document you may see (your unit’s drafts too)' })
  async corrections(@Root() doc: Document, @Ctx() ctx: DocumentsContext) {
    return correctionsOf(ctx.em, doc);
  }

  @Mutation(() => Document, {
    description:
      '修改后重发: draft the corrected version of a document your unit sent, for the units whose deliveries came back (退回 or 请求重发): ' +
      'title, body, attachments and elements prefilled, those units its recipients, linked to the original; then approve, stamp and send it as usual. ' +
      'Its send marks each of those deliveries RESENT, linked to the new one, its reason kept',
  })
  async draftCorrection(@Arg('deliveryIds', () => [ID]) deliveryIds: string[], @Ctx() ctx: DocumentsContext) {
    return draftCorrection(ctx, deliveryIds);
  }
}
