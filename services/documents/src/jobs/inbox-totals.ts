// Folds the queue of each unit's inbox total into its kept rows (migration 0034): a read is exact either way, but the
// fewer queued rows a unit has, the fewer it sums. Runs in every documents replica; one folds at a time.
import type { Logger } from '@yizhan/common';
import { startPeriodicStatement } from '@yizhan/kernel';

export function startInboxTotalsFolder(opts: { relayUrl: string; log: Logger; intervalMs?: number }) {
  return startPeriodicStatement({
    ...opts,
    intervalMs: opts.intervalMs ?? 5_000,
    name: 'inbox totals',
    did: "units' inbox totals folded",
    run: async (client) => Number((await client.query('select documents.fold_inbox_totals() as n')).rows[0]?.n ?? 0),
  });
}
