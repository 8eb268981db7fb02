// Reads shared by the documents resolvers; all in the caller's scope, so row-level security applies.
import type { EntityManager } from '@mikro-orm/postgresql';
import { callInternal, notFound } from '@yizhan/kernel';
import type { DocumentsContext, Unit } from './deps.ts';
import { Delivery } from './entities/Delivery.ts';
import { Document } from './entities/Document.ts';

export const isUuid = (s: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(s);

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

export const callerUnit = (ctx: DocumentsContext) => callInternal<Unit>(ctx.deps.orgUrl, 'unit', ctx.callerHeader);

export async function rows<T extends object>(em: EntityManager, entity: new () => T, sql: string, params: unknown[] = []): Promise<T[]> {
  const result = await em.execute(sql, params);
  return result.map((r: Record<string, unknown>) => em.map(entity, r));
}

export const likeEscape = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);
