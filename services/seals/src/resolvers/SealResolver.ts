// A seal in use (seeds 001 ch. 3, 003 §20–22, 004 §5): its two custodians take custody with PINs of their own; it is
// suspended and resumed, reported lost (revoked, its key erased), and destroyed before the three parties; its
// register shows every use. Applications and making are in SealApplicationResolver.
import type { EntityManager } from '@mikro-orm/postgresql';
import { badInput, ErrorCode, forbidden, isWithin, notFound, requireCaller, YizhanError } from '@yizhan/common';
import { isUuid, loadSecret, openWith } from '@yizhan/kernel';
import { Arg, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import { SealsErrorCode } from '../contract.ts';
import type { SealsContext } from '../deps.ts';
import { shareContext, wrapWithPin } from '../domain/custody.ts';
import { canManage, DESTRUCTION_PARTIES, isIssuingAuthority, isKeeperOf } from '../domain/state.ts';
import { Seal } from '../entities/Seal.ts';
import { actorOf, certificateFollows, getSeal, logEvent } from '../store.ts';
import { SealLogEntry, WitnessInput } from './types.ts';

const master = () => loadSecret('seal-master');

@Resolver()
export class SealResolver {
  @Query(() => [Seal], { description: 'The seals of a unit (yours or one below it), newest first' })
  async seals(@Arg('orgId', () => ID) orgId: string, @Ctx() ctx: SealsContext): Promise<Seal[]> {
    const caller = requireCaller(ctx);
    if (!isUuid(orgId)) throw notFound('Unit', orgId);
    const ids = (await ctx.em.execute('select id from seals.seals where org_id = ? and org_path <@ ?::ltree', [orgId, caller.orgPath])) as { id: string }[];
    return ids.length ? ctx.em.find(Seal, { id: { $in: ids.map((r) => r.id) } }, { orderBy: { createdAt: 'desc' } }) : [];
  }

  @Query(() => Seal, { description: 'One seal: its public part may be read by anyone verifying a stamp' })
  async seal(@Arg('id', () => ID) id: string, @Ctx() ctx: SealsContext): Promise<Seal> {
    requireCaller(ctx);
    return getSeal(ctx.em, id);
  }

  @Query(() => [SealLogEntry], { description: 'A seal’s register: making, custody, every use and refused use, status changes, destruction' })
  async sealLog(@Arg('sealId', () => ID) sealId: string, @Ctx() ctx: SealsContext): Promise<SealLogEntry[]> {
    const caller = requireCaller(ctx);
    const seal = await getSeal(ctx.em, sealId);
    if (!isWithin(seal.orgPath, caller.orgPath)) throw forbidden('A seal’s register is for its unit and the units above');
    const rows = (await ctx.em.execute('select action, actor_name, detail, at from seals.seal_events where seal_id = ? order by at, id', [seal.id])) as {
      action: string;
      actor_name: string;
      detail: unknown;
      at: Date;
    }[];
    return rows.map((r) => ({ action: r.action, actorName: r.actor_name, detail: JSON.stringify(r.detail), at: new Date(r.at) }));
  }

  @Mutation(() => Seal, { description: 'A custodian takes custody of their share with a PIN of their own; the seal is in use once both have' })
  async acceptSealCustody(@Arg('sealId', () => ID) sealId: string, @Arg('pin', () => String) pin: string, @Ctx() ctx: SealsContext) {
    const caller = requireCaller(ctx);
    return ctx.em.transactional(async (tx) => {
      const em = tx as EntityManager;
      const seal = await getSeal(em, sealId);
      const which = seal.custodianA === caller.userId ? 'A' : seal.custodianB === caller.userId ? 'B' : null;
      if (!which || !isKeeperOf(caller, seal.orgPath)) throw forbidden('Only the seal’s named custodians take custody');
      if (seal.status !== 'PENDING_CUSTODY') throw new YizhanError(ErrorCode.ILLEGAL_TRANSITION, `The seal is ${seal.status.toLowerCase()}`);
      const col = which === 'A' ? 'share_a' : 'share_b';
      const [row] = (await em.execute(`select ${col} as share, ${col}_held as held from seals.seal_keys where seal_id = ? for update`, [seal.id])) as {
        share: string;
        held: boolean;
      }[];
      if (!row) throw notFound('Seal key', seal.id);
      if (row.held) throw new YizhanError(ErrorCode.ILLEGAL_TRANSITION, 'You have already taken custody of this seal');
      const share = openWith(master(), row.share, shareContext(seal.id, which));
      await em.execute(`update seals.seal_keys set ${col} = ?, ${col}_held = true where seal_id = ?`, [
        wrapWithPin(share, pin, shareContext(seal.id, which)),
        seal.id,
      ]);
      await logEvent(em, { sealId: seal.id, orgPath: seal.orgPath, action: 'CUSTODY_ACCEPTED', actor: actorOf(caller), detail: { share: which } });
      const [both] = (await em.execute('select share_a_held and share_b_held as done from seals.seal_keys where seal_id = ?', [seal.id])) as {
        done: boolean;
      }[];
      if (both?.done) {
        seal.status = 'ACTIVE';
        await em.flush();
        await logEvent(em, { sealId: seal.id, orgPath: seal.orgPath, action: 'ACTIVATED', actor: actorOf(caller) });
      }
      return seal;
    });
  }

  @Mutation(() => Seal, { description: 'Suspend a seal (and its certificate): it cannot stamp until resumed' })
  async suspendSeal(@Arg('id', () => ID) id: string, @Arg('reason', () => String) reason: string, @Ctx() ctx: SealsContext) {
    const caller = requireCaller(ctx);
    if (!reason.trim()) throw badInput('Give the reason for the suspension', 'reason');
    return this.changeState(ctx, id, caller, ['ACTIVE'], 'SUSPENDED', 'SUSPENDED', reason.trim(), 'SUSPEND');
  }

  @Mutation(() => Seal, { description: 'Resume a suspended seal' })
  async resumeSeal(@Arg('id', () => ID) id: string, @Ctx() ctx: SealsContext) {
    const caller = requireCaller(ctx);
    return this.changeState(ctx, id, caller, ['SUSPENDED'], 'ACTIVE', 'RESUMED', null, 'RESUME');
  }

  @Mutation(() => Seal, {
    description: 'Report a seal lost or damaged (seed 003 §22): it is revoked at once, with its certificate; apply for a replacement',
  })
  async reportSealLost(@Arg('id', () => ID) id: string, @Arg('note', () => String) note: string, @Ctx() ctx: SealsContext) {
    const caller = requireCaller(ctx);
    if (!note.trim()) throw badInput('Say what happened', 'note');
    const seal = await getSeal(ctx.em, id);
    const custodian = seal.custodianA === caller.userId || seal.custodianB === caller.userId;
    if (!custodian && !canManage(caller, seal.orgPath)) throw forbidden('A custodian or an administrator reports a seal lost');
    return this.changeState(ctx, id, caller, ['ACTIVE', 'SUSPENDED', 'PENDING_CUSTODY'], 'REVOKED', 'LOST', note.trim(), 'REVOKE', true);
  }

  @Mutation(() => Seal, {
    description: 'Destroy a seal (seed 003 §20): the government office, the e-government office and the owning unit must be present',
  })
  async destroySeal(@Arg('id', () => ID) id: string, @Arg('witnesses', () => [WitnessInput]) witnesses: WitnessInput[], @Ctx() ctx: SealsContext) {
    const caller = requireCaller(ctx);
    const seal = await getSeal(ctx.em, id);
    if (!isIssuingAuthority(caller, seal.orgPath)) throw forbidden('Seals are destroyed by the issuing authority above the unit');
    const present = new Set(witnesses.filter((w) => w.name.trim() && w.post.trim()).map((w) => w.party));
    const missing = DESTRUCTION_PARTIES.filter((p) => !present.has(p));
    if (missing.length)
      throw new YizhanError(SealsErrorCode.WITNESSES_REQUIRED, `Destruction needs these parties present, by name and post: ${missing.join(', ')}`, { missing });
    return this.changeState(ctx, id, caller, ['ACTIVE', 'SUSPENDED', 'PENDING_CUSTODY', 'REVOKED'], 'DESTROYED', 'DESTROYED', null, 'REVOKE', true, witnesses);
  }

  private async changeState(
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
    const custodian = seal.custodianA === caller.userId || seal.custodianB === caller.userId;
    if (!canManage(caller, seal.orgPath) && !(action === 'LOST' && custodian))
      throw forbidden('Only an administrator of the unit or the issuing authority changes a seal');
    if (!from.includes(seal.status))
      throw new YizhanError(ErrorCode.ILLEGAL_TRANSITION, `A ${seal.status.toLowerCase()} seal cannot be ${action.toLowerCase()}`, { status: seal.status });
    if (seal.status !== 'REVOKED' || certificate !== 'REVOKE') {
      await certificateFollows(
        ctx,
        seal,
        certificate,
        action === 'LOST' ? 'KEY_COMPROMISE' : action === 'DESTROYED' ? 'CESSATION_OF_OPERATION' : (reason ?? 'seal suspended'),
      );
    }
    return ctx.em.transactional(async (tx) => {
      const em = tx as EntityManager;
      const fresh = await getSeal(em, id);
      fresh.status = to;
      fresh.statusReason = reason ?? (action === 'DESTROYED' ? 'destroyed' : null);
      await em.flush();
      // A lost or destroyed seal's key is gone for good: its encrypted copy and shares are erased.
      if (wipeKey) await em.execute('delete from seals.seal_keys where seal_id = ?', [fresh.id]);
      await logEvent(em, { sealId: fresh.id, orgPath: fresh.orgPath, action, actor: actorOf(caller), detail: { reason, witnesses } });
      return fresh;
    });
  }
}
