// The first half of certificate login: a challenge to sign. The org service finishes the login (it issues tokens),
// asking this service to check the signature (internal `verify-login`).
import { badInput } from '@yizhan/common';
import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import type { CertificatesContext } from '../deps.ts';
import { LoginChallenge } from './types.ts';

export const CHALLENGE_TTL_MS = 2 * 60 * 1000;

@Resolver()
export class LoginResolver {
  @Mutation(() => LoginChallenge, { description: 'Start a certificate login: sign the returned challenge with your identity certificate’s key' })
  async certificateLoginChallenge(@Arg('username', () => String) username: string, @Ctx() ctx: CertificatesContext): Promise<LoginChallenge> {
    const name = username.trim();
    if (!/^[a-z0-9._-]{3,64}$/.test(name)) throw badInput('Not a user name', 'username');
    const id = crypto.randomUUID();
    const expiresAt = new Date(Date.now() + CHALLENGE_TTL_MS);
    const challenge = `驿站登录 ${name} ${id} ${expiresAt.toISOString()} ${Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString('base64url')}`;
    await ctx.em.execute('delete from certificates.login_challenges where expires_at < now()');
    await ctx.em.execute('insert into certificates.login_challenges (id, username, challenge, expires_at) values (?, ?, ?, ?)', [
      id,
      name,
      challenge,
      expiresAt,
    ]);
    return { id, challenge, expiresAt };
  }
}
