// Growing pauses between attempts to reach something that went away (a database restarting, a subgraph coming back, a
// crashed child process): doubling from a first pause up to a ceiling, with jitter, so that the many clients that lost
// the same server do not all come back at the same instant. A success resets it.

export interface BackoffOptions {
  /** The first pause (200 ms). */
  initialMs?: number;
  /** The longest pause (5 s). */
  maxMs?: number;
  /** How much each pause grows (2). */
  factor?: number;
  /** Up to this fraction of a pause is taken off at random (0.2); 0 for exact pauses. */
  jitter?: number;
  /** The source of randomness (tests). */
  random?: () => number;
}

/** The pause before attempt `attempt` (0 for the first retry). */
export function backoffDelay(attempt: number, opts: BackoffOptions = {}): number {
  const initial = opts.initialMs ?? 200;
  const max = opts.maxMs ?? 5_000;
  const factor = opts.factor ?? 2;
  const jitter = Math.min(Math.max(opts.jitter ?? 0.2, 0), 1);
  const exact = Math.min(max, initial * factor ** Math.max(0, Math.min(attempt, 64)));
  return Math.round(exact * (1 - jitter * (opts.random ?? Math.random)()));
}

/** A sequence of pauses: `next()` the pause before the next attempt, `reset()` after a success. */
export class Backoff {
  attempts = 0;
  constructor(private readonly opts: BackoffOptions = {}) {}

  next(): number {
    return backoffDelay(this.attempts++, this.opts);
  }

  reset(): void {
    this.attempts = 0;
  }
}

/** Waits `ms`, or less when `signal` aborts; never keeps the process alive by itself. */
export function pause(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    timer.unref();
    signal?.addEventListener('abort', done, { once: true });
  });
}
