// A seal's status changes: suspend, resume, report lost, destroy (with witnesses); its certificate follows.
import { type EntityManager } from '@mikro-orm/postgresql';
import { ErrorCode, forbidden, requireCaller, requiredText, YizhanError } from '@yizhan/common';
import { type SealsContext } from '../deps.ts';
import { canManage, isIssuingAuthority, requireWitnesses, shareOf } from '../domain/state.ts';
import { type WitnessInput } from '../resolvers/types.ts';
import { actorOf, getSeal, logEvent } from '../store/seals.ts';
import { withDb } from '../store/sql.ts';
import { certificateFollows } from './peers.ts';

async function changeState(
  ctx: SealsContext,
  id: string,
  caller: NonNullable<SealsContext['caller']>,
  from: string[],
  to: string,
  action: string,
  reason: string | null,
  certificate: 'SUSPEND' | 'RESUME' | 'REVOKE',
  wipeKey = false,
  witnesses: WitnessInput[] = [],
) {
  const seal = await getSeal(ctx.em, id);
  const custodian = shareOf(seal, caller.userId) !== null;
  if (!canManage(caller, seal.orgPath) && !(action === 'LOST' && custodian))
    throw forbidden('Only an administrator of the unit or the issuing authority changes a seal');
  if (!from.includes(seal.status))
    throw new YizhanError(ErrorCode.ILLEGAL_TRANSITION, `A ${seal.status.toLowerCase()} seal cannot be ${action.toLowerCase()}`, { status: seal.status });
  if (seal.status !== 'REVOKED' || certificate !== 'REVOKE') {
    await certificateFollows(
      ctx,
      seal,
      certificate,
      action === 'LOST' ? 'KEY_COMPROMISE' : action === 'DESTROYED' ? 'CESSATION_OF_OPERATION' : (reason ?? '印章暂停使用'),
    );
  }
  return ctx.em.transactional(async (tx) => {
    const em = tx as EntityManager;
    const fresh = await getSeal(em, id);
    fresh.status = to;
    fresh.statusReason = reason ?? (action === 'DESTROYED' ? 'destroyed' : null);
    await em.flush();
    // A lost or destroyed seal's key is gone for good: its encrypted copy and shares are erased.
    if (wipeKey) await withDb(em, (db) => db.deleteFrom('seals.seal_keys').where('seal_id', '=', fresh.id).execute());
    await logEvent(em, { sealId: fresh.id, orgPath: fresh.orgPath, action, actor: actorOf(caller), detail: { reason, witnesses } });
    return fresh;
  });
}

/** A reason, a note, a witness's name or post: bounded and one line, as registers and prints carry them. */
const REASON = { max: 500, line: true };

export async function suspendSeal(id: string, reason: string, ctx: SealsContext) {
  const caller = requireCaller(ctx);
  return changeState(ctx, id, caller, ['ACTIVE'], 'SUSPENDED', 'SUSPENDED', requiredText(reason, 'reason', REASON), 'SUSPEND');
}

export async function resumeSeal(id: string, ctx: SealsContext) {
  const caller = requireCaller(ctx);
  return changeState(ctx, id, caller, ['SUSPENDED'], 'ACTIVE', 'RESUMED', null, 'RESUME');
}

export async function reportSealLost(id: string, note: string, ctx: SealsContext) {
  const caller = requireCaller(ctx);
  const said = requiredText(note, 'note', REASON);
  const seal = await getSeal(ctx.em, id);
  const custodian = shareOf(seal, caller.userId) !== null;
  if (!custodian && !canManage(caller, seal.orgPath)) throw forbidden('A custodian or an administrator reports a seal lost');
  return changeState(ctx, id, caller, ['ACTIVE', 'SUSPENDED', 'PENDING_CUSTODY'], 'REVOKED', 'LOST', said, 'REVOKE', true);
}

export async function destroySeal(id: string, witnesses: WitnessInput[], ctx: SealsContext) {
  const caller = requireCaller(ctx);
  const seal = await getSeal(ctx.em, id);
  if (!isIssuingAuthority(caller, seal.orgPath)) throw forbidden('Seals are destroyed by the issuing authority above the unit');
  const present = requireWitnesses(witnesses, 'Destruction');
  return changeState(ctx, id, caller, ['ACTIVE', 'SUSPENDED', 'PENDING_CUSTODY', 'REVOKED'], 'DESTROYED', 'DESTROYED', null, 'REVOKE', true, present);
}
