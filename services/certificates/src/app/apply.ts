// Applying for a certificate (identity, signing, encryption), renewing or changing one, with the caller's own key (a
// CSR) or a key the service makes, and cancelling one (注销); the head of the unit decides each (seed 003 §25). And the
// list of applications.

import { badInput, conflict, forbidden, notFound, oneOfOrNull, requireCaller, unauthenticated, YizhanError } from '@yizhan/common';
import { CertificatesErrorCode } from '@yizhan/contracts/certificates';
import { readCsr } from '@yizhan/crypto';
import { isUuid } from '@yizhan/kernel';
import { type CertificatesContext } from '../deps.ts';
import { RenewReasonEnum } from '../domain/enums.ts';
import { CANCEL_REASONS, type CancelReason, decidedAboveFor, mayChangeStatus } from '../domain/status.ts';
import type { Certificate } from '../entities/Certificate.ts';
import { CertificateApplication } from '../entities/CertificateApplication.ts';
import { type CertificateApplicationInput } from '../resolvers/types.ts';
import { findCertificate } from '../store/certificates.ts';

/** The caller as a person with their unit, as the org service knows them. */
async function who(ctx: CertificatesContext) {
  const { user, unit } = await ctx.deps.org.call('whoami', ctx.callerHeader, {});
  if (!user) throw unauthenticated('This account no longer exists');
  return { user, unit };
}

/** Whether the caller's application goes to the heads of the unit above: no head of their unit but them (org knows). */
async function decidedAbove(ctx: CertificatesContext): Promise<boolean> {
  const leaders = await ctx.deps.org.call('leaders', ctx.callerHeader, {});
  return decidedAboveFor(
    requireCaller(ctx).userId,
    leaders.map((l) => l.id),
  );
}

export function checkedKey(input: { suite: string; csr?: string | null; serverKey: boolean }): string | null {
  if (input.serverKey) {
    if (input.csr) throw badInput('Send a request or ask for a server-made key, not both', 'csr');
    if (input.suite !== 'RSA') throw badInput('SM2 keys are made by the holder: send a certification request', 'serverKey');
    return null;
  }
  if (!input.csr?.trim()) throw badInput('Send a certification request (PKCS#10, PEM), or ask for a server-made key', 'csr');
  const read = readCsr(input.csr);
  if ('problem' in read) {
    const why = {
      NOT_A_CSR: 'is not a PKCS#10 certification request in PEM',
      UNSUPPORTED_KEY: 'holds neither an RSA nor an SM2 key',
      BAD_SIGNATURE: 'is not signed by the key it carries',
    }[read.problem];
    throw new YizhanError(CertificatesErrorCode.INVALID_CSR, `The certification request ${why}`, { problem: read.problem });
  }
  if (read.suite !== input.suite)
    throw new YizhanError(CertificatesErrorCode.INVALID_CSR, `The request holds an ${read.suite} key but ${input.suite} was asked for`, {
      problem: 'SUITE_MISMATCH',
    });
  return read.publicKey;
}

export async function certificateApplications(status: string | null, ctx: CertificatesContext) {
  requireCaller(ctx);
  const only = oneOfOrNull(status, ['PENDING', 'APPROVED', 'REJECTED', 'ISSUED', 'DONE'], 'status');
  return ctx.em.find(CertificateApplication, only ? { status: only } : {}, { orderBy: { createdAt: 'desc' }, limit: 200 });
}

export async function applyForCertificate(input: CertificateApplicationInput, ctx: CertificatesContext) {
  const caller = requireCaller(ctx);
  const forUnit = input.usage === 'ENCRYPTION';
  if (forUnit && !caller.roles.includes('ADMIN')) throw forbidden('A unit’s encryption certificate is applied for by its administrator');
  checkedKey(input);
  const me = await who(ctx);
  const above = await decidedAbove(ctx);
  return ctx.em.transactional(async (em) =>
    em.create(CertificateApplication, {
      id: crypto.randomUUID(),
      orgId: me.unit.id,
      orgPath: me.unit.path,
      orgName: me.unit.name,
      applicantId: caller.userId,
      applicantName: me.user.displayName,
      holderKind: forUnit ? 'UNIT' : 'PERSON',
      decidedAbove: above,
      holderUserId: forUnit ? null : caller.userId,
      holderUsername: forUnit ? null : caller.username,
      holderName: forUnit ? me.unit.name : me.user.displayName,
      usage: input.usage,
      suite: input.suite,
      csr: input.csr?.trim() || null,
      serverKey: input.serverKey,
    }),
  );
}

export async function renewCertificate(id: string, reason: keyof typeof RenewReasonEnum, csr: string | null, serverKey: boolean, ctx: CertificatesContext) {
  const caller = requireCaller(ctx);
  if (!isUuid(id)) throw notFound('Certificate', id);
  const old = await findCertificate(ctx.em, { id });
  if (old.holderKind === 'SEAL') throw forbidden('A seal’s certificate changes with the seal');
  if (!mayChangeStatus(caller, old)) throw forbidden('Only the holder or an administrator of the unit renews a certificate');
  if (old.status === 'REVOKED') throw new YizhanError(CertificatesErrorCode.CERTIFICATE_NOT_VALID, 'A revoked certificate is not renewed: apply for a new one');
  checkedKey({ suite: old.suite, csr, serverKey });
  return applyAbout(ctx, old, { csr: csr?.trim() || null, serverKey, reason });
}

/** An application about a certificate in force (续期, 变更, 注销): the same holder, usage and suite, naming it; the
 * head of its unit decides (a head's own, the head above). */
async function applyAbout(
  ctx: CertificatesContext,
  old: Certificate,
  what: { reason: string; csr?: string | null; serverKey?: boolean; revocationReason?: CancelReason },
): Promise<CertificateApplication> {
  const caller = requireCaller(ctx);
  const me = await who(ctx);
  const above = await decidedAbove(ctx);
  return ctx.em.transactional(async (em) =>
    em.create(CertificateApplication, {
      id: crypto.randomUUID(),
      orgId: old.orgId,
      orgPath: old.orgPath,
      orgName: old.holderKind === 'UNIT' ? old.holderName : me.unit.name,
      applicantId: caller.userId,
      applicantName: me.user.displayName,
      holderKind: old.holderKind,
      decidedAbove: above,
      holderUserId: old.holderUserId,
      holderUsername: old.holderUsername,
      holderName: old.holderUserId === caller.userId ? me.user.displayName : old.holderName,
      usage: old.usage,
      suite: old.suite,
      ...what,
      replacesId: old.id,
    }),
  );
}

/**
 * 注销 of a certificate applied for (seed 003 §25): by its holder, or for a unit's certificate by its administrator,
 * naming why; once the head approves it the certificate is revoked with that reason (issue.ts). A compromised key is
 * revoked at once instead (revokeCertificate).
 */
export async function applyToCancelCertificate(id: string, reason: string, ctx: CertificatesContext) {
  const caller = requireCaller(ctx);
  if (!isUuid(id)) throw notFound('Certificate', id);
  if (!(CANCEL_REASONS as readonly string[]).includes(reason))
    throw badInput(`A 注销 gives one of these reasons: ${CANCEL_REASONS.join(', ')} (a compromised key is revoked at once instead)`, 'reason');
  const old = await findCertificate(ctx.em, { id });
  if (old.holderKind === 'SEAL') throw forbidden('A seal’s certificate changes with the seal');
  if (!mayChangeStatus(caller, old)) throw forbidden('Only the holder or an administrator of the unit asks to cancel a certificate');
  if (old.status === 'REVOKED') throw new YizhanError(CertificatesErrorCode.CERTIFICATE_NOT_VALID, 'The certificate is revoked already');
  const waiting = await ctx.em.findOne(CertificateApplication, { replacesId: old.id, reason: 'CANCEL', status: 'PENDING' });
  if (waiting) throw conflict('A 注销 of this certificate already waits for the head of the unit', { applicationId: waiting.id });
  return applyAbout(ctx, old, { reason: 'CANCEL', revocationReason: reason as CancelReason });
}
