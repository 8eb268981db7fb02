// Issuing and changing certificates in the caller's unit of work: the CA signs, the row is written, the CRL renewed.
import type { EntityManager } from '@mikro-orm/postgresql';
import { conflict, loadConfig, notFound } from '@yizhan/common';
import { CRL_PATH } from '@yizhan/contracts/certificates';
import type { Suite } from '@yizhan/crypto';
import { issueCertificate, type Profile, readCertificate } from '@yizhan/crypto';
import { sql } from 'kysely';
import type { StatusChange } from '../domain/status.ts';
import { Certificate } from '../entities/Certificate.ts';
import { loadAuthority, publishCrl } from './ca.ts';
import { withDb } from './sql.ts';

export type Usage = 'IDENTITY' | 'SIGNING' | 'ENCRYPTION' | 'SEAL';
export interface Holder {
  kind: 'PERSON' | 'UNIT' | 'SEAL';
  userId?: string | null;
  username?: string | null;
  name: string;
  orgId: string;
  orgPath: string;
  orgName: string;
  sealId?: string | null;
}

const DAY = 24 * 3600 * 1000;
const VALIDITY_DAYS: Record<Usage, number> = { IDENTITY: 730, SIGNING: 730, ENCRYPTION: 730, SEAL: 1825 };

export async function issue(
  em: EntityManager,
  opts: { suite: Suite; usage: Usage; holder: Holder; publicKey: string; applicationId?: string | null },
): Promise<Certificate> {
  const issuing = await loadAuthority(em, opts.suite, 'ISSUING');
  const h = opts.holder;
  const subject =
    h.kind === 'PERSON'
      ? { commonName: h.name, organization: h.orgName, serialNumber: h.username ?? undefined }
      : h.kind === 'SEAL'
        ? { commonName: `${h.orgName}电子印章`, organization: h.orgName, serialNumber: h.sealId ?? undefined }
        : opts.usage === 'SIGNING'
          ? // A unit's signing certificate (its receipts) names the unit by its id, which a rename keeps.
            { commonName: h.orgName, organization: h.orgName, organizationalUnit: '单位签名证书', serialNumber: h.orgId }
          : { commonName: h.orgName, organization: h.orgName, organizationalUnit: '单位加密证书' };
  const notBefore = new Date(Date.now() - 60_000);
  const issuerFacts = readCertificate(issuing.certificate);
  const notAfter = new Date(Math.min(notBefore.getTime() + VALIDITY_DAYS[opts.usage] * DAY, issuerFacts.notAfter.getTime()));
  const publicUrl = loadConfig().publicUrl;
  const der = issueCertificate({
    suite: opts.suite,
    subject,
    subjectPublicKey: opts.publicKey,
    profile: opts.usage as Profile,
    notBefore,
    notAfter,
    issuer: issuing,
    // Where a verifier holding the certificate alone finds whether it was revoked: the gateway serves the CRL there.
    ...(publicUrl ? { crlUrl: `${publicUrl}${CRL_PATH}${opts.suite}.crl` } : {}),
  });
  const facts = readCertificate(der);
  return em.create(Certificate, {
    id: crypto.randomUUID(),
    serial: facts.serial,
    fingerprint: facts.fingerprint,
    suite: opts.suite,
    usage: opts.usage,
    orgId: h.orgId,
    orgPath: h.orgPath,
    holderKind: h.kind,
    holderUserId: h.userId ?? null,
    holderUsername: h.username ?? null,
    holderName: h.name,
    sealId: h.sealId ?? null,
    subject: facts.subject,
    der: Buffer.from(der),
    notBefore: facts.notBefore,
    notAfter: facts.notAfter,
    applicationId: opts.applicationId ?? null,
  });
}

export async function changesOf(em: EntityManager, certificateId: string): Promise<StatusChange[]> {
  const rows = await withDb(em, (db) =>
    db.selectFrom('certificates.status_changes').select(['action', 'at', 'reason']).where('certificate_id', '=', certificateId).orderBy('at').execute(),
  );
  // The column's CHECK allows exactly these actions.
  return rows.map((r) => ({ action: r.action as StatusChange['action'], at: new Date(r.at), reason: r.reason }));
}

/** Suspends, resumes or revokes; records the change with its time and renews the suite's CRL. */
export async function changeStatus(
  em: EntityManager,
  cert: Certificate,
  action: 'SUSPEND' | 'RESUME' | 'REVOKE',
  reason: string | null,
  actor: { id: string | null; name: string },
): Promise<Certificate> {
  const allowed = { SUSPEND: ['ACTIVE'], RESUME: ['SUSPENDED'], REVOKE: ['ACTIVE', 'SUSPENDED'] }[action];
  if (!allowed.includes(cert.status))
    throw conflict(`A ${cert.status.toLowerCase()} certificate cannot be ${{ SUSPEND: 'suspended', RESUME: 'resumed', REVOKE: 'revoked' }[action]}`, {
      status: cert.status,
    });
  const at = new Date();
  cert.status = action === 'SUSPEND' ? 'SUSPENDED' : action === 'RESUME' ? 'ACTIVE' : 'REVOKED';
  if (action === 'REVOKE') {
    cert.revokedAt = at;
    cert.revocationReason = reason ?? 'UNSPECIFIED';
  }
  await em.flush();
  await withDb(em, (db) =>
    db
      .insertInto('certificates.status_changes')
      .values({
        certificate_id: cert.id,
        org_path: sql<string>`${cert.orgPath}::ltree`,
        action,
        reason,
        actor_id: actor.id,
        actor_name: actor.name,
        at,
      })
      .execute(),
  );
  await publishCrl(em, cert.suite as Suite);
  return cert;
}

export async function findCertificate(em: EntityManager, by: { id?: string; serial?: string; fingerprint?: string }): Promise<Certificate> {
  const where = by.id ? { id: by.id } : by.serial ? { serial: by.serial.toLowerCase() } : { fingerprint: (by.fingerprint ?? '').toLowerCase() };
  const cert = await em.findOne(Certificate, where);
  if (!cert) throw notFound('Certificate', by.id ?? by.serial ?? by.fingerprint ?? '');
  return cert;
}
