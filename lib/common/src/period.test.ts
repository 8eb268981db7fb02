import assert from 'node:assert/strict';
import { test } from 'node:test';
import { YizhanError } from './errors.ts';
import { checkPeriod } from './period.ts';

const refusal = (f: () => unknown): Record<string, unknown> => {
  try {
    f();
  } catch (e) {
    assert.ok(e instanceof YizhanError);
    return { code: e.code, message: e.message, ...e.extensions };
  }
  assert.fail('not refused');
};
const day = (d: string) => new Date(`${d}T00:00:00+08:00`);

test('a period: open at either end, or its end after its start', () => {
  checkPeriod(null, null);
  checkPeriod(day('2026-12-01'), undefined);
  checkPeriod(undefined, day('2026-12-01'));
  checkPeriod(day('2026-12-01'), day('2026-12-02'));
});

test('an end before (or at) the start is refused naming the end, as its caller names it', () => {
  assert.deepEqual(
    refusal(() => checkPeriod(day('2026-12-07'), day('2026-12-01'))),
    {
      code: 'BAD_INPUT',
      message: 'The period ends before it starts',
      field: 'to',
      rule: { afterStart: true },
    },
  );
  assert.equal(refusal(() => checkPeriod(day('2026-12-07'), day('2026-12-07'), { from: 'filter.from', to: 'filter.to' })).field, 'filter.to');
});

test('a date that is none, and a period longer than allowed, are refused', () => {
  assert.equal(refusal(() => checkPeriod(new Date('no date'), null, { from: 'filter.from' })).field, 'filter.from');
  assert.equal(refusal(() => checkPeriod(null, new Date(Number.NaN))).field, 'to');
  checkPeriod(day('2026-01-01'), day('2027-01-01'), { maxDays: 366 });
  assert.deepEqual(refusal(() => checkPeriod(day('2026-01-01'), day('2027-01-03'), { maxDays: 366 })).rule, { periodDays: { max: 366 } });
});
