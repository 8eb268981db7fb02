// Renaming a unit; the old name stays in its history (seed 003 §9(1)).

import { badInput, forbidden, requireCaller } from '@yizhan/common';
import { orgEvents } from '@yizhan/contracts/org';
import { emit } from '@yizhan/kernel';
import { type OrgContext } from '../deps.ts';
import { OrgStatus } from '../domain/enums.ts';
import { canManage, cleanName, SHORT_NAME_MAX } from '../domain/rules.ts';
import { Org, OrgName } from '../entities/Org.ts';
import { getOrg } from '../store/orgs.ts';

export async function renameOrg(id: string, name: string, shortName: string, reason: string | undefined, ctx: OrgContext): Promise<Org> {
  const caller = requireCaller(ctx);
  const newName = cleanName(name, 'name');
  const newShort = cleanName(shortName, 'shortName', SHORT_NAME_MAX);
  return ctx.em.transactional(async (em) => {
    const org = await getOrg(em, id);
    if (!canManage(caller, org.path)) throw forbidden(`Only an administrator of ${org.name} or a unit above it may rename it`);
    if (org.status !== OrgStatus.ACTIVE) throw badInput(`${org.name} is closed and cannot be renamed`, 'id');
    if (org.name === newName && org.shortName === newShort) throw badInput('The new name is the same as the current one', 'name');
    const now = new Date();
    await em.nativeUpdate(OrgName, { orgId: org.id, validTo: null }, { validTo: now });
    em.create(OrgName, { orgId: org.id, orgPath: org.path, name: newName, shortName: newShort, validFrom: now, reason: reason?.trim() || null });
    const oldName = org.name;
    org.name = newName;
    org.shortName = newShort;
    await em.flush();
    await emit(em, orgEvents.event('org.renamed', { orgId: org.id, oldName, name: newName }, { orgPath: org.path }));
    return org;
  });
}
