// The org service's internal API, for other services (never exposed by the gateway): the handlers of the calls its
// contract declares. Requests arrive checked against the contract.
import { requireCaller } from '@yizhan/common';
import { orgApi } from '@yizhan/contracts/org';
import { type SubgraphContext, serveInternalApi } from '@yizhan/kernel';
import { sql } from 'kysely';
import { loadParty, recipientsForSend as recipients } from './app/recipients.ts';
import { settingsOf } from './app/unit-settings.ts';
import { ApiToken } from './entities/ApiToken.ts';
import { isUuid } from './store/orgs.ts';
import { withDb } from './store/sql.ts';

type Ctx = SubgraphContext<unknown>;

async function unit(ctx: Ctx) {
  const caller = requireCaller(ctx);
  const unit = await loadParty(ctx.em, caller.orgId);
  return { ...unit, ...(await settingsOf(ctx.em, unit.id)) };
}

async function whoami(ctx: Ctx) {
  const caller = requireCaller(ctx);
  const user = await withDb(ctx.em, (db) =>
    db.selectFrom('org.users').select(['id', 'username', 'display_name', 'status']).where('id', '=', caller.userId).executeTakeFirst(),
  );
  const unit = await loadParty(ctx.em, caller.orgId);
  return { user: user ? { id: user.id, username: user.username, displayName: user.display_name, status: user.status } : null, unit };
}

async function keepers(ctx: Ctx, { orgId }: { orgId: string }) {
  requireCaller(ctx);
  const rows = await withDb(ctx.em, (db) =>
    db
      .selectFrom('org.users')
      .select(['id', 'username', 'display_name'])
      .where('org_id', '=', orgId)
      .where((eb) => eb(sql.lit('SEAL_KEEPER'), '=', eb.fn.any('roles')))
      .where('status', '=', 'ACTIVE')
      .orderBy('username')
      .execute(),
  );
  return rows.map((r) => ({ id: r.id, username: r.username, displayName: r.display_name }));
}

async function account(ctx: Ctx) {
  const caller = requireCaller(ctx);
  const row = await withDb(ctx.em, (db) =>
    db
      .selectFrom('org.users as u')
      .innerJoin('org.orgs as o', 'o.id', 'u.org_id')
      .select(['u.status', 'u.roles', 'o.status as org_status'])
      .where('u.id', '=', caller.userId)
      .executeTakeFirst(),
  );
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
