// The gateway's WebSocket connections (issue 13): a bad or over-limit subscribe is answered with an `error` for that
// subscription while the connection and its other operations go on; a connection holds a bounded number of
// subscriptions and a login a bounded number of connections, each refusal saying so; and a browser page of another
// origin cannot open one at all.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type Client, createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { type Platform, startPlatform } from '../../test/support/harness.ts';

const DASHBOARD = 'http://dashboard.example.test';
let p: Platform;
let token: string;
const clients: Client[] = [];

before(async () => {
  process.env.YIZHAN_MAX_SUBSCRIPTIONS_PER_SOCKET = '3';
  process.env.YIZHAN_MAX_SOCKETS_PER_SESSION = '2';
  p = await startPlatform({ services: ['documents'], dashboardOrigins: [DASHBOARD] });
  delete process.env.YIZHAN_MAX_SUBSCRIPTIONS_PER_SOCKET;
  delete process.env.YIZHAN_MAX_SOCKETS_PER_SESSION;
  token = await p.login('xc.clerk');
});
after(async () => {
  for (const c of clients) await c.dispose();
  await p?.close();
});

/** A graphql-ws client on one connection; `closed` says with which code the server closed it, if it did. */
function connect(bearer = token) {
  let closedWith: number | null = null;
  const client = createClient({
    url: p.gatewayUrl.replace('http', 'ws'),
    webSocketImpl: WebSocket,
    connectionParams: { authorization: `Bearer ${bearer}` },
    lazy: false,
    retryAttempts: 0,
    on: {
      closed: (e) => {
        closedWith = (e as { code?: number }).code ?? -1;
      },
    },
  });
  clients.push(client);
  return { client, closed: () => closedWith };
}

/** One operation's outcome: its first result, or its error. */
function once(client: Client, query: string, variables: Record<string, unknown> = {}) {
  return new Promise<{ data?: unknown; errors?: readonly { message: string; extensions?: Record<string, unknown> }[] }>((resolve) => {
    client.subscribe(
      { query, variables },
      {
        next: (r) => resolve(r as never),
        error: (e) => resolve({ errors: (Array.isArray(e) ? e : [{ message: String((e as Error)?.message ?? e) }]) as never }),
        complete: () => {},
      },
    );
  });
}

/** Opens a subscription that stays open; resolves its dispose once the server has taken it. */
async function hold(client: Client): Promise<() => void> {
  const dispose = client.subscribe({ query: 'subscription { inboxChanged { documentId } }' }, { next: () => {}, error: () => {}, complete: () => {} });
  // Taken by the server: a query on the same connection after it is answered after it.
  await once(client, '{ me { username } }');
  return dispose;
}

describe('WebSocket connections', () => {
  test('a malformed, unknown or over-deep subscribe gets an error for itself; the connection and its other operations go on', async () => {
    const { client, closed } = connect();
    const syntax = await once(client, 'subscription { inboxChanged { documentId }');
    assert.equal(syntax.errors?.[0]?.extensions?.code, 'BAD_REQUEST', JSON.stringify(syntax));
    const unknown = await once(client, 'subscription { noSuchField { id } }');
    assert.ok(unknown.errors?.length, 'an unknown field is refused');
    const deep = `subscription { inboxChanged { recipientOrg { ${'parent { '.repeat(12)}id${' }'.repeat(12)} } } }`;
    const tooDeep = await once(client, deep);
    assert.deepEqual([tooDeep.errors?.[0]?.extensions?.code, tooDeep.errors?.[0]?.extensions?.limit], ['BAD_REQUEST', 'depth']);
    const tooLong = await once(client, `subscription { inboxChanged { ${'documentId '.repeat(2100)} } }`);
    assert.deepEqual([tooLong.errors?.[0]?.extensions?.code, tooLong.errors?.[0]?.extensions?.limit], ['BAD_REQUEST', 'tokens']);
    const me = await once(client, '{ me { username } }');
    assert.deepEqual(me.data, { me: { username: 'xc.clerk' } }, 'the same connection still answers');
    assert.equal(closed(), null, 'and was never closed');
  });

  test('a connection holds at most its quota of subscriptions: one more is refused with RATE_LIMITED, and ending one makes room', async () => {
    const { client, closed } = connect(await p.login('bl.clerk'));
    const held = [await hold(client), await hold(client), await hold(client)];
    const fourth = await once(client, 'subscription { inboxChanged { documentId } }');
    assert.equal(fourth.errors?.[0]?.extensions?.code, 'RATE_LIMITED');
    assert.match(fourth.errors?.[0]?.message ?? '', /at most 3/);
    assert.equal(closed(), null, 'the connection stays open');
    held[0]?.();
    await new Promise((r) => setTimeout(r, 100));
    const again = await hold(client);
    again();
    for (const d of held.slice(1)) d();
  });

  test('a login holds at most its quota of connections: one more is closed with 4429, and closing one makes room', async () => {
    const own = await p.login('xab.clerk');
    const first = connect(own);
    const second = connect(own);
    await once(first.client, '{ me { username } }');
    await once(second.client, '{ me { username } }');
    const third = connect(own);
    const refused = await once(third.client, '{ me { username } }');
    assert.ok(refused.errors?.length);
    for (let i = 0; i < 50 && third.closed() === null; i++) await new Promise((r) => setTimeout(r, 20));
    assert.equal(third.closed(), 4429);
    await first.client.dispose();
    await new Promise((r) => setTimeout(r, 200));
    const fourth = connect(own);
    assert.deepEqual((await once(fourth.client, '{ me { username } }')).data, { me: { username: 'xab.clerk' } });
  });

  test('a browser page of another origin cannot open a live connection; the dashboard’s origin and programs can', async () => {
    const opening = (origin?: string) =>
      new Promise<number>((resolve) => {
        const ws = new WebSocket(p.gatewayUrl.replace('http', 'ws'), 'graphql-transport-ws', origin ? { origin } : {});
        ws.on('open', () => {
          ws.close();
          resolve(101);
        });
        ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
        ws.on('error', () => {});
      });
    assert.equal(await opening('https://evil.example'), 403);
    assert.equal(await opening(DASHBOARD), 101);
    assert.equal(await opening(), 101);
  });
});
