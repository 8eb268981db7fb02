// PushQueue, the async iterator behind every live subscription: items come out in the order pushed, whether they were
// pushed before or after the pull; end() lets the consumer take what is queued and then ends; fail() hands the error
// to the consumer; return() (the client went away) drops what is queued; the cleanup runs exactly once.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { PushQueue } from './queue.ts';

/** A queue and how many times its cleanup ran. */
function queue<T>() {
  const closed = { count: 0 };
  const q = new PushQueue<T>(() => {
    closed.count++;
  });
  return { q, closed };
}

const done = { value: undefined, done: true };

describe('PushQueue', () => {
  test('items pushed before the pull come out in the order pushed', async () => {
    const { q } = queue<number>();
    q.push(1);
    q.push(2);
    q.push(3);
    assert.deepEqual(await q.next(), { value: 1, done: false });
    assert.deepEqual(await q.next(), { value: 2, done: false });
    assert.deepEqual(await q.next(), { value: 3, done: false });
  });

  test('a pull waiting for an item gets the next one pushed; later items queue behind it', async () => {
    const { q } = queue<string>();
    const first = q.next();
    let settled = false;
    void first.then(() => {
      settled = true;
    });
    await Promise.resolve();
    assert.equal(settled, false, 'nothing to take yet');
    q.push('a');
    q.push('b');
    assert.deepEqual(await first, { value: 'a', done: false });
    assert.deepEqual(await q.next(), { value: 'b', done: false });
  });

  test('for await reads everything in order until the end', async () => {
    const { q } = queue<number>();
    q.push(1);
    setImmediate(() => {
      q.push(2);
      q.push(3);
      q.end();
    });
    const seen: number[] = [];
    for await (const n of q) seen.push(n);
    assert.deepEqual(seen, [1, 2, 3]);
  });

  test('end(): the consumer first takes what is queued, then sees the end, and nothing pushed later', async () => {
    const { q, closed } = queue<number>();
    q.push(1);
    q.push(2);
    q.end();
    q.push(3);
    assert.deepEqual(await q.next(), { value: 1, done: false });
    assert.deepEqual(await q.next(), { value: 2, done: false });
    assert.deepEqual(await q.next(), done);
    assert.deepEqual(await q.next(), done, 'and stays ended');
    assert.equal(closed.count, 1);
  });

  test('end() while the consumer waits ends its pull', async () => {
    const { q, closed } = queue<number>();
    const pending = q.next();
    q.end();
    assert.deepEqual(await pending, done);
    assert.equal(closed.count, 1);
  });

  test('fail(): queued items first, then the error, on every later pull', async () => {
    const { q, closed } = queue<number>();
    q.push(1);
    q.fail(new Error('source failed'));
    q.push(2);
    assert.deepEqual(await q.next(), { value: 1, done: false });
    await assert.rejects(q.next(), /source failed/);
    await assert.rejects(q.next(), /source failed/);
    assert.equal(closed.count, 1);
  });

  test('a for await over a failed queue throws the error', async () => {
    const { q } = queue<number>();
    q.push(1);
    q.fail(new Error('source failed'));
    const seen: number[] = [];
    await assert.rejects(async () => {
      for await (const n of q) seen.push(n);
    }, /source failed/);
    assert.deepEqual(seen, [1]);
  });

  test('fail() while the consumer waits rejects its pull with the error', async () => {
    const { q } = queue<number>();
    const pending = q.next();
    q.fail(new Error('source failed'));
    await assert.rejects(pending, /source failed/);
  });

  test('return(): the client went away; queued items are dropped, the pull ends, cleanup runs once', async () => {
    const { q, closed } = queue<number>();
    q.push(1);
    q.push(2);
    assert.deepEqual(await q.return(), done);
    assert.equal(closed.count, 1);
    q.push(3);
    assert.deepEqual(await q.next(), done);
    assert.deepEqual(await q.return(), done);
    q.end();
    q.fail(new Error('late'));
    assert.equal(closed.count, 1, 'return, end and fail after the first close do not clean up again');
  });

  test('return() while the consumer waits ends its pull', async () => {
    const { q, closed } = queue<number>();
    const pending = q.next();
    await q.return();
    assert.deepEqual(await pending, done);
    assert.equal(closed.count, 1);
  });

  test('breaking out of a for await returns the queue: cleanup runs once', async () => {
    const { q, closed } = queue<number>();
    q.push(1);
    q.push(2);
    for await (const n of q) {
      assert.equal(n, 1);
      break;
    }
    assert.equal(closed.count, 1);
    assert.deepEqual(await q.next(), done, 'the item left behind is dropped');
  });

  test('the cleanup is optional', async () => {
    const q = new PushQueue<number>();
    q.push(1);
    q.end();
    assert.deepEqual(await q.next(), { value: 1, done: false });
    assert.deepEqual(await q.return(), done);
  });

  test('falsy items are items: 0, empty string, false, null', async () => {
    const q = new PushQueue<number | string | boolean | null>();
    for (const v of [0, '', false, null]) q.push(v);
    q.end();
    const seen: unknown[] = [];
    for await (const v of q) seen.push(v);
    assert.deepEqual(seen, [0, '', false, null]);
  });
});
