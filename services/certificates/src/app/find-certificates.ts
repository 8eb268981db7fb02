// Finding certificates: one by id, serial or fingerprint, the caller's own, a unit's, and a certificate's status
// at a moment.

import { type EntityManager } from '@mikro-orm/postgresql';
import { notFound, requireCaller } from '@yizhan/common';
import { certificatesApi } from '@yizhan/contracts/certificates';
import { readCertificate, signedBy } from '@yizhan/crypto';
import { isUuid, type SubgraphContext } from '@yizhan/kernel';
import { sql } from 'kysely';
import { type z } from 'zod';
import { type CertificatesContext } from '../deps.ts';
import { statusAt } from '../domain/status.ts';
import { Certificate } from '../entities/Certificate.ts';
import { type CertificateStatus } from '../resolvers/types.ts';
import { loadAuthority } from '../store/ca.ts';
import { changesOf, findCertificate } from '../store/certificates.ts';
import { withDb } from '../store/sql.ts';

export async function certificate(id: string | null, serial: string | null, fingerprint: string | null, ctx: CertificatesContext): Promise<Certificate> {
  requireCaller(ctx);
  if (id && !isUuid(id)) throw notFound('Certificate', id);
  return findCertificate(ctx.em, { id: id ?? undefined, serial: serial ?? undefined, fingerprint: fingerprint ?? undefined });
}

export async function myCertificates(ctx: CertificatesContext): Promise<Certificate[]> {
  const caller = requireCaller(ctx);
  return ctx.em.find(Certificate, { holderUserId: caller.userId }, { orderBy: { createdAt: 'desc' } });
}

export async function certificates(orgId: string, ctx: CertificatesContext): Promise<Certificate[]> {
  const caller = requireCaller(ctx);
  if (!isUuid(orgId)) throw notFound('Unit', orgId);
  // The directory lets anyone read a certificate by reference; a unit's list is for the unit and those above it.
  const rows = await withDb(ctx.em, (db) =>
    db
      .selectFrom('certificates.certificates')
      .select('id')
      .where('org_id', '=', orgId)
      .where(sql<boolean>`org_path <@ ${caller.orgPath}::ltree`)
      .orderBy('created_at', 'desc')
      .execute(),
  );
  return rows.length ? ctx.em.find(Certificate, { id: { $in: rows.map((r) => r.id) } }, { orderBy: { createdAt: 'desc' } }) : [];
}

export async function certificateStatus(id: string, at: Date | null, ctx: CertificatesContext): Promise<CertificateStatus> {
  requireCaller(ctx);
  if (!isUuid(id)) throw notFound('Certificate', id);
  return statusOf(ctx, await findCertificate(ctx.em, { id }), at ?? new Date());
}

/** A certificate's status at a moment, with the reason given and since when (its status changes read). */
export async function statusOf(ctx: CertificatesContext, cert: Certificate, at: Date): Promise<CertificateStatus> {
  return { at, ...statusAt(cert, await changesOf(ctx.em, cert.id), at) };
}

type Ctx = SubgraphContext<unknown>;
type Input<N extends keyof (typeof certificatesApi)['calls']> = z.output<(typeof certificatesApi)['calls'][N]['input']>;

export async function checkCertificate(ctx: Ctx, b: Input<'check-certificate'>) {
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
