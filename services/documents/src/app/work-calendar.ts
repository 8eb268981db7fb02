// The province's working-day calendar and inbox check times (seed 000 §10), kept by its provincial administrator:
// what due times are computed from (store/calendar.ts reads them).
import { type Caller, forbidden, hasRole, requireCaller } from '@yizhan/common';
import type { DocumentsContext } from '../deps.ts';
import { calendarOf, provinceOf } from '../store/calendar.ts';

export interface CalendarDay {
  day: string;
  working: boolean;
  note?: string | null;
}

/** The calendar is kept by the province's administrator (an administrator of a unit at the root of the tree). */
export function requireCalendarKeeper(caller: Caller): void {
  if (!hasRole(caller, 'ADMIN') || caller.orgPath.includes('.')) throw forbidden('The calendar is kept by the province’s administrator');
}

/** The caller's province's check times and the days that break the weekday rule. */
export async function workCalendar(ctx: DocumentsContext) {
  const caller = requireCaller(ctx);
  return calendarOf(ctx.em, provinceOf(caller.orgPath));
}

/** Sets the province's check times and adds or changes calendar days; returns how many days were written. */
export async function updateWorkCalendar(ctx: DocumentsContext, checkTimes: string[], days: CalendarDay[]): Promise<number> {
  const caller = requireCaller(ctx);
  requireCalendarKeeper(caller);
  return ctx.em.transactional(async (em) => {
    await em.execute(
      'insert into documents.supervision_settings (org_path, check_times) values (?::ltree, ?::text[]) on conflict (org_path) do update set check_times = excluded.check_times, updated_at = now()',
      [caller.orgPath, `{${checkTimes.join(',')}}`],
    );
    for (const d of days) {
      await em.execute(
        'insert into documents.work_calendar (org_path, day, working, note) values (?::ltree, ?::date, ?, ?) on conflict (org_path, day) do update set working = excluded.working, note = excluded.note',
        [caller.orgPath, d.day, d.working, d.note ?? null],
      );
    }
    return days.length;
  });
}
