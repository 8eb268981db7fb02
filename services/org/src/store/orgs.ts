// Reads of the org tables shared by several resolvers. Every query runs in the caller's scope, so row-level
// security applies to all of them; the helpers add the application-level filters on top.
import type { EntityManager } from '@mikro-orm/postgresql';
import { notFound } from '@yizhan/common';
import { isUuid } from '@yizhan/kernel';
import { sql } from 'kysely';
import type { OrgKind, OrgLevel, OrgStatus } from '../domain/enums.ts';
import { Org } from '../entities/Org.ts';
import { User } from '../entities/User.ts';
import { withDb } from './sql.ts';

/** The org.orgs text columns CHECK-constrained to these enums' values (migration 0001), for a typed query's
 * `.$narrowType<OrgEnumColumns>()` (which accepts only a narrowing of each column's type). */
export interface OrgEnumColumns {
  level: OrgLevel;
  kind: OrgKind;
  status: OrgStatus;
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

/** Which of `ids` are active people of the unit `orgId` (holding `role`, when one is named). */
export async function activePeopleOf(em: EntityManager, orgId: string, ids: string[], role?: string): Promise<string[]> {
  const wanted = ids.filter(isUuid);
  if (!wanted.length) return [];
  const rows = await withDb(em, (db) =>
    db
      .selectFrom('org.users')
      .select('id')
      .where('org_id', '=', orgId)
      .where('status', '=', 'ACTIVE')
      .where('id', 'in', wanted)
      .$if(role !== undefined, (q) => q.where((eb) => eb(sql.lit<string>(role as string), '=', eb.fn.any('roles'))))
      .execute(),
  );
  return rows.map((r) => r.id);
}

export { isUuid, likeEscape, rows, viewRows, views } from '@yizhan/kernel';
