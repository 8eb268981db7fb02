// A live board's pace (app/live-receipts.ts `throttledBoard`): a change after a quiet interval is read and sent at
// once, not an interval later; changes that follow it closely are read together at the interval's end, so a board is
// still sent at most once an interval however fast its deliveries are signed for.
import assert from 'node:assert/strict';
import { performance } from 'node:perf_hooks';
import { test } from 'node:test';
import { encodeCursor, type PublishedEvent, PushQueue } from '@yizhan/common';
import { DOCUMENTS_CURSOR, throttledBoard } from '../src/app/live-receipts.ts';
import type { DocumentsContext } from '../src/deps.ts';

const INTERVAL = 1500;
const event = (seq: number): PublishedEvent => ({
  seq,
  schema: 'documents',
  type: 'delivery.signed',
  orgPath: 'p11',
  otherPath: null,
  payload: {},
  occurredAt: new Date().toISOString(),
});
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

test('a lone change is sent at once; the changes close behind it wait for the interval and are read as one', async () => {
  const events = new PushQueue<PublishedEvent>();
  const context = { deps: { settings: { boardIntervalMs: INTERVAL } }, log: { error: () => {} } } as unknown as DocumentsContext;
  const reads: (string | null)[] = [];
  const board = await throttledBoard(
    events,
    async (cursor) => {
      reads.push(cursor);
      return cursor;
    },
    context,
    'board failed',
  );
  const next = async () => {
    const r = await board.next();
    return { cursor: r.value as string | null, at: performance.now() };
  };
  assert.equal((await next()).cursor, null, 'the first reading, at once');

  await pause(INTERVAL + 100); // quiet for longer than the interval
  const changedAt = performance.now();
  events.push(event(7));
  const lone = await next();
  assert.equal(lone.cursor, encodeCursor(DOCUMENTS_CURSOR, 7));
  assert.ok(lone.at - changedAt < INTERVAL / 2, `sent ${Math.round(lone.at - changedAt)} ms after the change, not an interval later`);

  // Three more at once, just after: one reading of the last, when the interval since the lone one has passed.
  events.push(event(8));
  events.push(event(9));
  events.push(event(10));
  const together = await next();
  assert.equal(together.cursor, encodeCursor(DOCUMENTS_CURSOR, 10));
  assert.ok(together.at - lone.at >= INTERVAL - 20, `read ${Math.round(together.at - lone.at)} ms after the one before`);
  assert.deepEqual(reads, [null, encodeCursor(DOCUMENTS_CURSOR, 7), encodeCursor(DOCUMENTS_CURSOR, 10)], 'three readings in all');
  await board.return?.();
});
