// Applications for seals (seeds 001 §19–21, 003 §19): the unit applies in writing through its administrator, its
// head consents, the issuing authority above approves, and makes the seal — image, key pair, certificate, the seal
// maker's signature — with two of the unit's seal keepers named as custodians.
import { Arg, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import {
  applyForSeal,
  consentToSealApplication,
  decideSealApplication,
  impressionOfApplication,
  sealApplications,
  sealImpression,
} from '../app/apply-for-seal.ts';
import { makeSeal } from '../app/make-seal.ts';
import type { SealsContext } from '../deps.ts';
import { Seal } from '../entities/Seal.ts';
import { SealApplication } from '../entities/SealApplication.ts';
import { SealApplicationInput, SealImpression, SealImpressionContent, WitnessInput } from './types.ts';

@Resolver(() => SealApplication)
export class SealApplicationResolver {
  @Query(() => [SealApplication], { description: 'Seal applications of your unit and the units below it, newest first' })
  async sealApplications(@Arg('status', () => String, { nullable: true }) status: string | null, @Ctx() ctx: SealsContext) {
    return sealApplications(status, ctx);
  }

  @Mutation(() => SealApplication, { description: 'Apply for a seal for your unit in writing (its administrator)' })
  async applyForSeal(@Arg('input', () => SealApplicationInput) input: SealApplicationInput, @Ctx() ctx: SealsContext) {
    return applyForSeal(input, ctx);
  }

  @Mutation(() => SealApplication, { description: 'The head of the unit consents to its seal application (负责人审核同意并签字)' })
  async consentToSealApplication(@Arg('id', () => ID) id: string, @Ctx() ctx: SealsContext) {
    return consentToSealApplication(id, ctx);
  }

  @Mutation(() => SealApplication, { description: 'The issuing authority above the unit approves or rejects (with the reason)' })
  async decideSealApplication(
    @Arg('id', () => ID) id: string,
    @Arg('approve', () => Boolean) approve: boolean,
    @Arg('note', () => String, { nullable: true }) note: string | null,
    @Ctx() ctx: SealsContext,
  ) {
    return decideSealApplication(id, approve, note, ctx);
  }

  @Query(() => SealImpressionContent, {
    description: '印模 with its bytes: of your unit’s applications and seals, and of the units below yours (their issuing authority)',
  })
  async sealImpression(@Arg('applicationId', () => ID) applicationId: string, @Ctx() ctx: SealsContext) {
    return sealImpression(applicationId, ctx);
  }

  @FieldResolver(() => SealImpression, { nullable: true, description: '印模: the scan of the physical seal’s impression sent with it, if one was' })
  async impression(@Root() app: SealApplication, @Ctx() ctx: SealsContext) {
    return impressionOfApplication(app.id, ctx);
  }

  @Mutation(() => Seal, {
    description: 'Make an approved seal: image, key pair and certificate, with two of the unit’s seal keepers as custodians',
  })
  async makeSeal(
    @Arg('applicationId', () => ID) applicationId: string,
    @Arg('custodianIds', () => [ID]) custodianIds: string[],
    @Ctx() ctx: SealsContext,
    @Arg('witnesses', () => [WitnessInput], {
      defaultValue: [],
      description: 'The three parties present (seed 004 五(三)), by name and post: the government office, the e-government office, the unit',
    })
    witnesses: WitnessInput[],
  ) {
    return makeSeal(applicationId, custodianIds, witnesses, ctx);
  }
}
