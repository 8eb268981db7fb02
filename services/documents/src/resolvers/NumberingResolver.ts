// 登记 before 用印 (issue 18): the unit's 发文登记簿 and 撤回 of an approved document; the use cases are in
// app/numbering.ts, here they meet GraphQL.
import { Arg, Ctx, Field, FieldResolver, ID, Int, Mutation, ObjectType, Query, Resolver, Root, registerEnumType } from 'type-graphql';
import { docNumberRegister, reservedNumberOf, withdrawApproval } from '../app/numbering.ts';
import type { DocumentsContext } from '../deps.ts';
import { Document } from '../entities/Document.ts';

const DocNumberStatus = { SENT: 'SENT', RESERVED: 'RESERVED', VOIDED: 'VOIDED' } as const;
registerEnumType(DocNumberStatus, {
  name: 'DocNumberStatus',
  description: 'SENT (已发), RESERVED (已登记待发: taken for the stamp, not yet sent), VOIDED (作废: never sent, never reused)',
});

@ObjectType({ description: '发文登记簿: one 发文字号 of the unit, sent, reserved or voided' })
export class DocNumberEntry {
  @Field(() => String, { description: '发文字号' })
  docNumber!: string;
  @Field(() => String, { description: '机关代字' })
  prefix!: string;
  @Field(() => Int)
  year!: number;
  @Field(() => Int, { description: '序号: gapless per 机关代字 and year' })
  seq!: number;
  @Field(() => DocNumberStatus)
  status!: keyof typeof DocNumberStatus;
  @Field(() => ID)
  documentId!: string;
  @Field(() => String, { description: 'The document’s title when it took the number (sent: as sent)' })
  title!: string;
  @Field(() => Date, { description: 'Sent at, reserved at, or voided at' })
  at!: Date;
  @Field(() => String, { nullable: true, description: '作废: why' })
  voidReason!: string | null;
  @Field(() => String, { nullable: true, description: '作废: by whom' })
  voidedByName!: string | null;
  @Field(() => Date, { description: '编号时间: when the number was taken (the stamp’s request, or the send for a unit without a seal)' })
  numberedAt!: Date;
  @Field(() => Date, { nullable: true, description: '发出时间: sent numbers only' })
  sentAt!: Date | null;
  @Field(() => String, { nullable: true, description: '经办人: who asked for the stamp that numbered it (none when the send numbered it)' })
  numberedByName!: string | null;
  @Field(() => String, { nullable: true, description: '主送 as the document states it (as sent, for a sent number)' })
  mainTo!: string | null;
  @Field(() => String, {
    nullable: true,
    description: '经办人 by name, as the printed register shows it: who voided it, who asked for the stamp that numbered it, or who sent it',
  })
  handlerName!: string | null;
}

@Resolver()
export class NumberingResolver {
  @Query(() => [DocNumberEntry], {
    description:
      '发文登记簿: every 发文字号 the caller’s unit took in a year (optionally of one 机关代字), in order — sent, reserved for a stamped document not yet sent, or voided (作废) with the reason. Clerks, administrators and leaders.',
  })
  docNumberRegister(
    @Arg('year', () => Int) year: number,
    @Arg('prefix', () => String, { nullable: true }) prefix: string | null,
    @Ctx() ctx: DocumentsContext,
  ) {
    return docNumberRegister(ctx, year, prefix ?? null);
  }

  @Mutation(() => Document, {
    description:
      '撤回: the drafting unit takes its approved, unsent document back to draft, with the reason. A 发文字号 it took for its stamp is voided (作废) with that reason.',
  })
  withdrawApproval(@Arg('id', () => ID) id: string, @Arg('reason', () => String) reason: string, @Ctx() ctx: DocumentsContext) {
    return withdrawApproval(ctx, id, reason);
  }
}

@Resolver(() => Document)
export class ReservedNumberResolver {
  @FieldResolver(() => String, {
    nullable: true,
    description:
      '已登记待发: the 发文字号 an approved document took for its stamp while it waits to be sent (docNumber once sent); null otherwise. The preview the seal keepers and the clerk check shows it.',
  })
  reservedDocNumber(@Root() doc: Document, @Ctx() ctx: DocumentsContext): Promise<string | null> {
    return reservedNumberOf(ctx, doc);
  }
}
