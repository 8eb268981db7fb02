// Folds the queued changes to the kept counts (migration 0034: each unit's inbox total, each board's figures) into
// their kept rows. A read is exact either way; the fewer queued rows, the fewer it sums. Runs in every documents
// replica; one folds at a time.
import type { Logger } from '@yizhan/common';
import { startPeriodicStatement } from '@yizhan/kernel';

export function startKeptCountsFolder(opts: { relayUrl: string; log: Logger; intervalMs?: number }) {
  return startPeriodicStatement({
    ...opts,
    intervalMs: opts.intervalMs ?? 5_000,
    name: 'kept counts',
    did: 'kept counts folded',
    run: async (client) => Number((await client.query('select documents.fold_kept_counts() as n')).rows[0]?.n ?? 0),
  });
}
