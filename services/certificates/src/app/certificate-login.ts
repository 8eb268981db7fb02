// Certificate login: the challenge to sign (the first half), and checking the signed challenge for the org service
// (internal `verify-login`), which issues the tokens.
import { badInput, requireCaller, YizhanError } from '@yizhan/common';
import { CertificatesErrorCode, type certificatesApi } from '@yizhan/contracts/certificates';
import { publicKeyFromSpki, readCertificate, type Suite, signedBy, verify } from '@yizhan/crypto';
import { isUuid, type SubgraphContext } from '@yizhan/kernel';
import { type Selectable, sql } from 'kysely';
import { type z } from 'zod';
import { type CertificatesContext } from '../deps.ts';
import { type LoginChallenge } from '../resolvers/types.ts';
import { loadAuthority } from '../store/ca.ts';
import type { DB } from '../store/db.ts';
import { withDb } from '../store/sql.ts';

export const CHALLENGE_TTL_MS = 2 * 60 * 1000;

/** A row of certificates.identity_certificates(username): the columns it selects from certificates.certificates. */
type IdentityCertificate = Pick<Selectable<DB['certificates.certificates']>, 'id' | 'serial' | 'suite' | 'der' | 'holder_user_id' | 'org_path'>;

export async function certificateLoginChallenge(username: string, ctx: CertificatesContext): Promise<LoginChallenge> {
  const name = username.trim();
  if (!/^[a-z0-9._-]{3,64}$/.test(name)) throw badInput('Not a user name', 'username');
  const id = crypto.randomUUID();
  const expiresAt = new Date(Date.now() + CHALLENGE_TTL_MS);
  const challenge = `驿站登录 ${name} ${id} ${expiresAt.toISOString()} ${Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString('base64url')}`;
  await withDb(ctx.em, async (db) => {
    await db.deleteFrom('certificates.login_challenges').where('expires_at', '<', sql<string>`now()`).execute();
    await db.insertInto('certificates.login_challenges').values({ id, username: name, challenge, expires_at: expiresAt }).execute();
  });
  return { id, challenge, expiresAt };
}

/**
 * Which of a user's identity certificates — issued here, in force, not revoked — made `signature` over `data`: that
 * certificate's row; null when none did; undefined when the user holds none. Read through a SECURITY DEFINER function
 * (at login nobody is signed in yet, so row-level security would show no certificates).
 */
async function identitySigner(ctx: SubgraphContext<unknown>, username: string, data: Uint8Array, signature: string) {
  const certs = await withDb(ctx.em, (db) =>
    db.selectFrom(sql<IdentityCertificate>`certificates.identity_certificates(${username})`.as('c')).selectAll().execute(),
  );
  if (!certs.length) return undefined;
  const sig = new Uint8Array(Buffer.from(signature, 'base64'));
  for (const c of certs) {
    const issuing = await loadAuthority(ctx.em, c.suite as Suite, 'ISSUING');
    const der = new Uint8Array(c.der);
    const key = publicKeyFromSpki(readCertificate(der).spki);
    if (key && signedBy(der, issuing.certificate) && verify(key.suite, key.publicKey, data, sig)) return c;
  }
  return null;
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
  const challenge = await withDb(ctx.em, (db) =>
    db
      .updateTable('certificates.login_challenges')
      .set({ used_at: sql<Date>`now()` })
      .where('id', '=', challengeId)
      .where('username', '=', username.trim())
      .where('used_at', 'is', null)
      .where('expires_at', '>', sql<string>`now()`)
      .returning('challenge')
      .executeTakeFirst(),
  );
  if (!challenge) throw refuse('Unknown or expired challenge: ask for a new one');
  const signer = await identitySigner(ctx, username.trim(), new TextEncoder().encode(challenge.challenge), signature);
  // An identity certificate is a person's (its application's CHECK), so holder_user_id is never null here.
  if (signer?.holder_user_id) return { userId: signer.holder_user_id };
  if (signer === undefined) throw new YizhanError(CertificatesErrorCode.NO_IDENTITY_CERTIFICATE, 'This user holds no identity certificate in force');
  throw refuse('The signature was not made with this user’s identity certificate');
}

/**
 * For the documents service (internal `verify-own-signature`): which of the caller's own identity certificates made a
 * signature over `data` (a receipt a clerk signs with their own key, in the browser). The same certificates as a
 * certificate login accepts: issued here, in force, not revoked.
 */
export async function verifyOwnSignature(
  ctx: SubgraphContext<unknown>,
  { data, signature }: z.output<(typeof certificatesApi)['calls']['verify-own-signature']['input']>,
) {
  const caller = requireCaller(ctx);
  const signer = await identitySigner(ctx, caller.username, new Uint8Array(Buffer.from(data, 'base64')), signature);
  if (signer && signer.holder_user_id === caller.userId) return { certificate: Buffer.from(signer.der).toString('base64'), suite: signer.suite as Suite };
  if (signer === undefined) throw new YizhanError(CertificatesErrorCode.NO_IDENTITY_CERTIFICATE, 'You hold no identity certificate in force');
  throw new YizhanError(CertificatesErrorCode.SIGNATURE_INVALID, 'The signature was not made with the key of your identity certificate');
}
