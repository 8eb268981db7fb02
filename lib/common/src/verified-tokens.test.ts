import assert from 'node:assert/strict';
import { test } from 'node:test';
import { VerifiedTokens } from './verified-tokens.ts';

const inSeconds = (s: number) => Math.floor(Date.now() / 1000) + s;

test('a token is verified once while it lasts; another token, or the same past its expiry, is verified again', async () => {
  const kept = new VerifiedTokens<string>();
  let verified = 0;
  const verify = (value: string, expiresAt: number) => async () => {
    verified++;
    return { value, expiresAt };
  };
  assert.equal(await kept.get('a', verify('alice', inSeconds(60))), 'alice');
  assert.equal(await kept.get('a', verify('never asked', inSeconds(60))), 'alice');
  assert.equal(verified, 1);
  assert.equal(await kept.get('b', verify('bob', inSeconds(60))), 'bob');
  assert.equal(verified, 2);
  // Expired a second ago: not taken from what was kept; the verification's own answer (here, its error) stands.
  await kept.get('c', verify('carol', inSeconds(-1)));
  await assert.rejects(
    kept.get('c', async () => {
      throw new Error('expired');
    }),
    /expired/,
  );
});

test('a token that fails is not kept: it fails again on its next use', async () => {
  const kept = new VerifiedTokens<string>();
  let asked = 0;
  const bad = async () => {
    asked++;
    throw new Error('bad signature');
  };
  await assert.rejects(kept.get('x', bad), /bad signature/);
  await assert.rejects(kept.get('x', bad), /bad signature/);
  assert.equal(asked, 2);
  assert.equal(kept.size, 0);
});

test('at most `max` tokens are kept, the least recently used dropped first', async () => {
  const kept = new VerifiedTokens<number>(2);
  const v = (n: number) => async () => ({ value: n, expiresAt: inSeconds(60) });
  await kept.get('1', v(1));
  await kept.get('2', v(2));
  await kept.get('1', v(-1)); // used again: now the most recent
  await kept.get('3', v(3)); // drops '2'
  assert.equal(kept.size, 2);
  assert.equal(await kept.get('1', v(-1)), 1);
  assert.equal(await kept.get('2', v(22)), 22, 'verified again');
});
