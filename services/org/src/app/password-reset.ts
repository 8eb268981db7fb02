// 忘记密码: a person who forgot their password asks from the login page; the request waits on their account for the
// unit's administrators (用户与角色 shows it), who reset the password and hand over the one-time password as they do
// (a login or a new password of the person's own answers it too).
// The answer is the same for every name — an account's, a disabled one's, or no account's — so it tells nobody which
// names exist; requests from one address count as failed logins do (the address limiter), and an account is asked
// for at most once in ten minutes (migration 0024). Each request is in the audit log, as a login is.
import { badInput, ErrorCode, YizhanError } from '@yizhan/common';
import type { OrgContext } from '../deps.ts';
import { appendLogin } from '../store/audit.ts';

export async function requestPasswordReset(username: string, ctx: OrgContext): Promise<boolean> {
  const name = username.trim();
  if (!name || name.length > 100) throw badInput('Give your user name (at most 100 characters)', 'username', { length: { min: 1, max: 100 } });
  const address = ctx.clientAddress;
  const limiter = ctx.deps.addressLimiter;
  if (address && limiter) {
    const wait = await limiter.waitSeconds(address);
    if (wait > 0) throw new YizhanError(ErrorCode.RATE_LIMITED, 'Too many requests from your address; try again later', { retryAfterSeconds: wait });
    await limiter.recordFailure(address);
  }
  const [row] = await ctx.em.execute<{ asked: boolean }[]>('select org.auth_request_password_reset(?) as asked', [name]);
  try {
    await appendLogin(ctx.em, name, 'password.reset-requested', row?.asked ? 'OK' : 'REFUSED', address, {});
  } catch (err) {
    ctx.log.error({ err }, 'password reset request not written to the audit log');
  }
  return true;
}
