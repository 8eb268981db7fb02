// The operators' view (issue 20): every subgraph's /metrics in Prometheus's format, the gateway's own /metrics for the
// monitoring only, and the operations console's figures at the gateway's /operations for the top unit's
// administrators only — with each service's outbox, where its followers stand, and its tables' size.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { asDemoUsers, ok, type Platform, startPlatform } from './support/harness.ts';
import { approvedOfficeDocument } from './support/seals.ts';

let p: Platform;
const { gql, tokens } = asDemoUsers(() => p);
const base = () => p.gatewayUrl.replace(/\/graphql$/, '');
async function operations(user?: string) {
  if (user) tokens[user] ??= await p.login(user);
  return fetch(`${base()}/operations`, { headers: user ? { authorization: `Bearer ${tokens[user]}` } : {} });
}

interface Figures {
  replicas: { service: string; address: string; state: string }[];
  subgraphs: { name: string; up: boolean; metrics: { name: string; values: { labels: Record<string, string>; value: number }[] }[] }[];
  gateway: { name: string }[];
}
const value = (f: Figures, service: string, metric: string, labels: Record<string, string> = {}) =>
  f.subgraphs
    .find((s) => s.name === service)
    ?.metrics.find((m) => m.name === metric)
    ?.values.find((v) => Object.entries(labels).every(([k, l]) => v.labels[k] === l))?.value;

before(async () => {
  p = await startPlatform();
});
after(() => p?.close());

describe('operations', () => {
  test('each subgraph reports Prometheus metrics: its outbox, its followers, its tables, Node’s own', async () => {
    const text = await (await fetch(new URL('/metrics', p.orgUrl))).text();
    for (const name of [
      'yizhan_outbox_unpublished_events',
      'yizhan_outbox_published_seq',
      'yizhan_table_bytes',
      'process_resident_memory_bytes',
      'nodejs_eventloop_lag_p99_seconds',
    ])
      assert.match(text, new RegExp(`^${name}\\{service="org"\\} \\d`, 'm'), name);
    assert.match(text, /^yizhan_live_subscriptions\{service="org"\} \d+/m, 'org’s hub feeds the session changes');
  });

  test('the console’s figures are for the top unit’s administrators; they follow a send through the outbox to its followers', async () => {
    assert.equal((await operations()).status, 401);
    for (const user of ['sxb.admin', 'xa.admin', 'xa.clerk']) assert.equal((await operations(user)).status, 403, user);
    const before = (await (await operations('sx.admin')).json()) as Figures;
    assert.deepEqual(before.subgraphs.map((s) => [s.name, s.up]).sort(), [
      ['archive', true],
      ['certificates', true],
      ['documents', true],
      ['org', true],
      ['seals', true],
    ]);
    assert.ok(before.gateway.some((m) => m.name === 'yizhan_gateway_websockets'));

    // A send: documents publishes, and the archive, which follows documents, catches up.
    const doc = await approvedOfficeDocument(p, gql, tokens, '关于运维监控测试的通知');
    ok(
      await gql('sxb.clerk', 'mutation($id: ID!, $k: String!) { sendDocument(id: $id, sendKey: $k) { status } }', { id: doc, k: randomUUID() }),
      'sendDocument',
    );
    // The send's own events and, a moment later, its audit entry (written as the answer goes out) reach the outbox;
    // once the relay has published everything, the archive is drained and must stand where documents does.
    let after = (await (await operations('sx.admin')).json()) as Figures;
    for (let i = 0; i < 40 && value(after, 'documents', 'yizhan_outbox_unpublished_events') !== 0; i++) {
      await new Promise((r) => setTimeout(r, 250));
      after = (await (await operations('sx.admin')).json()) as Figures;
    }
    await p.drainArchiveEvents();
    after = (await (await operations('sx.admin')).json()) as Figures;
    const published = value(after, 'documents', 'yizhan_outbox_published_seq') ?? 0;
    assert.ok(published > (value(before, 'documents', 'yizhan_outbox_published_seq') ?? 0), 'documents published the send');
    assert.equal(value(after, 'archive', 'yizhan_event_consumer_seq', { source: 'documents' }), published, 'the archive has followed it all');
    assert.equal(value(after, 'documents', 'yizhan_outbox_unpublished_events'), 0);
    assert.ok((value(after, 'documents', 'yizhan_table_bytes') ?? 0) > 0);
  });

  test('the console lists every replica of every service as up, and the volume each store of files is on', async () => {
    let f = (await (await operations('sx.admin')).json()) as Figures;
    // Each replica says it is alive every 5 s: the first word of all five may take a beat.
    for (let i = 0; i < 30 && f.replicas.filter((r) => r.state === 'up').length < 5; i++) {
      await new Promise((r) => setTimeout(r, 250));
      f = (await (await operations('sx.admin')).json()) as Figures;
    }
    assert.deepEqual(
      f.replicas.map((r) => [r.service, r.state]),
      [
        ['archive', 'up'],
        ['certificates', 'up'],
        ['documents', 'up'],
        ['org', 'up'],
        ['seals', 'up'],
      ],
    );
    assert.ok(
      f.replicas.every((r) => /:\d+$/.test(r.address)),
      'each named by where it serves',
    );
    assert.equal(value(f, 'documents', 'yizhan_replicas', { state: 'up' }), 1, 'documents counts its replicas');
    for (const [service, volume] of [
      ['documents', 'files'],
      ['archive', 'archive'],
    ] as const) {
      const size = value(f, service, 'yizhan_blob_volume_bytes', { volume }) ?? 0;
      const free = value(f, service, 'yizhan_blob_volume_free_bytes', { volume }) ?? -1;
      assert.ok(size > 0 && free >= 0 && free <= size, `${service} reports its ${volume} volume (${free} of ${size} bytes free)`);
    }
  });

  test('the console shows each table partitioned by time: partitions attached, made ahead past this month, and their rows', async () => {
    const f = (await (await operations('sx.admin')).json()) as Figures;
    const monthAhead = 28 * 86400;
    for (const [service, table, period] of [
      ['documents', 'outbox', 'month'],
      ['documents', 'delivery_history', 'year'],
      ['documents', 'notifications', 'year'],
      ['org', 'outbox', 'month'],
      ['org', 'audit_log', 'month'],
      ['certificates', 'outbox', 'month'],
      ['archive', 'outbox', 'month'],
      ['seals', 'outbox', 'month'],
    ] as const) {
      const attached = value(f, service, 'yizhan_partitions', { table, period, state: 'attached' }) ?? 0;
      assert.ok(attached >= 2, `${service}.${table}: the converted table and at least one made ahead (${attached})`);
      assert.equal(value(f, service, 'yizhan_partitions', { table, state: 'detached' }), 0, `${service}.${table}: nothing detached yet`);
      const ready = value(f, service, 'yizhan_partitions_ready_seconds', { table }) ?? 0;
      assert.ok(ready > monthAhead, `${service}.${table}: ready for more than a month ahead (${ready} s)`);
    }
    // The seeded province's sign-ins are in org's audit log, through its partitions.
    assert.ok((value(f, 'org', 'yizhan_partition_rows', { table: 'audit_log' }) ?? -1) >= 0);
  });

  test('the gateway’s own metrics are for the monitoring on this machine, not for a client behind a proxy', async () => {
    const local = await fetch(`${base()}/metrics`);
    assert.equal(local.status, 200);
    const text = await local.text();
    assert.match(text, /^yizhan_subgraph_up\{subgraph="documents",service="gateway"\} 1/m);
    assert.match(text, /^yizhan_gateway_websockets\{service="gateway"\} \d+/m);
    assert.equal((await fetch(`${base()}/metrics`, { headers: { 'x-forwarded-for': '203.0.113.9' } })).status, 403);
  });
});
