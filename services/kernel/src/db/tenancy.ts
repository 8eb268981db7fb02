// The caller's scope, applied to every transaction of a request. MikroORM's session context emits
// set_config(..., true) at the start of each transaction, so the scope never outlives it on a pooled connection.
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import type { Caller } from '@yizhan/common';
import { ORG_SETTING, SCOPE_SETTING, USER_SETTING } from './rls.ts';

/** A fresh unit of work for one request, scoped to the caller (or to nothing, which sees no tenant rows). */
export function scopedEm(orm: MikroORM, caller: Caller | null): EntityManager {
  const em = orm.em.fork();
  if (caller) em.setSessionContext({ variables: { [SCOPE_SETTING]: caller.orgPath, [USER_SETTING]: caller.userId, [ORG_SETTING]: caller.orgId } });
  return em;
}

/** Runs `fn` in one transaction scoped to `orgPath`: for work done on behalf of a unit (seeding, event handlers). */
export async function asUnit<T>(orm: MikroORM, orgPath: string, fn: (em: EntityManager) => Promise<T>): Promise<T> {
  const em = orm.em.fork();
  em.setSessionContext({ variables: { [SCOPE_SETTING]: orgPath } });
  return em.transactional((tx) => fn(tx as EntityManager));
}

/** A PostgreSQL array literal for a raw-SQL parameter (`?::text[]`): MikroORM expands JS arrays into value lists. */
export function pgArray(values: readonly string[] | null | undefined): string | null {
  if (values == null) return null;
  return `{${values.map((v) => `"${v.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`).join(',')}}`;
}
