// Reads of the org tables shared by several resolvers. Every query runs in the caller's scope, so row-level
// security applies to all of them; the helpers add the application-level filters on top.
import type { EntityManager } from '@mikro-orm/postgresql';
import { notFound } from '@yizhan/kernel';
import { Org } from './entities/Org.ts';
import { User } from './entities/User.ts';

export async function rows<T extends object>(em: EntityManager, entity: new () => T, sql: string, params: unknown[] = []): Promise<T[]> {
  const result = await em.execute(sql, params);
  return result.map((r: Record<string, unknown>) => em.map(entity, r));
}

export async function getOrg(em: EntityManager, id: string): Promise<Org> {
  const org = isUuid(id) ? await em.findOne(Org, { id }) : null;
  if (!org) throw notFound('Unit', id);
  return org;
}

export async function getUser(em: EntityManager, id: string): Promise<User> {
  const user = isUuid(id) ? await em.findOne(User, { id }) : null;
  if (!user) throw notFound('User', id);
  return user;
}

export const isUuid = (s: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(s);

/** Escapes LIKE wildcards so a search for "50%" looks for the text "50%". */
export const likeEscape = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);
