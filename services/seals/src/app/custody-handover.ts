// 交接 (seed 001 §32: a change of the people who keep the platform's work is handed over strictly): a custodian who
// leaves hands their key share to another seal keeper of the unit. They present their PIN (counted as any PIN
// presented); their share is opened, wrapped again under the service's secret for the one who takes it over, and the
// seal waits (待保管人接管, PENDING_CUSTODY) until that keeper takes custody with a PIN of their own, as at the making:
// it stamps nothing meanwhile, and a stamp request half presented is withdrawn. The other custodian keeps their share;
// two different people keep the seal throughout (seed 004 §5). The register names both, by name, and the reason.
import { type EntityManager } from '@mikro-orm/postgresql';
import { badInput, ErrorCode, forbidden, personName, requireCaller, requiredText, YizhanError } from '@yizhan/common';
import { loadSecret, sealWith } from '@yizhan/kernel';
import { type SealsContext } from '../deps.ts';
import { PIN_PATTERN, shareContext } from '../domain/custody.ts';
import { isKeeperOf, shareOf } from '../domain/state.ts';
import type { Seal } from '../entities/Seal.ts';
import { actorOf, custodianShare, getSeal, logEvent } from '../store/seals.ts';
import { withDb } from '../store/sql.ts';
import { openShareWithPin } from './custody-pin.ts';

export async function handOverSealCustody(sealId: string, currentPin: string, toUserId: string, reason: string, ctx: SealsContext): Promise<Seal> {
  const caller = requireCaller(ctx);
  if (!PIN_PATTERN.test(currentPin)) throw badInput('A custody PIN is 6 to 12 digits', 'currentPin');
  const why = requiredText(reason, 'reason', { max: 500 });
  const seal = await getSeal(ctx.em as EntityManager, sealId);
  const which = shareOf(seal, caller.userId);
  if (!which || !isKeeperOf(caller, seal.orgPath)) throw forbidden('Only a custodian of the seal hands over their own custody');
  if (seal.status !== 'ACTIVE')
    throw new YizhanError(ErrorCode.ILLEGAL_TRANSITION, `The seal is ${seal.status.toLowerCase()}: custody is handed over while the seal is in use`, {
      status: seal.status,
    });
  if (toUserId === caller.userId) throw badInput('Hand your custody to another seal keeper', 'toUserId');
  if (toUserId === (which === 'A' ? seal.custodianB : seal.custodianA))
    throw badInput('The other custodian keeps the other share: two different people keep the seal (seed 004 §5)', 'toUserId');
  const keepers = await ctx.deps.org.call('keepers', ctx.callerHeader, { orgId: seal.orgId });
  const to = keepers.find((k) => k.id === toUserId);
  if (!to) throw badInput('Hand custody to an active seal keeper (SEAL_KEEPER) of the unit', 'toUserId');
  const row = await custodianShare(ctx.em as EntityManager, seal.id, which);
  if (!row?.held) throw new YizhanError(ErrorCode.ILLEGAL_TRANSITION, 'Take custody of the seal first: there is no share of yours to hand over');
  const share = await openShareWithPin(ctx.em as EntityManager, seal, caller, which, row.share, currentPin, { why: 'wrong PIN (handing over custody)' });
  const waiting = sealWith(loadSecret('seal-master'), share, shareContext(seal.id, which));
  return ctx.em.transactional(async (tx) => {
    const em = tx as EntityManager;
    // Handed over only from the share just opened: a change made meanwhile (a PIN changed in another tab) is not undone.
    const changed = await withDb(em, (db) =>
      db
        .updateTable('seals.seal_keys')
        .set(which === 'A' ? { share_a: waiting, share_a_held: false } : { share_b: waiting, share_b_held: false })
        .where('seal_id', '=', seal.id)
        .where(which === 'A' ? 'share_a' : 'share_b', '=', row.share)
        .executeTakeFirst(),
    );
    if (!changed.numUpdatedRows) throw new YizhanError(ErrorCode.CONFLICT, 'Your custody changed meanwhile: look again and present your PIN');
    const held = await getSeal(em, seal.id);
    if (which === 'A') Object.assign(held, { custodianA: to.id, custodianAName: to.displayName });
    else Object.assign(held, { custodianB: to.id, custodianBName: to.displayName });
    held.status = 'PENDING_CUSTODY';
    await em.flush();
    // A stamp waiting for its second PIN holds the first custodian's share: it is withdrawn, its share erased.
    await withDb(em, (db) =>
      db
        .updateTable('seals.stamp_requests')
        .set({ status: 'CANCELLED', status_reason: 'custody handed over', first_share: null })
        .where('seal_id', '=', seal.id)
        .where('status', '=', 'PENDING')
        .execute(),
    );
    await logEvent(em, {
      sealId: seal.id,
      orgPath: seal.orgPath,
      action: 'CUSTODY_HANDED_OVER',
      actor: actorOf(caller),
      detail: { share: which, from: personName(caller), to: to.displayName, reason: why },
    });
    return held;
  });
}
