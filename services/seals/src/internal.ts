// The seals service's internal API, for the documents service (never exposed by the gateway).
import type { EntityManager } from '@mikro-orm/postgresql';
import { badInput, ErrorCode, requireCaller, type SubgraphContext, YizhanError } from '@yizhan/kernel';
import type { SealsDeps } from './deps.ts';
import type { Stamp } from './domain/stamp.ts';
import { Seal } from './entities/Seal.ts';
import { activeSealOf, stampFor } from './resolvers/StampResolver.ts';
import { verifyFor } from './store.ts';

/**
 * POST /internal/stamp-for-send {documentId, canonical}: before a send. A unit with a seal in use sends only what its
 * custodians stamped, for this very content; a unit without a seal sends unstamped.
 */
export async function stampForSendEndpoint(ctx: SubgraphContext<SealsDeps>, body: unknown) {
  const caller = requireCaller(ctx);
  const { documentId, canonical } = (body ?? {}) as { documentId?: string; canonical?: string };
  if (typeof documentId !== 'string' || typeof canonical !== 'string') throw badInput('Expected {documentId, canonical}');
  const seal = await activeSealOf(ctx.em as EntityManager, caller.orgId);
  if (!seal) return { required: false, stamp: null };
  const stamp = await stampFor(ctx.em as EntityManager, documentId, canonical, seal.suite as 'RSA' | 'SM2');
  if (!stamp) {
    throw new YizhanError(ErrorCode.SEAL_REQUIRED, 'Your unit has a seal in use: both custodians must stamp this document (as it is now) before it is sent', {
      sealId: seal.id,
    });
  }
  return { required: true, stamp };
}

/** POST /internal/verify {documentId, canonical, stamp}: a stamp verified for printing, with the seal's image if valid. */
export async function verifyEndpoint(ctx: SubgraphContext<SealsDeps>, body: unknown) {
  requireCaller(ctx);
  const { documentId, canonical, stamp } = (body ?? {}) as { documentId?: string; canonical?: string; stamp?: Stamp };
  if (typeof documentId !== 'string' || typeof canonical !== 'string' || !stamp?.data) throw badInput('Expected {documentId, canonical, stamp}');
  const result = await verifyFor(ctx as never, ctx.em as EntityManager, stamp, { id: documentId, canonical: new Uint8Array(Buffer.from(canonical, 'base64')) });
  const seal = result.valid ? await (ctx.em as EntityManager).findOne(Seal, { id: result.sealId }) : null;
  return { ...result, imagePng: seal ? seal.imagePng.toString('base64') : null };
}
