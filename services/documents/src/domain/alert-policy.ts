// When an urgent alert stops being tried, and what its sender reads about a failure. Plain functions: the dispatcher
// (jobs/alert-dispatcher.ts) applies them, tests call them without a server.

/** What the sender reads about any webhook that failed: never the remote's status, body or connection error (no port probing). */
export const WEBHOOK_NOT_ACCEPTED = 'the webhook did not accept the alert';
/** The webhook's host is (or resolves to) a loopback, private or link-local address: the alert is never posted. */
export const WEBHOOK_NOT_PUBLIC = 'refused: the webhook’s host is not a public address';
/** The unit cleared or changed its webhook: pending alerts to the old target are cancelled. */
export const WEBHOOK_CHANGED = 'webhook changed';
/** The recipient unit was dissolved or merged away: its pending alerts are cancelled with what was sent to it. */
export const UNIT_CLOSED = 'the unit was closed';

export interface AlertLimits {
  /** Attempts after which a failing alert is given up (FAILED). */
  maxAttempts: number;
  /** Hours after queuing after which an alert not yet delivered is given up, tried or not. */
  giveUpAfterHours: number;
}

/** Seconds to wait before the next attempt: doubling from 2 s up to an hour. */
export const backoffSeconds = (attempts: number) => Math.min(3600, 2 ** Math.min(attempts, 12));

/** Why an alert queued at `createdAt` is no longer tried at `now`, or null while it still is. */
export function expiredReason(createdAt: Date, now: Date, limits: AlertLimits): string | null {
  return now.getTime() - createdAt.getTime() >= limits.giveUpAfterHours * 3600_000 ? `gave up: not delivered within ${limits.giveUpAfterHours} hours` : null;
}

/** After a failed attempt (the `attempts`-th): the reason to give up with, or null to try again later. */
export function giveUpReason(attempts: number, error: string, limits: AlertLimits): string | null {
  return attempts >= limits.maxAttempts ? `gave up after ${attempts} attempts: ${error}` : null;
}
