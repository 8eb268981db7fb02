// 通报 (seeds 000 §24, 001 §16, 002 §10): publishing a bulletin of late and missing receipts below the caller's unit
// for a period (stored, with its PDF), and reading the bulletins a unit published.
import type { EntityManager } from '@mikro-orm/postgresql';
import { notFound, requireCaller, requireRole } from '@yizhan/common';
import type { DocumentsContext } from '../deps.ts';
import { renderBulletin } from '../domain/official-document-pdf.ts';
import type { UnitPerformance } from '../domain/supervision.ts';
import { isUuid } from '../store/documents.ts';
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

interface BulletinRow {
  id: string;
  title: string;
  period_from: string;
  period_to: string;
  rows: UnitPerformance[];
  pdf_sha256: string | null;
  created_by_name: string;
  created_at: string;
}

const toBulletin = (r: BulletinRow): PublishedBulletin => ({
  id: r.id,
  title: r.title,
  periodFrom: new Date(r.period_from),
  periodTo: new Date(r.period_to),
  rows: r.rows,
  pdfSha256: r.pdf_sha256,
  createdByName: r.created_by_name,
  createdAt: new Date(r.created_at),
});

/** Publishes a 通报 of the units below the caller's with late or missing receipts in the period; it is stored. */
export async function publishBulletin(ctx: DocumentsContext, title: string, from: Date, to: Date): Promise<PublishedBulletin> {
  const caller = requireCaller(ctx);
  requireRole(caller, 'SUPERVISOR', 'ADMIN');
  return ctx.em.transactional(async (em) => {
    const perf = (await performanceOf(em as EntityManager, caller.orgPath, from, to)).filter((u) => u.late || u.missing);
    const [unit] = (await em.execute("select coalesce(max(sender_name), '') as name from documents.deliveries where sender_org_id = ?", [caller.orgId])) as {
      name: string;
    }[];
    const pdf = await renderBulletin({ orgName: unit?.name || caller.username, title, periodFrom: from, periodTo: to, rows: perf });
    const { sha256 } = await ctx.deps.blobs.put(pdf);
    const [row] = (await em.execute(
      `insert into documents.bulletins (org_id, org_path, title, period_from, period_to, rows, created_by, created_by_name, pdf_sha256)
       values (?, ?::ltree, ?, ?, ?, ?::jsonb, ?, ?, ?) returning *`,
      [caller.orgId, caller.orgPath, title, from, to, JSON.stringify(perf), caller.userId, caller.username, sha256],
    )) as BulletinRow[];
    return toBulletin(row as BulletinRow);
  });
}

/** Bulletins published by the caller's unit, newest first. */
export async function bulletinsOfUnit(ctx: DocumentsContext): Promise<PublishedBulletin[]> {
  const caller = requireCaller(ctx);
  const found = (await ctx.em.execute('select * from documents.bulletins where org_id = ? order by created_at desc', [caller.orgId])) as BulletinRow[];
  return found.map(toBulletin);
}

/** One bulletin the caller may see. */
export async function getBulletin(ctx: DocumentsContext, id: string): Promise<PublishedBulletin> {
  requireCaller(ctx);
  const [row] = isUuid(id) ? ((await ctx.em.execute('select * from documents.bulletins where id = ?', [id])) as BulletinRow[]) : [];
  if (!row) throw notFound('Bulletin', id);
  return toBulletin(row);
}
