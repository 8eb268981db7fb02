// The province's working-day calendar and inbox check times (seed 000 §10), kept by its provincial administrator:
// what due times are computed from (store/calendar.ts reads them).
import type { EntityManager } from '@mikro-orm/postgresql';
import { beijingDate, type Caller, forbidden, hasRole, requireCaller } from '@yizhan/common';
import { sql } from 'kysely';
import type { DocumentsContext } from '../deps.ts';
import { calendarGap } from '../domain/supervision.ts';
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
    if (removed.length) {
      await withDb(em as EntityManager, (db) =>
        db
          .deleteFrom('documents.work_calendar')
          .where(sql<boolean>`org_path = ${caller.orgPath}::ltree`)
          .where(sql<boolean>`day = any(${`{${removed.join(',')}}`}::date[])`)
          .execute(),
      );
    }
    return days.length + removed.length;
  });
}
