// Routing rules through GraphQL: read by anyone (a refusal must be explainable), written by administrators of the
// unit the rule is attached to or of a unit above it, every change audited. And the evaluation API.

import { Arg, Ctx, Field, ID, InputType, Int, Mutation, ObjectType, Query, Resolver } from 'type-graphql';
import { createRoutingRule, deleteRoutingRule, evaluateRouting, routingRuleHistory, routingRules, updateRoutingRule } from '../app/routing-rules.ts';
import type { OrgContext } from '../deps.ts';
import { DirectionEnum, EffectEnum, OrgKind, OrgLevel, RecipientRole, SideEnum } from '../domain/enums.ts';
import type { Direction, RoutingWhy } from '../domain/routing.ts';
import { Org } from '../entities/Org.ts';
import { RoutingRule, RoutingRuleChange } from '../entities/RoutingRule.ts';
import { RoutingWhyEnum } from './routing-enums.ts';

@InputType()
export class RoutingRuleInput {
  @Field(() => String)
  name!: string;
  @Field(() => SideEnum, { defaultValue: 'SENDER' })
  side!: 'SENDER' | 'RECEIVER';
  @Field(() => DirectionEnum)
  direction!: 'DOWN' | 'UP' | 'LATERAL';
  @Field(() => EffectEnum)
  effect!: 'ALLOW' | 'DENY';
  @Field(() => [OrgLevel], { nullable: true })
  senderLevels?: OrgLevel[] | null;
  @Field(() => [OrgKind], { nullable: true })
  senderKinds?: OrgKind[] | null;
  @Field(() => [OrgLevel], { nullable: true })
  receiverLevels?: OrgLevel[] | null;
  @Field(() => [OrgKind], { nullable: true })
  receiverKinds?: OrgKind[] | null;
  @Field(() => [String], { nullable: true, description: '文种 the rule covers (null: every type); 答复 names replies, which a DENY then refuses too' })
  docTypes?: string[] | null;
  @Field(() => Int, { nullable: true })
  maxDepth?: number | null;
}

@InputType({ description: 'Units chosen by where they sit: everything below `rootId`, narrowed by level, kind and depth' })
export class OrgSelectorInput {
  @Field(() => ID)
  rootId!: string;
  @Field(() => [OrgLevel], { nullable: true })
  levels?: OrgLevel[] | null;
  @Field(() => [OrgKind], { nullable: true })
  kinds?: OrgKind[] | null;
  @Field(() => Int, { nullable: true, description: 'Levels below the root at most: 1 = its direct subordinate units' })
  maxDepth?: number | null;
}

@InputType({ description: 'One group of recipients: units by id, a selector, or a saved list (exactly one)' })
export class RecipientSpecInput {
  @Field(() => RecipientRole, { defaultValue: 'MAIN' })
  role!: 'MAIN' | 'CC';
  @Field(() => [ID], { nullable: true })
  orgIds?: string[] | null;
  @Field(() => OrgSelectorInput, { nullable: true })
  selector?: OrgSelectorInput | null;
  @Field(() => ID, { nullable: true })
  listId?: string | null;
  @Field(() => Int, { nullable: true, description: '打印份数 each of these units may print; 1 when not given' })
  printQuota?: number | null;
}

@ObjectType()
export class RecipientDecisionResult {
  @Field(() => Org)
  org!: Org;
  @Field(() => RecipientRole)
  role!: 'MAIN' | 'CC';
  @Field(() => Int)
  printQuota!: number;
  @Field(() => Boolean)
  allowed!: boolean;
  @Field(() => ID, { nullable: true, description: 'The rule that decided; null when no rule allows' })
  ruleId!: string | null;
  @Field(() => String, { nullable: true })
  ruleName!: string | null;
  @Field(() => RoutingWhyEnum, { description: 'Why, for the dashboard to say in its reader’s language' })
  why!: RoutingWhy;
  @Field(() => DirectionEnum, { description: 'The direction a send to this unit goes' })
  direction!: Direction;
  @Field(() => String, { description: 'Why, in English words (`why` and `ruleName` say it for a reader)' })
  reason!: string;
}

@ObjectType()
export class RoutingEvaluation {
  @Field(() => Int)
  allowedCount!: number;
  @Field(() => Int)
  refusedCount!: number;
  @Field(() => [RecipientDecisionResult], { description: 'Refused units first' })
  decisions!: RecipientDecisionResult[];
}

@Resolver()
export class RoutingResolver {
  @Query(() => [RoutingRule], { description: 'Rules attached to a unit; with inherited, also those of every unit above it' })
  async routingRules(
    @Arg('orgId', () => ID) orgId: string,
    @Arg('inherited', () => Boolean, { defaultValue: true }) inherited: boolean,
    @Ctx() ctx: OrgContext,
  ) {
    return routingRules(orgId, inherited, ctx);
  }

  @Query(() => [RoutingRuleChange], { description: 'The audit trail of the rules attached to a unit, newest first' })
  async routingRuleHistory(@Arg('orgId', () => ID) orgId: string, @Ctx() ctx: OrgContext) {
    return routingRuleHistory(orgId, ctx);
  }

  @Query(() => RoutingEvaluation, { description: 'Which recipients a unit may send this document type to, and which rule refuses the others' })
  async evaluateRouting(
    @Arg('docType', () => String) docType: string,
    @Arg('recipients', () => [RecipientSpecInput]) recipients: RecipientSpecInput[],
    @Arg('senderOrgId', () => ID, { nullable: true, description: 'Your own unit when not given; an administrator may ask for a unit below' })
    senderOrgId: string | undefined,
    @Arg('replyToOrgId', () => ID, {
      nullable: true,
      description: 'Evaluate as a reply (答复) to a document of this unit: it reaches that unit unless a DENY rule names replies (答复 among its 文种)',
    })
    replyToOrgId: string | undefined,
    @Ctx() ctx: OrgContext,
  ): Promise<RoutingEvaluation> {
    return evaluateRouting(docType, recipients, senderOrgId, ctx, replyToOrgId ?? null);
  }

  @Mutation(() => RoutingRule)
  async createRoutingRule(@Arg('orgId', () => ID) orgId: string, @Arg('input', () => RoutingRuleInput) input: RoutingRuleInput, @Ctx() ctx: OrgContext) {
    return createRoutingRule(orgId, input, ctx);
  }

  @Mutation(() => RoutingRule)
  async updateRoutingRule(@Arg('id', () => ID) id: string, @Arg('input', () => RoutingRuleInput) input: RoutingRuleInput, @Ctx() ctx: OrgContext) {
    return updateRoutingRule(id, input, ctx);
  }

  @Mutation(() => Boolean)
  async deleteRoutingRule(@Arg('id', () => ID) id: string, @Ctx() ctx: OrgContext) {
    return deleteRoutingRule(id, ctx);
  }
}
