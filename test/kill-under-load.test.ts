// Processes killed under load (issue 20): the platform as `npm start` runs it (each subgraph and the gateway a process
// of its own, supervised), with a city sending notices to its counties and the counties' clerks opening and signing
// for them, while the documents service, org and the gateway are each killed with SIGKILL in turn. The load driver
// does what a client would: retries what was not acknowledged (the same send key for a send). Afterwards, read
// underneath the application: every acknowledged send is there with all its deliveries and nothing is half-sent, the
// 发文字号 have no gap and no duplicate, every acknowledged receipt and 签收 is recorded exactly once, and each killed
// process answered again within the stated time, with no manual step.
import assert from 'node:assert/strict';
import { randomBytes, randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import pg from 'pg';
import { type Stack, startStack } from '../scripts/lib/stack.ts';
import { adminUrl, DEMO_PASSWORD, type GqlResult, gqlAt } from './support/harness.ts';

/** How long a killed process may take to answer again (restart after 0.25 s, start-up, first query). */
const RECOVERY_LIMIT_MS = 20_000;
const database = `yz_kill_${randomBytes(4).toString('hex')}`;
let stack: Stack;
const lines: string[] = [];
const tokens: Record<string, string> = {};

/** What a client tries again: the way to the answer failed, not the answer. */
const TRANSIENT = new Set(['NETWORK', 'UNAVAILABLE', 'INTERNAL', 'INTERNAL_SERVER_ERROR', 'UNAUTHENTICATED', 'DOWNSTREAM_SERVICE_ERROR']);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** One call through the gateway; a connection error is an answer like any other (no data). */
async function call(user: string, query: string, variables: Record<string, unknown> = {}): Promise<GqlResult> {
  try {
    tokens[user] ??= await login(user);
    const r = await gqlAt(stack.gatewayUrl, query, variables, { authorization: `Bearer ${tokens[user]}` });
    // A session org could not confirm while it was down: log in again, as the dashboard sends one back to login.
    if (r.errors?.[0]?.extensions?.code === 'UNAUTHENTICATED') delete tokens[user];
    return r;
  } catch (e) {
    return { status: 0, errors: [{ message: (e as Error).message, extensions: { code: 'NETWORK' } }] };
  }
}

async function login(user: string): Promise<string> {
  for (;;) {
    try {
      const r = await gqlAt(stack.gatewayUrl, 'mutation($u: String!, $p: String!) { login(username: $u, password: $p) { token } }', {
        u: user,
        p: DEMO_PASSWORD,
      });
      if (r.data?.login?.token) return r.data.login.token as string;
    } catch {
      /* the gateway is restarting */
    }
    await sleep(200);
  }
}

/** Calls until answered with data (the client's retry); gives up after a minute. */
async function untilAnswered<T>(
  user: string,
  query: string,
  variables: Record<string, unknown>,
  field: string,
): Promise<{ value: T | null; refused?: string }> {
  const end = Date.now() + 60_000;
  let last: GqlResult | null = null;
  while (Date.now() < end) {
    const r = await call(user, query, variables);
    last = r;
    if (r.data?.[field] && !r.errors?.length) return { value: r.data[field] as T };
    const code = r.errors?.[0]?.extensions?.code as string | undefined;
    // A refusal on the merits (the state moved on because an earlier try did land: ALREADY_SIGNED, CONFLICT …) is an
    // answer too; only a way that failed (no answer, a process down) is tried again.
    if (code && !TRANSIENT.has(code)) return { value: null, refused: code };
    await sleep(150);
  }
  throw new Error(`${field} was not answered within a minute: ${JSON.stringify(last?.errors ?? null)}`);
}

let counties: string[] = [];
const acknowledgedSends = new Map<string, string>();
const acknowledgedSignatures = new Set<string>();
let stopLoad = false;

/** A sender: drafts, submits, has it approved twice (the city's chain), and sends with one send key, again and again. */
async function sender(tag: string): Promise<void> {
  for (let i = 0; !stopLoad; i++) {
    const draft = await untilAnswered<{ id: string }>(
      'xa.drafter',
      'mutation($i: DraftInput!) { createDraft(input: $i) { id } }',
      {
        i: {
          docType: '通知',
          docPrefix: '市政发',
          title: `关于压力测试${tag}-${i}的通知`,
          body: '<p>请各区县按要求办理。</p>',
          mainTo: '各区县人民政府',
          recipients: [{ orgIds: counties }],
        },
      },
      'createDraft',
    );
    const id = draft.value?.id;
    if (!id) continue;
    await untilAnswered('xa.drafter', 'mutation($id: ID!) { submitForApproval(id: $id) { id } }', { id }, 'submitForApproval');
    // Two steps of the chain, both the city leader's; a retry of a step that did land is refused on its state.
    for (let step = 0; step < 2; step++) await untilAnswered('xa.leader', 'mutation($id: ID!) { approveDocument(id: $id) { id } }', { id }, 'approveDocument');
    const key = randomUUID();
    const sent = await untilAnswered<{ status: string; docNumber: string }>(
      'xa.clerk',
      'mutation($id: ID!, $k: String!) { sendDocument(id: $id, sendKey: $k) { status docNumber } }',
      { id, k: key },
      'sendDocument',
    );
    if (sent.value?.status === 'SENT') acknowledgedSends.set(id, sent.value.docNumber);
  }
}

/** A county clerk: opens and signs for whatever of the test has arrived. */
async function receiver(user: string): Promise<void> {
  while (!stopLoad) {
    const r = await call(user, '{ inbox(first: 50, filter: { search: "压力测试", signed: false }) { nodes { id status } } }');
    const nodes = (r.data?.inbox?.nodes ?? []) as { id: string; status: string }[];
    for (const n of nodes) {
      if (stopLoad) break;
      await untilAnswered(user, 'mutation($id: ID!) { openDelivery(id: $id) { id } }', { id: n.id }, 'openDelivery');
      const signed = await untilAnswered<{ id: string }>(user, 'mutation($id: ID!) { signForDelivery(id: $id) { id } }', { id: n.id }, 'signForDelivery');
      if (signed.value) acknowledgedSignatures.add(n.id);
    }
    await sleep(nodes.length ? 0 : 200);
  }
}

async function sql<T = any>(text: string, params: unknown[] = []): Promise<T[]> {
  const u = new URL(adminUrl());
  u.pathname = `/${database}`;
  const c = new pg.Client({ connectionString: u.toString() });
  await c.connect();
  try {
    return (await c.query(text, params)).rows as T[];
  } finally {
    await c.end();
  }
}

before(async () => {
  process.env.DATABASE_URL = adminUrl();
  process.env.YIZHAN_DATABASE = database;
  stack = await startStack({ persistent: false, seed: true, env: { LOG_LEVEL: 'error', NODE_ENV: 'production' }, log: (m) => lines.push(m) });
  const xian = await untilAnswered<{ children: { id: string; level: string; code: string }[] }>(
    'xa.admin',
    '{ me { org { children { id level code } } } }',
    {},
    'me',
  ).then((r) => (r.value as unknown as { org: { children: { id: string; level: string; code: string }[] } }).org.children);
  counties = xian.filter((c) => c.level === 'COUNTY' && ['610102', '610103'].includes(c.code)).map((c) => c.id);
  assert.equal(counties.length, 2, '新城区 and 碑林区');
});
after(async () => {
  stopLoad = true;
  await stack?.stop();
  const admin = new pg.Client({ connectionString: adminUrl() });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
  await admin.end();
});

describe('processes killed under load', () => {
  test('documents, org and the gateway, each killed with SIGKILL during sends and receipts: nothing acknowledged is lost or doubled', async (t) => {
    const load = [sender('A'), sender('B'), receiver('xc.clerk'), receiver('bl.clerk')];
    const recovery: Record<string, number> = {};
    for (const victim of ['documents', 'org', 'gateway']) {
      await sleep(2_500);
      const pid = stack.pids()[victim];
      assert.ok(pid, `${victim} runs`);
      const before = stack.restartsOf(victim);
      const killedAt = Date.now();
      process.kill(pid, 'SIGKILL');
      // Back when a query that needs it is answered again through the gateway.
      const probe = victim === 'documents' ? '{ inbox(first: 1) { totalCount } }' : '{ me { id } }';
      for (;;) {
        const r = await call('xa.clerk', probe);
        if (stack.restartsOf(victim) > before && r.data && !r.errors?.length) break;
        assert.ok(Date.now() - killedAt < RECOVERY_LIMIT_MS, `${victim} answers again within ${RECOVERY_LIMIT_MS / 1000} s`);
        await sleep(50);
      }
      recovery[victim] = Date.now() - killedAt;
      t.diagnostic(`${victim}: answered again ${recovery[victim]} ms after kill -9`);
    }
    await sleep(2_000);
    stopLoad = true;
    await Promise.all(load);
    t.diagnostic(`acknowledged: ${acknowledgedSends.size} sends, ${acknowledgedSignatures.size} receipts signed for`);
    assert.ok(acknowledgedSends.size >= 3, `the load went on: ${acknowledgedSends.size} sends`);
    assert.ok(acknowledgedSignatures.size >= 3, `and receipts: ${acknowledgedSignatures.size}`);

    // Every acknowledged send is there, with every delivery; nothing of the test is half-sent.
    const docs = await sql<{ id: string; status: string; doc_number: string | null; deliveries: number }>(
      `select d.id, d.status, d.doc_number, (select count(*)::int from documents.deliveries v where v.document_id = d.id) as deliveries
         from documents.documents d where d.title like '关于压力测试%'`,
    );
    const byId = new Map(docs.map((d) => [d.id, d]));
    for (const [id, number] of acknowledgedSends) {
      assert.equal(byId.get(id)?.status, 'SENT', `${number} is sent`);
      assert.equal(byId.get(id)?.doc_number, number, 'with the number the sender was told');
    }
    for (const d of docs) assert.equal(d.deliveries, d.status === 'SENT' ? counties.length : 0, `all or nothing: ${d.doc_number ?? d.id}`);

    // The city's 市政发 numbers of this year: no gap, no duplicate.
    const numbers = (await sql<{ doc_number: string }>("select doc_number from documents.documents where doc_number like '市政发〔%'")).map(
      (r) => r.doc_number,
    );
    const seqs = numbers.map((n) => Number(/〕(\d+)号/.exec(n)?.[1])).sort((a, b) => a - b);
    assert.equal(new Set(numbers).size, numbers.length, 'no duplicate 发文字号');
    assert.deepEqual(
      seqs,
      seqs.map((_, i) => (seqs[0] as number) + i),
      'no gap',
    );

    // Every acknowledged 签收 is recorded once, with one receipt before it.
    const history = await sql<{ delivery_id: string; action: string; n: number }>(
      "select delivery_id, action, count(*)::int as n from documents.delivery_history where delivery_id = any($1) and action in ('RECEIVE', 'SIGN') group by 1, 2",
      [[...acknowledgedSignatures]],
    );
    for (const id of acknowledgedSignatures) {
      assert.equal(history.find((h) => h.delivery_id === id && h.action === 'RECEIVE')?.n, 1, `one receipt of ${id}`);
      assert.equal(history.find((h) => h.delivery_id === id && h.action === 'SIGN')?.n, 1, `one 签收 of ${id}`);
    }
    // Each crash and restart was said in one line each, and nothing was restarted by hand.
    for (const victim of Object.keys(recovery)) {
      assert.ok(
        lines.some((l) => l.startsWith(`${victim} (pid`) && l.includes('SIGKILL')),
        `the crash of ${victim} is logged`,
      );
      assert.ok(
        lines.some((l) => l.startsWith(`${victim} restarted`)),
        `its restart too`,
      );
    }
  });
});
