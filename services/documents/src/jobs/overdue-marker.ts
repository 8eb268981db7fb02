// Marks deliveries that passed their due time unsigned, once each, and announces them ('delivery.overdue') so
// supervisors watching their subtree hear it live. Runs in every documents replica; the marking is one statement.
import type { Logger } from '@yizhan/common';
import pg from 'pg';

export async function startOverdueMarker(opts: { relayUrl: string; log: Logger; intervalMs?: number }) {
  const client = new pg.Client({ connectionString: opts.relayUrl });
  await client.connect();
  let busy = false;
  const tick = async (): Promise<number> => {
    if (busy) return 0;
    busy = true;
    try {
      const { rows } = await client.query('select documents.mark_overdue() as n');
      const n = Number(rows[0]?.n ?? 0);
      if (n) opts.log.info({ count: n }, 'deliveries became overdue');
      return n;
    } catch (e) {
      opts.log.error({ err: e }, 'overdue marking failed');
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
      await client.end().catch(() => {});
    },
  };
}
