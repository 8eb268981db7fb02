// The province's working-day calendar and inbox check times (seed 000 §10), kept by its provincial administrator:
// what due times are computed from (store/calendar.ts reads them).
import type { EntityManager } from '@mikro-orm/postgresql';
import { type Caller, forbidden, hasRole, requireCaller } from '@yizhan/common';
import { sql } from 'kysely';
import type { DocumentsContext } from '../deps.ts';
import { calendarOf, provinceOf } from '../store/calendar.ts';
import { withDb } from '../store/sql.ts';

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
    await withDb(em as EntityManager, (db) =>
      db
        .insertInto('documents.supervision_settings')
        .values({ org_path: caller.orgPath, check_times: sql<string[]>`${`{${checkTimes.join(',')}}`}::text[]` })
        .onConflict((oc) => oc.column('org_path').doUpdateSet((eb) => ({ check_times: eb.ref('excluded.check_times'), updated_at: sql<Date>`now()` })))
        .execute(),
    );
    for (const d of days) {
      await withDb(em as EntityManager, (db) =>
        db
          .insertInto('documents.work_calendar')
          .values({ org_path: caller.orgPath, day: sql<Date>`${d.day}::date`, working: d.working, note: d.note ?? null })
          .onConflict((oc) => oc.columns(['org_path', 'day']).doUpdateSet((eb) => ({ working: eb.ref('excluded.working'), note: eb.ref('excluded.note') })))
          .execute(),
      );
    }
    return days.length;
  });
}
