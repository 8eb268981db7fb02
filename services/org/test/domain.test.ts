// The org service's domain rules, called as plain functions.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { isWithin, type YizhanError } from '@yizhan/common';
import { codeProblem, isUscc, pathLabel, usccCheckChar } from '../src/domain/codes.ts';
import { hashPassword, oneTimePassword, passwordChangeReason, passwordProblems, verifyPassword } from '../src/domain/password.ts';
import { canClose, canManage, canRegisterUnder, cleanName, levelProblem } from '../src/domain/rules.ts';
import { checkTrainingDay, newPosts, refuseUntrainedPost } from '../src/domain/training.ts';
import { demoOrgs } from '../src/seed/demo.ts';
import { syntheticTree } from '../src/seed/synthetic.ts';

describe('unit codes', () => {
  test('a published unified social credit code validates; one changed character does not', () => {
    // 91350100M000100Y43 is the worked example of GB 32100-2015.
    assert.equal(usccCheckChar('91350100M000100Y4'), '3');
    assert.ok(isUscc('91350100M000100Y43'));
    assert.ok(!isUscc('91350100M000100Y44'));
    assert.match(codeProblem('91350100M000100Y44') ?? '', /check character/);
  });

  test('division codes and path labels', () => {
    assert.equal(codeProblem('610102'), null);
    assert.match(codeProblem('012345') ?? '', /division code/);
    assert.match(codeProblem('') ?? '', /empty/);
    assert.equal(pathLabel('610000', 'PROVINCE', 'GOVERNMENT'), 'p61');
    assert.equal(pathLabel('610100', 'CITY', 'GOVERNMENT'), 'c6101');
    assert.equal(pathLabel('610102', 'COUNTY', 'GOVERNMENT'), 'k610102');
    assert.equal(pathLabel('91350100M000100Y43', 'CITY', 'DEPARTMENT'), 'u91350100m000100y43');
  });
});

describe('who may manage which unit', () => {
  const admin = (orgPath: string) => ({ orgPath, roles: ['ADMIN'] });
  test('an administrator manages its own unit and those below, not siblings or superiors', () => {
    assert.ok(canManage(admin('p61.c6101'), 'p61.c6101'));
    assert.ok(canManage(admin('p61.c6101'), 'p61.c6101.k610102'));
    assert.ok(!canManage(admin('p61.c6101'), 'p61.c61011'), 'a path prefix is not an ancestor');
    assert.ok(!canManage(admin('p61.c6101.k610102'), 'p61.c6101'));
    assert.ok(!canManage({ orgPath: 'p61', roles: ['CLERK'] }, 'p61.c6101'));
  });
  test('registering and closing are for superior offices', () => {
    assert.ok(canRegisterUnder(admin('p61.c6101'), 'p61.c6101'));
    assert.ok(!canClose(admin('p61.c6101'), 'p61.c6101'), 'a unit does not close itself');
    assert.ok(canClose(admin('p61.c6101'), 'p61.c6101.k610102'));
    assert.ok(isWithin('p61.c6101.k610102', 'p61'));
    assert.ok(!isWithin('p61', 'p61.c6101'));
  });
  test('levels and names', () => {
    assert.equal(levelProblem('CITY', 'COUNTY'), null);
    assert.match(levelProblem('COUNTY', 'CITY') ?? '', /cannot sit under/);
    assert.equal(cleanName('  西安市  ', 'name'), '西安市');
    assert.throws(() => cleanName('', 'name'), /must not be empty/);
    assert.throws(() => cleanName('a'.repeat(101), 'name'), /at most 100/);
  });
});

describe('passwords', () => {
  test('hash and verify with Argon2id', async () => {
    const h = await hashPassword('Yizhan@2026');
    assert.match(h, /^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    assert.ok(await verifyPassword('Yizhan@2026', h));
    assert.ok(!(await verifyPassword('Yizhan@2027', h)));
    assert.notEqual(h, await hashPassword('Yizhan@2026'), 'each hash has its own salt');
  });
  test('strength rules name every problem', () => {
    assert.deepEqual(passwordProblems('Str0ng!pass', 'xa.clerk'), []);
    assert.equal(passwordProblems('abc', 'u').length, 2);
    assert.ok(passwordProblems('Xa.Clerk#2026', 'xa.clerk').some((p) => /user name/.test(p)));
    const otp = oneTimePassword();
    assert.deepEqual(passwordProblems(otp, 'someone'), [], 'a one-time password satisfies the rules itself');
  });
  test('when a new password is required', () => {
    const now = new Date('2026-11-21T00:00:00Z');
    assert.equal(passwordChangeReason({ mustChangePassword: true, passwordChangedAt: null, hasLoggedIn: false }, 90, now), 'INITIAL');
    assert.equal(passwordChangeReason({ mustChangePassword: true, passwordChangedAt: null, hasLoggedIn: true }, 90, now), 'RESET');
    assert.equal(passwordChangeReason({ mustChangePassword: false, passwordChangedAt: new Date('2026-08-01'), hasLoggedIn: true }, 90, now), 'EXPIRED');
    assert.equal(passwordChangeReason({ mustChangePassword: false, passwordChangedAt: new Date('2026-11-01'), hasLoggedIn: true }, 90, now), null);
  });
});

describe('seed data', () => {
  test('the demo province is 陕西省 with its 10 cities and their 107 county-level divisions', () => {
    const orgs = demoOrgs();
    assert.equal(orgs.filter((o) => o.level === 'CITY' && o.kind === 'GOVERNMENT').length, 10);
    assert.equal(orgs.filter((o) => o.level === 'COUNTY').length, 107);
    assert.equal(new Set(orgs.map((o) => o.code)).size, orgs.length, 'codes are unique');
    assert.equal(new Set(orgs.map((o) => o.path)).size, orgs.length, 'paths are unique');
    for (const o of orgs) assert.equal(codeProblem(o.code), null, `${o.name} has a valid code`);
    assert.deepEqual(demoOrgs(), orgs, 'deterministic');
  });
  test('the synthetic generator builds the requested number of units, deterministically', () => {
    const trees = syntheticTree(3, 3000);
    assert.equal(trees.length, 3);
    assert.equal(trees.flat().length, 3000);
    assert.ok(!trees.flat().some((o) => o.path.startsWith('p61')), 'never collides with the demo province');
    assert.equal(new Set(trees.flat().map((o) => o.path)).size, 3000);
    assert.deepEqual(syntheticTree(3, 3000)[2]?.at(-1), trees[2]?.at(-1));
  });
});

test('培训考核 (seed 004 六(一)): a post is a role not held; refused untrained only where the unit requires it', () => {
  assert.deepEqual(newPosts(['CLERK'], ['CLERK', 'ARCHIVIST']), ['ARCHIVIST']);
  assert.deepEqual(newPosts(['CLERK', 'ARCHIVIST'], ['CLERK']), [], 'taking a role away gives no post');
  assert.doesNotThrow(() => refuseUntrainedPost(false, null, ['CLERK'], '王秀兰'), 'not required');
  assert.doesNotThrow(() => refuseUntrainedPost(true, '2026-11-02', ['CLERK'], '王秀兰'), 'trained');
  assert.doesNotThrow(() => refuseUntrainedPost(true, null, [], '王秀兰'), 'no new post');
  assert.throws(
    () => refuseUntrainedPost(true, null, ['CLERK'], '王秀兰'),
    (e: YizhanError) => e.code === 'TRAINING_REQUIRED',
  );
  assert.equal(checkTrainingDay(' 2026-11-02 ', '2026-12-07'), '2026-11-02');
  assert.equal(checkTrainingDay('', '2026-12-07'), null);
  for (const bad of ['2026-02-30', '2026-12-08', '1999-12-31']) assert.throws(() => checkTrainingDay(bad, '2026-12-07'), /day|2000/);
});
