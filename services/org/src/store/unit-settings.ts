// The SQL of a unit's settings that are read or written one column at a time: whether a post needs 培训考核, after how
// many wrong passwords an account is locked, the alert webhook; and one setting written for a unit or its subtree.
import type { EntityManager } from '@mikro-orm/postgresql';
import { type Selectable, sql } from 'kysely';
import type { Org } from '../entities/Org.ts';
import type { DB } from './db.ts';
import { withDb } from './sql.ts';

type Settings = Selectable<DB['org.unit_settings']>;
type Column = 'training_required' | 'lock_after_failures' | 'alert_webhook_url';

/** One setting of the unit as stored (undefined when the unit has no settings row). */
export async function unitSetting<C extends Column>(em: EntityManager, orgId: string, column: C): Promise<Settings[C] | undefined> {
  const row = (await withDb(em, (db) => db.selectFrom('org.unit_settings').select(column).where('org_id', '=', orgId).executeTakeFirst())) as
    | Pick<Settings, C>
    | undefined;
  return row?.[column];
}

/** A setting written for a unit or, with `subtree`, for it and every active unit below it. */
export type SubtreeSetting = { training_required: boolean } | { lock_after_failures: number | null };

export async function writeForUnits(em: EntityManager, org: Org, subtree: boolean, setting: SubtreeSetting): Promise<void> {
  const [column, value] = Object.entries(setting)[0] as ['training_required' | 'lock_after_failures', boolean | number | null];
  await withDb(em, (db) =>
    db
      .insertInto('org.unit_settings')
      .columns(['org_id', 'org_path', column])
      .expression((eb) =>
        eb
          .selectFrom('org.orgs')
          .select(['id', 'path', sql`${value}`.as(column)])
          .where(subtree ? sql<boolean>`path <@ ${org.path}::ltree` : sql<boolean>`id = ${org.id}::uuid`)
          .where('status', '=', 'ACTIVE'),
      )
      .onConflict((oc) => oc.column('org_id').doUpdateSet(setting))
      .execute(),
  );
}
