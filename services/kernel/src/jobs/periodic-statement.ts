// A job that runs one SQL statement on a timer and counts what it did (documents' overdue marker and handling
// reminders, every service's partition keeper): every replica runs it, one turn at a time (takeTurns); its
// connection survives a PostgreSQL restart (keepConnected), and while the database is away it skips its turns.
import type { Logger } from '@yizhan/common';
import type pg from 'pg';
import { keepConnected } from '../db/kept-connection.ts';
import { takeTurns } from './turns.ts';

export interface PeriodicStatementOptions {
  relayUrl: string;
  log: Logger;
  /** The connection's name in the logs. */
  name: string;
  intervalMs?: number;
  /** Runs the statement; answers how many rows it acted on. */
  run: (client: pg.ClientBase) => Promise<number>;
  /** The log line when it acted on some. */
  did: string;
}

export async function startPeriodicStatement(opts: PeriodicStatementOptions) {
  const connection = await keepConnected({ url: opts.relayUrl, name: opts.name, log: opts.log });
  const turns = takeTurns({
    intervalMs: opts.intervalMs ?? 60_000,
    turn: async () => {
      const client = connection.current;
      if (!client) return 0;
      try {
        const n = await opts.run(client);
        if (n) opts.log.info({ count: n }, opts.did);
        return n;
      } catch (e) {
        if (connection.current === client) opts.log.error({ err: e }, `${opts.name} failed`);
        return 0;
      }
    },
  });
  return {
    tick: () => turns.tick(),
    async close() {
      await turns.close();
      await connection.close();
    },
  };
}

/**
 * A periodic job whose turn works "as of" a moment: the present on its timer, or a moment a test names (`tick(at)`) —
 * what comes due by then (自动催办's steps, the scheduled bulletins). One turn at a time, as any periodic statement.
 */
export async function startPeriodicStatementAsOf(
  opts: Omit<PeriodicStatementOptions, 'run'> & { run: (client: pg.ClientBase, at: Date | null) => Promise<number> },
) {
  let at: Date | null = null;
  const job = await startPeriodicStatement({ ...opts, run: (client) => opts.run(client, at) });
  return {
    /** A turn now, as of `when` (tests) or the present. */
    async tick(when?: Date): Promise<number> {
      at = when ?? null;
      try {
        return await job.tick();
      } finally {
        at = null;
      }
    },
    close: job.close,
  };
}
