// 通报 (seeds 000 §24, 001 §16, 002 §10): publishing a bulletin of late and missing receipts below the caller's unit
// for a period (stored, with its PDF), reading the bulletins a unit published, and drafting the 通报 the unit issues
// from one (its drafter finishes, the unit approves and sends it as any document).
import type { EntityManager } from '@mikro-orm/postgresql';
import { notFound, personName, requireCaller, requireRole } from '@yizhan/common';
import type { Selectable } from 'kysely';
import type { DocumentsContext } from '../deps.ts';
import { bulletinBody } from '../domain/bulletin.ts';
import { renderBulletin } from '../domain/official-document-pdf.ts';
import type { UnitPerformance } from '../domain/supervision.ts';
import type { Document } from '../entities/Document.ts';
import type { DB } from '../store/db.ts';
import { callerUnit, isUuid } from '../store/documents.ts';
import { withDb } from '../store/sql.ts';
import { createDraft } from './draft.ts';
import { performanceOf } from './supervision.ts';

/** A published bulletin. */
export interface PublishedBulletin {
  id: string;
  title: string;
  periodFrom: Date;
  periodTo: Date;
  rows: UnitPerformance[];
  pdfSha256: string | null;
  createdByName: string;
  createdAt: Date;
}

type BulletinRow = Selectable<DB['documents.bulletins']>;

const toBulletin = (r: BulletinRow): PublishedBulletin => ({
  id: r.id,
  title: r.title,
  periodFrom: new Date(r.period_from),
  periodTo: new Date(r.period_to),
  // A jsonb column: what publishBulletin stored, the performance rows of the period.
  rows: r.rows as UnitPerformance[],
  pdfSha256: r.pdf_sha256,
  createdByName: r.created_by_name,
  createdAt: new Date(r.created_at),
});

/** Publishes a 通报 of the units below the caller's (and those its unit sent to) with late or missing receipts in the
 * period; it is stored. */
export async function publishBulletin(ctx: DocumentsContext, title: string, from: Date, to: Date): Promise<PublishedBulletin> {
  const caller = requireCaller(ctx);
  requireRole(caller, 'SUPERVISOR', 'ADMIN');
  // The unit's name as org holds it (reading it off the unit's sent deliveries scanned years of them, and a unit that
  // had sent nothing was shown by the user name); asked before the transaction, which need not wait on org.
  const unit = await ctx.deps.org.call('unit', ctx.callerHeader, {});
  return ctx.em.transactional(async (em) => {
    const perf = (await performanceOf(em as EntityManager, caller, from, to)).filter((u) => u.late || u.missing);
    const pdf = await renderBulletin({ orgName: unit.name, title, periodFrom: from, periodTo: to, rows: perf });
    const { sha256 } = await ctx.deps.blobs.put(pdf);
    const row = await withDb(em as EntityManager, (db) =>
      db
        .insertInto('documents.bulletins')
        .values({
          org_id: caller.orgId,
          org_path: caller.orgPath,
          title,
          period_from: from,
          period_to: to,
          rows: JSON.stringify(perf),
          created_by: caller.userId,
          created_by_name: personName(caller),
          pdf_sha256: sha256,
        })
        .returningAll()
        .executeTakeFirstOrThrow(),
    );
    return toBulletin(row);
  });
}

/** Bulletins published by the caller's unit, newest first. */
export async function bulletinsOfUnit(ctx: DocumentsContext): Promise<PublishedBulletin[]> {
  const caller = requireCaller(ctx);
  const found = await withDb(ctx.em, (db) =>
    db.selectFrom('documents.bulletins').selectAll().where('org_id', '=', caller.orgId).orderBy('created_at', 'desc').execute(),
  );
  return found.map(toBulletin);
}

/** A bulletin the caller may see (under row-level security), of one unit when `orgId` is given; not found otherwise. */
async function bulletinOf(ctx: DocumentsContext, id: string, orgId?: string): Promise<PublishedBulletin> {
  const row = isUuid(id)
    ? await withDb(ctx.em, (db) => {
        const q = db.selectFrom('documents.bulletins').selectAll().where('id', '=', id);
        return (orgId ? q.where('org_id', '=', orgId) : q).executeTakeFirst();
      })
    : undefined;
  if (!row) throw notFound('Bulletin', id);
  return toBulletin(row);
}

/** One bulletin the caller may see. */
export async function getBulletin(ctx: DocumentsContext, id: string): Promise<PublishedBulletin> {
  requireCaller(ctx);
  return bulletinOf(ctx, id);
}

/**
 * 拟制通报: the 通报 document of a bulletin the caller's unit published, drafted by its drafter: 文种 通报, the
 * bulletin's title, the text with each unit's figures (domain/bulletin.ts), the units it names as 主送 and recipients.
 * Another unit's bulletin is not found.
 */
export async function draftBulletinDocument(ctx: DocumentsContext, bulletinId: string): Promise<Document> {
  const caller = requireCaller(ctx);
  requireRole(caller, 'DRAFTER');
  const b = await bulletinOf(ctx, bulletinId, caller.orgId);
  const unit = await callerUnit(ctx);
  return createDraft(ctx, {
    docType: '通报',
    title: b.title,
    body: bulletinBody(b),
    docPrefix: unit.docPrefixes[0] ?? null,
    // The units by name when few; else as a 通报 to many says it (the recipients are each of them still).
    mainTo: b.rows.length && b.rows.length <= 10 ? b.rows.map((r) => r.recipientName).join('、') : '各有关单位',
    signatureLine: unit.name,
    recipients: b.rows.length ? [{ orgIds: b.rows.map((r) => r.recipientOrgId), role: 'MAIN' }] : [],
  });
}
