import assert from 'node:assert/strict';
import { test } from 'node:test';
import { bulletinCadence, nextPublication, periodBefore, periodStart, scheduledTitle } from './bulletin-schedule.ts';

const cn = (s: string) => new Date(`${s}+08:00`);

test('periods start at midnight China time: Monday, the 1st of the month, the 1st of the quarter', () => {
  // 2026-12-07 is a Monday; 00:30 on it in China is still the 6th in UTC.
  assert.deepEqual(periodStart('WEEKLY', cn('2026-12-07T00:30:00')), cn('2026-12-07T00:00:00'));
  assert.deepEqual(periodStart('WEEKLY', cn('2026-12-06T23:59:59')), cn('2026-11-30T00:00:00'));
  assert.deepEqual(periodStart('MONTHLY', cn('2026-12-01T00:00:00')), cn('2026-12-01T00:00:00'));
  assert.deepEqual(periodStart('MONTHLY', cn('2026-11-30T23:59:59')), cn('2026-11-01T00:00:00'));
  assert.deepEqual(periodStart('QUARTERLY', cn('2026-12-31T12:00:00')), cn('2026-10-01T00:00:00'));
  assert.deepEqual(periodStart('QUARTERLY', cn('2027-01-01T00:00:00')), cn('2027-01-01T00:00:00'));
});

test('the next publication is the start of the next period, across a year’s end', () => {
  assert.deepEqual(nextPublication('MONTHLY', cn('2026-12-07T10:00:00')), cn('2027-01-01T00:00:00'));
  assert.deepEqual(nextPublication('QUARTERLY', cn('2026-11-15T10:00:00')), cn('2027-01-01T00:00:00'));
  assert.deepEqual(nextPublication('WEEKLY', cn('2026-12-31T10:00:00')), cn('2027-01-04T00:00:00'));
  // At a boundary itself, the next one (that one is being published).
  assert.deepEqual(nextPublication('MONTHLY', cn('2027-01-01T00:00:00')), cn('2027-02-01T00:00:00'));
});

test('a bulletin covers the whole period before, to its last millisecond', () => {
  assert.deepEqual(periodBefore('MONTHLY', cn('2026-12-01T00:00:00')), { from: cn('2026-11-01T00:00:00'), to: cn('2026-11-30T23:59:59.999') });
  assert.deepEqual(periodBefore('MONTHLY', cn('2026-03-01T00:00:00')), { from: cn('2026-02-01T00:00:00'), to: cn('2026-02-28T23:59:59.999') });
  assert.deepEqual(periodBefore('QUARTERLY', cn('2027-01-01T00:00:00')), { from: cn('2026-10-01T00:00:00'), to: cn('2026-12-31T23:59:59.999') });
  assert.deepEqual(periodBefore('WEEKLY', cn('2026-12-07T00:00:00')), { from: cn('2026-11-30T00:00:00'), to: cn('2026-12-06T23:59:59.999') });
});

test('titles say the period as a reader would', () => {
  assert.equal(scheduledTitle('MONTHLY', periodBefore('MONTHLY', cn('2026-12-01T00:00:00'))), '2026年11月电子公文接收情况通报');
  assert.equal(scheduledTitle('QUARTERLY', periodBefore('QUARTERLY', cn('2027-01-01T00:00:00'))), '2026年第四季度电子公文接收情况通报');
  assert.equal(scheduledTitle('WEEKLY', periodBefore('WEEKLY', cn('2026-12-07T00:00:00'))), '2026年11月30日至12月6日电子公文接收情况通报');
  assert.equal(scheduledTitle('WEEKLY', periodBefore('WEEKLY', cn('2027-01-04T00:00:00'))), '2026年12月28日至2027年1月3日电子公文接收情况通报');
});

test('a cadence not known is refused naming the allowed ones, not the value sent', () => {
  assert.equal(bulletinCadence('MONTHLY'), 'MONTHLY');
  assert.throws(
    () => bulletinCadence('DAILY<script>'),
    (e: Error & { code?: string }) => e.message.includes('WEEKLY, MONTHLY, QUARTERLY') && !e.message.includes('script'),
  );
});
