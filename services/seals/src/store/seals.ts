// The seals service's SQL that more than one use case needs: the seal's register (its events), one seal, and the
// seal's state at a moment (for verification).
import type { EntityManager } from '@mikro-orm/postgresql';
import { type Caller, notFound } from '@yizhan/common';
import { isUuid } from '@yizhan/kernel';
import { activeAt } from '../domain/state.ts';
import { Seal } from '../entities/Seal.ts';

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
  await em.execute(
    'insert into seals.seal_events (seal_id, application_id, org_path, action, actor_id, actor_name, detail) values (?, ?, ?::ltree, ?, ?, ?, ?)',
    [e.sealId ?? null, e.applicationId ?? null, e.orgPath, e.action, e.actor.userId, e.actor.name, JSON.stringify(e.detail ?? {})],
  );
}

export const actorOf = (caller: Caller) => ({ userId: caller.userId, name: caller.username });

export async function getSeal(em: EntityManager, id: string): Promise<Seal> {
  const seal = isUuid(id) ? await em.findOne(Seal, { id }) : null;
  if (!seal) throw notFound('Seal', id);
  return seal;
}

/** The seal state changes of any unit's seal (public, for verification): not its uses. */
export async function stateAt(em: EntityManager, sealId: string, at: Date) {
  const rows = (await em.execute('select action, at from seals.seal_state_changes(?)', [sealId])) as { action: string; at: Date }[];
  return activeAt(
    rows.map((r) => ({ action: r.action, at: new Date(r.at) })),
    at,
  );
}
