// The archive (seed 003 ch. 9): what waits to be archived, ingest by hand, the catalogue, four-property checks on
// demand, metadata corrections as versions (the record itself never changes), holds, the unit's retention table,
// statistics, and the evidence chain.
import type { EntityManager } from '@mikro-orm/postgresql';
import { badInput, notFound, requireCaller, requireRole } from '@yizhan/common';
import { isUuid } from '@yizhan/kernel';
import { GraphQLJSON } from 'graphql-scalars';
import { Arg, Ctx, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import type { ArchiveContext } from '../deps.ts';
import { RETENTIONS, type Retention } from '../domain/retention.ts';
import { ArchiveRecord } from '../entities/ArchiveRecord.ts';
import { appendChain, chainOf, getRecord, ingest, runCheck, verifyChain, verifyStamp } from '../store.ts';
import { ArchiveStatistics, ChainVerification, PendingDocument } from './types.ts';

const unitOf = (r: { orgId: string; orgPath: string }) => ({ orgId: r.orgId, orgPath: r.orgPath });

@Resolver()
export class ArchiveResolver {
  @Query(() => [PendingDocument], { description: '待归档: documents your unit sent or closed that are not archived yet' })
  async archivalQueue(@Ctx() ctx: ArchiveContext): Promise<PendingDocument[]> {
    const caller = requireCaller(ctx);
    const rows = (await ctx.em.execute(
      'select document_id, role, title, doc_number, reason, created_at from archive.pending where org_id = ? and record_id is null order by created_at',
      [caller.orgId],
    )) as { document_id: string; role: string; title: string | null; doc_number: string | null; reason: string; created_at: Date }[];
    return rows.map((r) => ({
      documentId: r.document_id,
      role: r.role,
      title: r.title,
      docNumber: r.doc_number,
      reason: r.reason,
      createdAt: new Date(r.created_at),
    }));
  }

  @Query(() => [ArchiveRecord], { description: 'Your unit’s archive catalogue, newest first (metadata only; content through the access register)' })
  async archiveRecords(
    @Arg('year', () => Int, { nullable: true }) year: number | null,
    @Arg('status', () => String, { nullable: true }) status: string | null,
    @Arg('search', () => String, { nullable: true }) search: string | null,
    @Ctx() ctx: ArchiveContext,
  ): Promise<ArchiveRecord[]> {
    const caller = requireCaller(ctx);
    const where: Record<string, unknown> = { orgId: caller.orgId };
    if (year) where.year = year;
    if (status) where.status = status;
    if (search?.trim())
      where.$or = [
        { title: { $ilike: `%${search.trim()}%` } },
        { docNumber: { $ilike: `%${search.trim()}%` } },
        { archivalNumber: { $ilike: `%${search.trim()}%` } },
      ];
    return ctx.em.find(ArchiveRecord, where, { orderBy: { archivedAt: 'desc' }, limit: 500 });
  }

  @Query(() => ArchiveRecord)
  async archiveRecord(@Arg('id', () => ID) id: string, @Ctx() ctx: ArchiveContext): Promise<ArchiveRecord> {
    requireCaller(ctx);
    return getRecord(ctx.em, id);
  }

  @Mutation(() => ArchiveRecord, { description: 'Archive your unit’s copy of a sent document now (the archivist, by hand)' })
  async archiveDocument(@Arg('documentId', () => ID) documentId: string, @Ctx() ctx: ArchiveContext): Promise<ArchiveRecord> {
    const caller = requireCaller(ctx);
    requireRole(caller, 'ARCHIVIST');
    if (!isUuid(documentId)) throw notFound('Document', documentId);
    return ingest(ctx, caller, documentId, caller.username);
  }

  @Mutation(() => ArchiveRecord, { description: '四性检测 on demand: the checks run again on the record as the archive holds it now' })
  async checkArchiveRecord(@Arg('id', () => ID) id: string, @Ctx() ctx: ArchiveContext): Promise<ArchiveRecord> {
    const caller = requireCaller(ctx);
    requireRole(caller, 'ARCHIVIST');
    const r = await getRecord(ctx.em, id);
    if (r.status === 'DESTROYED') throw badInput('A destroyed record has no content left to check', 'id');
    const stamp = r.stamp as { stamp: Record<string, unknown> } | null;
    const verification = await verifyStamp(ctx, r.documentId, r.canonical, stamp?.stamp ?? null);
    return ctx.em.transactional(async (tx) => {
      const em = tx as EntityManager;
      const record = await getRecord(em, id);
      const report = await runCheck(ctx, em, record, verification);
      record.checkReport = report as unknown as Record<string, unknown>;
      record.status = report.passed ? 'ARCHIVED' : 'QUARANTINED';
      await em.flush();
      await appendChain(em, unitOf(record), 'CHECK', record.id, { passed: report.passed, by: caller.username });
      return record;
    });
  }

  @Mutation(() => ArchiveRecord, { description: 'Correct a record’s metadata: a new version; the earlier ones are kept and the content never changes' })
  async correctArchiveMetadata(
    @Arg('id', () => ID) id: string,
    @Arg('changes', () => GraphQLJSON) changes: Record<string, unknown>,
    @Arg('reason', () => String) reason: string,
    @Ctx() ctx: ArchiveContext,
  ): Promise<ArchiveRecord> {
    const caller = requireCaller(ctx);
    requireRole(caller, 'ARCHIVIST');
    if (!reason.trim()) throw badInput('Give the basis of the correction', 'reason');
    if (!changes || typeof changes !== 'object' || Array.isArray(changes) || !Object.keys(changes).length)
      throw badInput('Name the metadata elements to correct', 'changes');
    const protectedKeys = ['id', 'attachments', 'orgId'].filter((k) => k in changes);
    if (protectedKeys.length) throw badInput(`These are part of the record, not corrections: ${protectedKeys.join(', ')}`, 'changes');
    return ctx.em.transactional(async (tx) => {
      const em = tx as EntityManager;
      const r = await getRecord(em, id);
      await em.execute(
        'insert into archive.metadata_versions (record_id, org_path, version, metadata, reason, changed_by_name) values (?, ?::ltree, ?, ?, ?, ?)',
        [r.id, r.orgPath, r.metadataVersion, JSON.stringify(r.metadata), reason.trim(), caller.username],
      );
      r.metadata = { ...r.metadata, ...changes };
      r.metadataVersion += 1;
      if (typeof changes.title === 'string') r.title = changes.title;
      await em.flush();
      await appendChain(em, unitOf(r), 'CORRECT', r.id, { version: r.metadataVersion, changes, reason: reason.trim(), by: caller.username });
      return r;
    });
  }

  @Query(() => GraphQLJSON, { description: 'The earlier metadata versions of a record, oldest first' })
  async archiveMetadataVersions(@Arg('id', () => ID) id: string, @Ctx() ctx: ArchiveContext) {
    requireCaller(ctx);
    const r = await getRecord(ctx.em, id);
    return ctx.em.execute('select version, metadata, reason, changed_by_name, at from archive.metadata_versions where record_id = ? order by version', [r.id]);
  }

  @Mutation(() => ArchiveRecord, { description: 'Put a record on hold (it is not destroyed whatever its retention), or release it' })
  async setArchiveHold(
    @Arg('id', () => ID) id: string,
    @Arg('hold', () => Boolean) hold: boolean,
    @Arg('reason', () => String) reason: string,
    @Ctx() ctx: ArchiveContext,
  ) {
    const caller = requireCaller(ctx);
    requireRole(caller, 'ARCHIVIST');
    if (!reason.trim()) throw badInput('Give the reason', 'reason');
    return ctx.em.transactional(async (tx) => {
      const em = tx as EntityManager;
      const r = await getRecord(em, id);
      r.hold = hold;
      r.holdReason = hold ? reason.trim() : null;
      await em.flush();
      await appendChain(em, unitOf(r), hold ? 'HOLD' : 'RELEASE', r.id, { reason: reason.trim(), by: caller.username });
      return r;
    });
  }

  @Mutation(() => Boolean, { description: 'Set how long your unit keeps a document type (its retention table)' })
  async setRetentionRule(@Arg('docType', () => String) docType: string, @Arg('retention', () => String) retention: string, @Ctx() ctx: ArchiveContext) {
    const caller = requireCaller(ctx);
    requireRole(caller, 'ARCHIVIST');
    if (!RETENTIONS.includes(retention as Retention)) throw badInput(`retention is one of ${RETENTIONS.join(', ')}`, 'retention');
    await ctx.em.execute(
      `insert into archive.retention_rules (org_id, org_path, doc_type, retention) values (?, ?::ltree, ?, ?)
       on conflict (org_id, doc_type) do update set retention = excluded.retention`,
      [caller.orgId, caller.orgPath, docType.trim(), retention],
    );
    return true;
  }

  @Query(() => ArchiveStatistics, { description: 'Your unit’s archive in a year (seed 003 §38)' })
  async archiveStatistics(@Arg('year', () => Int) year: number, @Ctx() ctx: ArchiveContext): Promise<ArchiveStatistics> {
    const caller = requireCaller(ctx);
    const q = async (sql: string, params: unknown[]) => (await ctx.em.execute(sql, params)) as { key: string; count: string }[];
    const counts = (rows: { key: string; count: string }[]) => rows.map((r) => ({ key: r.key, count: Number(r.count) }));
    const byType = counts(
      await q(
        "select doc_type as key, count(*) from archive.records where org_id = ? and year = ? and status <> 'DESTROYED' group by doc_type order by 2 desc",
        [caller.orgId, year],
      ),
    );
    const byRetention = counts(
      await q("select retention as key, count(*) from archive.records where org_id = ? and year = ? and status <> 'DESTROYED' group by retention", [
        caller.orgId,
        year,
      ]),
    );
    const one = async (sql: string) => Number(((await ctx.em.execute(sql, [caller.orgId, year])) as { n: string }[])[0]?.n ?? 0);
    return {
      year,
      records: byType.reduce((n, c) => n + c.count, 0),
      byType,
      byRetention,
      ingests: await one("select count(*) n from archive.records where org_id = ? and extract(year from archived_at at time zone 'Asia/Shanghai') = ?"),
      quarantined: await one("select count(*) n from archive.records where org_id = ? and year = ? and status = 'QUARANTINED'"),
      accesses: counts(
        await q(
          "select l.action as key, count(*) from archive.access_log l join archive.records r on r.id = l.record_id where r.org_id = ? and extract(year from l.at at time zone 'Asia/Shanghai') = ? group by l.action",
          [caller.orgId, year],
        ),
      ),
      destructions: await one(
        "select count(*) n from archive.disposals d join archive.records r on r.id = d.record_id where r.org_id = ? and d.decision = 'DESTROY' and d.status = 'APPROVED' and extract(year from d.decided_at at time zone 'Asia/Shanghai') = ?",
      ),
    };
  }

  @Query(() => ChainVerification, { description: 'Verify your unit’s evidence chain: whole, or its first broken link' })
  async archiveEvidenceChain(@Ctx() ctx: ArchiveContext): Promise<ChainVerification> {
    const caller = requireCaller(ctx);
    const v = verifyChain(await chainOf(ctx.em, caller.orgId));
    return { length: v.length, whole: !v.firstBroken, brokenAt: v.firstBroken?.seq ?? null, reason: v.firstBroken?.reason ?? null };
  }
}
