// The dashboard's ways of saying times and sizes (web/lib/format.ts): a trend's steps as people name them.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { trendStepLabel } from '../web/lib/format.ts';

test('a trend’s step is named as people name it, not as an ISO date', () => {
  assert.equal(trendStepLabel('2026-11-01', 'month', 'zh'), '2026年11月');
  assert.equal(trendStepLabel('2026-11-23', 'week', 'zh'), '11月23日起一周');
  assert.equal(trendStepLabel('2026-11-05', 'day', 'zh'), '11月5日');
  assert.equal(trendStepLabel('2026-11-01', 'month', 'en'), 'Nov 2026');
  assert.equal(trendStepLabel('2026-11-23', 'week', 'en'), 'week of 23 Nov');
  assert.equal(trendStepLabel('2027-01-02', 'day', 'en'), '2 Jan');
});
