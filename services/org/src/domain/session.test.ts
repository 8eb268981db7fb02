import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type SessionState, sessionProblem } from './session.ts';

const open: SessionState = { userStatus: 'ACTIVE', unitStatus: 'ACTIVE', endedAt: null, endReason: null, expiresAt: new Date(Date.now() + 60_000) };

test('an open session of an active account in an open unit stands', () => {
  assert.equal(sessionProblem(open), null);
});

test('a session ends by logout, password change, expiry, a disabled account or a closed unit, each told in its own words', () => {
  assert.match(sessionProblem(null) ?? '', /unknown/);
  assert.match(sessionProblem({ ...open, endedAt: new Date(), endReason: 'LOGOUT' }) ?? '', /logged out/);
  assert.match(sessionProblem({ ...open, endedAt: new Date(), endReason: 'PASSWORD_CHANGED' }) ?? '', /password was changed/);
  assert.match(sessionProblem({ ...open, expiresAt: new Date(Date.now() - 1) }) ?? '', /expired/);
  assert.match(sessionProblem({ ...open, userStatus: 'DISABLED' }) ?? '', /disabled/);
  // A closed unit says so even when its accounts were disabled with it.
  assert.match(sessionProblem({ ...open, userStatus: 'DISABLED', unitStatus: 'MERGED' }) ?? '', /unit has been closed/);
});
