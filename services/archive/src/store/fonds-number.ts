// The unit's 全宗号 (migration 0013): the number the archives gave it, which new 档号 begin with.
import type { EntityManager } from '@mikro-orm/postgresql';
import { withDb } from './sql.ts';

/** The unit's 全宗号 as set, with who set it and when; undefined until it is set. */
export const fondsNumberOf = (em: EntityManager, orgId: string) =>
  withDb(em, (db) => db.selectFrom('archive.fonds_numbers').select(['fonds_number', 'set_by_name', 'set_at']).where('org_id', '=', orgId).executeTakeFirst());

/** Sets the unit's 全宗号 (again): the row is the unit's own, under row-level security. */
export const saveFondsNumber = (em: EntityManager, unit: { orgId: string; orgPath: string }, fondsNumber: string, by: string) =>
  withDb(em, (db) =>
    db
      .insertInto('archive.fonds_numbers')
      .values({ org_id: unit.orgId, org_path: unit.orgPath, fonds_number: fondsNumber, set_by_name: by, set_at: new Date() })
      .onConflict((oc) =>
        oc.column('org_id').doUpdateSet((eb) => ({
          fonds_number: eb.ref('excluded.fonds_number'),
          set_by_name: eb.ref('excluded.set_by_name'),
          set_at: eb.ref('excluded.set_at'),
        })),
      )
      .returning(['fonds_number', 'set_by_name', 'set_at'])
      .executeTakeFirstOrThrow(),
  );

/** Whether any record of the unit's fonds carries `fonds` as its 全宗号 (one it had before it changed it). */
export async function fondsCarried(em: EntityManager, orgId: string, fonds: string): Promise<boolean> {
  const row = await withDb(em, (db) =>
    db.selectFrom('archive.records').select('id').where('org_id', '=', orgId).where('fonds', '=', fonds).limit(1).executeTakeFirst(),
  );
  return !!row;
}
