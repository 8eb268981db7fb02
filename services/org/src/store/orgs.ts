// Reads of the org tables shared by several resolvers. Every query runs in the caller's scope, so row-level
// security applies to all of them; the helpers add the application-level filters on top.
import type { EntityManager } from '@mikro-orm/postgresql';
import { notFound } from '@yizhan/common';
import { isUuid } from '@yizhan/kernel';
import type { OrgKind, OrgLevel, OrgStatus } from '../domain/enums.ts';
import { Org } from '../entities/Org.ts';
import { User } from '../entities/User.ts';

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

export { isUuid, likeEscape, rows, viewRows, views } from '@yizhan/kernel';
