// Reads shared by the documents resolvers; all in the caller's scope, so row-level security applies.
import type { EntityManager } from '@mikro-orm/postgresql';
import { notFound } from '@yizhan/common';
import { isUuid } from '@yizhan/kernel';
import type { DocumentsContext, Unit } from './deps.ts';
import { Delivery } from './entities/Delivery.ts';
import { Document } from './entities/Document.ts';

export async function getDocument(em: EntityManager, id: string): Promise<Document> {
  const doc = isUuid(id) ? await em.findOne(Document, { id }) : null;
  if (!doc) throw notFound('Document', id);
  return doc;
}

export async function getDelivery(em: EntityManager, id: string): Promise<Delivery> {
  const d = isUuid(id) ? await em.findOne(Delivery, { id }) : null;
  if (!d) throw notFound('Delivery', id);
  return d;
}

export const callerUnit = (ctx: DocumentsContext): Promise<Unit> => ctx.deps.org.call('unit', ctx.callerHeader, {});

/** Live deliveries of a document, and how many have been signed for (resent and recalled ones are replaced or withdrawn). */
export async function deliveryCounts(em: EntityManager, documentId: string): Promise<{ total: number; received: number; pending: number }> {
  const [r] = (await em.execute(
    "select count(*)::int as total, count(*) filter (where received_at is not null)::int as received from documents.deliveries where document_id = ? and status not in ('RESENT', 'RECALLED')",
    [documentId],
  )) as [{ total: number; received: number }];
  return { total: r.total, received: r.received, pending: r.total - r.received };
}

export { isUuid, likeEscape, rows } from '@yizhan/kernel';
