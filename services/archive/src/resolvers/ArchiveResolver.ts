// The archive (seed 003 ch. 9): what waits to be archived, ingest by hand, the catalogue, four-property checks on
// demand, metadata corrections as versions (the record itself never changes), holds, the unit's retention table,
// statistics, and the evidence chain.

import { type GraphQLResolveInfo, Kind } from 'graphql';
import { GraphQLJSON } from 'graphql-scalars';
import { Arg, Ctx, FieldResolver, ID, Info, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { archivalQueue, archiveMetadataVersions, archiveRecord, archiveRecords, archiveStatistics, relatedRecords } from '../app/catalogue.ts';
import { archiveEvidenceChain, checkArchiveRecord } from '../app/checks.ts';
import { archiveFonds } from '../app/fonds.ts';
import { archiveFondsNumber, setArchiveFondsNumber } from '../app/fonds-number.ts';
import { archiveDocument } from '../app/ingest.ts';
import { archiveInformation } from '../app/ingest-information.ts';
import { correctArchiveMetadata } from '../app/metadata.ts';
import { retentionTable, setArchiveHold, setRetentionRule } from '../app/retention.ts';
import type { ArchiveContext } from '../deps.ts';
import { archiverOf } from '../domain/archiver.ts';
import { correctableElements } from '../domain/metadata.ts';
import { ArchiveRecord } from '../entities/ArchiveRecord.ts';
import {
  ArchiveFondsNumber,
  ArchiveStatistics,
  ChainVerification,
  FONDS_ARG,
  Fonds,
  MetadataElement,
  OrgRef,
  PendingDocument,
  RelatedRecord,
  RetentionEntry,
} from './types.ts';

/** Whether the query selects any of `fields` on what this field returns; a fragment counts as asking (not looked into). */
const asksFor = (info: GraphQLResolveInfo, fields: string[]) =>
  info.fieldNodes.some((node) => node.selectionSet?.selections.some((s) => s.kind !== Kind.FIELD || fields.includes(s.name.value)));

@Resolver()
export class ArchiveResolver {
  @Query(() => [PendingDocument], { description: '待归档: documents your unit sent or closed, and 信息 it published, that are not archived yet' })
  async archivalQueue(@Ctx() ctx: ArchiveContext, @Info() info: GraphQLResolveInfo): Promise<PendingDocument[]> {
    return archivalQueue(ctx, { progress: asksFor(info, ['recipients', 'unsigned']) });
  }

  @Query(() => [ArchiveRecord], { description: 'Your unit’s archive catalogue, newest first (metadata only; content through the access register)' })
  async archiveRecords(
    @Arg('year', () => Int, { nullable: true, description: '年度' }) year: number | null,
    @Arg('status', () => String, { nullable: true }) status: string | null,
    @Arg('search', () => String, {
      nullable: true,
      description: 'Words separated by spaces, each found in the title, 文号 (any brackets read as 〔〕), 档号, 主送 or 抄送, or a 发文’s recipient units',
    })
    search: string | null,
    @Arg('fondsId', () => ID, FONDS_ARG) fondsId: string | null,
    @Arg('retention', () => String, { nullable: true, description: '保管期限: PERMANENT, Y30 or Y10' }) retention: string | null,
    @Arg('docType', () => String, { nullable: true, description: '文种 (通知, 批复 … 信息)' }) docType: string | null,
    @Ctx() ctx: ArchiveContext,
  ): Promise<ArchiveRecord[]> {
    return archiveRecords({ year, status, search, retention, docType }, fondsId, ctx);
  }

  @Query(() => ArchiveFondsNumber, { description: '全宗号: the number the archives gave your unit, which new 档号 begin with (its code until set)' })
  async archiveFondsNumber(@Ctx() ctx: ArchiveContext): Promise<ArchiveFondsNumber> {
    return archiveFondsNumber(ctx);
  }

  @Mutation(() => ArchiveFondsNumber, {
    description: 'Set your unit’s 全宗号 (its archivist or administrator): what is archived from now on is numbered under it; records keep their 档号',
  })
  async setArchiveFondsNumber(@Arg('fondsNumber', () => String) fondsNumber: string, @Ctx() ctx: ArchiveContext): Promise<ArchiveFondsNumber> {
    return setArchiveFondsNumber(fondsNumber, ctx);
  }

  @Query(() => [Fonds], { description: '全宗: the fonds your unit keeps — its own, then closed units’ in its custody (seed 003 §9(2))' })
  async archiveFonds(@Ctx() ctx: ArchiveContext): Promise<Fonds[]> {
    return archiveFonds(ctx);
  }

  @Query(() => ArchiveRecord)
  async archiveRecord(@Arg('id', () => ID) id: string, @Ctx() ctx: ArchiveContext): Promise<ArchiveRecord> {
    return archiveRecord(id, ctx);
  }

  @Mutation(() => ArchiveRecord, { description: 'Archive your unit’s copy of a sent document now (the archivist, by hand)' })
  async archiveDocument(@Arg('documentId', () => ID) documentId: string, @Ctx() ctx: ArchiveContext): Promise<ArchiveRecord> {
    return archiveDocument(documentId, ctx);
  }

  @Mutation(() => ArchiveRecord, { description: 'Archive a 信息 your unit published (seed 003 §34), in its own series (…-XX-0001)' })
  async archiveInformation(@Arg('informationId', () => ID) informationId: string, @Ctx() ctx: ArchiveContext): Promise<ArchiveRecord> {
    return archiveInformation(informationId, ctx);
  }

  @Mutation(() => ArchiveRecord, { description: '四性检测 on demand: the checks run again on the record as the archive holds it now' })
  async checkArchiveRecord(@Arg('id', () => ID) id: string, @Ctx() ctx: ArchiveContext): Promise<ArchiveRecord> {
    return checkArchiveRecord(id, ctx);
  }

  @Mutation(() => ArchiveRecord, { description: 'Correct a record’s metadata: a new version; the earlier ones are kept and the content never changes' })
  async correctArchiveMetadata(
    @Arg('id', () => ID) id: string,
    @Arg('changes', () => GraphQLJSON) changes: Record<string, unknown>,
    @Arg('reason', () => String) reason: string,
    @Ctx() ctx: ArchiveContext,
  ): Promise<ArchiveRecord> {
    return correctArchiveMetadata(id, changes, reason, ctx);
  }

  @Query(() => GraphQLJSON, { description: 'The earlier metadata versions of a record, oldest first' })
  async archiveMetadataVersions(@Arg('id', () => ID) id: string, @Ctx() ctx: ArchiveContext) {
    return archiveMetadataVersions(id, ctx);
  }

  @Mutation(() => ArchiveRecord, { description: 'Put a record on hold (it is not destroyed whatever its retention), or release it' })
  async setArchiveHold(
    @Arg('id', () => ID) id: string,
    @Arg('hold', () => Boolean) hold: boolean,
    @Arg('reason', () => String) reason: string,
    @Ctx() ctx: ArchiveContext,
  ) {
    return setArchiveHold(id, hold, reason, ctx);
  }

  @Query(() => [RetentionEntry], { description: 'Your unit’s retention table: each document type’s retention at archiving, the unit’s own or the default' })
  async retentionTable(@Ctx() ctx: ArchiveContext): Promise<RetentionEntry[]> {
    return retentionTable(ctx);
  }

  @Mutation(() => Boolean, { description: 'Set how long your unit keeps a document type (its retention table)' })
  async setRetentionRule(@Arg('docType', () => String) docType: string, @Arg('retention', () => String) retention: string, @Ctx() ctx: ArchiveContext) {
    return setRetentionRule(docType, retention, ctx);
  }

  @Query(() => ArchiveStatistics, { description: 'Your unit’s archive in a year (seed 003 §38)' })
  async archiveStatistics(
    @Arg('year', () => Int) year: number,
    @Arg('fondsId', () => ID, FONDS_ARG) fondsId: string | null,
    @Ctx() ctx: ArchiveContext,
  ): Promise<ArchiveStatistics> {
    return archiveStatistics(year, fondsId, ctx);
  }

  @Query(() => ChainVerification, { description: 'Verify your unit’s evidence chain: whole, or its first broken link' })
  async archiveEvidenceChain(@Arg('fondsId', () => ID, FONDS_ARG) fondsId: string | null, @Ctx() ctx: ArchiveContext): Promise<ChainVerification> {
    return archiveEvidenceChain(fondsId, ctx);
  }
}

@Resolver(() => Fonds)
export class FondsFields {
  @FieldResolver(() => OrgRef, { description: 'The unit whose archive it is' })
  unit(@Root() fonds: Fonds): OrgRef {
    return { id: fonds.unitId };
  }
}

/** A record's fields worked out from what it holds. */
@Resolver(() => ArchiveRecord)
export class ArchiveRecordFields {
  @FieldResolver(() => [MetadataElement], { description: '更正元数据: the elements a correction may change, with their values now' })
  correctableElements(@Root() record: ArchiveRecord): MetadataElement[] {
    return correctableElements(record.metadata ?? {}, record.role);
  }

  @FieldResolver(() => [RelatedRecord], {
    description: 'Documents filed with it (DA/T 22: 来文与复文, a 请示 and its 批复; 转发; 修改后重发), with your unit’s records of them',
  })
  relatedRecords(@Root() record: ArchiveRecord, @Ctx() ctx: ArchiveContext): Promise<RelatedRecord[]> {
    return relatedRecords(record, ctx);
  }

  @FieldResolver(() => String, { description: 'Who archived it, by name: the archivist, or the clerk whose 办结 archived it' })
  archiverName(@Root() record: ArchiveRecord): string {
    return archiverOf(record.archivedByName).name;
  }

  @FieldResolver(() => Boolean, { description: 'Archived by its clerk’s 办结 (the unit’s copy of a document received), not by an archivist' })
  archivedOnClose(@Root() record: ArchiveRecord): boolean {
    return archiverOf(record.archivedByName).onClose;
  }
}
