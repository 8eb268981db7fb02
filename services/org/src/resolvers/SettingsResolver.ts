// A unit's document settings on the Org type, and their administration.

import { Arg, Ctx, FieldResolver, ID, Mutation, Resolver, Root } from 'type-graphql';
import { alertWebhookOf, setAlertWebhook, setTrainingRequired, settingsOf, trainingRequiredOf, updateUnitSettings } from '../app/unit-settings.ts';
import type { OrgContext } from '../deps.ts';
import { Org } from '../entities/Org.ts';

@Resolver(() => Org)
export class SettingsResolver {
  @FieldResolver(() => [String], { description: '机关代字 the unit numbers its documents with, e.g. 陕政办发 (seed 003 §12)' })
  async docPrefixes(@Root() org: Org, @Ctx() ctx: OrgContext): Promise<string[]> {
    return (await settingsOf(ctx.em, org.id)).docPrefixes;
  }

  @FieldResolver(() => [String], { description: '简报刊名: the briefings the unit issues, e.g. 新城政务信息; a 简报 is numbered by its 刊名 and year' })
  async briefingTitles(@Root() org: Org, @Ctx() ctx: OrgContext): Promise<string[]> {
    return (await settingsOf(ctx.em, org.id)).briefingTitles;
  }

  @FieldResolver(() => [String], { description: 'Roles that approve the unit’s documents before sending, in order (seed 000 §11)' })
  async approvalChain(@Root() org: Org, @Ctx() ctx: OrgContext): Promise<string[]> {
    return (await settingsOf(ctx.em, org.id)).approvalChain;
  }

  @FieldResolver(() => Boolean, { description: '上岗须经培训考核: a post (a role not held) only for people whose training day is recorded (seed 004)' })
  async trainingRequired(@Root() org: Org, @Ctx() ctx: OrgContext): Promise<boolean> {
    return trainingRequiredOf(ctx.em, org.id);
  }

  @Mutation(() => Org, { description: '上岗须经培训考核 on or off for a unit (subtree: and every unit below it); its administrators or those above' })
  async setTrainingRequired(
    @Arg('orgId', () => ID) orgId: string,
    @Arg('required', () => Boolean) required: boolean,
    @Arg('subtree', () => Boolean, { defaultValue: false }) subtree: boolean,
    @Ctx() ctx: OrgContext,
  ): Promise<Org> {
    return setTrainingRequired(orgId, required, subtree, ctx);
  }

  @FieldResolver(() => String, {
    nullable: true,
    description:
      'Where urgent-document alerts for the unit are posted (besides SMS to its contacts). Only the unit’s administrators (and those of the units above it) see it: the URL may carry an access token, so for anyone else it is null.',
  })
  async alertWebhookUrl(@Root() org: Org, @Ctx() ctx: OrgContext): Promise<string | null> {
    return alertWebhookOf(org, ctx);
  }

  @Mutation(() => Org, {
    description:
      'Set (or clear, with null) the webhook that receives the unit’s urgent alerts: an http(s) URL to a public host (no loopback, private or link-local address, no user name or password). Pending alerts to the old webhook are cancelled.',
  })
  async setAlertWebhook(
    @Arg('orgId', () => ID) orgId: string,
    @Arg('url', () => String, { nullable: true }) url: string | null,
    @Ctx() ctx: OrgContext,
  ): Promise<Org> {
    return setAlertWebhook(orgId, url, ctx);
  }

  @Mutation(() => Org, { description: 'Set a unit’s 机关代字, approval chain and (when given) its 简报刊名' })
  async updateUnitSettings(
    @Arg('orgId', () => ID) orgId: string,
    @Arg('docPrefixes', () => [String]) docPrefixes: string[],
    @Arg('approvalChain', () => [String]) approvalChain: string[],
    @Arg('briefingTitles', () => [String], { nullable: true, description: 'Left out: unchanged' }) briefingTitles: string[] | null,
    @Ctx() ctx: OrgContext,
  ): Promise<Org> {
    return updateUnitSettings(orgId, docPrefixes, approvalChain, briefingTitles, ctx);
  }
}
