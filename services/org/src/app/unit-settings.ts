// A unit's document settings: its 机关代字, approval chain and urgent-alert webhook.
import { type EntityManager } from '@mikro-orm/postgresql';
import { badInput, forbidden, requireCaller } from '@yizhan/common';
import { sql } from 'kysely';
import { type OrgContext } from '../deps.ts';
import { canManage } from '../domain/rules.ts';
import { Org } from '../entities/Org.ts';
import { DEFAULT_APPROVAL_CHAIN, UnitSettings } from '../entities/UnitSettings.ts';
import { getOrg } from '../store/orgs.ts';
import { withDb } from '../store/sql.ts';

/** 机关代字: Chinese characters only (e.g. 陕政办发, 陕政发明电), 2–10 of them. */
export const DOC_PREFIX = /^[\u4e00-\u9fff]{2,10}$/;

export async function settingsOf(em: EntityManager, orgId: string): Promise<{ docPrefixes: string[]; approvalChain: string[] }> {
  const s = await em.findOne(UnitSettings, { orgId });
  return { docPrefixes: s?.docPrefixes ?? [], approvalChain: s?.approvalChain ?? DEFAULT_APPROVAL_CHAIN };
}

export async function setAlertWebhook(orgId: string, url: string | null, ctx: OrgContext): Promise<Org> {
  const caller = requireCaller(ctx);
  const clean = url?.trim() || null;
  if (clean && (!/^https?:\/\/\S+$/.test(clean) || clean.length > 500)) throw badInput('The webhook must be an http(s) URL', 'url');
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
    return org;
  });
}

export async function updateUnitSettings(orgId: string, docPrefixes: string[], approvalChain: string[], ctx: OrgContext): Promise<Org> {
  const caller = requireCaller(ctx);
  const prefixes = [...new Set(docPrefixes.map((p) => p.trim()))];
  const bad = prefixes.filter((p) => !DOC_PREFIX.test(p));
  if (bad.length) throw badInput(`Not a 机关代字 (2–10 Chinese characters): ${bad.join(', ')}`, 'docPrefixes');
  if (!approvalChain.length || approvalChain.length > 4 || approvalChain.some((r) => r !== 'APPROVER' && r !== 'LEADER')) {
    throw badInput('The approval chain lists 1–4 steps, each APPROVER or LEADER', 'approvalChain');
  }
  return ctx.em.transactional(async (em) => {
    const org = await getOrg(em, orgId);
    if (!canManage(caller, org.path)) throw forbidden(`Only an administrator of ${org.name} may change its settings`);
    await em.upsert(UnitSettings, { orgId: org.id, orgPath: org.path, docPrefixes: prefixes, approvalChain, updatedAt: new Date() });
    return org;
  });
}
