// Marks deliveries that passed their due time unsigned, once each, and announces them ('delivery.overdue') so
// supervisors watching their subtree hear it live. Runs in every documents replica; the marking is one statement.
import type { Logger } from '@yizhan/common';
import { startPeriodicStatement } from '@yizhan/kernel';

export function startOverdueMarker(opts: { relayUrl: string; log: Logger; intervalMs?: number }) {
  return startPeriodicStatement({
    ...opts,
    name: 'overdue marker',
    did: 'deliveries became overdue',
    run: async (client) => Number((await client.query('select documents.mark_overdue() as n')).rows[0]?.n ?? 0),
  });
}
