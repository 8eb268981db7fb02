// A unit's saved distribution lists of recipient units.
import { type EntityManager } from '@mikro-orm/postgresql';
import { badInput, forbidden, hasRole, notFound, requireCaller, requiredText } from '@yizhan/common';
import { type OrgContext } from '../deps.ts';
import { canManage } from '../domain/rules.ts';
import { DistributionList } from '../entities/DistributionList.ts';
import { Org } from '../entities/Org.ts';
import { getOrg, isUuid } from '../store/orgs.ts';

async function cleanMembers(em: EntityManager, memberIds: string[]): Promise<string[]> {
  const ids = [...new Set(memberIds)];
  if (!ids.length) throw badInput('A list needs at least one unit', 'memberIds');
  if (ids.length > 20_000) throw badInput('A list holds at most 20,000 units', 'memberIds');
  const bad = ids.filter((id) => !isUuid(id));
  const found = bad.length ? [] : await em.find(Org, { id: { $in: ids } }, { fields: ['id'] });
  const missing = [...bad, ...ids.filter((id) => isUuid(id) && !found.some((o) => o.id === id))];
  if (missing.length) throw notFound('Unit', missing.slice(0, 5).join(', '));
  return ids;
}

async function managedList(ctx: OrgContext, em: EntityManager, id: string): Promise<DistributionList> {
  const caller = requireCaller(ctx);
  const list = isUuid(id) ? await em.findOne(DistributionList, { id }) : null;
  if (!list) throw notFound('Distribution list', id);
  if (!(list.orgId === caller.orgId && hasRole(caller, 'ADMIN', 'CLERK', 'DRAFTER')) && !canManage(caller, list.orgPath)) {
    throw forbidden('Only the list’s unit may change it');
  }
  return list;
}

export async function distributionLists(orgId: string | undefined, ctx: OrgContext) {
  const caller = requireCaller(ctx);
  return ctx.em.find(DistributionList, { orgId: orgId ?? caller.orgId }, { orderBy: { name: 'asc' } });
}

export async function createDistributionList(name: string, memberIds: string[], ctx: OrgContext) {
  const caller = requireCaller(ctx);
  if (!hasRole(caller, 'ADMIN', 'CLERK', 'DRAFTER')) throw forbidden('Lists are kept by a unit’s administrators, clerks and drafters');
  const clean = requiredText(name, 'name', { max: 100, line: true });
  return ctx.em.transactional(async (em) => {
    const org = await getOrg(em, caller.orgId);
    if (await em.count(DistributionList, { orgId: org.id, name: clean })) throw badInput(`Your unit already has a list named ${clean}`, 'name');
    return em.create(DistributionList, {
      id: crypto.randomUUID(),
      orgId: org.id,
      orgPath: org.path,
      name: clean,
      memberIds: await cleanMembers(em, memberIds),
    });
  });
}

export async function updateDistributionList(id: string, memberIds: string[], ctx: OrgContext) {
  return ctx.em.transactional(async (em) => {
    const list = await managedList(ctx, em, id);
    list.memberIds = await cleanMembers(em, memberIds);
    list.updatedAt = new Date();
    return list;
  });
}

export async function deleteDistributionList(id: string, ctx: OrgContext) {
  return ctx.em.transactional(async (em) => {
    em.remove(await managedList(ctx, em, id));
    return true;
  });
}
