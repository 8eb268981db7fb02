// Calls to the other services that several seal use cases make: a document's canonical content and recorded stamp
// (documents), and the seal certificate following the seal's status (certificates).
import { stamp as stampSchema } from '@yizhan/contracts/seals';
import { type SealsContext } from '../deps.ts';
import { type Seal } from '../entities/Seal.ts';

/** The document's canonical content and its recorded stamp, as the documents service gives them to this caller. */
export async function documentForSeal(ctx: SealsContext, documentId: string, opts: { peerSeal?: boolean } = {}) {
  const doc = await ctx.deps.documents.call('canonical', ctx.callerHeader, { documentId, ...opts });
  // The documents service keeps the stamp as it was given; this service reads it by its own schema.
  return { ...doc, stamp: doc.stamp ? stampSchema.parse(doc.stamp) : null };
}

/** The seal's certificate follows the seal: suspended, resumed or revoked with it. */
export const certificateFollows = (ctx: SealsContext, seal: Seal, action: 'SUSPEND' | 'RESUME' | 'REVOKE', reason: string) =>
  ctx.deps.certificates.call('seal-certificate-status', ctx.callerHeader, { certificateId: seal.certificateId, action, reason });
