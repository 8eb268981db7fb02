import assert from 'node:assert/strict';
import { test } from 'node:test';
import { refusalOf } from '../../../../test/support/refusal.ts';
import { checkInformation, mayApprove, mayRead, mayWithdraw, nextInformationStatus } from './information.ts';

const GOOD = { column: 'WORK_NEWS', title: '新城区召开电子公文工作推进会', body: '会议要求……', audience: 'UNIT' };

test('an item is checked field by field: 栏目, audience, title, body, the named readers', () => {
  assert.deepEqual(checkInformation({ ...GOOD, title: ' 推进会 ' }).title, '推进会');
  assert.deepEqual(
    refusalOf(() => checkInformation({ ...GOOD, column: 'GOSSIP' })),
    ['BAD_INPUT', 'column'],
  );
  assert.deepEqual(
    refusalOf(() => checkInformation({ ...GOOD, audience: 'EVERYONE' })),
    ['BAD_INPUT', 'audience'],
  );
  assert.deepEqual(
    refusalOf(() => checkInformation({ ...GOOD, title: '' })),
    ['BAD_INPUT', 'title'],
  );
  assert.deepEqual(
    refusalOf(() => checkInformation({ ...GOOD, title: '一\n二' })),
    ['BAD_INPUT', 'title'],
  );
  assert.deepEqual(
    refusalOf(() => checkInformation({ ...GOOD, body: 'x'.repeat(10_001) })),
    ['BAD_INPUT', 'body'],
  );
  assert.deepEqual(
    refusalOf(() => checkInformation({ ...GOOD, audience: 'PEOPLE' })),
    ['BAD_INPUT', 'viewerIds'],
    'named people: at least one',
  );
  assert.deepEqual(
    refusalOf(() => checkInformation({ ...GOOD, viewerIds: ['a'] })),
    ['BAD_INPUT', 'viewerIds'],
    'people only for PEOPLE',
  );
  assert.deepEqual(checkInformation({ ...GOOD, audience: 'PEOPLE', viewerIds: ['a', 'a', 'b'] }).viewerIds, ['a', 'b']);
});

test('who reads, approves and takes down', () => {
  const item = { orgPath: 'p61.c6101.k610102', status: 'PUBLISHED' as const, audience: 'SUBTREE' as const, viewerIds: ['v'], authorId: 'a' };
  const xcClerk = { userId: 'c', orgPath: 'p61.c6101.k610102', roles: ['CLERK'] };
  const below = { userId: 'b', orgPath: 'p61.c6101.k610102.t1', roles: ['CLERK'] };
  const sibling = { userId: 's', orgPath: 'p61.c6101.k610103', roles: ['ADMIN'] };
  const above = { userId: 'x', orgPath: 'p61.c6101', roles: ['ADMIN'] };
  assert.ok(mayRead(xcClerk, item) && mayRead(below, item));
  assert.ok(!mayRead(sibling, item), 'a sibling reads nothing of it');
  assert.ok(!mayRead(below, { ...item, audience: 'UNIT' }), 'the unit only');
  assert.ok(!mayRead(xcClerk, { ...item, audience: 'PEOPLE' }), 'named people only');
  assert.ok(mayRead({ ...xcClerk, userId: 'v' }, { ...item, audience: 'PEOPLE' }));
  assert.ok(!mayRead(xcClerk, { ...item, status: 'PENDING' }), 'not before it is approved');
  assert.ok(mayRead({ ...xcClerk, userId: 'a' }, { ...item, status: 'PENDING' }), 'its author reads it');
  const leader = { userId: 'l', orgPath: 'p61.c6101.k610102', roles: ['LEADER'] };
  assert.ok(mayRead(leader, { ...item, status: 'PENDING', audience: 'PEOPLE' }), 'its approvers read it to decide');
  assert.ok(mayApprove(leader, item));
  assert.ok(!mayApprove({ ...leader, userId: 'a' }, item), 'never its own author');
  assert.ok(!mayApprove({ ...leader, orgPath: 'p61.c6101' }, item), 'a leader above approves no unit’s item');
  assert.ok(!mayApprove(xcClerk, item));
  assert.ok(mayWithdraw({ ...xcClerk, userId: 'a' }, item) && mayWithdraw(above, item));
  assert.ok(!mayWithdraw(sibling, item) && !mayWithdraw(xcClerk, item));
});

test('pending → published or rejected; pending or published → withdrawn; nothing else', () => {
  assert.equal(nextInformationStatus('PENDING', 'APPROVE'), 'PUBLISHED');
  assert.equal(nextInformationStatus('PENDING', 'REJECT'), 'REJECTED');
  assert.equal(nextInformationStatus('PUBLISHED', 'WITHDRAW'), 'WITHDRAWN');
  for (const [s, a] of [
    ['PUBLISHED', 'APPROVE'],
    ['REJECTED', 'APPROVE'],
    ['WITHDRAWN', 'WITHDRAW'],
    ['REJECTED', 'WITHDRAW'],
  ] as const)
    assert.equal(refusalOf(() => nextInformationStatus(s, a))[0], 'ILLEGAL_TRANSITION', `${s} ${a}`);
});
