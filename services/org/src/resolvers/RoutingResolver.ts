// Routing rules through GraphQL: read by anyone (a refusal must be explainable), written by administrators of the
// unit the rule is attached to or of a unit above it, every change audited. And the evaluation API.
import type { EntityManager } from '@mikro-orm/postgresql';
import { ErrorCode, forbidden, notFound, requireCaller, YizhanError } from '@yizhan/common';
import { Arg, Ctx, Field, ID, InputType, Int, Mutation, ObjectType, Query, Resolver } from 'type-graphql';
import { OrgErrorCode } from '../contract.ts';
import type { OrgContext } from '../deps.ts';
import { OrgKind, OrgLevel } from '../domain/enums.ts';
import { coveringRule, DOC_TYPES, type RuleData } from '../domain/routing.ts';
import { canManage } from '../domain/rules.ts';
import { Org } from '../entities/Org.ts';
import { RoutingRule, RoutingRuleChange } from '../entities/RoutingRule.ts';
import { loadParty, loadRules, resolveRecipients } from '../recipients.ts';
import { getOrg, isUuid, rows } from '../store.ts';
import { DirectionEnum, EffectEnum, RecipientRole, SideEnum } from './routing-enums.ts';

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
  @Field(() => [String], { nullable: true })
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
  @Field(() => String)
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

const LEVELS = ['PROVINCE', 'CITY', 'COUNTY'];

function cleanRule(input: RoutingRuleInput) {
  const name = input.name.trim();
  if (!name || name.length > 200) throw new YizhanError(ErrorCode.BAD_INPUT, 'Rule name must be 1–200 characters', { field: 'name' });
  const list = <T extends string>(v: T[] | null | undefined) => (v?.length ? [...new Set(v)] : null);
  const docTypes = list(input.docTypes);
  const unknown = docTypes?.filter((t) => !(DOC_TYPES as readonly string[]).includes(t)) ?? [];
  if (unknown.length) throw new YizhanError(ErrorCode.BAD_INPUT, `Unknown document types: ${unknown.join(', ')}`, { field: 'docTypes' });
  if (input.maxDepth != null && (input.maxDepth < 0 || input.maxDepth > LEVELS.length - 1)) {
    throw new YizhanError(ErrorCode.BAD_INPUT, 'maxDepth must be 0, 1 or 2', { field: 'maxDepth' });
  }
  return {
    name,
    side: input.side,
    direction: input.direction,
    effect: input.effect,
    senderLevels: list(input.senderLevels),
    senderKinds: list(input.senderKinds),
    receiverLevels: list(input.receiverLevels),
    receiverKinds: list(input.receiverKinds),
    docTypes,
    maxDepth: input.maxDepth ?? null,
  };
}

const snapshot = (r: RoutingRule) => ({ ...r });

/** A lower unit may narrow but not widen: its ALLOW must be covered by an ALLOW of a unit above it. */
async function checkNoWidening(em: EntityManager, candidate: RuleData): Promise<void> {
  if (candidate.effect !== 'ALLOW' || !candidate.orgPath.includes('.')) return;
  const rules = await loadRules(em);
  if (!coveringRule(candidate, rules)) {
    throw new YizhanError(
      OrgErrorCode.RULE_WOULD_WIDEN,
      'This ALLOW is wider than anything the units above allow; a unit may only narrow its superiors’ rules',
      {
        field: 'effect',
      },
    );
  }
}

async function audit(em: EntityManager, ctx: OrgContext, rule: RoutingRule, action: 'CREATE' | 'UPDATE' | 'DELETE', before: unknown, after: unknown) {
  const caller = requireCaller(ctx);
  em.create(RoutingRuleChange, {
    ruleId: rule.id,
    orgPath: rule.orgPath,
    action,
    actorId: caller.userId,
    actorUsername: caller.username,
    before,
    after,
  } as RoutingRuleChange);
  await em.flush();
}

async function managedRule(ctx: OrgContext, em: EntityManager, id: string): Promise<RoutingRule> {
  const caller = requireCaller(ctx);
  const rule = isUuid(id) ? await em.findOne(RoutingRule, { id }) : null;
  if (!rule) throw notFound('Routing rule', id);
  if (!canManage(caller, rule.orgPath)) throw forbidden('Only an administrator of the rule’s unit or a unit above it may change it');
  return rule;
}

@Resolver()
export class RoutingResolver {
  @Query(() => [RoutingRule], { description: 'Rules attached to a unit; with inherited, also those of every unit above it' })
  async routingRules(
    @Arg('orgId', () => ID) orgId: string,
    @Arg('inherited', () => Boolean, { defaultValue: true }) inherited: boolean,
    @Ctx() ctx: OrgContext,
  ) {
    requireCaller(ctx);
    const org = await getOrg(ctx.em, orgId);
    const op = inherited ? '@>' : '=';
    return rows(ctx.em, RoutingRule, `select * from org.routing_rules where org_path ${op} ?::ltree order by nlevel(org_path), created_at`, [org.path]);
  }

  @Query(() => [RoutingRuleChange], { description: 'The audit trail of the rules attached to a unit, newest first' })
  async routingRuleHistory(@Arg('orgId', () => ID) orgId: string, @Ctx() ctx: OrgContext) {
    requireCaller(ctx);
    const org = await getOrg(ctx.em, orgId);
    return ctx.em.find(RoutingRuleChange, { orgPath: org.path }, { orderBy: { at: 'desc', id: 'desc' } });
  }

  @Query(() => RoutingEvaluation, { description: 'Which recipients a unit may send this document type to, and which rule refuses the others' })
  async evaluateRouting(
    @Arg('docType', () => String) docType: string,
    @Arg('recipients', () => [RecipientSpecInput]) recipients: RecipientSpecInput[],
    @Arg('senderOrgId', () => ID, { nullable: true, description: 'Your own unit when not given; an administrator may ask for a unit below' })
    senderOrgId: string | undefined,
    @Ctx() ctx: OrgContext,
  ): Promise<RoutingEvaluation> {
    const caller = requireCaller(ctx);
    const sender = await loadParty(ctx.em, senderOrgId ?? caller.orgId);
    if (sender.id !== caller.orgId && !canManage(caller, sender.path))
      throw forbidden('You may evaluate routing only for your own unit or units you administer');
    const decided = await resolveRecipients(ctx.em, sender, docType, recipients);
    const orgs = new Map((await ctx.em.find(Org, { id: { $in: decided.map((d) => d.org.id) } })).map((o) => [o.id, o]));
    const decisions = decided
      .map((d) => ({
        org: orgs.get(d.org.id) as Org,
        role: d.role,
        printQuota: d.printQuota,
        allowed: d.decision.allowed,
        ruleId: d.decision.rule?.id ?? null,
        ruleName: d.decision.rule?.name ?? null,
        reason: d.decision.reason,
      }))
      .sort((a, b) => Number(a.allowed) - Number(b.allowed));
    const allowedCount = decisions.filter((d) => d.allowed).length;
    return { allowedCount, refusedCount: decisions.length - allowedCount, decisions };
  }

  @Mutation(() => RoutingRule)
  async createRoutingRule(@Arg('orgId', () => ID) orgId: string, @Arg('input', () => RoutingRuleInput) input: RoutingRuleInput, @Ctx() ctx: OrgContext) {
    const caller = requireCaller(ctx);
    const data = cleanRule(input);
    return ctx.em.transactional(async (em) => {
      const org = await getOrg(em, orgId);
      if (!canManage(caller, org.path)) throw forbidden(`Only an administrator of ${org.name} or a unit above it may attach rules to it`);
      const rule = em.create(RoutingRule, { id: crypto.randomUUID(), orgId: org.id, orgPath: org.path, ...data });
      await checkNoWidening(em, rule as RuleData);
      await em.flush();
      await audit(em, ctx, rule, 'CREATE', null, snapshot(rule));
      return rule;
    });
  }

  @Mutation(() => RoutingRule)
  async updateRoutingRule(@Arg('id', () => ID) id: string, @Arg('input', () => RoutingRuleInput) input: RoutingRuleInput, @Ctx() ctx: OrgContext) {
    const data = cleanRule(input);
    return ctx.em.transactional(async (em) => {
      const rule = await managedRule(ctx, em, id);
      const before = snapshot(rule);
      Object.assign(rule, data, { updatedAt: new Date() });
      await checkNoWidening(em, rule as RuleData);
      await em.flush();
      await audit(em, ctx, rule, 'UPDATE', before, snapshot(rule));
      return rule;
    });
  }

  @Mutation(() => Boolean)
  async deleteRoutingRule(@Arg('id', () => ID) id: string, @Ctx() ctx: OrgContext) {
    return ctx.em.transactional(async (em) => {
      const rule = await managedRule(ctx, em, id);
      await audit(em, ctx, rule, 'DELETE', snapshot(rule), null);
      em.remove(rule);
      await em.flush();
      return true;
    });
  }
}
