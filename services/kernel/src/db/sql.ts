// Small helpers for raw SQL that every service's store uses.
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Kysely } from 'kysely';

export const isUuid = (s: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(s);

/** Escapes LIKE wildcards so a search for "50%" looks for the text "50%". */
export const likeEscape = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** Runs raw SQL in the caller's unit of work and maps the rows to entities. */
export async function rows<T extends object>(em: EntityManager, entity: new () => T, sql: string, params: unknown[] = []): Promise<T[]> {
  const result = await em.execute(sql, params);
  return result.map((r: Record<string, unknown>) => em.map(entity, r));
}

/**
 * Typed SQL in the caller's scope: `fn` gets a Kysely typed by the service's database (its generated `store/db.ts`),
 * bound to the running transaction, or to one opened here with the caller's row-level-security scope (a Kysely
 * outside a transaction would run on the pool, with no scope, and see no tenant rows).
 */
export async function withSql<DB, T>(em: EntityManager, fn: (db: Kysely<DB>) => Promise<T>): Promise<T> {
  // getKysely's type resolves DB only for a concrete one; for ours it is the generated interface, said once here.
  const typed = (m: EntityManager) => m.getKysely<DB>() as unknown as Kysely<DB>;
  if (em.isInTransaction()) return fn(typed(em));
  return em.transactional((tx) => fn(typed(tx as EntityManager)));
}
