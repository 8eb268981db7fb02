// Routing rules: reading a unit's rules (with those inherited) and their audit trail, creating, changing and
// deleting them (a lower unit may narrow but never widen), and evaluating who a unit may send a document type to.
import { type EntityManager } from '@mikro-orm/postgresql';
import { ErrorCode, forbidden, notFound, personName, requireCaller, requiredText, YizhanError } from '@yizhan/common';
import { OrgErrorCode } from '@yizhan/contracts/org';
import { type OrgContext } from '../deps.ts';
import { coveringRule, DOC_TYPES, REPLY_TYPE, type RuleData } from '../domain/routing.ts';
import { canManage } from '../domain/rules.ts';
import { Org } from '../entities/Org.ts';
import { RoutingRule, RoutingRuleChange } from '../entities/RoutingRule.ts';
import { type RecipientSpecInput, type RoutingEvaluation, type RoutingRuleInput } from '../resolvers/RoutingResolver.ts';
import { getOrg, isUuid, rows } from '../store/orgs.ts';
import { loadParty, loadRules, resolveRecipients } from './recipients.ts';

const LEVELS = ['PROVINCE', 'CITY', 'COUNTY'];

function cleanRule(input: RoutingRuleInput) {
  const name = requiredText(input.name, 'name', { max: 200, line: true });
  const list = <T extends string>(v: T[] | null | undefined) => (v?.length ? [...new Set(v)] : null);
  const docTypes = list(input.docTypes);
  const unknown = docTypes?.filter((t) => t !== REPLY_TYPE && !(DOC_TYPES as readonly string[]).includes(t)) ?? [];
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
    actorName: personName(caller),
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

export async function routingRules(orgId: string, inherited: boolean, ctx: OrgContext) {
  requireCaller(ctx);
  const org = await getOrg(ctx.em, orgId);
  const op = inherited ? '@>' : '=';
  return rows(ctx.em, RoutingRule, `select * from org.routing_rules where org_path ${op} ?::ltree order by nlevel(org_path), created_at`, [org.path]);
}

/** Who changed a unit's rules, and when, is for the administrators of the unit and of the units above it. */
export async function routingRuleHistory(orgId: string, ctx: OrgContext) {
  const caller = requireCaller(ctx);
  const org = await getOrg(ctx.em, orgId);
  if (!canManage(caller, org.path)) throw forbidden('The history of a unit’s rules is for the administrators of the unit and of the units above it');
  return ctx.em.find(RoutingRuleChange, { orgPath: org.path }, { orderBy: { at: 'desc', id: 'desc' } });
}

export async function evaluateRouting(
  docType: string,
  recipients: RecipientSpecInput[],
  senderOrgId: string | undefined,
  ctx: OrgContext,
  replyToOrgId: string | null = null,
): Promise<RoutingEvaluation> {
  const caller = requireCaller(ctx);
  const sender = await loadParty(ctx.em, senderOrgId ?? caller.orgId);
  if (sender.id !== caller.orgId && !canManage(caller, sender.path)) throw forbidden('You may evaluate routing only for your own unit or units you administer');
  const decided = await resolveRecipients(ctx.em, sender, docType, recipients, replyToOrgId);
  const orgs = new Map((await ctx.em.find(Org, { id: { $in: decided.map((d) => d.org.id) } })).map((o) => [o.id, o]));
  const decisions = decided
    .map((d) => ({
      org: orgs.get(d.org.id) as Org,
      role: d.role,
      printQuota: d.printQuota,
      allowed: d.decision.allowed,
      ruleId: d.decision.rule?.id ?? null,
      ruleName: d.decision.rule?.name ?? null,
      why: d.decision.why,
      direction: d.decision.direction,
      reason: d.decision.reason,
    }))
    .sort((a, b) => Number(a.allowed) - Number(b.allowed));
  const allowedCount = decisions.filter((d) => d.allowed).length;
  return { allowedCount, refusedCount: decisions.length - allowedCount, decisions };
}

export async function createRoutingRule(orgId: string, input: RoutingRuleInput, ctx: OrgContext) {
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

export async function updateRoutingRule(id: string, input: RoutingRuleInput, ctx: OrgContext) {
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

export async function deleteRoutingRule(id: string, ctx: OrgContext) {
  return ctx.em.transactional(async (em) => {
    const rule = await managedRule(ctx, em, id);
    await audit(em, ctx, rule, 'DELETE', snapshot(rule), null);
    em.remove(rule);
    await em.flush();
    return true;
  });
}
