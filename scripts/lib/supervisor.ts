// npm start's supervision: every child it starts (PostgreSQL, the subgraphs, the gateway, the dashboard) is restarted
// when it dies, after a pause that grows with each crash in a row (0.25 s doubling to 10 s, started afresh once a
// child has run for a minute), and the crash and the restart are one line each in npm start's output. Stopping
// stops them in the reverse order of their start, one after the other, and restarts nothing.
import { Backoff } from '@yizhan/common';

export interface Child {
  readonly pid: number | undefined;
  /** Resolves when the child exits by itself or is stopped, with how. */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  stop(): Promise<void>;
}

interface Entry {
  name: string;
  start: () => Promise<Child>;
  current: Child | null;
  backoff: Backoff;
  startedAt: number;
  restarts: number;
  timer: NodeJS.Timeout | null;
  /** Called with the new child after each restart (the stack keeps the URLs; they do not change). */
  onRestart?: (child: Child) => void;
}

const STABLE_MS = 60_000;

export class Supervisor {
  private entries: Entry[] = [];
  private stopping = false;

  constructor(private readonly log: (line: string) => void) {}

  /** Starts a child and keeps it running; rejects when the first start fails (nothing is restarted then). */
  async add(name: string, start: () => Promise<Child>, onRestart?: (child: Child) => void): Promise<Child> {
    const child = await start();
    const entry: Entry = {
      name,
      start,
      current: child,
      backoff: new Backoff({ initialMs: 250, maxMs: 10_000, jitter: 0 }),
      startedAt: Date.now(),
      restarts: 0,
      timer: null,
      onRestart,
    };
    this.entries.push(entry);
    this.watch(entry, child);
    return child;
  }

  /** Restarts so far of the child named (tests). */
  restartsOf(name: string): number {
    return this.entries.find((e) => e.name === name)?.restarts ?? 0;
  }

  private watch(entry: Entry, child: Child): void {
    void child.exited.then(({ code, signal }) => {
      if (this.stopping || entry.current !== child) return;
      entry.current = null;
      if (Date.now() - entry.startedAt > STABLE_MS) entry.backoff.reset();
      const wait = entry.backoff.next();
      const how = signal ? `was killed (${signal})` : `exited with code ${code}`;
      this.log(`${entry.name} (pid ${child.pid}) ${how}; restarting in ${(wait / 1000).toFixed(2)} s`);
      this.schedule(entry, wait);
    });
  }

  private schedule(entry: Entry, wait: number): void {
    entry.timer = setTimeout(async () => {
      entry.timer = null;
      if (this.stopping) return;
      try {
        const child = await entry.start();
        if (this.stopping) {
          await child.stop();
          return;
        }
        entry.current = child;
        entry.startedAt = Date.now();
        entry.restarts++;
        this.log(`${entry.name} restarted (pid ${child.pid}; restart ${entry.restarts})`);
        entry.onRestart?.(child);
        this.watch(entry, child);
      } catch (e) {
        const next = entry.backoff.next();
        this.log(`${entry.name} could not restart: ${(e as Error)?.message ?? e}; trying again in ${(next / 1000).toFixed(2)} s`);
        this.schedule(entry, next);
      }
    }, wait);
  }

  /** Stops every child, the last started first, and restarts none of them any more. */
  async stopAll(): Promise<void> {
    this.stopping = true;
    for (const e of this.entries) if (e.timer) clearTimeout(e.timer);
    for (const e of [...this.entries].reverse()) await e.current?.stop();
  }
}
