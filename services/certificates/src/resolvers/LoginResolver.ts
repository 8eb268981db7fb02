// The first half of certificate login: a challenge to sign. The org service finishes the login (it issues tokens),
// asking this service to check the signature (internal `verify-login`).

import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import { certificateLoginChallenge } from '../app/certificate-login.ts';
import type { CertificatesContext } from '../deps.ts';
import { LoginChallenge } from './types.ts';

@Resolver()
export class LoginResolver {
  @Mutation(() => LoginChallenge, { description: 'Start a certificate login: sign the returned challenge with your identity certificate’s key' })
  async certificateLoginChallenge(@Arg('username', () => String) username: string, @Ctx() ctx: CertificatesContext): Promise<LoginChallenge> {
    return certificateLoginChallenge(username, ctx);
  }
}
