// A unit's settings: its 机关代字, approval chain and urgent-alert webhook, whether a post needs 培训考核, and whether
// wrong passwords lock an account.
import { createHash } from 'node:crypto';
import { type EntityManager } from '@mikro-orm/postgresql';
import { badInput, forbidden, requireCaller, requireRole } from '@yizhan/common';
import { orgEvents } from '@yizhan/contracts/org';
import { emit } from '@yizhan/kernel';
import { sql } from 'kysely';
import { type OrgContext } from '../deps.ts';
import { canManage, canSeeAlertWebhook, cleanWebhookUrl } from '../domain/rules.ts';
import { Org } from '../entities/Org.ts';
import { DEFAULT_APPROVAL_CHAIN, UnitSettings } from '../entities/UnitSettings.ts';
import { getOrg } from '../store/orgs.ts';
import { withDb } from '../store/sql.ts';
import { type SubtreeSetting, unitSetting, writeForUnits } from '../store/unit-settings.ts';

/** 机关代字: Chinese characters only (e.g. 陕政办发, 陕政发明电), 2–10 of them. */
export const DOC_PREFIX = /^[\u4e00-\u9fff]{2,10}$/;

export async function settingsOf(em: EntityManager, orgId: string): Promise<{ docPrefixes: string[]; approvalChain: string[]; briefingTitles: string[] }> {
  const s = await em.findOne(UnitSettings, { orgId });
  return { docPrefixes: s?.docPrefixes ?? [], approvalChain: s?.approvalChain ?? DEFAULT_APPROVAL_CHAIN, briefingTitles: s?.briefingTitles ?? [] };
}

/** Whether the unit gives a post only to people whose 培训考核 is recorded (seed 004 六(一)). */
export async function trainingRequiredOf(em: EntityManager, orgId: string): Promise<boolean> {
  return (await unitSetting(em, orgId, 'training_required')) ?? false;
}

/** Writes one setting for the unit (and, with `subtree`, every active unit below it), after checking that the caller
 * administers it (an administrator of the unit or of a unit above); `what` names the setting in the refusal. */
async function setForUnits(ctx: OrgContext, orgId: string, subtree: boolean, setting: SubtreeSetting, what: string): Promise<Org> {
  const caller = requireCaller(ctx);
  return ctx.em.transactional(async (em) => {
    const org = await getOrg(em, orgId);
    if (!canManage(caller, org.path)) throw forbidden(`Only an administrator of ${org.name} or a unit above it decides its ${what}`);
    await writeForUnits(em as EntityManager, org, subtree, setting);
    return org;
  });
}

/**
 * 上岗须经培训考核 on or off for a unit, or (subtree) for it and every unit below it: an administrator of the unit or of a
 * unit above. People already in post keep their roles; 检查整改 lists who has no training recorded.
 */
export const setTrainingRequired = (orgId: string, required: boolean, subtree: boolean, ctx: OrgContext): Promise<Org> =>
  setForUnits(ctx, orgId, subtree, { training_required: required }, '培训考核');

/** The lock after wrong passwords allowed (seed 003 §14): 3–20 in a row, or none. */
export function lockAfterFailuresValue(failures: number | null): number | null {
  if (failures === null) return null;
  if (!Number.isInteger(failures) || failures < 3 || failures > 20) throw badInput('failures is a whole number from 3 to 20, or null for no lock', 'failures');
  return failures;
}

/**
 * 多次输错密码后用户名将被禁用 (seed 003 §14): the unit's accounts (subtree: and those of every unit below it) locked
 * after `failures` wrong passwords in a row until an administrator unlocks them, or (null) never — the growing wait
 * then stays the only answer to guessing. Accounts locked already stay locked until unlocked.
 */
export function setLockAfterFailures(orgId: string, failures: number | null, subtree: boolean, ctx: OrgContext): Promise<Org> {
  return setForUnits(ctx, orgId, subtree, { lock_after_failures: lockAfterFailuresValue(failures) }, '登录失败锁定');
}

/** After how many wrong passwords in a row the unit locks an account, for its administrators and those above (null
 * for anyone else, and when it never does). */
export async function lockAfterFailuresOf(org: Org, ctx: OrgContext): Promise<number | null> {
  if (!ctx.caller || !canManage(ctx.caller, org.path)) return null;
  return (await unitSetting(ctx.em, org.id, 'lock_after_failures')) ?? null;
}

/** 简报刊名 as 机关代字 are written (2–10 Chinese characters, e.g. 新城政务信息), at most five, none also a 机关代字. */
function cleanBriefingTitles(titles: string[], prefixes: string[]): string[] {
  const clean = [...new Set(titles.map((t) => t.trim()).filter(Boolean))];
  const bad = clean.filter((t) => !DOC_PREFIX.test(t));
  if (bad.length) throw badInput(`Not a 简报刊名 (2–10 Chinese characters): ${bad.join(', ')}`, 'briefingTitles');
  if (clean.length > 5) throw badInput('A unit issues at most five briefings', 'briefingTitles', { length: { max: 5 } });
  const both = clean.filter((t) => prefixes.includes(t));
  if (both.length) throw badInput(`${both.join(', ')} is a 机关代字 already: a 简报刊名 is another name`, 'briefingTitles');
  return clean;
}

/**
 * The unit's alert webhook URL if the caller may see it (its administrators and those above it), else null: the URL
 * carries an access token, and every query that returns a unit reaches this field.
 */
export async function alertWebhookOf(org: Org, ctx: OrgContext): Promise<string | null> {
  if (!canSeeAlertWebhook(ctx.caller, org.path)) return null;
  return (await unitSetting(ctx.em, org.id, 'alert_webhook_url')) ?? null;
}

/**
 * Sets (or clears, with null) where the unit's urgent alerts are posted: an http(s) URL to a public host. Followers
 * learn of the change (`org.alert-webhook-changed`): documents cancels the pending alerts to the old target.
 */
export async function setAlertWebhook(orgId: string, url: string | null, ctx: OrgContext): Promise<Org> {
  const caller = requireCaller(ctx);
  const clean = cleanWebhookUrl(url, { allowPrivateHosts: ctx.deps.settings.allowPrivateWebhooks });
  return ctx.em.transactional(async (em) => {
    const org = await getOrg(em, orgId);
    if (!canManage(caller, org.path)) throw forbidden(`Only an administrator of ${org.name} may change its alerts`);
    const current = await settingsOf(em, org.id);
    await withDb(em, (db) =>
      db
        .insertInto('org.unit_settings')
        .values({
          org_id: org.id,
          org_path: sql<string>`${org.path}::ltree`,
          doc_prefixes: current.docPrefixes,
          approval_chain: current.approvalChain,
          alert_webhook_url: clean,
        })
        .onConflict((oc) =>
          oc.column('org_id').doUpdateSet((eb) => ({ alert_webhook_url: eb.ref('excluded.alert_webhook_url'), updated_at: sql<Date>`now()` })),
        )
        .execute(),
    );
    const webhookSha256 = clean === null ? null : createHash('sha256').update(clean, 'utf8').digest('hex');
    await emit(em, orgEvents.event('org.alert-webhook-changed', { orgId: org.id, webhookSha256 }, { orgPath: org.path }));
    return org;
  });
}

export async function updateUnitSettings(
  orgId: string,
  docPrefixes: string[],
  approvalChain: string[],
  briefingTitles: string[] | null | undefined,
  ctx: OrgContext,
): Promise<Org> {
  const caller = requireCaller(ctx);
  // Who may is told before what is wrong with the input: a clerk learns nothing of the rules for it.
  requireRole(caller, 'ADMIN');
  const prefixes = [...new Set(docPrefixes.map((p) => p.trim()))];
  const bad = prefixes.filter((p) => !DOC_PREFIX.test(p));
  if (bad.length) throw badInput(`Not a 机关代字 (2–10 Chinese characters): ${bad.join(', ')}`, 'docPrefixes');
  if (!approvalChain.length || approvalChain.length > 4 || approvalChain.some((r) => r !== 'APPROVER' && r !== 'LEADER')) {
    throw badInput('The approval chain lists 1–4 steps, each APPROVER or LEADER', 'approvalChain');
  }
  const titles = briefingTitles == null ? null : cleanBriefingTitles(briefingTitles, prefixes);
  return ctx.em.transactional(async (em) => {
    const org = await getOrg(em, orgId);
    if (!canManage(caller, org.path)) throw forbidden(`Only an administrator of ${org.name} may change its settings`);
    // Left out (null), the 简报刊名 stay as they are.
    const kept = titles ?? (await settingsOf(em, org.id)).briefingTitles;
    const clash = kept.filter((t) => prefixes.includes(t));
    if (clash.length) throw badInput(`${clash.join(', ')} is a 简报刊名 of ${org.name}: a 机关代字 is another name`, 'docPrefixes');
    await em.upsert(UnitSettings, { orgId: org.id, orgPath: org.path, docPrefixes: prefixes, approvalChain, briefingTitles: kept, updatedAt: new Date() });
    return org;
  });
}
