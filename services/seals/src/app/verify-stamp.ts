// Verifying a stamp (验证印章): every GB/T 38540 check, against the CA and the document as it is now.
import { type EntityManager } from '@mikro-orm/postgresql';
import { notFound, requireCaller } from '@yizhan/common';
import { sealsApi } from '@yizhan/contracts/seals';
import { isUuid } from '@yizhan/kernel';
import { type z } from 'zod';
import { type SealsContext } from '../deps.ts';
import { type Stamp, verifyStamp } from '../domain/stamp.ts';
import { Seal } from '../entities/Seal.ts';
import { type StampVerification } from '../resolvers/types.ts';
import { stateAt } from '../store/seals.ts';
import { documentForSeal } from './peers.ts';

export interface Verification {
  valid: boolean;
  checks: { check: string; ok: boolean; reason: string | null }[];
  sealId: string;
  sealOrgName: string;
  signedAt: string;
}

/** Verifies a stamp for the document as it is now (canonical bytes from the documents service). */
export async function verifyFor(ctx: SealsContext, em: EntityManager, stamp: Stamp, document: { id: string; canonical: Uint8Array }): Promise<Verification> {
  const result = await verifyStamp(stamp, {
    document,
    sealStateAt: (sealId, at) => stateAt(em, sealId, at),
    checkCertificate: (der, at) =>
      ctx.deps.certificates.call('check-certificate', ctx.callerHeader, { der: Buffer.from(der).toString('base64'), at: at.toISOString() }),
  });
  return { ...result, sealId: stamp.data.sealId, sealOrgName: stamp.seal.data.orgName, signedAt: stamp.data.signedAt };
}

export async function documentSeal(documentId: string, ctx: SealsContext): Promise<StampVerification> {
  requireCaller(ctx);
  if (!isUuid(documentId)) throw notFound('Document', documentId);
  const doc = await documentForSeal(ctx, documentId);
  if (!doc.stamp) return { stamped: false, valid: false, sealId: null, sealOrgName: null, signedAt: null, checks: [], imageSvg: null };
  const result = await verifyFor(ctx, ctx.em, doc.stamp, { id: doc.id, canonical: new Uint8Array(Buffer.from(doc.canonical, 'base64')) });
  const seal = result.valid ? await ctx.em.findOne(Seal, { id: result.sealId }) : null;
  return { stamped: true, ...result, signedAt: new Date(result.signedAt), imageSvg: seal?.imageSvg ?? null };
}

type Input<N extends keyof (typeof sealsApi)['calls']> = z.output<(typeof sealsApi)['calls'][N]['input']>;

export async function verifyForDocument(ctx: SealsContext, { documentId, canonical, stamp }: Input<'verify'>) {
  requireCaller(ctx);
  const result = await verifyFor(ctx, ctx.em as EntityManager, stamp, { id: documentId, canonical: new Uint8Array(Buffer.from(canonical, 'base64')) });
  const seal = result.valid ? await (ctx.em as EntityManager).findOne(Seal, { id: result.sealId }) : null;
  return { ...result, imagePng: seal ? seal.imagePng.toString('base64') : null };
}
