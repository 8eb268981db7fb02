// A list of hundreds of deliveries (a board's page, an inbox page) asks each row's fields — its prints, urges,
// history, document, its unit's contacts — one row at a time; each read on its own is a transaction of four round
// trips. The field resolvers of one request instead ask together, once per kind, collected until the next turn of
// the event loop, and each row takes its share.
import type { DocumentsContext } from '../deps.ts';

type Batch = { keys: Set<string>; done: Promise<Map<string, unknown[]>> };
const batches = new WeakMap<object, Map<string, Batch>>();

/**
 * The values `load` finds for `key`, loaded with every other key of the same `kind` asked in this request in the same
 * turn. `load` answers { key, value } pairs, any number per key (none: an empty list).
 */
export function batched<T>(ctx: DocumentsContext, kind: string, key: string, load: (keys: string[]) => Promise<{ key: string; value: T }[]>): Promise<T[]> {
  const byKind = batches.get(ctx) ?? new Map<string, Batch>();
  batches.set(ctx, byKind);
  let batch = byKind.get(kind);
  if (!batch) {
    const keys = new Set<string>();
    const done = new Promise<Map<string, unknown[]>>((resolve, reject) =>
      setImmediate(() => {
        byKind.delete(kind);
        load([...keys])
          .then((rows) => {
            const m = new Map<string, unknown[]>();
            for (const r of rows) {
              const list = m.get(r.key);
              if (list) list.push(r.value);
              else m.set(r.key, [r.value]);
            }
            resolve(m);
          })
          .catch(reject);
      }),
    );
    batch = { keys, done };
    byKind.set(kind, batch);
  }
  batch.keys.add(key);
  return batch.done.then((m) => (m.get(key) ?? []) as T[]);
}
