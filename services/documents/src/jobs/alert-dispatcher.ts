// The alert dispatcher: sends pending SMS and webhook alerts, retrying with growing pauses until each is delivered
// (an alert channel that is down delays the alert, never the delivery). It runs as the relay role, whose only
// rights here are to read and mark `documents.alerts`.

import type { Logger } from '@yizhan/common';
import pg from 'pg';

export interface AlertChannels {
  /** POSTs {mobile, text} as JSON; any 2xx is delivered. */
  smsGatewayUrl: string | null;
}

const backoffSeconds = (attempts: number) => Math.min(3600, 2 ** Math.min(attempts, 12));

export async function startAlertDispatcher(opts: { relayUrl: string; channels: AlertChannels; log: Logger; intervalMs?: number }) {
  const client = new pg.Client({ connectionString: opts.relayUrl });
  await client.connect();
  let busy = false;
  let closed = false;

  async function send(channel: string, target: string, text: string, payload: Record<string, unknown>): Promise<void> {
    const url = channel === 'SMS' ? opts.channels.smsGatewayUrl : target;
    if (!url) throw new Error('no SMS gateway is configured (YIZHAN_SMS_GATEWAY_URL)');
    const body = channel === 'SMS' ? { mobile: target, text } : { text, ...payload };
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(10_000),
    });
    if (!res.ok) throw new Error(`${channel} answered ${res.status}`);
  }

  async function tick(): Promise<void> {
    if (busy || closed) return;
    busy = true;
    try {
      await client.query('begin');
      const { rows } = await client.query(
        `select id, channel, target, text, attempts, payload from documents.alerts
         where status = 'PENDING' and next_attempt_at <= now() order by next_attempt_at limit 50 for update skip locked`,
      );
      for (const a of rows) {
        try {
          await send(a.channel, a.target, a.text, a.payload);
          await client.query("update documents.alerts set status = 'SENT', attempts = attempts + 1, sent_at = now(), last_error = null where id = $1", [a.id]);
          opts.log.info({ alert: a.id, channel: a.channel }, 'urgent alert sent');
        } catch (e) {
          const wait = backoffSeconds(a.attempts + 1);
          await client.query(
            `update documents.alerts set attempts = attempts + 1, last_error = $2, next_attempt_at = now() + make_interval(secs => $3) where id = $1`,
            [a.id, (e as Error).message.slice(0, 500), wait],
          );
          opts.log.warn({ alert: a.id, channel: a.channel, err: (e as Error).message, retryInSeconds: wait }, 'urgent alert failed; will retry');
        }
      }
      await client.query('commit');
    } catch (e) {
      await client.query('rollback').catch(() => {});
      opts.log.error({ err: e }, 'alert dispatcher failed');
    } finally {
      busy = false;
    }
  }

  const timer = setInterval(() => void tick(), opts.intervalMs ?? 500);
  timer.unref();
  return {
    tick,
    async close() {
      closed = true;
      clearInterval(timer);
      while (busy) await new Promise((r) => setTimeout(r, 20));
      await client.end().catch(() => {});
    },
  };
}
