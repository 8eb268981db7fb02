// One worker of the test pool (scripts/lib/test-pool.ts): it runs the files its parent gives it, one at a time, each
// with node:test's run() in this process, and sends their events back.
// Each file is still alone here: it runs only when the last one has ended, and a file's run ends only when this
// process has nothing left running (node:test ends a run in this process when the event loop empties, as a file's own
// process would end), so no socket, timer or server of one file lives on into the next. The environment is put back
// as it was after each file. A file that leaves something running is failed after a grace time, named with what it
// left, and its worker replaced.
import { run } from 'node:test';
import { describeOpen, endedByTheRunner } from '../../test/support/leftovers.ts';
import { crossable, type ToParent, type ToWorker } from './test-pool-events.ts';

/** How long a file may keep this process busy after its last top-level test (the root hooks close its platforms). */
const GRACE_MS = Number(process.env.YIZHAN_TEST_LEFTOVER_MS ?? 90_000);
/** A worker that has grown past this is replaced before its next file: what stays cached of finished files is let go. */
const RSS_LIMIT = 1.5 * 1024 ** 3;

// The IPC channel would hold the event loop open, and with it every file's run: it is held only between files.
const channel = process.channel as unknown as { ref(): void; unref(): void };
const send = (m: ToParent) => process.send?.(m);
endedByTheRunner();

async function runFile(file: string, timeoutMs: number): Promise<void> {
  const env = { ...process.env };
  let pending: unknown[] = [];
  const flush = () => {
    if (pending.length) send({ kind: 'events', file, events: pending });
    pending = [];
  };
  let running = 0;
  let watchdog: NodeJS.Timeout | undefined;
  let ok = true;
  channel.unref();
  for await (const event of run({ files: [file], isolation: 'none', timeout: timeoutMs })) {
    pending.push(crossable(event));
    const data = event.data as { nesting?: number; file?: string; success?: boolean };
    if (event.type === 'test:summary' && !data.file) ok = Boolean(data.success);
    if (data.nesting !== 0 || !data.file) continue;
    if (event.type === 'test:dequeue') {
      running++;
      clearTimeout(watchdog);
    } else if (event.type === 'test:pass' || event.type === 'test:fail') {
      running = Math.max(0, running - 1);
      flush();
      if (running === 0) {
        clearTimeout(watchdog);
        watchdog = setTimeout(() => {
          send({ kind: 'leftover', file, why: `this test file had not ended ${GRACE_MS / 1000} s after its last test. Still open:\n${describeOpen()}` });
          process.exit(1);
        }, GRACE_MS).unref();
      }
    }
  }
  clearTimeout(watchdog);
  flush();
  for (const key of Object.keys(process.env)) if (!(key in env)) delete process.env[key];
  Object.assign(process.env, env);
  process.exitCode = undefined;
  channel.ref();
  send({ kind: 'done', file, ok, recycle: !ok || process.memoryUsage.rss() > RSS_LIMIT });
}

process.on('message', (m: ToWorker) => {
  if (m.kind === 'stop') process.exit(0);
  runFile(m.file, m.timeoutMs).catch((e) => {
    send({ kind: 'leftover', file: m.file, why: `the test runner failed: ${(e as Error).stack}` });
    process.exit(1);
  });
});
send({ kind: 'ready' });
