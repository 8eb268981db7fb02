// Login sessions: one per login, its id in the token. Logout ends one; "log out everywhere", a password changed or
// reset, a disabled account and changed roles end all of a person's; a closed unit ends its people's. Whatever ends a
// session tells the gateways at once (an `account.sessions-ended` event on org's stream, and a header on this very
// answer for the gateway that carried it), so the token is refused on its next request on every replica.
import type { EntityManager } from '@mikro-orm/postgresql';
import { AGENT_MAX, forbidden, requireCaller, requireGateway } from '@yizhan/common';
import { orgEvents, SESSIONS_ENDED_HEADER } from '@yizhan/contracts/org';
import { emit } from '@yizhan/kernel';
import { sql } from 'kysely';
import { type OrgContext } from '../deps.ts';
import { deviceOf } from '../domain/device.ts';
import { type LoginMethod, type SessionEndReason } from '../domain/enums.ts';
import { canManage } from '../domain/rules.ts';
import { sessionProblem } from '../domain/session.ts';
import { getUser, isUuid } from '../store/orgs.ts';
import { withDb } from '../store/sql.ts';

export interface SessionView {
  id: string;
  method: LoginMethod;
  clientAddress: string | null;
  /** The browser and system the login came from (domain/device.ts), when its User-Agent named them. */
  device: string | null;
  startedAt: Date;
  expiresAt: Date;
  endedAt: Date | null;
  endReason: SessionEndReason | null;
  current: boolean;
}

/** Records a new session for a login, in the user's own scope (`em` carries it). */
export async function startSession(
  em: EntityManager,
  who: { userId: string; orgId: string; orgPath: string },
  method: LoginMethod,
  client: { address?: string; agent?: string },
  ttlSeconds: number,
): Promise<{ id: string; expiresAt: Date }> {
  const id = crypto.randomUUID();
  const expiresAt = new Date(Date.now() + ttlSeconds * 1000);
  await withDb(em, (db) =>
    db
      .insertInto('org.sessions')
      .values({
        id,
        user_id: who.userId,
        org_id: who.orgId,
        org_path: who.orgPath,
        method,
        client_address: client.address ?? null,
        client_agent: client.agent?.slice(0, AGENT_MAX) ?? null,
        expires_at: expiresAt,
      })
      .execute(),
  );
  return { id, expiresAt };
}

/** The gateway that carried this request forgets these accounts (`user:<id>`) or units (`org:<id>`) before it answers. */
export function announceEnded(ctx: OrgContext, ...keys: string[]): void {
  for (const k of keys) ctx.appendResponseHeader?.(SESSIONS_ENDED_HEADER, k);
}

/**
 * Ends a person's open sessions (all, or all but `except`) in the caller's transaction, and tells the gateways even
 * when none was open: what changed (a disabled account, new roles) may concern a session a gateway still trusts.
 */
export async function endSessionsOf(
  ctx: OrgContext,
  em: EntityManager,
  user: { id: string; orgPath: string },
  reason: SessionEndReason,
  except?: string,
): Promise<number> {
  const ended = await withDb(em, (db) => {
    let q = db.updateTable('org.sessions').set({ ended_at: new Date(), end_reason: reason }).where('user_id', '=', user.id).where('ended_at', 'is', null);
    if (except) q = q.where('id', '!=', except);
    return q.executeTakeFirst();
  });
  await emit(em, orgEvents.event('account.sessions-ended', { userId: user.id, reason }, { orgPath: user.orgPath }));
  announceEnded(ctx, `user:${user.id}`);
  return Number(ended.numUpdatedRows);
}

/** Ends every open session of a unit's people (the unit was closed); the gateways follow the unit's closing event. */
export async function endSessionsOfUnit(ctx: OrgContext, em: EntityManager, orgId: string): Promise<void> {
  await withDb(em, (db) =>
    db.updateTable('org.sessions').set({ ended_at: new Date(), end_reason: 'UNIT_CLOSED' }).where('org_id', '=', orgId).where('ended_at', 'is', null).execute(),
  );
  announceEnded(ctx, `org:${orgId}`);
}

/** Logout: ends the session the caller's token belongs to. */
export async function logout(ctx: OrgContext): Promise<boolean> {
  const caller = requireCaller(ctx);
  if (!caller.sessionId) return false;
  const sessionId = caller.sessionId;
  return ctx.em.transactional(async (em) => {
    const ended = await withDb(em, (db) =>
      db
        .updateTable('org.sessions')
        .set({ ended_at: new Date(), end_reason: 'LOGOUT' })
        .where('id', '=', sessionId)
        .where('user_id', '=', caller.userId)
        .where('ended_at', 'is', null)
        .executeTakeFirst(),
    );
    await emit(em, orgEvents.event('account.sessions-ended', { userId: caller.userId, reason: 'LOGOUT' }, { orgPath: caller.orgPath }));
    announceEnded(ctx, `user:${caller.userId}`);
    return Number(ended.numUpdatedRows) > 0;
  });
}

/** "Log out everywhere": ends every session of the caller, this one too unless `keepThisOne`. */
export async function logoutEverywhere(keepThisOne: boolean, ctx: OrgContext): Promise<number> {
  const caller = requireCaller(ctx);
  return ctx.em.transactional((em) =>
    endSessionsOf(ctx, em, { id: caller.userId, orgPath: caller.orgPath }, 'LOGOUT_EVERYWHERE', keepThisOne ? caller.sessionId : undefined),
  );
}

/** An administrator of the account's unit (or above) ends all its sessions, e.g. for a lost laptop. */
export async function endUserSessions(userId: string, ctx: OrgContext): Promise<number> {
  const caller = requireCaller(ctx);
  return ctx.em.transactional(async (em) => {
    const user = await getUser(em, userId);
    if (!canManage(caller, user.orgPath)) throw forbidden('Only an administrator of the account’s unit or a unit above it may end its sessions');
    return endSessionsOf(ctx, em, { id: user.id, orgPath: user.orgPath }, 'ENDED_BY_ADMIN');
  });
}

/** The caller's sessions that still stand, newest first, the current one marked. */
export async function mySessions(ctx: OrgContext): Promise<SessionView[]> {
  const caller = requireCaller(ctx);
  return sessionsOf(ctx, caller.userId, caller.sessionId);
}

/** An account's open sessions, for an administrator of its unit or above. */
export async function userSessions(userId: string, ctx: OrgContext): Promise<SessionView[]> {
  const caller = requireCaller(ctx);
  const user = await getUser(ctx.em, userId);
  if (user.id !== caller.userId && !canManage(caller, user.orgPath))
    throw forbidden('Only an administrator of the account’s unit or a unit above it may see its sessions');
  return sessionsOf(ctx, user.id, caller.userId === user.id ? caller.sessionId : undefined);
}

async function sessionsOf(ctx: OrgContext, userId: string, currentId: string | undefined): Promise<SessionView[]> {
  const rows = await withDb(ctx.em, (db) =>
    db
      .selectFrom('org.sessions')
      .selectAll()
      .$narrowType<{ method: LoginMethod; end_reason: SessionEndReason | null }>()
      .where('user_id', '=', userId)
      .where('ended_at', 'is', null)
      .where('expires_at', '>', new Date().toISOString())
      .orderBy('started_at', 'desc')
      .limit(100)
      .execute(),
  );
  return rows.map((r) => ({
    id: r.id,
    method: r.method,
    clientAddress: r.client_address,
    device: deviceOf(r.client_agent),
    startedAt: new Date(r.started_at),
    expiresAt: new Date(r.expires_at),
    endedAt: r.ended_at ? new Date(r.ended_at) : null,
    endReason: r.end_reason,
    current: r.id === currentId,
  }));
}

/** A row of org.session_states(uuid[], uuid[]) (migration 0016). */
interface SessionStateRow {
  session_id: string;
  user_id: string;
  user_status: string;
  roles: string[];
  org_path: string;
  org_status: string;
  ended_at: Date | string | null;
  end_reason: SessionEndReason | null;
  expires_at: Date | string;
}

/** Whether each session named still stands (the gateway's own call, `sessions`, in batches): one statement for the batch. */
export async function sessionsStanding(ctx: OrgContext, asked: { userId: string; sessionId: string }[]) {
  requireGateway(ctx);
  const wellFormed = asked.filter((a) => isUuid(a.sessionId) && isUuid(a.userId));
  const rows = wellFormed.length
    ? await withDb(ctx.em, (db) =>
        db
          .selectFrom(
            sql<SessionStateRow>`org.session_states(${wellFormed.map((a) => a.sessionId)}::uuid[], ${wellFormed.map((a) => a.userId)}::uuid[])`.as('s'),
          )
          .selectAll()
          .execute(),
      )
    : [];
  const bySession = new Map(rows.map((r) => [`${r.session_id}:${r.user_id}`, r]));
  const answers = asked.map(({ userId, sessionId }) => {
    if (!isUuid(sessionId)) return { active: false, roles: [], why: 'This token names no session: log in again' };
    const row = bySession.get(`${sessionId}:${userId}`);
    const why = sessionProblem(
      row
        ? {
            userStatus: row.user_status,
            unitStatus: row.org_status,
            endedAt: row.ended_at ? new Date(row.ended_at) : null,
            endReason: row.end_reason,
            expiresAt: new Date(row.expires_at),
          }
        : null,
    );
    if (!row || why) return { active: false, roles: row?.roles ?? [], ...(why ? { why } : {}) };
    return { active: true, roles: row.roles, orgPath: row.org_path };
  });
  return { answers };
}
