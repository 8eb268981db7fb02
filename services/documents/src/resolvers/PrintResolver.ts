// Printing a delivered document (seed 001 §11) and raising a recipient's print quota: the use cases are in
// app/print.ts; here they meet GraphQL.
import { badInput, requireCaller } from '@yizhan/common';
import { Arg, Ctx, Field, FieldResolver, ID, Int, Mutation, ObjectType, Resolver, Root } from 'type-graphql';
import { docDateOf } from '../app/doc-date.ts';
import { nextCopyPreview, printDelivery, printsOf, raisePrintQuota, requestPrintCopies } from '../app/print.ts';
import type { DocumentsContext } from '../deps.ts';
import { Delivery } from '../entities/Delivery.ts';
import { Document } from '../entities/Document.ts';

@ObjectType({ description: 'One printed copy' })
export class PrintedCopy {
  @Field(() => Int, { description: '份号' })
  copyNumber!: number;
  @Field(() => Boolean, { description: 'Within the print quota: red header and seal; beyond it: a copy without legal force' })
  withinQuota!: boolean;
  @Field(() => String, { description: 'Download it at /blobs/<pdfSha256>' })
  pdfSha256!: string;
  @Field(() => String)
  printedByName!: string;
  @Field(() => Date)
  printedAt!: Date;
}

@Resolver(() => Delivery)
export class PrintResolver {
  @FieldResolver(() => [PrintedCopy], { description: 'Every copy printed of this delivery' })
  async prints(@Root() d: Delivery, @Ctx() ctx: DocumentsContext): Promise<PrintedCopy[]> {
    return printsOf(ctx, d.id);
  }

  @FieldResolver(() => Int, {
    nullable: true,
    description:
      '预览: the 份号 your next print of this delivery would carry now (another recipient’s print may take it first); null when you would not print it (the sending or a supervising unit, a recipient’s other roles before 签收, a delivery returned, resent or recalled)',
  })
  async nextCopyNumber(@Root() d: Delivery, @Ctx() ctx: DocumentsContext): Promise<number | null> {
    return nextCopyPreview(ctx, d);
  }

  @Mutation(() => PrintedCopy, { description: 'Print a delivered document: the next 份号, with red header and seal while within the quota' })
  async printDelivery(@Arg('id', () => ID) id: string, @Ctx() ctx: DocumentsContext): Promise<PrintedCopy> {
    return printDelivery(ctx, id);
  }

  @Mutation(() => Delivery, {
    description: '追加列印份数: ask the sending unit for more copies within the quota (the receiving unit’s clerk), how many and why',
  })
  async requestPrintCopies(
    @Arg('id', () => ID) id: string,
    @Arg('copies', () => Int) copies: number,
    @Arg('reason', () => String) reason: string,
    @Ctx() ctx: DocumentsContext,
  ): Promise<Delivery> {
    return requestPrintCopies(ctx, id, copies, reason);
  }

  @Mutation(() => Delivery, { description: 'Raise a recipient’s print quota (the sending unit only); answers its request for more copies' })
  async raisePrintQuota(@Arg('id', () => ID) id: string, @Arg('quota', () => Int) quota: number, @Ctx() ctx: DocumentsContext) {
    requireCaller(ctx);
    if (!Number.isInteger(quota) || quota < 1 || quota > 100) throw badInput('The quota is a whole number from 1 to 100', 'quota');
    return raisePrintQuota(ctx, id, quota);
  }
}

@Resolver(() => Document)
export class DocumentDateResolver {
  @FieldResolver(() => String, {
    nullable: true,
    description:
      '成文日期 as the print, the OFD and the sheet show it (YYYY-MM-DD): docDate when the drafter set one, else the Beijing date of the 签发 (the final approval; a joint document’s lead’s, whose date every issuer’s seal signs in the OFD); null before the 签发. docDate stays the drafter’s value.',
  })
  async effectiveDocDate(@Root() doc: Document, @Ctx() ctx: DocumentsContext): Promise<string | null> {
    requireCaller(ctx);
    return docDateOf(ctx.em, doc);
  }
}
