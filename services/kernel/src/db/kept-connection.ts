// A long-lived PostgreSQL connection that survives its server: the relay's listener and worker, an event hub's
// listener and reader, a consumer's reader, the documents jobs. A plain pg.Client whose server restarts emits an
// 'error' event, and an 'error' event nobody listens to ends the process; this one logs the loss once, reconnects with
// back-off (pauses doubling to 5 s) and runs `setup` again (LISTEN) before anyone is handed the new client, then
// `onReconnect` (a hub reads what was published meanwhile). While it is down, `current` is null and `client()` waits.
import { Backoff, type BackoffOptions, type Logger, pause } from '@yizhan/common';
import pg from 'pg';

export interface KeptConnectionOptions {
  url: string;
  /** What the connection is for, in the log ("relay worker", "event hub reader"). */
  name: string;
  log: Logger;
  /** Runs on every new connection before it is handed out (LISTEN, notification handlers); a failure is a failed attempt. */
  setup?: (client: pg.Client) => Promise<void>;
  /** Runs after a reconnect, once the new connection is current (catch up on what was missed). */
  onReconnect?: () => void | Promise<void>;
  backoff?: BackoffOptions;
}

export interface KeptConnection {
  /** The connected client now, or null while reconnecting. Take it once per unit of work (a transaction stays on it). */
  readonly current: pg.Client | null;
  /** The connected client, waiting up to `timeoutMs` (30 s) for a reconnect. */
  client(timeoutMs?: number): Promise<pg.Client>;
  /**
   * Runs `work` on the connected client once the work handed to `use` before it has finished: one connection runs one
   * query at a time, and callers that share it (a hub's catch-up and a subscriber's replay) take turns.
   */
  use<T>(work: (client: pg.Client) => Promise<T>, timeoutMs?: number): Promise<T>;
  /** Times the connection was lost and made again (tests, health). */
  readonly reconnects: number;
  close(): Promise<void>;
}

export class ConnectionUnavailable extends Error {}

/** Connects (the first connection must succeed: a service does not start without its database) and keeps it. */
export async function keepConnected(opts: KeptConnectionOptions): Promise<KeptConnection> {
  const stopped = new AbortController();
  const backoff = new Backoff({ initialMs: 100, maxMs: 5_000, ...opts.backoff });
  let current: pg.Client | null = null;
  let reconnects = 0;
  let waiters: (() => void)[] = [];

  /** A new client, set up; its later errors and end count as a loss of the connection. */
  async function open(): Promise<pg.Client> {
    // Named in pg_stat_activity, so an operator (and bench/) can tell the kept connections apart.
    const c = new pg.Client({ connectionString: opts.url, application_name: opts.name.slice(0, 63) });
    // Until it is current, an error here is only the attempt failing (connect() rejects with it too).
    c.on('error', () => {});
    try {
      await c.connect();
      await opts.setup?.(c);
    } catch (e) {
      await c.end().catch(() => {});
      throw e;
    }
    const lost = (e?: Error) => lose(c, e);
    c.on('error', lost);
    c.on('end', () => lost());
    return c;
  }

  function lose(c: pg.Client, e?: Error): void {
    if (current !== c || stopped.signal.aborted) return;
    current = null;
    c.end().catch(() => {});
    opts.log.warn({ connection: opts.name, err: e?.message }, 'lost the database connection; reconnecting');
    void reconnect();
  }

  async function reconnect(): Promise<void> {
    const since = Date.now();
    while (!stopped.signal.aborted) {
      await pause(backoff.next(), stopped.signal);
      if (stopped.signal.aborted) return;
      try {
        const c = await open();
        if (stopped.signal.aborted) {
          await c.end().catch(() => {});
          return;
        }
        current = c;
        reconnects++;
        opts.log.info({ connection: opts.name, afterMs: Date.now() - since, attempts: backoff.attempts }, 'database connection restored');
        backoff.reset();
        const waiting = waiters;
        waiters = [];
        for (const w of waiting) w();
        try {
          await opts.onReconnect?.();
        } catch (e) {
          opts.log.error({ connection: opts.name, err: e }, 'catching up after a reconnect failed');
        }
        return;
      } catch {
        // Still down: the next attempt waits longer.
      }
    }
  }

  current = await open();
  let turn: Promise<unknown> = Promise.resolve();

  async function client(timeoutMs = 30_000): Promise<pg.Client> {
    if (current) return current;
    if (stopped.signal.aborted) throw new ConnectionUnavailable(`${opts.name}: closed`);
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, timeoutMs);
      timer.unref();
      waiters.push(() => {
        clearTimeout(timer);
        resolve();
      });
    });
    if (!current) throw new ConnectionUnavailable(`${opts.name}: the database is not reachable`);
    return current;
  }

  return {
    get current() {
      return current;
    },
    get reconnects() {
      return reconnects;
    },
    client,
    use(work, timeoutMs) {
      const run = turn.then(async () => work(await client(timeoutMs)));
      turn = run.catch(() => {});
      return run;
    },
    async close() {
      stopped.abort();
      const c = current;
      current = null;
      for (const w of waiters) w();
      waiters = [];
      await c?.end().catch(() => {});
    },
  };
}
