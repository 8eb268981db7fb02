// A seal in use (seeds 001 ch. 3, 003 §20–22, 004 §5): its two custodians take custody with PINs of their own; it is
// suspended and resumed, reported lost (revoked, its key erased), and destroyed before the three parties; its
// register shows every use. Applications and making are in SealApplicationResolver.
import { Arg, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import { acceptSealCustody } from '../app/accept-custody.ts';
import { seal, sealLog, seals } from '../app/seal-register.ts';
import { destroySeal, reportSealLost, resumeSeal, suspendSeal } from '../app/seal-status.ts';
import type { SealsContext } from '../deps.ts';
import { Seal } from '../entities/Seal.ts';
import { SealLogEntry, WitnessInput } from './types.ts';

@Resolver()
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
}
