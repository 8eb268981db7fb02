// Small helpers for raw SQL that every service's store uses.
import type { EntityManager } from '@mikro-orm/postgresql';

export const isUuid = (s: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(s);

/** Escapes LIKE wildcards so a search for "50%" looks for the text "50%". */
export const likeEscape = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** Runs raw SQL in the caller's unit of work and maps the rows to entities. */
export async function rows<T extends object>(em: EntityManager, entity: new () => T, sql: string, params: unknown[] = []): Promise<T[]> {
  const result = await em.execute(sql, params);
  return result.map((r: Record<string, unknown>) => em.map(entity, r));
}
