// A certificate's status changes: suspend (certificateHold), resume, revoke with a reason; the CRL follows. One's own
// certificate is revoked alone only after a key compromise; any other 注销 of one's own is applied for (apply.ts).
import { type EntityManager } from '@mikro-orm/postgresql';
import { badInput, forbidden, isWithin, notFound, personName, requireCaller, requiredText, YizhanError } from '@yizhan/common';
import { CertificatesErrorCode, certificatesApi } from '@yizhan/contracts/certificates';
import { isUuid, type SubgraphContext } from '@yizhan/kernel';
import { type z } from 'zod';
import { type CertificatesContext } from '../deps.ts';
import { mayChangeStatus, mayRevokeAlone } from '../domain/status.ts';
import { changeStatus, findCertificate } from '../store/certificates.ts';

async function change(ctx: CertificatesContext, id: string, action: 'SUSPEND' | 'RESUME' | 'REVOKE', reason: string | null) {
  const caller = requireCaller(ctx);
  if (!isUuid(id)) throw notFound('Certificate', id);
  return ctx.em.transactional(async (em) => {
    const cert = await findCertificate(em as EntityManager, { id });
    if (cert.holderKind === 'SEAL') throw forbidden('A seal’s certificate changes with the seal (suspend, replace or destroy the seal)');
    if (!mayChangeStatus(caller, cert)) throw forbidden('Only the holder or an administrator of the unit changes a certificate’s status');
    if (action === 'SUSPEND' && !reason) throw badInput('Give the reason for the suspension', 'reason', { required: true });
    if (action === 'REVOKE' && !mayRevokeAlone(caller, cert, reason ?? ''))
      throw new YizhanError(
        CertificatesErrorCode.CANCEL_NEEDS_APPROVAL,
        'Your own certificate is cancelled (注销) by an application the head of your unit approves; revoke it yourself only when its key is compromised',
        { field: 'reason' },
      );
    return changeStatus(em as EntityManager, cert, action, reason, { id: caller.userId, name: personName(caller) });
  });
}

export async function suspendCertificate(id: string, reason: string, ctx: CertificatesContext) {
  return change(ctx, id, 'SUSPEND', requiredText(reason, 'reason', { max: 500, line: true }));
}

export async function resumeCertificate(id: string, ctx: CertificatesContext) {
  return change(ctx, id, 'RESUME', null);
}

export async function revokeCertificate(id: string, reason: string, ctx: CertificatesContext) {
  return change(ctx, id, 'REVOKE', reason);
}

type Ctx = SubgraphContext<unknown>;
type Input<N extends keyof (typeof certificatesApi)['calls']> = z.output<(typeof certificatesApi)['calls'][N]['input']>;

export async function sealCertificateStatus(ctx: Ctx, b: Input<'seal-certificate-status'>) {
  const caller = requireCaller(ctx);
  if (!isUuid(b.certificateId)) throw badInput('Not a certificate id', 'certificateId');
  return (ctx.em as EntityManager).transactional(async (em) => {
    const cert = await findCertificate(em as EntityManager, { id: b.certificateId });
    if (cert.holderKind !== 'SEAL') throw forbidden('Only a seal’s certificate follows its seal');
    if (!isWithin(cert.orgPath, caller.orgPath)) throw forbidden('Not a seal of your units');
    // Already where the seal goes: a seal's step asked again after it was cut short between the two services (its
    // certificate changed, its own write not) goes through, rather than failing on a certificate already changed.
    if (cert.status === { SUSPEND: 'SUSPENDED', RESUME: 'ACTIVE', REVOKE: 'REVOKED' }[b.action]) return { status: cert.status };
    await changeStatus(em as EntityManager, cert, b.action, b.reason ?? null, { id: caller.userId, name: personName(caller) });
    return { status: cert.status };
  });
}
