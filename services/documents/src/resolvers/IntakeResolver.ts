// 签收 and the 收文登记簿 (条例 第二十四条: 签收, 登记): the use cases are in app/sign-for.ts and app/intake-register.ts;
// here they meet GraphQL. The register's CSV and PDF are served over HTTP (http/intake-register.ts).
import { PageInfo } from '@yizhan/kernel';
import { Arg, Ctx, Field, FieldResolver, ID, Int, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { type IntakeEntryView, intakeOfDelivery, intakeRegister } from '../app/intake-register.ts';
import { signForDelivery } from '../app/sign-for.ts';
import type { DocumentsContext } from '../deps.ts';
import { Delivery } from '../entities/Delivery.ts';
import { UrgencyEnum } from './enums.ts';
import { OwnSignatureInput } from './types.ts';

@ObjectType({ description: 'An entry of a unit’s 收文登记簿: what it signed for, numbered per year' })
export class IntakeEntry implements IntakeEntryView {
  @Field(() => ID)
  id!: string;
  @Field(() => ID, { nullable: true, description: 'The delivery signed for; none for a 纸质补录 entry' })
  deliveryId!: string | null;
  @Field(() => ID, { nullable: true, description: 'None for a 纸质补录 entry' })
  documentId!: string | null;
  @Field(() => Boolean, { description: '纸质补录: received on paper (during an outage) and recorded afterwards' })
  paper!: boolean;
  @Field(() => ID, { nullable: true, description: 'The paper record of a 纸质补录 entry' })
  paperRecordId!: string | null;
  @Field(() => Int)
  year!: number;
  @Field(() => Int, { description: '收文编号: the unit’s own number, from 1 each year, without gaps' })
  intakeNumber!: number;
  @Field(() => String, { description: '收文编号 as printed, e.g. 收〔2026〕12号' })
  number!: string;
  @Field(() => ID, { nullable: true, description: 'None for a 纸质补录 entry (the 来文单位 is as the clerk wrote it)' })
  senderOrgId!: string | null;
  @Field(() => String, { description: '来文单位' })
  senderName!: string;
  @Field(() => String, { description: '文号 (the sender’s 发文字号)' })
  docNumber!: string;
  @Field(() => String)
  title!: string;
  @Field(() => String, { description: '文种' })
  docType!: string;
  @Field(() => UrgencyEnum)
  urgency!: string;
  @Field(() => Int, { description: '份数: the copies the unit may print' })
  copies!: number;
  @Field(() => Date, { description: '接收时间' })
  receivedAt!: Date;
  @Field(() => Date, { description: '收文时间 (签收); for a 纸质补录 entry, when it arrived on paper' })
  signedAt!: Date;
  @Field(() => String)
  signedByName!: string;
  @Field(() => String, { nullable: true, description: '承办: who handles it (the unit’s handling fills it)' })
  handlerName!: string | null;
  @Field(() => String, { description: '办理情况 as a code: REGISTERED, CLOSED (more as handling grows)' })
  handlingStatus!: string;
  @Field(() => String, { description: '办理情况 in words, kept current' })
  handling!: string;
}

@ObjectType({ description: 'A page of the 收文登记簿, newest 收文编号 first' })
export class IntakeRegisterPage {
  @Field(() => [IntakeEntry])
  nodes!: IntakeEntry[];
  @Field(() => Int, { description: 'Matching the year, period and text' })
  totalCount!: number;
  @Field(() => PageInfo)
  pageInfo!: PageInfo;
}

@Resolver(() => Delivery)
export class IntakeResolver {
  @Mutation(() => Delivery, {
    description:
      '签收: your unit’s clerk (or its OA system) accepts a delivery after checking sender, seal and format; it gets the unit’s next 收文编号 and an entry in its 收文登记簿. Implies the receipt (接收) if nothing came before. Once only (ALREADY_SIGNED); the alternative is returnDelivery',
  })
  async signForDelivery(
    @Arg('id', () => ID) id: string,
    @Ctx() ctx: DocumentsContext,
    @Arg('ownSignature', () => OwnSignatureInput, {
      nullable: true,
      description:
        'The receipt from receiptToSign and your signature over it with your identity certificate’s key: the receipt then carries it beside your unit’s',
    })
    ownSignature?: OwnSignatureInput | null,
    @Arg('signedByThere', () => String, {
      nullable: true,
      description:
        'For the exchange of a peer platform (its stand-in’s API token) only: who signed for it on the other platform, as that platform names them (1–50 characters); the 签收 names them, with the platform',
    })
    signedByThere?: string | null,
  ) {
    return signForDelivery(ctx, id, ownSignature ?? null, signedByThere ?? null);
  }

  @Query(() => IntakeRegisterPage, {
    description:
      'Your unit’s 收文登记簿 for a year, newest first; narrowed by 收文时间 (from inclusive, to exclusive) and by text in the title, 文号 or 来文单位. For clerks, leaders, supervisors and administrators. CSV and PDF: GET /blobs?register=intake&year=…&format=csv|pdf',
  })
  async intakeRegister(
    @Arg('year', () => Int) year: number,
    @Arg('search', () => String, { nullable: true }) search: string | undefined,
    @Arg('from', () => Date, { nullable: true }) from: Date | undefined,
    @Arg('to', () => Date, { nullable: true }) to: Date | undefined,
    @Arg('first', () => Int, { defaultValue: 50 }) first: number,
    @Arg('after', () => String, { nullable: true }) after: string | undefined,
    @Ctx() ctx: DocumentsContext,
  ): Promise<IntakeRegisterPage> {
    return intakeRegister(ctx, { year, search: search?.trim() || null, from: from ?? null, to: to ?? null }, first, after);
  }

  @FieldResolver(() => IntakeEntry, {
    nullable: true,
    description: 'This delivery’s entry in your unit’s 收文登记簿, once signed for (to those who read the register; the sender sees none)',
  })
  async intake(@Root() d: Delivery, @Ctx() ctx: DocumentsContext): Promise<IntakeEntry | null> {
    if (!d.signedAt) return null;
    return intakeOfDelivery(ctx, d.id);
  }
}
