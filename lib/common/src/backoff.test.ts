import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { Backoff, backoffDelay, pause } from './backoff.ts';

describe('back-off', () => {
  test('doubles from the first pause up to the ceiling, exactly without jitter', () => {
    const delays = Array.from({ length: 8 }, (_, i) => backoffDelay(i, { initialMs: 100, maxMs: 2_000, jitter: 0 }));
    assert.deepEqual(delays, [100, 200, 400, 800, 1600, 2000, 2000, 2000]);
  });

  test('jitter takes off at most its fraction, never adds', () => {
    assert.equal(backoffDelay(3, { initialMs: 100, jitter: 0.5, random: () => 0 }), 800);
    assert.equal(backoffDelay(3, { initialMs: 100, jitter: 0.5, random: () => 1 }), 400);
    for (let i = 0; i < 200; i++) {
      const d = backoffDelay(10, { initialMs: 100, maxMs: 1_000 });
      assert.ok(d >= 800 && d <= 1_000, String(d));
    }
  });

  test('a huge attempt number stays at the ceiling (no Infinity, no NaN)', () => {
    assert.equal(backoffDelay(10_000, { jitter: 0 }), 5_000);
    assert.equal(backoffDelay(-3, { jitter: 0 }), 200);
  });

  test('a Backoff counts its attempts and starts over after reset', () => {
    const b = new Backoff({ initialMs: 10, jitter: 0 });
    assert.deepEqual([b.next(), b.next(), b.next()], [10, 20, 40]);
    assert.equal(b.attempts, 3);
    b.reset();
    assert.equal(b.next(), 10);
  });

  test('pause ends early when its signal aborts', async () => {
    const abort = new AbortController();
    const started = Date.now();
    setTimeout(() => abort.abort(), 20);
    await pause(10_000, abort.signal);
    assert.ok(Date.now() - started < 1_000);
    await pause(10_000, abort.signal);
  });
});
