import assert from 'node:assert/strict';
import { test } from 'node:test';
import { batchedAsks } from './batched-asks.ts';

/** Lets the batcher run what it scheduled. */
const turn = () => new Promise((r) => setTimeout(r, 5));
/** Waits (up to two seconds, on a busy machine) until the batcher has made `n` requests. */
const requestsMade = async (requests: unknown[], n: number) => {
  for (let i = 0; i < 400 && requests.length < n; i++) await turn();
};

test('an ask alone goes at once; asks made while requests are in flight go together, in order, at most max each', async () => {
  const requests: number[][] = [];
  const release: (() => void)[] = [];
  const ask = batchedAsks(
    async (items: number[]) => {
      requests.push(items);
      await new Promise<void>((r) => release.push(r));
      return items.map((i) => i * 10);
    },
    { max: 3, concurrency: 1 },
  );
  const first = ask(1);
  await requestsMade(requests, 1);
  assert.deepEqual(requests, [[1]], 'the first ask did not wait for others');
  const rest = [2, 3, 4, 5].map((i) => ask(i));
  await turn();
  assert.equal(requests.length, 1, 'nothing more goes while the one request allowed is in flight');
  release.shift()?.();
  assert.equal(await first, 10);
  await requestsMade(requests, 2);
  assert.deepEqual(requests[1], [2, 3, 4], 'the waiting asks go together, at most three');
  release.shift()?.();
  await requestsMade(requests, 3);
  assert.deepEqual(requests[2], [5]);
  release.shift()?.();
  assert.deepEqual(await Promise.all(rest), [20, 30, 40, 50], 'each ask gets its own answer');
});

test('a failed request fails each of its asks with its error, and the next batch still goes', async () => {
  let calls = 0;
  const ask = batchedAsks(
    async (items: string[]) => {
      calls++;
      if (items.includes('bad')) throw new Error('the service is away');
      return items.map((s) => s.toUpperCase());
    },
    { max: 10, concurrency: 1 },
  );
  const [a, b] = await Promise.allSettled([ask('ok'), ask('bad')]);
  assert.equal(a.status, 'rejected');
  assert.equal(b.status, 'rejected');
  assert.match(String((b as PromiseRejectedResult).reason), /away/);
  assert.equal(await ask('later'), 'LATER');
  assert.equal(calls, 2);
});

test('an answer of the wrong length is refused rather than handing out answers to the wrong asks', async () => {
  const ask = batchedAsks(async (items: number[]) => items.slice(1), { max: 10 });
  await assert.rejects(Promise.all([ask(1), ask(2)]), /answered with 1/);
});
