// 自动催办规则 (issue 16): the escalation rules in effect for a unit (its own, or inherited from the nearest unit above
// it that has some, named), and their administration by the unit's administrators (set, or clear to inherit again).
// Every change is published to documents, which urges units by itself (`org.escalation-reach`, store/escalation.ts).
import { badInput, forbidden, isWithin, requireCaller, requireRole } from '@yizhan/common';
import type { EscalationStep } from '@yizhan/contracts/org';
import { type OrgContext } from '../deps.ts';
import { cleanSteps, escalationProblem } from '../domain/escalation.ts';
import { canManage } from '../domain/rules.ts';
import { publishEscalationReach, rulesInEffect, storeEscalationSteps } from '../store/escalation.ts';
import { getOrg } from '../store/orgs.ts';

export interface EscalationRulesView {
  orgId: string;
  orgName: string;
  steps: EscalationStep[];
  /** The unit's own rules (else inherited, or none at all). */
  own: boolean;
  sourceOrgId: string | null;
  sourceOrgName: string | null;
}

/** Who reads a unit's escalation rules: its administrators, clerks, leaders and supervisors (and those above it). */
const READERS = ['ADMIN', 'CLERK', 'LEADER', 'SUPERVISOR'] as const;

/** The rules in effect for a unit (the caller's own when none is named): the caller's unit or one below it. */
export async function escalationRules(orgId: string | null | undefined, ctx: OrgContext): Promise<EscalationRulesView> {
  const caller = requireCaller(ctx);
  const org = await getOrg(ctx.em, orgId ?? caller.orgId);
  if (!caller.roles.some((r) => (READERS as readonly string[]).includes(r)) || !isWithin(org.path, caller.orgPath))
    throw forbidden(`Only the administrators, clerks and leaders of ${org.name} (or of a unit above it) read its escalation rules`);
  const r = await rulesInEffect(ctx.em, org.path);
  return { orgId: org.id, orgName: org.name, steps: r.steps, own: r.sourceOrgId === org.id, sourceOrgId: r.sourceOrgId, sourceOrgName: r.sourceOrgName };
}

/** Sets a unit's own escalation rules (null: clears them, to inherit again). Nothing changes when they are refused. */
export async function setEscalationRules(orgId: string, steps: EscalationStep[] | null, ctx: OrgContext): Promise<EscalationRulesView> {
  const caller = requireCaller(ctx);
  // Who may is told before what is wrong with the input.
  requireRole(caller, 'ADMIN');
  if (steps !== null) {
    const problem = escalationProblem(steps);
    if (problem) throw badInput(problem, 'steps');
  }
  await ctx.em.transactional(async (em) => {
    const org = await getOrg(em, orgId);
    if (!canManage(caller, org.path)) throw forbidden(`Only an administrator of ${org.name} (or of a unit above it) sets its escalation rules`);
    await storeEscalationSteps(em, org, steps === null ? null : cleanSteps(steps));
    await publishEscalationReach(em, org.path);
  });
  return escalationRules(orgId, ctx);
}
