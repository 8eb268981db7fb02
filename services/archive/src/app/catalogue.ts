// Reading the archive: what waits to be archived (待归档), the unit's catalogue, one record, its earlier metadata
// versions, and the year's statistics (seed 003 §38).

import { badInput, optionalText, requireCaller } from '@yizhan/common';
import { sql } from 'kysely';
import { type ArchiveContext } from '../deps.ts';
import { RELATION_WORDS, relationsIn } from '../domain/relations.ts';
import { checkArchiveYear, RECORD_STATUSES, RETENTIONS, type Retention } from '../domain/retention.ts';
import { searchWords } from '../domain/search.ts';
import { ArchiveRecord } from '../entities/ArchiveRecord.ts';
import type { ArchiveStatistics, PendingDocument, RelatedRecord } from '../resolvers/types.ts';
import { catalogueRecords, getRecord, recordsFiledWith } from '../store/records.ts';
import { withDb } from '../store/sql.ts';
import { fondsOf } from './fonds.ts';

/** What waits to be archived; with `progress`, each 发文's recipients and how many have not signed (a call to documents:
 * a 待办 list that only names what waits does not make it). */
export async function archivalQueue(ctx: ArchiveContext, { progress = true }: { progress?: boolean } = {}): Promise<PendingDocument[]> {
  const caller = requireCaller(ctx);
  const rows = await withDb(ctx.em, (db) =>
    db
      .selectFrom('archive.pending')
      .select(['document_id', 'role', 'title', 'doc_number', 'reason', 'created_at'])
      .where('org_id', '=', caller.orgId)
      .where('record_id', 'is', null)
      .orderBy('created_at')
      .execute(),
  );
  // A 发文 may wait here before every recipient has signed for it: the archivist sees how many have not, asked of
  // documents in one call (of up to 500) for the whole queue.
  const sent = progress ? rows.filter((r) => r.role === 'SENDER').map((r) => r.document_id) : [];
  const of = new Map<string, { recipients: number; signed: number }>();
  for (let i = 0; i < sent.length; i += 500) {
    const { progress } = await ctx.deps.documents.call('sent-progress', ctx.callerHeader, { documentIds: sent.slice(i, i + 500) });
    for (const p of progress) of.set(p.documentId, p);
  }
  return rows.map((r) => {
    const p = r.role === 'SENDER' ? of.get(r.document_id) : undefined;
    return {
      documentId: r.document_id,
      role: r.role,
      title: r.title,
      docNumber: r.doc_number,
      reason: r.reason,
      createdAt: new Date(r.created_at),
      recipients: p?.recipients ?? null,
      unsigned: p ? p.recipients - p.signed : null,
    };
  });
}

/** What the catalogue may be narrowed to: 年度, status, 保管期限, 文种, and the words searched. */
export interface CatalogueQuery {
  year: number | null;
  status: string | null;
  search: string | null;
  retention: string | null;
  docType: string | null;
}

/** A fonds' catalogue (the unit's own unless one it keeps is named), each filter checked, BAD_INPUT naming it. */
export async function archiveRecords(q: CatalogueQuery, fondsId: string | null, ctx: ArchiveContext): Promise<ArchiveRecord[]> {
  const fonds = await fondsOf(ctx, fondsId);
  if (q.status && !RECORD_STATUSES.includes(q.status)) throw badInput(`status is one of ${RECORD_STATUSES.join(', ')}`, 'status');
  if (q.retention && !RETENTIONS.includes(q.retention as Retention)) throw badInput(`retention is one of ${RETENTIONS.join(', ')}`, 'retention');
  return catalogueRecords(ctx.em, {
    orgId: fonds.orgId,
    year: q.year == null ? null : checkArchiveYear(q.year),
    status: q.status || null,
    retention: q.retention || null,
    docType: optionalText(q.docType, 'docType', { max: 20, line: true }),
    words: searchWords(q.search),
  });
}

export async function archiveRecord(id: string, ctx: ArchiveContext): Promise<ArchiveRecord> {
  return getRecord(ctx.em, id, requireCaller(ctx).orgId);
}

/**
 * The documents filed with a record: those it names (the 来文 a 批复 answers …) and the records of its fonds that name
 * it (the 复文 of a 请示 …), each with the fonds' own record of it when there is one. Only the record's own fonds is
 * read: another unit's archive is never looked into.
 */
export async function relatedRecords(record: ArchiveRecord, ctx: ArchiveContext): Promise<RelatedRecord[]> {
  requireCaller(ctx);
  const named = relationsIn(record.metadata ?? {});
  const rows = await recordsFiledWith(
    ctx.em,
    record.orgId,
    named.map((r) => r.documentId),
    record.documentId,
  );
  const recordOf = (documentId: string) => rows.find((r) => r.document_id === documentId && r.id !== record.id);
  const toNamed = named.map((r) => {
    const kept = recordOf(r.documentId);
    return {
      relation: RELATION_WORDS[r.kind].named,
      documentId: r.documentId,
      title: r.title,
      docNumber: r.docNumber,
      recordId: kept?.id ?? null,
      archivalNumber: kept?.archival_number ?? null,
    };
  });
  const naming = rows.flatMap((row) =>
    row.id === record.id
      ? []
      : relationsIn(row.metadata as Record<string, unknown>)
          .filter((r) => r.documentId === record.documentId)
          .map((r) => ({
            relation: RELATION_WORDS[r.kind].naming,
            documentId: row.document_id,
            title: row.title,
            docNumber: row.doc_number,
            recordId: row.id,
            archivalNumber: row.archival_number,
          })),
  );
  return [...toNamed, ...naming];
}

export async function archiveMetadataVersions(id: string, ctx: ArchiveContext) {
  const r = await getRecord(ctx.em, id, requireCaller(ctx).orgId);
  return withDb(ctx.em, (db) =>
    db
      .selectFrom('archive.metadata_versions')
      .select(['version', 'metadata', 'reason', 'changed_by_name', 'at'])
      .where('record_id', '=', r.id)
      .orderBy('version')
      .execute(),
  );
}

export async function archiveStatistics(year: number, fondsId: string | null, ctx: ArchiveContext): Promise<ArchiveStatistics> {
  const fonds = await fondsOf(ctx, fondsId);
  checkArchiveYear(year);
  // The year's figures in one transaction, in the caller's scope, of the fonds named. count(*) is a bigint, which node-postgres hands over
  // as text.
  const counts = (rows: { key: string; count: string | number | bigint }[]) => rows.map((r) => ({ key: r.key, count: Number(r.count) }));
  const beijingYearOf = (column: string) => sql<number>`extract(year from ${sql.ref(column)} at time zone 'Asia/Shanghai')`;
  return withDb(ctx.em, async (db) => {
    const records = db.selectFrom('archive.records').where('org_id', '=', fonds.orgId).where('year', '=', year).where('status', '<>', 'DESTROYED');
    const byType = counts(
      await records
        .select((eb) => ['doc_type as key', eb.fn.countAll().as('count')])
        .groupBy('doc_type')
        .orderBy('count', 'desc')
        .execute(),
    );
    const byRetention = counts(
      await records
        .select((eb) => ['retention as key', eb.fn.countAll().as('count')])
        .groupBy('retention')
        .execute(),
    );
    const n = (row: { n: string | number | bigint } | undefined) => Number(row?.n ?? 0);
    return {
      year,
      records: byType.reduce((sum, c) => sum + c.count, 0),
      byType,
      byRetention,
      ingests: n(
        await db
          .selectFrom('archive.records')
          .select((eb) => eb.fn.countAll().as('n'))
          .where('org_id', '=', fonds.orgId)
          .where(beijingYearOf('archived_at'), '=', year)
          .executeTakeFirst(),
      ),
      quarantined: n(
        await db
          .selectFrom('archive.records')
          .select((eb) => eb.fn.countAll().as('n'))
          .where('org_id', '=', fonds.orgId)
          .where('year', '=', year)
          .where('status', '=', 'QUARANTINED')
          .executeTakeFirst(),
      ),
      accesses: counts(
        await db
          .selectFrom('archive.access_log as l')
          .innerJoin('archive.records as r', 'r.id', 'l.record_id')
          .select((eb) => ['l.action as key', eb.fn.countAll().as('count')])
          .where('r.org_id', '=', fonds.orgId)
          .where(beijingYearOf('l.at'), '=', year)
          .groupBy('l.action')
          .execute(),
      ),
      destructions: n(
        await db
          .selectFrom('archive.disposals as d')
          .innerJoin('archive.records as r', 'r.id', 'd.record_id')
          .select((eb) => eb.fn.countAll().as('n'))
          .where('r.org_id', '=', fonds.orgId)
          .where('d.decision', '=', 'DESTROY')
          .where('d.status', '=', 'APPROVED')
          .where(beijingYearOf('d.decided_at'), '=', year)
          .executeTakeFirst(),
      ),
    };
  });
}
