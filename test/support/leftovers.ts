// What a test file leaves running. node:test waits without a limit for a test file's process to end, and a file left
// holding a socket or a timer after its last test once held a whole CI run until it was cut off at 90 minutes, with
// nothing said. So each part of a platform gets a limit to close in, and a file whose platforms have all closed gets
// a minute to end; then it names what still holds it open and ends, failed. Under `npm test` a file runs in a worker
// of the test pool, which does not end after a file: there the worker watches each file's end itself (its grace,
// scripts/lib/test-pool-worker.ts) and is replaced after a file that left something running; the limits to close
// each part apply alike.
import net from 'node:net';

/** How long a file's process may run on after its last platform closed (a test of this module shortens it). */
const GRACE_MS = Number(process.env.YIZHAN_TEST_LEFTOVER_MS ?? 60_000);
let open = 0;
let watchTheEnd = true;

/**
 * This process runs file after file (the test pool's worker, scripts/lib/test-pool-worker.ts): it does not end after a
 * file, and it watches each file's end itself.
 */
export function endedByTheRunner(): void {
  watchTheEnd = false;
}

/** A platform (or another whole stack) has started in this file. */
export function stackOpened(): void {
  open++;
}

/** One has closed: when none is left, the process must end within a minute. */
export function stackClosed(): void {
  open = Math.max(0, open - 1);
  if (open > 0 || !watchTheEnd) return;
  setTimeout(() => {
    if (open > 0) return;
    console.error(`✖ this test file's process has not ended ${GRACE_MS / 1000} s after its platform closed. Still open:\n${describeOpen()}`);
    process.exit(1);
  }, GRACE_MS).unref();
}

/** `work`'s result, or after `ms` the error `late` makes (the timer cleared either way). */
export async function within<T>(work: Promise<T>, ms: number, late: () => Error): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([work, new Promise<never>((_, reject) => (timer = setTimeout(() => reject(late()), ms)))]);
  } finally {
    clearTimeout(timer);
  }
}

/** Waits for `closing`, at most `ms`; past that, fails naming the part and what the process still holds. */
export async function closeWithin(part: string, closing: Promise<unknown>, ms = 30_000): Promise<void> {
  await within(closing, ms, () => new Error(`${part} did not close within ${ms / 1000} s. Open now:\n${describeOpen()}`));
}

/**
 * Closes each part in turn, each within its limit (30 s unless given), trying every one even when one before it
 * failed; then fails with the first failure, if any.
 */
export async function closeEach(parts: [name: string, close: (() => Promise<unknown>) | undefined, ms?: number][]): Promise<void> {
  const failed: unknown[] = [];
  for (const [name, close, ms] of parts) if (close) await closeWithin(name, close(), ms).catch((e) => failed.push(e));
  if (failed.length) throw failed[0];
}

/** The process's open handles, each named by what it is: a socket by its two ends, a server by its port, a timer by its delay. */
export function describeOpen(): string {
  const handles = (process as unknown as { _getActiveHandles(): unknown[] })._getActiveHandles();
  const lines = handles.map((h) => {
    if (h instanceof net.Socket) {
      if (h === process.stdout || h === process.stderr || h === process.stdin) return null;
      return `  socket ${h.localAddress ?? ''}:${h.localPort ?? ''} → ${h.remoteAddress ?? ''}:${h.remotePort ?? ''}${h.destroyed ? ' (destroyed)' : ''}`;
    }
    if (h instanceof net.Server) {
      const a = h.address();
      return `  server listening on ${typeof a === 'object' && a ? a.port : a}`;
    }
    const named = h as { constructor?: { name?: string }; pid?: number; spawnfile?: string; _idleTimeout?: number; _onTimeout?: { name?: string } };
    if (named.pid) return `  child process ${named.spawnfile ?? ''} (pid ${named.pid})`;
    if (named._idleTimeout !== undefined) return `  timer every/after ${named._idleTimeout} ms (${named._onTimeout?.name || 'anonymous'})`;
    return `  ${named.constructor?.name ?? typeof h}`;
  });
  return [...lines.filter(Boolean), `  resources: ${process.getActiveResourcesInfo().join(', ')}`].join('\n');
}
