// A unit's document settings on the Org type, and their administration.

import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Resolver, Root } from 'type-graphql';
import {
  alertWebhookOf,
  lockAfterFailuresOf,
  setAlertWebhook,
  setLockAfterFailures,
  setTrainingRequired,
  settingsOf,
  trainingRequiredOf,
  updateUnitSettings,
} from '../app/unit-settings.ts';
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

  @FieldResolver(() => Int, {
    nullable: true,
    description:
      '多次输错密码后禁用 (seed 003 §14): after how many wrong passwords in a row an account of the unit is locked until an administrator unlocks it; null when never (the wait that grows with each failure applies either way). Its administrators and those above see it; null for anyone else',
  })
  async lockAfterFailures(@Root() org: Org, @Ctx() ctx: OrgContext): Promise<number | null> {
    return lockAfterFailuresOf(org, ctx);
  }

  @Mutation(() => Org, {
    description:
      '多次输错密码后禁用 (seed 003 §14): lock the unit’s accounts (subtree: and those of every unit below it) after 3–20 wrong passwords in a row until an administrator unlocks them, or (null) never. Off by default: anyone who knows a user name can then lock its account. Its administrators or those above',
  })
  async setLockAfterFailures(
    @Arg('orgId', () => ID) orgId: string,
    @Arg('failures', () => Int, { nullable: true }) failures: number | null,
    @Arg('subtree', () => Boolean, { defaultValue: false }) subtree: boolean,
    @Ctx() ctx: OrgContext,
  ): Promise<Org> {
    return setLockAfterFailures(orgId, failures ?? null, subtree, ctx);
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
