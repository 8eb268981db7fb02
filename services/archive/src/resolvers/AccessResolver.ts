// 调阅登记 (seed 003 §37): reading an archived record takes a request with its purpose, approved by the unit's
// archivist (not the one asking); every view and download is registered. Other units see nothing of the archive.

import { Arg, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import { archiveAccessLog, archiveAccessRequests, decideArchiveAccess, downloadArchivedFile, readArchivedRecord, requestArchiveAccess } from '../app/access.ts';
import type { ArchiveContext } from '../deps.ts';
import { AccessLogEntry, AccessRequest, ArchivedContent, FONDS_ARG } from './types.ts';

@Resolver()
export class AccessResolver {
  @Mutation(() => AccessRequest, { description: 'Ask to read an archived record, saying why' })
  async requestArchiveAccess(@Arg('recordId', () => ID) recordId: string, @Arg('purpose', () => String) purpose: string, @Ctx() ctx: ArchiveContext) {
    return requestArchiveAccess(recordId, purpose, ctx);
  }

  @Query(() => [AccessRequest], {
    description: 'Access requests in your unit, newest first (for its archivists and head all of them, for anyone else their own)',
  })
  async archiveAccessRequests(
    @Arg('status', () => String, { nullable: true }) status: string | null,
    @Arg('fondsId', () => ID, FONDS_ARG) fondsId: string | null,
    @Ctx() ctx: ArchiveContext,
  ) {
    return archiveAccessRequests(status, fondsId, ctx);
  }

  @Mutation(() => AccessRequest, {
    description:
      'An archivist or the head of the unit approves (for seven days) or rejects an access request, never the one who asked; a rejection says why (reason, one line of 2–200 characters), which the one who asked reads',
  })
  async decideArchiveAccess(
    @Arg('id', () => ID) id: string,
    @Arg('approve', () => Boolean) approve: boolean,
    @Arg('reason', () => String, { nullable: true }) reason: string | undefined,
    @Ctx() ctx: ArchiveContext,
  ) {
    return decideArchiveAccess(id, approve, reason ?? null, ctx);
  }

  @Query(() => ArchivedContent, { description: 'Read an archived record under your approved request: registered as a view' })
  async readArchivedRecord(@Arg('recordId', () => ID) recordId: string, @Ctx() ctx: ArchiveContext): Promise<ArchivedContent> {
    return readArchivedRecord(recordId, ctx);
  }

  @Query(() => String, { description: 'Download one archived file (base64) under your approved request: registered as a download' })
  async downloadArchivedFile(
    @Arg('recordId', () => ID) recordId: string,
    @Arg('sha256', () => String) sha256: string,
    @Ctx() ctx: ArchiveContext,
  ): Promise<string> {
    return downloadArchivedFile(recordId, sha256, ctx);
  }

  @Query(() => [AccessLogEntry], { description: 'The access register of a record' })
  async archiveAccessLog(@Arg('recordId', () => ID) recordId: string, @Ctx() ctx: ArchiveContext): Promise<AccessLogEntry[]> {
    return archiveAccessLog(recordId, ctx);
  }
}
