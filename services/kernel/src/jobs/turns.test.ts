import assert from 'node:assert/strict';
import { test } from 'node:test';
import { takeTurns } from './turns.ts';

/** A job whose turns wait until released, counting its turns and how many ran at once. */
function heldJob(intervalMs = 3_600_000) {
  let started = 0;
  let atOnce = 0;
  let most = 0;
  const releases: (() => void)[] = [];
  const turns = takeTurns({
    intervalMs,
    turn: async () => {
      const n = ++started;
      most = Math.max(most, ++atOnce);
      await new Promise<void>((r) => releases.push(r));
      atOnce--;
      return n;
    },
  });
  const releaseAll = () => {
    for (const r of releases.splice(0)) r();
  };
  return { turns, releaseAll, started: () => started, most: () => most };
}

const settled = () => new Promise((r) => setTimeout(r, 30));

test('a tick asked while a turn runs waits for it, then takes a turn of its own', async () => {
  const job = heldJob();
  const first = job.turns.tick();
  await settled();
  let answered = false;
  const second = job.turns.tick().then((n) => {
    answered = true;
    return n;
  });
  await settled();
  assert.equal(answered, false, 'not answered while the first turn runs');
  assert.equal(job.started(), 1, 'and not begun beside it');
  job.releaseAll();
  assert.equal(await first, 1);
  await settled();
  assert.equal(job.started(), 2, 'its own turn began once the first ended');
  job.releaseAll();
  assert.equal(await second, 2, 'it answers its own turn');
  assert.equal(job.most(), 1, 'one turn at a time');
  await job.turns.close();
});

test('ticks waiting together each get a turn after the running one, one at a time', async () => {
  const job = heldJob();
  const all = [job.turns.tick(), job.turns.tick(), job.turns.tick()];
  for (let i = 0; i < 3; i++) {
    await settled();
    job.releaseAll();
  }
  assert.deepEqual((await Promise.all(all)).sort(), [1, 2, 3]);
  assert.equal(job.most(), 1);
  await job.turns.close();
});

test('a turn falling due on the timer while one runs is skipped; close waits for the running turn', async () => {
  const job = heldJob(10);
  await new Promise((r) => setTimeout(r, 100));
  assert.equal(job.started(), 1, 'the timer began one turn and skipped the rest while it ran');
  let closed = false;
  const closing = job.turns.close().then(() => {
    closed = true;
  });
  await settled();
  assert.equal(closed, false, 'close waits for the running turn');
  job.releaseAll();
  await closing;
  await new Promise((r) => setTimeout(r, 50));
  assert.equal(job.started(), 1, 'no turn after close');
});
