// Two replicas of everything live (issue 13): two documents services publishing through NATS JetStream and two
// gateways, each gateway's live edge following a different documents replica. County clerks hold their inboxes on
// either gateway (some on both at once); documents are sent and signed for through both; one documents replica is
// restarted in the middle. Every subscription receives each of its events exactly once, in order, each naming the one
// before it, whichever replica holds its socket and whichever replica wrote the event.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, test } from 'node:test';
import { startDocumentsService } from '@yizhan/documents';
import { startGateway } from '@yizhan/gateway';
import { freePort } from '@yizhan/kernel';
import { type RunningNats, startNats } from '../scripts/lib/nats.ts';
import { manifestPath } from '../scripts/lib/web.ts';
import { gqlAt, type Platform, startPlatform } from './support/harness.ts';
import { assertInboxStream, type InboxWatcher, inboxWatchers, quiet } from './support/live-inbox.ts';

let nats: RunningNats | null;
let p: Platform;
let documents2: Awaited<ReturnType<typeof startDocumentsService>>;
let gateway2: Awaited<ReturnType<typeof startGateway>>;
const watchers = inboxWatchers();
const tokens = new Map<string, string>();

before(async () => {
  nats = await startNats();
  assert.ok(nats, 'nats-server is needed: npm test installs it');
  process.env.YIZHAN_EVENT_BUS = nats.url;
  try {
    p = await startPlatform({ services: ['documents'] });
    documents2 = await startDocumentsService({ appUrl: p.db.appUrl, relayUrl: p.db.relayUrl, port: await freePort(), orgUrl: p.orgUrl });
  } finally {
    process.env.YIZHAN_EVENT_BUS = 'postgres';
  }
  gateway2 = await startGateway({
    port: await freePort(),
    subgraphs: { org: p.orgUrl, documents: documents2.url },
    dashboardOrigins: [],
    trustedDocumentsPath: manifestPath,
  });
});
after(async () => {
  await watchers.close();
  await gateway2?.close();
  await documents2?.close();
  await p?.close();
  await nats?.stop();
});

const token = async (user: string) => {
  if (!tokens.has(user)) tokens.set(user, await p.login(user));
  return tokens.get(user) as string;
};
const gql = async (url: string, user: string, query: string, variables: Record<string, unknown> = {}) =>
  gqlAt(url, query, variables, { authorization: `Bearer ${await token(user)}` });

async function send(url: string, title: string, orgIds: string[]): Promise<string> {
  const created = await gql(url, 'xa.drafter', 'mutation($in: DraftInput!) { createDraft(input: $in) { id } }', {
    in: { docType: '通知', title, body: '正文', docPrefix: '市政发', recipients: [{ orgIds }] },
  });
  const id = created.data?.createDraft.id as string;
  await gql(url, 'xa.drafter', 'mutation($id: ID!) { submitForApproval(id: $id) { id } }', { id });
  await gql(url, 'xa.leader', 'mutation($id: ID!) { approveDocument(id: $id) { id } }', { id });
  await gql(url, 'xa.leader', 'mutation($id: ID!) { approveDocument(id: $id) { id } }', { id });
  const sent = await gql(url, 'xa.clerk', 'mutation($id: ID!, $k: String!) { sendDocument(id: $id, sendKey: $k) { status } }', { id, k: randomUUID() });
  assert.equal(sent.data?.sendDocument.status, 'SENT', JSON.stringify(sent.errors));
  return id;
}

test('each subscriber gets each event exactly once, whichever gateway holds its socket and whichever documents replica wrote it', async () => {
  const xian = await p.orgId('610100');
  const counties = await p.superQuery<{ id: string; code: string }>(
    `select o.id, o.code from org.orgs o where o.parent_id = $1 and o.kind = 'GOVERNMENT' order by o.code`,
    [xian],
  );
  const gateways = [p.gatewayUrl, gateway2.url];
  // Each county's clerk on one gateway or the other; 新城区's clerk on both at once.
  const inbox = async (where: string, user: string, orgId: string) => watchers.watch(where, user, orgId, await token(user));
  const subs: InboxWatcher[] = [];
  for (const [i, c] of counties.entries()) {
    const user = `${c.code.toLowerCase()}.clerk`;
    subs.push(await inbox(gateways[i % 2] as string, user, c.id));
  }
  const xc = counties.find((c) => c.code === '610102');
  assert.ok(xc);
  subs.push(await inbox(gateways[0] as string, 'xc.clerk', xc.id));
  subs.push(await inbox(gateways[1] as string, 'xc.clerk', xc.id));
  await new Promise((r) => setTimeout(r, 1000));

  // Sends and 签收 through both gateways (so both documents replicas write events); one replica restarts between.
  const ids = counties.map((c) => c.id);
  const docs = [await send(gateways[0] as string, '双副本一', ids), await send(gateways[1] as string, '双副本二', ids)];
  // The restarted replica on the same bus as the other (a replica is configured by its environment when it starts):
  // on PostgreSQL's instead, its relay would publish what it claims where the other replica's hub never looks.
  process.env.YIZHAN_EVENT_BUS = nats?.url as string;
  try {
    await p.restartDocuments();
  } finally {
    process.env.YIZHAN_EVENT_BUS = 'postgres';
  }
  docs.push(await send(gateways[1] as string, '双副本三', ids));
  docs.push(await send(gateways[0] as string, '双副本四', ids));
  const signedOrgs = new Set<string>();
  for (const [i, c] of counties.entries()) {
    if (i % 3) continue;
    const user = `${c.code.toLowerCase()}.clerk`;
    const url = gateways[i % 2] as string;
    const nodes = (await gql(url, user, '{ inbox(first: 50) { nodes { id documentId } } }')).data?.inbox.nodes as { id: string; documentId: string }[];
    const delivery = nodes.find((n) => n.documentId === docs[0])?.id;
    const r = await gql(gateways[(i + 1) % 2] as string, user, 'mutation($id: ID!) { signForDelivery(id: $id) { status } }', { id: delivery });
    assert.equal(r.data?.signForDelivery.status, 'SIGNED', JSON.stringify(r.errors));
    signedOrgs.add(c.id);
  }
  // Everything expected has arrived (a gateway's feed reconnects to the restarted replica), then nothing more comes.
  const delivered = (s: (typeof subs)[number]) => s.got.filter((e) => e.type === 'delivery.delivered').length;
  const signedSeen = () => subs.reduce((n, s) => n + s.got.filter((e) => e.type === 'delivery.signed').length, 0);
  // Each 签收 reaches every subscriber of its unit (新城区 has three: 610102.clerk, and xc.clerk on both gateways).
  const signedDue = subs.filter((s) => signedOrgs.has(s.orgId)).length;
  for (let i = 0; i < 240 && (subs.some((s) => delivered(s) < docs.length) || signedSeen() < signedDue); i++) await new Promise((r) => setTimeout(r, 250));
  await quiet(() => subs.reduce((n, s) => n + s.got.length, 0));
  // When something did not arrive, the state of both sides is written out with the failure, for whoever reads it.
  const short = subs.filter((s) => delivered(s) < docs.length);
  if (short.length || signedSeen() !== signedDue) {
    const published = await p.superQuery<{ seq: string; type: string; path: string; other: string | null }>(
      `select publish_seq::text seq, type, org_path::text path, other_path::text other from documents.outbox where publish_seq is not null order by publish_seq`,
    );
    console.error(
      JSON.stringify({
        gateways: { first: p.liveSubscribers(), second: gateway2.liveEdge() },
        replicaSubscriptions: documents2.subscriptions(),
        lastPublished: published.at(-1)?.seq,
        subscribers: subs.map((s) => ({
          user: s.user,
          gateway: gateways.indexOf(s.where),
          got: s.got.map((e) => `${e.type}:${Buffer.from(e.cursor, 'base64').toString()}`),
        })),
        published: published.filter((e) => e.type.startsWith('delivery.')).map((e) => `${e.seq}:${e.type}:${e.other ?? e.path}`),
      }),
    );
  }
  assert.deepEqual(watchers.failures, [], 'no subscription failed or ended');
  for (const s of subs) assertInboxStream(s, docs);
  assert.ok(signedOrgs.size >= 2);
  assert.equal(signedSeen(), signedDue, 'each 签收 reaches its unit’s subscribers once');
});
