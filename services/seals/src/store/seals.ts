// The seals service's SQL that more than one use case needs: the seal's register (its events), one seal, and the
// seal's state at a moment (for verification).

import type { EntityManager } from '@mikro-orm/postgresql';
import { type Caller, notFound, personName } from '@yizhan/common';
import { isUuid } from '@yizhan/kernel';
import { type Selectable, sql } from 'kysely';
import { activeAt } from '../domain/state.ts';
import { Seal } from '../entities/Seal.ts';
import type { DB } from './db.ts';
import { withDb } from './sql.ts';

/** A row of seals.seal_state_changes(seal): the columns it selects from seals.seal_events. */
type StateChange = Pick<Selectable<DB['seals.seal_events']>, 'action' | 'at'>;

/**
 * The two custodians who stamped with a seal, by name, as its register recorded the use; none where the register is
 * not the caller's to read (another unit's seal: row-level security) or the stamp is older than the names' record.
 */
export async function custodiansOfStamp(em: EntityManager, sealId: string, stampId: string): Promise<string[]> {
  const row = await withDb(em, (db) =>
    db
      .selectFrom('seals.seal_events')
      .select(sql<unknown>`detail -> 'custodians'`.as('custodians'))
      .where('seal_id', '=', sealId)
      .where('action', '=', 'USED')
      .where(sql<string>`detail ->> 'stampId'`, '=', stampId)
      .executeTakeFirst(),
  );
  const names = row?.custodians;
  return Array.isArray(names) ? names.filter((n): n is string => typeof n === 'string') : [];
}

export async function logEvent(
  em: EntityManager,
  e: {
    sealId?: string | null;
    applicationId?: string | null;
    orgPath: string;
    action: string;
    actor: { userId: string | null; name: string };
    detail?: unknown;
  },
) {
  await withDb(em, (db) =>
    db
      .insertInto('seals.seal_events')
      .values({
        seal_id: e.sealId ?? null,
        application_id: e.applicationId ?? null,
        org_path: sql<string>`${e.orgPath}::ltree`,
        action: e.action,
        actor_id: e.actor.userId,
        actor_name: e.actor.name,
        detail: JSON.stringify(e.detail ?? {}),
      })
      .execute(),
  );
}

export const actorOf = (caller: Caller) => ({ userId: caller.userId, name: personName(caller) });

export async function getSeal(em: EntityManager, id: string): Promise<Seal> {
  const seal = isUuid(id) ? await em.findOne(Seal, { id }) : null;
  if (!seal) throw notFound('Seal', id);
  return seal;
}

/** The seal state changes of any unit's seal (public, for verification): not its uses. */
export async function stateAt(em: EntityManager, sealId: string, at: Date) {
  // A SECURITY DEFINER function (any unit's seal, past row-level security): its columns are those of seals.seal_events.
  const rows = await withDb(em, (db) => db.selectFrom(sql<StateChange>`seals.seal_state_changes(${sealId})`.as('e')).selectAll().execute());
  return activeAt(
    rows.map((r) => ({ action: r.action, at: new Date(r.at) })),
    at,
  );
}

/** A custodian's wrapped key share of a seal and whether they have taken custody of it (locked for a change if asked). */
export function custodianShare(em: EntityManager, sealId: string, which: 'A' | 'B', forUpdate = false) {
  const col = which === 'A' ? 'share_a' : 'share_b';
  return withDb(em, (db) => {
    const q = db
      .selectFrom('seals.seal_keys')
      .select((eb) => [eb.ref(col).as('share'), eb.ref(`${col}_held` as const).as('held')])
      .where('seal_id', '=', sealId);
    return (forUpdate ? q.forUpdate() : q).executeTakeFirst();
  });
}
