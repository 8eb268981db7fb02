// Replicas on several hosts under faults (issue 20): the test cluster (scripts/lib/cluster.ts) puts a PostgreSQL
// primary and its synchronous standby on two hosts, a three-server NATS JetStream cluster on three more, and every
// subgraph with a gateway on each of two application hosts — network namespaces of this machine, each with its own
// address. County clerks hold their live inboxes on one host's gateway or the other while 西安市 broadcasts through
// both, and sign for, print and return what arrives through the other host's gateway while the faults go on: a
// documents replica is killed (its supervisor brings it back), a NATS server is killed and comes back, a documents
// replica is paused (SIGSTOP) and let run again, an application host is cut off the network for seconds and joined
// again, three of these at once, the files' volume fills to its last byte and is freed, and the PostgreSQL primary is
// killed, its standby promoted and a new standby built. Afterwards every broadcast reached every county once; every
// acknowledged 签收, print and return is recorded once; the 发文字号, each unit's 收文编号 and each document's 份号 have
// no gap or duplicate; and every inbox got each event once, in order, each naming the one before. Each recovery's
// time is reported.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
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

/**
 * Asks again while the service behind the gateway is coming back (UNAVAILABLE, or no answer): what a client does.
 * `attempts` is how many requests it took: after more than one, an earlier one may have been carried out unanswered.
 */
async function persistCounted(what: string, call: () => Promise<GqlResult>): Promise<{ r: GqlResult; attempts: number }> {
  let last: unknown;
  let attempts = 0;
  for (const end = Date.now() + 30_000; Date.now() < end; ) {
    attempts++;
    try {
      const r = await call();
      if (!r.errors?.some((e) => e.extensions?.code === 'UNAVAILABLE')) return { r, attempts };
      last = r.errors;
    } catch (e) {
      last = e;
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${what}: no answer in 30 s (${JSON.stringify(last)})`);
}
const persist = async (what: string, call: () => Promise<GqlResult>) => (await persistCounted(what, call)).r;

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

type County = { id: string; code: string };

/** What the counties' clerks did while the faults went on, as the gateways acknowledged it. */
interface Handled {
  signed: { orgId: string; deliveryId: string }[];
  printed: { documentId: string; deliveryId: string; copyNumber: number }[];
  returned: string[];
  /** Requests asked again after no answer (each may have been carried out unanswered: checked underneath). */
  retried: number;
  /** Refusals a client would not expect. */
  refused: string[];
}

/**
 * The counties' clerks answer document `documentId` (the `round`-th broadcast), each through the gateway of the other
 * host than its inbox's: by turns 签收, 打印 and 退回, so each round has each kind. Answers that a retry finds already
 * done (ALREADY_SIGNED, ILLEGAL_TRANSITION after an unanswered attempt) are left to the checks underneath.
 */
async function clerksAnswer(counties: County[], urls: string[], documentId: string, round: number, handled: Handled): Promise<void> {
  await Promise.all(
    counties.map(async (c, i) => {
      const user = `${c.code.toLowerCase()}.clerk`;
      const url = urls[(i + 1) % urls.length] as string;
      const inbox = await persist('inbox', () => gql(url, user, '{ inbox(first: 50) { nodes { id documentId } } }'));
      const deliveryId = (inbox.data?.inbox.nodes as { id: string; documentId: string }[]).find((n) => n.documentId === documentId)?.id as string;
      assert.ok(deliveryId, `${user} has ${documentId} in the inbox`);
      const kind = (i + round) % 3;
      const [mutation, field] =
        kind === 0
          ? ['mutation($id: ID!) { signForDelivery(id: $id) { status } }', 'signForDelivery']
          : kind === 1
            ? ['mutation($id: ID!) { printDelivery(id: $id) { copyNumber } }', 'printDelivery']
            : ['mutation($id: ID!) { returnDelivery(id: $id, reason: WRONG_FORMAT, note: "版式不符") { status } }', 'returnDelivery'];
      const { r, attempts } = await persistCounted(field, () => gql(url, user, mutation, { id: deliveryId }));
      handled.retried += attempts - 1;
      const answer = r.data?.[field];
      if (!answer) {
        if (attempts === 1) handled.refused.push(`${user} ${field}: ${JSON.stringify(r.errors)}`);
        return;
      }
      if (kind === 0) handled.signed.push({ orgId: c.id, deliveryId });
      else if (kind === 1) handled.printed.push({ documentId, deliveryId, copyNumber: answer.copyNumber });
      else handled.returned.push(deliveryId);
    }),
  );
}

test("broadcasts, 签收, prints and returns through two hosts while replicas are killed and paused, a NATS server is killed, a host is cut off, faults come together, the files' volume fills and the database fails over", async (t) => {
  const [app1, app2] = cluster.appHosts as [string, string];
  const gw = { [app1]: cluster.gateways[app1] as string, [app2]: cluster.gateways[app2] as string };
  const counties = await superQuery<County>(
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
  // The clerks answer each broadcast as it comes, beside the faults that follow it.
  const handled: Handled = { signed: [], printed: [], returned: [], retried: 0, refused: [] };
  const answering: Promise<void>[] = [];
  const answer = (documentId: string) => answering.push(clerksAnswer(counties, [gw[app1] as string, gw[app2] as string], documentId, docs.length, handled));
  const broadcast = async (url: string, title: string) => {
    const id = await send(url, title, ids);
    docs.push(id);
    answer(id);
    return id;
  };

  // Healthy: one broadcast through each host.
  await broadcast(gw[app1] as string, '集群一');
  await broadcast(gw[app2] as string, '集群二');
  await within(20_000, 'both broadcasts in every inbox', everyoneHas(2));

  // A documents replica killed: its supervisor restarts it; a send through its host waits for it.
  const killedAt = Date.now();
  cluster.kill(app1, 'documents');
  await broadcast(gw[app1] as string, '集群三');
  const documentsBack = Date.now() - killedAt;
  await within(30_000, 'the broadcast after the kill in every inbox', everyoneHas(3));
  assert.ok(cluster.restartsOf(app1, 'documents') >= 1, 'the supervisor restarted the killed replica');

  // A NATS server killed (the other two keep the streams) and back after a second.
  const natsDown = cluster.nats.restart('nats2', { downMs: 1000 });
  await broadcast(gw[app2] as string, '集群四');
  await natsDown;
  const natsRecovery = await within(30_000, 'the broadcast during the NATS kill in every inbox', everyoneHas(4));

  // The documents replica behind one gateway paused (SIGSTOP) for three seconds, as a stalled machine: nothing restarts
  // it; its gateway's inboxes get what was sent meanwhile once it runs again.
  cluster.signal(app2, 'documents', 'SIGSTOP');
  const pausedAt = Date.now();
  await broadcast(gw[app1] as string, '集群五');
  await new Promise((r) => setTimeout(r, Math.max(0, 3000 - (Date.now() - pausedAt))));
  cluster.signal(app2, 'documents', 'SIGCONT');
  const pauseRecovery = await within(30_000, 'the broadcast during the pause in every inbox', everyoneHas(5));
  assert.equal(cluster.restartsOf(app2, 'documents'), 0, 'a paused replica is not restarted');

  // An application host cut off for three seconds: its inboxes get what was sent meanwhile once it is back.
  cluster.network.partition(app2);
  const partitionedAt = Date.now();
  await broadcast(gw[app1] as string, '集群六');
  await new Promise((r) => setTimeout(r, Math.max(0, 3000 - (Date.now() - partitionedAt))));
  cluster.network.heal(app2);
  const partitionRecovery = await within(45_000, 'the broadcast during the partition in every inbox', everyoneHas(6));

  // Three at once: one host's documents replica killed, a NATS server killed, and the other host's org replica (which
  // every send asks about the recipients) paused for three seconds.
  const togetherAt = Date.now();
  cluster.kill(app1, 'documents');
  const natsDownAgain = cluster.nats.restart('nats3', { downMs: 2000 });
  cluster.signal(app2, 'org', 'SIGSTOP');
  const sentTogether = broadcast(gw[app2] as string, '集群七');
  await new Promise((r) => setTimeout(r, 3000));
  cluster.signal(app2, 'org', 'SIGCONT');
  await Promise.all([sentTogether, natsDownAgain]);
  await within(45_000, 'the broadcast during the three faults in every inbox', everyoneHas(7));
  const togetherRecovery = Date.now() - togetherAt;

  // The files' volume full. What needs a new file is refused as STORAGE_FULL and changes nothing — a print (its 份号
  // not taken), a draft, an upload — and leaves no part of a file behind; what needs none (签收) goes on. The
  // operators' console shows the volume full. Once space is freed the same requests succeed, the 份号 next in line.
  await Promise.all(answering.splice(0));
  const c0 = counties[0] as County;
  const clerk0 = `${c0.code.toLowerCase()}.clerk`;
  const inbox0 = await persist('inbox', () => gql(gw[app1] as string, clerk0, '{ inbox(first: 50) { nodes { id documentId status } } }'));
  const nodes0 = inbox0.data?.inbox.nodes as { id: string; documentId: string; status: string }[];
  const printable = nodes0.find((n) => n.documentId === docs[0])?.id as string;
  const copiesBefore = await superQuery<{ n: string }>('select count(*) as n from documents.prints where document_id = $1', [docs[0]]);
  // A replica killed above in the middle of a write may have left its temporary file (the store sweeps those once they
  // are a minute old); what is checked below is that the refused writes leave none of their own.
  const temporaries = () => (fs.readdirSync(cluster.blobVolume.dir, { recursive: true }) as string[]).filter((f) => f.endsWith('.tmp'));
  const deadWrites = new Set(temporaries());
  cluster.blobVolume.fill();
  const full = await gql(gw[app1] as string, clerk0, 'mutation($id: ID!) { printDelivery(id: $id) { copyNumber } }', { id: printable });
  assert.equal(full.errors?.[0]?.extensions?.code, 'STORAGE_FULL', `a print on a full volume: ${JSON.stringify(full.errors)}`);
  const draftOnFull = await gql(gw[app2] as string, 'xa.drafter', 'mutation($in: DraftInput!) { createDraft(input: $in) { id } }', {
    in: { docType: '通知', title: '存储已满时的草稿', body: `存储已满时写下的正文 ${randomUUID()}`, docPrefix: '市政发', recipients: [{ orgIds: ids }] },
  });
  assert.equal(draftOnFull.errors?.[0]?.extensions?.code, 'STORAGE_FULL', `a draft on a full volume: ${JSON.stringify(draftOnFull.errors)}`);
  const upload = await fetch(`${(gw[app2] as string).replace('/graphql', '')}/blobs`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${await token(gw[app2] as string, 'xa.drafter')}`,
      'content-type': 'text/plain',
      'x-filename': 'fj.txt',
      'x-yizhan-csrf': '1',
    },
    body: `附件内容 ${randomUUID()}`,
  });
  const uploadBody = (await upload.json()) as { errors?: { extensions: { code: string } }[] };
  assert.deepEqual([upload.status, uploadBody.errors?.[0]?.extensions.code], [507, 'STORAGE_FULL'], 'an upload on a full volume');
  const unsigned = nodes0.find((n) => docs.includes(n.documentId) && ['DELIVERED', 'RECEIVED', 'PRINTED'].includes(n.status))?.id;
  assert.ok(unsigned, `${clerk0} has a delivery to sign for`);
  {
    const signedOnFull = await gql(gw[app1] as string, clerk0, 'mutation($id: ID!) { signForDelivery(id: $id) { status } }', { id: unsigned });
    assert.equal(signedOnFull.data?.signForDelivery.status, 'SIGNED', `签收 needs no new file: ${JSON.stringify(signedOnFull.errors)}`);
    handled.signed.push({ orgId: c0.id, deliveryId: unsigned });
  }
  const operations = await fetch(`${(gw[app1] as string).replace('/graphql', '')}/operations`, {
    headers: { authorization: `Bearer ${await token(gw[app1] as string, 'sx.admin')}` },
  });
  const figures = (await operations.json()) as {
    subgraphs: { name: string; metrics: { name: string; values: { labels: Record<string, string>; value: number }[] }[] }[];
  };
  const freeBytes = figures.subgraphs
    .find((g) => g.name === 'documents')
    ?.metrics.find((m) => m.name === 'yizhan_blob_volume_free_bytes')
    ?.values.find((v) => v.labels.volume === 'files')?.value;
  assert.ok(freeBytes !== undefined && freeBytes < 1024 * 1024, `the console shows the files' volume full (${freeBytes} bytes free)`);
  const copiesOnFull = await superQuery<{ n: string }>('select count(*) as n from documents.prints where document_id = $1', [docs[0]]);
  assert.equal(copiesOnFull[0]?.n, copiesBefore[0]?.n, 'the refused print took no 份号');
  const leftovers = temporaries().filter((f) => !deadWrites.has(f));
  assert.deepEqual(leftovers, [], 'no part of a refused file is left on the volume');
  cluster.blobVolume.free();
  const freedAt = Date.now();
  const printedAfter = await gql(gw[app1] as string, clerk0, 'mutation($id: ID!) { printDelivery(id: $id) { copyNumber } }', { id: printable });
  assert.equal(
    printedAfter.data?.printDelivery.copyNumber,
    Number(copiesBefore[0]?.n) + 1,
    `once freed, the print takes the next 份号: ${JSON.stringify(printedAfter.errors)}`,
  );
  handled.printed.push({ documentId: docs[0] as string, deliveryId: printable, copyNumber: printedAfter.data?.printDelivery.copyNumber });
  const uploadAgain = await fetch(`${(gw[app2] as string).replace('/graphql', '')}/blobs`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${await token(gw[app2] as string, 'xa.drafter')}`,
      'content-type': 'text/plain',
      'x-filename': 'fj.txt',
      'x-yizhan-csrf': '1',
    },
    body: '附件内容',
  });
  assert.equal(uploadAgain.status, 201, 'once freed, the upload is stored');
  const storageRecovery = Date.now() - freedAt;

  // The PostgreSQL primary killed: the standby, which holds every commit the primary acknowledged, is promoted and
  // takes the database's address; the services reconnect to it by themselves. Then the old primary's host is rebuilt
  // as the new primary's synchronous standby, as an operator would, and the platform goes on.
  const replication = await superQuery<{ application_name: string; sync_state: string }>('select application_name, sync_state from pg_stat_replication');
  assert.deepEqual(replication, [{ application_name: 'standby', sync_state: 'sync' }], 'the standby confirms every commit before it is acknowledged');
  const failedAt = Date.now();
  await cluster.failOverDatabase();
  await broadcast(gw[app2] as string, '集群八');
  const databaseRecovery = Date.now() - failedAt;
  await within(45_000, 'the broadcast after the failover in every inbox', everyoneHas(8));
  // The WAL file being written names its timeline: a promoted standby writes on a new one.
  const [promoted] = await superQuery<{ recovering: boolean; walfile: string }>(
    'select pg_is_in_recovery() as recovering, pg_walfile_name(pg_current_wal_lsn()) as walfile',
  );
  assert.equal(promoted?.recovering, false, 'the database now answering takes writes');
  assert.equal(Number.parseInt(promoted?.walfile.slice(0, 8) ?? '', 16), 2, 'it is the promoted standby, on its second timeline');
  const rebuiltAt = Date.now();
  await cluster.rebuildStandby();
  const rebuildTook = Date.now() - rebuiltAt;
  await within(30_000, 'the rebuilt standby confirms commits', async () => {
    const rows = await superQuery<{ sync_state: string }>('select sync_state from pg_stat_replication');
    return rows.length === 1 && rows[0]?.sync_state === 'sync';
  });
  await broadcast(gw[app1] as string, '集群九');
  await within(45_000, 'the broadcast after the rebuild in every inbox', everyoneHas(9));
  await Promise.all(answering.splice(0));

  // Every 签收 in its unit's inbox, once.
  const signedRows = await superQuery<{ recipient_org_id: string; id: string }>(
    `select recipient_org_id, id from documents.deliveries where document_id = any($1) and status = 'SIGNED'`,
    [docs],
  );
  await within(30_000, 'every 签收 in its inbox', async () =>
    subs.every((s) => s.got.filter((e) => e.type === 'delivery.signed').length === signedRows.filter((r) => r.recipient_org_id === s.orgId).length),
  );
  await quiet(() => subs.reduce((n, s) => n + s.got.length, 0));

  assert.deepEqual(watchers.failures, [], 'no subscription failed or ended');
  assert.deepEqual(handled.refused, [], 'no clerk was refused what a first request asked');
  for (const s of subs) assertInboxStream(s, docs);
  // Underneath (on the promoted standby): one delivery per county and broadcast, the 发文字号 without gap.
  const deliveries = await superQuery<{ n: string }>('select count(*) as n from documents.deliveries where document_id = any($1)', [docs]);
  assert.equal(Number(deliveries[0]?.n), docs.length * counties.length, 'one delivery per county and broadcast');
  const numbers = await superQuery<{ doc_number: string }>('select doc_number from documents.documents where id = any($1) order by sent_at', [docs]);
  const serials = numbers.map((r) => Number(/〔\d+〕(\d+)号/.exec(r.doc_number)?.[1]));
  assert.deepEqual(
    [...serials].sort((a, b) => a - b),
    serials.map((_, i) => (serials[0] as number) + i),
    `the 发文字号 follow one another (${numbers.map((r) => r.doc_number).join(', ')})`,
  );
  // Each acknowledged 签收 is signed and registered once; each unit's 收文编号 follow one another.
  const intake = await superQuery<{ org_id: string; delivery_id: string; seq: number }>(
    `select r.org_id, r.delivery_id, r.seq from documents.intake_register r join documents.deliveries d on d.id = r.delivery_id where d.document_id = any($1)`,
    [docs],
  );
  for (const a of handled.signed) {
    assert.equal(intake.filter((r) => r.delivery_id === a.deliveryId).length, 1, `the acknowledged 签收 of ${a.deliveryId} is registered once`);
    assert.ok(
      signedRows.some((r) => r.id === a.deliveryId),
      `the acknowledged 签收 of ${a.deliveryId} is recorded`,
    );
  }
  assert.equal(intake.length, signedRows.length, 'one 收文登记 per signed delivery');
  for (const c of counties) {
    const seqs = intake
      .filter((r) => r.org_id === c.id)
      .map((r) => r.seq)
      .sort((a, b) => a - b);
    assert.deepEqual(
      seqs,
      seqs.map((_, i) => (seqs[0] as number) + i),
      `${c.code}: the 收文编号 follow one another (${seqs.join(', ')})`,
    );
  }
  // Each acknowledged print is on record once with its 份号; each document's 份号 run from 1 without a gap.
  const prints = await superQuery<{ document_id: string; delivery_id: string; copy_number: number }>(
    'select document_id, delivery_id, copy_number from documents.prints where document_id = any($1)',
    [docs],
  );
  for (const a of handled.printed) {
    assert.equal(
      prints.filter((p) => p.document_id === a.documentId && p.copy_number === a.copyNumber && p.delivery_id === a.deliveryId).length,
      1,
      `the acknowledged print 份号 ${a.copyNumber} of ${a.documentId} is on record once`,
    );
  }
  for (const doc of docs) {
    const copies = prints
      .filter((p) => p.document_id === doc)
      .map((p) => p.copy_number)
      .sort((a, b) => a - b);
    assert.deepEqual(
      copies,
      copies.map((_, i) => i + 1),
      `the 份号 of ${doc} run from 1 without a gap (${copies.join(', ')})`,
    );
  }
  // Each acknowledged return is the delivery's state, and its history holds it once.
  const returns = await superQuery<{ delivery_id: string; status: string; n: string }>(
    `select d.id as delivery_id, d.status, count(h.id) as n from documents.deliveries d
       left join documents.delivery_history h on h.delivery_id = d.id and h.action = 'RETURN'
      where d.id = any($1) group by d.id, d.status`,
    [handled.returned],
  );
  assert.equal(returns.length, handled.returned.length, 'every acknowledged return is found');
  for (const r of returns) assert.deepEqual([r.status, Number(r.n)], ['RETURNED', 1], `the return of ${r.delivery_id} is recorded once`);
  assert.ok(handled.signed.length && handled.printed.length && handled.returned.length, 'the clerks signed for, printed and returned during the faults');

  // The operators' console names every replica: two of each service up, one per application host, and the documents
  // replicas killed on app1 (their supervisor started new ones) silent, so down.
  // A replica killed just now is shown down once it has been silent for three heartbeats (15 s): read until then.
  const hostOf = (address: string) => address.split(':')[0];
  const services = ['archive', 'certificates', 'documents', 'org', 'seals'];
  const readConsole = async () =>
    (await (
      await fetch(`${(gw[app1] as string).replace('/graphql', '')}/operations`, {
        headers: { authorization: `Bearer ${await token(gw[app1] as string, 'sx.admin')}` },
      })
    ).json()) as { replicas: { service: string; address: string; state: string }[] };
  let onConsole = await readConsole();
  for (
    const end = Date.now() + 30_000;
    Date.now() < end && !services.every((svc) => onConsole.replicas.filter((r) => r.service === svc && r.state === 'up').length === 2);
    onConsole = await readConsole()
  )
    await new Promise((r) => setTimeout(r, 1_000));
  for (const service of services) {
    const up = onConsole.replicas.filter((r) => r.service === service && r.state === 'up');
    assert.deepEqual(
      up.map((r) => hostOf(r.address)).sort(),
      [cluster.network.hosts[app1]?.ip, cluster.network.hosts[app2]?.ip].sort(),
      `${service}: one replica up on each application host (${JSON.stringify(onConsole.replicas.filter((r) => r.service === service))})`,
    );
  }
  assert.equal(
    onConsole.replicas.filter((r) => r.service === 'documents' && r.state === 'down').length,
    cluster.restartsOf(app1, 'documents'),
    'each killed documents replica is shown down',
  );

  t.diagnostic(
    `documents replica killed: a send through its host answered after ${documentsBack} ms; NATS server killed: every inbox had the broadcast ${natsRecovery} ms after it came back; documents replica paused 3 s: every inbox had what was sent meanwhile ${pauseRecovery} ms after it ran again; host cut off 3 s: every inbox had what was sent meanwhile ${partitionRecovery} ms after it was joined again; three faults at once (a documents replica killed, a NATS server down 2 s, an org replica paused 3 s): every inbox had the broadcast ${togetherRecovery} ms after they began; files' volume full: print, draft and upload refused as STORAGE_FULL, a print and an upload stored ${storageRecovery} ms after space was freed; PostgreSQL primary killed: a send answered ${databaseRecovery} ms later, on the promoted standby; a new standby built in ${rebuildTook} ms; clerks' answers: ${handled.signed.length} 签收, ${handled.printed.length} prints, ${handled.returned.length} returns acknowledged, ${handled.retried} requests asked again`,
  );
});
