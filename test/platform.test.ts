// The platform as `npm start` runs it: every subgraph and the gateway in its own process. A newcomer's first
// steps (open the dashboard, log in as a demo city clerk, ask who they are) work, and one request is traced from the gateway
// through the subgraph down to SQL, exported over OTLP to a collector (here, a local OTLP/HTTP receiver).
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { CALLER_HEADER, loadSigner, repoRoot, signCallerContext } from '@yizhan/common';
import pg from 'pg';
import { type Stack, startStack } from '../scripts/lib/stack.ts';
import { adminUrl, DEMO_PASSWORD, gqlAt } from './support/harness.ts';

interface ReceivedSpan {
  service: string;
  name: string;
  traceId: string;
}
const spans: ReceivedSpan[] = [];
/** What npm start would print, one line each. */
const lines: string[] = [];
let collector: http.Server;
let stack: Stack;
const database = `yz_stack_${randomBytes(4).toString('hex')}`;

before(async () => {
  collector = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      const data = JSON.parse(body) as {
        resourceSpans: {
          resource: { attributes: { key: string; value: { stringValue?: string } }[] };
          scopeSpans: { spans: { name: string; traceId: string }[] }[];
        }[];
      };
      for (const rs of data.resourceSpans) {
        const service = rs.resource.attributes.find((a) => a.key === 'service.name')?.value.stringValue ?? '?';
        for (const ss of rs.scopeSpans) for (const s of ss.spans) spans.push({ service, name: s.name, traceId: s.traceId });
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((r) => collector.listen(0, '127.0.0.1', r));
  const endpoint = `http://127.0.0.1:${(collector.address() as AddressInfo).port}`;
  // The stack provisions its own database on the test server, as it would on an external DATABASE_URL.
  process.env.DATABASE_URL = adminUrl();
  process.env.YIZHAN_DATABASE = database;
  // As `npm start` runs it: in production mode.
  stack = await startStack({
    persistent: false,
    seed: true,
    web: true,
    env: { OTEL_EXPORTER_OTLP_ENDPOINT: endpoint, LOG_LEVEL: 'warn', NODE_ENV: 'production' },
    log: (m) => lines.push(m),
  });
});

after(async () => {
  await stack?.stop();
  collector?.close();
  const c = new pg.Client({ connectionString: adminUrl() });
  await c.connect();
  await c.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
  await c.end();
});

describe('the platform as npm start runs it', () => {
  test('a demo city clerk logs in through the gateway and sees their unit and its children', async () => {
    const login = await gqlAt<{ login: { token: string } }>(
      stack.gatewayUrl,
      `mutation { login(username: "xa.clerk", password: "${DEMO_PASSWORD}") { token } }`,
    );
    assert.ok(login.data?.login.token, JSON.stringify(login.errors));
    const me = await gqlAt(stack.gatewayUrl, '{ me { org { name children { name } } } }', {}, { authorization: `Bearer ${login.data?.login.token}` });
    assert.equal(me.data?.me.org.name, '西安市人民政府');
    assert.ok(me.data?.me.org.children.length >= 13);
  });

  test('the demo province is lived in: the city clerk’s inbox holds the province’s broadcast and an urgent telegram', async () => {
    const login = await gqlAt<{ login: { token: string } }>(
      stack.gatewayUrl,
      `mutation { login(username: "xa.clerk", password: "${DEMO_PASSWORD}") { token } }`,
    );
    const auth = { authorization: `Bearer ${login.data?.login.token}` };
    const inbox = await gqlAt(stack.gatewayUrl, '{ inbox { totalCount unreadCount nodes { docNumber title urgency status } } }', {}, auth);
    const titles = inbox.data?.inbox.nodes.map((n: { title: string }) => n.title);
    assert.ok(titles.includes('陕西省人民政府办公厅关于切实做好电子公文传输工作的通知'));
    const telegram = inbox.data?.inbox.nodes.find((n: { urgency: string }) => n.urgency === 'EXTRA_URGENT');
    assert.match(telegram.docNumber, /^陕政办发明电〔\d{4}〕1号$/);
    assert.equal(telegram.status, 'DELIVERED', 'left for the newcomer to sign for');
    const office = await gqlAt<{ login: { token: string } }>(
      stack.gatewayUrl,
      `mutation { login(username: "sxb.clerk", password: "${DEMO_PASSWORD}") { token } }`,
    );
    const sent = await gqlAt(
      stack.gatewayUrl,
      '{ documents(status: "SENT") { id docNumber deliveryStats { total received } } }',
      {},
      { authorization: `Bearer ${office.data?.login.token}` },
    );
    const broadcast = sent.data?.documents.find((d: { docNumber: string }) => /^陕政办发〔/.test(d.docNumber));
    assert.equal(broadcast.deliveryStats.received, 4);
    assert.ok(broadcast.deliveryStats.total > 100);
    // The office's documents carry its electronic seal, and a recipient verifies it.
    const seal = await gqlAt(stack.gatewayUrl, 'query($d: ID!) { documentSeal(documentId: $d) { stamped valid sealOrgName } }', { d: broadcast.id }, auth);
    assert.deepEqual(seal.data?.documentSeal, { stamped: true, valid: true, sealOrgName: '陕西省人民政府办公厅' }, JSON.stringify(seal.errors));
    // It asks for reports (征集): 西安市 has answered with its 报告, the others owe theirs.
    const reports = await gqlAt(
      stack.gatewayUrl,
      'query($d: ID!) { document(id: $d) { reportBoard { total reported pending rows { reporterName state } } } }',
      { d: broadcast.id },
      { authorization: `Bearer ${office.data?.login.token}` },
    );
    const board = reports.data?.document.reportBoard;
    assert.equal(board.total, broadcast.deliveryStats.total, JSON.stringify(reports.errors));
    assert.equal(board.reported, 1);
    assert.deepEqual(
      board.rows.filter((r: { state: string }) => r.state === 'REPORTED').map((r: { reporterName: string }) => r.reporterName),
      ['西安市人民政府'],
    );
  });

  test('each subgraph as built for production publishes the schema its source does (schema/), type names and all', async () => {
    // Asked directly, as the gateway asks: with a caller context it signed (no one's).
    const header = await signCallerContext({ caller: null }, await loadSigner('caller-context'), 60);
    for (const [name, url] of Object.entries(stack.subgraphs)) {
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', [CALLER_HEADER]: header },
        body: JSON.stringify({ query: '{ _service { sdl } }' }),
      });
      const body = (await res.json()) as { data?: { _service: { sdl: string } }; errors?: unknown };
      assert.ok(body.data, `${name}: ${JSON.stringify(body.errors)}`);
      const types = (sdl: string) =>
        [...sdl.matchAll(/^(?:type|interface|enum|input|union|scalar) (\w+)/gm)]
          .map((m) => m[1] as string)
          // Federation's own types, which the service's answer prints and the checked-in file leaves out.
          .filter((t) => !/^(_|federation__|link__)/.test(t))
          .sort();
      const expected = fs.readFileSync(path.join(repoRoot, 'schema', `${name}.graphql`), 'utf8');
      assert.deepEqual(types(body.data._service.sdl), types(expected), `${name}'s built schema names its types as its source does`);
    }
    // The dashboard's 办理 panel asks with a fragment on Handling: answered, not refused as an unknown type.
    const login = await gqlAt<{ login: { token: string } }>(
      stack.gatewayUrl,
      `mutation { login(username: "xa.clerk", password: "${DEMO_PASSWORD}") { token } }`,
    );
    const auth = { authorization: `Bearer ${login.data?.login.token}` };
    const inbox = await gqlAt(stack.gatewayUrl, '{ inbox { nodes { id status } } }', {}, auth);
    const handling = await gqlAt(
      stack.gatewayUrl,
      'query($d: ID!) { handling(deliveryId: $d) { ... on Handling { deliveryId } } }',
      { d: inbox.data?.inbox.nodes.find((n: { status: string }) => !['DELIVERED', 'RECEIVED'].includes(n.status))?.id },
      auth,
    );
    assert.equal(handling.errors, undefined, JSON.stringify(handling.errors));
  });

  test('production mode: no introspection for anyone, no GraphiQL page, no field suggestions', async () => {
    const intro = await fetch(stack.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ __schema { types { name } } }' }),
    }).then((r) => r.json() as Promise<{ data?: unknown; errors?: { message: string }[] }>);
    assert.equal(intro.data ?? null, null);
    assert.match(intro.errors?.[0]?.message ?? '', /introspection/i);
    const page = await fetch(stack.gatewayUrl, { headers: { accept: 'text/html' } });
    assert.doesNotMatch(await page.text(), /graphiql/i);
    const typo = await fetch(stack.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ mee { username } }' }),
    }).then((r) => r.json() as Promise<{ errors?: { message: string }[] }>);
    assert.doesNotMatch(typo.errors?.[0]?.message ?? '', /Did you mean/);
  });

  test('the dashboard is served, and the gateway takes its trusted operations from its origin only', async () => {
    assert.ok(stack.webUrl);
    const page = await fetch(`${stack.webUrl}/login`);
    assert.equal(page.status, 200);
    assert.match(await page.text(), /驿站/);
    // Served with the headers that keep it from being framed or sniffed (issue 14, finding 9).
    assert.equal(page.headers.get('x-content-type-options'), 'nosniff');
    assert.equal(page.headers.get('x-frame-options'), 'DENY');
    assert.match(page.headers.get('content-security-policy') ?? '', /frame-ancestors 'none'/);
    assert.equal(page.headers.get('referrer-policy'), 'no-referrer');
    const ids = JSON.parse(fs.readFileSync(path.join(repoRoot, 'web', 'generated', 'document-ids.json'), 'utf8'));
    const call = (body: unknown) =>
      fetch(stack.gatewayUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: stack.webUrl as string },
        body: JSON.stringify(body),
      }).then((r) => r.json() as Promise<{ data?: any; errors?: { extensions?: { code?: string } }[] }>);
    const login = await call({
      variables: { username: 'xc.clerk', password: DEMO_PASSWORD },
      extensions: { persistedQuery: { version: 1, sha256Hash: ids.Login } },
    });
    assert.ok(login.data?.login.token, JSON.stringify(login.errors));
    const text = await call({ query: `mutation { login(username: "xc.clerk", password: "${DEMO_PASSWORD}") { token } }` });
    assert.equal(text.errors?.[0]?.extensions?.code, 'UNTRUSTED_DOCUMENT');
  });

  test('a subgraph killed with SIGKILL is restarted on its port; the crash and the restart are one line each', async (t) => {
    const login = await gqlAt<{ login: { token: string } }>(
      stack.gatewayUrl,
      `mutation { login(username: "xa.clerk", password: "${DEMO_PASSWORD}") { token } }`,
    );
    const auth = { authorization: `Bearer ${login.data?.login.token}` };
    const old = stack.pids().documents as number;
    const killedAt = Date.now();
    process.kill(old, 'SIGKILL');
    for (let i = 0; i < 300 && stack.restartsOf('documents') < 1; i++) await new Promise((r) => setTimeout(r, 50));
    const restartedIn = Date.now() - killedAt;
    assert.equal(stack.restartsOf('documents'), 1);
    assert.notEqual(stack.pids().documents, old);
    const mine = lines.filter((l) => /^documents (\(pid|restarted)/.test(l));
    assert.deepEqual(mine, [
      `documents (pid ${old}) was killed (SIGKILL); restarting in 0.25 s`,
      `documents restarted (pid ${stack.pids().documents}; restart 1)`,
    ]);
    const inbox = await gqlAt(stack.gatewayUrl, '{ inbox { totalCount } }', {}, auth);
    assert.ok(inbox.data?.inbox.totalCount > 0, JSON.stringify(inbox.errors));
    t.diagnostic(`documents answered again ${restartedIn} ms after its kill -9`);
  });

  test('one request is one trace: gateway, org subgraph and its SQL share the trace id', async () => {
    const res = await gqlAt(stack.gatewayUrl, `mutation { login(username: "bj.clerk", password: "${DEMO_PASSWORD}") { user { username } } }`);
    assert.equal(res.data?.login.user.username, 'bj.clerk');
    let trace: ReceivedSpan[] = [];
    for (let i = 0; i < 50 && !trace.length; i++) {
      await new Promise((r) => setTimeout(r, 200));
      const sqlTraces = new Set(spans.filter((s) => s.service === 'org' && /auth_lookup|select|pg/i.test(s.name)).map((s) => s.traceId));
      const gatewayTraces = new Set(spans.filter((s) => s.service === 'gateway').map((s) => s.traceId));
      const shared = [...sqlTraces].find((t) => gatewayTraces.has(t));
      if (shared) trace = spans.filter((s) => s.traceId === shared);
    }
    assert.ok(trace.length, `no trace spans both services; received ${spans.length} spans from ${[...new Set(spans.map((s) => s.service))].join(', ')}`);
    const services = new Set(trace.map((s) => s.service));
    assert.ok(services.has('gateway') && services.has('org'));
    assert.ok(
      trace.some((s) => s.service === 'org' && /^pg\.query:SELECT/.test(s.name)),
      `an SQL span is in the trace: ${trace.map((s) => `${s.service}:${s.name}`).join(', ')}`,
    );
  });
});
