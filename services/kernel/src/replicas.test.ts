// Which replicas are running (replicas.ts): two replicas on one database hear each other within a beat, one stopped in
// order is shown stopped; one silent for longer than the stale time is down (the rule, without waiting for it).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { type ReplicaPresence, replicaState, startReplicaPresence } from './replicas.ts';
import { recordingLog } from './testing/recording-log.ts';
import { type ThrowawayDatabase, throwawayDatabase } from './testing/throwaway-database.ts';

test('a replica is up while it beats, down when silent past the stale time, stopped when it said it was leaving', () => {
  assert.equal(replicaState({ state: 'up', seenAt: 1_000 }, 15_000, 15_000), 'up');
  assert.equal(replicaState({ state: 'up', seenAt: 1_000 }, 16_001, 15_000), 'down');
  assert.equal(replicaState({ state: 'leaving', seenAt: 1_000 }, 2_000, 15_000), 'stopped');
});

let db: ThrowawayDatabase<'relay'>;
const started: ReplicaPresence[] = [];
before(async () => {
  db = await throwawayDatabase(['relay']);
});
after(async () => {
  for (const p of started) await p.close();
  await db?.drop();
});

test('replicas of two services on one database hear each other, and a replica stopped in order is shown stopped', async () => {
  const { log } = recordingLog();
  const start = async (service: string, address: string) => {
    const p = await startReplicaPresence({ relayUrl: db.urlOf('relay'), service, address: () => address, log, intervalMs: 100 });
    started.push(p);
    return p;
  };
  const a = await start('documents', 'app1:4002');
  const b = await start('documents', 'app2:4002');
  const c = await start('org', 'app1:4001');
  const everyone = async (p: ReplicaPresence, n: number) => {
    for (let i = 0; i < 50 && p.list().filter((r) => r.state === 'up').length < n; i++) await sleep(50);
    return p.list();
  };
  const seen = await everyone(c, 3);
  assert.deepEqual(
    seen.map((r) => [r.service, r.address, r.state]),
    [
      ['documents', 'app1:4002', 'up'],
      ['documents', 'app2:4002', 'up'],
      ['org', 'app1:4001', 'up'],
    ],
    'every replica of every service, itself included',
  );
  assert.ok(seen.every((r) => r.pid === process.pid && r.id && r.startedAt <= r.seenAt));
  await b.close();
  started.splice(started.indexOf(b), 1);
  for (let i = 0; i < 50 && a.list().find((r) => r.address === 'app2:4002')?.state !== 'stopped'; i++) await sleep(50);
  assert.equal(a.list().find((r) => r.address === 'app2:4002')?.state, 'stopped', 'a replica that stopped in order says so');
});
