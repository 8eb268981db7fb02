// Access tokens: issued at login, signed with the org service's key, verified by the gateway.

import { SIGNING_ALG, type Signer } from '@yizhan/common';
import { SignJWT } from 'jose';

export const ACCESS_TOKEN_ISSUER = 'yizhan-org';
export const ACCESS_TOKEN_AUDIENCE = 'yizhan-gateway';

export interface AccessClaims {
  username: string;
  org: string;
  path: string;
  roles: string[];
  /** 'api' for a unit's API token; absent for a person's login. */
  kind?: 'api';
  /** A person's login session (org.sessions): what logout ends. */
  sid?: string;
  /** The person's display name (姓名), or the API token's name. */
  name?: string;
}

export async function issueAccessToken(userId: string, claims: AccessClaims, signer: Signer, expiresAt: Date): Promise<{ token: string; expiresAt: Date }> {
  const token = await new SignJWT({ ...claims })
    .setProtectedHeader({ alg: SIGNING_ALG, kid: signer.kid })
    .setSubject(userId)
    .setIssuer(ACCESS_TOKEN_ISSUER)
    .setAudience(ACCESS_TOKEN_AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(Math.floor(expiresAt.getTime() / 1000))
    .sign(signer.key);
  return { token, expiresAt };
}
