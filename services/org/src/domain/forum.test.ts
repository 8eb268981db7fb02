import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkTopic, forumKind, mayReadTopic, mayTakeDown } from './forum.ts';

const fieldOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    return (e as { extensions?: { field?: string } }).extensions?.field;
  }
  return null;
};

test('a topic goes to the audience chosen; people are named only for PEOPLE, and then some', () => {
  assert.deepEqual(checkTopic({ title: ' 交流 ', body: '内容', audience: 'SUBTREE' }), { title: '交流', body: '内容', audience: 'SUBTREE', viewerIds: [] });
  assert.equal(
    fieldOf(() => checkTopic({ title: '交流', body: '内容', audience: 'ALL' })),
    'audience',
  );
  assert.equal(
    fieldOf(() => checkTopic({ title: '交流', body: '内容', audience: 'PEOPLE' })),
    'viewerIds',
  );
  assert.equal(
    fieldOf(() => checkTopic({ title: '交流', body: '内容', audience: 'UNIT', viewerIds: ['x'] })),
    'viewerIds',
  );
  assert.equal(
    fieldOf(() => checkTopic({ title: '交流', body: ' ', audience: 'UNIT' })),
    'body',
  );
  assert.equal(
    fieldOf(() => forumKind('POST')),
    'kind',
  );
});

test('taken down by its author, or an administrator of its unit or one above; not one below, not another reader', () => {
  const post = { authorId: 'a', topicOrgPath: 'p.c' };
  assert.ok(mayTakeDown({ userId: 'a', orgPath: 'p.c.k', roles: ['CLERK'] }, post), 'its author, wherever they are');
  assert.ok(mayTakeDown({ userId: 'b', orgPath: 'p.c', roles: ['ADMIN'] }, post));
  assert.ok(mayTakeDown({ userId: 'b', orgPath: 'p', roles: ['ADMIN'] }, post));
  assert.ok(!mayTakeDown({ userId: 'b', orgPath: 'p.c.k', roles: ['ADMIN'] }, post), 'not a district below the topic’s unit');
  assert.ok(!mayTakeDown({ userId: 'b', orgPath: 'p.c', roles: ['LEADER'] }, post));
});

test('read by whom its audience takes in, its author, and the administrators of its unit and above', () => {
  const named = { orgPath: 'p.c', audience: 'PEOPLE' as const, viewerIds: ['v'], authorId: 'a' };
  assert.ok(mayReadTopic({ userId: 'v', orgPath: 'p.c', roles: ['CLERK'] }, named));
  assert.ok(mayReadTopic({ userId: 'a', orgPath: 'p.c', roles: ['CLERK'] }, named));
  assert.ok(!mayReadTopic({ userId: 'x', orgPath: 'p.c', roles: ['LEADER'] }, named), 'another person of the unit');
  assert.ok(mayReadTopic({ userId: 'x', orgPath: 'p', roles: ['ADMIN'] }, named), 'an administrator above, who moderates');
  const city = { ...named, audience: 'SUBTREE' as const, viewerIds: [] };
  assert.ok(mayReadTopic({ userId: 'x', orgPath: 'p.c.k', roles: ['CLERK'] }, city));
  assert.ok(!mayReadTopic({ userId: 'x', orgPath: 'p.d', roles: ['CLERK'] }, city), 'a sibling city');
});
