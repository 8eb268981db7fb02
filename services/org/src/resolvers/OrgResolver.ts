// The hierarchy of units as GraphQL: finding units, their relations (parent, children, ancestors, names), and
// registering, renaming, merging, dissolving and moving them (the use cases are in app/).
import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { dissolveOrg, mergeOrgs } from '../app/close-unit.ts';
import { org, orgByCode, searchOrgs, subtree } from '../app/find-units.ts';
import { moveOrg } from '../app/move-unit.ts';
import { registerOrg } from '../app/register-unit.ts';
import { renameOrg } from '../app/rename-unit.ts';
import type { OrgContext } from '../deps.ts';
import { OrgKind, OrgLevel } from '../domain/enums.ts';
import { Org, OrgName } from '../entities/Org.ts';
import { viewRows } from '../store/orgs.ts';
import { MergeOrgsInput, OrgConnection, RegisterOrgInput } from './types.ts';

@Resolver(() => Org)
export class OrgResolver {
  @Query(() => Org, { description: 'One unit by id' })
  async org(@Arg('id', () => ID) id: string, @Ctx() ctx: OrgContext): Promise<Org> {
    return org(id, ctx);
  }

  @Query(() => Org, { nullable: true, description: 'One unit by division code or unified social credit code' })
  async orgByCode(@Arg('code', () => String) code: string, @Ctx() ctx: OrgContext): Promise<Org | null> {
    return orgByCode(code, ctx);
  }

  @Query(() => [Org], { description: 'Units whose full or short name contains the text, active ones first' })
  async searchOrgs(
    @Arg('name', () => String) name: string,
    @Arg('first', () => Int, { defaultValue: 20 }) first: number,
    @Ctx() ctx: OrgContext,
  ): Promise<Org[]> {
    return searchOrgs(name, first, ctx);
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
    return subtree(rootId, level, kind, includeClosed, first, after, ctx);
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
    return viewRows(
      ctx.em,
      Org,
      `select * from org.orgs where parent_id = ? ${includeClosed ? '' : "and status = 'ACTIVE'"}
       order by case kind when 'OFFICE' then 0 when 'GOVERNMENT' then 2 else 1 end, code`,
      [org.id],
    );
  }

  @FieldResolver(() => [Org], { description: 'Superior units, from the top of the hierarchy down to the parent' })
  async ancestors(@Root() org: Org, @Ctx() ctx: OrgContext): Promise<Org[]> {
    return viewRows(ctx.em, Org, 'select * from org.orgs where path @> ?::ltree and path <> ?::ltree order by nlevel(path)', [org.path, org.path]);
  }

  @FieldResolver(() => [OrgName], { description: 'Every name the unit has carried, oldest first' })
  async nameHistory(@Root() org: Org, @Ctx() ctx: OrgContext): Promise<OrgName[]> {
    return ctx.em.find(OrgName, { orgId: org.id }, { orderBy: { validFrom: 'asc', id: 'asc' } });
  }

  @FieldResolver(() => Org, { nullable: true, description: 'For a merged unit: the unit it was merged into' })
  async mergedInto(@Root() org: Org, @Ctx() ctx: OrgContext): Promise<Org | null> {
    return org.mergedIntoId ? ctx.em.findOne(Org, { id: org.mergedIntoId }) : null;
  }

  @FieldResolver(() => Org, { nullable: true, description: 'For a closed unit: the unit that keeps its archive (seed 003 §9(2))' })
  async archiveCustodian(@Root() org: Org, @Ctx() ctx: OrgContext): Promise<Org | null> {
    return org.archiveCustodianId ? ctx.em.findOne(Org, { id: org.archiveCustodianId }) : null;
  }

  @Mutation(() => Org, { description: 'Register a unit below one you administer (seed 003 §6(4))' })
  async registerOrg(@Arg('input', () => RegisterOrgInput) input: RegisterOrgInput, @Ctx() ctx: OrgContext): Promise<Org> {
    return registerOrg(input, ctx);
  }

  @Mutation(() => Org, { description: 'Rename a unit; the old name stays in its history (seed 003 §9(1))' })
  async renameOrg(
    @Arg('id', () => ID) id: string,
    @Arg('name', () => String) name: string,
    @Arg('shortName', () => String) shortName: string,
    @Arg('reason', () => String, { nullable: true }) reason: string | undefined,
    @Ctx() ctx: OrgContext,
  ): Promise<Org> {
    return renameOrg(id, name, shortName, reason, ctx);
  }

  @Mutation(() => Org, { description: 'Merge units; returns the unit they became (seed 003 §9(3))' })
  async mergeOrgs(@Arg('input', () => MergeOrgsInput) input: MergeOrgsInput, @Ctx() ctx: OrgContext): Promise<Org> {
    return mergeOrgs(input, ctx);
  }

  @Mutation(() => Org, {
    description: 'Dissolve a unit below yours: it is closed, its accounts disabled, and its archive kept by another unit (seed 003 §9(2))',
  })
  async dissolveOrg(
    @Arg('id', () => ID) id: string,
    @Arg('reason', () => String) reason: string,
    @Arg('archiveCustodianId', () => ID, { nullable: true, description: 'The unit that keeps its archive; its superior unless another is named' })
    archiveCustodianId: string | null,
    @Ctx() ctx: OrgContext,
  ): Promise<Org> {
    return dissolveOrg(id, reason, archiveCustodianId, ctx);
  }

  @Mutation(() => Org, { description: 'Move a unit (and everything below it) under another superior unit' })
  async moveOrg(@Arg('id', () => ID) id: string, @Arg('newParentId', () => ID) newParentId: string, @Ctx() ctx: OrgContext): Promise<Org> {
    return moveOrg(id, newParentId, ctx);
  }
}
