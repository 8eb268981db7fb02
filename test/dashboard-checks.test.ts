// The supervision page's check status (seed 000 §10): the last and next inbox checks on the province's working days;
// and the calendar's holidays entered first day to last.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkStatus, daysFromTo } from '../web/lib/checks.ts';

const at = (beijing: string) => new Date(`${beijing}:00+08:00`);

test('on a working day between the checks: this morning’s passed, this afternoon’s next', () => {
  assert.deepEqual(checkStatus({ checkTimes: ['09:00', '15:00'] }, at('2026-11-23T10:30')), { last: '2026-11-23 09:00', next: '2026-11-23 15:00' });
});

test('after Friday’s last check the next one is Monday morning', () => {
  assert.deepEqual(checkStatus({}, at('2026-11-27T16:00')), { last: '2026-11-27 15:00', next: '2026-11-30 09:00' });
});

test('the province’s calendar moves checks: a holiday Monday is skipped, a make-up Saturday counts', () => {
  const days = [
    { day: '2026-11-28', working: true, note: '调休' },
    { day: '2026-11-30', working: false, note: '假日' },
  ];
  assert.deepEqual(checkStatus({ days }, at('2026-11-27T16:00')), { last: '2026-11-27 15:00', next: '2026-11-28 09:00' });
  assert.deepEqual(checkStatus({ days }, at('2026-11-28T18:00')), { last: '2026-11-28 15:00', next: '2026-12-01 09:00' });
});

test('exactly at a check time, that check has happened', () => {
  assert.deepEqual(checkStatus({ checkTimes: ['15:00', '09:00'] }, at('2026-11-23T15:00')), { last: '2026-11-23 15:00', next: '2026-11-24 09:00' });
});

test('a holiday entered from its first day to its last is each of its days; a range backwards or too long is none', () => {
  assert.deepEqual(daysFromTo('2027-09-30', '2027-10-02'), ['2027-09-30', '2027-10-01', '2027-10-02']);
  assert.deepEqual(daysFromTo('2027-01-01', ''), ['2027-01-01'], 'no last day: the day alone');
  assert.equal(daysFromTo('2027-01-03', '2027-01-01'), null);
  assert.equal(daysFromTo('2027-01-01', '2027-02-01'), null, '32 days');
  assert.equal(daysFromTo('2027-01-01', '2027-01-31')?.length, 31);
});
