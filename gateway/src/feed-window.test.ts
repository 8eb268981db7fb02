import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { PublishedEvent } from '@yizhan/common';
import { FeedWindow } from './feed-window.ts';

const event = (seq: number, orgPath: string, otherPath: string | null = null): PublishedEvent => ({
  seq,
  schema: 'documents',
  type: 'delivery.delivered',
  orgPath,
  otherPath,
  payload: {},
  occurredAt: '2026-12-02T00:00:00.000Z',
});

// A city (p61.c6101) sends to two of its counties, one county reports up to the province, a county of another city.
const FEED = [
  event(1, 'p61.c6101.k610102', 'p61.c6101'),
  event(2, 'p61.c6101.k610103', 'p61.c6101'),
  event(4, 'p61', 'p61.c6101.k610102'),
  event(5, 'p61.c6102.k610202', 'p61.c6102'),
  event(7, 'p61.c6101.k610103', 'p61.c6101'),
];

/** Documents' feed read back, `pageSize` events a page, counting the reads. */
function documents(pageSize: number) {
  const reads: [number, number][] = [];
  const read = async (after: number, upTo: number) => {
    reads.push([after, upTo]);
    const page = FEED.filter((e) => e.seq > after && e.seq <= upTo).slice(0, pageSize);
    return { events: page, readTo: page.length < pageSize ? upTo : (page.at(-1)?.seq ?? upTo) };
  };
  return { read, reads };
}

const seqs = (events: PublishedEvent[] | null) => events?.map((e) => e.seq) ?? null;

test('subscribers of sibling units resuming inside the window get only their own units’ events after their cursors, with no read', async () => {
  const { read, reads } = documents(100);
  const w = new FeedWindow({ read, maxEvents: 100, maxSpan: 100 });
  w.anchor(0);
  for (const e of FEED) w.append(e);
  assert.deepEqual(seqs(await w.replay(0, 7, 'p61.c6101.k610102')), [1, 4], 'its delivery and its report to the province, nothing of its sibling');
  assert.deepEqual(seqs(await w.replay(2, 7, 'p61.c6101.k610103')), [7], 'only what followed its cursor');
  assert.deepEqual(seqs(await w.replay(1, 5, 'p61.c6101')), [2, 4], 'the city its counties’ events up to the position asked, each once');
  assert.deepEqual(seqs(await w.replay(0, 7, 'p61.c6102')), [5]);
  assert.deepEqual(seqs(await w.replay(3, 7, 'p61')), [4, 5, 7]);
  assert.deepEqual(seqs(await w.replay(0, 7, 'p62')), [], 'another province nothing');
  assert.deepEqual(reads, [], 'all from memory');
});

test('cursors before the window are read back once for everyone who resumes in the same moment, a page at a time', async () => {
  const { read, reads } = documents(2);
  const w = new FeedWindow({ read, maxEvents: 100, maxSpan: 5 });
  // A gateway just started: its feed began at 5; 7 arrived since.
  w.anchor(5);
  w.append(event(7, 'p61.c6101.k610103', 'p61.c6101'));
  const [a, b, c] = await Promise.all([w.replay(0, 7, 'p61.c6101.k610102'), w.replay(1, 7, 'p61.c6101.k610103'), w.replay(3, 7, 'p61')]);
  assert.deepEqual(seqs(a), [1, 4]);
  assert.deepEqual(seqs(b), [2, 7]);
  assert.deepEqual(seqs(c), [4, 5, 7]);
  assert.deepEqual(
    reads,
    [
      [0, 5],
      [2, 5],
    ],
    'one reading back from the oldest cursor to the window’s start, in pages',
  );
  assert.deepEqual(seqs(await w.replay(0, 7, 'p61.c6101')), [1, 2, 4, 7], 'and it stays');
  assert.equal(reads.length, 2);
});

test('a cursor too far back is not the window’s; a full window drops its oldest quarter; a fresh feed starts it again', async () => {
  const { read } = documents(100);
  const w = new FeedWindow({ read, maxEvents: 4, maxSpan: 2 });
  assert.equal(await w.replay(0, 0, 'p61'), null, 'no position yet');
  w.anchor(4);
  assert.equal(await w.replay(1, 4, 'p61'), null, 'three before the window, two allowed');
  for (let seq = 5; seq <= 9; seq++) w.append(event(seq, 'p61.c6101'));
  assert.equal(w.size, 3, 'five appended to a window of four: the oldest quarter of five (two) dropped');
  assert.deepEqual(seqs(await w.replay(6, 9, 'p61')), [7, 8, 9]);
  w.anchor(9);
  assert.equal(w.size, 3, 'the feed resumed where it was: kept');
  w.anchor(20);
  assert.equal(w.size, 0, 'a feed started afresh: the window starts again there');
});
