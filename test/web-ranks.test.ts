// A ranking's places (web/lib/ranks.ts): equal figures share a place, the next takes the place after them all.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sharedPlaces } from '../web/lib/ranks.ts';

test('equal figures share a place; the next unit is placed after all of them', () => {
  assert.deepEqual(
    sharedPlaces([1, 1, 0.9, 0.9, 0.9, 0.5], (r) => r),
    [1, 1, 3, 3, 3, 6],
  );
  assert.deepEqual(
    sharedPlaces([], (r: number) => r),
    [],
  );
  assert.deepEqual(
    sharedPlaces(['a', 'b', 'c'], (x) => x),
    [1, 2, 3],
    'all different: one to three',
  );
});
