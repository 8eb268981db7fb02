// Reading seals: a unit's seals, one seal's public part, and a seal's register (making, custody, uses, changes).
import { forbidden, notFound, requireCaller } from '@yizhan/common';
import { isUuid } from '@yizhan/kernel';
import { sql } from 'kysely';
import { type SealsContext } from '../deps.ts';
import { mayKnowCustodians } from '../domain/state.ts';
import { Seal } from '../entities/Seal.ts';
import { type SealLogEntry } from '../resolvers/types.ts';
import { getSeal } from '../store/seals.ts';
import { withDb } from '../store/sql.ts';

export async function seals(orgId: string, ctx: SealsContext): Promise<Seal[]> {
  const caller = requireCaller(ctx);
  if (!isUuid(orgId)) throw notFound('Unit', orgId);
  const ids = await withDb(ctx.em, (db) =>
    db.selectFrom('seals.seals').select('id').where('org_id', '=', orgId).where(sql<boolean>`org_path <@ ${caller.orgPath}::ltree`).execute(),
  );
  return ids.length ? ctx.em.find(Seal, { id: { $in: ids.map((r) => r.id) } }, { orderBy: { createdAt: 'desc' } }) : [];
}

export async function seal(id: string, ctx: SealsContext): Promise<Seal> {
  requireCaller(ctx);
  return getSeal(ctx.em, id);
}

export async function sealLog(sealId: string, ctx: SealsContext): Promise<SealLogEntry[]> {
  const caller = requireCaller(ctx);
  const seal = await getSeal(ctx.em, sealId);
  // The register names the people who made, held and used the seal: for those who may know them (the seal's own
  // unit and the issuing authority's administrators above it), as the seal's custodian fields are.
  if (!mayKnowCustodians(caller, seal)) throw forbidden('A seal’s register is for its unit and the administrators of the units above');
  // From the written application on (applied, consented, approved: seed 003 §19), then the seal's own life.
  const applicationId = seal.applicationId;
  const rows = await withDb(ctx.em, (db) =>
    db
      .selectFrom('seals.seal_events')
      .select(['action', 'actor_name', 'detail', 'at'])
      .where((eb) => (applicationId ? eb.or([eb('seal_id', '=', seal.id), eb('application_id', '=', applicationId)]) : eb('seal_id', '=', seal.id)))
      .orderBy('at')
      .orderBy('id')
      .execute(),
  );
  return rows.map((r) => ({ action: r.action, actorName: r.actor_name, detail: JSON.stringify(r.detail), at: new Date(r.at) }));
}
