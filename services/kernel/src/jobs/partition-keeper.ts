// Every service with partitioned tables keeps them: partitions made ahead and old ones detached, by its schema's
// keep_partitions() (db/partitions.ts), once at start and then hourly, in every replica (the function takes a lock
// per table, so two replicas never do the same work).
import type { Logger } from '@yizhan/common';
import { startPeriodicStatement } from './periodic-statement.ts';

const HOURLY = 3600_000;

export async function startPartitionKeeper(opts: { relayUrl: string; schema: string; log: Logger; intervalMs?: number }) {
  if (!/^[a-z_][a-z0-9_]*$/.test(opts.schema)) throw new Error(`Unsafe schema ${opts.schema}`);
  const keeper = await startPeriodicStatement({
    relayUrl: opts.relayUrl,
    log: opts.log,
    name: 'partition keeper',
    did: 'partitions made or detached',
    intervalMs: opts.intervalMs ?? HOURLY,
    run: async (client) => Number((await client.query(`select ${opts.schema}.keep_partitions() as n`)).rows[0]?.n ?? 0),
  });
  await keeper.tick();
  return keeper;
}
