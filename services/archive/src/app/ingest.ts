// Ingest (归档): the caller's unit's copy of a sent or closed document into the archive — files into the archive's
// store, a gapless archival number within its class, the four-property checks, a link in the evidence chain.

import type { EntityManager } from '@mikro-orm/postgresql';
import { beijingYear, type Caller, canonicalJson, conflict, notFound, personName, requireCaller, requireRole } from '@yizhan/common';
import { isUuid, sha256Hex } from '@yizhan/kernel';
import { sql } from 'kysely';
import type { ArchiveContext } from '../deps.ts';
import { type Component } from '../domain/checks.ts';
import { ofdPageCount } from '../domain/pages.ts';
import { archivalNumber, defaultRetention, itemCategory, type Retention, retentionUntil } from '../domain/retention.ts';
import { ArchiveRecord } from '../entities/ArchiveRecord.ts';
import { appendChain } from '../store/records.ts';
import { withDb } from '../store/sql.ts';
import { runCheck } from './checks.ts';
import { callerUnit, verifyStamp } from './peers.ts';

const fixityOf = (metadata: unknown, components: unknown, canonical: string | null) => sha256Hex(canonicalJson({ metadata, components, canonical }));

/** Archives the caller's unit's copy of a sent document: files into the archive's store, a gapless number, the checks. */
export async function ingest(ctx: ArchiveContext, caller: Caller, documentId: string, by: string): Promise<ArchiveRecord> {
  const pkg = await ctx.deps.documents.call('archival-package', ctx.callerHeader, { documentId });
  const unit = await callerUnit(ctx);
  const already = await ctx.em.findOne(ArchiveRecord, { orgId: unit.id, documentId, role: pkg.role });
  if (already) throw conflict(`Already archived as ${already.archivalNumber}`, { recordId: already.id, archivalNumber: already.archivalNumber });
  const verification = await verifyStamp(ctx, documentId, pkg.canonical, pkg.stamp);

  // The files go into the archive's own store before anything is written: a record never points at a missing file.
  const components: Component[] = [];
  // The body, the attachments, the 版式文件 (OFD) the send laid it out as, and what the office files with them: its
  // 发文稿纸 or 收文处理单, and the sender's signed approvals.
  const files = [
    ['BODY', pkg.body] as const,
    ...pkg.attachments.map((a) => ['ATTACHMENT', a] as const),
    ...(pkg.layout ? [['LAYOUT', pkg.layout] as const] : []),
    ...(pkg.form ? [['FORM', pkg.form] as const] : []),
    ...(pkg.approvals ? [['APPROVALS', pkg.approvals] as const] : []),
  ];
  for (const [role, f] of files) {
    const content = Buffer.from(f.data, 'base64');
    const { sha256, size } = await ctx.deps.store.put(content);
    components.push({ role, name: f.name, contentType: f.contentType, sha256, size });
  }
  // 页数, counted from the 版式文件 the send laid the document out as (none without one).
  const pages = pkg.layout ? ofdPageCount(Buffer.from(pkg.layout.data, 'base64')) : null;
  const metadata = { ...pkg.document, pages, attachments: pkg.attachments.map((a) => ({ name: a.name, sha256: a.sha256 })) };
  const year = beijingYear(pkg.document.sentAt ? new Date(pkg.document.sentAt) : new Date());

  return ctx.em.transactional(async (tx) => {
    const em = tx as EntityManager;
    const rule = await withDb(em, (db) =>
      db
        .selectFrom('archive.retention_rules')
        .select('retention')
        .where('org_id', '=', unit.id)
        .where('doc_type', '=', pkg.document.docType)
        .executeTakeFirst(),
    );
    // The unit's retention table holds only retentions setRetentionRule accepted.
    const retention = (rule?.retention as Retention | undefined) ?? defaultRetention(pkg.document.docType);
    const category = itemCategory(retention, pkg.role);
    const { last_item: itemNo } = await withDb(em, (db) =>
      db
        .insertInto('archive.numbering')
        .values({ org_id: unit.id, org_path: unit.path, year, category, last_item: 1 })
        // The existing row is named by its table, unqualified, as PostgreSQL's ON CONFLICT has it.
        .onConflict((oc) => oc.columns(['org_id', 'year', 'category']).doUpdateSet({ last_item: sql<number>`numbering.last_item + 1` }))
        .returning('last_item')
        .executeTakeFirstOrThrow(),
    );
    const record = em.create(ArchiveRecord, {
      id: crypto.randomUUID(),
      orgId: unit.id,
      orgPath: unit.path,
      orgName: unit.name,
      documentId,
      role: pkg.role,
      fonds: unit.code,
      year,
      itemNo,
      numberedIn: category,
      retention,
      retentionUntil: retentionUntil(year, retention),
      archivalNumber: archivalNumber(unit.code, year, retention, pkg.role, itemNo),
      title: pkg.document.title,
      docType: pkg.document.docType,
      docNumber: pkg.document.docNumber,
      metadata,
      components: components as unknown as Record<string, unknown>[],
      canonical: pkg.canonical,
      stamp: pkg.stamp ? { stamp: pkg.stamp, verification } : null,
      events: pkg.deliveries,
      fixity: fixityOf(metadata, components, pkg.canonical),
      checkReport: {},
      status: 'ARCHIVED',
      archivedBy: caller.userId,
      archivedByName: by,
    });
    await em.flush();
    const report = await runCheck(ctx, em, record, verification);
    record.checkReport = report as unknown as Record<string, unknown>;
    record.status = report.passed ? 'ARCHIVED' : 'QUARANTINED';
    await em.flush();
    await withDb(em, (db) =>
      db
        .insertInto('archive.pending')
        .values({
          org_id: unit.id,
          org_path: unit.path,
          document_id: documentId,
          role: pkg.role,
          title: record.title,
          doc_number: record.docNumber,
          reason: 'archived',
          record_id: record.id,
        })
        .onConflict((oc) => oc.columns(['org_id', 'document_id', 'role']).doUpdateSet((eb) => ({ record_id: eb.ref('excluded.record_id') })))
        .execute(),
    );
    await appendChain(em, { orgId: unit.id, orgPath: unit.path }, 'INGEST', record.id, {
      archivalNumber: record.archivalNumber,
      fixity: record.fixity,
      passed: report.passed,
      by,
    });
    return record;
  });
}

export async function archiveDocument(documentId: string, ctx: ArchiveContext): Promise<ArchiveRecord> {
  const caller = requireCaller(ctx);
  requireRole(caller, 'ARCHIVIST');
  if (!isUuid(documentId)) throw notFound('Document', documentId);
  return ingest(ctx, caller, documentId, personName(caller));
}
