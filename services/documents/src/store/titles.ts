// Documents and deliveries named by their ids, as the caller may see them (row-level security decides): what the
// audit log's entries were about, shown by title beside the id each entry keeps.
import type { EntityManager } from '@mikro-orm/postgresql';
import { sql } from 'kysely';
import { withDb } from './sql.ts';

export interface Titled {
  id: string;
  title: string;
  docNumber: string | null;
}

export async function titlesOf(em: EntityManager, ids: readonly string[]): Promise<Titled[]> {
  if (!ids.length) return [];
  // A page's ids mix documents' (which carry no send time) and deliveries' of any year: the deliveries are looked up by
  // their id's index in each year's partition, a probe per id and year.
  const list = sql`${`{${ids.join(',')}}`}::uuid[]`;
  return withDb(em, async (db) => [
    ...(await db.selectFrom('documents.documents').select(['id', 'title', 'doc_number as docNumber']).where(sql<boolean>`id = any(${list})`).execute()),
    ...(await db.selectFrom('documents.deliveries').select(['id', 'title', 'doc_number as docNumber']).where(sql<boolean>`id = any(${list})`).execute()),
  ]);
}
