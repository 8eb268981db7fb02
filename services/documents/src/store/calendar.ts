// The province's check times and working-day calendar: read for computing due times and for showing the calendar,
// written by its keeper, and the demo province's 2026 calendar that seed.ts writes.
import type { EntityManager } from '@mikro-orm/postgresql';
import { sql } from 'kysely';
import { DEFAULT_CHECK_TIMES, dueBy, type WorkCalendar } from '../domain/supervision.ts';
import { withDb } from './sql.ts';

/** The province a unit belongs to: the root of its path. */
export const provinceOf = (orgPath: string) => orgPath.split('.')[0] as string;

export async function loadSchedule(em: EntityManager, orgPath: string): Promise<{ calendar: WorkCalendar; checkTimes: string[] }> {
  const province = provinceOf(orgPath);
  const days = await withDb(em, (db) =>
    db
      .selectFrom('documents.work_calendar')
      .select([sql<string>`to_char(day, 'YYYY-MM-DD')`.as('day'), 'working'])
      .where(sql<boolean>`org_path = ${province}::ltree`)
      .execute(),
  );
  const settings = await withDb(em, (db) =>
    db.selectFrom('documents.supervision_settings').select('check_times').where(sql<boolean>`org_path = ${province}::ltree`).executeTakeFirst(),
  );
  return { calendar: { days: new Map(days.map((d) => [d.day, d.working])) }, checkTimes: settings?.check_times ?? DEFAULT_CHECK_TIMES };
}

/** A province's check times and every listed day, for showing and editing the calendar. */
export async function calendarOf(em: EntityManager, province: string) {
  const s = await withDb(em, (db) =>
    db.selectFrom('documents.supervision_settings').select('check_times').where(sql<boolean>`org_path = ${province}::ltree`).executeTakeFirst(),
  );
  const days = await withDb(em, (db) =>
    db
      .selectFrom('documents.work_calendar')
      .select([sql<string>`to_char(day, 'YYYY-MM-DD')`.as('day'), 'working', 'note'])
      .where(sql<boolean>`org_path = ${province}::ltree`)
      .orderBy('day')
      .execute(),
  );
  return { province, checkTimes: s?.check_times ?? ['09:00', '15:00'], days };
}

/** A province's check times, the days written (added or changed: a day given twice, its last entry) and those taken
 * out, in the caller's transaction: one statement each. */
export async function writeCalendar(
  em: EntityManager,
  province: string,
  checkTimes: string[],
  days: { day: string; working: boolean; note?: string | null }[],
  removed: string[],
): Promise<void> {
  await withDb(em, async (db) => {
    await db
      .insertInto('documents.supervision_settings')
      .values({ org_path: province, check_times: sql<string[]>`${`{${checkTimes.join(',')}}`}::text[]` })
      .onConflict((oc) => oc.column('org_path').doUpdateSet((eb) => ({ check_times: eb.ref('excluded.check_times'), updated_at: sql<Date>`now()` })))
      .execute();
    // One row per day: an upsert may not touch a row twice.
    const byDay = new Map(days.map((d) => [d.day, d]));
    if (byDay.size)
      await db
        .insertInto('documents.work_calendar')
        .values([...byDay.values()].map((d) => ({ org_path: province, day: sql<Date>`${d.day}::date`, working: d.working, note: d.note ?? null })))
        .onConflict((oc) => oc.columns(['org_path', 'day']).doUpdateSet((eb) => ({ working: eb.ref('excluded.working'), note: eb.ref('excluded.note') })))
        .execute();
    if (removed.length)
      await db
        .deleteFrom('documents.work_calendar')
        .where(sql<boolean>`org_path = ${province}::ltree`)
        .where(sql<boolean>`day = any(${`{${removed.join(',')}}`}::date[])`)
        .execute();
  });
}

export async function dueFor(em: EntityManager, orgPath: string, deliveredAt: Date, deadline: Date | null): Promise<Date> {
  const { calendar, checkTimes } = await loadSchedule(em, orgPath);
  return dueBy(deliveredAt, deadline, calendar, checkTimes);
}

/** 2026 public holidays and make-up working days (国务院办公厅 notice), as the demo province's calendar. */
export const DEMO_CALENDAR_2026: [string, boolean, string][] = [
  ...['2026-01-01', '2026-01-02', '2026-01-03'].map((d): [string, boolean, string] => [d, false, '元旦']),
  ['2026-01-04', true, '元旦调休上班'],
  ...['2026-02-15', '2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20', '2026-02-21', '2026-02-22', '2026-02-23'].map(
    (d): [string, boolean, string] => [d, false, '春节'],
  ),
  ['2026-02-14', true, '春节调休上班'],
  ['2026-02-28', true, '春节调休上班'],
  ...['2026-04-04', '2026-04-05', '2026-04-06'].map((d): [string, boolean, string] => [d, false, '清明节']),
  ...['2026-05-01', '2026-05-02', '2026-05-03', '2026-05-04', '2026-05-05'].map((d): [string, boolean, string] => [d, false, '劳动节']),
  ['2026-05-09', true, '劳动节调休上班'],
  ...['2026-06-19', '2026-06-20', '2026-06-21'].map((d): [string, boolean, string] => [d, false, '端午节']),
  ...['2026-09-25', '2026-09-26', '2026-09-27'].map((d): [string, boolean, string] => [d, false, '中秋节']),
  ['2026-09-20', true, '国庆调休上班'],
  ...['2026-10-01', '2026-10-02', '2026-10-03', '2026-10-04', '2026-10-05', '2026-10-06', '2026-10-07'].map((d): [string, boolean, string] => [
    d,
    false,
    '国庆节',
  ]),
  ['2026-10-10', true, '国庆调休上班'],
];
