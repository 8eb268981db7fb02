// The org service's internal API, for other services (never exposed by the gateway): the handlers of the calls its
// contract declares. Requests arrive checked against the contract.
import { requireCaller } from '@yizhan/common';
import { pgArray, type SubgraphContext, serveInternalApi } from '@yizhan/kernel';
import { type AlertTarget, orgApi, type RecipientSpec } from './contract.ts';
import { relation } from './domain/routing.ts';
import { ApiToken } from './entities/ApiToken.ts';
import { loadParty, resolveRecipients } from './recipients.ts';
import { settingsOf } from './resolvers/SettingsResolver.ts';
import { isUuid } from './store.ts';

type Ctx = SubgraphContext<unknown>;

/** The documents service calls this inside a send. */
async function recipients(ctx: Ctx, { docType, recipients, withAlertTargets }: { docType: string; recipients: RecipientSpec[]; withAlertTargets?: boolean }) {
  const caller = requireCaller(ctx);
  const sender = await loadParty(ctx.em, caller.orgId);
  const decided = await resolveRecipients(ctx.em, sender, docType, recipients);
  const column = <T>(f: (d: (typeof decided)[number]) => T) => decided.map(f);
  // For an urgent document: where each allowed unit wants to be alerted (its contacts' mobiles, its webhook).
  const allowedIds = decided.filter((d) => d.decision.allowed).map((d) => d.org.id);
  return {
    alertTargets: withAlertTargets ? await alertTargetsOf(ctx, allowedIds) : [],
    sender,
    orgIds: column((d) => d.org.id),
    paths: column((d) => d.org.path),
    names: column((d) => d.org.name),
    roles: column((d) => d.role),
    printQuotas: column((d) => d.printQuota),
    directions: column((d) => relation(sender, d.org).direction),
    allowed: column((d) => d.decision.allowed),
    refusals: decided
      .filter((d) => !d.decision.allowed)
      .map((d) => ({
        orgId: d.org.id,
        orgName: d.org.name,
        ruleId: d.decision.rule?.id ?? null,
        rule: d.decision.rule?.name ?? null,
        reason: d.decision.reason,
      })),
  };
}

async function alertTargetsOf(ctx: Ctx, orgIds: string[]): Promise<AlertTarget[]> {
  const rows = (await ctx.em.execute('select org_id, kind, name, target from org.alert_targets(?::uuid[])', [pgArray(orgIds)])) as {
    org_id: string;
    kind: AlertTarget['kind'];
    name: string;
    target: string;
  }[];
  return rows.map((t) => ({ orgId: t.org_id, kind: t.kind, name: t.name, target: t.target }));
}

async function unit(ctx: Ctx) {
  const caller = requireCaller(ctx);
  const unit = await loadParty(ctx.em, caller.orgId);
  return { ...unit, ...(await settingsOf(ctx.em, unit.id)) };
}

async function whoami(ctx: Ctx) {
  const caller = requireCaller(ctx);
  const [user] = (await ctx.em.execute('select id, username, display_name, status from org.users where id = ?', [caller.userId])) as {
    id: string;
    username: string;
    display_name: string;
    status: string;
  }[];
  const unit = await loadParty(ctx.em, caller.orgId);
  return { user: user ? { id: user.id, username: user.username, displayName: user.display_name, status: user.status } : null, unit };
}

async function keepers(ctx: Ctx, { orgId }: { orgId: string }) {
  requireCaller(ctx);
  const rows = (await ctx.em.execute(
    "select id, username, display_name from org.users where org_id = ? and 'SEAL_KEEPER' = any(roles) and status = 'ACTIVE' order by username",
    [orgId],
  )) as { id: string; username: string; display_name: string }[];
  return rows.map((r) => ({ id: r.id, username: r.username, displayName: r.display_name }));
}

async function account(ctx: Ctx) {
  const caller = requireCaller(ctx);
  const [row] = (await ctx.em.execute('select u.status, u.roles, o.status as org_status from org.users u join org.orgs o on o.id = u.org_id where u.id = ?', [
    caller.userId,
  ])) as { status: string; roles: string[]; org_status: string }[];
  if (!row) return { active: false, roles: [], why: 'This account no longer exists' };
  if (row.org_status !== 'ACTIVE') return { active: false, roles: row.roles, why: 'Your unit has been closed; this account no longer works' };
  if (row.status !== 'ACTIVE') return { active: false, roles: row.roles, why: 'This account is disabled' };
  return { active: true, roles: row.roles };
}

async function apiToken(ctx: Ctx) {
  const caller = requireCaller(ctx);
  const t = isUuid(caller.userId) ? await ctx.em.findOne(ApiToken, { id: caller.userId }) : null;
  return { active: !!t && !t.revokedAt && t.expiresAt.getTime() > Date.now() };
}

export const orgInternalApi = serveInternalApi(orgApi, { recipients, unit, whoami, keepers, account, 'api-token': apiToken });
