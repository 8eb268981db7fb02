// One worker of the test pool (scripts/lib/test-pool.ts): it runs the files its parent gives it, one at a time, each
// with node:test's run() in this process, and sends their events back.
// Each file is still alone here: it runs only when the last one has ended, and a file's run ends only when this
// process has nothing left running (node:test ends a run in this process when the event loop empties, as a file's own
// process would end), so no socket, timer or server of one file lives on into the next. The environment is put back
// as it was after each file. A file that leaves something running is failed after a grace time, named with what it
// left, and its worker replaced.
import path from 'node:path';
import { run } from 'node:test';
import { pathToFileURL } from 'node:url';
import { describeOpen, endedByTheRunner } from '../../test/support/leftovers.ts';
import { crossable, fileFailed, type ToParent, type ToWorker } from './test-pool-events.ts';

/**
 * How long a file may keep this process busy after its last top-level test: longer than its root hooks may take to
 * close its platforms (30 s for each part that does not close), so that a slow close fails with its own words.
 */
const GRACE_MS = Number(process.env.YIZHAN_TEST_POOL_GRACE_MS ?? 240_000);
/** A worker that has grown past this is replaced before its next file: what stays cached of finished files is let go. */
const RSS_LIMIT = 1.5 * 1024 ** 3;

// The IPC channel would hold the event loop open, and with it every file's run: it is held only between files.
const channel = process.channel as unknown as { ref(): void; unref(): void };
const send = (m: ToParent, then?: () => void) => process.send?.(m, undefined, {}, () => then?.());
/** Says why, then ends: the message is out before the process is. */
const endSaying = (m: ToParent) => send(m, () => process.exit(1));
endedByTheRunner();
// Without its parent a worker has nobody to report to.
process.on('disconnect', () => process.exit(1));

type Summary = { success: boolean; counts: Record<string, number> };

async function runFile(file: string, timeoutMs: number): Promise<void> {
  const env = { ...process.env };
  let pending: unknown[] = [];
  const flush = () => {
    if (pending.length) send({ kind: 'events', file, events: pending });
    pending = [];
  };
  let running = 0;
  let watchdog: NodeJS.Timeout | undefined;
  let summary: { type: string; data: Summary } | undefined;
  // Failures of the file itself (a root hook's, such as an after() that closes its platforms): node:test reports them
  // but, in one process, neither counts them nor fails the run for them, as it does for a file's own process.
  let fileFailures = 0;
  const fileFailure = (why: unknown) => {
    fileFailures++;
    pending.push(crossable(fileFailed(file, why)));
  };
  channel.unref();
  for await (const event of run({ files: [file], isolation: 'none', timeout: timeoutMs })) {
    const data = event.data as { nesting?: number; file?: string; name?: string };
    if (event.type === 'test:summary' && !data.file) {
      summary = event as unknown as { type: string; data: Summary };
      continue;
    }
    pending.push(crossable(event));
    if (data.nesting !== 0 || !data.file) continue;
    if (event.type === 'test:fail' && data.name && path.resolve(data.name) === path.resolve(data.file)) fileFailures++;
    if (event.type === 'test:dequeue') {
      running++;
      clearTimeout(watchdog);
    } else if (event.type === 'test:pass' || event.type === 'test:fail') {
      running = Math.max(0, running - 1);
      flush();
      if (running === 0) {
        clearTimeout(watchdog);
        watchdog = setTimeout(() => {
          endSaying({ kind: 'leftover', file, why: `this test file had not ended ${GRACE_MS / 1000} s after its last test. Still open:\n${describeOpen()}` });
        }, GRACE_MS).unref();
      }
    }
  }
  clearTimeout(watchdog);
  // In one process node:test keeps a file's error at import only if the file had registered no test yet: asked again,
  // the module gives its error back (it is not run twice).
  if (fileFailures === 0) await import(pathToFileURL(path.resolve(file)).href).catch(fileFailure);
  const counted = summary?.data ?? { success: false, counts: {} };
  // A failure outside the file's tests that node:test counted already (an import error alone) is not counted twice.
  const uncounted = counted.success ? fileFailures : 0;
  counted.counts.tests = (counted.counts.tests ?? 0) + uncounted;
  counted.counts.failed = (counted.counts.failed ?? 0) + uncounted;
  counted.success &&= fileFailures === 0;
  pending.push({ type: 'test:summary', data: counted });
  const ok = counted.success;
  flush();
  for (const key of Object.keys(process.env)) if (!(key in env)) delete process.env[key];
  Object.assign(process.env, env);
  process.exitCode = undefined;
  channel.ref();
  send({ kind: 'done', file, ok, recycle: !ok || process.memoryUsage.rss() > RSS_LIMIT });
}

process.on('message', (m: ToWorker) => {
  if (m.kind === 'stop') process.exit(0);
  runFile(m.file, m.timeoutMs).catch((e) => endSaying({ kind: 'leftover', file: m.file, why: `the test runner failed: ${(e as Error).stack}` }));
});
send({ kind: 'ready' });
