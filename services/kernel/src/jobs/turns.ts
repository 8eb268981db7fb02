// A background job's turns on a timer, in every replica: one turn at a time (a turn falling due on the timer while one
// runs is skipped), the timer not keeping the process alive, and `close()` waiting for the running turn to end.
// `tick` takes a turn now (tests, or a start that should not wait for the first interval): should one be running, it
// waits for it to end and then takes its own, so that what it answers covers everything written before it was asked.
// (It used to answer at once, with nothing done, while a timed turn ran: a test that then read the job's work raced
// that turn.)
export interface Turns<A extends unknown[], T> {
  tick(...args: A): Promise<T>;
  close(): Promise<void>;
}

export function takeTurns<A extends unknown[], T>(opts: { intervalMs: number; turn: (...args: A) => Promise<T> }): Turns<A, T> {
  let running: Promise<T> | undefined;
  const take = (...args: A): Promise<T> => {
    const turn = (async () => {
      try {
        return await opts.turn(...args);
      } finally {
        running = undefined;
      }
    })();
    running = turn;
    return turn;
  };
  const timer = setInterval(() => {
    if (!running) void take(...([] as unknown as A));
  }, opts.intervalMs);
  timer.unref();
  return {
    async tick(...args) {
      // Looked at again once each turn ends, with no await between the last look and the take: of the callers waiting,
      // the first to look takes the next turn and the others wait for it.
      while (running) await running.catch(() => {});
      return take(...args);
    },
    async close() {
      clearInterval(timer);
      while (running) await running.catch(() => {});
    },
  };
}
