import assert from 'node:assert/strict';
import { test } from 'node:test';
import { deadlineProblem, HANDLING_STEPS, handlingStepProblem, isOverdue, stepText, taskProblem } from './handling.ts';

test('拟办 → 批示 → 承办 → 办结, each at its step only', () => {
  const allowed = (action: Parameters<typeof handlingStepProblem>[1]) => HANDLING_STEPS.filter((s) => handlingStepProblem(s, action) === null);
  assert.deepEqual(allowed('PROPOSE'), ['REGISTERED', 'PROPOSED'], '拟办 may be revised until the 批示');
  assert.deepEqual(allowed('INSTRUCT'), ['PROPOSED'], 'no 批示 before 拟办, no 批示 twice');
  assert.deepEqual(allowed('CONCLUDE'), ['HANDLING'], 'no 办结 before 承办');
  assert.deepEqual(allowed('URGE'), ['INSTRUCTED', 'HANDLING']);
  assert.match(handlingStepProblem('INSTRUCTED', 'INSTRUCT') ?? '', /instructed already/);
  assert.match(handlingStepProblem('INSTRUCTED', 'CONCLUDE') ?? '', /Take it up/);
});

test('a section takes up its part once, and concludes it only after', () => {
  assert.equal(taskProblem('ASSIGNED', 'ACCEPT'), null);
  assert.ok(taskProblem('ACCEPTED', 'ACCEPT'));
  assert.match(taskProblem('ASSIGNED', 'CONCLUDE') ?? '', /Take it up/);
  assert.equal(taskProblem('ACCEPTED', 'CONCLUDE'), null);
  assert.ok(taskProblem('DONE', 'CONCLUDE'));
});

test('an urgent document must carry a deadline; a deadline is in the future and within two years', () => {
  const now = new Date('2026-11-30T02:00:00Z');
  assert.equal(deadlineProblem(null, { urgency: 'NORMAL' }, now), null);
  assert.equal(deadlineProblem(null, { urgency: 'URGENT' }, now)?.code, 'DEADLINE_REQUIRED');
  assert.equal(deadlineProblem(null, { urgency: 'NORMAL', isTelegram: true }, now)?.code, 'DEADLINE_REQUIRED');
  assert.equal(deadlineProblem(new Date('2026-11-29T00:00:00Z'), { urgency: 'URGENT' }, now)?.code, 'BAD_INPUT');
  assert.equal(deadlineProblem(new Date('2030-01-01T00:00:00Z'), { urgency: 'NORMAL' }, now)?.code, 'BAD_INPUT');
  assert.equal(deadlineProblem(new Date('2026-12-05T10:00:00Z'), { urgency: 'EXTRA_URGENT' }, now), null);
});

test('texts are trimmed, required where the step needs them, and bounded', () => {
  assert.deepEqual(stepText('  请综合科办理 ', '拟办意见', true), { text: '请综合科办理', problem: null });
  assert.deepEqual(stepText('  ', '批示', true).problem?.rule, { required: true }, 'the rule for the screen to say in words');
  assert.deepEqual(stepText(null, '意见', false), { text: null, problem: null });
  assert.deepEqual(stepText('字'.repeat(2001), '办理结果', true).problem?.rule, { length: { max: 2000 } });
});

test('overdue: past the deadline and not done', () => {
  const now = new Date('2026-11-30T02:00:00Z');
  assert.equal(isOverdue({ deadline: new Date('2026-11-30T01:00:00Z'), status: 'ACCEPTED' }, now), true);
  assert.equal(isOverdue({ deadline: new Date('2026-11-30T01:00:00Z'), status: 'DONE' }, now), false);
  assert.equal(isOverdue({ deadline: null, status: 'ASSIGNED' }, now), false);
});
