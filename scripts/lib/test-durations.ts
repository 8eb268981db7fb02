// A node:test reporter that prints, after the run, how long each test file took: from its first event after it was
// queued to its last, wall-clock (a file's events can arrive after its process started, so this is a guide to where
// the minutes go, not a stopwatch). With two workers the run lasts about as long as the busier one, so the list says where to cut.
import path from 'node:path';

type Event = { type: string; data?: { file?: string } };

export default async function* testDurations(source: AsyncIterable<Event>): AsyncGenerator<string> {
  const seen = new Map<string, { first: number; last: number }>();
  const started = Date.now();
  for await (const event of source) {
    // Events name a file by a relative or an absolute path: one key for both.
    const file = event.data?.file && path.resolve(event.data.file);
    // Every file is enqueued at the start; it holds a worker from its dequeue on.
    if (!file || event.type === 'test:enqueue') continue;
    const now = Date.now();
    const span = seen.get(file);
    if (span) span.last = now;
    else seen.set(file, { first: now, last: now });
  }
  const rows = [...seen].map(([file, s]) => ({ file: path.relative(process.cwd(), file), seconds: (s.last - s.first) / 1000 }));
  rows.sort((a, b) => b.seconds - a.seconds);
  const total = rows.reduce((sum, r) => sum + r.seconds, 0);
  yield `\n▶ time per test file (wall-clock, ${rows.length} files, ${total.toFixed(0)} s in all, run ${((Date.now() - started) / 1000).toFixed(0)} s)\n`;
  for (const r of rows.slice(0, 20)) yield `  ${r.seconds.toFixed(1).padStart(7)} s  ${r.file}\n`;
}
