// Ingest (归档): the caller's unit's copy of a sent or closed document into the archive — files into the archive's
// store, a gapless archival number within its class, the four-property checks, a link in the evidence chain.

import type { EntityManager } from '@mikro-orm/postgresql';
import { beijingYear, type Caller, canonicalJson, conflict, notFound, personName, requireCaller, requireRole } from '@yizhan/common';
import { isUuid, sha256Hex } from '@yizhan/kernel';
import { sql } from 'kysely';
import type { ArchiveContext } from '../deps.ts';
import type { Component, ComponentRole } from '../domain/checks.ts';
import { ofdPageCount } from '../domain/pages.ts';
import { archivalNumber, defaultRetention, fondsForNumbers, itemCategory, type RecordRole, type Retention, retentionUntil } from '../domain/retention.ts';
import { ArchiveRecord } from '../entities/ArchiveRecord.ts';
import { fondsNumberOf } from '../store/fonds-number.ts';
import { appendChain } from '../store/records.ts';
import { withDb } from '../store/sql.ts';
import { runCheck } from './checks.ts';
import { callerUnit, type Verification, verifyStamp } from './peers.ts';

type Unit = Awaited<ReturnType<typeof callerUnit>>;

const fixityOf = (metadata: unknown, components: unknown, canonical: string | null) => sha256Hex(canonicalJson({ metadata, components, canonical }));

/** What the archive's store holds of the files handed to it, each as a component of the record. */
export async function storeFiles(ctx: ArchiveContext, files: readonly (readonly [ComponentRole, FileIn])[]): Promise<Component[]> {
  const components: Component[] = [];
  for (const [role, f] of files) {
    const { sha256, size } = await ctx.deps.store.put(f.content);
    components.push({ role, name: f.name, contentType: f.contentType, sha256, size });
  }
  return components;
}
type FileIn = { name: string; contentType: string; content: Buffer };

/** A record about to be filed: what it is a record of, its content (already in the store) and its evidence. */
export interface Filing {
  unit: Unit;
  /** The document's id, or the 信息's. */
  sourceId: string;
  role: RecordRole;
  title: string;
  docType: string;
  docNumber: string | null;
  year: number;
  metadata: Record<string, unknown>;
  components: Component[];
  canonical: string | null;
  stamp: Record<string, unknown> | null;
  verification: Verification | null;
  events: unknown[];
}

/** Refused when the unit has a record of it already. */
export async function refuseIfFiled(ctx: ArchiveContext, unitId: string, sourceId: string, role: RecordRole): Promise<void> {
  const already = await ctx.em.findOne(ArchiveRecord, { orgId: unitId, documentId: sourceId, role });
  if (already) throw conflict(`Already archived as ${already.archivalNumber}`, { recordId: already.id, archivalNumber: already.archivalNumber });
}

/** Files a record in one transaction: its retention from the unit's table, the next 件号 of its class, its 档号 under
 * the unit's 全宗号 (its code until one is set), the record, its four-property check, its entry in 待归档 marked done,
 * its link in the fonds' evidence chain. */
export async function file(ctx: ArchiveContext, caller: Caller, by: string, f: Filing): Promise<ArchiveRecord> {
  const { unit } = f;
  return ctx.em.transactional(async (tx) => {
    const em = tx as EntityManager;
    const rule = await withDb(em, (db) =>
      db.selectFrom('archive.retention_rules').select('retention').where('org_id', '=', unit.id).where('doc_type', '=', f.docType).executeTakeFirst(),
    );
    // The unit's retention table holds only retentions setRetentionRule accepted.
    const retention = (rule?.retention as Retention | undefined) ?? defaultRetention(f.docType);
    const category = itemCategory(retention, f.role);
    // Read in the filing's transaction: the 全宗号 set before this record is numbered is the one it carries.
    const fonds = fondsForNumbers((await fondsNumberOf(em, unit.id))?.fonds_number, unit.code);
    const { last_item: itemNo } = await withDb(em, (db) =>
      db
        .insertInto('archive.numbering')
        .values({ org_id: unit.id, org_path: unit.path, fonds, year: f.year, category, last_item: 1 })
        // The existing row is named by its table, unqualified, as PostgreSQL's ON CONFLICT has it.
        .onConflict((oc) => oc.columns(['org_id', 'fonds', 'year', 'category']).doUpdateSet({ last_item: sql<number>`numbering.last_item + 1` }))
        .returning('last_item')
        .executeTakeFirstOrThrow(),
    );
    const record = em.create(ArchiveRecord, {
      id: crypto.randomUUID(),
      orgId: unit.id,
      orgPath: unit.path,
      orgName: unit.name,
      documentId: f.sourceId,
      role: f.role,
      fonds,
      year: f.year,
      itemNo,
      numberedIn: category,
      retention,
      retentionUntil: retentionUntil(f.year, retention),
      archivalNumber: archivalNumber(fonds, f.year, retention, f.role, itemNo),
      title: f.title,
      docType: f.docType,
      docNumber: f.docNumber,
      metadata: f.metadata,
      components: f.components as unknown as Record<string, unknown>[],
      canonical: f.canonical,
      stamp: f.stamp ? { stamp: f.stamp, verification: f.verification } : null,
      events: f.events,
      fixity: fixityOf(f.metadata, f.components, f.canonical),
      checkReport: {},
      status: 'ARCHIVED',
      archivedBy: caller.userId,
      archivedByName: by,
    });
    await em.flush();
    const report = await runCheck(ctx, em, record, f.verification);
    record.checkReport = report as unknown as Record<string, unknown>;
    record.status = report.passed ? 'ARCHIVED' : 'QUARANTINED';
    await em.flush();
    await withDb(em, (db) =>
      db
        .insertInto('archive.pending')
        .values({
          org_id: unit.id,
          org_path: unit.path,
          document_id: f.sourceId,
          role: f.role,
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

/** Archives the caller's unit's copy of a sent document: files into the archive's store, a gapless number, the checks. */
export async function ingest(ctx: ArchiveContext, caller: Caller, documentId: string, by: string): Promise<ArchiveRecord> {
  const pkg = await ctx.deps.documents.call('archival-package', ctx.callerHeader, { documentId });
  const unit = await callerUnit(ctx);
  await refuseIfFiled(ctx, unit.id, documentId, pkg.role);
  const verification = await verifyStamp(ctx, documentId, pkg.canonical, pkg.stamp);

  // The files go into the archive's own store before anything is written: a record never points at a missing file.
  // The body, the attachments, the 版式文件 (OFD) the send laid it out as, and what the office files with them: its
  // 发文稿纸 or 收文处理单, and the sender's signed approvals.
  const decoded = (f: { name: string; contentType: string; data: string }) => ({
    name: f.name,
    contentType: f.contentType,
    content: Buffer.from(f.data, 'base64'),
  });
  const layout = pkg.layout ? decoded(pkg.layout) : null;
  const components = await storeFiles(ctx, [
    ['BODY', decoded(pkg.body)],
    ...pkg.attachments.map((a) => ['ATTACHMENT', decoded(a)] as const),
    ...(layout ? [['LAYOUT', layout] as const] : []),
    ...(pkg.form ? [['FORM', decoded(pkg.form)] as const] : []),
    ...(pkg.approvals ? [['APPROVALS', decoded(pkg.approvals)] as const] : []),
  ]);
  // 页数, counted from the 版式文件 the send laid the document out as (none without one).
  const pages = layout ? ofdPageCount(layout.content) : null;
  return file(ctx, caller, by, {
    unit,
    sourceId: documentId,
    role: pkg.role,
    title: pkg.document.title,
    docType: pkg.document.docType,
    docNumber: pkg.document.docNumber,
    year: beijingYear(pkg.document.sentAt ? new Date(pkg.document.sentAt) : new Date()),
    metadata: { ...pkg.document, pages, attachments: pkg.attachments.map((a) => ({ name: a.name, sha256: a.sha256 })) },
    components,
    canonical: pkg.canonical,
    stamp: pkg.stamp,
    verification,
    events: pkg.deliveries,
  });
}

export async function archiveDocument(documentId: string, ctx: ArchiveContext): Promise<ArchiveRecord> {
  const caller = requireCaller(ctx);
  requireRole(caller, 'ARCHIVIST');
  if (!isUuid(documentId)) throw notFound('Document', documentId);
  return ingest(ctx, caller, documentId, personName(caller));
}
