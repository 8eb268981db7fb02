// 催办 before and at a handling deadline: every documents replica runs it; one statement (documents.remind_handling)
// marks each task's reminder once, records it in the handling history, announces it to the section (live 待办) and
// queues an SMS to the section's duty mobile for the alert dispatcher. Its connection survives a PostgreSQL restart
// (keepConnected): while the database is away it skips its turns.
import type { Logger } from '@yizhan/common';
import { keepConnected } from '@yizhan/kernel';
import { REMIND_BEFORE_HOURS } from '../domain/handling.ts';

export async function startHandlingReminders(opts: { relayUrl: string; log: Logger; intervalMs?: number; beforeHours?: number }) {
  const connection = await keepConnected({ url: opts.relayUrl, name: 'handling reminders', log: opts.log });
  let busy = false;
  const tick = async (): Promise<number> => {
    const client = connection.current;
    if (busy || !client) return 0;
    busy = true;
    try {
      const { rows } = await client.query('select documents.remind_handling(make_interval(hours => $1)) as n', [opts.beforeHours ?? REMIND_BEFORE_HOURS]);
      const n = Number(rows[0]?.n ?? 0);
      if (n) opts.log.info({ count: n }, 'handling reminders (催办) sent');
      return n;
    } catch (e) {
      if (connection.current === client) opts.log.error({ err: e }, 'handling reminders failed');
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
