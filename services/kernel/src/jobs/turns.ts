// A background job's turns on a timer, in every replica: one turn at a time (a turn falling due while one runs is
// skipped, answered by `skipped`), the timer not keeping the process alive, and `close()` waiting for the running
// turn to end. `tick` takes a turn now (tests, or a start that should not wait for the first interval).
export interface Turns<A extends unknown[], T> {
  tick(...args: A): Promise<T>;
  close(): Promise<void>;
}

export function takeTurns<A extends unknown[], T>(opts: { intervalMs: number; turn: (...args: A) => Promise<T>; skipped: () => T }): Turns<A, T> {
  let busy = false;
  const tick = async (...args: A): Promise<T> => {
    if (busy) return opts.skipped();
    busy = true;
    try {
      return await opts.turn(...args);
    } finally {
      busy = false;
    }
  };
  const timer = setInterval(() => void tick(...([] as unknown as A)), opts.intervalMs);
  timer.unref();
  return {
    tick,
    async close() {
      clearInterval(timer);
      while (busy) await new Promise((r) => setTimeout(r, 20));
    },
  };
}
