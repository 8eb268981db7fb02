import assert from 'node:assert/strict';
import { test } from 'node:test';
import { startTogether } from './start-together.ts';

const part = (name: string, log: string[], ms: number) =>
  new Promise<{ name: string; close(): Promise<void> }>((resolve) =>
    setTimeout(() => {
      log.push(`${name} started`);
      resolve({ name, close: async () => void log.push(`${name} closed`) });
    }, ms),
  );

test('every part is waited for and answered by name', async () => {
  const log: string[] = [];
  const { a, b, plain } = await startTogether({ a: part('a', log, 10), b: part('b', log, 40), plain: Promise.resolve(42) });
  assert.equal(a.name, 'a');
  assert.equal(b.name, 'b');
  assert.equal(plain, 42);
  assert.deepEqual(log.sort(), ['a started', 'b started']);
});

test('one part failing closes the others that started, and its error is thrown', async () => {
  const log: string[] = [];
  await assert.rejects(
    startTogether({ a: part('a', log, 10), broken: Promise.reject(new Error('no database')), b: part('b', log, 30), plain: Promise.resolve('x') }),
    /no database/,
  );
  assert.deepEqual(log.sort(), ['a closed', 'a started', 'b closed', 'b started']);
});
