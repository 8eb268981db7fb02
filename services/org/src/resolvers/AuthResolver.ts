// Login and password changes (seeds 003 §14, 004 §6). Before login there is no scope, so the account is read and
// updated only through the narrow SECURITY DEFINER functions of the org schema.

import { Arg, Ctx, ID, Mutation, Resolver } from 'type-graphql';
import { certificateLogin, changeInitialPassword, changePassword, login } from '../app/login.ts';
import { requestPasswordReset } from '../app/password-reset.ts';
import type { OrgContext } from '../deps.ts';
import { User } from '../entities/User.ts';
import { LoginResult } from './types.ts';

@Resolver()
export class AuthResolver {
  @Mutation(() => LoginResult, { description: 'Log in with user name and password; the token goes in the Authorization header' })
  async login(@Arg('username', () => String) username: string, @Arg('password', () => String) password: string, @Ctx() ctx: OrgContext): Promise<LoginResult> {
    return login(username, password, ctx);
  }

  @Mutation(() => LoginResult, { description: 'Replace a one-time, reset or expired password, then log in' })
  async changeInitialPassword(
    @Arg('username', () => String) username: string,
    @Arg('currentPassword', () => String) currentPassword: string,
    @Arg('newPassword', () => String) newPassword: string,
    @Ctx() ctx: OrgContext,
  ): Promise<LoginResult> {
    return changeInitialPassword(username, currentPassword, newPassword, ctx);
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
    return certificateLogin(username, challengeId, signature, ctx);
  }

  @Mutation(() => Boolean, {
    description:
      '忘记密码: ask your unit’s administrators to reset your password (they hand you a one-time password). Always true: it tells nobody whether the name is an account’s. RATE_LIMITED like failed logins from one address',
  })
  async requestPasswordReset(@Arg('username', () => String) username: string, @Ctx() ctx: OrgContext): Promise<boolean> {
    return requestPasswordReset(username, ctx);
  }

  @Mutation(() => User, { description: 'Change your own password (seed 003 §14: change it periodically)' })
  async changePassword(
    @Arg('currentPassword', () => String) currentPassword: string,
    @Arg('newPassword', () => String) newPassword: string,
    @Ctx() ctx: OrgContext,
  ): Promise<User> {
    return changePassword(currentPassword, newPassword, ctx);
  }
}
