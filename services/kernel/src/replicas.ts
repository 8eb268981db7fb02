// Which replicas of the platform are running (issue 20, the operations console): every subgraph process says it is
// alive every few seconds on a PostgreSQL notification channel, and listens to the others'. Any replica can then tell
// the console every replica of every service — up, silent for too long (down: killed, paused, cut off) or stopped in
// order — without a table, a registry or a call between services: the database they already share carries it.
import { randomUUID } from 'node:crypto';
import type { Logger } from '@yizhan/common';
import { type Listening, listenOver } from './db/listening.ts';

export const REPLICAS_CHANNEL = 'yizhan_replicas';

/** What a replica says of itself. */
export interface ReplicaHeartbeat {
  service: string;
  /** Random per process start: a restarted replica is a new one. */
  id: string;
  /** Where it serves (host:port), as the gateway and the monitoring reach it. */
  address: string;
  pid: number;
  startedAt: string;
  /** 'leaving' when it stops in order. */
  state: 'up' | 'leaving';
}

export interface ReplicaSeen extends Omit<ReplicaHeartbeat, 'state'> {
  /** When this replica last heard from it. */
  seenAt: string;
  /** up: heard within the last `staleMs`; down: silent for longer; stopped: said it was leaving. */
  state: 'up' | 'down' | 'stopped';
}

export interface ReplicaPresenceOptions {
  relayUrl: string;
  service: string;
  /** Where this replica serves, once it listens. */
  address: () => string;
  log: Logger;
  /** How often it says it is alive (5 s). */
  intervalMs?: number;
  /** Silent for longer than this (three intervals), a replica is down. */
  staleMs?: number;
  /** Down or stopped for longer than this (10 minutes), it is forgotten. */
  forgetMs?: number;
  /** The process's listening connection (db/listening.ts); without one the presence opens its own. */
  listening?: Listening;
}

export interface ReplicaPresence {
  /** Every replica heard from, itself included, by service and address. */
  list(): ReplicaSeen[];
  close(): Promise<void>;
}

/** The state of one replica as last heard, at `now`: the rule the console shows (tests call it without a database). */
export function replicaState(last: { state: ReplicaHeartbeat['state']; seenAt: number }, now: number, staleMs: number): ReplicaSeen['state'] {
  if (last.state === 'leaving') return 'stopped';
  return now - last.seenAt <= staleMs ? 'up' : 'down';
}

export async function startReplicaPresence(opts: ReplicaPresenceOptions): Promise<ReplicaPresence> {
  const intervalMs = opts.intervalMs ?? 5_000;
  const staleMs = opts.staleMs ?? 3 * intervalMs;
  const forgetMs = opts.forgetMs ?? 10 * 60_000;
  const self = { service: opts.service, id: randomUUID(), pid: process.pid, startedAt: new Date().toISOString() };
  const heard = new Map<string, { beat: ReplicaHeartbeat; seenAt: number }>();
  const hear = (payload: string) => {
    try {
      const beat = JSON.parse(payload) as ReplicaHeartbeat;
      if (typeof beat.id === 'string' && typeof beat.service === 'string') heard.set(beat.id, { beat, seenAt: Date.now() });
    } catch {
      // Not one of ours: ignored.
    }
  };
  const own = { url: opts.relayUrl, name: 'replica presence', log: opts.log };
  const { listening, stop: stopListening } = await listenOver(opts.listening, own, REPLICAS_CHANNEL, { heard: hear });
  const say = (state: ReplicaHeartbeat['state']) =>
    listening.notify(REPLICAS_CHANNEL, JSON.stringify({ ...self, address: opts.address(), state } satisfies ReplicaHeartbeat));
  // While the database is away nobody hears anyone: the next beat after it is back says it again.
  const beat = () => void say('up').catch(() => {});
  beat();
  const timer = setInterval(beat, intervalMs);
  timer.unref();
  return {
    list() {
      const now = Date.now();
      const out: ReplicaSeen[] = [];
      for (const [id, { beat, seenAt }] of heard) {
        const state = replicaState({ state: beat.state, seenAt }, now, staleMs);
        if (state !== 'up' && now - seenAt > forgetMs) {
          heard.delete(id);
          continue;
        }
        const { state: _said, ...rest } = beat;
        out.push({ ...rest, seenAt: new Date(seenAt).toISOString(), state });
      }
      return out.sort((a, b) => a.service.localeCompare(b.service) || a.address.localeCompare(b.address) || a.startedAt.localeCompare(b.startedAt));
    },
    async close() {
      clearInterval(timer);
      await say('leaving').catch(() => {});
      await stopListening();
    },
  };
}
