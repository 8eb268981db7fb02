// 通报 (seeds 000 §24, 001 §16, 002 §10): publishing a bulletin of late and missing receipts below the caller's unit
// for a period (stored, with its PDF), reading the bulletins a unit published, and drafting the 通报 the unit issues
// from one (its drafter finishes, the unit approves and sends it as any document). A unit's schedule publishes its
// bulletins by the same step (app/bulletin-schedule.ts).
import type { EntityManager } from '@mikro-orm/postgresql';
import { badInput, checkPeriod, notFound, personName, requireCaller, requiredText, requireRole } from '@yizhan/common';
import type { BlobStore } from '@yizhan/kernel';
import type { DocumentsContext } from '../deps.ts';
import { bulletinBody } from '../domain/bulletin.ts';
import type { BulletinCadence } from '../domain/bulletin-schedule.ts';
import { renderBulletin } from '../domain/official-document-pdf.ts';
import type { Document } from '../entities/Document.ts';
import { bulletinsOf, findBulletin, insertBulletin, type PublishedBulletin, publishedBefore } from '../store/bulletins.ts';
import { callerUnit, isUuid } from '../store/documents.ts';
import { insertNoticesAbout } from '../store/notices.ts';
import { createDraft } from './draft.ts';
import { performanceOf } from './supervision.ts';

export type { PublishedBulletin } from '../store/bulletins.ts';

/** Whose bulletin it is and who publishes it: a person of the unit, or the unit's schedule (its setter named). */
export interface BulletinPublisher {
  orgId: string;
  orgPath: string;
  orgName: string;
  byId: string;
  byName: string;
  /** The schedule's cadence; null when a person publishes. */
  cadence: BulletinCadence | null;
}

/**
 * Works out the period's late and missing receipts below the unit (and of the units it sent to), renders the PDF,
 * stores the bulletin and tells each unit it names, in the transaction `em` is in. Null when the schedule's bulletin of
 * this period is stored already.
 */
export async function storeBulletin(
  em: EntityManager,
  blobs: BlobStore,
  by: BulletinPublisher,
  title: string,
  from: Date,
  to: Date,
): Promise<PublishedBulletin | null> {
  const perf = (await performanceOf(em, { orgId: by.orgId, orgPath: by.orgPath }, from, to)).filter((u) => u.late || u.missing);
  const pdf = await renderBulletin({ orgName: by.orgName, title, periodFrom: from, periodTo: to, rows: perf });
  const { sha256 } = await blobs.put(pdf);
  const stored = await insertBulletin(em, {
    org_id: by.orgId,
    org_path: by.orgPath,
    title,
    period_from: from,
    period_to: to,
    rows: JSON.stringify(perf),
    created_by: by.byId,
    created_by_name: by.byName,
    pdf_sha256: sha256,
    cadence: by.cadence,
  });
  // The units below it that it names are told, each of its own figures (通报 is for them to read; a unit it only
  // sent to is not the publisher's to bulletin), once a period: a person's bulletin of a period published again
  // tells nobody again.
  if (stored && !(await publishedBefore(em, by.orgId, from, to, stored.id)))
    await insertNoticesAbout(
      em,
      { bulletin_id: stored.id },
      by.orgPath,
      perf
        .filter((u) => u.recipientPath?.startsWith(`${by.orgPath}.`))
        .map((u) => ({
          org_id: u.recipientOrgId,
          org_path: u.recipientPath as string,
          notice: { kind: 'BULLETINED', words: { byUnit: by.orgName, title, late: u.late, missing: u.missing } },
        })),
    );
  return stored;
}

/** Publishes a 通报 of the units below the caller's (and those its unit sent to) with late or missing receipts in the
 * period; it is stored. */
export async function publishBulletin(ctx: DocumentsContext, titleGiven: string, from: Date, to: Date): Promise<PublishedBulletin> {
  const caller = requireCaller(ctx);
  requireRole(caller, 'SUPERVISOR', 'ADMIN');
  // A title is one line: it heads the printed 通报 and each notice to the units it names.
  const title = requiredText(titleGiven, 'title', { max: 200, line: true });
  checkPeriod(from, to, { maxDays: 366 });
  // A bulletin reports what happened: its period has begun (one in the year 9999 would say every unit was on time).
  if (from.getTime() > Date.now()) throw badInput('A bulletin’s period has begun: it starts today or before', 'from', { notFuture: true });
  // The unit's name as org holds it (reading it off the unit's sent deliveries scanned years of them, and a unit that
  // had sent nothing was shown by the user name); asked before the transaction, which need not wait on org.
  const unit = await callerUnit(ctx);
  const by = { orgId: caller.orgId, orgPath: caller.orgPath, orgName: unit.name, byId: caller.userId, byName: personName(caller), cadence: null };
  // A person's bulletin is never a duplicate of another: stored it is.
  return ctx.em.transactional(async (em) => (await storeBulletin(em as EntityManager, ctx.deps.blobs, by, title, from, to)) as PublishedBulletin);
}

/** Bulletins published by the caller's unit, newest first. */
export async function bulletinsOfUnit(ctx: DocumentsContext): Promise<PublishedBulletin[]> {
  return bulletinsOf(ctx.em, requireCaller(ctx).orgId);
}

/** A bulletin the caller may see (under row-level security), of one unit when `orgId` is given; not found otherwise. */
async function bulletinOf(ctx: DocumentsContext, id: string, orgId?: string): Promise<PublishedBulletin> {
  const found = isUuid(id) ? await findBulletin(ctx.em, id, orgId) : null;
  if (!found) throw notFound('Bulletin', id);
  return found;
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
  return draftBulletinOf(ctx, {
    title: b.title,
    body: bulletinBody(b),
    units: b.rows.map((r) => ({ orgId: r.recipientOrgId, name: r.recipientName })),
  });
}

/**
 * A 通报 the caller's unit issues about figures it published (a bulletin, a 考核评比's result), drafted by its drafter:
 * 文种 通报, the unit's first 机关代字, the units it speaks of as 主送 and recipients — by name when few, else as a 通报
 * to many says it (the recipients are each of them still).
 */
export async function draftBulletinOf(ctx: DocumentsContext, d: { title: string; body: string; units: { orgId: string; name: string }[] }): Promise<Document> {
  const unit = await callerUnit(ctx);
  return createDraft(ctx, {
    docType: '通报',
    title: d.title,
    body: d.body,
    docPrefix: unit.docPrefixes[0] ?? null,
    mainTo: d.units.length && d.units.length <= 10 ? d.units.map((u) => u.name).join('、') : '各有关单位',
    signatureLine: unit.name,
    recipients: d.units.length ? [{ orgIds: d.units.map((u) => u.orgId), role: 'MAIN' }] : [],
  });
}
