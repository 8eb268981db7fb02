// The province's working-day calendar and inbox check times (seed 000 §10), kept by its provincial administrator:
// what due times are computed from (store/calendar.ts reads them).
import type { EntityManager } from '@mikro-orm/postgresql';
import { beijingDate, type Caller, forbidden, hasRole, requireCaller } from '@yizhan/common';
import type { DocumentsContext } from '../deps.ts';
import { calendarGap, cleanCalendarInput } from '../domain/supervision.ts';
import { calendarOf, provinceOf, writeCalendar } from '../store/calendar.ts';

export interface CalendarDay {
  day: string;
  working: boolean;
  note?: string | null;
}

/** The calendar is kept by the province's administrator (an administrator of a unit at the root of the tree). */
export function requireCalendarKeeper(caller: Caller): void {
  if (!hasRole(caller, 'ADMIN') || caller.orgPath.includes('.')) throw forbidden('The calendar is kept by the province’s administrator');
}

/** The caller's province's check times, the days that break the weekday rule, and the year whose holidays are
 * missing (calendarGap), for its keeper to enter. */
export async function workCalendar(ctx: DocumentsContext) {
  const caller = requireCaller(ctx);
  const calendar = await calendarOf(ctx.em, provinceOf(caller.orgPath));
  return {
    ...calendar,
    missingYear: calendarGap(
      beijingDate(new Date()),
      calendar.days.map((d) => d.day),
    ),
  };
}

/** Sets the province's check times, adds or changes calendar days and takes out those entered by mistake (they follow
 * the weekday rule again); returns how many days were written or taken out. */
export async function updateWorkCalendar(ctx: DocumentsContext, checkTimes: string[], days: CalendarDay[], removed: string[] = []): Promise<number> {
  const caller = requireCaller(ctx);
  requireCalendarKeeper(caller);
  const clean = cleanCalendarInput(checkTimes, days, removed);
  await ctx.em.transactional((em) => writeCalendar(em as EntityManager, caller.orgPath, checkTimes, clean.days, removed));
  return days.length + removed.length;
}
