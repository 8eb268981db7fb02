// A custodian's PIN, presented: to stamp (stamp.ts) or to change it (changeCustodyPin). Guessing one is slow (scrypt)
// and short-lived: five wrong PINs within an hour stop the custodian for the hour, whatever they were presented for.
import { type EntityManager } from '@mikro-orm/postgresql';
import { badInput, type Caller, ErrorCode, forbidden, personName, requireCaller, YizhanError } from '@yizhan/common';
import { SealsErrorCode } from '@yizhan/contracts/seals';
import { sql } from 'kysely';
import { type SealsContext } from '../deps.ts';
import { PIN_PATTERN, pinProblem, shareContext, unwrapWithPin, wrapWithPin } from '../domain/custody.ts';
import { isKeeperOf, shareOf } from '../domain/state.ts';
import type { Seal } from '../entities/Seal.ts';
import { actorOf, custodianShare, getSeal, logEvent } from '../store/seals.ts';
import { withDb } from '../store/sql.ts';

const MAX_WRONG_PINS = 5;

/**
 * The custodian's share opened with their PIN, or refused: PIN_LOCKED while five wrong ones of the last hour stand
 * (the lock lifts when the fifth newest is an hour old); a wrong one is logged (USE_REFUSED, with `detail`) and
 * answered WRONG_PIN with the tries left.
 */
export async function openShareWithPin(
  em: EntityManager,
  seal: Seal,
  caller: Caller,
  which: 'A' | 'B',
  wrapped: string,
  pin: string,
  detail: Record<string, unknown>,
): Promise<Buffer> {
  const refusals = await withDb(em, (db) =>
    db
      .selectFrom('seals.seal_events')
      .select('at')
      .where('seal_id', '=', seal.id)
      .where('actor_id', '=', caller.userId)
      .where('action', '=', 'USE_REFUSED')
      .where('at', '>', sql<string>`now() - interval '1 hour'`)
      .orderBy('at', 'desc')
      .limit(MAX_WRONG_PINS)
      .execute(),
  );
  const refused = refusals.length;
  if (refused >= MAX_WRONG_PINS) {
    const until = new Date(new Date(refusals[MAX_WRONG_PINS - 1]?.at as string | Date).getTime() + 3_600_000);
    throw new YizhanError(
      SealsErrorCode.PIN_LOCKED,
      `${MAX_WRONG_PINS} wrong PINs within the hour: you may present your PIN again from ${until.toISOString()}, or ask an administrator to report the seal lost`,
      { until: until.toISOString() },
    );
  }
  try {
    return unwrapWithPin(wrapped, pin, shareContext(seal.id, which));
  } catch (e) {
    await em.transactional((tx) =>
      logEvent(tx as EntityManager, { sealId: seal.id, orgPath: seal.orgPath, action: 'USE_REFUSED', actor: actorOf(caller), detail }),
    );
    const attemptsLeft = MAX_WRONG_PINS - refused - 1;
    if (e instanceof YizhanError && e.code === SealsErrorCode.WRONG_PIN)
      throw new YizhanError(SealsErrorCode.WRONG_PIN, `Wrong custody PIN: ${attemptsLeft} more within the hour and your PINs are refused for an hour`, {
        attemptsLeft,
      });
    throw e;
  }
}

/**
 * A custodian changes their PIN (seed 004 五(四): the password is theirs alone to keep): the present one opens their
 * share, the new one wraps it again; counted as any PIN presented, and in the seal's register.
 */
export async function changeCustodyPin(sealId: string, currentPin: string, newPin: string, ctx: SealsContext): Promise<Seal> {
  const caller = requireCaller(ctx);
  if (!PIN_PATTERN.test(currentPin)) throw badInput('A custody PIN is 6 to 12 digits', 'currentPin');
  const problem = pinProblem(newPin);
  if (problem) throw badInput(problem, 'newPin', { pin: true });
  if (newPin === currentPin) throw badInput('The new PIN is the one you have', 'newPin');
  const seal = await getSeal(ctx.em as EntityManager, sealId);
  const which = shareOf(seal, caller.userId);
  if (!which || !isKeeperOf(caller, seal.orgPath)) throw forbidden('Only the seal’s custodians change their own PIN');
  if (seal.status !== 'ACTIVE' && seal.status !== 'SUSPENDED')
    throw new YizhanError(ErrorCode.ILLEGAL_TRANSITION, `The seal is ${seal.status.toLowerCase()}: there is no PIN to change`, { status: seal.status });
  const row = await custodianShare(ctx.em as EntityManager, seal.id, which);
  if (!row?.held) throw new YizhanError(ErrorCode.ILLEGAL_TRANSITION, 'Take custody of the seal first: there is no PIN of yours yet');
  const share = await openShareWithPin(ctx.em as EntityManager, seal, caller, which, row.share, currentPin, { why: 'wrong PIN (changing it)' });
  const wrapped = wrapWithPin(share, newPin, shareContext(seal.id, which));
  return ctx.em.transactional(async (tx) => {
    const em = tx as EntityManager;
    // Changed only from the share just opened: a change made meanwhile (the same custodian, another tab) is not undone.
    const changed = await withDb(em, (db) =>
      db
        .updateTable('seals.seal_keys')
        .set(which === 'A' ? { share_a: wrapped } : { share_b: wrapped })
        .where('seal_id', '=', seal.id)
        .where(which === 'A' ? 'share_a' : 'share_b', '=', row.share)
        .executeTakeFirst(),
    );
    if (!changed.numUpdatedRows) throw new YizhanError(ErrorCode.CONFLICT, 'Your PIN was changed meanwhile: present the new one');
    await logEvent(em, {
      sealId: seal.id,
      orgPath: seal.orgPath,
      action: 'PIN_CHANGED',
      actor: actorOf(caller),
      detail: { share: which, by: personName(caller) },
    });
    return getSeal(em, seal.id);
  });
}
