// Marks deliveries that passed their due time unsigned, once each, and announces them ('delivery.overdue') so
// supervisors watching their subtree hear it live. Runs in every documents replica; the marking is one statement.
// Its connection survives a PostgreSQL restart: while the database is away it skips its turns, then marks as before.
import type { Logger } from '@yizhan/common';
import { keepConnected } from '@yizhan/kernel';

export async function startOverdueMarker(opts: { relayUrl: string; log: Logger; intervalMs?: number }) {
  const connection = await keepConnected({ url: opts.relayUrl, name: 'overdue marker', log: opts.log });
  let busy = false;
  const tick = async (): Promise<number> => {
    const client = connection.current;
    if (busy || !client) return 0;
    busy = true;
    try {
      const { rows } = await client.query('select documents.mark_overdue() as n');
      const n = Number(rows[0]?.n ?? 0);
      if (n) opts.log.info({ count: n }, 'deliveries became overdue');
      return n;
    } catch (e) {
      if (connection.current === client) opts.log.error({ err: e }, 'overdue marking failed');
      return 0;
    } finally {
      busy = false;
    }
  };
  const timer = setInterval(() => void tick(), opts.intervalMs ?? 60_000);
  timer.unref();
  return {
    tick,
    async close() {
      clearInterval(timer);
      while (busy) await new Promise((r) => setTimeout(r, 20));
      await connection.close();
    },
  };
}
