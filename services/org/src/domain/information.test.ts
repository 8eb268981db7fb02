import assert from 'node:assert/strict';
import { test } from 'node:test';
import { refusalOf } from '../../../../test/support/refusal.ts';
import { checkInformation, checkWithdrawalReason, mayApprove, mayRead, mayReadRounds, mayResubmit, mayWithdraw, nextInformationStatus } from './information.ts';

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

test('pending → published or rejected; rejected → pending again (修改后重新报送); anything not yet withdrawn → withdrawn; nothing else', () => {
  assert.equal(nextInformationStatus('PENDING', 'APPROVE'), 'PUBLISHED');
  assert.equal(nextInformationStatus('PENDING', 'REJECT'), 'REJECTED');
  assert.equal(nextInformationStatus('REJECTED', 'RESUBMIT'), 'PENDING');
  assert.equal(nextInformationStatus('PUBLISHED', 'WITHDRAW'), 'WITHDRAWN');
  assert.equal(nextInformationStatus('REJECTED', 'WITHDRAW'), 'WITHDRAWN', 'sent back, its author may drop it');
  for (const [s, a] of [
    ['PUBLISHED', 'APPROVE'],
    ['REJECTED', 'APPROVE'],
    ['REJECTED', 'REJECT'],
    ['WITHDRAWN', 'WITHDRAW'],
    ['PENDING', 'RESUBMIT'],
    ['PUBLISHED', 'RESUBMIT'],
    ['WITHDRAWN', 'RESUBMIT'],
  ] as const)
    assert.equal(refusalOf(() => nextInformationStatus(s, a))[0], 'ILLEGAL_TRANSITION', `${s} ${a}`);
});

test('sent back: only its author submits it again or drops it; its rounds are for those who act on it, not its readers', () => {
  const item = { orgPath: 'p61.c6101.k610102', status: 'REJECTED' as const, audience: 'SUBTREE' as const, viewerIds: [], authorId: 'a' };
  const author = { userId: 'a', orgPath: 'p61.c6101.k610102', roles: ['DRAFTER'] };
  const leader = { userId: 'l', orgPath: 'p61.c6101.k610102', roles: ['LEADER'] };
  const clerk = { userId: 'c', orgPath: 'p61.c6101.k610102', roles: ['CLERK'] };
  const above = { userId: 'x', orgPath: 'p61.c6101', roles: ['ADMIN'] };
  const below = { userId: 'b', orgPath: 'p61.c6101.k610102.t1', roles: ['ADMIN'] };
  const sibling = { userId: 's', orgPath: 'p61.c6101.k610103', roles: ['LEADER'] };
  assert.ok(mayResubmit(author, item));
  for (const who of [leader, clerk, above, sibling]) assert.ok(!mayResubmit(who, item), who.userId);
  assert.ok(!mayResubmit({ ...author, orgPath: 'p61.c6101.k610103' }, item), 'her id in another unit is not her authorship there');
  // Sent back, it is hers to drop; published, those above take it down as before.
  assert.ok(mayWithdraw(author, item));
  assert.ok(!mayWithdraw(leader, item) && !mayWithdraw(above, item), 'nobody else drops what waits for its author');
  assert.ok(mayWithdraw(leader, { ...item, status: 'PUBLISHED' }) && mayWithdraw(above, { ...item, status: 'PUBLISHED' }));
  for (const who of [author, leader, above]) assert.ok(mayReadRounds(who, item), who.userId);
  assert.ok(mayReadRounds({ ...clerk, roles: ['APPROVER'] }, item), 'a section head of the unit decides on it');
  for (const who of [clerk, below, sibling]) assert.ok(!mayReadRounds(who, { ...item, status: 'PUBLISHED' }), `${who.userId}: a reader`);
});

test('撤下 says why, in one line', () => {
  assert.equal(checkWithdrawalReason('  内容已过时 '), '内容已过时');
  for (const bad of ['', '   ', null, undefined, '一\n二', '长'.repeat(201)])
    assert.deepEqual(
      refusalOf(() => checkWithdrawalReason(bad)),
      ['BAD_INPUT', 'reason'],
      JSON.stringify(bad),
    );
});
