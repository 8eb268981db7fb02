// Entity references from other subgraphs arrive many at a time: a board of a thousand deliveries, each naming its
// recipient unit, or the gateway's live edge resolving the units of a broadcast's events. The gateway sends them in
// one `_entities` request; each reference is looked up here in one query per request and type, not one per reference,
// under the caller's row-level security like any other read.
import type { EntityClass } from '@mikro-orm/core';
import { isUuid, viewsByIds } from '@yizhan/kernel';
import type { OrgContext } from '../deps.ts';

interface Batch<T> {
  ids: Set<string>;
  found: Promise<Map<string, T>>;
}

export function referenceLoader<T extends { id: string }>(entity: EntityClass<T>) {
  // One batch per request (its context) at a time: the references of one `_entities` call arrive in the same turn.
  const open = new WeakMap<OrgContext, Batch<T>>();
  return (ctx: OrgContext, id: string): Promise<T | null> => {
    if (!isUuid(id)) return Promise.resolve(null);
    let batch = open.get(ctx);
    if (!batch) {
      const ids = new Set<string>();
      const found = new Promise<Map<string, T>>((resolve, reject) =>
        setImmediate(() => {
          open.delete(ctx);
          // Views, not managed entities: a reference is only shown (kernel views()).
          viewsByIds(ctx.em, entity, [...ids]).then((rows) => resolve(new Map(rows.map((r) => [r.id, r]))), reject);
        }),
      );
      batch = { ids, found };
      open.set(ctx, batch);
    }
    batch.ids.add(id);
    return batch.found.then((m) => m.get(id) ?? null);
  };
}
