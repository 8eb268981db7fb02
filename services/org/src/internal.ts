// The org service's internal API, for other services (never exposed by the gateway): the handlers of the calls its
// contract declares. Requests arrive checked against the contract.
import { requireCaller } from '@yizhan/common';
import { type SubgraphContext, serveInternalApi } from '@yizhan/kernel';
import { loadParty, recipientsForSend as recipients } from './app/recipients.ts';
import { settingsOf } from './app/unit-settings.ts';
import { orgApi } from './contract.ts';
import { ApiToken } from './entities/ApiToken.ts';
import { isUuid } from './store/orgs.ts';

type Ctx = SubgraphContext<unknown>;

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
