// The certificates service's internal API, for other services (never exposed by the gateway): the handlers of the
// calls its contract declares. Requests arrive checked against the contract.
import type { EntityManager } from '@mikro-orm/postgresql';
import { badInput, forbidden, isBelow, isWithin, requireCaller, YizhanError } from '@yizhan/common';
import { publicKeyFromSpki, readCertificate, type Suite, sign, signedBy, verify } from '@yizhan/crypto';
import { isUuid, type SubgraphContext, serveInternalApi } from '@yizhan/kernel';
import type { z } from 'zod';
import { loadAuthority } from './ca.ts';
import { CertificatesErrorCode, certificatesApi } from './contract.ts';
import { statusAt } from './domain/status.ts';
import { changeStatus, changesOf, findCertificate, issue } from './store.ts';

const b64 = (b: Uint8Array | Buffer) => Buffer.from(b).toString('base64');
type Ctx = SubgraphContext<unknown>;
type Input<N extends keyof (typeof certificatesApi)['calls']> = z.output<(typeof certificatesApi)['calls'][N]['input']>;

async function verifyLogin(ctx: Ctx, { username, challengeId, signature }: Input<'verify-login'>) {
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

async function issueSealCertificate(ctx: Ctx, b: Input<'issue-seal-certificate'>) {
  const caller = requireCaller(ctx);
  // Seals are made by the issuing authority: an administrator of a unit above the seal's unit (or of the top unit).
  const above = isBelow(b.orgPath, caller.orgPath) || (b.orgPath === caller.orgPath && !caller.orgPath.includes('.'));
  if (!caller.roles.includes('ADMIN') || !above) throw forbidden('Seal certificates are issued for the issuing authority above the unit');
  const cert = await (ctx.em as EntityManager).transactional((em) =>
    issue(em as EntityManager, {
      suite: b.suite,
      usage: 'SEAL',
      holder: {
        kind: 'SEAL',
        name: `${b.orgName}电子印章`,
        orgId: b.orgId,
        orgPath: b.orgPath,
        orgName: b.orgName,
        sealId: b.sealId,
      },
      publicKey: b.publicKey,
    }),
  );
  return { certificateId: cert.id, serial: cert.serial, fingerprint: cert.fingerprint, der: b64(cert.der), notBefore: cert.notBefore, notAfter: cert.notAfter };
}

async function sealMakerSign(ctx: Ctx, b: Input<'seal-maker-sign'>) {
  const caller = requireCaller(ctx);
  if (!caller.roles.includes('ADMIN')) throw forbidden('Only an issuing authority signs seals');
  const suite = b.suite;
  const maker = await loadAuthority(ctx.em, suite, 'SEAL_MAKER');
  return { signature: b64(sign(suite, maker.privateKey, Buffer.from(b.data, 'base64'))), certificate: b64(maker.certificate) };
}

/** Whether the certificate chains to this CA (issuing CA, then root), and its status at the moment — from the CA's own
 * records, by serial. */
async function checkCertificate(ctx: Ctx, b: Input<'check-certificate'>) {
  requireCaller(ctx);
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

async function sealCertificateStatus(ctx: Ctx, b: Input<'seal-certificate-status'>) {
  const caller = requireCaller(ctx);
  if (!isUuid(b.certificateId)) throw badInput('Not a certificate id', 'certificateId');
  return (ctx.em as EntityManager).transactional(async (em) => {
    const cert = await findCertificate(em as EntityManager, { id: b.certificateId });
    if (cert.holderKind !== 'SEAL') throw forbidden('Only a seal’s certificate follows its seal');
    if (!isWithin(cert.orgPath, caller.orgPath)) throw forbidden('Not a seal of your units');
    if (b.action === 'REVOKE' && cert.status === 'REVOKED') return { status: cert.status };
    await changeStatus(em as EntityManager, cert, b.action, b.reason ?? null, { id: caller.userId, name: caller.username });
    return { status: cert.status };
  });
}

export const certificatesInternalApi = serveInternalApi(certificatesApi, {
  'verify-login': verifyLogin,
  'issue-seal-certificate': issueSealCertificate,
  'seal-maker-sign': sealMakerSign,
  'check-certificate': checkCertificate,
  'seal-certificate-status': sealCertificateStatus,
});
