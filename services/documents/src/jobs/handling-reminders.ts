// 催办 before and at a handling deadline: every documents replica runs it; one statement (documents.remind_handling)
// marks each task's reminder once, records it in the handling history, announces it to the section (live 待办) and
// queues an SMS to the section's duty mobile for the alert dispatcher.
import type { Logger } from '@yizhan/common';
import { startPeriodicStatement } from '@yizhan/kernel';
import { REMIND_BEFORE_HOURS } from '../domain/handling.ts';

export function startHandlingReminders(opts: { relayUrl: string; log: Logger; intervalMs?: number; beforeHours?: number }) {
  const hours = opts.beforeHours ?? REMIND_BEFORE_HOURS;
  return startPeriodicStatement({
    ...opts,
    name: 'handling reminders',
    did: 'handling reminders (催办) sent',
    run: async (client) => Number((await client.query('select documents.remind_handling(make_interval(hours => $1)) as n', [hours])).rows[0]?.n ?? 0),
  });
}
