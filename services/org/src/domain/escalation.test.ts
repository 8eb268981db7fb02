import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cleanSteps, DEFAULT_ESCALATION, escalationProblem } from './escalation.ts';

test('the default escalation is valid', () => {
  assert.equal(escalationProblem(DEFAULT_ESCALATION), null);
});

test('escalation steps are checked', () => {
  assert.match(escalationProblem([]) ?? '', /at least one step/);
  assert.match(escalationProblem([{ afterMinutes: -5, to: 'CONTACTS', channels: ['SMS'] }]) ?? '', /Step 1/);
  assert.match(escalationProblem([{ afterMinutes: 1.5, to: 'CONTACTS', channels: ['SMS'] }]) ?? '', /whole minutes/);
  assert.match(
    escalationProblem([
      { afterMinutes: 60, to: 'CONTACTS', channels: ['SMS'] },
      { afterMinutes: 60, to: 'LEADERS', channels: ['SMS'] },
    ]) ?? '',
    /Step 2: each step comes later/,
  );
  assert.match(escalationProblem([{ afterMinutes: 0, to: 'BOSS', channels: ['SMS'] }]) ?? '', /CONTACTS or LEADERS/);
  assert.match(escalationProblem([{ afterMinutes: 0, to: 'LEADERS', channels: [] }]) ?? '', /at least one channel/);
  assert.match(escalationProblem([{ afterMinutes: 0, to: 'LEADERS', channels: ['FAX'] }]) ?? '', /IN_APP and SMS/);
  assert.match(escalationProblem([{ afterMinutes: 0, to: 'LEADERS', channels: ['SMS', 'SMS'] }]) ?? '', /twice/);
  const six = Array.from({ length: 6 }, (_, i) => ({ afterMinutes: i * 10, to: 'CONTACTS', channels: ['SMS'] }));
  assert.match(escalationProblem(six) ?? '', /At most 5/);
});

test('channels are stored in a fixed order', () => {
  assert.deepEqual(cleanSteps([{ afterMinutes: 0, to: 'CONTACTS', channels: ['SMS', 'IN_APP'] }])[0]?.channels, ['IN_APP', 'SMS']);
});
