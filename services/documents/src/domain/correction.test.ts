// 修改后重发: which returned deliveries a correction answers, to whom it goes, its deadline, and what its send marks.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  answeredByCorrection,
  type CorrectableDelivery,
  correctionDeadline,
  correctionRecipients,
  refuseSecondCorrection,
  returnsToCorrect,
} from './correction.ts';
import { keepsReason } from './delivery.ts';

const CITY = 'city';
const delivery = (id: string, over: Partial<CorrectableDelivery> = {}): CorrectableDelivery => ({
  id,
  documentId: 'doc',
  senderOrgId: CITY,
  recipientOrgId: `unit-${id}`,
  recipientName: `单位${id}`,
  role: 'MAIN',
  printQuota: 1,
  status: 'RETURNED',
  stateReason: 'WRONG_FORMAT',
  stateNote: '缺页码',
  stateChangedAt: new Date('2026-11-30T02:00:00Z'),
  ...over,
});
const codeOf = (e: unknown) => (e as { extensions?: { code?: string } }).extensions?.code;

test('returned and resend-requested deliveries of one document are corrected together, each keeping its reason', () => {
  const { documentId, returns } = returnsToCorrect(
    [delivery('a'), delivery('b', { status: 'RESEND_REQUESTED', stateReason: 'CANNOT_RECEIVE', stateNote: '无法打开' }), delivery('a')],
    CITY,
  );
  assert.equal(documentId, 'doc');
  assert.deepEqual(
    returns.map((r) => [r.deliveryId, r.status, r.reason, r.note]),
    [
      ['a', 'RETURNED', 'WRONG_FORMAT', '缺页码'],
      ['b', 'RESEND_REQUESTED', 'CANNOT_RECEIVE', '无法打开'],
    ],
    'one per unit, the reasons kept',
  );
  assert.equal(returns[0]?.returnedAt, '2026-11-30T02:00:00.000Z');
});

test('nothing, another unit’s, two documents, or a delivery not waiting for an answer is refused', () => {
  assert.throws(
    () => returnsToCorrect([], CITY),
    (e) => codeOf(e) === 'BAD_INPUT',
  );
  assert.throws(
    () => returnsToCorrect([delivery('a')], 'county'),
    (e) => codeOf(e) === 'FORBIDDEN',
  );
  assert.throws(
    () => returnsToCorrect([delivery('a'), delivery('b', { documentId: 'other' })], CITY),
    (e) => codeOf(e) === 'BAD_INPUT',
  );
  for (const status of ['DELIVERED', 'RECEIVED', 'SIGNED', 'RESENT', 'RECALLED', 'CLOSED'] as const)
    assert.throws(
      () => returnsToCorrect([delivery('a', { status })], CITY),
      (e) => codeOf(e) === 'ILLEGAL_TRANSITION',
      status,
    );
});

test('the correction goes to the units that returned it, 主送 or 抄送 with their print quotas', () => {
  const { returns } = returnsToCorrect([delivery('a'), delivery('b', { role: 'CC' }), delivery('c'), delivery('d', { printQuota: 3 })], CITY);
  assert.deepEqual(correctionRecipients(returns), [
    { role: 'MAIN', printQuota: 1, orgIds: ['unit-a', 'unit-c'] },
    { role: 'CC', printQuota: 1, orgIds: ['unit-b'] },
    { role: 'MAIN', printQuota: 3, orgIds: ['unit-d'] },
  ]);
});

test('the deadline: the original’s while ahead; a passed one as long again from now, at least an hour', () => {
  const now = new Date('2026-12-01T00:00:00Z');
  assert.equal(correctionDeadline({ deadline: null, sentAt: now }, now), null);
  const ahead = new Date('2026-12-02T00:00:00Z');
  assert.equal(correctionDeadline({ deadline: ahead, sentAt: now }, now), ahead);
  const sent = new Date('2026-11-28T00:00:00Z');
  assert.equal(correctionDeadline({ deadline: new Date('2026-11-29T00:00:00Z'), sentAt: sent }, now)?.toISOString(), '2026-12-02T00:00:00.000Z');
  assert.equal(correctionDeadline({ deadline: new Date('2026-11-29T00:00:00Z'), sentAt: null }, now)?.toISOString(), '2026-12-01T01:00:00.000Z');
});

test('the send answers the originals of the units it reaches that still wait; a resend keeps the reason on the board', () => {
  const { returns } = returnsToCorrect([delivery('a'), delivery('b'), delivery('c')], CITY);
  const now = new Map([
    ['a', 'RETURNED'],
    ['b', 'RESENT'],
    ['c', 'RETURNED'],
  ] as const);
  assert.deepEqual([...answeredByCorrection(returns, ['unit-a', 'unit-b', 'unit-x'], now)], [['unit-a', 'a']], 'b was resent meanwhile, c not reached');
  assert.equal(keepsReason('RESEND'), true);
  assert.equal(keepsReason('CORRECT_RESEND'), true);
  assert.equal(keepsReason('RECALL'), false);
});

test('a second correction of a delivery is refused while the first is a draft, naming that draft', () => {
  const open = [{ id: 'draft-1', title: '关于……的通知', deliveryIds: ['a', 'b'] }];
  assert.doesNotThrow(() => refuseSecondCorrection([], ['a']));
  assert.doesNotThrow(() => refuseSecondCorrection(open, ['c']), 'other deliveries of the document are corrected apart');
  assert.throws(
    () => refuseSecondCorrection(open, ['c', 'b']),
    (e: unknown) => codeOf(e) === 'CORRECTION_DRAFT_OPEN' && (e as { extensions: { draftId: string; deliveryIds: string[] } }).extensions.draftId === 'draft-1',
  );
});
