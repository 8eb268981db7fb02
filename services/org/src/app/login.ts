// Logging in (user name and password, or an identity certificate), and passwords: the first change of a one-time,
// reset or expired password, and changing one's own; repeated failures lock the account (seed 003 §14).
import { type EntityManager } from '@mikro-orm/postgresql';
import { ErrorCode, requireCaller, YizhanError } from '@yizhan/common';
import { type Selectable, sql } from 'kysely';
import { OrgErrorCode } from '../contract.ts';
import { type OrgContext } from '../deps.ts';
import { issueAccessToken } from '../domain/access-token.ts';
import { hashPassword, passwordChangeReason, passwordProblems, UNKNOWN_USER_HASH, verifyPassword } from '../domain/password.ts';
import { User } from '../entities/User.ts';
import { type LoginResult } from '../resolvers/types.ts';
import type { DB } from '../store/db.ts';
import { getUser } from '../store/orgs.ts';
import { withDb } from '../store/sql.ts';

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

/** A row of the SQL function org.auth_record_failure(uuid, integer) (migration 0001): the new count, and whether the
 * account is now locked (a boolean no table has). */
type FailureRow = Pick<Selectable<DB['org.users']>, 'failed_logins'> & { locked: boolean };

// The login functions are SECURITY DEFINER (login runs before any scope exists): selected from as raw sources.
const authLookup = (ctx: OrgContext, username: string) =>
  withDb(ctx.em, (db) => db.selectFrom(sql<AuthRow>`org.auth_lookup(${username})`.as('a')).selectAll().executeTakeFirst());

const invalid = () => new YizhanError(OrgErrorCode.INVALID_CREDENTIALS, 'Wrong user name or password');

/** Checks a password against the account, counting failures and locking after too many. */
async function authenticate(ctx: OrgContext, username: string, password: string): Promise<AuthRow> {
  const row = await authLookup(ctx, username.trim());
  const ok = await verifyPassword(password, row?.password_hash ?? UNKNOWN_USER_HASH);
  if (!row) throw invalid();
  if (row.locked_at) {
    throw new YizhanError(OrgErrorCode.ACCOUNT_LOCKED, 'This account is locked after repeated failed logins; ask your unit administrator to unlock it');
  }
  if (row.status !== 'ACTIVE' || row.org_status !== 'ACTIVE') {
    throw new YizhanError(
      OrgErrorCode.ACCOUNT_DISABLED,
      row.org_status !== 'ACTIVE' ? 'Your unit has been closed; this account no longer works' : 'This account is disabled',
    );
  }
  if (!ok) {
    const max = ctx.deps.settings.maxFailedLogins;
    const { failed_logins, locked } = await withDb(ctx.em, (db) =>
      db.selectFrom(sql<FailureRow>`org.auth_record_failure(${row.id}, ${max})`.as('f')).selectAll().executeTakeFirstOrThrow(),
    );
    if (locked)
      throw new YizhanError(OrgErrorCode.ACCOUNT_LOCKED, `Wrong password ${max} times: the account is now locked; ask your unit administrator to unlock it`);
    // The same answer as for an unknown user name: a count of remaining attempts would tell which names exist.
    if (failed_logins >= max - 1) throw new YizhanError(OrgErrorCode.INVALID_CREDENTIALS, 'Wrong user name or password. One more failure locks the account');
    throw invalid();
  }
  return row;
}

async function tokenFor(ctx: OrgContext, em: EntityManager, row: AuthRow): Promise<LoginResult> {
  const { token, expiresAt } = await issueAccessToken(
    row.id,
    { username: row.username, org: row.org_id, path: row.org_path, roles: row.roles },
    ctx.deps.tokenSigner,
    ctx.deps.settings.accessTokenTtlSeconds,
  );
  // The account is read in the user's own scope from here on.
  em.setSessionContext({ variables: { 'yizhan.org_path': row.org_path } });
  const user = await getUser(em, row.id);
  return { token, expiresAt, user };
}

function checkNewPassword(newPassword: string, currentPassword: string, username: string): void {
  const problems = passwordProblems(newPassword, username);
  if (newPassword === currentPassword) problems.push('must differ from the current password');
  if (problems.length) throw new YizhanError(OrgErrorCode.WEAK_PASSWORD, `The new password needs: ${problems.join('; ')}`, { problems });
}

export async function login(username: string, password: string, ctx: OrgContext): Promise<LoginResult> {
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
  return tokenFor(ctx, ctx.em, row);
}

export async function changeInitialPassword(username: string, currentPassword: string, newPassword: string, ctx: OrgContext): Promise<LoginResult> {
  const row = await authenticate(ctx, username, currentPassword);
  checkNewPassword(newPassword, currentPassword, row.username);
  await ctx.em.execute('select org.auth_set_password(?, ?)', [row.id, await hashPassword(newPassword)]);
  return tokenFor(ctx, ctx.em, row);
}

export async function certificateLogin(username: string, challengeId: string, signature: string, ctx: OrgContext): Promise<LoginResult> {
  if (!ctx.deps.certificates) throw new YizhanError(ErrorCode.INTERNAL, 'Certificate login needs the certificates service');
  // The certificates service checks the certificate (ours, valid, not revoked, this person's) and the signature.
  const verified = await ctx.deps.certificates.call('verify-login', ctx.callerHeader, { username, challengeId, signature });
  const row = await authLookup(ctx, username.trim());
  if (!row || row.id !== verified.userId) throw new YizhanError(OrgErrorCode.INVALID_CREDENTIALS, 'The certificate does not belong to this account');
  if (row.locked_at) throw new YizhanError(OrgErrorCode.ACCOUNT_LOCKED, 'This account is locked; ask your unit administrator to unlock it');
  if (row.status !== 'ACTIVE' || row.org_status !== 'ACTIVE') throw new YizhanError(OrgErrorCode.ACCOUNT_DISABLED, 'This account is disabled');
  await ctx.em.execute('select org.auth_record_success(?)', [row.id]);
  return tokenFor(ctx, ctx.em, row);
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
    return user;
  });
}
