import assert from 'node:assert/strict';
import { test } from 'node:test';
import { mayDecideAccess } from './access.ts';

test('an access request is decided by an archivist or the head of the unit, never by the one who asked', () => {
  const archivist = { userId: 'a', roles: ['ARCHIVIST'] };
  const head = { userId: 'h', roles: ['LEADER'] };
  const clerk = { userId: 'c', roles: ['CLERK'] };
  assert.equal(mayDecideAccess(archivist, { requesterId: 'c' }), true);
  assert.equal(mayDecideAccess(archivist, { requesterId: 'a' }), false, 'not one’s own');
  assert.equal(mayDecideAccess(head, { requesterId: 'a' }), true, 'the only archivist’s own request: the head decides');
  assert.equal(mayDecideAccess(clerk, { requesterId: 'x' }), false);
});
