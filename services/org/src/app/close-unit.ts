// Closing units: merging units into one, and dissolving a unit (seed 003 §9(2)(3)); its accounts are disabled.
import { type EntityManager } from '@mikro-orm/postgresql';
import { badInput, conflict, forbidden, isWithin, requireCaller } from '@yizhan/common';
import { orgEvents } from '@yizhan/contracts/org';
import { emit } from '@yizhan/kernel';
import { type OrgContext } from '../deps.ts';
import { OrgStatus, UserStatus } from '../domain/enums.ts';
import { canClose, canManage, canRegisterUnder, cleanName } from '../domain/rules.ts';
import { Org } from '../entities/Org.ts';
import { User } from '../entities/User.ts';
import { type MergeOrgsInput, type RegisterOrgInput } from '../resolvers/types.ts';
import { getOrg } from '../store/orgs.ts';
import { register } from './register-unit.ts';
import { endSessionsOfUnit } from './sessions.ts';

/** Closes a unit: status, reason, its accounts disabled, the unit that keeps its archive, and an event for the services
 * that hold its seals, certificates, documents and archive (seed 003 §9(2)). */
async function close(ctx: OrgContext, em: EntityManager, org: Org, status: OrgStatus, reason: string, custodian: Org, mergedInto?: Org): Promise<void> {
  const activeChildren = await em.count(Org, { parentId: org.id, status: OrgStatus.ACTIVE });
  if (activeChildren) throw conflict(`${org.name} still has ${activeChildren} active units below it; close or move them first`, { orgId: org.id });
  org.status = status;
  org.closedAt = new Date();
  org.closedReason = reason;
  org.mergedIntoId = mergedInto?.id ?? null;
  org.archiveCustodianId = custodian.id;
  // The archives it kept for units closed before it go to its own keeper with it (as the archive passes them on).
  await em.nativeUpdate(Org, { archiveCustodianId: org.id }, { archiveCustodianId: custodian.id });
  await em.nativeUpdate(User, { orgId: org.id }, { status: UserStatus.DISABLED });
  await endSessionsOfUnit(ctx, em, org.id);
  await em.flush();
  const closed = {
    orgId: org.id,
    code: org.code,
    reason,
    mergedIntoId: mergedInto?.id ?? null,
    name: org.name,
    mergedIntoPath: mergedInto?.path ?? null,
    mergedIntoName: mergedInto?.name ?? null,
    archiveCustodianId: custodian.id,
    archiveCustodianPath: custodian.path,
    archiveCustodianName: custodian.name,
  };
  await emit(em, orgEvents.event(status === OrgStatus.MERGED ? 'org.merged' : 'org.dissolved', closed, { orgPath: org.path }));
}

export async function mergeOrgs(input: MergeOrgsInput, ctx: OrgContext): Promise<Org> {
  const caller = requireCaller(ctx);
  const reason = cleanName(input.reason, 'reason', 500);
  if (!input.absorbedIds.length) throw badInput('Name at least one unit to merge away', 'absorbedIds');
  if (!!input.survivorId === !!input.newOrg) throw badInput('Give either survivorId (keep a name) or newOrg (a new unit), not both or neither', 'survivorId');
  if (new Set(input.absorbedIds).size !== input.absorbedIds.length) throw badInput('A unit is listed twice in absorbedIds', 'absorbedIds');
  if (input.survivorId && input.absorbedIds.includes(input.survivorId)) throw badInput('The surviving unit cannot also be merged away', 'survivorId');
  return ctx.em.transactional(async (em) => {
    const absorbed = [];
    for (const id of input.absorbedIds) absorbed.push(await getOrg(em, id));
    for (const o of absorbed) {
      if (!canClose(caller, o.path)) throw forbidden(`Only an administrator of a unit above ${o.name} may merge it away`);
      if (o.status !== OrgStatus.ACTIVE) throw badInput(`${o.name} is already closed`, 'absorbedIds');
    }
    let survivor: Org;
    if (input.survivorId) {
      survivor = await getOrg(em, input.survivorId);
      if (!canManage(caller, survivor.path)) throw forbidden(`You do not administer ${survivor.name}`);
      if (survivor.status !== OrgStatus.ACTIVE) throw badInput(`${survivor.name} is closed`, 'survivorId');
    } else {
      const newOrg = input.newOrg as RegisterOrgInput;
      const parent = await getOrg(em, newOrg.parentId);
      if (!canRegisterUnder(caller, parent.path)) throw forbidden(`Only an administrator of ${parent.name} or above may register the merged unit there`);
      survivor = await register(em, newOrg, parent);
    }
    for (const o of absorbed) {
      if (isWithin(survivor.path, o.path)) throw badInput(`${survivor.name} lies below ${o.name}; it cannot absorb its own superior`, 'absorbedIds');
      await close(ctx, em, o, OrgStatus.MERGED, reason, survivor, survivor);
    }
    return survivor;
  });
}

export async function dissolveOrg(id: string, reason: string, archiveCustodianId: string | null, ctx: OrgContext): Promise<Org> {
  const caller = requireCaller(ctx);
  const why = cleanName(reason, 'reason', 500);
  return ctx.em.transactional(async (em) => {
    const org = await getOrg(em, id);
    if (!canClose(caller, org.path)) throw forbidden(`Only an administrator of a unit above ${org.name} may dissolve it`);
    if (org.status !== OrgStatus.ACTIVE) throw badInput(`${org.name} is already closed`, 'id');
    // canClose holds only below the caller's unit: the dissolved unit has a superior.
    const custodian = await getOrg(em, archiveCustodianId ?? (org.parentId as string));
    if (custodian.id === org.id) throw badInput(`${org.name} cannot keep its own archive once dissolved: name another unit`, 'archiveCustodianId');
    if (custodian.status !== OrgStatus.ACTIVE) throw badInput(`${custodian.name} is closed: name an open unit to keep the archive`, 'archiveCustodianId');
    if (!canManage(caller, custodian.path)) throw forbidden(`You do not administer ${custodian.name}: the archive goes to a unit you administer`);
    await close(ctx, em, org, OrgStatus.DISSOLVED, why, custodian);
    return org;
  });
}
