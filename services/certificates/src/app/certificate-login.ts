// Certificate login: the challenge to sign (the first half), and checking the signed challenge for the org service
// (internal `verify-login`), which issues the tokens.
import { badInput, YizhanError } from '@yizhan/common';
import { publicKeyFromSpki, readCertificate, type Suite, signedBy, verify } from '@yizhan/crypto';
import { isUuid, type SubgraphContext } from '@yizhan/kernel';
import { type z } from 'zod';
import { CertificatesErrorCode, type certificatesApi } from '../contract.ts';
import { type CertificatesContext } from '../deps.ts';
import { type LoginChallenge } from '../resolvers/types.ts';
import { loadAuthority } from '../store/ca.ts';

export const CHALLENGE_TTL_MS = 2 * 60 * 1000;

export async function certificateLoginChallenge(username: string, ctx: CertificatesContext): Promise<LoginChallenge> {
  const name = username.trim();
  if (!/^[a-z0-9._-]{3,64}$/.test(name)) throw badInput('Not a user name', 'username');
  const id = crypto.randomUUID();
  const expiresAt = new Date(Date.now() + CHALLENGE_TTL_MS);
  const challenge = `驿站登录 ${name} ${id} ${expiresAt.toISOString()} ${Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString('base64url')}`;
  await ctx.em.execute('delete from certificates.login_challenges where expires_at < now()');
  await ctx.em.execute('insert into certificates.login_challenges (id, username, challenge, expires_at) values (?, ?, ?, ?)', [id, name, challenge, expiresAt]);
  return { id, challenge, expiresAt };
}

/** The second half, for the org service (internal `verify-login`): the signed challenge checked against the user's
 * identity certificates; single use. */
export async function verifyLogin(
  ctx: SubgraphContext<unknown>,
  { username, challengeId, signature }: z.output<(typeof certificatesApi)['calls']['verify-login']['input']>,
) {
  const refuse = (why: string) => new YizhanError(CertificatesErrorCode.SIGNATURE_INVALID, why);
  if (!isUuid(challengeId)) throw refuse('Unknown or expired challenge: ask for a new one');
  // Single use: the challenge is spent by the first attempt, right or wrong.
  const [challenge] = (await ctx.em.execute(
    'update certificates.login_challenges set used_at = now() where id = ? and username = ? and used_at is null and expires_at > now() returning challenge',
    [challengeId, username.trim()],
  )) as { challenge: string }[];
  if (!challenge) throw refuse('Unknown or expired challenge: ask for a new one');
  const certs = (await ctx.em.execute('select * from certificates.identity_certificates(?)', [username.trim()])) as {
    suite: Suite;
    der: Buffer;
    holder_user_id: string;
  }[];
  const data = new TextEncoder().encode(challenge.challenge);
  const sig = new Uint8Array(Buffer.from(signature, 'base64'));
  for (const c of certs) {
    const issuing = await loadAuthority(ctx.em, c.suite, 'ISSUING');
    const der = new Uint8Array(c.der);
    const key = publicKeyFromSpki(readCertificate(der).spki);
    if (key && signedBy(der, issuing.certificate) && verify(key.suite, key.publicKey, data, sig)) return { userId: c.holder_user_id };
  }
  throw refuse(certs.length ? 'The signature was not made with this user’s identity certificate' : 'This user holds no valid identity certificate');
}
