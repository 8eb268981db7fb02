// A unit's document settings on the Org type, and their administration.

import { Arg, Ctx, FieldResolver, ID, Mutation, Resolver, Root } from 'type-graphql';
import { setAlertWebhook, settingsOf, updateUnitSettings } from '../app/unit-settings.ts';
import type { OrgContext } from '../deps.ts';
import { Org } from '../entities/Org.ts';
import { withDb } from '../store/sql.ts';

@Resolver(() => Org)
export class SettingsResolver {
  @FieldResolver(() => [String], { description: '机关代字 the unit numbers its documents with, e.g. 陕政办发 (seed 003 §12)' })
  async docPrefixes(@Root() org: Org, @Ctx() ctx: OrgContext): Promise<string[]> {
    return (await settingsOf(ctx.em, org.id)).docPrefixes;
  }

  @FieldResolver(() => [String], { description: 'Roles that approve the unit’s documents before sending, in order (seed 000 §11)' })
  async approvalChain(@Root() org: Org, @Ctx() ctx: OrgContext): Promise<string[]> {
    return (await settingsOf(ctx.em, org.id)).approvalChain;
  }

  @FieldResolver(() => String, { nullable: true, description: 'Where urgent-document alerts for the unit are posted (besides SMS to its contacts)' })
  async alertWebhookUrl(@Root() org: Org, @Ctx() ctx: OrgContext): Promise<string | null> {
    const row = await withDb(ctx.em, (db) => db.selectFrom('org.unit_settings').select('alert_webhook_url').where('org_id', '=', org.id).executeTakeFirst());
    return row?.alert_webhook_url ?? null;
  }

  @Mutation(() => Org, { description: 'Set (or clear, with null) the webhook that receives the unit’s urgent alerts' })
  async setAlertWebhook(
    @Arg('orgId', () => ID) orgId: string,
    @Arg('url', () => String, { nullable: true }) url: string | null,
    @Ctx() ctx: OrgContext,
  ): Promise<Org> {
    return setAlertWebhook(orgId, url, ctx);
  }

  @Mutation(() => Org, { description: 'Set a unit’s 机关代字 and approval chain' })
  async updateUnitSettings(
    @Arg('orgId', () => ID) orgId: string,
    @Arg('docPrefixes', () => [String]) docPrefixes: string[],
    @Arg('approvalChain', () => [String]) approvalChain: string[],
    @Ctx() ctx: OrgContext,
  ): Promise<Org> {
    return updateUnitSettings(orgId, docPrefixes, approvalChain, ctx);
  }
}
