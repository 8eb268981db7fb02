// A custodian takes custody of their key share with a PIN of their own; the seal is in use once both have.
import { type EntityManager } from '@mikro-orm/postgresql';
import { ErrorCode, forbidden, notFound, requireCaller, YizhanError } from '@yizhan/common';
import { loadSecret, openWith } from '@yizhan/kernel';
import { type SealsContext } from '../deps.ts';
import { shareContext, wrapWithPin } from '../domain/custody.ts';
import { isKeeperOf, shareOf } from '../domain/state.ts';
import { actorOf, custodianShare, getSeal, logEvent } from '../store/seals.ts';
import { withDb } from '../store/sql.ts';

const master = () => loadSecret('seal-master');

export async function acceptSealCustody(sealId: string, pin: string, ctx: SealsContext) {
  const caller = requireCaller(ctx);
  return ctx.em.transactional(async (tx) => {
    const em = tx as EntityManager;
    const seal = await getSeal(em, sealId);
    const which = shareOf(seal, caller.userId);
    if (!which || !isKeeperOf(caller, seal.orgPath)) throw forbidden('Only the seal’s named custodians take custody');
    if (seal.status !== 'PENDING_CUSTODY') throw new YizhanError(ErrorCode.ILLEGAL_TRANSITION, `The seal is ${seal.status.toLowerCase()}`);
    const row = await custodianShare(em, seal.id, which, true);
    if (!row) throw notFound('Seal key', seal.id);
    if (row.held) throw new YizhanError(ErrorCode.ILLEGAL_TRANSITION, 'You have already taken custody of this seal');
    const share = openWith(master(), row.share, shareContext(seal.id, which));
    const wrapped = wrapWithPin(share, pin, shareContext(seal.id, which));
    await withDb(em, (db) =>
      db
        .updateTable('seals.seal_keys')
        .set(which === 'A' ? { share_a: wrapped, share_a_held: true } : { share_b: wrapped, share_b_held: true })
        .where('seal_id', '=', seal.id)
        .execute(),
    );
    await logEvent(em, { sealId: seal.id, orgPath: seal.orgPath, action: 'CUSTODY_ACCEPTED', actor: actorOf(caller), detail: { share: which } });
    const both = await withDb(em, (db) =>
      db
        .selectFrom('seals.seal_keys')
        .select((eb) => eb.and([eb.ref('share_a_held'), eb.ref('share_b_held')]).as('done'))
        .where('seal_id', '=', seal.id)
        .executeTakeFirst(),
    );
    if (both?.done) {
      seal.status = 'ACTIVE';
      await em.flush();
      await logEvent(em, { sealId: seal.id, orgPath: seal.orgPath, action: 'ACTIVATED', actor: actorOf(caller) });
    }
    return seal;
  });
}
