// Documents and deliveries named by their ids, as the caller may see them (row-level security decides): what the
// audit log's entries were about, shown by title beside the id each entry keeps.
import type { EntityManager } from '@mikro-orm/postgresql';
import { sql } from 'kysely';
import { sentWindowOf } from '../domain/delivery-id.ts';
import { withDb } from './sql.ts';

export interface Titled {
  id: string;
  title: string;
  docNumber: string | null;
}

export async function titlesOf(em: EntityManager, ids: readonly string[]): Promise<Titled[]> {
  if (!ids.length) return [];
  // Deliveries are kept by their document's send time, which their ids carry: the read spans those times only, so
  // PostgreSQL looks into the years the page's entries name, not every year kept.
  const windows = ids.map(sentWindowOf);
  const spans = windows.every((w) => w !== null);
  const from = spans ? windows.reduce((a, w) => (w && w.from < a ? w.from : a), '9999') : null;
  const to = spans ? windows.reduce((a, w) => (w && w.to > a ? w.to : a), '0000') : null;
  const list = sql`${`{${ids.join(',')}}`}::uuid[]`;
  return withDb(em, async (db) => {
    const documents = await db
      .selectFrom('documents.documents')
      .select(['id', 'title', 'doc_number as docNumber'])
      .where(sql<boolean>`id = any(${list})`)
      .execute();
    const deliveries = await db
      .selectFrom('documents.deliveries')
      .select(['id', 'title', 'doc_number as docNumber'])
      .where(sql<boolean>`id = any(${list})`)
      .$if(from !== null && to !== null, (q) => q.where('document_sent_at', '>=', from as string).where('document_sent_at', '<', to as string))
      .execute();
    return [...documents, ...deliveries];
  });
}
