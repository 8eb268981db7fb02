import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type AppraisedRecord, disposalProblem, longerThan } from './disposal.ts';

const record = (over: Partial<AppraisedRecord> = {}): AppraisedRecord => ({
  status: 'ARCHIVED',
  hold: false,
  holdReason: null,
  retention: 'Y30',
  retentionUntil: '2001-12-31',
  ...over,
});
const TODAY = '2026-12-06';

test('a record whose period has ended, not held, may be destroyed; not one held, kept on, kept permanently or already destroyed', () => {
  assert.equal(disposalProblem(record(), 'DESTROY', null, TODAY, 'DECISION'), null);
  assert.match(disposalProblem(record({ hold: true, holdReason: '审计' }), 'DESTROY', null, TODAY, 'DECISION')?.message ?? '', /on hold \(审计\)/);
  assert.match(disposalProblem(record({ retentionUntil: '2056-12-31' }), 'DESTROY', null, TODAY, 'DECISION')?.message ?? '', /kept until 2056-12-31/);
  assert.match(disposalProblem(record({ retention: 'PERMANENT', retentionUntil: null }), 'DESTROY', null, TODAY, 'DECISION')?.message ?? '', /permanently/);
  assert.equal(disposalProblem(record({ status: 'DESTROYED' }), 'DESTROY', null, TODAY, 'DECISION')?.code, 'ILLEGAL_TRANSITION');
  assert.equal(disposalProblem(record({ status: 'DESTROYED' }), 'EXTEND', 'PERMANENT', TODAY, 'DECISION')?.code, 'ILLEGAL_TRANSITION');
});

test('a record is only ever kept longer', () => {
  assert.equal(disposalProblem(record(), 'EXTEND', 'PERMANENT', TODAY, 'DECISION'), null);
  assert.equal(disposalProblem(record({ retention: 'Y10' }), 'EXTEND', 'Y30', TODAY, 'DECISION'), null);
  for (const to of ['Y10', 'Y30'] as const) {
    assert.match(disposalProblem(record(), 'EXTEND', to, TODAY, 'DECISION')?.message ?? '', /only kept longer: PERMANENT/);
    assert.equal(disposalProblem(record(), 'EXTEND', to, TODAY, 'PROPOSAL')?.code, 'BAD_INPUT', 'proposed: the archivist’s wrong value');
  }
  assert.match(
    disposalProblem(record({ retention: 'PERMANENT', retentionUntil: null }), 'EXTEND', 'PERMANENT', TODAY, 'DECISION')?.message ?? '',
    /it is permanent/,
  );
  assert.deepEqual([longerThan('Y10'), longerThan('Y30'), longerThan('PERMANENT')], [['Y30', 'PERMANENT'], ['PERMANENT'], []]);
});
