// A service's parts that need nothing of each other to start (its relay, its jobs, its followers, its schema) are
// started at once: each opens its own connection to PostgreSQL, and side by side those handshakes and first reads
// overlap instead of queueing one behind another (the documents service had nine in a row at every start).

/** A part that holds something open until it is closed. */
interface Closable {
  close(): Promise<unknown>;
}

const closable = (v: unknown): v is Closable => typeof (v as Partial<Closable> | null)?.close === 'function';

/**
 * Waits for every part, each already started; answers them by name. When one fails, the others that started are
 * closed again and the first failure is thrown: a service that cannot start leaves nothing of itself running.
 */
export async function startTogether<T extends Record<string, Promise<unknown>>>(parts: T): Promise<{ [K in keyof T]: Awaited<T[K]> }> {
  const names = Object.keys(parts) as (keyof T)[];
  const settled = await Promise.allSettled(names.map((n) => parts[n]));
  const failed = settled.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) {
    for (const r of settled) if (r.status === 'fulfilled' && closable(r.value)) await r.value.close().catch(() => {});
    throw failed.reason;
  }
  return Object.fromEntries(names.map((n, i) => [n, (settled[i] as PromiseFulfilledResult<unknown>).value])) as { [K in keyof T]: Awaited<T[K]> };
}
