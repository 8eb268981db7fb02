// What the test pool's parent and its workers say to each other, and node:test's events made fit to cross between
// them: a structured clone keeps an error's message and stack but drops what node:test's reporters read on it (the
// failure's kind, its cause, an assertion's actual and expected), so an error crosses as a plain record of them.
import { inspect } from 'node:util';
import v8 from 'node:v8';

export type ToWorker = { kind: 'run'; file: string; timeoutMs: number } | { kind: 'stop' };
export type ToParent =
  | { kind: 'ready' }
  /** Events of the file running, in their order; sent after each of its top-level tests and at its end. */
  | { kind: 'events'; file: string; events: unknown[] }
  /** Why the worker is about to end in the middle of a file (what it has left open). */
  | { kind: 'leftover'; file: string; why: string }
  /** The file's run has ended; `recycle` when the worker is to be replaced before the next file. */
  | { kind: 'done'; file: string; ok: boolean; recycle: boolean };

type CrossedError = { crossedError: { name: string; message: string; stack?: string; props: Record<string, unknown> } };

/** Can this value cross as it is? */
function clones(value: unknown): boolean {
  try {
    v8.serialize(value);
    return true;
  } catch {
    return false;
  }
}

/** `value` with every error in it turned into a record that keeps its properties, and anything else that cannot cross described. */
export function crossable(value: unknown, depth = 0): unknown {
  if (depth > 8) return inspect(value, { depth: 1 });
  if (value instanceof Error) {
    const props: Record<string, unknown> = {};
    for (const key of Object.keys(value)) props[key] = crossable((value as unknown as Record<string, unknown>)[key], depth + 1);
    if ('cause' in value) props.cause = crossable(value.cause, depth + 1);
    return { crossedError: { name: value.name, message: value.message, stack: value.stack, props } } satisfies CrossedError;
  }
  if (Array.isArray(value)) return value.map((v) => crossable(v, depth + 1));
  if (value && typeof value === 'object') {
    if (Object.getPrototypeOf(value) !== Object.prototype && Object.getPrototypeOf(value) !== null) return clones(value) ? value : inspect(value, { depth: 2 });
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, crossable(v, depth + 1)]));
  }
  return typeof value === 'function' || typeof value === 'symbol' ? inspect(value) : value;
}

/** The value again, with its errors made errors once more (their stack as it was where they were thrown). */
export function revived(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(revived);
  if (value && typeof value === 'object') {
    const crossed = (value as Partial<CrossedError>).crossedError;
    if (crossed) {
      const error = new Error(crossed.message);
      for (const [k, v] of Object.entries(crossed.props)) (error as unknown as Record<string, unknown>)[k] = revived(v);
      Object.defineProperty(error, 'name', { value: crossed.name, enumerable: false, configurable: true, writable: true });
      Object.defineProperty(error, 'stack', { value: crossed.stack, enumerable: false, configurable: true, writable: true });
      return error;
    }
    if (Object.getPrototypeOf(value) === Object.prototype) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, revived(v)]));
  }
  return value;
}

/** The event that fails a test file as a whole, as node --test reports a file whose own process failed. */
export const fileFailed = (file: string, error: unknown) => ({
  type: 'test:fail' as const,
  data: { name: file, file, line: 1, column: 1, nesting: 0, testNumber: 0, details: { duration_ms: 0, error } },
});

export const reviveEvent = (raw: unknown) => revived(raw) as import('node:test/reporters').TestEvent;
