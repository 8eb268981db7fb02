// The documents service's demo data: the demo province's check times and 2026 working-day calendar.
import type { MikroORM } from '@mikro-orm/postgresql';
import { asUnit } from '@yizhan/kernel';
import { DEMO_CALENDAR_2026 } from './store/calendar.ts';

export async function seedDocumentsDemo(orm: MikroORM): Promise<boolean> {
  return asUnit(orm, 'p61', async (em) => {
    const [{ n }] = (await em.execute("select count(*)::int as n from documents.work_calendar where org_path = 'p61'")) as [{ n: number }];
    if (n > 0) return false;
    await em.execute("insert into documents.supervision_settings (org_path, check_times) values ('p61', '{09:00,15:00}') on conflict do nothing");
    for (const [day, working, note] of DEMO_CALENDAR_2026) {
      await em.execute("insert into documents.work_calendar (org_path, day, working, note) values ('p61', ?::date, ?, ?)", [day, working, note]);
    }
    return true;
  });
}
