// Reading the archive: what waits to be archived (待归档), the unit's catalogue, one record, its earlier metadata
// versions, and the year's statistics (seed 003 §38).

import { requireCaller } from '@yizhan/common';
import { type ArchiveContext } from '../deps.ts';
import { ArchiveRecord } from '../entities/ArchiveRecord.ts';
import type { ArchiveStatistics, PendingDocument } from '../resolvers/types.ts';
import { getRecord } from '../store/records.ts';

export async function archivalQueue(ctx: ArchiveContext): Promise<PendingDocument[]> {
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

export async function archiveRecords(year: number | null, status: string | null, search: string | null, ctx: ArchiveContext): Promise<ArchiveRecord[]> {
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

export async function archiveRecord(id: string, ctx: ArchiveContext): Promise<ArchiveRecord> {
  requireCaller(ctx);
  return getRecord(ctx.em, id);
}

export async function archiveMetadataVersions(id: string, ctx: ArchiveContext) {
  requireCaller(ctx);
  const r = await getRecord(ctx.em, id);
  return ctx.em.execute('select version, metadata, reason, changed_by_name, at from archive.metadata_versions where record_id = ? order by version', [r.id]);
}

export async function archiveStatistics(year: number, ctx: ArchiveContext): Promise<ArchiveStatistics> {
  const caller = requireCaller(ctx);
  const q = async (sql: string, params: unknown[]) => (await ctx.em.execute(sql, params)) as { key: string; count: string }[];
  const counts = (rows: { key: string; count: string }[]) => rows.map((r) => ({ key: r.key, count: Number(r.count) }));
  const byType = counts(
    await q("select doc_type as key, count(*) from archive.records where org_id = ? and year = ? and status <> 'DESTROYED' group by doc_type order by 2 desc", [
      caller.orgId,
      year,
    ]),
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
