// The test files, run by a few long-lived worker processes instead of one new process per file (node --test's way).
// A file's process paid about 3 s of CPU to load the platform's three thousand modules and about 1 s more for its
// first platform start before any test ran; a worker pays them once and runs file after file, each file still alone
// in it (scripts/lib/test-pool-worker.ts). The workers report node:test's own events, which feed node's spec
// reporter and ours as `node --test` would. The files run in the order given, but that a file the caller keeps apart
// (a browser suite) is not started beside another while some other file is left to run.
import { type ChildProcess, fork } from 'node:child_process';
import path from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import type { TestEvent } from 'node:test/reporters';
import { spec } from 'node:test/reporters';
import { repoRoot } from '@yizhan/common';
import { fileFailed, reviveEvent, type ToParent, type ToWorker } from './test-pool-events.ts';
import { loadTypeScript } from './typescript-args.ts';

/** A reporter as node:test takes one: the events in, the text out. */
export type Reporter = (source: AsyncIterable<TestEvent>) => AsyncIterable<string>;

export interface TestPoolOptions {
  files: string[];
  /** Worker processes, each running one file at a time. */
  workers: number;
  /** Each test's and hook's limit. */
  timeoutMs: number;
  env: NodeJS.ProcessEnv;
  /** Reporters beside node's spec reporter, each written to stdout. */
  reporters?: Reporter[];
  /**
   * Files not to run beside one another while another file can run instead: each drives a browser and a dashboard
   * server besides its platform, nearly both cores, so two at once take each about twice as long (dashboard.test.ts:
   * 245 s alone, 415–445 s beside another browser file).
   */
  apart?: (file: string) => boolean;
}

const COUNTS = ['tests', 'suites', 'passed', 'failed', 'cancelled', 'skipped', 'todo'] as const;
// The words node --test prints its counts under.
const COUNT_WORDS: Record<(typeof COUNTS)[number], string> = {
  tests: 'tests',
  suites: 'suites',
  passed: 'pass',
  failed: 'fail',
  cancelled: 'cancelled',
  skipped: 'skipped',
  todo: 'todo',
};

const COUNT_LINE = /^(tests|suites|pass|fail|cancelled|skipped|todo|duration_ms) \S+$/;

/** Runs every file; resolves to the exit status node --test would have (0 when every file passed). */
export async function runTestPool(opts: TestPoolOptions): Promise<number> {
  const started = performance.now();
  const queue = [...opts.files];
  const running = new Set<string>();
  /** The next file in order, or, while a file to keep apart runs, the first in order not to be kept apart, if any is left. */
  const take = () => {
    const apart = opts.apart;
    const crowded = apart && [...running].some(apart);
    const i = crowded
      ? Math.max(
          0,
          queue.findIndex((f) => !apart(f)),
        )
      : 0;
    const file = queue.splice(i, 1)[0];
    if (file) running.add(file);
    return file;
  };
  const counts = Object.fromEntries(COUNTS.map((c) => [c, 0])) as Record<(typeof COUNTS)[number], number>;
  let success = true;
  const children = new Set<ChildProcess>();

  const reporters: Reporter[] = [(source) => Readable.from(source).pipe(new spec()), ...(opts.reporters ?? [])];
  const sinks = reporters.map((reporter) => {
    const source = new PassThrough({ objectMode: true });
    const done = (async () => {
      for await (const chunk of reporter(source)) process.stdout.write(chunk);
    })();
    return { source, done };
  });
  const emit = (event: TestEvent) => {
    for (const s of sinks) s.source.write(event);
  };
  /** The file-level events node --test gives each file (our durations reporter times a file by them). */
  const fileEvent = (type: 'test:dequeue' | 'test:complete', file: string, passed = true) =>
    emit({
      type,
      data: { name: file, file, nesting: 0, ...(type === 'test:complete' ? { details: { passed, duration_ms: 0 }, testNumber: 0 } : {}) },
    } as unknown as TestEvent);
  const failFile = (file: string, why: string) => {
    success = false;
    counts.tests++;
    counts.failed++;
    // Shaped as node:test's own failures are: the reporters print the cause.
    const error = Object.assign(new Error(why, { cause: new Error(why) }), { code: 'ERR_TEST_FAILURE', failureType: 'testCodeFailure' });
    emit(fileFailed(file, error) as unknown as TestEvent);
  };

  /** One worker process, from its start to its exit: it takes files from the queue until none is left, it is to be replaced, or it dies. */
  const worker = () =>
    new Promise<void>((resolve, reject) => {
      const child = fork(path.join(import.meta.dirname, 'test-pool-worker.ts'), [], {
        // run()'s own timeout reaches only the tests at the top: the flag gives every test, suite and hook its limit.
        execArgv: [...loadTypeScript, `--test-timeout=${opts.timeoutMs}`],
        cwd: repoRoot,
        env: opts.env,
        stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
        serialization: 'advanced',
      });
      children.add(child);
      let ready = false;
      let gone = false;
      let current: string | undefined;
      /** The file this worker ran before the current one, and whether any test of the current one has ended yet. */
      let previous: string | undefined;
      let heard = false;
      let lastWords: string | undefined;
      // A send to a worker that has just died is answered by its 'close', below.
      const send = (m: ToWorker) => {
        if (!gone) child.send(m, (e) => e && child.kill('SIGKILL'));
      };
      child.on('error', () => child.kill('SIGKILL'));
      const next = () => {
        current = take();
        heard = false;
        if (!current) return send({ kind: 'stop' });
        fileEvent('test:dequeue', current);
        send({ kind: 'run', file: current, timeoutMs: opts.timeoutMs });
      };
      child.on('message', (m: ToParent) => {
        if (gone) return;
        if (m.kind === 'ready') {
          ready = true;
          return next();
        }
        if (m.kind === 'leftover') {
          lastWords = m.why;
          return;
        }
        if (m.kind === 'events') {
          heard = true;
          for (const raw of m.events) {
            const event = reviveEvent(raw);
            const data = event.data as { file?: string; nesting?: number; counts?: Record<string, number>; success?: boolean };
            // Each file's run ends with the counts of that file alone: added up here, printed once at the end.
            if (event.type === 'test:summary' && !data.file) {
              for (const c of COUNTS) counts[c] += data.counts?.[c] ?? 0;
              if (!data.success && !data.counts?.failed && !data.counts?.cancelled)
                failFile(m.file, 'the file failed outside its tests (an error after a test had ended, say: see the messages above)');
              else if (!data.success) success = false;
              continue;
            }
            if (event.type === 'test:plan' && !data.file && data.nesting === 0) continue;
            // The root's count lines, printed once for the whole run below; what else the root says is passed on.
            if (event.type === 'test:diagnostic' && !data.file && data.nesting === 0 && COUNT_LINE.test((data as { message?: string }).message ?? '')) continue;
            emit(event);
          }
          return;
        }
        if (m.kind !== 'done') return;
        // A file is done: the next one, here or, after a failure or once this process has grown large, in a fresh one.
        fileEvent('test:complete', m.file, m.ok);
        running.delete(m.file);
        previous = m.file;
        current = undefined;
        if (m.recycle) send({ kind: 'stop' });
        else next();
      });
      // 'close', not 'exit': its messages still in the pipe (a leftover's words, a 'done') have been read by then.
      child.once('close', (code, signal) => {
        gone = true;
        children.delete(child);
        if (!ready) return reject(new Error(`a test worker did not start (${signal ?? `exit code ${code}`})`));
        if (current) {
          running.delete(current);
          const ended = `the test process ended (${signal ?? `exit code ${code}`})`;
          // Before any test of the file ended, the death may be the file's own doing (its before(), its first test) or the
          // last file's (a timer it left, firing now): both are named, neither is blamed alone.
          const why =
            heard || !previous
              ? `${ended} while this file ran`
              : `${ended} before any test of this file ended: this file's doing, or the file this worker ran before it (${previous}) may have left the cause`;
          failFile(current, lastWords ?? why);
          fileEvent('test:complete', current, false);
        }
        resolve();
      });
    });
  // Each slot replaces its worker until the queue is empty.
  const slot = async () => {
    while (queue.length) await worker();
  };
  try {
    await Promise.all(Array.from({ length: Math.min(opts.workers, queue.length) }, slot));
  } catch (e) {
    // No worker goes on against a database the caller is about to stop.
    for (const child of children) child.kill('SIGKILL');
    throw e;
  }

  const words = COUNTS.map((c) => `${COUNT_WORDS[c]} ${counts[c]}`);
  for (const message of [...words, `duration_ms ${performance.now() - started}`])
    emit({ type: 'test:diagnostic', data: { message, nesting: 0 } } as unknown as TestEvent);
  for (const s of sinks) s.source.end();
  await Promise.all(sinks.map((s) => s.done));
  return success ? 0 : 1;
}
