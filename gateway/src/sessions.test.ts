// The gateway's memory of org's answers: kept while the feed is followed, dropped by what the feed or an answer's
// header announces, brief while the feed is broken.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Authenticated } from './auth.ts';
import { type SessionAnswer, SessionCache } from './sessions.ts';

const person = (userId: string, orgId = 'o1', orgPath = 'p61.c6101', sessionId = `s-${userId}`): Authenticated => ({
  caller: { userId, username: userId, orgId, orgPath, roles: ['CLERK'], sessionId },
  apiToken: false,
});

function cacheWith(answers: Record<string, SessionAnswer>, following = true) {
  const asked: string[] = [];
  const state = { following };
  const cache = new SessionCache({
    ask: async (auth) => {
      asked.push(auth.caller.userId);
      return answers[auth.caller.userId] ?? { valid: true };
    },
    followingTtlMs: 60_000,
    brokenTtlMs: 0,
    following: () => state.following,
  });
  return { cache, asked, answers, state };
}

test('an answer is kept while the feed is followed, and asked again after the account is named as changed', async () => {
  const { cache, asked, answers } = cacheWith({});
  await cache.check(person('u1'));
  await cache.check(person('u1'));
  assert.deepEqual(asked, ['u1'], 'asked once');
  answers.u1 = { valid: false, why: 'You have logged out: log in again' };
  cache.apply({ type: 'account.sessions-ended', payload: { userId: 'u1', reason: 'LOGOUT' } });
  await assert.rejects(cache.check(person('u1')), /logged out/);
  assert.deepEqual(asked, ['u1', 'u1']);
});

test('the header of an answer names accounts and units to forget', async () => {
  const { cache, asked } = cacheWith({});
  await cache.check(person('u1', 'o1'));
  await cache.check(person('u2', 'o2'));
  await cache.check(person('u3', 'o3'));
  cache.applyHeader('user:u1, org:o2');
  for (const u of ['u1', 'u2', 'u3']) await cache.check(person(u, `o${u.slice(1)}`));
  assert.deepEqual(asked, ['u1', 'u2', 'u3', 'u1', 'u2'], 'u3 was not named');
});

test('a closed unit and a moved subtree are forgotten; the caller gets the unit’s new place', async () => {
  const { cache, asked, answers } = cacheWith({});
  await cache.check(person('a', 'oa', 'p61.c6101.k610102'));
  await cache.check(person('b', 'ob', 'p61.c6101.k610103'));
  await cache.check(person('c', 'oc', 'p61.c6102'));
  answers.a = { valid: true, orgPath: 'p61.c6102.k610102' };
  cache.apply({ type: 'org.moved', payload: { orgId: 'oa', oldPath: 'p61.c6101.k610102', newPath: 'p61.c6102.k610102' } });
  const moved = await cache.check(person('a', 'oa', 'p61.c6101.k610102'));
  assert.equal(moved?.orgPath, 'p61.c6102.k610102', 'the path org gives, not the token’s');
  cache.apply({ type: 'org.dissolved', payload: { orgId: 'ob' } });
  await cache.check(person('b', 'ob', 'p61.c6101.k610103'));
  await cache.check(person('c', 'oc', 'p61.c6102'));
  assert.deepEqual(asked, ['a', 'b', 'c', 'a', 'b']);
});

test('while the feed is broken nothing is kept; an answer that overlapped an announced change is not kept either', async () => {
  const broken = cacheWith({}, false);
  await broken.cache.check(person('u1'));
  await broken.cache.check(person('u1'));
  assert.deepEqual(broken.asked, ['u1', 'u1']);

  let release: () => void = () => {};
  const gate = new Promise<void>((r) => {
    release = r;
  });
  const asked: string[] = [];
  const cache = new SessionCache({
    ask: async (auth) => {
      asked.push(auth.caller.userId);
      if (asked.length === 1) await gate;
      return { valid: true };
    },
    followingTtlMs: 60_000,
    brokenTtlMs: 0,
    following: () => true,
  });
  const first = cache.check(person('u1'));
  cache.apply({ type: 'account.sessions-ended', payload: { userId: 'u1', reason: 'LOGOUT' } });
  release();
  await first;
  await cache.check(person('u1'));
  assert.deepEqual(asked, ['u1', 'u1'], 'the answer given while the logout was announced was asked again');
});
