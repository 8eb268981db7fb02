// The delivery state machine, exhaustively: every status × action × side is either the one legal transition the
// table names, or a refusal that says why.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DELIVERY_STATUSES, type DeliveryAction, nextStatus, TRANSITIONS } from '../src/domain/delivery.ts';

const EXPECTED: Record<DeliveryAction, Partial<Record<(typeof DELIVERY_STATUSES)[number], string>>> = {
  OPEN: { DELIVERED: 'RECEIVED', RECEIVED: 'RECEIVED', PRINTED: 'PRINTED' },
  DOWNLOAD: { DELIVERED: 'RECEIVED', RECEIVED: 'RECEIVED', PRINTED: 'PRINTED' },
  PRINT: { DELIVERED: 'PRINTED', RECEIVED: 'PRINTED', PRINTED: 'PRINTED' },
  RETURN: { DELIVERED: 'RETURNED', RECEIVED: 'RETURNED', PRINTED: 'RETURNED' },
  REQUEST_RESEND: { DELIVERED: 'RESEND_REQUESTED', RECEIVED: 'RESEND_REQUESTED' },
  RECALL: { DELIVERED: 'RECALLED' },
  RESEND: { RETURNED: 'RESENT', RESEND_REQUESTED: 'RESENT' },
  CLOSE: { RECEIVED: 'CLOSED', PRINTED: 'CLOSED' },
};

test('every transition, legal and illegal, for both sides', () => {
  let legal = 0;
  let refused = 0;
  for (const action of Object.keys(TRANSITIONS) as DeliveryAction[]) {
    for (const status of DELIVERY_STATUSES) {
      for (const side of ['RECIPIENT', 'SENDER'] as const) {
        const expected = TRANSITIONS[action].by === side ? EXPECTED[action][status] : undefined;
        if (expected) {
          assert.equal(nextStatus(status, action, side), expected, `${status} --${action}/${side}--> ${expected}`);
          legal++;
        } else {
          assert.throws(
            () => nextStatus(status, action, side),
            (e: Error & { extensions?: { code?: string } }) => ['ILLEGAL_TRANSITION', 'FORBIDDEN'].includes(e.extensions?.code ?? '') && e.message.length > 20,
            `${status} --${action}/${side}--> refused`,
          );
          refused++;
        }
      }
    }
  }
  assert.equal(legal, 19);
  assert.equal(refused, 8 * 8 * 2 - 19);
  assert.throws(() => nextStatus('RECEIVED', 'RECALL', 'SENDER'), /signed for cannot be recalled/);
  assert.throws(() => nextStatus('DELIVERED', 'RECALL', 'RECIPIENT'), /Only the sending unit/);
});
