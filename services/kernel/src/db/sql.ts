// Small helpers for raw SQL that every service's store uses.
import type { EntityClass, EntityManager, EntityMetadata } from '@mikro-orm/postgresql';
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
 * Rows a request only shows (an inbox page, a board page, an overdue list) as plain values of the entity's shape: its
 * property names and types, as the ORM maps a row, but not made managed entities. A managed entity defines a getter
 * and setter on the instance for each property and is compared with its snapshot at commit; for a page of 21
 * deliveries that was about half of the 0.8 MB an inbox read allocated, and the collections of that garbage made the
 * inbox's slowest reads (bench/README "Data for years"). A view is not in the unit of work: change an entity loaded by
 * `em.find`, never a view.
 */
export function views<T extends object>(em: EntityManager, entity: EntityClass<T>, result: Record<string, unknown>[]): T[] {
  const meta = em.getMetadata().get(entity);
  const driver = em.getDriver();
  const platform = driver.getPlatform();
  const props = viewedProps(meta);
  return result.map((r) => {
    const mapped = driver.mapResult(r as never, meta) as Record<string, unknown>;
    const view: Record<string, unknown> = {};
    for (const { name, type } of props) {
      if (!(name in mapped)) continue;
      const value = mapped[name];
      view[name] = type && value != null ? type.convertToJSValue(value, platform) : value;
    }
    return view as T;
  });
}

// Only the entity's properties (a read may select more, a count beside each row, for its own use), each converted by
// its type as the ORM converts it when it makes the entity (an array column, JSON): listed once per entity, not per read.
type ViewedProp = { name: string; type: EntityMetadata['props'][number]['customType'] };
const viewedPropsOf = new WeakMap<EntityMetadata, ViewedProp[]>();
function viewedProps(meta: EntityMetadata): ViewedProp[] {
  let props = viewedPropsOf.get(meta);
  if (!props) {
    props = meta.props.map((p) => ({ name: p.name as string, type: p.customType }));
    viewedPropsOf.set(meta, props);
  }
  return props;
}

/** Entities by id as views: the references another subgraph names (a board's units), shown and never changed. */
export async function viewsByIds<T extends object>(em: EntityManager, entity: EntityClass<T>, ids: readonly string[]): Promise<T[]> {
  if (!ids.length) return [];
  const found = await em
    .createQueryBuilder(entity)
    .select('*')
    .where({ id: { $in: [...ids] } } as never)
    .execute<Record<string, unknown>[]>('all', false);
  return views(em, entity, found);
}

/** Raw SQL's rows as views (above). */
export async function viewRows<T extends object>(em: EntityManager, entity: EntityClass<T>, sql: string, params: unknown[] = []): Promise<T[]> {
  return views(em, entity, await em.execute(sql, params));
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
