// 统计 (issue 16, statistics at a glance): for a unit's subtree and a period, each unit's documents sent and received
// by direction, 接收 and 签收 timeliness, its returns and reporting timeliness; the trend of the period, the 文种 and
// directions, and the returns by reason. For supervisors, leaders and administrators (who watch a subtree), of their
// own unit or a unit below it; counted in SQL under row-level security (store/statistics.ts).
import { forbidden, isWithin, notFound, requireCaller, requireRole } from '@yizhan/common';
import { isUuid } from '@yizhan/kernel';
import type { DocumentsContext } from '../deps.ts';
import { everyPeriod, granularityOf, periodsOf, ranked, ratesOf, totalsOf, type UnitFigures } from '../domain/statistics.ts';
import { SUPERVISING_ROLES } from '../domain/supervision.ts';
import { pathOfUnit, returnReasonsOf, type StatScope, scopeFigures, trendOf, typesOf } from '../store/statistics.ts';

const withRates = (u: UnitFigures) => ({ ...u, ...ratesOf(u), depth: u.path.split('.').length });

/** What 统计 is of: a unit's subtree, or the units it sent to (a provincial office's counties, outside its subtree). */
export type StatisticsView = 'SUBTREE' | 'SENT_TO';

/** The statistics of the subtree of `orgId` (the caller's own unit when absent) over [from, to), or of the units it
 * sent to. */
export async function statistics(ctx: DocumentsContext, orgId: string | null, from: Date, to: Date, view: StatisticsView = 'SUBTREE') {
  const caller = requireCaller(ctx);
  requireRole(caller, ...SUPERVISING_ROLES);
  let scope = { orgId: caller.orgId, path: caller.orgPath, name: '' };
  if (orgId && orgId !== caller.orgId) {
    const seen = isUuid(orgId) ? await pathOfUnit(ctx.em, orgId) : undefined;
    if (!seen) throw notFound('Org', orgId);
    if (!isWithin(seen.path, caller.orgPath)) throw forbidden('Statistics are of your own unit and the units below it');
    scope = { orgId, path: seen.path, name: seen.name ?? '' };
  }
  const step = granularityOf(from, to);
  const counted: StatScope = view === 'SENT_TO' ? { sentBy: { orgId: scope.orgId, path: scope.path } } : { path: scope.path };
  // One after the other: they share the request's transaction and its connection.
  const units = await scopeFigures(ctx.em, counted, from, to);
  // Every period drawn, the quiet ones at nought.
  const trend = everyPeriod(periodsOf(from, to, step), await trendOf(ctx.em, counted, from, to, step), (bucket) => ({
    bucket,
    sent: 0,
    received: 0,
    signed_on_time: 0,
    signed_late: 0,
    signed_missing: 0,
  }));
  const types = await typesOf(ctx.em, counted, from, to);
  const reasons = await returnReasonsOf(ctx.em, counted, from, to);
  if (!scope.name) scope.name = units.find((u) => u.orgId === scope.orgId)?.name ?? '';
  if (!scope.name && scope.orgId === caller.orgId) scope.name = (await ctx.deps.org.call('unit', ctx.callerHeader, {})).name;
  const totals = totalsOf(scope, units);
  return {
    orgId: scope.orgId,
    orgName: scope.name,
    view,
    from,
    to,
    granularity: step,
    totals: withRates(totals),
    // The units sent to are the rows; the sending unit is in the totals (what it sent), not among its own recipients.
    units: ranked(view === 'SENT_TO' ? units.filter((u) => u.orgId !== scope.orgId) : units).map(withRates),
    trend: trend.map((t) => ({
      period: t.bucket,
      sent: t.sent,
      received: t.received,
      signedOnTime: t.signed_on_time,
      signedLate: t.signed_late,
      signedMissing: t.signed_missing,
    })),
    byType: types.map((t) => ({ docType: t.doc_type, direction: t.direction, sent: t.sent, received: t.received })),
    returnReasons: reasons,
    // 纸质补录: what travelled on paper during outages, by its paper time (every unit's row counts its own, paper-only
    // units included), so the period's figures are whole.
    paper: { received: totals.paperReceived, sent: totals.paperSent },
  };
}
