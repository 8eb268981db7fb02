// Verifying a stamp (验证印章): every GB/T 38540 check, against the CA and the document as it is now.
import { type EntityManager } from '@mikro-orm/postgresql';
import { notFound, requireCaller } from '@yizhan/common';
import { sealsApi } from '@yizhan/contracts/seals';
import { type TrustMaterial } from '@yizhan/crypto';
import { isUuid } from '@yizhan/kernel';
import { type z } from 'zod';
import { type SealsContext } from '../deps.ts';
import { type Stamp, verifyStamp } from '../domain/stamp.ts';
import { Seal } from '../entities/Seal.ts';
import { type StampVerification } from '../resolvers/types.ts';
import { custodiansOfStamp, stateAt } from '../store/seals.ts';
import { documentForSeal } from './peers.ts';

export interface Verification {
  valid: boolean;
  checks: { check: string; ok: boolean; reason: string | null }[];
  sealId: string;
  sealOrgName: string;
  signedAt: string;
  /** The stamp in GB/T 38540's encoding (SES_Signature, DER, base64), when it has one. */
  sesSignature: string | null;
}

/** Verifies a stamp for the document as it is now (canonical bytes from the documents service). */
export async function verifyFor(ctx: SealsContext, em: EntityManager, stamp: Stamp, document: { id: string; canonical: Uint8Array }): Promise<Verification> {
  const result = await verifyStamp(stamp, {
    document,
    sealStateAt: (sealId, at) => stateAt(em, sealId, at),
    checkCertificate: (der, at) =>
      ctx.deps.certificates.call('check-certificate', ctx.callerHeader, { der: Buffer.from(der).toString('base64'), at: at.toISOString() }),
    trust: () => trustMaterial(ctx),
  });
  return {
    valid: result.valid,
    checks: result.checks,
    sealId: result.sealId ?? stamp.data.sealId,
    sealOrgName: result.sealOrgName ?? stamp.seal.data.orgName,
    signedAt: result.signedAt ?? stamp.data.signedAt,
    sesSignature: stamp.der ?? null,
  };
}

// The CA's certificates and CRLs change rarely (a CRL on each status change); the CA's own records (check-certificate)
// still speak for every certificate at verification, so a minute-old copy only serves the offline checks. Kept per
// certificates service this service talks to, never per process: two platforms in one process have two CAs.
const trustCaches = new WeakMap<object, { at: number; trust: Promise<TrustMaterial> }>();
const TRUST_KEPT_MS = 60_000;

function trustMaterial(ctx: SealsContext): Promise<TrustMaterial> {
  const ca = ctx.deps.certificates;
  const cached = trustCaches.get(ca);
  if (cached && Date.now() - cached.at < TRUST_KEPT_MS) return cached.trust;
  const bytes = (b: string) => new Uint8Array(Buffer.from(b, 'base64'));
  const trust = ca.call('trust-material', ctx.callerHeader, {}).then((m) => ({
    roots: m.suites.map((s) => bytes(s.root)),
    intermediates: m.suites.flatMap((s) => [bytes(s.issuing)]),
    crls: m.suites.map((s) => bytes(s.crl)),
  }));
  trustCaches.set(ca, { at: Date.now(), trust });
  trust.catch(() => trustCaches.delete(ca));
  return trust;
}

export async function documentSeal(documentId: string, ctx: SealsContext): Promise<StampVerification> {
  requireCaller(ctx);
  if (!isUuid(documentId)) throw notFound('Document', documentId);
  const doc = await documentForSeal(ctx, documentId, { peerSeal: true });
  // 对端来文: the peer's stamp, which documents verified with the package it came in (this CA does not know the peer's).
  if (doc.peerSeal) {
    const p = doc.peerSeal;
    return {
      stamped: true,
      valid: p.valid,
      sealId: null,
      sealOrgName: p.sealOrgName,
      signedAt: p.signedAt ? new Date(p.signedAt) : null,
      checks: p.checks,
      imageSvg: null,
      sesSignature: p.sesSignature,
    };
  }
  if (!doc.stamp) return { stamped: false, valid: false, sealId: null, sealOrgName: null, signedAt: null, checks: [], imageSvg: null, sesSignature: null };
  const result = await verifyFor(ctx, ctx.em, doc.stamp, { id: doc.id, canonical: new Uint8Array(Buffer.from(doc.canonical, 'base64')) });
  const seal = result.valid ? await ctx.em.findOne(Seal, { id: result.sealId }) : null;
  return { stamped: true, ...result, signedAt: new Date(result.signedAt), imageSvg: seal?.imageSvg ?? null };
}

type Input<N extends keyof (typeof sealsApi)['calls']> = z.output<(typeof sealsApi)['calls'][N]['input']>;

export async function verifyForDocument(ctx: SealsContext, { documentId, canonical, stamp, withCustodians }: Input<'verify'>) {
  requireCaller(ctx);
  const result = await verifyFor(ctx, ctx.em as EntityManager, stamp, { id: documentId, canonical: new Uint8Array(Buffer.from(canonical, 'base64')) });
  const em = ctx.em as EntityManager;
  const seal = result.valid ? await em.findOne(Seal, { id: result.sealId }) : null;
  const { sesSignature: _der, ...verification } = result;
  // Who stamped it, for the unit's own 发文稿纸 (its seal's register is the unit's to read, no other's).
  const custodians = seal && withCustodians ? await custodiansOfStamp(em, seal.id, stamp.id) : [];
  return { ...verification, imagePng: seal ? seal.imagePng.toString('base64') : null, custodians };
}
