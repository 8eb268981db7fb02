import assert from 'node:assert/strict';
import { test } from 'node:test';
import { YizhanError } from '@yizhan/common';
import { cleanCalendarInput } from './supervision.ts';

const refusedField = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    assert.ok(e instanceof YizhanError);
    return { field: e.extensions.field, message: e.message };
  }
  return null;
};

test('a change of the calendar names each day once, as a date, its note a short line; refused naming the field, the value not quoted', () => {
  const times = ['09:00', '15:00'];
  assert.deepEqual(cleanCalendarInput(times, [{ day: '2026-10-01', working: false, note: ' 国庆节 ' }], []).days, [
    { day: '2026-10-01', working: false, note: '国庆节' },
  ]);
  const twice = refusedField(() =>
    cleanCalendarInput(
      times,
      [
        { day: '2026-10-01', working: true },
        { day: '2026-10-01', working: false },
      ],
      [],
    ),
  );
  assert.equal(twice?.field, 'days[1].day');
  assert.equal(refusedField(() => cleanCalendarInput(times, [{ day: '2026-10-01', working: false }], ['2026-10-01']))?.field, 'removeDays[0]');
  const notDay = refusedField(() => cleanCalendarInput(times, [{ day: '<b>x</b>', working: false }], []));
  assert.equal(notDay?.field, 'days[0].day');
  assert.doesNotMatch(notDay?.message ?? '', /<b>/);
  assert.equal(refusedField(() => cleanCalendarInput(times, [{ day: '2026-10-02', working: false, note: '国庆\n节' }], []))?.field, 'days[0].note');
  assert.equal(refusedField(() => cleanCalendarInput(['25:00'], [], []))?.field, 'checkTimes');
  assert.equal(refusedField(() => cleanCalendarInput(['09:00', '09:00'], [], []))?.field, 'checkTimes', 'a time named twice');
});
