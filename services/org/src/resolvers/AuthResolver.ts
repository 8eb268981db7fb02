// Login and password changes (seeds 003 §14, 004 §6). Before login there is no scope, so the account is read and
// updated only through the narrow SECURITY DEFINER functions of the org schema.
import type { EntityManager } from '@mikro-orm/postgresql';
import { ErrorCode, requireCaller, YizhanError } from '@yizhan/common';
import { Arg, Ctx, ID, Mutation, Resolver } from 'type-graphql';
import { OrgErrorCode } from '../contract.ts';
import type { OrgContext } from '../deps.ts';
import { hashPassword, passwordChangeReason, passwordProblems, UNKNOWN_USER_HASH, verifyPassword } from '../domain/password.ts';
import { User } from '../entities/User.ts';
import { getUser } from '../store.ts';
import { issueAccessToken } from '../tokens.ts';
import { LoginResult } from './types.ts';

interface AuthRow {
  id: string;
  org_id: string;
  org_path: string;
  username: string;
  roles: string[];
  password_hash: string;
  must_change_password: boolean;
  password_changed_at: string | null;
  failed_logins: number;
  locked_at: string | null;
  last_login_at: string | null;
  status: string;
  org_status: string;
}

const invalid = () => new YizhanError(OrgErrorCode.INVALID_CREDENTIALS, 'Wrong user name or password');

/** Checks a password against the account, counting failures and locking after too many. */
async function authenticate(ctx: OrgContext, username: string, password: string): Promise<AuthRow> {
  const em = ctx.em;
  const [row] = (await em.execute('select * from org.auth_lookup(?)', [username.trim()])) as AuthRow[];
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
    const [{ failed_logins, locked }] = (await em.execute('select * from org.auth_record_failure(?, ?)', [row.id, max])) as [
      { failed_logins: number; locked: boolean },
    ];
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

@Resolver()
export class AuthResolver {
  @Mutation(() => LoginResult, { description: 'Log in with user name and password; the token goes in the Authorization header' })
  async login(@Arg('username', () => String) username: string, @Arg('password', () => String) password: string, @Ctx() ctx: OrgContext): Promise<LoginResult> {
    const row = await authenticate(ctx, username, password);
    const reason = passwordChangeReason(
      {
        mustChangePassword: row.must_change_password,
        // Raw rows carry timestamps as text.
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

  @Mutation(() => LoginResult, { description: 'Replace a one-time, reset or expired password, then log in' })
  async changeInitialPassword(
    @Arg('username', () => String) username: string,
    @Arg('currentPassword', () => String) currentPassword: string,
    @Arg('newPassword', () => String) newPassword: string,
    @Ctx() ctx: OrgContext,
  ): Promise<LoginResult> {
    const row = await authenticate(ctx, username, currentPassword);
    checkNewPassword(newPassword, currentPassword, row.username);
    await ctx.em.execute('select org.auth_set_password(?, ?)', [row.id, await hashPassword(newPassword)]);
    return tokenFor(ctx, ctx.em, row);
  }

  @Mutation(() => LoginResult, {
    description:
      'Log in with your identity certificate: sign the challenge from certificateLoginChallenge with its key (seed 003 §15: only your own certificate)',
  })
  async certificateLogin(
    @Arg('username', () => String) username: string,
    @Arg('challengeId', () => ID) challengeId: string,
    @Arg('signature', () => String, { description: 'The signature of the challenge text, base64 (RSA/SHA-256 or SM2/SM3, DER)' }) signature: string,
    @Ctx() ctx: OrgContext,
  ): Promise<LoginResult> {
    if (!ctx.deps.certificates) throw new YizhanError(ErrorCode.INTERNAL, 'Certificate login needs the certificates service');
    // The certificates service checks the certificate (ours, valid, not revoked, this person's) and the signature.
    const verified = await ctx.deps.certificates.call('verify-login', ctx.callerHeader, { username, challengeId, signature });
    const [row] = (await ctx.em.execute('select * from org.auth_lookup(?)', [username.trim()])) as AuthRow[];
    if (!row || row.id !== verified.userId) throw new YizhanError(OrgErrorCode.INVALID_CREDENTIALS, 'The certificate does not belong to this account');
    if (row.locked_at) throw new YizhanError(OrgErrorCode.ACCOUNT_LOCKED, 'This account is locked; ask your unit administrator to unlock it');
    if (row.status !== 'ACTIVE' || row.org_status !== 'ACTIVE') throw new YizhanError(OrgErrorCode.ACCOUNT_DISABLED, 'This account is disabled');
    await ctx.em.execute('select org.auth_record_success(?)', [row.id]);
    return tokenFor(ctx, ctx.em, row);
  }

  @Mutation(() => User, { description: 'Change your own password (seed 003 §14: change it periodically)' })
  async changePassword(
    @Arg('currentPassword', () => String) currentPassword: string,
    @Arg('newPassword', () => String) newPassword: string,
    @Ctx() ctx: OrgContext,
  ): Promise<User> {
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
}
