// The documents service's internal API, for the seals service (never exposed by the gateway).
import { badInput, isUuid, notFound, requireCaller, type SubgraphContext } from '@yizhan/kernel';
import { canonicalContent } from './canonical.ts';
import type { DocumentsDeps } from './deps.ts';
import { getDocument } from './store.ts';

/** POST /internal/canonical {documentId}: a document the caller may see, its canonical content and its stamp. */
export async function canonicalEndpoint(ctx: SubgraphContext<DocumentsDeps>, body: unknown) {
  requireCaller(ctx);
  const { documentId } = (body ?? {}) as { documentId?: string };
  if (typeof documentId !== 'string') throw badInput('Expected {documentId}');
  if (!isUuid(documentId)) throw notFound('Document', documentId);
  const doc = await getDocument(ctx.em, documentId);
  return {
    id: doc.id,
    title: doc.title,
    status: doc.status,
    orgId: doc.orgId,
    orgPath: doc.orgPath,
    canonical: Buffer.from(await canonicalContent(doc, ctx.deps.blobs)).toString('base64'),
    stamp: doc.stamp,
  };
}
