// 定期通报 (seed 000 §24: 电子公文接收情况实行定期通报制度; seed 001 §16): a unit's supervisor or administrator sets
// its bulletins to be published each week, month or quarter; each is published as its period ends, by the job
// (jobs/scheduled-bulletins.ts), through the same step as a person's bulletin (storeBulletin). Setting it may publish
// the period just ended at once.
import type { EntityManager } from '@mikro-orm/postgresql';
import { personName, requireCaller, requireRole } from '@yizhan/common';
import type { BlobStore } from '@yizhan/kernel';
import type { DocumentsContext } from '../deps.ts';
import { bulletinCadence, CATCH_UP_PERIODS, nextPublication, periodBefore, periodStart, scheduledTitle } from '../domain/bulletin-schedule.ts';
import { advanceSchedule, type BulletinSchedule, clearSchedule, type PublishedBulletin, scheduleOf, writeSchedule } from '../store/bulletins.ts';
import { callerUnit } from '../store/documents.ts';
import { storeBulletin } from './bulletin.ts';

/** Who keeps the schedule: those who publish bulletins by hand. */
const KEEPERS = ['SUPERVISOR', 'ADMIN'] as const;

/** The caller's unit's schedule, or null when its bulletins are published by hand only. */
export async function bulletinScheduleOfUnit(ctx: DocumentsContext): Promise<BulletinSchedule | null> {
  const caller = requireCaller(ctx);
  requireRole(caller, ...KEEPERS);
  return scheduleOf(ctx.em, caller.orgId);
}

/**
 * Sets the caller's unit's bulletins to `cadence` (null: by hand only, the schedule taken away). The next is published
 * when the current period ends; with `publishLastPeriod`, the period just ended is published now as well.
 */
export async function setBulletinSchedule(ctx: DocumentsContext, cadence: string | null, publishLastPeriod: boolean): Promise<BulletinSchedule | null> {
  const caller = requireCaller(ctx);
  requireRole(caller, ...KEEPERS);
  if (cadence === null) {
    await ctx.em.transactional((em) => clearSchedule(em as EntityManager, caller.orgId));
    return null;
  }
  const c = bulletinCadence(cadence);
  const unit = await callerUnit(ctx);
  const now = new Date();
  return ctx.em.transactional(async (tx) => {
    const em = tx as EntityManager;
    // The same cadence set again keeps its place: a period ended and not yet published is not skipped.
    const was = await scheduleOf(em, caller.orgId);
    const next = publishLastPeriod ? periodStart(c, now) : nextPublication(c, now);
    await writeSchedule(em, {
      orgId: caller.orgId,
      orgPath: caller.orgPath,
      orgName: unit.name,
      cadence: c,
      nextAt: was?.cadence === c && was.nextAt < next ? was.nextAt : next,
      setBy: caller.userId,
      setByName: personName(caller),
    });
    if (publishLastPeriod) await publishDueBulletins(em, ctx.deps.blobs, caller.orgId, now);
    return scheduleOf(em, caller.orgId);
  });
}

/**
 * Publishes the unit's bulletins due by `at`, the oldest period first and at most CATCH_UP_PERIODS of them, and moves
 * its schedule on; answers those published. In a transaction scoped to the unit; the schedule's row is locked, so a
 * second replica at the same turn skips the unit, and a period published already is not published again.
 */
export async function publishDueBulletins(em: EntityManager, blobs: BlobStore, orgId: string, at: Date): Promise<PublishedBulletin[]> {
  const s = await scheduleOf(em, orgId, at);
  if (!s) return [];
  const by = { orgId, orgPath: s.orgPath, orgName: s.orgName, byId: s.setBy, byName: s.setByName, cadence: s.cadence };
  const published: PublishedBulletin[] = [];
  let next = s.nextAt;
  for (let i = 0; i < CATCH_UP_PERIODS && next <= at; i++) {
    const period = periodBefore(s.cadence, next);
    const b = await storeBulletin(em, blobs, by, scheduledTitle(s.cadence, period), period.from, period.to);
    if (b) published.push(b);
    next = nextPublication(s.cadence, next);
  }
  await advanceSchedule(em, orgId, next);
  return published;
}
