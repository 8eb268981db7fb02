// Outage notices that reach people (seed 003 §45, 001 §31): every org replica runs this each minute. One function
// (org.notify_outages, migrations 0011 and 0012) publishes the platform's own outage notice for a fault unresolved and
// not escalated two hours after its report, a restoration notice (恢复后另行通知) when a texted outage notice is
// withdrawn, and hands every outage or restoration notice not yet texted to documents' alert dispatcher:
// an `announcement.outage-texted` event per unit it reaches, naming the unit's registered contacts with a mobile.
// Each step marks what it did in the same statement, so a second run or a second replica repeats nothing. Its
// connection survives a PostgreSQL restart (keepConnected): while the database is away it skips its turns.
import type { Logger } from '@yizhan/common';
import { keepConnected, takeTurns } from '@yizhan/kernel';
import { ESCALATION_HOURS } from '../domain/emergency.ts';

export interface OutageTurn {
  /** Outage notices the platform published (faults two hours old). */
  notices: number;
  /** Restoration notices published (恢复后另行通知: a texted outage notice withdrawn). */
  restored: number;
  /** Units handed to the alert dispatcher to text their contacts. */
  texted: number;
}

export async function startOutageNotices(opts: { relayUrl: string; log: Logger; intervalMs?: number; afterHours?: number }) {
  const connection = await keepConnected({ url: opts.relayUrl, name: 'outage notices', log: opts.log });
  const hours = opts.afterHours ?? ESCALATION_HOURS;
  const none = (): OutageTurn => ({ notices: 0, restored: 0, texted: 0 });
  const turns = takeTurns({
    intervalMs: opts.intervalMs ?? 60_000,
    turn: async (): Promise<OutageTurn> => {
      const client = connection.current;
      if (!client) return none();
      try {
        const { rows } = await client.query('select notices, restored, texted from org.notify_outages(make_interval(hours => $1))', [hours]);
        const turn = { notices: Number(rows[0]?.notices ?? 0), restored: Number(rows[0]?.restored ?? 0), texted: Number(rows[0]?.texted ?? 0) };
        if (turn.notices || turn.restored || turn.texted) opts.log.info(turn, 'outage and restoration notices published and handed over to be texted');
        return turn;
      } catch (e) {
        if (connection.current === client) opts.log.error({ err: e }, 'outage notices failed');
        return none();
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
