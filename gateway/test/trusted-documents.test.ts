// Trusted documents: from the dashboard's origin only the operations it was built with run, over HTTP and over
// graphql-ws; API clients that are not browsers keep sending their own operations; other web pages get no CORS.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { manifestPath } from '../../scripts/lib/web.ts';
import { codeOf, gqlAt, type Platform, startPlatform } from '../../test/support/harness.ts';

const DASHBOARD = 'http://127.0.0.1:3999';
let p: Platform;
let token: string;
const ids = JSON.parse(fs.readFileSync(manifestPath.replace('persisted-documents.json', 'document-ids.json'), 'utf8')) as Record<string, string>;
const persisted = (name: string, variables: Record<string, unknown> = {}) => ({
  operationName: name,
  variables,
  extensions: { persistedQuery: { version: 1, sha256Hash: ids[name] } },
});

async function post(body: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(p.gatewayUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, ...headers },
    body: JSON.stringify(body),
  });
  return { res, body: (await res.json()) as { data?: any; errors?: { message: string; extensions?: { code?: string } }[] } };
}

before(async () => {
  p = await startPlatform({ dashboardOrigins: [DASHBOARD] });
  token = await p.login('xc.clerk');
});
after(() => p?.close());

describe('trusted documents', () => {
  test('the dashboard’s operation runs by its hash, as the logged-in user', async () => {
    const { body, res } = await post(persisted('Me'), { origin: DASHBOARD });
    assert.equal(body.errors, undefined);
    assert.equal(body.data.me.username, 'xc.clerk');
    assert.equal(res.headers.get('access-control-allow-origin'), DASHBOARD);
  });

  test('from the dashboard’s origin, an operation sent as text is refused before it runs', async () => {
    const before = await p.superCount(`select count(*) n from org.users where username = 'xc.clerk' and last_login_at is not null`);
    const { body } = await post({ query: '{ me { username roles } }' }, { origin: DASHBOARD });
    assert.equal(body.errors?.[0]?.extensions?.code, 'UNTRUSTED_DOCUMENT');
    assert.equal(body.data ?? null, null);
    // A login sent as text from the dashboard is refused too: nothing changes.
    const login = await post({ query: 'mutation { login(username: "xc.clerk", password: "Yizhan@2026") { token } }' }, { origin: DASHBOARD });
    assert.equal(login.body.errors?.[0]?.extensions?.code, 'UNTRUSTED_DOCUMENT');
    assert.equal(await p.superCount(`select count(*) n from org.users where username = 'xc.clerk' and last_login_at is not null`), before);
  });

  test('an unknown hash is refused with its own code', async () => {
    const { body } = await post({ extensions: { persistedQuery: { version: 1, sha256Hash: 'f'.repeat(64) } } }, { origin: DASHBOARD });
    assert.equal(body.errors?.[0]?.extensions?.code, 'UNKNOWN_TRUSTED_DOCUMENT');
  });

  test('an API client (no browser origin) still sends its own operations', async () => {
    const r = await gqlAt(p.gatewayUrl, '{ me { username } }', {}, { authorization: `Bearer ${token}` });
    assert.equal(r.errors, undefined);
    assert.equal(r.data?.me.username, 'xc.clerk');
  });

  test('another web page gets no CORS permission', async () => {
    const res = await fetch(p.gatewayUrl, { method: 'OPTIONS', headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' } });
    assert.notEqual(res.headers.get('access-control-allow-origin'), 'https://evil.example');
    assert.notEqual(res.headers.get('access-control-allow-origin'), '*');
    const blobs = await fetch(p.gatewayUrl.replace('/graphql', '/blobs'), { method: 'OPTIONS', headers: { origin: 'https://evil.example' } });
    assert.equal(blobs.headers.get('access-control-allow-origin'), null);
  });

  test('over graphql-ws from the dashboard’s origin: by hash it subscribes, as text it is refused', async () => {
    const client = createClient({
      url: p.gatewayUrl.replace('http', 'ws'),
      webSocketImpl: class extends WebSocket {
        constructor(url: string, protocols?: string | string[]) {
          super(url, protocols, { headers: { origin: DASHBOARD } });
        }
      },
      connectionParams: { authorization: `Bearer ${token}` },
    });
    try {
      const asText = await new Promise<{ code?: string }>((resolve) => {
        client.subscribe(
          { query: 'subscription { inboxChanged { cursor } }' },
          { next: () => {}, error: (e) => resolve({ code: (e as any)[0]?.extensions?.code }), complete: () => resolve({}) },
        );
      });
      assert.equal(asText.code, 'UNTRUSTED_DOCUMENT');
      // By hash: the subscription is accepted and delivers the inbox's events.
      const got = new Promise<any>((resolve, reject) => {
        const stop = client.subscribe(
          { query: '', ...persisted('InboxChanged', {}) },
          {
            next: (v) => {
              stop();
              resolve(v);
            },
            error: reject,
            complete: () => {},
          },
        );
      });
      const sender = await p.login('xa.drafter');
      const xc = await p.orgId('610102');
      const draft = await p.gql(
        'mutation($i: DraftInput!) { createDraft(input: $i) { id } }',
        { i: { docType: '通知', docPrefix: '市政发', title: '可信文档测试', body: '正文', recipients: [{ orgIds: [xc] }] } },
        sender,
      );
      const id = draft.data?.createDraft.id;
      await p.gql('mutation($id: ID!) { submitForApproval(id: $id) { id } }', { id }, sender);
      const leader = await p.login('xa.leader');
      for (let i = 0; i < 2; i++) await p.gql('mutation($id: ID!) { approveDocument(id: $id) { id } }', { id }, leader);
      const sent = await p.gql('mutation($id: ID!) { sendDocument(id: $id, sendKey: "trusted-1") { id } }', { id }, sender);
      assert.equal(codeOf(sent), undefined, JSON.stringify(sent.errors));
      const event = await got;
      assert.equal(event.errors, undefined);
      assert.equal(event.data.inboxChanged.cursor.length > 0, true);
    } finally {
      await client.dispose();
    }
  });
});
