// Registering a unit below one the caller administers (seed 003 §6(4)).
import { type EntityManager } from '@mikro-orm/postgresql';
import { badInput, conflict, forbidden, requireCaller } from '@yizhan/common';
import { orgEvents } from '@yizhan/contracts/org';
import { emit } from '@yizhan/kernel';
import { type OrgContext } from '../deps.ts';
import { pathLabel } from '../domain/codes.ts';
import { OrgStatus } from '../domain/enums.ts';
import { canRegisterUnder, cleanCode, cleanName, levelProblem, SHORT_NAME_MAX } from '../domain/rules.ts';
import { Org, OrgName } from '../entities/Org.ts';
import { type NewUnitInput, type RegisterOrgInput } from '../resolvers/types.ts';
import { publishEscalationReach } from '../store/escalation.ts';
import { getOrg } from '../store/orgs.ts';

/** Registers a unit below `parent`, with its first name-history entry and an event. */
export async function register(em: EntityManager, input: NewUnitInput, parent: Org): Promise<Org> {
  const code = cleanCode(input.code);
  const name = cleanName(input.name, 'name');
  const shortName = cleanName(input.shortName, 'shortName', SHORT_NAME_MAX);
  if (parent.status !== OrgStatus.ACTIVE) throw badInput(`${parent.name} is closed; units cannot be registered under it`, 'parentId');
  const lp = levelProblem(parent.level, input.level);
  if (lp) throw badInput(lp, 'level');
  if (await em.count(Org, { code })) throw conflict(`A unit with code ${code} is already registered`, { field: 'code' });
  const org = em.create(Org, {
    id: crypto.randomUUID(),
    code,
    name,
    shortName,
    level: input.level,
    kind: input.kind,
    parentId: parent.id,
    path: `${parent.path}.${pathLabel(code, input.level, input.kind)}`,
  });
  // Two flushes: the history row references the unit, and the unit of work does not order unrelated inserts.
  await em.flush();
  em.create(OrgName, { orgId: org.id, orgPath: org.path, name, shortName, validFrom: org.createdAt, reason: 'registered' });
  await em.flush();
  await emit(em, orgEvents.event('org.registered', { orgId: org.id, code, name, parentId: parent.id }, { orgPath: org.path }));
  // Documents urges the new unit by the rules it inherits (自动催办).
  await publishEscalationReach(em, org.path, false);
  return org;
}

export async function registerOrg(input: RegisterOrgInput, ctx: OrgContext): Promise<Org> {
  const caller = requireCaller(ctx);
  return ctx.em.transactional(async (em) => {
    const parent = await getOrg(em, input.parentId);
    if (!canRegisterUnder(caller, parent.path)) throw forbidden(`Only an administrator of ${parent.name} or a unit above it may register units under it`);
    return register(em, input, parent);
  });
}
