import assert from 'node:assert/strict';
import { test } from 'node:test';
import { certificateExpiry, crlExpiry, isOperator, kindOfAuthority, withinDaysProblem } from './expiry.ts';

const now = new Date('2026-12-01T00:00:00Z');
const days = (n: number) => new Date(now.getTime() + n * 86_400_000);
const hours = (n: number) => new Date(now.getTime() + n * 3_600_000);

test('a certificate warns within 30 days, is urgent within 7, expired once ended', () => {
  assert.equal(certificateExpiry(days(31), now).state, 'OK');
  assert.equal(certificateExpiry(days(30), now).state, 'WARNING');
  assert.equal(certificateExpiry(days(7), now).state, 'URGENT');
  assert.equal(certificateExpiry(days(-1), now).state, 'EXPIRED');
  assert.equal(Math.round(certificateExpiry(days(12), now).daysLeft), 12);
});

test('a CRL is due within six hours of its next update, overdue after it or without one', () => {
  assert.deepEqual(crlExpiry(hours(7), now).state, 'OK');
  assert.deepEqual(crlExpiry(hours(5), now).state, 'DUE');
  assert.deepEqual(crlExpiry(hours(-1), now).state, 'OVERDUE');
  assert.deepEqual(crlExpiry(null, now).state, 'OVERDUE');
});

test('the operators are the top unit’s administrators; the CA’s roles read as CA or TSA', () => {
  assert.equal(isOperator({ roles: ['ADMIN'], orgPath: 'p61' }), true);
  assert.equal(isOperator({ roles: ['ADMIN'], orgPath: 'p61.c6101' }), false);
  assert.equal(isOperator({ roles: ['CLERK', 'SUPERVISOR'], orgPath: 'p61' }), false);
  assert.equal(kindOfAuthority('TSA'), 'TSA');
  assert.equal(kindOfAuthority('SEAL_MAKER'), 'CA');
  assert.equal(withinDaysProblem(30), null);
  assert.ok(withinDaysProblem(0));
  assert.ok(withinDaysProblem(1.5));
});
