// A process's one LISTEN connection (listening.ts): parts on different channels each hear their own over a single
// backend; after the connection is cut each is told it missed notifications, and hears again; a part that stops
// listening hears nothing more, and the channel is given up once nobody listens on it.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { recordingLog } from '../testing/recording-log.ts';
import { type ThrowawayDatabase, throwawayDatabase } from '../testing/throwaway-database.ts';
import { startListening } from './listening.ts';

let db: ThrowawayDatabase<'relay'>;
let su: pg.Client;
before(async () => {
  db = await throwawayDatabase(['relay']);
  su = new pg.Client({ connectionString: db.superUrl });
  await su.connect();
});
after(async () => {
  await su?.end();
  await db?.drop();
});

const until = async (done: () => boolean, what: string) => {
  for (let i = 0; i < 100 && !done(); i++) await sleep(20);
  assert.ok(done(), what);
};

/** How many backends the relay role has open. */
const backends = async () => Number((await su.query('select count(*) as n from pg_stat_activity where usename = $1', [db.roles.relay])).rows[0].n);

test('two parts on two channels share one backend, each hears its own, and both catch up after the connection is cut', async () => {
  const { log, errors } = recordingLog();
  const listening = await startListening({ url: db.urlOf('relay'), name: 'test listener', log });
  const outbox: string[] = [];
  const events: string[] = [];
  let outboxMissed = 0;
  let eventsMissed = 0;
  await listening.listen('test_outbox', { heard: (p) => outbox.push(p), missed: () => outboxMissed++ });
  await listening.listen('test_events', { heard: (p) => events.push(p), missed: () => eventsMissed++ });
  assert.equal(await backends(), 1, 'one connection for both');

  await su.query(`select pg_notify('test_outbox', 'documents'), pg_notify('test_events', 'documents:7'), pg_notify('test_other', 'x')`);
  await until(() => outbox.length === 1 && events.length === 1, 'each part hears its channel');
  assert.deepEqual([outbox, events], [['documents'], ['documents:7']], 'and only its channel');

  await su.query('select pg_terminate_backend(pid) from pg_stat_activity where usename = $1', [db.roles.relay]);
  await until(() => outboxMissed === 1 && eventsMissed === 1, 'each part is told it missed what came while the connection was away');
  assert.equal(listening.reconnects, 1);
  await su.query(`select pg_notify('test_outbox', 'org'), pg_notify('test_events', 'org:3')`);
  await until(() => outbox.length === 2 && events.length === 2, 'both hear again on the new connection');
  assert.deepEqual(
    [outbox, events],
    [
      ['documents', 'org'],
      ['documents:7', 'org:3'],
    ],
  );

  await listening.notify('test_events', 'sent over the same connection');
  await until(() => events.length === 3, 'a notification it sends itself is heard');
  assert.equal(events[2], 'sent over the same connection');

  await listening.close();
  assert.deepEqual(errors, [], 'a cut connection is a warning, not an error');
});

test('a part that stops listening hears nothing more; the channel is given up when its last part stops', async () => {
  const { log } = recordingLog();
  const listening = await startListening({ url: db.urlOf('relay'), name: 'test listener', log });
  const a: string[] = [];
  const b: string[] = [];
  const stopA = await listening.listen('test_shared', { heard: (p) => a.push(p) });
  const stopB = await listening.listen('test_shared', { heard: (p) => b.push(p) });
  await su.query(`select pg_notify('test_shared', '1')`);
  await until(() => a.length === 1 && b.length === 1, 'both parts of one channel hear it');
  await stopA();
  await su.query(`select pg_notify('test_shared', '2')`);
  await until(() => b.length === 2, 'the other still hears');
  assert.deepEqual(a, ['1'], 'the stopped part heard nothing more');
  await stopB();
  const last = (await su.query('select query from pg_stat_activity where usename = $1', [db.roles.relay])).rows[0]?.query;
  assert.equal(last, 'unlisten test_shared', 'the connection stopped listening on the channel');
  await listening.close();
});

test('a channel name that is not one is refused before it reaches SQL', async () => {
  const { log } = recordingLog();
  const listening = await startListening({ url: db.urlOf('relay'), name: 'test listener', log });
  await assert.rejects(listening.listen('x; drop table y', { heard: () => {} }), /not a channel name/);
  await listening.close();
});
