// 纸质补录 (issue 20; seed 003 §45, 001 §31): the use cases are in app/paper-records.ts; here they meet GraphQL.
import { Arg, Ctx, Field, ID, InputType, Int, Mutation, ObjectType, Query, Resolver, registerEnumType } from 'type-graphql';
import { paperRecords, recordPaperDocument } from '../app/paper-records.ts';
import type { DocumentsContext } from '../deps.ts';
import { PaperDirection } from '../domain/paper-records.ts';

registerEnumType(PaperDirection, { name: 'PaperDirection', description: 'RECEIVED (收到的纸质公文) or SENT (发出的纸质公文)' });

@ObjectType({ description: '纸质补录: a document received or sent on paper (during an outage), recorded afterwards by the unit’s clerk' })
export class PaperRecord {
  @Field(() => ID)
  id!: string;
  @Field(() => PaperDirection)
  direction!: PaperDirection;
  @Field(() => String, { description: '来文单位 (received) or 主送单位 (sent)' })
  counterpartName!: string;
  @Field(() => String, { description: '文号' })
  docNumber!: string;
  @Field(() => String)
  title!: string;
  @Field(() => String, { description: '文种, empty when not given' })
  docType!: string;
  @Field(() => Date, { description: '收到时间 or 发出时间, on paper' })
  paperAt!: Date;
  @Field(() => String, { nullable: true, description: 'The scan’s SHA-256 (a file the unit uploaded)' })
  scanSha256!: string | null;
  @Field(() => String, { nullable: true })
  scanName!: string | null;
  @Field(() => String, { nullable: true, description: 'Which outage, in the clerk’s words' })
  outageNote!: string | null;
  @Field(() => String, { description: 'Who recorded it, by name' })
  recordedByName!: string;
  @Field(() => Date)
  recordedAt!: Date;
  @Field(() => Int, { nullable: true, description: '收文编号 a received paper document took in the 收文登记簿' })
  intakeNumber!: number | null;
  @Field(() => Int, { nullable: true })
  intakeYear!: number | null;
}

@InputType()
export class PaperRecordInput {
  @Field(() => PaperDirection)
  direction!: PaperDirection;
  @Field(() => String, { description: '来文单位 (received) or 主送单位 (sent), 1–100 characters' })
  counterpartName!: string;
  @Field(() => String, { description: '文号, 1–60 characters' })
  docNumber!: string;
  @Field(() => String, { description: '标题, 1–200 characters' })
  title!: string;
  @Field(() => String, { nullable: true, description: '文种, optional' })
  docType?: string | null;
  @Field(() => Date, { description: '收到时间 or 发出时间: in the past, within a year' })
  paperAt!: Date;
  @Field(() => String, { nullable: true, description: 'The SHA-256 of a scan your unit uploaded (POST /blobs), optional' })
  scanSha256?: string | null;
  @Field(() => String, { nullable: true, description: 'Which outage, optional, at most 500 characters' })
  outageNote?: string | null;
}

@Resolver()
export class PaperRecordResolver {
  @Mutation(() => PaperRecord, {
    description:
      '纸质补录: record a document your unit received or sent on paper during an outage (your unit’s clerk). A received one takes the next 收文编号 and an entry in the 收文登记簿 marked 纸质补录',
  })
  async recordPaperDocument(@Arg('input', () => PaperRecordInput) input: PaperRecordInput, @Ctx() ctx: DocumentsContext) {
    return recordPaperDocument(ctx, input);
  }

  @Query(() => [PaperRecord], {
    description:
      'Your unit’s 纸质补录 records, newest paper time first; by direction and paper time (from inclusive, to exclusive). For those who read the register',
  })
  async paperRecords(
    @Arg('direction', () => PaperDirection, { nullable: true }) direction: PaperDirection | undefined,
    @Arg('from', () => Date, { nullable: true }) from: Date | undefined,
    @Arg('to', () => Date, { nullable: true }) to: Date | undefined,
    @Ctx() ctx: DocumentsContext,
  ) {
    return paperRecords(ctx, { direction: direction ?? null, from: from ?? null, to: to ?? null });
  }
}
