// A seal in use (seeds 001 ch. 3, 003 §20–22, 004 §5): its two custodians take custody with PINs of their own; it is
// suspended and resumed, reported lost (revoked, its key erased), and destroyed before the three parties; its
// register shows every use. Applications and making are in SealApplicationResolver. Who holds the seal's key shares,
// and who made it, is shown only to those mayKnowCustodians allows; anyone else reads the seal's public part.
import { Arg, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { acceptSealCustody } from '../app/accept-custody.ts';
import { impressionOfApplication } from '../app/apply-for-seal.ts';
import { handOverSealCustody } from '../app/custody-handover.ts';
import { changeCustodyPin } from '../app/custody-pin.ts';
import { seal, sealLog, seals } from '../app/seal-register.ts';
import { destroySeal, reportSealLost, resumeSeal, suspendSeal } from '../app/seal-status.ts';
import type { SealsContext } from '../deps.ts';
import { mayKnowCustodians } from '../domain/state.ts';
import { Seal } from '../entities/Seal.ts';
import { SealImpression, SealLogEntry, WitnessInput } from './types.ts';

const WHO_SEES = 'Shown to the seal’s own unit (any role) and to an administrator of a unit above it (the issuing authority); null for anyone else';

/** The seal's people, or null: the caller is neither the seal's own unit nor an administrator above it. */
const person = <T>(seal: Seal, ctx: SealsContext, value: T): T | null => (ctx.caller && mayKnowCustodians(ctx.caller, seal) ? value : null);

@Resolver(() => Seal)
export class SealResolver {
  @Query(() => [Seal], { description: 'The seals of a unit (yours or one below it), newest first' })
  async seals(@Arg('orgId', () => ID) orgId: string, @Ctx() ctx: SealsContext): Promise<Seal[]> {
    return seals(orgId, ctx);
  }

  @Query(() => Seal, { description: 'One seal: its public part may be read by anyone verifying a stamp' })
  async seal(@Arg('id', () => ID) id: string, @Ctx() ctx: SealsContext): Promise<Seal> {
    return seal(id, ctx);
  }

  @Query(() => [SealLogEntry], { description: 'A seal’s register: making, custody, every use and refused use, status changes, destruction' })
  async sealLog(@Arg('sealId', () => ID) sealId: string, @Ctx() ctx: SealsContext): Promise<SealLogEntry[]> {
    return sealLog(sealId, ctx);
  }

  @Mutation(() => Seal, { description: 'A custodian takes custody of their share with a PIN of their own; the seal is in use once both have' })
  async acceptSealCustody(@Arg('sealId', () => ID) sealId: string, @Arg('pin', () => String) pin: string, @Ctx() ctx: SealsContext) {
    return acceptSealCustody(sealId, pin, ctx);
  }

  @Mutation(() => Seal, {
    description: 'A custodian changes their own PIN: the present one (counted as any PIN presented) and the new one (6–12 digits, not a run)',
  })
  async changeCustodyPin(
    @Arg('sealId', () => ID) sealId: string,
    @Arg('currentPin', () => String) currentPin: string,
    @Arg('newPin', () => String) newPin: string,
    @Ctx() ctx: SealsContext,
  ) {
    return changeCustodyPin(sealId, currentPin, newPin, ctx);
  }

  @Mutation(() => Seal, {
    description:
      '交接 (seed 001 §32): a custodian hands their key share to another seal keeper of the unit, with their PIN and the reason; the seal waits (PENDING_CUSTODY, stamping nothing) until that keeper takes custody with a PIN of their own. Not to the other custodian: two people keep the seal',
  })
  async handOverSealCustody(
    @Arg('sealId', () => ID) sealId: string,
    @Arg('currentPin', () => String) currentPin: string,
    @Arg('toUserId', () => ID) toUserId: string,
    @Arg('reason', () => String) reason: string,
    @Ctx() ctx: SealsContext,
  ) {
    return handOverSealCustody(sealId, currentPin, toUserId, reason, ctx);
  }

  @Mutation(() => Seal, { description: 'Suspend a seal (and its certificate): it cannot stamp until resumed' })
  async suspendSeal(@Arg('id', () => ID) id: string, @Arg('reason', () => String) reason: string, @Ctx() ctx: SealsContext) {
    return suspendSeal(id, reason, ctx);
  }

  @Mutation(() => Seal, { description: 'Resume a suspended seal' })
  async resumeSeal(@Arg('id', () => ID) id: string, @Ctx() ctx: SealsContext) {
    return resumeSeal(id, ctx);
  }

  @Mutation(() => Seal, {
    description: 'Report a seal lost or damaged (seed 003 §22): it is revoked at once, with its certificate; apply for a replacement',
  })
  async reportSealLost(@Arg('id', () => ID) id: string, @Arg('note', () => String) note: string, @Ctx() ctx: SealsContext) {
    return reportSealLost(id, note, ctx);
  }

  @Mutation(() => Seal, {
    description: 'Destroy a seal (seed 003 §20): the government office, the e-government office and the owning unit must be present',
  })
  async destroySeal(@Arg('id', () => ID) id: string, @Arg('witnesses', () => [WitnessInput]) witnesses: WitnessInput[], @Ctx() ctx: SealsContext) {
    return destroySeal(id, witnesses, ctx);
  }

  @FieldResolver(() => ID, { nullable: true, description: `The first custodian, a seal keeper of the unit holding one key share. ${WHO_SEES}` })
  custodianA(@Root() seal: Seal, @Ctx() ctx: SealsContext): string | null {
    return person(seal, ctx, seal.custodianA);
  }

  @FieldResolver(() => String, { nullable: true, description: `The first custodian’s name. ${WHO_SEES}` })
  custodianAName(@Root() seal: Seal, @Ctx() ctx: SealsContext): string | null {
    return person(seal, ctx, seal.custodianAName);
  }

  @FieldResolver(() => ID, { nullable: true, description: `The second custodian, a seal keeper of the unit holding the other key share. ${WHO_SEES}` })
  custodianB(@Root() seal: Seal, @Ctx() ctx: SealsContext): string | null {
    return person(seal, ctx, seal.custodianB);
  }

  @FieldResolver(() => String, { nullable: true, description: `The second custodian’s name. ${WHO_SEES}` })
  custodianBName(@Root() seal: Seal, @Ctx() ctx: SealsContext): string | null {
    return person(seal, ctx, seal.custodianBName);
  }

  @FieldResolver(() => SealImpression, {
    nullable: true,
    description:
      '印模 (seed 001 §28: 电子印章档案): the scan of the physical seal’s impression its application sent; for the unit and the units above it, null for anyone else',
  })
  async impression(@Root() seal: Seal, @Ctx() ctx: SealsContext) {
    return impressionOfApplication(seal.applicationId, ctx);
  }

  @FieldResolver(() => String, { nullable: true, description: `Who made the seal: the issuing authority’s administrator (user name). ${WHO_SEES}` })
  madeByName(@Root() seal: Seal, @Ctx() ctx: SealsContext): string | null {
    return person(seal, ctx, seal.madeByName);
  }
}
