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

/**
 * Runs `fn` inside the current transaction with the scope set to `orgPath`, then sets back the scope it had: for the
 * step of an event handler that writes a table only one unit reads (a closed unit's handling, a fonds written as its
 * new keeper), while the rest of the handler works in a scope above both ends.
 */
export async function withinScope<T>(em: EntityManager, orgPath: string, fn: () => Promise<T>): Promise<T> {
  const [was] = await em.execute<{ s: string | null }[]>('select current_setting(?, true) as s', [SCOPE_SETTING]);
  await em.execute('select set_config(?, ?, true)', [SCOPE_SETTING, orgPath]);
  const out = await fn();
  await em.execute('select set_config(?, ?, true)', [SCOPE_SETTING, was?.s ?? '']);
  return out;
}

/** A PostgreSQL array literal for a raw-SQL parameter (`?::text[]`): MikroORM expands JS arrays into value lists. */
export function pgArray(values: readonly string[] | null | undefined): string | null {
  if (values == null) return null;
  return `{${values.map((v) => `"${v.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`).join(',')}}`;
}
