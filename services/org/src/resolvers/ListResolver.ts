// Saved distribution lists (分发组) of a unit: its administrators and clerks keep them, its senders use them.

import { Arg, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { createDistributionList, deleteDistributionList, distributionLists, updateDistributionList } from '../app/distribution-lists.ts';
import type { OrgContext } from '../deps.ts';
import { DistributionList } from '../entities/DistributionList.ts';
import { Org } from '../entities/Org.ts';

@Resolver(() => DistributionList)
export class ListResolver {
  @Query(() => [DistributionList], { description: "A unit's saved distribution lists" })
  async distributionLists(@Arg('orgId', () => ID, { nullable: true }) orgId: string | undefined, @Ctx() ctx: OrgContext) {
    return distributionLists(orgId, ctx);
  }

  @FieldResolver(() => [Org])
  async members(@Root() list: DistributionList, @Ctx() ctx: OrgContext) {
    return ctx.em.find(Org, { id: { $in: list.memberIds } }, { orderBy: { path: 'asc' } });
  }

  @Mutation(() => DistributionList)
  async createDistributionList(@Arg('name', () => String) name: string, @Arg('memberIds', () => [ID]) memberIds: string[], @Ctx() ctx: OrgContext) {
    return createDistributionList(name, memberIds, ctx);
  }

  @Mutation(() => DistributionList)
  async updateDistributionList(@Arg('id', () => ID) id: string, @Arg('memberIds', () => [ID]) memberIds: string[], @Ctx() ctx: OrgContext) {
    return updateDistributionList(id, memberIds, ctx);
  }

  @Mutation(() => Boolean)
  async deleteDistributionList(@Arg('id', () => ID) id: string, @Ctx() ctx: OrgContext) {
    return deleteDistributionList(id, ctx);
  }
}
