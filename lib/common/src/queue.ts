// A push queue that is an async iterator: events are pushed in, a subscription pulls them out, and returning
// from the iterator (the client went away) runs the cleanup.
export class PushQueue<T> implements AsyncIterableIterator<T> {
  private items: T[] = [];
  private waiting: { resolve: (r: IteratorResult<T>) => void; reject: (e: unknown) => void } | null = null;
  private done = false;
  private error: unknown = null;

  constructor(private readonly onClose: () => void = () => {}) {}

  push(item: T): void {
    if (this.done) return;
    if (this.waiting) {
      const w = this.waiting;
      this.waiting = null;
      w.resolve({ value: item, done: false });
    } else this.items.push(item);
  }

  /** No more items: the consumer sees the end once it has taken what is queued. */
  end(): void {
    this.finish();
  }

  fail(error: unknown): void {
    this.error = error;
    this.finish();
  }

  private finish(): void {
    if (this.done) return;
    this.done = true;
    this.onClose();
    if (this.waiting && !this.items.length) {
      const w = this.waiting;
      this.waiting = null;
      // A consumer already waiting hears the failure itself, not a quiet end.
      if (this.error) w.reject(this.error);
      else w.resolve({ value: undefined, done: true });
    }
  }

  next(): Promise<IteratorResult<T>> {
    const item = this.items.shift();
    if (item !== undefined) return Promise.resolve({ value: item, done: false });
    if (this.error) return Promise.reject(this.error);
    if (this.done) return Promise.resolve({ value: undefined, done: true });
    return new Promise((resolve, reject) => {
      this.waiting = { resolve, reject };
    });
  }

  return(): Promise<IteratorResult<T>> {
    this.items = [];
    this.finish();
    return Promise.resolve({ value: undefined, done: true });
  }

  [Symbol.asyncIterator](): AsyncIterableIterator<T> {
    return this;
  }
}
