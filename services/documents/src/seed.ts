// The documents service's demo data: the demo province's check times and 2026 working-day calendar.
import type { MikroORM } from '@mikro-orm/postgresql';
import { asUnit } from '@yizhan/kernel';
import { sql } from 'kysely';
import { DEMO_CALENDAR_2026 } from './store/calendar.ts';
import { withDb } from './store/sql.ts';

export async function seedDocumentsDemo(orm: MikroORM): Promise<boolean> {
  return asUnit(orm, 'p61', async (em) => {
    const { n } = await withDb(em, (db) =>
      db
        .selectFrom('documents.work_calendar')
        .select((eb) => eb.cast<number>(eb.fn.countAll(), 'integer').as('n'))
        .where(sql<boolean>`org_path = 'p61'`)
        .executeTakeFirstOrThrow(),
    );
    if (n > 0) return false;
    await withDb(em, (db) =>
      db
        .insertInto('documents.supervision_settings')
        .values({ org_path: sql.lit('p61'), check_times: sql<string[]>`'{09:00,15:00}'` })
        .onConflict((oc) => oc.doNothing())
        .execute(),
    );
    for (const [day, working, note] of DEMO_CALENDAR_2026) {
      await withDb(em, (db) =>
        db
          .insertInto('documents.work_calendar')
          .values({ org_path: sql.lit('p61'), day: sql<Date>`${day}::date`, working, note })
          .execute(),
      );
    }
    return true;
  });
}
