// Closes stamp requests past their time (a day after they were asked), erasing the first custodian's waiting share
// (migration 0007): a request nobody finishes keeps no part of the seal's key.
import type { Logger } from '@yizhan/common';
import { startPeriodicStatement } from '@yizhan/kernel';

export function startStampRequestsExpiry(opts: { relayUrl: string; log: Logger; intervalMs?: number }) {
  return startPeriodicStatement({
    ...opts,
    intervalMs: opts.intervalMs ?? 10 * 60_000,
    name: 'stamp requests expiry',
    did: 'stamp requests expired, their waiting shares erased',
    run: async (client) => Number((await client.query('select seals.expire_stamp_requests() as n')).rows[0]?.n ?? 0),
  });
}
