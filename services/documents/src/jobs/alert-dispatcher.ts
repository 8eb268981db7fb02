// The alert dispatcher: sends pending SMS and webhook alerts, retrying with growing pauses (an alert channel that is
// down delays the alert, never the delivery) until each is delivered or given up (FAILED: after its last attempt, or
// a day after it was queued). It runs as the relay role, whose only rights here are to read and mark `documents.alerts`.
//
// A webhook is a URL a unit chose: it is posted only to public addresses. Its host's addresses are resolved and
// checked at the moment of connecting (a name that resolved to a public address when it was set may resolve to
// 127.0.0.1 now: DNS rebinding), redirects are not followed, and the sender reads only whether the webhook accepted
// the alert, never its status, body or connection error (no probing of ports and endpoints through `lastError`).
//
// Its connection survives a PostgreSQL restart: while the database is away it skips its turns; a turn cut short is
// rolled back by the server, and its alerts are taken again once the database is back.

import dns from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import { type Logger, nonPublicAddressProblem, publicUrlProblem } from '@yizhan/common';
import { keepConnected } from '@yizhan/kernel';
import type pg from 'pg';
import { type AlertLimits, backoffSeconds, expiredReason, giveUpReason, WEBHOOK_NOT_ACCEPTED, WEBHOOK_NOT_PUBLIC } from '../domain/alert-policy.ts';

export interface AlertChannels extends AlertLimits {
  /** POSTs {mobile, text} as JSON; any 2xx is delivered. */
  smsGatewayUrl: string | null;
  /** Tests only: webhooks on loopback and private addresses are posted to (see settings.ts). */
  allowPrivateWebhooks?: boolean;
}

/** A failure whose message the sender may read as it is (it says nothing of what the remote answered). */
class AlertRefused extends Error {}
/** The target is not a public address: never retried. */
class NotPublic extends AlertRefused {}

/** A DNS lookup that hands the connection only addresses it checked: refuses a host if any address is not public. */
const publicOnlyLookup: LookupFunction = (hostname, options, callback) => {
  dns.lookup(hostname, { ...options, all: true }, (err, addresses) => {
    if (err) return callback(err, '', 0);
    const list = addresses as dns.LookupAddress[];
    const bad = list.find((a) => nonPublicAddressProblem(a.address) !== null);
    if (bad || !list.length) return callback(new NotPublic(WEBHOOK_NOT_PUBLIC), '', 0);
    if (options.all) return (callback as unknown as (e: null, a: dns.LookupAddress[]) => void)(null, list);
    const first = list[0] as dns.LookupAddress;
    callback(null, first.address, first.family);
  });
};

/** POSTs JSON to a unit's webhook; resolves on a 2xx, throws AlertRefused otherwise. */
function postToWebhook(url: string, body: unknown, allowPrivate: boolean): Promise<void> {
  if (publicUrlProblem(url, { allowPrivateHosts: allowPrivate })) return Promise.reject(new NotPublic(WEBHOOK_NOT_PUBLIC));
  const target = new URL(url);
  const data = Buffer.from(JSON.stringify(body));
  return new Promise((resolve, reject) => {
    const req = (target.protocol === 'https:' ? https : http).request(
      target,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-length': data.length },
        // An IP literal was checked above (the lookup is not called for one); a name is checked here, at connect.
        lookup: allowPrivate ? undefined : publicOnlyLookup,
        timeout: 10_000,
      },
      (res) => {
        res.resume();
        const status = res.statusCode ?? 0;
        if (status >= 200 && status < 300) resolve();
        else reject(new AlertRefused(WEBHOOK_NOT_ACCEPTED));
      },
    );
    req.on('timeout', () => req.destroy(new Error('timed out')));
    req.on('error', (e) => reject(e instanceof NotPublic ? e : new AlertRefused(WEBHOOK_NOT_ACCEPTED, { cause: e })));
    req.end(data);
  });
}

export async function startAlertDispatcher(opts: { relayUrl: string; channels: AlertChannels; log: Logger; intervalMs?: number }) {
  const connection = await keepConnected({ url: opts.relayUrl, name: 'alert dispatcher', log: opts.log });
  const limits: AlertLimits = { maxAttempts: opts.channels.maxAttempts, giveUpAfterHours: opts.channels.giveUpAfterHours };
  let busy = false;
  let closed = false;

  async function send(channel: string, target: string, text: string, payload: Record<string, unknown>): Promise<void> {
    if (channel === 'WEBHOOK') return postToWebhook(target, { text, ...payload }, opts.channels.allowPrivateWebhooks === true);
    // The SMS gateway is the operator's own (YIZHAN_SMS_GATEWAY_URL), not a unit's choice.
    const url = opts.channels.smsGatewayUrl;
    if (!url) throw new Error('no SMS gateway is configured (YIZHAN_SMS_GATEWAY_URL)');
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ mobile: target, text }),
      signal: AbortSignal.timeout(10_000),
    });
    if (!res.ok) throw new Error(`${channel} answered ${res.status}`);
  }

  const fail = (client: pg.Client, id: string, reason: string, attempted: boolean) =>
    client.query(`update documents.alerts set status = 'FAILED', attempts = attempts + $3, last_error = $2 where id = $1`, [
      id,
      reason.slice(0, 500),
      attempted ? 1 : 0,
    ]);

  async function tick(): Promise<void> {
    // One connection for the whole turn: its transaction never moves to a new connection halfway.
    const client = connection.current;
    if (busy || closed || !client) return;
    busy = true;
    try {
      await client.query('begin');
      const { rows } = await client.query(
        `select id, channel, target, text, attempts, payload, created_at, now() as now from documents.alerts
         where status = 'PENDING' and next_attempt_at <= now() order by next_attempt_at limit 50 for update skip locked`,
      );
      for (const a of rows) {
        const expired = expiredReason(new Date(a.created_at), new Date(a.now), limits);
        if (expired) {
          await fail(client, a.id, expired, false);
          opts.log.warn({ alert: a.id, channel: a.channel }, 'urgent alert given up: too old');
          continue;
        }
        try {
          await send(a.channel, a.target, a.text, a.payload);
          await client.query("update documents.alerts set status = 'SENT', attempts = attempts + 1, sent_at = now(), last_error = null where id = $1", [a.id]);
          opts.log.info({ alert: a.id, channel: a.channel }, 'urgent alert sent');
        } catch (e) {
          const err = e as Error;
          // What the operator's log keeps (the cause) is more than what the sender reads (the message).
          const logged = { alert: a.id, channel: a.channel, err: err.message, cause: (err.cause as Error | undefined)?.message };
          if (e instanceof NotPublic) {
            await fail(client, a.id, err.message, false);
            opts.log.warn(logged, 'urgent alert refused: the webhook is not a public address');
            continue;
          }
          const attempts = a.attempts + 1;
          const gaveUp = giveUpReason(attempts, err.message, limits);
          if (gaveUp) {
            await fail(client, a.id, gaveUp, true);
            opts.log.warn({ ...logged, attempts }, 'urgent alert given up');
            continue;
          }
          const wait = backoffSeconds(attempts);
          await client.query(
            `update documents.alerts set attempts = attempts + 1, last_error = $2, next_attempt_at = now() + make_interval(secs => $3) where id = $1`,
            [a.id, err.message.slice(0, 500), wait],
          );
          opts.log.warn({ ...logged, retryInSeconds: wait }, 'urgent alert failed; will retry');
        }
      }
      await client.query('commit');
    } catch (e) {
      await client.query('rollback').catch(() => {});
      if (connection.current === client) opts.log.error({ err: e }, 'alert dispatcher failed');
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
      await connection.close();
    },
  };
}
