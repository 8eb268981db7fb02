import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { cleanEndsAt, cleanPhone, cleanText, faultState, isShowing, mayAnswerFault, mayPublishTo, mayWithdraw, outageNotice } from './emergency.ts';

const at = (hhmm: string) => new Date(`2026-11-30T${hhmm}:00+08:00`);
const fault = (o: Partial<Parameters<typeof faultState>[0]> = {}) => ({
  reportedAt: at('09:00'),
  respondedAt: null,
  escalatedAt: null,
  resolvedAt: null,
  ...o,
});

describe('fault report timers (003 §44–45)', () => {
  test('an hour to answer, two to fix', () => {
    const s = faultState(fault(), at('09:30'));
    assert.deepEqual([s.status, s.responseLate, s.escalationDue], ['REPORTED', false, false]);
    assert.equal(s.responseDueAt.toISOString(), at('10:00').toISOString());
    assert.equal(s.escalationDueAt.toISOString(), at('11:00').toISOString());
    assert.equal(faultState(fault(), at('10:01')).responseLate, true, 'not answered within the hour');
    assert.equal(faultState(fault(), at('11:01')).escalationDue, true, 'two hours without a fix');
  });
  test('answered in time stays in time; answered late stays late', () => {
    assert.equal(faultState(fault({ respondedAt: at('09:40') }), at('12:00')).responseLate, false);
    assert.equal(faultState(fault({ respondedAt: at('10:20') }), at('12:00')).responseLate, true);
    assert.equal(faultState(fault({ resolvedAt: at('09:50'), respondedAt: null }), at('12:00')).responseLate, false, 'fixed within the hour is an answer');
  });
  test('escalated or resolved: no escalation is due; the status follows the last step', () => {
    assert.equal(faultState(fault({ respondedAt: at('09:40'), escalatedAt: at('11:05') }), at('12:00')).escalationDue, false);
    assert.equal(faultState(fault({ respondedAt: at('09:40'), escalatedAt: at('11:05') }), at('12:00')).status, 'ESCALATED');
    assert.equal(faultState(fault({ respondedAt: at('09:40'), resolvedAt: at('10:30') }), at('12:00')).status, 'RESOLVED');
    assert.equal(faultState(fault({ respondedAt: at('09:40'), resolvedAt: at('10:30') }), at('12:00')).escalationDue, false);
  });
});

describe('who answers and who publishes', () => {
  const admin = (orgPath: string) => ({ orgPath, roles: ['ADMIN'] });
  test('an administrator above answers a unit’s fault; the top unit answers its own; nobody else', () => {
    assert.equal(mayAnswerFault(admin('sx'), 'sx.xa.xc'), true);
    assert.equal(mayAnswerFault(admin('sx.xa'), 'sx.xa.xc'), true);
    assert.equal(mayAnswerFault(admin('sx'), 'sx'), true, 'the province answers its own');
    assert.equal(mayAnswerFault(admin('sx.xa'), 'sx.xa'), false, 'a city does not answer its own fault');
    assert.equal(mayAnswerFault(admin('sx.bj'), 'sx.xa.xc'), false, 'another city');
    assert.equal(mayAnswerFault({ orgPath: 'sx', roles: ['CLERK'] }, 'sx.xa'), false, 'not an administrator');
  });
  test('publishing reaches one’s own subtree only; withdrawing is for the publisher’s unit and above', () => {
    assert.equal(mayPublishTo(admin('sx.xa'), 'sx.xa'), true);
    assert.equal(mayPublishTo(admin('sx.xa'), 'sx.xa.xc'), true);
    assert.equal(mayPublishTo(admin('sx.xa'), 'sx'), false);
    assert.equal(mayPublishTo(admin('sx.xa'), 'sx.bj'), false);
    assert.equal(mayWithdraw(admin('sx'), 'sx.xa'), true);
    assert.equal(mayWithdraw(admin('sx.xa.xc'), 'sx.xa'), false);
  });
});

describe('input', () => {
  test('texts are trimmed and bounded, naming the field', () => {
    assert.equal(cleanText('  无法接收  ', 'description', 10), '无法接收');
    assert.throws(() => cleanText('   ', 'description', 10), /description must not be empty/);
    assert.throws(() => cleanText('长'.repeat(11), 'title', 10), /title is 11 characters long/);
    assert.throws(() => cleanText('a\u0000b', 'title', 10), /control characters/);
    assert.throws(() => cleanText('公告\n第二行', 'title', 10, true), /control characters/, 'a title is one line');
    assert.equal(cleanText('第一行\n第二行', 'body', 10), '第一行\n第二行', 'a body has lines');
    assert.equal(cleanPhone(' 029-86123456 '), '029-86123456');
    assert.equal(cleanPhone(''), null);
    assert.throws(() => cleanPhone('call me'), /not a telephone number/);
  });
  test('an end in the future, within a year', () => {
    const now = at('09:00');
    assert.equal(cleanEndsAt(null, now), null);
    assert.throws(() => cleanEndsAt(at('08:00'), now), /in the past/);
    assert.throws(() => cleanEndsAt(new Date('2028-01-01'), now), /more than a year/);
    assert.equal(cleanEndsAt(at('18:00'), now)?.toISOString(), at('18:00').toISOString());
  });
  test('showing until withdrawn or ended; the outage notice says paper', () => {
    assert.equal(isShowing({ withdrawnAt: null, endsAt: null }, at('09:00')), true);
    assert.equal(isShowing({ withdrawnAt: at('08:00'), endsAt: null }, at('09:00')), false);
    assert.equal(isShowing({ withdrawnAt: null, endsAt: at('08:59') }, at('09:00')), false);
    const n = outageNotice('陕西省', '更换故障服务器');
    assert.match(n.title, /陕西省电子公文传输系统故障，请改用纸质公文传递/);
    assert.match(n.body, /处置方案：更换故障服务器/);
  });
});
