// A node:test reporter that prints, after the run, how long each test file held a worker and when it began: from the
// file's dequeue (a worker took it) to its completion. The worker time against the run's length says whether the two
// workers were busy to the end (then only less work shortens the run: the files run in the order given, sorted, but for the browser files kept apart) or one
// waited on a late, long file.
import path from 'node:path';
import type { TestEvent } from 'node:test/reporters';

export default async function* testDurations(source: AsyncIterable<TestEvent>): AsyncGenerator<string> {
  const spans = new Map<string, { start: number; end: number }>();
  const started = Date.now();
  for await (const event of source) {
    const { file, name, nesting } = (event.data ?? {}) as { file?: string; name?: string; nesting?: number };
    // A file's own events name it by its path at nesting 0; its tests' events carry their own names.
    if (!file || !name || nesting !== 0 || path.resolve(name) !== path.resolve(file)) continue;
    const key = path.relative(process.cwd(), path.resolve(file));
    const at = (Date.now() - started) / 1000;
    if (event.type === 'test:dequeue') spans.set(key, { start: at, end: at });
    else if (event.type === 'test:complete') {
      const span = spans.get(key);
      if (span) span.end = at;
    }
  }
  const rows = [...spans].map(([file, s]) => ({ file, start: s.start, seconds: s.end - s.start }));
  rows.sort((a, b) => b.seconds - a.seconds);
  const total = rows.reduce((sum, r) => sum + r.seconds, 0);
  const run = (Date.now() - started) / 1000;
  yield `\n▶ time per test file (${rows.length} files, ${total.toFixed(0)} s of worker time, run ${run.toFixed(0)} s)\n`;
  // The twenty longest; every file with YIZHAN_TEST_DURATIONS_ALL=1 (what a whole file's fixed cost is, from the short ones).
  for (const r of rows.slice(0, process.env.YIZHAN_TEST_DURATIONS_ALL === '1' ? rows.length : 20))
    yield `  ${r.seconds.toFixed(1).padStart(7)} s  from ${r.start.toFixed(0).padStart(5)} s  ${r.file}\n`;
  const last = [...rows].sort((a, b) => b.start + b.seconds - (a.start + a.seconds))[0];
  if (last) yield `  the last to finish: ${last.file}, at ${(last.start + last.seconds).toFixed(0)} s\n`;
}
