import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { PublishedEvent } from '@yizhan/common';
import { type ReplayAsk, sharedReplay } from './shared-replay.ts';

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

function feed(pageSize: number) {
  const reads: [number, number][] = [];
  const read = async (after: number, upTo: number) => {
    reads.push([after, upTo]);
    const page = FEED.filter((e) => e.seq > after && e.seq <= upTo).slice(0, pageSize);
    return { events: page, readTo: page.length < pageSize ? upTo : (page.at(-1)?.seq ?? upTo) };
  };
  return { read, reads };
}

test('subscribers of sibling units resuming together are answered from one read, each with only its own units’ events after its cursor', async () => {
  const { read, reads } = feed(100);
  const alone: ReplayAsk[] = [];
  const replay = sharedReplay({
    read,
    alone: async (a) => {
      alone.push(a);
      return [];
    },
    maxSpan: 1000,
    maxAsks: 100,
  });
  const [k102, k103, city, otherCity, province] = await Promise.all([
    replay({ after: 0, upTo: 7, scopePath: 'p61.c6101.k610102' }),
    replay({ after: 2, upTo: 7, scopePath: 'p61.c6101.k610103' }),
    replay({ after: 1, upTo: 5, scopePath: 'p61.c6101' }),
    replay({ after: 0, upTo: 7, scopePath: 'p61.c6102' }),
    replay({ after: 3, upTo: 7, scopePath: 'p61' }),
  ]);
  assert.deepEqual(reads, [[0, 7]], 'one read from the oldest cursor to the furthest position');
  assert.deepEqual(
    k102?.map((e) => e.seq),
    [1, 4],
    'its delivery and its report to the province (an end at its unit), nothing of its sibling',
  );
  assert.deepEqual(
    k103?.map((e) => e.seq),
    [7],
    'only what followed its cursor',
  );
  assert.deepEqual(
    city?.map((e) => e.seq),
    [2, 4],
    'the city sees its counties’ events, up to the position it asked for, each once',
  );
  assert.deepEqual(
    otherCity?.map((e) => e.seq),
    [5],
  );
  assert.deepEqual(
    province?.map((e) => e.seq),
    [4, 5, 7],
  );
  assert.equal(alone.length, 0);
});

test('a long replay is read a page at a time; a cursor too far back is replayed alone', async () => {
  const { read, reads } = feed(2);
  const alone: ReplayAsk[] = [];
  const replay = sharedReplay({
    read,
    alone: async (a) => {
      alone.push(a);
      return [event(99, a.scopePath)];
    },
    maxSpan: 5,
    maxAsks: 100,
  });
  const [shared, far] = await Promise.all([
    replay({ after: 2, upTo: 7, scopePath: 'p61' }),
    replay({ after: 2, upTo: 7, scopePath: 'p61.c6101' }).then(() => replay({ after: 0, upTo: 9, scopePath: 'p61.c6101.k610103' })),
  ]);
  assert.deepEqual(
    shared?.map((e) => e.seq),
    [4, 5, 7],
  );
  assert.deepEqual(
    far?.map((e) => e.seq),
    [99],
    'asked of documents on its own',
  );
  assert.deepEqual(alone, [{ after: 0, upTo: 9, scopePath: 'p61.c6101.k610103' }]);
  assert.deepEqual(
    reads,
    [
      [2, 7],
      [5, 7],
    ],
    'two pages, for both asks of the turn',
  );
});
