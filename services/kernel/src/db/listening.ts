// A process's one LISTEN connection, shared by its relay, its event hub and its replica presence. PostgreSQL 18 wakes
// every backend that listens on any channel of the database for each NOTIFY, whatever the channel (the per-channel
// table came with version 19), and each woken backend reads the notification queue: a listening connection cost the
// server about 0.2 ms of CPU per 签收 in a storm of them (bench/README, "A delivery found by its id"). One per process
// instead of one per part: a third of that cost in documents and org (relay, hub, presence), half in the others.
//
// The connection is kept (kept-connection.ts): after a reconnect it listens again on every channel asked for, then
// tells each part that notifications were missed while it was away, so the part catches up.
import type { Logger } from '@yizhan/common';
import { keepConnected } from './kept-connection.ts';

export interface Listener {
  /** Each notification's payload on the channel. Runs on the connection's event: quick, and never throws. */
  heard(payload: string): void;
  /** After a reconnect: what was announced while the connection was away is lost and must be read now. */
  missed?(): void;
}

export interface Listening {
  /** Starts calling `listener` for `channel` (the first listener of a channel has the connection LISTEN on it). */
  listen(channel: string, listener: Listener): Promise<() => Promise<void>>;
  /** Sends a notification over the same connection. */
  notify(channel: string, payload: string): Promise<void>;
  /** Times the connection was lost and made again (tests, health). */
  readonly reconnects: number;
  close(): Promise<void>;
}

/** Channel names are ours and fixed; checked anyway, as LISTEN cannot take a parameter. */
const CHANNEL = /^[a-z_][a-z0-9_]*$/;

export async function startListening(opts: { url: string; name: string; log: Logger }): Promise<Listening> {
  const channels = new Map<string, Set<Listener>>();
  const kept = await keepConnected({
    url: opts.url,
    name: opts.name,
    log: opts.log,
    setup: async (c) => {
      c.on('notification', (n) => {
        for (const listener of channels.get(n.channel) ?? []) listener.heard(n.payload ?? '');
      });
      for (const channel of channels.keys()) await c.query(`listen ${channel}`);
    },
    onReconnect: () => {
      for (const listeners of channels.values()) for (const listener of listeners) listener.missed?.();
    },
  });

  return {
    async listen(channel, listener) {
      if (!CHANNEL.test(channel)) throw new Error(`not a channel name: ${channel}`);
      const listeners = channels.get(channel) ?? new Set<Listener>();
      const first = !channels.has(channel);
      // Registered before the LISTEN: a reconnect meanwhile listens on it in its setup.
      channels.set(channel, listeners);
      listeners.add(listener);
      if (first) await kept.use((c) => c.query(`listen ${channel}`));
      return async () => {
        listeners.delete(listener);
        if (listeners.size || channels.get(channel) !== listeners) return;
        channels.delete(channel);
        await kept.use((c) => c.query(`unlisten ${channel}`), 0).catch(() => {});
      };
    },
    notify: (channel, payload) => kept.use((c) => c.query('select pg_notify($1, $2)', [channel, payload]), 0).then(() => undefined),
    get reconnects() {
      return kept.reconnects;
    },
    close: () => kept.close(),
  };
}

/**
 * Listens on `channel` over the process's listening connection (`shared`), or over one of its own when given none —
 * a relay, hub or presence started alone, as their tests do. `stop` stops listening and closes the connection it
 * opened, never the process's.
 */
export async function listenOver(
  shared: Listening | undefined,
  own: { url: string; name: string; log: Logger },
  channel: string,
  listener: Listener,
): Promise<{ listening: Listening; stop(): Promise<void> }> {
  const listening = shared ?? (await startListening(own));
  const unlisten = await listening.listen(channel, listener);
  return {
    listening,
    async stop() {
      await unlisten();
      if (!shared) await listening.close();
    },
  };
}
