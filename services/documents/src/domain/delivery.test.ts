// The delivery state machine, exhaustively: every status × action × side is either the one legal transition the
// table names, or a refusal that says why; 接收 and 签收 are two moments; 签收 once, and no 退回 after it.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DELIVERY_STATUSES, type DeliveryAction, type DeliveryStatus, mayOpenBeforeSigning, nextStatus, returnReasonOf, TRANSITIONS } from './delivery.ts';

const EXPECTED: Record<DeliveryAction, Partial<Record<DeliveryStatus, DeliveryStatus>>> = {
  OPEN: { DELIVERED: 'RECEIVED', RECEIVED: 'RECEIVED', PRINTED: 'PRINTED', SIGNED: 'SIGNED', CLOSED: 'CLOSED' },
  DOWNLOAD: { DELIVERED: 'RECEIVED', RECEIVED: 'RECEIVED', PRINTED: 'PRINTED', SIGNED: 'SIGNED', CLOSED: 'CLOSED' },
  PRINT: { DELIVERED: 'PRINTED', RECEIVED: 'PRINTED', PRINTED: 'PRINTED', SIGNED: 'SIGNED', CLOSED: 'CLOSED' },
  SIGN: { DELIVERED: 'SIGNED', RECEIVED: 'SIGNED', PRINTED: 'SIGNED' },
  RETURN: { DELIVERED: 'RETURNED', RECEIVED: 'RETURNED', PRINTED: 'RETURNED' },
  REQUEST_RESEND: { DELIVERED: 'RESEND_REQUESTED', RECEIVED: 'RESEND_REQUESTED' },
  RECALL: { DELIVERED: 'RECALLED' },
  RESEND: { RETURNED: 'RESENT', RESEND_REQUESTED: 'RESENT' },
  CORRECT_RESEND: { RETURNED: 'RESENT', RESEND_REQUESTED: 'RESENT' },
  CLOSE: { SIGNED: 'CLOSED' },
  // 撤并: everything its closed unit had not signed for, withdrawn by the platform; what it signed for stays.
  UNIT_CLOSED: { DELIVERED: 'RECALLED', RECEIVED: 'RECALLED', PRINTED: 'RECALLED', RETURNED: 'RECALLED', RESEND_REQUESTED: 'RECALLED' },
};

const codeOf = (e: unknown) => (e as { extensions?: { code?: string } }).extensions?.code;

test('every transition, legal and illegal, for each side', () => {
  let legal = 0;
  let refused = 0;
  for (const action of Object.keys(TRANSITIONS) as DeliveryAction[]) {
    for (const status of DELIVERY_STATUSES) {
      for (const side of ['RECIPIENT', 'SENDER', 'PLATFORM'] as const) {
        const expected = TRANSITIONS[action].by === side ? EXPECTED[action][status] : undefined;
        if (expected) {
          assert.equal(nextStatus(status, action, side), expected, `${status} --${action}/${side}--> ${expected}`);
          legal++;
        } else {
          assert.throws(
            () => nextStatus(status, action, side),
            (e: Error) => ['ILLEGAL_TRANSITION', 'FORBIDDEN', 'ALREADY_SIGNED'].includes(codeOf(e) ?? '') && e.message.length > 20,
            `${status} --${action}/${side}--> refused`,
          );
          refused++;
        }
      }
    }
  }
  assert.equal(legal, 34);
  assert.equal(refused, 11 * 9 * 3 - 34);
  assert.throws(() => nextStatus('RECEIVED', 'RECALL', 'SENDER'), /received \(not yet signed for\) cannot be recalled/);
  assert.throws(() => nextStatus('DELIVERED', 'RECALL', 'RECIPIENT'), /Only the sending unit/);
  assert.throws(() => nextStatus('DELIVERED', 'UNIT_CLOSED', 'SENDER'), /Only the platform/, 'no person withdraws for a closed unit');
  assert.throws(() => nextStatus('SIGNED', 'UNIT_CLOSED', 'PLATFORM'), /signed for cannot be withdrawn for its closed unit/);
});

test('签收 is once, and what is signed for is neither returned nor resent: ALREADY_SIGNED', () => {
  for (const status of ['SIGNED', 'CLOSED'] as const) {
    for (const action of ['SIGN', 'RETURN', 'REQUEST_RESEND'] as const) {
      assert.throws(
        () => nextStatus(status, action, 'RECIPIENT'),
        (e: Error) => codeOf(e) === 'ALREADY_SIGNED',
        `${action} after 签收 (${status})`,
      );
    }
  }
  assert.throws(() => nextStatus('SIGNED', 'SIGN', 'RECIPIENT'), /already signed for/);
});

test('办结 needs 签收: opened or printed is not enough', () => {
  for (const status of ['DELIVERED', 'RECEIVED', 'PRINTED'] as const) {
    assert.throws(
      () => nextStatus(status, 'CLOSE', 'RECIPIENT'),
      (e: Error) => codeOf(e) === 'ILLEGAL_TRANSITION',
    );
  }
  assert.equal(nextStatus('SIGNED', 'CLOSE', 'RECIPIENT'), 'CLOSED');
});

test('before 签收 only clerks open (an OA token acts as a clerk)', () => {
  assert.equal(mayOpenBeforeSigning(['CLERK']), true);
  assert.equal(mayOpenBeforeSigning(['DRAFTER', 'CLERK']), true);
  for (const role of ['DRAFTER', 'LEADER', 'APPROVER', 'ADMIN', 'SUPERVISOR', 'SEAL_KEEPER', 'ARCHIVIST'])
    assert.equal(mayOpenBeforeSigning([role]), false, role);
});

test('退回 reasons are the findings of 初审; the first API’s two are read as NOT_OURS', () => {
  for (const r of ['NOT_OURS', 'AGAINST_ROUTING', 'WRONG_FORMAT', 'INCOMPLETE', 'NOT_COSIGNED', 'OTHER']) assert.equal(returnReasonOf(r), r);
  assert.equal(returnReasonOf('WRONG_ADDRESSEE'), 'NOT_OURS');
  assert.equal(returnReasonOf('NOT_OUR_BUSINESS'), 'NOT_OURS');
  assert.equal(returnReasonOf('whatever'), null);
});
