import type { EntityManager } from '@mikro-orm/postgresql';
import { badInput, conflict, forbidden, isWithin, requireCaller } from '@yizhan/common';
import { emit } from '@yizhan/kernel';
import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { orgEvents } from '../contract.ts';
import type { OrgContext } from '../deps.ts';
import { pathLabel } from '../domain/codes.ts';
import { OrgKind, OrgLevel, OrgStatus, UserStatus } from '../domain/enums.ts';
import { canClose, canManage, canRegisterUnder, cleanCode, cleanName, levelProblem, SHORT_NAME_MAX } from '../domain/rules.ts';
import { Org, OrgName } from '../entities/Org.ts';
import { User } from '../entities/User.ts';
import { getOrg, likeEscape, rows } from '../store.ts';
import { MergeOrgsInput, OrgConnection, RegisterOrgInput } from './types.ts';

const MAX_PAGE = 200;
const encodeCursor = (path: string) => Buffer.from(path).toString('base64url');
const decodeCursor = (c: string) => {
  const path = Buffer.from(c, 'base64url').toString();
  if (!/^[A-Za-z0-9_.-]+$/.test(path)) throw badInput('Malformed cursor', 'after');
  return path;
};

/** Registers a unit below `parent`, with its first name-history entry and an event. */
async function register(em: EntityManager, input: RegisterOrgInput, parent: Org): Promise<Org> {
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
  return org;
}

/** Closes a unit: status, reason, its accounts disabled, and an event for the services that hold its seals,
 * certificates and documents (seed 003 §9(2)). */
async function close(em: EntityManager, org: Org, status: OrgStatus, reason: string, mergedInto?: Org): Promise<void> {
  const activeChildren = await em.count(Org, { parentId: org.id, status: OrgStatus.ACTIVE });
  if (activeChildren) throw conflict(`${org.name} still has ${activeChildren} active units below it; close or move them first`, { orgId: org.id });
  org.status = status;
  org.closedAt = new Date();
  org.closedReason = reason;
  org.mergedIntoId = mergedInto?.id ?? null;
  await em.nativeUpdate(User, { orgId: org.id }, { status: UserStatus.DISABLED });
  await em.flush();
  const closed = { orgId: org.id, code: org.code, reason, mergedIntoId: mergedInto?.id ?? null };
  await emit(em, orgEvents.event(status === OrgStatus.MERGED ? 'org.merged' : 'org.dissolved', closed, { orgPath: org.path }));
}

@Resolver(() => Org)
export class OrgResolver {
  @Query(() => Org, { description: 'One unit by id' })
  async org(@Arg('id', () => ID) id: string, @Ctx() ctx: OrgContext): Promise<Org> {
    requireCaller(ctx);
    return getOrg(ctx.em, id);
  }

  @Query(() => Org, { nullable: true, description: 'One unit by division code or unified social credit code' })
  async orgByCode(@Arg('code', () => String) code: string, @Ctx() ctx: OrgContext): Promise<Org | null> {
    requireCaller(ctx);
    return ctx.em.findOne(Org, { code: code.trim().toUpperCase() });
  }

  @Query(() => [Org], { description: 'Units whose full or short name contains the text, active ones first' })
  async searchOrgs(
    @Arg('name', () => String) name: string,
    @Arg('first', () => Int, { defaultValue: 20 }) first: number,
    @Ctx() ctx: OrgContext,
  ): Promise<Org[]> {
    requireCaller(ctx);
    const q = name.trim();
    if (!q) throw badInput('Search text must not be empty', 'name');
    if (q.length > 100) throw badInput('Search text is longer than 100 characters', 'name');
    const like = `%${likeEscape(q)}%`;
    return rows(
      ctx.em,
      Org,
      `select * from org.orgs where name ilike ? or short_name ilike ?
       order by status <> 'ACTIVE', nlevel(path), path limit ?`,
      [like, like, Math.min(Math.max(first, 1), MAX_PAGE)],
    );
  }

  @Query(() => OrgConnection, { description: 'A unit and everything below it, in hierarchy order, a page at a time' })
  async subtree(
    @Arg('rootId', () => ID) rootId: string,
    @Arg('level', () => OrgLevel, { nullable: true }) level: OrgLevel | undefined,
    @Arg('kind', () => OrgKind, { nullable: true }) kind: OrgKind | undefined,
    @Arg('includeClosed', () => Boolean, { defaultValue: false }) includeClosed: boolean,
    @Arg('first', () => Int, { defaultValue: 50 }) first: number,
    @Arg('after', () => String, { nullable: true }) after: string | undefined,
    @Ctx() ctx: OrgContext,
  ): Promise<OrgConnection> {
    requireCaller(ctx);
    if (first < 1 || first > MAX_PAGE) throw badInput(`first must be between 1 and ${MAX_PAGE}`, 'first');
    const root = await getOrg(ctx.em, rootId);
    const where = ['path <@ ?::ltree'];
    const params: unknown[] = [root.path];
    if (level) where.push('level = ?') && params.push(level);
    if (kind) where.push('kind = ?') && params.push(kind);
    if (!includeClosed) where.push("status = 'ACTIVE'");
    const [{ count }] = (await ctx.em.execute(`select count(*)::int as count from org.orgs where ${where.join(' and ')}`, params)) as [{ count: number }];
    if (after) where.push('path > ?::ltree') && params.push(decodeCursor(after));
    const page = await rows(ctx.em, Org, `select * from org.orgs where ${where.join(' and ')} order by path limit ?`, [...params, first + 1]);
    const nodes = page.slice(0, first);
    const last = nodes.at(-1);
    return { nodes, totalCount: count, pageInfo: { endCursor: last ? encodeCursor(last.path) : null, hasNextPage: page.length > first } };
  }

  @FieldResolver(() => Org, { nullable: true })
  async parent(@Root() org: Org, @Ctx() ctx: OrgContext): Promise<Org | null> {
    return org.parentId ? ctx.em.findOne(Org, { id: org.parentId }) : null;
  }

  @FieldResolver(() => [Org], { description: 'Units directly below (office, departments, then lower governments); active ones unless asked' })
  async children(
    @Root() org: Org,
    @Arg('includeClosed', () => Boolean, { defaultValue: false }) includeClosed: boolean,
    @Ctx() ctx: OrgContext,
  ): Promise<Org[]> {
    // The order a directory of a government reads in: its office, its departments, then the units below it.
    return rows(
      ctx.em,
      Org,
      `select * from org.orgs where parent_id = ? ${includeClosed ? '' : "and status = 'ACTIVE'"}
       order by case kind when 'OFFICE' then 0 when 'GOVERNMENT' then 2 else 1 end, code`,
      [org.id],
    );
  }

  @FieldResolver(() => [Org], { description: 'Superior units, from the top of the hierarchy down to the parent' })
  async ancestors(@Root() org: Org, @Ctx() ctx: OrgContext): Promise<Org[]> {
    return rows(ctx.em, Org, 'select * from org.orgs where path @> ?::ltree and path <> ?::ltree order by nlevel(path)', [org.path, org.path]);
  }

  @FieldResolver(() => [OrgName], { description: 'Every name the unit has carried, oldest first' })
  async nameHistory(@Root() org: Org, @Ctx() ctx: OrgContext): Promise<OrgName[]> {
    return ctx.em.find(OrgName, { orgId: org.id }, { orderBy: { validFrom: 'asc', id: 'asc' } });
  }

  @FieldResolver(() => Org, { nullable: true, description: 'For a merged unit: the unit it was merged into' })
  async mergedInto(@Root() org: Org, @Ctx() ctx: OrgContext): Promise<Org | null> {
    return org.mergedIntoId ? ctx.em.findOne(Org, { id: org.mergedIntoId }) : null;
  }

  @Mutation(() => Org, { description: 'Register a unit below one you administer (seed 003 §6(4))' })
  async registerOrg(@Arg('input', () => RegisterOrgInput) input: RegisterOrgInput, @Ctx() ctx: OrgContext): Promise<Org> {
    const caller = requireCaller(ctx);
    return ctx.em.transactional(async (em) => {
      const parent = await getOrg(em, input.parentId);
      if (!canRegisterUnder(caller, parent.path)) throw forbidden(`Only an administrator of ${parent.name} or a unit above it may register units under it`);
      return register(em, input, parent);
    });
  }

  @Mutation(() => Org, { description: 'Rename a unit; the old name stays in its history (seed 003 §9(1))' })
  async renameOrg(
    @Arg('id', () => ID) id: string,
    @Arg('name', () => String) name: string,
    @Arg('shortName', () => String) shortName: string,
    @Arg('reason', () => String, { nullable: true }) reason: string | undefined,
    @Ctx() ctx: OrgContext,
  ): Promise<Org> {
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

  @Mutation(() => Org, { description: 'Merge units; returns the unit they became (seed 003 §9(3))' })
  async mergeOrgs(@Arg('input', () => MergeOrgsInput) input: MergeOrgsInput, @Ctx() ctx: OrgContext): Promise<Org> {
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
        await close(em, o, OrgStatus.MERGED, reason, survivor);
      }
      return survivor;
    });
  }

  @Mutation(() => Org, { description: 'Dissolve a unit below yours: it is closed and its accounts disabled (seed 003 §9(2))' })
  async dissolveOrg(@Arg('id', () => ID) id: string, @Arg('reason', () => String) reason: string, @Ctx() ctx: OrgContext): Promise<Org> {
    const caller = requireCaller(ctx);
    const why = cleanName(reason, 'reason', 500);
    return ctx.em.transactional(async (em) => {
      const org = await getOrg(em, id);
      if (!canClose(caller, org.path)) throw forbidden(`Only an administrator of a unit above ${org.name} may dissolve it`);
      if (org.status !== OrgStatus.ACTIVE) throw badInput(`${org.name} is already closed`, 'id');
      await close(em, org, OrgStatus.DISSOLVED, why);
      return org;
    });
  }

  @Mutation(() => Org, { description: 'Move a unit (and everything below it) under another superior unit' })
  async moveOrg(@Arg('id', () => ID) id: string, @Arg('newParentId', () => ID) newParentId: string, @Ctx() ctx: OrgContext): Promise<Org> {
    const caller = requireCaller(ctx);
    return ctx.em.transactional(async (em) => {
      const org = await getOrg(em, id);
      const parent = await getOrg(em, newParentId);
      if (isWithin(parent.path, org.path)) throw badInput(`${parent.name} lies within ${org.name}: the move would make a cycle`, 'newParentId');
      if (!canClose(caller, org.path) || !canRegisterUnder(caller, parent.path)) {
        throw forbidden('Only an administrator above both the unit and its new superior may move it');
      }
      if (parent.status !== OrgStatus.ACTIVE) throw badInput(`${parent.name} is closed`, 'newParentId');
      const lp = levelProblem(parent.level, org.level);
      if (lp) throw badInput(lp, 'newParentId');
      if (org.parentId === parent.id) return org;
      const oldPath = org.path;
      const newPath = `${parent.path}.${oldPath.split('.').at(-1)}`;
      // Re-root every path in the subtree, in every org table, in this one transaction.
      for (const [table, col] of [
        ['orgs', 'path'],
        ['org_names', 'org_path'],
        ['users', 'org_path'],
        ['contacts', 'org_path'],
      ]) {
        await em.execute(
          `update org.${table} set ${col} = case when ${col} = ?::ltree then ?::ltree else ?::ltree || subpath(${col}, nlevel(?::ltree)) end
           where ${col} <@ ?::ltree`,
          [oldPath, newPath, newPath, oldPath, oldPath],
        );
      }
      await em.execute('update org.orgs set parent_id = ? where id = ?', [parent.id, org.id]);
      await emit(em, orgEvents.event('org.moved', { orgId: org.id, oldPath, newPath }, { orgPath: newPath }));
      em.clear();
      return getOrg(em, org.id);
    });
  }
}
