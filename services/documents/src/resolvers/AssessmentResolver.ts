// 考核评比 (seed 004 四(一)): the use cases are in app/assessment.ts, the rules in domain/assessment.ts; here they meet
// GraphQL.
import { Arg, Ctx, Field, Float, ID, InputType, Int, Mutation, ObjectType, Query, Resolver } from 'type-graphql';
import {
  assessmentsOfCaller,
  createAssessment,
  discardAssessment,
  draftAssessmentDocument,
  getAssessment,
  publishAssessment,
  recomputeAssessment,
  setAssessmentAdjustment,
} from '../app/assessment.ts';
import type { DocumentsContext } from '../deps.ts';
import { DEFAULT_WEIGHTS } from '../domain/assessment.ts';
import { Document } from '../entities/Document.ts';

@ObjectType({ description: 'Points out of 100 per indicator; they add up to 100' })
export class AssessmentWeights {
  @Field(() => Int, { description: '签收及时率: deliveries signed for by their due time among those due' })
  sign!: number;
  @Field(() => Int, { description: '接收及时率: deliveries first opened by their due time among those due' })
  receipt!: number;
  @Field(() => Int, { description: '报送及时率: reports sent by their deadline among those asked' })
  report!: number;
  @Field(() => Int, { description: '公文交换电子化率: documents received and sent on the network among all, paper included' })
  electronic!: number;
}

@InputType()
export class AssessmentWeightsInput {
  @Field(() => Int, { defaultValue: DEFAULT_WEIGHTS.sign })
  sign!: number;
  @Field(() => Int, { defaultValue: DEFAULT_WEIGHTS.receipt })
  receipt!: number;
  @Field(() => Int, { defaultValue: DEFAULT_WEIGHTS.report })
  report!: number;
  @Field(() => Int, { defaultValue: DEFAULT_WEIGHTS.electronic })
  electronic!: number;
}

@InputType()
export class AssessmentInput {
  @Field(() => String, { description: 'e.g. 2026年第四季度电子公文工作考核评比' })
  title!: string;
  @Field(() => Date)
  from!: Date;
  @Field(() => Date, { description: 'The moment after the period (exclusive)' })
  to!: Date;
  @Field(() => AssessmentWeightsInput, { nullable: true, description: 'Default: 签收 40, 接收 20, 报送 25, 电子化 15' })
  weights?: AssessmentWeightsInput | null;
}

@InputType()
export class AssessmentAdjustmentInput {
  @Field(() => Float, { description: 'From -30 to +10, in tenths at most, not 0' })
  points!: number;
  @Field(() => String)
  reason!: string;
}

@ObjectType({ description: '加减分: points added to or taken off a unit’s score, with the reason and who did it' })
export class AssessmentAdjustment {
  @Field(() => Float)
  points!: number;
  @Field(() => String)
  reason!: string;
  @Field(() => String)
  byName!: string;
  @Field(() => Date)
  at!: Date;
}

@ObjectType({ description: 'One unit’s result: its rates of the period, the score from them, its adjustment, score, grade and place' })
export class AssessmentResult {
  @Field(() => ID)
  orgId!: string;
  @Field(() => String)
  name!: string;
  @Field(() => Float, { nullable: true, description: 'null when nothing was due to be signed for' })
  signRate!: number | null;
  @Field(() => Int)
  signDue!: number;
  @Field(() => Float, { nullable: true })
  receiptRate!: number | null;
  @Field(() => Int)
  receiptDue!: number;
  @Field(() => Float, { nullable: true })
  reportRate!: number | null;
  @Field(() => Int)
  reportsDue!: number;
  @Field(() => Float, { nullable: true })
  electronicRate!: number | null;
  @Field(() => Int, { description: 'Documents received and sent, paper included' })
  exchanged!: number;
  @Field(() => Float, { nullable: true, description: 'From the rates by the weights (an indicator with nothing to rate left out)' })
  baseScore!: number | null;
  @Field(() => AssessmentAdjustment, { nullable: true })
  adjustment!: AssessmentAdjustment | null;
  @Field(() => Float, {
    nullable: true,
    description: 'The base score plus or minus the adjustment, not below 0 (a bonus may take it past 100); null when the unit had nothing to score',
  })
  score!: number | null;
  @Field(() => String, { nullable: true, description: 'EXCELLENT (优秀, from 90), GOOD (良好, 80), PASS (合格, 60) or FAIL (不合格)' })
  grade!: string | null;
  @Field(() => Int, { nullable: true, description: '1 for the best; equal scores share a place' })
  rank!: number | null;
}

@ObjectType({ description: '考核评比: a unit’s scoring of the units below it for a period, a draft until published' })
export class Assessment {
  @Field(() => ID)
  id!: string;
  @Field(() => ID, { description: 'The assessing unit' })
  orgId!: string;
  @Field(() => String)
  orgName!: string;
  @Field(() => String)
  title!: string;
  @Field(() => Date)
  periodFrom!: Date;
  @Field(() => Date)
  periodTo!: Date;
  @Field(() => AssessmentWeights)
  weights!: AssessmentWeights;
  @Field(() => [AssessmentResult], { description: 'The best first; the units with nothing to score last' })
  results!: AssessmentResult[];
  @Field(() => Date, { description: 'When the figures were counted' })
  computedAt!: Date;
  @Field(() => String)
  createdByName!: string;
  @Field(() => Date)
  createdAt!: Date;
  @Field(() => Date, { nullable: true, description: 'null while a draft' })
  publishedAt!: Date | null;
  @Field(() => String, { nullable: true })
  publishedByName!: string | null;
  @Field(() => String, { nullable: true, description: 'Download the published result as PDF at /blobs/<pdfSha256>' })
  pdfSha256!: string | null;
}

@Resolver()
export class AssessmentResolver {
  @Query(() => [Assessment], {
    description:
      '考核评比: your unit’s assessments and those published by the units above it, newest first. Drafts are read by supervisors, administrators and leaders; a published one by anyone of the units it scored',
  })
  async assessments(@Ctx() ctx: DocumentsContext) {
    return assessmentsOfCaller(ctx);
  }

  @Query(() => Assessment, { description: 'One assessment your unit may read' })
  async assessment(@Arg('id', () => ID) id: string, @Ctx() ctx: DocumentsContext) {
    return getAssessment(ctx, id);
  }

  @Mutation(() => Assessment, {
    description:
      'Score the units below your unit for a period from the platform’s figures, by the weights given; a draft. The same title, period and weights again give the draft made before, counted again. NOTHING_TO_ASSESS when no unit below had anything in the period (or there is none). Supervisors and administrators',
  })
  async createAssessment(@Arg('input', () => AssessmentInput) input: AssessmentInput, @Ctx() ctx: DocumentsContext) {
    const w = input.weights;
    return createAssessment(ctx, {
      title: input.title,
      from: input.from,
      to: input.to,
      weights: w ? { sign: w.sign, receipt: w.receipt, report: w.report, electronic: w.electronic } : null,
    });
  }

  @Mutation(() => Assessment, { description: 'Count a draft’s figures again as they are now; its adjustments stay' })
  async recomputeAssessment(@Arg('id', () => ID) id: string, @Ctx() ctx: DocumentsContext) {
    return recomputeAssessment(ctx, id);
  }

  @Mutation(() => Assessment, { description: '加减分: add points to or take them off a unit’s score in a draft, with the reason; null takes them away' })
  async setAssessmentAdjustment(
    @Arg('id', () => ID) id: string,
    @Arg('orgId', () => ID) orgId: string,
    @Arg('adjustment', () => AssessmentAdjustmentInput, { nullable: true }) adjustment: AssessmentAdjustmentInput | null,
    @Ctx() ctx: DocumentsContext,
  ) {
    return setAssessmentAdjustment(ctx, id, orgId, adjustment ? { points: adjustment.points, reason: adjustment.reason } : null);
  }

  @Mutation(() => Assessment, {
    description: '公布: publish a draft to the units it scores; it is kept as published, with its PDF. NOTHING_TO_ASSESS when it scores no unit',
  })
  async publishAssessment(@Arg('id', () => ID) id: string, @Ctx() ctx: DocumentsContext) {
    return publishAssessment(ctx, id);
  }

  @Mutation(() => Boolean, { description: 'Throw a draft away; a published assessment stays' })
  async discardAssessment(@Arg('id', () => ID) id: string, @Ctx() ctx: DocumentsContext) {
    return discardAssessment(ctx, id);
  }

  @Mutation(() => Document, {
    description: 'The 通报 of a published assessment of your unit, drafted for your unit’s drafter to finish, approve and send to the units it scored',
  })
  async draftAssessmentDocument(@Arg('id', () => ID) id: string, @Ctx() ctx: DocumentsContext): Promise<Document> {
    return draftAssessmentDocument(ctx, id);
  }
}
