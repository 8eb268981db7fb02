// 联合行文's plain rules: who may be a co-issuer, when a 会签 is open, when a joint document may be sent, and the rows
// of a sealed joint 署名 (gbt9704.ts jointSealRows).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { YizhanError } from '@yizhan/common';
import { jointSealRows } from './gbt9704.ts';
import { checkCoIssuers, countersignProblem, draftCoIssuers, MAX_CO_ISSUERS, readyToSend, sentBack } from './joint-issue.ts';

const code = (e: YizhanError | null) => (e ? (e.extensions.code as string) : null);

test('co-issuers: distinct, never the lead itself, at most nine', () => {
  assert.deepEqual(checkCoIssuers('lead', ['a', 'b']), ['a', 'b']);
  for (const ids of [['lead'], ['a', 'a'], Array.from({ length: MAX_CO_ISSUERS + 1 }, (_, i) => `u${i}`)])
    assert.throws(
      () => checkCoIssuers('lead', ids),
      (e: YizhanError) => e.extensions.field === 'coIssuerIds',
    );
});

test('a draft names its co-issuers by unit id: anything else is refused, not dropped', () => {
  const lead = '11111111-1111-4111-8111-111111111111';
  const unit = '22222222-2222-4222-8222-222222222222';
  assert.deepEqual(draftCoIssuers(lead, [unit]), [unit]);
  for (const ids of [['not-a-uuid'], [''], ['A'.repeat(100_000)], Array.from({ length: 10_000 }, () => crypto.randomUUID())])
    assert.throws(
      () => draftCoIssuers(lead, ids),
      (e: YizhanError) => e.extensions.field === 'coIssuerIds' && e.message.length < 200,
    );
});

test('a 会签 opens when the lead has approved, and is decided once', () => {
  assert.equal(countersignProblem('APPROVED', 'PENDING'), null);
  assert.equal(code(countersignProblem('IN_APPROVAL', 'PENDING')), 'NOT_COUNTERSIGNED');
  assert.equal(code(countersignProblem('DRAFT', 'PENDING')), 'NOT_COUNTERSIGNED');
  assert.equal(code(countersignProblem('SENT', 'PENDING')), 'ALREADY_SENT');
  assert.equal(code(countersignProblem('APPROVED', 'COUNTERSIGNED')), 'ILLEGAL_TRANSITION');
  assert.equal(code(countersignProblem('APPROVED', 'DECLINED')), 'ILLEGAL_TRANSITION');
});

test('sent when every co-issuer countersigned; the refusal names who declined (and why) and who has not decided', () => {
  const done = { orgName: '甲', status: 'COUNTERSIGNED' as const };
  assert.equal(readyToSend([done, { ...done, orgName: '乙' }], 2), null);
  const e = readyToSend([{ orgName: '甲', status: 'DECLINED', comment: '请修改' }, { orgName: '乙', status: 'PENDING' }, done], 3);
  assert.equal(code(e), 'NOT_COUNTERSIGNED');
  assert.match(e?.message ?? '', /declined by 甲 \(请修改\); not yet countersigned by 乙/);
  assert.deepEqual([e?.extensions.declined, e?.extensions.waiting], [['甲'], ['乙']]);
  assert.equal(code(readyToSend([done], 2)), 'NOT_COUNTERSIGNED', 'named after the submission');
  assert.equal(sentBack('APPROVED', [{ orgName: '甲', status: 'DECLINED' }]), true, 'a decline sends it back to its author');
  assert.equal(sentBack('APPROVED', [done]), false);
});

test('a sealed joint 署名 in rows of at most three, the earlier rows taking any extra, the last issuer ending the last row', () => {
  assert.deepEqual(
    [1, 2, 3, 4, 5, 6, 7].map((n) => jointSealRows(n)),
    [[1], [2], [3], [2, 2], [3, 2], [3, 3], [3, 2, 2]],
  );
  assert.deepEqual(jointSealRows(3, 2), [2, 1]);
  assert.deepEqual(jointSealRows(0), []);
});
