// 信息管理 (seed 003 第八章): information a unit's people publish in a 栏目 once a leader approves it, to the audience
// its author chose; what is sent back its author changes and submits again. Each field maps to its use case.
import { Arg, Ctx, Field, ID, InputType, Int, Mutation, ObjectType, Query, Resolver } from 'type-graphql';
import {
  approveInformation,
  type InformationView,
  information,
  informationImage,
  informationItems,
  informationReturnedOf,
  rejectInformation,
  resubmitInformation,
  submitInformation,
  withdrawInformation,
} from '../app/information.ts';
import type { OrgContext } from '../deps.ts';

@ObjectType({ description: 'An image of a 信息 (PNG, JPEG or GIF, at most 500 KB: seed 003 §33(二)); its bytes through informationImage' })
export class InformationImage {
  @Field(() => ID)
  id!: string;
  @Field(() => String)
  name!: string;
  @Field(() => String, { description: 'image/png, image/jpeg or image/gif, as its bytes are' })
  contentType!: string;
  @Field(() => Int, { description: 'Bytes' })
  size!: number;
}

@ObjectType({ description: 'An image of a 信息 with its bytes' })
export class InformationImageContent extends InformationImage {
  @Field(() => String)
  base64!: string;
}

@InputType({ description: 'An image submitted with a 信息: PNG, JPEG or GIF, at most 500 KB' })
export class InformationImageInput {
  @Field(() => String, { description: '1–100 characters, one line' })
  name!: string;
  @Field(() => String, { description: 'The image’s bytes, base64' })
  base64!: string;
}

@ObjectType({ description: 'One round of a 信息: submitted, sent back (退回), submitted again, approved or taken down, with who and when' })
export class InformationStep {
  @Field(() => String, { description: 'SUBMIT, RETURN (退回), RESUBMIT (修改后重新报送), APPROVE (审批发布) or WITHDRAW (撤下)' })
  action!: string;
  @Field(() => String, { nullable: true, description: 'Why it was sent back or taken down; null otherwise' })
  words!: string | null;
  @Field(() => String)
  byName!: string;
  @Field(() => Date)
  at!: Date;
}

@ObjectType({ description: '信息: an item a unit published in a 栏目 once approved (seed 003 §30–33)' })
export class InformationItem {
  @Field(() => ID)
  id!: string;
  @Field(() => ID, { description: 'The publishing unit' })
  orgId!: string;
  @Field(() => String)
  orgName!: string;
  @Field(() => String, { description: '栏目: WORK_NEWS 工作动态, NOTICES 通知公告, POLICIES 政策法规, EXPERIENCE 经验交流' })
  column!: string;
  @Field(() => String)
  columnName!: string;
  @Field(() => String)
  title!: string;
  @Field(() => String, { description: 'Plain text; paragraphs separated by blank lines' })
  body!: string;
  @Field(() => String, { description: 'UNIT (the unit), SUBTREE (the unit and those below it) or PEOPLE (named people of the unit)' })
  audience!: string;
  @Field(() => [String], { description: 'The people named as its readers, by name: shown within the publishing unit only' })
  viewerNames!: string[];
  @Field(() => [ID], { description: 'The same people by id (for its author changing it): shown within the publishing unit only' })
  viewerIds!: string[];
  @Field(() => String, { description: 'PENDING (awaiting approval), PUBLISHED, REJECTED or WITHDRAWN' })
  status!: string;
  @Field(() => String)
  authorName!: string;
  @Field(() => Date, { description: 'When it was submitted, or last submitted again after a 退回' })
  submittedAt!: Date;
  @Field(() => String, { nullable: true })
  decidedByName!: string | null;
  @Field(() => Date, { nullable: true })
  decidedAt!: Date | null;
  @Field(() => String, { nullable: true, description: 'Why it was sent back (this round’s; earlier ones are in its steps)' })
  decisionNote!: string | null;
  @Field(() => Date, { nullable: true })
  publishedAt!: Date | null;
  @Field(() => String, { nullable: true })
  withdrawnByName!: string | null;
  @Field(() => Date, { nullable: true })
  withdrawnAt!: Date | null;
  @Field(() => String, { nullable: true, description: 'Why it was taken down' })
  withdrawnReason!: string | null;
  @Field(() => Boolean, { description: 'You submitted it' })
  mine!: boolean;
  @Field(() => Boolean, { description: 'You may approve or send it back' })
  mayApprove!: boolean;
  @Field(() => Boolean, { description: 'You may take it down (or, sent back to you, drop it)' })
  mayWithdraw!: boolean;
  @Field(() => Boolean, { description: 'Sent back to you, its author: you may change it and submit it again' })
  mayResubmit!: boolean;
  @Field(() => [InformationStep], {
    description: 'Its rounds, oldest first, for its author, the unit’s approvers and those who may take it down; empty for its readers',
  })
  steps!: InformationStep[];
  @Field(() => [InformationImage], { description: 'Its images, in order' })
  images!: InformationImage[];
}

@InputType({ description: 'Information submitted for approval' })
export class InformationInput {
  @Field(() => String, { description: 'WORK_NEWS, NOTICES, POLICIES or EXPERIENCE' })
  column!: string;
  @Field(() => String, { description: '1–100 characters, one line' })
  title!: string;
  @Field(() => String, { description: '1–10,000 characters' })
  body!: string;
  @Field(() => String, { description: 'UNIT, SUBTREE or PEOPLE' })
  audience!: string;
  @Field(() => [ID], { nullable: true, description: 'For PEOPLE: 1–200 active people of your own unit' })
  viewerIds?: string[] | null;
  @Field(() => [InformationImageInput], { nullable: true, description: 'Up to 9 images, in order' })
  images?: InformationImageInput[] | null;
}

@Resolver(() => InformationItem)
export class InformationResolver {
  @Query(() => [InformationItem], { description: 'Information you may read, newest first: published to you, your own, and your unit’s awaiting your approval' })
  async informationItems(
    @Arg('column', () => String, { nullable: true }) column: string | null,
    @Arg('status', () => String, { nullable: true }) status: string | null,
    @Ctx() ctx: OrgContext,
  ): Promise<InformationView[]> {
    return informationItems(ctx, column, status);
  }

  @Query(() => Int, {
    nullable: true,
    description:
      'Your items sent back to you (退回) and waiting for your change (nullable: asked beside other services’ counts, it never takes theirs down with it)',
  })
  async informationReturned(@Ctx() ctx: OrgContext): Promise<number> {
    return informationReturnedOf(ctx);
  }

  @Query(() => InformationItem)
  async information(@Arg('id', () => ID) id: string, @Ctx() ctx: OrgContext): Promise<InformationView> {
    return information(ctx, id);
  }

  @Query(() => InformationImageContent, { description: 'An image of a 信息 you may read, with its bytes' })
  async informationImage(@Arg('id', () => ID) id: string, @Ctx() ctx: OrgContext): Promise<InformationImageContent> {
    return informationImage(ctx, id);
  }

  @Mutation(() => InformationItem, { description: 'Submits information for your unit’s approval' })
  async submitInformation(@Arg('input', () => InformationInput) input: InformationInput, @Ctx() ctx: OrgContext): Promise<InformationView> {
    return submitInformation(ctx, input);
  }

  @Mutation(() => InformationItem, { description: 'Approves it: it is published (a leader or section head of the unit, not its author)' })
  async approveInformation(@Arg('id', () => ID) id: string, @Ctx() ctx: OrgContext): Promise<InformationView> {
    return approveInformation(ctx, id);
  }

  @Mutation(() => InformationItem, { description: 'Sends it back to its author with the reason' })
  async rejectInformation(@Arg('id', () => ID) id: string, @Arg('reason', () => String) reason: string, @Ctx() ctx: OrgContext): Promise<InformationView> {
    return rejectInformation(ctx, id, reason);
  }

  @Mutation(() => InformationItem, {
    description: '修改后重新报送: its author changes an item sent back to her and submits it again for approval (checked as a new one)',
  })
  async resubmitInformation(
    @Arg('id', () => ID) id: string,
    @Arg('input', () => InformationInput) input: InformationInput,
    @Ctx() ctx: OrgContext,
  ): Promise<InformationView> {
    return resubmitInformation(ctx, id, input);
  }

  @Mutation(() => InformationItem, {
    description: 'Takes it down, saying why (its author, or an administrator or leader of the unit or above; one sent back, its author only)',
  })
  async withdrawInformation(
    @Arg('id', () => ID) id: string,
    @Arg('reason', () => String, { description: 'Why: one line, at most 200 characters' }) reason: string,
    @Ctx() ctx: OrgContext,
  ): Promise<InformationView> {
    return withdrawInformation(ctx, id, reason);
  }
}
