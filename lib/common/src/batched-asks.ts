// Many small asks of another service made at once become few requests: while `concurrency` requests are in flight,
// the asks that arrive wait and go together in the next one (at most `max` each). One ask alone goes at once; the
// storm after a restart, when every client connects and subscribes again, goes in batches of hundreds.

export interface BatchedOptions {
  /** Most asks in one request. */
  max: number;
  /** Requests in flight at once (a batch waits for one to finish). */
  concurrency?: number;
}

interface Waiting<I, O> {
  item: I;
  resolve: (o: O) => void;
  reject: (e: unknown) => void;
}

/** `run` answers a batch in the order asked (or fails it: every ask of the batch then fails with its error). */
export function batchedAsks<I, O>(run: (items: I[]) => Promise<O[]>, opts: BatchedOptions): (item: I) => Promise<O> {
  const concurrency = opts.concurrency ?? 2;
  const waiting: Waiting<I, O>[] = [];
  let inFlight = 0;
  let scheduled = false;

  const flush = () => {
    scheduled = false;
    while (waiting.length && inFlight < concurrency) {
      const batch = waiting.splice(0, opts.max);
      inFlight++;
      run(batch.map((w) => w.item))
        .then((answers) => {
          if (answers.length !== batch.length) throw new Error(`A batch of ${batch.length} was answered with ${answers.length}`);
          for (const [i, w] of batch.entries()) w.resolve(answers[i] as O);
        })
        .catch((e) => {
          for (const w of batch) w.reject(e);
        })
        .finally(() => {
          inFlight--;
          schedule();
        });
    }
  };
  // The asks of one turn of the event loop (a burst of messages read together) join one batch.
  const schedule = () => {
    if (scheduled || !waiting.length || inFlight >= concurrency) return;
    scheduled = true;
    setImmediate(flush);
  };

  return (item) =>
    new Promise<O>((resolve, reject) => {
      waiting.push({ item, resolve, reject });
      schedule();
    });
}
