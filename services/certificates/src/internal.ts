// The certificates service's internal API, for other services (never exposed by the gateway).
import type { EntityManager } from '@mikro-orm/postgresql';
import { publicKeyFromSpki, readCertificate, type Suite, sign, signedBy, verify } from '@yizhan/crypto';
import { badInput, ErrorCode, forbidden, isBelow, isUuid, isWithin, requireCaller, type SubgraphContext, YizhanError } from '@yizhan/kernel';
import { loadAuthority } from './ca.ts';
import { statusAt } from './domain/status.ts';
import { changeStatus, changesOf, findCertificate, issue } from './store.ts';

const b64 = (b: Uint8Array | Buffer) => Buffer.from(b).toString('base64');
const suiteOf = (s: unknown): Suite => {
  if (s !== 'RSA' && s !== 'SM2') throw badInput('suite must be RSA or SM2', 'suite');
  return s;
};

/**
 * POST /internal/verify-login {username, challengeId, signature}: whether the signature over the challenge was made
 * with the key of an identity certificate of that user, issued here, valid and not revoked. Open before login.
 */
export async function verifyLoginEndpoint(ctx: SubgraphContext<never>, body: unknown) {
  const { username, challengeId, signature } = (body ?? {}) as { username?: string; challengeId?: string; signature?: string };
  if (typeof username !== 'string' || typeof challengeId !== 'string' || typeof signature !== 'string')
    throw badInput('Expected {username, challengeId, signature}');
  const refuse = (why: string) => new YizhanError(ErrorCode.SIGNATURE_INVALID, why);
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

/** POST /internal/issue-seal-certificate {sealId, orgId, orgPath, orgName, suite, publicKey}: the seal's signing certificate. */
export async function issueSealCertificateEndpoint(ctx: SubgraphContext<never>, body: unknown) {
  const caller = requireCaller(ctx);
  const b = (body ?? {}) as { sealId?: string; orgId?: string; orgPath?: string; orgName?: string; suite?: string; publicKey?: string };
  if (!b.sealId || !b.orgId || !b.orgPath || !b.orgName || !b.publicKey) throw badInput('Expected {sealId, orgId, orgPath, orgName, suite, publicKey}');
  // Seals are made by the issuing authority: an administrator of a unit above the seal's unit (or of the top unit).
  const above = isBelow(b.orgPath, caller.orgPath) || (b.orgPath === caller.orgPath && !caller.orgPath.includes('.'));
  if (!caller.roles.includes('ADMIN') || !above) throw forbidden('Seal certificates are issued for the issuing authority above the unit');
  const cert = await (ctx.em as EntityManager).transactional((em) =>
    issue(em as EntityManager, {
      suite: suiteOf(b.suite),
      usage: 'SEAL',
      holder: {
        kind: 'SEAL',
        name: `${b.orgName}电子印章`,
        orgId: b.orgId as string,
        orgPath: b.orgPath as string,
        orgName: b.orgName as string,
        sealId: b.sealId,
      },
      publicKey: b.publicKey as string,
    }),
  );
  return { certificateId: cert.id, serial: cert.serial, fingerprint: cert.fingerprint, der: b64(cert.der), notBefore: cert.notBefore, notAfter: cert.notAfter };
}

/** POST /internal/seal-maker-sign {suite, data}: the seal maker's signature over a seal's data (its own signature). */
export async function sealMakerSignEndpoint(ctx: SubgraphContext<never>, body: unknown) {
  const caller = requireCaller(ctx);
  if (!caller.roles.includes('ADMIN')) throw forbidden('Only an issuing authority signs seals');
  const b = (body ?? {}) as { suite?: string; data?: string };
  const suite = suiteOf(b.suite);
  if (typeof b.data !== 'string') throw badInput('Expected {suite, data}');
  const maker = await loadAuthority(ctx.em, suite, 'SEAL_MAKER');
  return { signature: b64(sign(suite, maker.privateKey, Buffer.from(b.data, 'base64'))), certificate: b64(maker.certificate) };
}

/**
 * POST /internal/check-certificate {der, at}: for verification. Whether the certificate chains to this CA (issuing CA,
 * then root), and its status at the moment — from the CA's own records, by serial.
 */
export async function checkCertificateEndpoint(ctx: SubgraphContext<never>, body: unknown) {
  requireCaller(ctx);
  const b = (body ?? {}) as { der?: string; at?: string };
  if (typeof b.der !== 'string' || typeof b.at !== 'string') throw badInput('Expected {der, at}');
  const der = new Uint8Array(Buffer.from(b.der, 'base64'));
  const at = new Date(b.at);
  let facts: ReturnType<typeof readCertificate>;
  try {
    facts = readCertificate(der);
  } catch {
    return { chain: false, chainReason: 'not a certificate', status: 'UNKNOWN', reason: null, since: null };
  }
  const suite = facts.suite;
  if (!suite) return { chain: false, chainReason: 'unknown signature algorithm', status: 'UNKNOWN', reason: null, since: null };
  const issuing = await loadAuthority(ctx.em, suite, 'ISSUING');
  const root = await loadAuthority(ctx.em, suite, 'ROOT');
  const chain = signedBy(der, issuing.certificate) && signedBy(issuing.certificate, root.certificate) && signedBy(root.certificate, root.certificate);
  if (!chain) return { chain: false, chainReason: 'not issued by this platform’s CA', status: 'UNKNOWN', reason: null, since: null };
  // The CA's own certificates (the seal maker's, which signs every seal) are not in the register: their validity is theirs.
  const maker = await loadAuthority(ctx.em, suite, 'SEAL_MAKER');
  if (readCertificate(maker.certificate).fingerprint === facts.fingerprint) return { chain: true, chainReason: null, ...statusAt(facts, [], at) };
  const cert = await findCertificate(ctx.em as EntityManager, { fingerprint: facts.fingerprint }).catch(() => null);
  if (!cert) return { chain: true, chainReason: null, status: 'UNKNOWN', reason: 'the CA has no record of this certificate', since: null };
  return { chain: true, chainReason: null, ...statusAt(cert, await changesOf(ctx.em as EntityManager, cert.id), at) };
}

/** POST /internal/seal-certificate-status {certificateId, action, reason}: a seal's certificate follows its seal. */
export async function sealCertificateStatusEndpoint(ctx: SubgraphContext<never>, body: unknown) {
  const caller = requireCaller(ctx);
  const b = (body ?? {}) as { certificateId?: string; action?: 'SUSPEND' | 'RESUME' | 'REVOKE'; reason?: string };
  if (!b.certificateId || !isUuid(b.certificateId) || !b.action || !['SUSPEND', 'RESUME', 'REVOKE'].includes(b.action))
    throw badInput('Expected {certificateId, action}');
  return (ctx.em as EntityManager).transactional(async (em) => {
    const cert = await findCertificate(em as EntityManager, { id: b.certificateId });
    if (cert.holderKind !== 'SEAL') throw forbidden('Only a seal’s certificate follows its seal');
    if (!isWithin(cert.orgPath, caller.orgPath)) throw forbidden('Not a seal of your units');
    if (b.action === 'REVOKE' && cert.status === 'REVOKED') return { status: cert.status };
    await changeStatus(em as EntityManager, cert, b.action as 'SUSPEND', b.reason ?? null, { id: caller.userId, name: caller.username });
    return { status: cert.status };
  });
}
