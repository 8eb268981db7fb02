// The live edge and the documents service agree (issue 13). Every unit's clerk of the demo province is online twice:
// once through the gateway's live edge (one feed from documents, routed by grants) and once through a gateway that
// opens a stream per subscription in documents itself (the service's own subscriptions, filtered by its hub). A city
// sends to its counties, some sign, one registers its handling, one goes overdue. For every subscription field, every
// subscriber must receive exactly the same payloads both ways, in the same order, and no unit anything of another
// unit's; the refusals (a document another unit may not see, subtree fields without a supervising role) are the same
// too. Then a subscriber resumes from a cursor at the edge and gets exactly what the service's own stream had after it.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, test } from 'node:test';
import { encodeCursor } from '@yizhan/common';
import { documentsEvents } from '@yizhan/contracts/documents';
import { startGateway } from '@yizhan/gateway';
import { freePort } from '@yizhan/kernel';
import { type Client, createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { manifestPath } from '../scripts/lib/web.ts';
import { eventually, type Platform, startPlatform } from './support/harness.ts';
import { quiet } from './support/live-inbox.ts';

type Result = { data?: Record<string, any> | null; errors?: { message: string; extensions?: { code?: string } }[] };

const FIELDS: Record<string, string> = {
  inboxChanged: 'subscription { inboxChanged { cursor previousCursor type deliveryId documentId docNumber status signedByName recipientOrg { id name } } }',
  handlingChanged: 'subscription { handlingChanged { deliveryId action kind sectionIds userIds } }',
  noticesChanged: 'subscription { noticesChanged { kind occurredAt } }',
  subtreeReceipts: 'subscription { subtreeReceipts { cursor type deliveryId receivedAt receivedByName receiptAction signedAt recipientOrg { id code } } }',
  subtreeOverdue: 'subscription { subtreeOverdue { cursor type docNumber recipientOrg { name } } }',
  deliveryChanged: 'subscription($d: ID!, $a: String) { deliveryChanged(documentId: $d, after: $a) { cursor type status recipientOrg { id shortName } } }',
  // Resumed from a cursor.
  inboxChangedAfter: 'subscription($a: String) { inboxChanged(after: $a) { cursor previousCursor type documentId status recipientOrg { id name } } }',
  subtreeReceiptsAfter: 'subscription($a: String) { subtreeReceipts(after: $a) { cursor previousCursor type deliveryId recipientOrg { id } } }',
};

let p: Platform;
let direct: Awaited<ReturnType<typeof startGateway>>;
const tokens = new Map<string, string>();
const clients: Client[] = [];

before(async () => {
  p = await startPlatform({ services: ['documents'] });
  // The same subgraphs behind a gateway without the edge: each subscription is its own stream in documents.
  direct = await startGateway({
    port: await freePort(),
    subgraphs: { org: p.orgUrl, documents: p.documentsUrl },
    liveEdge: false,
    dashboardOrigins: [],
    trustedDocumentsPath: manifestPath,
  });
});
after(async () => {
  for (const c of clients) await Promise.resolve(c.dispose()).catch(() => {});
  await direct?.close();
  await p?.close();
});

const token = async (user: string) => {
  if (!tokens.has(user)) tokens.set(user, await p.login(user));
  return tokens.get(user) as string;
};
const gql = async (user: string, query: string, variables: Record<string, unknown> = {}) => p.gql(query, variables, await token(user));

/** One connection of `user` to a gateway, with the named subscriptions; every result each receives is kept. */
async function watch(url: string, user: string, fields: { field: string; variables?: Record<string, unknown> }[]) {
  const client = createClient({
    url: url.replace('http', 'ws'),
    webSocketImpl: WebSocket,
    connectionParams: { authorization: `Bearer ${await token(user)}` },
    retryAttempts: 0,
    lazy: false,
  });
  clients.push(client);
  const got: Record<string, Result[]> = {};
  for (const { field, variables } of fields) {
    got[field] = [];
    client.subscribe(
      { query: FIELDS[field] as string, ...(variables ? { variables } : {}) },
      { next: (r) => void got[field]?.push(r as Result), error: (e) => void got[field]?.push({ errors: [{ message: String(e) }] }), complete: () => {} },
    );
  }
  return got;
}

/** A notice of 西安市 to `orgIds`, drafted and approved twice: ready to send. */
async function approvedInXian(title: string, orgIds: string[]): Promise<string> {
  const created = await gql('xa.drafter', 'mutation($in: DraftInput!) { createDraft(input: $in) { id } }', {
    in: { docType: '通知', title, body: '正文', docPrefix: '市政发', recipients: [{ orgIds }] },
  });
  const id = created.data?.createDraft.id as string;
  await gql('xa.drafter', 'mutation($id: ID!) { submitForApproval(id: $id) { id } }', { id });
  await gql('xa.leader', 'mutation($id: ID!) { approveDocument(id: $id) { id } }', { id });
  await gql('xa.leader', 'mutation($id: ID!) { approveDocument(id: $id) { id } }', { id });
  return id;
}

async function sendFromXian(title: string, orgIds: string[]): Promise<string> {
  return send(await approvedInXian(title, orgIds));
}

async function send(id: string): Promise<string> {
  const sent = await gql('xa.clerk', 'mutation($id: ID!, $k: String!) { sendDocument(id: $id, sendKey: $k) { status } }', { id, k: randomUUID() });
  assert.equal(sent.data?.sendDocument.status, 'SENT', JSON.stringify(sent.errors));
  return id;
}

const deliveryOf = async (user: string, documentId: string) =>
  ((await gql(user, '{ inbox(first: 50) { nodes { id documentId } } }')).data?.inbox.nodes as { id: string; documentId: string }[]).find(
    (n) => n.documentId === documentId,
  )?.id as string;

test('every subscriber gets the same events through the live edge as from the service itself, and none of another unit', async () => {
  // Every clerk of a unit of the province that has one: the city's counties and their siblings across the province.
  const clerks = await p.superQuery<{ username: string; org_id: string; path: string }>(
    `select u.username, u.org_id, o.path::text from org.users u join org.orgs o on o.id = u.org_id
      where u.username like '%.clerk' and 'CLERK' = any(u.roles) order by u.username`,
  );
  assert.ok(clerks.length >= 100, `hundreds of subscribers in sibling units: ${clerks.length} clerks, two fields each`);
  const xian = await p.orgId('610100');
  const counties = await p.superQuery<{ id: string }>(`select id from org.orgs where parent_id = $1 and kind = 'GOVERNMENT' order by code`, [xian]);
  assert.ok(counties.length >= 5);
  // Logged in a few at a time (a login is an argon2 hash).
  for (let i = 0; i < clerks.length; i += 8) await Promise.all(clerks.slice(i, i + 8).map((c) => token(c.username)));

  const clerkFields = [{ field: 'inboxChanged' }, { field: 'handlingChanged' }, { field: 'noticesChanged' }];
  const supervisorFields = [{ field: 'subtreeReceipts' }, { field: 'subtreeOverdue' }];
  const views: { who: string; orgId: string | null; edge: Record<string, Result[]>; direct: Record<string, Result[]> }[] = [];
  for (const c of clerks) {
    views.push({
      who: c.username,
      orgId: c.org_id,
      edge: await watch(p.gatewayUrl, c.username, clerkFields),
      direct: await watch(direct.url, c.username, clerkFields),
    });
  }
  for (const s of ['xa.admin', 'bj.admin', 'sx.admin', 'xc.leader', 'xa.clerk']) {
    views.push({
      who: `${s} (subtree)`,
      orgId: null,
      edge: await watch(p.gatewayUrl, s, supervisorFields),
      direct: await watch(direct.url, s, supervisorFields),
    });
  }
  // Every subscription is granted by documents before the edge counts it: on a busy machine that takes a while, and a
  // pause of more than a moment in the count is no sign that all have arrived.
  const due = clerks.length * clerkFields.length + 8;
  for (let i = 0; i < 240 && p.liveSubscribers() < due; i++) await new Promise((r) => setTimeout(r, 250));
  await quiet(() => p.liveSubscribers());
  assert.ok(p.liveSubscribers() >= due, `the edge serves them: ${p.liveSubscribers()}`);

  // 西安市 sends to its counties; the sender watches the document both ways from a cursor taken before the send (a watch
  // without one starts wherever each path has got to when it subscribes: on a busy machine the two differ), and
  // 碑林区 may not watch it.
  const recipients = counties.map((c) => c.id);
  const doc = await approvedInXian('实时推送一致性检查', recipients);
  const [lastPublished] = await p.superQuery<{ seq: string }>('select coalesce(max(publish_seq), 0)::text as seq from documents.outbox');
  await send(doc);
  // Every delivery not yet overdue a day ahead: a check time (09:00, 15:00 China time) passing during the run would make
  // the counties that do not sign overdue beside the one made so below.
  await p.superQuery("update documents.deliveries set due_at = now() + interval '1 day' where overdue_at is null");
  const fromBefore = { d: doc, a: encodeCursor('documents', Number(lastPublished?.seq)) };
  const sender = {
    who: 'xa.clerk (sender)',
    orgId: null,
    edge: await watch(p.gatewayUrl, 'xa.clerk', [{ field: 'deliveryChanged', variables: fromBefore }]),
    direct: await watch(direct.url, 'xa.clerk', [{ field: 'deliveryChanged', variables: fromBefore }]),
  };
  views.push(sender);
  const outsider = {
    edge: await watch(p.gatewayUrl, 'bj.clerk', [{ field: 'deliveryChanged', variables: { d: doc } }]),
    direct: await watch(direct.url, 'bj.clerk', [{ field: 'deliveryChanged', variables: { d: doc } }]),
  };
  await quiet(() => p.liveSubscribers());

  // Half the counties open and sign; 新城区 registers its 拟办; one county goes overdue.
  const byOrg = new Map(clerks.map((c) => [c.org_id, c.username]));
  const signers = recipients.slice(0, Math.ceil(recipients.length / 2)).map((id) => byOrg.get(id) as string);
  for (const u of signers) {
    const id = await deliveryOf(u, doc);
    const r = await gql(u, 'mutation($id: ID!) { signForDelivery(id: $id) { status } }', { id });
    assert.equal(r.data?.signForDelivery.status, 'SIGNED', `${u}: ${JSON.stringify(r.errors)}`);
  }
  const late = byOrg.get(recipients.at(-1) as string) as string;
  await p.superQuery('update documents.deliveries set due_at = now() - interval $$1 minute$$ where document_id = $1 and recipient_org_id = $2', [
    doc,
    recipients.at(-1),
  ]);
  assert.equal(await p.markOverdue(), 1);
  const xc = await p.orgId('610102');
  if (recipients.includes(xc)) {
    const r = await gql('xc.clerk', 'mutation($id: ID!, $t: String!) { proposeHandling(deliveryId: $id, proposal: $t) { status } }', {
      id: await deliveryOf('xc.clerk', doc),
      t: '拟请综合科办理',
    });
    assert.ok(!r.errors, JSON.stringify(r.errors));
  }
  // 西安市's supervisor publishes a 通报 of the day: the county gone overdue is named, and told in its inbox at once.
  const lateOrg = recipients.at(-1) as string;
  const bulletin = await gql(
    'xa.admin',
    'mutation($t: String!, $f: DateTimeISO!, $to: DateTimeISO!) { publishBulletin(title: $t, from: $f, to: $to) { id } }',
    {
      t: '实时推送一致性检查通报',
      f: new Date(Date.now() - 86_400_000).toISOString(),
      to: new Date(Date.now() + 60_000).toISOString(),
    },
  );
  assert.ok(!bulletin.errors, JSON.stringify(bulletin.errors));

  // A unit may have more than one clerk online (新城区: xc.clerk and 610102.clerk): each hears of its unit's — its
  // delivery, and its 签收 if it signed.
  const signedOrgs = new Set(recipients.slice(0, signers.length));
  const expected = views.filter((x) => x.orgId && recipients.includes(x.orgId)).reduce((n, x) => n + 1 + (signedOrgs.has(x.orgId as string) ? 1 : 0), 0);
  const delivered = () => views.filter((x) => x.orgId).reduce((n, v) => n + (v.edge.inboxChanged?.length ?? 0), 0);
  const total = () => views.reduce((n, v) => n + Object.values(v.edge).flat().length + Object.values(v.direct).flat().length, 0);
  const told = () => views.filter((x) => x.orgId === lateOrg).reduce((n, v) => n + (v.edge.noticesChanged?.length ?? 0), 0);
  await quiet(
    total,
    () => delivered() >= expected && told() > 0 && views.every((v) => Object.keys(v.edge).every((f) => v.edge[f]?.length === v.direct[f]?.length)),
  );

  // The same payloads both ways, for every subscriber and field.
  let compared = 0;
  for (const v of views)
    for (const field of Object.keys(v.edge)) {
      assert.deepEqual(v.edge[field], v.direct[field], `${v.who} ${field}: the edge and the service agree`);
      compared += v.edge[field]?.length ?? 0;
    }
  // What each clerk's inbox got: its own unit's deliveries, nothing of another unit.
  let foreign = 0;
  for (const v of views.filter((x) => x.orgId)) for (const r of v.edge.inboxChanged ?? []) if (r.data?.inboxChanged.recipientOrg.id !== v.orgId) foreign++;
  assert.equal(foreign, 0, 'no clerk received another unit’s event');
  assert.equal(delivered(), expected, 'each county its delivery, each signer its 签收');
  // The 通报's notice: each clerk of the county it names once, nobody else.
  for (const v of views.filter((x) => x.orgId))
    assert.deepEqual(
      (v.edge.noticesChanged ?? []).map((r) => r.data?.noticesChanged.kind),
      v.orgId === lateOrg ? ['BULLETINED'] : [],
      `${v.who}: the 通报's notice`,
    );
  // The sender, from its cursor, heard every county's delivery and each 签收.
  const heard = (type: string) => (sender.edge.deliveryChanged ?? []).filter((r) => r.data?.deliveryChanged.type === type).length;
  assert.equal(heard('delivery.delivered'), recipients.length, 'the sender heard each county’s delivery');
  assert.equal(heard('delivery.signed'), signers.length, 'and each 签收');
  const silent = views.filter((x) => x.orgId && !recipients.includes(x.orgId));
  assert.ok(silent.length > 50 && silent.every((x) => !x.edge.inboxChanged?.length), 'the sibling units heard nothing');
  const board = sender.edge.deliveryChanged ?? [];
  assert.ok(
    board.some((r) => r.data?.deliveryChanged.type === 'delivery.signed'),
    'the sender sees the 签收',
  );
  assert.ok((views.find((v) => v.who === 'xa.admin (subtree)')?.edge.subtreeOverdue ?? []).length === 1, `the city supervisor hears of ${late}'s delay once`);
  assert.equal((views.find((v) => v.who === 'bj.admin (subtree)')?.edge.subtreeReceipts ?? []).length, 0, '宝鸡市 hears nothing of 西安市’s counties');
  assert.ok(compared > recipients.length * 3, `compared ${compared} events`);

  // Refusals are the same: a document another unit may not see, and subtree fields without a supervising role.
  assert.deepEqual(outsider.edge.deliveryChanged?.[0]?.errors?.[0]?.extensions?.code, outsider.direct.deliveryChanged?.[0]?.errors?.[0]?.extensions?.code);
  assert.equal(outsider.edge.deliveryChanged?.[0]?.errors?.[0]?.extensions?.code, 'NOT_FOUND');
  const clerkView = views.find((v) => v.who === 'xa.clerk (subtree)');
  assert.equal(clerkView?.edge.subtreeReceipts?.[0]?.errors?.[0]?.extensions?.code, 'FORBIDDEN');
  assert.deepEqual(clerkView?.edge.subtreeReceipts, clerkView?.direct.subtreeReceipts);
});

test('a subscriber resuming from a cursor at the edge gets exactly what followed it, then live events', async () => {
  const xc = await p.orgId('610102');
  const first = await watch(p.gatewayUrl, 'xc.clerk', [{ field: 'inboxChanged' }]);
  const doc1 = await sendFromXian('续传一', [xc]);
  const doc2 = await sendFromXian('续传二', [xc]);
  await quiet(() => first.inboxChanged?.length ?? 0);
  const seen = first.inboxChanged ?? [];
  assert.deepEqual(
    seen.map((r) => r.data?.inboxChanged.documentId),
    [doc1, doc2],
  );
  // Resume after the first: the second arrives (replayed from documents), then a live third, each naming the one before.
  const cursor = seen[0]?.data?.inboxChanged.cursor as string;
  const client = createClient({
    url: p.gatewayUrl.replace('http', 'ws'),
    webSocketImpl: WebSocket,
    connectionParams: { authorization: `Bearer ${await token('xc.clerk')}` },
    retryAttempts: 0,
  });
  clients.push(client);
  const resumed: Result[] = [];
  client.subscribe(
    { query: 'subscription($a: String) { inboxChanged(after: $a) { cursor previousCursor documentId } }', variables: { a: cursor } },
    { next: (r) => void resumed.push(r as Result), error: () => {}, complete: () => {} },
  );
  await quiet(() => resumed.length);
  const doc3 = await sendFromXian('续传三', [xc]);
  await quiet(() => resumed.length);
  assert.deepEqual(
    resumed.map((r) => r.data?.inboxChanged.documentId),
    [doc2, doc3],
  );
  assert.equal(resumed[0]?.data?.inboxChanged.previousCursor, cursor, 'the replay starts right after the cursor given');
  assert.equal(resumed[1]?.data?.inboxChanged.previousCursor, resumed[0]?.data?.inboxChanged.cursor, 'and the live event follows it');
  // A malformed cursor is refused as the service refuses it.
  const bad: Result[] = [];
  client.subscribe(
    { query: 'subscription { inboxChanged(after: "not-a-cursor") { cursor } }' },
    { next: (r) => void bad.push(r as Result), error: () => {}, complete: () => {} },
  );
  await quiet(() => bad.length);
  assert.equal(bad[0]?.errors?.[0]?.extensions?.code, 'BAD_INPUT');
});

test('clerks of sibling units resuming at once are replayed from one shared read: each exactly what the service’s own stream replays it, none of another unit', async () => {
  const clerks = await p.superQuery<{ username: string; org_id: string }>(
    `select u.username, u.org_id from org.users u where u.username like '%.clerk' and 'CLERK' = any(u.roles) order by u.username`,
  );
  for (let i = 0; i < clerks.length; i += 8) await Promise.all(clerks.slice(i, i + 8).map((c) => token(c.username)));
  // Something to replay, whatever ran before: 西安市 sends to three of its counties and one signs.
  const xian = await p.orgId('610100');
  const counties = (await p.superQuery<{ id: string }>(`select id from org.orgs where parent_id = $1 and kind = 'GOVERNMENT' order by code`, [xian])).map(
    (c) => c.id,
  );
  const doc = await sendFromXian('断线续传一致性检查', counties.slice(0, 3));
  const signer = (
    await p.superQuery<{ username: string }>(`select username from org.users where org_id = $1 and 'CLERK' = any(roles) limit 1`, [counties[0]])
  )[0]?.username as string;
  const r = await gql(signer, 'mutation($id: ID!) { signForDelivery(id: $id) { status } }', { id: await deliveryOf(signer, doc) });
  assert.ok(!r.errors, JSON.stringify(r.errors));

  // What each unit's inbox replay holds: every inbox event published for it. The streams are waited for until they
  // have that much — a stream that starts late on a busy machine must not be compared half-way.
  const unpublished = await eventually(
    () => p.superCount('select count(*) as n from documents.outbox where publish_seq is null'),
    (n) => n === 0,
  );
  assert.equal(unpublished, 0, 'the relay has published everything written');
  const published = new Map(
    (
      await p.superQuery<{ org: string; n: number }>(
        `select payload->>'recipientOrgId' as org, count(*)::int as n from documents.outbox where publish_seq is not null and type = any($1) group by 1`,
        [(['delivery.delivered', 'delivery.recall', 'delivery.signed'] as const).map((e) => documentsEvents.names[e])],
      )
    ).map((r) => [r.org, r.n]),
  );

  // Everyone resumes from the start of the feed at the same moment (as after a gateway restart), both ways.
  const from = { a: encodeCursor('documents', 0) };
  const supervisors = ['xa.admin', 'bj.admin', 'sx.admin'];
  const [edge, own] = await Promise.all(
    [p.gatewayUrl, direct.url].map((url) =>
      Promise.all([
        ...clerks.map((c) => watch(url, c.username, [{ field: 'inboxChangedAfter', variables: from }])),
        ...supervisors.map((s) => watch(url, s, [{ field: 'subtreeReceiptsAfter', variables: from }])),
      ]),
    ),
  );
  const count = () => [...(edge ?? []), ...(own ?? [])].reduce((n, v) => n + Object.values(v).flat().length, 0);
  await quiet(count, () =>
    (edge ?? []).every((v, i) => {
      const org = clerks[i]?.org_id;
      return Object.keys(v).every((f) => v[f]?.length === own?.[i]?.[f]?.length && (!org || v[f]?.length === (published.get(org) ?? 0)));
    }),
  );
  assert.ok(count() > 0);

  let foreign = 0;
  let replayed = 0;
  for (const [i, c] of clerks.entries()) {
    const mine = edge?.[i]?.inboxChangedAfter ?? [];
    assert.deepEqual(mine, own?.[i]?.inboxChangedAfter, `${c.username}: the edge replays what the service replays`);
    for (const e of mine) {
      if (e.errors) assert.fail(`${c.username}: ${JSON.stringify(e.errors)}`);
      if (e.data?.inboxChanged.recipientOrg.id !== c.org_id) foreign++;
      else replayed++;
    }
    // Each event names the one before it: the replay has no gap, however many resumed with it.
    for (let j = 1; j < mine.length; j++) assert.equal(mine[j]?.data?.inboxChanged.previousCursor, mine[j - 1]?.data?.inboxChanged.cursor);
  }
  assert.equal(foreign, 0, 'no clerk was replayed another unit’s event');
  const signed = edge?.[clerks.findIndex((c) => c.username === signer)]?.inboxChangedAfter ?? [];
  assert.deepEqual(
    signed.filter((e) => e.data?.inboxChanged.documentId === doc).map((e) => e.data?.inboxChanged.type),
    ['delivery.delivered', 'delivery.signed'],
    'the county that signed gets its delivery and its 签收',
  );
  assert.ok(replayed >= 4, `replayed ${replayed}`);
  for (const [j, s] of supervisors.entries()) {
    const i = clerks.length + j;
    assert.deepEqual(edge?.[i]?.subtreeReceiptsAfter, own?.[i]?.subtreeReceiptsAfter, `${s}: the same subtree replay`);
  }
  const xa = edge?.[clerks.length]?.subtreeReceiptsAfter ?? [];
  assert.ok(
    xa.some((e) => e.data?.subtreeReceipts.type === 'delivery.signed'),
    '西安市’s supervisor is replayed the 签收 of its county',
  );
  assert.ok(
    (edge?.[clerks.length + 1]?.subtreeReceiptsAfter ?? []).every((e) => e.data?.subtreeReceipts.recipientOrg.id !== counties[0]),
    '宝鸡市’s is not',
  );
});
