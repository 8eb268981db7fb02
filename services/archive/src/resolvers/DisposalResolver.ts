// Appraisal at the end of retention: the archivist proposes to destroy or to keep longer, the unit's head decides.
// A destroyed record keeps its catalogue entry and a destruction record; its content is erased. On hold, never.

import { Arg, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import { appraisalDue, decideDisposal, disposals, proposeDisposal } from '../app/disposal.ts';
import type { ArchiveContext } from '../deps.ts';
import { ArchiveRecord } from '../entities/ArchiveRecord.ts';
import { Disposal, FONDS_ARG } from './types.ts';

@Resolver()
export class DisposalResolver {
  @Query(() => [ArchiveRecord], { description: 'Records whose retention has ended, for appraisal (those on hold are left out)' })
  async appraisalDue(
    @Arg('asOf', () => Date, { nullable: true }) asOf: Date | null,
    @Arg('fondsId', () => ID, FONDS_ARG) fondsId: string | null,
    @Ctx() ctx: ArchiveContext,
  ) {
    return appraisalDue(asOf, fondsId, ctx);
  }

  @Query(() => [Disposal], { description: 'Proposals to destroy or keep longer, newest first' })
  async disposals(@Arg('fondsId', () => ID, FONDS_ARG) fondsId: string | null, @Ctx() ctx: ArchiveContext) {
    return disposals(fondsId, ctx);
  }

  @Mutation(() => Disposal, { description: 'Propose to destroy a record (its retention has ended) or to keep it longer; the unit head decides' })
  async proposeDisposal(
    @Arg('recordId', () => ID) recordId: string,
    @Arg('decision', () => String) decision: string,
    @Arg('reason', () => String) reason: string,
    @Arg('extendTo', () => String, { nullable: true }) extendTo: string | null,
    @Ctx() ctx: ArchiveContext,
  ) {
    return proposeDisposal(recordId, decision, reason, extendTo, ctx);
  }

  @Mutation(() => Disposal, { description: 'The unit head (LEADER) approves or rejects a proposal; an approved destruction erases the content' })
  async decideDisposal(@Arg('id', () => ID) id: string, @Arg('approve', () => Boolean) approve: boolean, @Ctx() ctx: ArchiveContext) {
    return decideDisposal(id, approve, ctx);
  }
}
