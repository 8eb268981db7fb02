// Replicas on several hosts under faults (issue 20): the test cluster (scripts/lib/cluster.ts) puts a PostgreSQL
// primary and its synchronous standby on two hosts, a three-server NATS JetStream cluster on three more, and every
// subgraph with a gateway on each of two application hosts — network namespaces of this machine, each with its own
// address. County clerks hold their live inboxes on one host's gateway or the other while 西安市 broadcasts through
// both; meanwhile a documents replica is killed (its supervisor brings it back), a NATS server is killed and comes
// back, a documents replica is paused (SIGSTOP) and let run again, an application host is cut off the network for
// seconds and joined again, and the PostgreSQL primary is killed and its standby promoted. Afterwards every broadcast reached every county once, every 签收 is
// recorded once, the 发文字号 have no gap or duplicate, and every inbox got each event once, in order, each naming the
// one before. Each recovery's time is reported.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, test } from 'node:test';
import pg from 'pg';
import { type Cluster, startCluster } from '../scripts/lib/cluster.ts';
import { hostsPossible } from '../scripts/lib/netns.ts';
import { DEMO_PASSWORD, type GqlResult, gqlAt } from './support/harness.ts';
import { assertInboxStream, type InboxWatcher, inboxWatchers, quiet } from './support/live-inbox.ts';

let cluster: Cluster;
const watchers = inboxWatchers();
const tokens = new Map<string, string>();

before(async () => {
  const why = hostsPossible();
  assert.equal(why, null, `the cluster needs network namespaces: ${why}`);
  cluster = await startCluster();
});
after(async () => {
  await watchers.close();
  await cluster?.stop();
});

async function token(url: string, user: string): Promise<string> {
  if (!tokens.has(user)) {
    const r = await gqlAt<{ login: { token: string } }>(url, 'mutation($u: String!, $p: String!) { login(username: $u, password: $p) { token } }', {
      u: user,
      p: DEMO_PASSWORD,
    });
    assert.ok(r.data?.login, `login ${user}: ${JSON.stringify(r.errors)}`);
    tokens.set(user, r.data.login.token);
  }
  return tokens.get(user) as string;
}

const gql = async (url: string, user: string, query: string, variables: Record<string, unknown> = {}) =>
  gqlAt(url, query, variables, { authorization: `Bearer ${await token(url, user)}` });

/** Asks again while the service behind the gateway is coming back (UNAVAILABLE, or no answer): what a client does. */
async function persist(what: string, call: () => Promise<GqlResult>): Promise<GqlResult> {
  let last: unknown;
  for (const end = Date.now() + 30_000; Date.now() < end; ) {
    try {
      const r = await call();
      if (!r.errors?.some((e) => e.extensions?.code === 'UNAVAILABLE')) return r;
      last = r.errors;
    } catch (e) {
      last = e;
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${what}: no answer in 30 s (${JSON.stringify(last)})`);
}

async function superQuery<T>(sql: string, params: unknown[] = []): Promise<T[]> {
  const c = new pg.Client({ connectionString: cluster.superUrl });
  await c.connect();
  try {
    return (await c.query(sql, params)).rows as T[];
  } finally {
    await c.end();
  }
}

/** 西安市 drafts, approves and sends a notice to `orgIds` through the gateway at `url`; each step asked again while a
 * service is coming back (the send with the same key, so a send retried is still one send). */
async function send(url: string, title: string, orgIds: string[]): Promise<string> {
  const created = await persist('createDraft', () =>
    gql(url, 'xa.drafter', 'mutation($in: DraftInput!) { createDraft(input: $in) { id } }', {
      in: { docType: '通知', title, body: '正文', docPrefix: '市政发', recipients: [{ orgIds }] },
    }),
  );
  const id = created.data?.createDraft.id as string;
  assert.ok(id, JSON.stringify(created.errors));
  await persist('submit', () => gql(url, 'xa.drafter', 'mutation($id: ID!) { submitForApproval(id: $id) { id } }', { id }));
  for (let i = 0; i < 2; i++) await persist('approve', () => gql(url, 'xa.leader', 'mutation($id: ID!) { approveDocument(id: $id) { id } }', { id }));
  const key = randomUUID();
  const sent = await persist('send', () =>
    gql(url, 'xa.clerk', 'mutation($id: ID!, $k: String!) { sendDocument(id: $id, sendKey: $k) { status } }', { id, k: key }),
  );
  assert.equal(sent.data?.sendDocument.status, 'SENT', JSON.stringify(sent.errors));
  return id;
}

/** Waits until `done`, returning how long it took; fails after `ms`. */
async function within(ms: number, what: string, done: () => Promise<boolean>): Promise<number> {
  const start = Date.now();
  while (!(await done().catch(() => false))) {
    if (Date.now() - start > ms) assert.fail(`${what}: not within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 200));
  }
  return Date.now() - start;
}

test('broadcasts and receipts through two hosts while a documents replica is killed and another paused, a NATS server is killed, a host is cut off and the database fails over', async (t) => {
  const [app1, app2] = cluster.appHosts as [string, string];
  const gw = { [app1]: cluster.gateways[app1] as string, [app2]: cluster.gateways[app2] as string };
  const counties = await superQuery<{ id: string; code: string }>(
    `select o.id, o.code from org.orgs o join org.orgs c on c.id = o.parent_id where c.code = '610100' and o.kind = 'GOVERNMENT' order by o.code`,
  );
  assert.ok(counties.length >= 5, 'the demo city has its counties');
  // Each county's clerk on one host's gateway or the other.
  const subs: InboxWatcher[] = [];
  for (const [i, c] of counties.entries()) {
    const user = `${c.code.toLowerCase()}.clerk`;
    const url = gw[i % 2 ? app2 : app1] as string;
    subs.push(watchers.watch(url, user, c.id, await token(url, user)));
  }
  await new Promise((r) => setTimeout(r, 1000));
  const ids = counties.map((c) => c.id);
  const docs: string[] = [];
  const everyoneHas = (n: number) => async () => subs.every((s) => s.got.filter((e) => e.type === 'delivery.delivered').length >= n);

  // Healthy: one broadcast through each host.
  docs.push(await send(gw[app1] as string, '集群一', ids));
  docs.push(await send(gw[app2] as string, '集群二', ids));
  await within(20_000, 'both broadcasts in every inbox', everyoneHas(2));

  // A documents replica killed: its supervisor restarts it; a send through its host waits for it.
  const killedAt = Date.now();
  cluster.kill(app1, 'documents');
  docs.push(await send(gw[app1] as string, '集群三', ids));
  const documentsBack = Date.now() - killedAt;
  await within(30_000, 'the broadcast after the kill in every inbox', everyoneHas(3));
  assert.ok(cluster.restartsOf(app1, 'documents') >= 1, 'the supervisor restarted the killed replica');

  // A NATS server killed (the other two keep the streams) and back after a second.
  const natsDown = cluster.nats.restart('nats2', { downMs: 1000 });
  docs.push(await send(gw[app2] as string, '集群四', ids));
  await natsDown;
  const natsRecovery = await within(30_000, 'the broadcast during the NATS kill in every inbox', everyoneHas(4));

  // The documents replica behind one gateway paused (SIGSTOP) for three seconds, as a stalled machine: nothing restarts
  // it; its gateway's inboxes get what was sent meanwhile once it runs again.
  cluster.signal(app2, 'documents', 'SIGSTOP');
  const pausedAt = Date.now();
  docs.push(await send(gw[app1] as string, '集群五', ids));
  await new Promise((r) => setTimeout(r, Math.max(0, 3000 - (Date.now() - pausedAt))));
  cluster.signal(app2, 'documents', 'SIGCONT');
  const pauseRecovery = await within(30_000, 'the broadcast during the pause in every inbox', everyoneHas(5));
  assert.equal(cluster.restartsOf(app2, 'documents'), 0, 'a paused replica is not restarted');

  // An application host cut off for three seconds: its inboxes get what was sent meanwhile once it is back.
  cluster.network.partition(app2);
  const partitionedAt = Date.now();
  docs.push(await send(gw[app1] as string, '集群六', ids));
  await new Promise((r) => setTimeout(r, Math.max(0, 3000 - (Date.now() - partitionedAt))));
  cluster.network.heal(app2);
  const partitionRecovery = await within(45_000, 'the broadcast during the partition in every inbox', everyoneHas(6));

  // The PostgreSQL primary killed: the standby, which holds every commit the primary acknowledged, is promoted and
  // takes the database's address; the services reconnect to it by themselves.
  const replication = await superQuery<{ application_name: string; sync_state: string }>('select application_name, sync_state from pg_stat_replication');
  assert.deepEqual(replication, [{ application_name: 'standby', sync_state: 'sync' }], 'the standby confirms every commit before it is acknowledged');
  const failedAt = Date.now();
  await cluster.failOverDatabase();
  docs.push(await send(gw[app2] as string, '集群七', ids));
  const databaseRecovery = Date.now() - failedAt;
  await within(45_000, 'the broadcast after the failover in every inbox', everyoneHas(7));
  // The WAL file being written names its timeline: a promoted standby writes on a new one.
  const [promoted] = await superQuery<{ recovering: boolean; walfile: string }>(
    'select pg_is_in_recovery() as recovering, pg_walfile_name(pg_current_wal_lsn()) as walfile',
  );
  assert.equal(promoted?.recovering, false, 'the database now answering takes writes');
  assert.equal(Number.parseInt(promoted?.walfile.slice(0, 8) ?? '', 16), 2, 'it is the promoted standby, on its second timeline');

  // 签收 by every third county, through the other host's gateway.
  const signed: string[] = [];
  for (const [i, c] of counties.entries()) {
    if (i % 3) continue;
    const user = `${c.code.toLowerCase()}.clerk`;
    const url = gw[i % 2 ? app1 : app2] as string;
    const inbox = await persist('inbox', () => gql(url, user, '{ inbox(first: 50) { nodes { id documentId } } }'));
    const delivery = (inbox.data?.inbox.nodes as { id: string; documentId: string }[]).find((n) => n.documentId === docs[0])?.id;
    const r = await persist('sign', () => gql(url, user, 'mutation($id: ID!) { signForDelivery(id: $id) { status } }', { id: delivery }));
    assert.equal(r.data?.signForDelivery.status, 'SIGNED', JSON.stringify(r.errors));
    signed.push(c.id);
  }
  await within(30_000, 'every 签收 in its inbox', async () =>
    subs.every((s) => s.got.filter((e) => e.type === 'delivery.signed').length === (signed.includes(s.orgId) ? 1 : 0)),
  );
  await quiet(() => subs.reduce((n, s) => n + s.got.length, 0));

  assert.deepEqual(watchers.failures, [], 'no subscription failed or ended');
  for (const s of subs) assertInboxStream(s, docs);
  // Underneath (on the promoted standby): one delivery per county and broadcast, each 签收 once, the 发文字号 without gap.
  const deliveries = await superQuery<{ n: string }>('select count(*) as n from documents.deliveries where document_id = any($1)', [docs]);
  assert.equal(Number(deliveries[0]?.n), docs.length * counties.length, 'one delivery per county and broadcast');
  const signedRows = await superQuery<{ n: string }>(`select count(*) as n from documents.deliveries where document_id = $1 and status = 'SIGNED'`, [docs[0]]);
  assert.equal(Number(signedRows[0]?.n), signed.length, 'each 签收 recorded once');
  const numbers = await superQuery<{ doc_number: string }>('select doc_number from documents.documents where id = any($1) order by sent_at', [docs]);
  const serials = numbers.map((r) => Number(/〔\d+〕(\d+)号/.exec(r.doc_number)?.[1]));
  assert.deepEqual(
    [...serials].sort((a, b) => a - b),
    serials.map((_, i) => (serials[0] as number) + i),
    `the 发文字号 follow one another (${numbers.map((r) => r.doc_number).join(', ')})`,
  );
  t.diagnostic(
    `documents replica killed: a send through its host answered after ${documentsBack} ms; NATS server killed: every inbox had the broadcast ${natsRecovery} ms after it came back; documents replica paused 3 s: every inbox had what was sent meanwhile ${pauseRecovery} ms after it ran again; host cut off 3 s: every inbox had what was sent meanwhile ${partitionRecovery} ms after it was joined again; PostgreSQL primary killed: a send answered ${databaseRecovery} ms later, on the promoted standby`,
  );
});
