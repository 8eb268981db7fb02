// Logging in (user name and password, or an identity certificate), and passwords: the first change of a one-time,
// reset or expired password, and changing one's own. Repeated failures make a user name wait, longer each time, and
// lock it only where its unit chose that (seed 003 §14; off by default, since a stranger could lock anyone out: issue
// 14, finding 4); an unknown name is answered exactly alike; failures from one client address across all names are
// limited too.
import { type EntityManager } from '@mikro-orm/postgresql';
import { ErrorCode, requireCaller, YizhanError } from '@yizhan/common';
import { OrgErrorCode } from '@yizhan/contracts/org';
import { type Selectable, sql } from 'kysely';
import { type OrgContext } from '../deps.ts';
import { issueAccessToken } from '../domain/access-token.ts';
import { type LoginMethod } from '../domain/enums.ts';
import { hashPassword, passwordChangeReason, passwordProblems, UNKNOWN_USER_HASH, verifyPassword } from '../domain/password.ts';
import { User } from '../entities/User.ts';
import { type LoginResult } from '../resolvers/types.ts';
import { type OrgSettings } from '../settings.ts';
import type { DB } from '../store/db.ts';
import { getUser } from '../store/orgs.ts';
import { withDb } from '../store/sql.ts';
import { recordAccountLocked, recordLogin } from './audit.ts';
import { endSessionsOf, startSession } from './sessions.ts';

/** A row of the SQL function org.auth_lookup(text) (migration 0001): these columns of the user, and its unit's status. */
type AuthRow = Pick<
  Selectable<DB['org.users']>,
  | 'id'
  | 'org_id'
  | 'org_path'
  | 'username'
  | 'roles'
  | 'password_hash'
  | 'must_change_password'
  | 'password_changed_at'
  | 'failed_logins'
  | 'locked_at'
  | 'last_login_at'
  | 'status'
> & { org_status: Selectable<DB['org.orgs']>['status'] };

/** A row of the SQL functions org.auth_failed_logins(text) and org.auth_record_failed_login(text) (migration 0006): a
 * user name's failures in a row, an account's or not, and the milliseconds since the last (by the database's clock). */
type FailuresRow = Pick<Selectable<DB['org.users']>, 'failed_logins'> & { ms_since_failure: number };

// The login functions are SECURITY DEFINER (login runs before any scope exists): selected from as raw sources.
const authLookup = (ctx: OrgContext, username: string) =>
  withDb(ctx.em, (db) => db.selectFrom(sql<AuthRow>`org.auth_lookup(${username})`.as('a')).selectAll().executeTakeFirst());

const invalid = () => new YizhanError(OrgErrorCode.INVALID_CREDENTIALS, 'Wrong user name or password');

const rateLimited = (message: string, retryAfterSeconds: number) =>
  new YizhanError(ErrorCode.RATE_LIMITED, `${message}: try again in ${retryAfterSeconds} s`, { retryAfterSeconds });

/** How long a name waits after `failures` failures in a row: none below the threshold, then doubling, capped. */
export function loginDelayMs(failures: number, s: Pick<OrgSettings, 'maxFailedLogins' | 'loginDelayMs' | 'loginDelayMaxMs'>): number {
  if (failures <= 0 || failures < s.maxFailedLogins) return 0;
  return Math.min(s.loginDelayMs * 2 ** Math.min(failures - s.maxFailedLogins, 30), s.loginDelayMaxMs);
}

const nameFailures = (ctx: OrgContext, username: string) =>
  withDb(ctx.em, (db) => db.selectFrom(sql<FailuresRow>`org.auth_failed_logins(${username})`.as('f')).selectAll().executeTakeFirst());

/**
 * Checks a password against the account. Before that, the client address and the user name must not be waiting;
 * a failure counts against both. Everything up to the password's check is the same for a name that is no account's,
 * so the answers (and their timing, roughly) never tell which names exist; a locked or disabled account is told only
 * to whoever knows its password.
 */
async function authenticate(ctx: OrgContext, username: string, password: string): Promise<AuthRow> {
  const settings = ctx.deps.settings;
  const name = username.trim();
  const address = ctx.clientAddress;
  const limiter = ctx.deps.addressLimiter;
  if (address && limiter) {
    const wait = await limiter.waitSeconds(address);
    if (wait > 0) throw rateLimited('Too many failed logins from your address', wait);
  }
  const failures = await nameFailures(ctx, name);
  const waitMs = loginDelayMs(failures?.failed_logins ?? 0, settings) - Number(failures?.ms_since_failure ?? 0);
  if (waitMs > 0) throw rateLimited('Too many failed logins for this user name', Math.ceil(waitMs / 1000));

  const row = await authLookup(ctx, name);
  const ok = await verifyPassword(password, row?.password_hash ?? UNKNOWN_USER_HASH);
  if (!row || !ok) {
    const failed = await withDb(ctx.em, (db) =>
      db.selectFrom(sql<FailuresRow & { locked: boolean }>`org.auth_record_failed_login(${name})`.as('f')).selectAll().executeTakeFirstOrThrow(),
    );
    // Its unit locks an account after so many (seed 003 §14, migration 0032): written down for its administrators.
    if (failed.locked) await recordAccountLocked(ctx, name, failed.failed_logins);
    if (address && limiter) await limiter.recordFailure(address);
    // The same answer for an unknown name and a wrong password, whatever the count: no hint of what comes next.
    throw invalid();
  }
  if (row.locked_at) throw new YizhanError(OrgErrorCode.ACCOUNT_LOCKED, 'This account is locked; ask your unit administrator to unlock it');
  if (row.status !== 'ACTIVE' || row.org_status !== 'ACTIVE') {
    throw new YizhanError(
      OrgErrorCode.ACCOUNT_DISABLED,
      row.org_status !== 'ACTIVE' ? 'Your unit has been closed; this account no longer works' : 'This account is disabled',
    );
  }
  return row;
}

/** A new session for the account and its token; the token names the session, which logout can end. */
async function tokenFor(ctx: OrgContext, em: EntityManager, row: AuthRow, method: LoginMethod): Promise<LoginResult> {
  // The account is read, and its session written, in the user's own scope from here on.
  em.setSessionContext({ variables: { 'yizhan.org_path': row.org_path } });
  const session = await startSession(
    em,
    { userId: row.id, orgId: row.org_id, orgPath: row.org_path },
    method,
    { address: ctx.clientAddress, agent: ctx.clientAgent },
    ctx.deps.settings.accessTokenTtlSeconds,
  );
  const user = await getUser(em, row.id);
  const { token, expiresAt } = await issueAccessToken(
    row.id,
    { username: row.username, org: row.org_id, path: row.org_path, roles: row.roles, sid: session.id, name: user.displayName },
    ctx.deps.tokenSigner,
    session.expiresAt,
  );
  return { token, expiresAt, user };
}

function checkNewPassword(newPassword: string, currentPassword: string, username: string): void {
  const problems = passwordProblems(newPassword, username);
  if (newPassword === currentPassword) problems.push('must differ from the current password');
  if (problems.length) throw new YizhanError(OrgErrorCode.WEAK_PASSWORD, `The new password needs: ${problems.join('; ')}`, { problems });
}

/** Runs a login and writes its outcome to the audit log: the name tried, the address, and the refusal's code. */
async function audited(ctx: OrgContext, username: string, method: 'PASSWORD' | 'CERTIFICATE', attempt: () => Promise<LoginResult>): Promise<LoginResult> {
  try {
    const result = await attempt();
    await recordLogin(ctx, username, method, null);
    return result;
  } catch (e) {
    await recordLogin(ctx, username, method, e instanceof YizhanError ? e.code : ErrorCode.INTERNAL);
    throw e;
  }
}

export function login(username: string, password: string, ctx: OrgContext): Promise<LoginResult> {
  return audited(ctx, username, 'PASSWORD', () => passwordLogin(username, password, ctx));
}

async function passwordLogin(username: string, password: string, ctx: OrgContext): Promise<LoginResult> {
  const row = await authenticate(ctx, username, password);
  const reason = passwordChangeReason(
    {
      mustChangePassword: row.must_change_password,
      // The pool hands timestamps over as text (MikroORM's type parsers), whatever the row type says.
      passwordChangedAt: row.password_changed_at ? new Date(row.password_changed_at) : null,
      hasLoggedIn: !!row.last_login_at,
    },
    ctx.deps.settings.passwordMaxAgeDays,
  );
  if (reason) {
    const why = { INITIAL: 'This is your first login', RESET: 'Your password was reset', EXPIRED: 'Your password has expired' }[reason];
    throw new YizhanError(OrgErrorCode.PASSWORD_CHANGE_REQUIRED, `${why}: choose a new password with changeInitialPassword`, { reason });
  }
  await ctx.em.execute('select org.auth_record_success(?)', [row.id]);
  return tokenFor(ctx, ctx.em, row, 'PASSWORD');
}

export function changeInitialPassword(username: string, currentPassword: string, newPassword: string, ctx: OrgContext): Promise<LoginResult> {
  return audited(ctx, username, 'PASSWORD', () => firstPasswordChange(username, currentPassword, newPassword, ctx));
}

async function firstPasswordChange(username: string, currentPassword: string, newPassword: string, ctx: OrgContext): Promise<LoginResult> {
  const row = await authenticate(ctx, username, currentPassword);
  checkNewPassword(newPassword, currentPassword, row.username);
  await ctx.em.execute('select org.auth_set_password(?, ?)', [row.id, await hashPassword(newPassword)]);
  return tokenFor(ctx, ctx.em, row, 'PASSWORD');
}

export function certificateLogin(username: string, challengeId: string, signature: string, ctx: OrgContext): Promise<LoginResult> {
  return audited(ctx, username, 'CERTIFICATE', () => loginByCertificate(username, challengeId, signature, ctx));
}

async function loginByCertificate(username: string, challengeId: string, signature: string, ctx: OrgContext): Promise<LoginResult> {
  if (!ctx.deps.certificates) throw new YizhanError(ErrorCode.UNAVAILABLE, 'Certificate login is not available: the certificates service is not running');
  // The certificates service checks the certificate (ours, valid, not revoked, this person's) and the signature.
  const verified = await ctx.deps.certificates.call('verify-login', ctx.callerHeader, { username, challengeId, signature });
  const row = await authLookup(ctx, username.trim());
  if (!row || row.id !== verified.userId) throw new YizhanError(OrgErrorCode.INVALID_CREDENTIALS, 'The certificate does not belong to this account');
  if (row.locked_at) throw new YizhanError(OrgErrorCode.ACCOUNT_LOCKED, 'This account is locked; ask your unit administrator to unlock it');
  if (row.status !== 'ACTIVE' || row.org_status !== 'ACTIVE') throw new YizhanError(OrgErrorCode.ACCOUNT_DISABLED, 'This account is disabled');
  await ctx.em.execute('select org.auth_record_success(?)', [row.id]);
  return tokenFor(ctx, ctx.em, row, 'CERTIFICATE');
}

export async function changePassword(currentPassword: string, newPassword: string, ctx: OrgContext): Promise<User> {
  const caller = requireCaller(ctx);
  await authenticate(ctx, caller.username, currentPassword);
  checkNewPassword(newPassword, currentPassword, caller.username);
  return ctx.em.transactional(async (em) => {
    const user = await getUser(em, caller.userId);
    user.passwordHash = await hashPassword(newPassword);
    user.passwordChangedAt = new Date();
    user.mustChangePassword = false;
    user.resetRequestedAt = null;
    // Whoever knew the old password is logged out everywhere else; this session goes on.
    await endSessionsOf(ctx, em, { id: user.id, orgPath: user.orgPath }, 'PASSWORD_CHANGED', caller.sessionId);
    return user;
  });
}
