// PostgreSQL restarts under a running platform (issue 20): org, documents and the gateway keep running on a
// PostgreSQL of this test's own, which is stopped (a fast shutdown, then a kill -9) and started again on the same port
// and data folder. Afterwards: every service instance is the one from before (an unhandled 'error' would have ended
// this process), a send and its receipts work, a live subscription that stayed open and a subscriber resuming by
// cursor get every event once and in order, and the relay publishes what was written while it was reconnecting.
// The time from the server being back to the first answered request and to the first event is stated.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { decodeCursor } from '@yizhan/common';
import { type Client, createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { ownPostgres, type Platform, startPlatform } from './support/harness.ts';

interface DeliveryEvent {
  cursor: string;
  deliveryId: string;
  type: string;
}

describe('a PostgreSQL restart under a running platform', () => {
  let server: Awaited<ReturnType<typeof ownPostgres>>;
  let p: Platform;
  const tokens: Record<string, string> = {};
  const clients: Client[] = [];
  const gql = async (user: string, query: string, variables: Record<string, unknown> = {}) => {
    tokens[user] ??= await p.login(user);
    return p.gql(query, variables, tokens[user]);
  };

  before(async () => {
    server = await ownPostgres();
    p = await startPlatform({ adminUrl: server.adminUrl, services: ['documents'] });
  });
  after(async () => {
    for (const c of clients) await c.dispose();
    await p?.close();
    await server?.stop();
  });

  /** A live subscription to a document's deliveries, collecting every event it receives. */
  async function watch(documentId: string, afterCursor?: string) {
    tokens['xa.clerk'] ??= await p.login('xa.clerk');
    const client = createClient({
      url: p.gatewayUrl.replace('http', 'ws'),
      webSocketImpl: WebSocket,
      connectionParams: { authorization: `Bearer ${tokens['xa.clerk']}` },
      retryAttempts: 0,
    });
    clients.push(client);
    const events: DeliveryEvent[] = [];
    const state = { completed: false, error: null as unknown };
    client.subscribe(
      {
        query: 'subscription($d: ID!, $after: String) { deliveryChanged(documentId: $d, after: $after) { cursor deliveryId type } }',
        variables: { d: documentId, after: afterCursor ?? null },
      },
      {
        next: (r) => {
          if (r.errors) state.error = r.errors;
          else events.push((r.data as { deliveryChanged: DeliveryEvent }).deliveryChanged);
        },
        error: (e) => {
          state.error = e;
        },
        complete: () => {
          state.completed = true;
        },
      },
    );
    return { events, state, receipts: () => events.filter((e) => e.type === 'delivery.received') };
  }

  /** Waits for `what`; the message is read when it fails (it may name what arrived meanwhile). */
  async function until(what: () => boolean | Promise<boolean>, ms: number, message: string | (() => string)) {
    for (const end = Date.now() + ms; !(await what()); ) {
      if (Date.now() > end) assert.fail(typeof message === 'string' ? message : message());
      await sleep(25);
    }
  }

  async function send(title: string, codes: string[]): Promise<string> {
    const orgIds = await Promise.all(codes.map((c) => p.orgId(c)));
    const created = await gql('xa.drafter', 'mutation($in: DraftInput!) { createDraft(input: $in) { id } }', {
      in: { docType: '通知', title, body: '正文', docPrefix: '市政发', recipients: [{ orgIds }] },
    });
    const id = created.data?.createDraft.id as string;
    assert.ok(id, JSON.stringify(created.errors));
    await gql('xa.drafter', 'mutation($id: ID!) { submitForApproval(id: $id) { id } }', { id });
    await gql('xa.leader', 'mutation($id: ID!) { approveDocument(id: $id) { id } }', { id });
    await gql('xa.leader', 'mutation($id: ID!) { approveDocument(id: $id) { id } }', { id });
    const sent = await gql('xa.clerk', 'mutation($id: ID!, $k: String!) { sendDocument(id: $id, sendKey: $k) { status } }', { id, k: randomUUID() });
    assert.equal(sent.data?.sendDocument.status, 'SENT', JSON.stringify(sent.errors));
    return id;
  }

  const open = async (code: string, documentId: string) => {
    const inbox = await gql(`${code}.clerk`, '{ inbox(first: 50) { nodes { id documentId } } }');
    const delivery = (inbox.data?.inbox.nodes as { id: string; documentId: string }[] | undefined)?.find((n) => n.documentId === documentId)?.id;
    assert.ok(delivery, JSON.stringify(inbox.errors));
    const r = await gql(`${code}.clerk`, 'mutation($id: ID!) { openDelivery(id: $id) { status } }', { id: delivery });
    assert.equal(r.errors, undefined, JSON.stringify(r.errors));
  };

  for (const kill of ['SIGINT', 'SIGKILL'] as const) {
    test(`${kill === 'SIGINT' ? 'a fast shutdown' : 'a kill -9'} of PostgreSQL costs a pause, not the services`, async (t) => {
      // Clerks by their user names' prefix (the demo's own, or the unit's code).
      const units = kill === 'SIGINT' ? ['xc', 'bl', '610104'] : ['xc', 'bl', '610113'];
      const codes: Record<string, string> = { xc: '610102', bl: '610103', '610104': '610104', '610113': '610113' };
      const doc = await send(
        `数据库重启测试 ${kill}`,
        units.map((u) => codes[u] as string),
      );
      const live = await watch(doc);
      await sleep(300);
      await open(units[0] as string, doc);
      await until(() => live.receipts().length === 1, 5_000, 'the first receipt arrives before the restart');
      const cursor = live.events.at(-1)?.cursor as string;
      const subscriptions = p.documentsSubscriptions();

      const downAt = Date.now();
      await server.server.restart({ kill, downMs: 1_000 });
      const backAt = Date.now();

      // The first request after the restart: answered, not an error (the pools drop their broken connections).
      let firstAnswer = 0;
      await until(
        async () => {
          const r = await gql('xa.clerk', '{ me { username } }');
          if (r.data?.me?.username === 'xa.clerk') firstAnswer = Date.now() - backAt;
          return firstAnswer > 0;
        },
        15_000,
        'the platform answers again',
      );
      // Receipts written now may reach the outbox before the relay has its connection back: published all the same.
      for (const u of units.slice(1)) await open(u, doc);
      await until(
        () => live.receipts().length >= 3,
        15_000,
        () => `all receipts reach the live subscriber (got ${JSON.stringify(live.events)})`,
      );
      const lastEvent = Date.now() - backAt;
      // A subscriber resuming by cursor from before the restart gets exactly what followed it.
      const resumed = await watch(doc, cursor);
      await until(
        () => resumed.receipts().length >= 2,
        10_000,
        () =>
          `the resuming subscriber catches up (got ${JSON.stringify(resumed.events)}${resumed.state.error ? `, and the error ${JSON.stringify(resumed.state.error)}` : ''})`,
      );

      assert.equal(live.state.completed, false, 'the live subscription was not completed');
      assert.equal(live.state.error, null, 'nor ended with an error');
      const deliveryIds = live.receipts().map((e) => e.deliveryId);
      assert.equal(new Set(deliveryIds).size, 3, 'each receipt once');
      const cursors = live.events.map((e) => e.cursor);
      assert.deepEqual(cursors, [...new Set(cursors)], 'no event twice');
      const seqs = cursors.map((c) => decodeCursor(c, 'documents'));
      assert.deepEqual(
        seqs,
        [...seqs].sort((a, b) => a - b),
        'in publish order',
      );
      const after = live.events.slice(live.events.findIndex((e) => e.cursor === cursor) + 1);
      assert.deepEqual(resumed.events, after, 'the resuming subscriber gets what the live one got after its cursor, in the same order');
      assert.ok(p.documentsSubscriptions() >= subscriptions, 'the documents instance from before still holds its subscriptions');
      assert.equal(await p.superCount('select count(*) as n from documents.outbox where publish_seq is null'), 0, 'nothing left unpublished');
      t.diagnostic(
        `PostgreSQL ${kill}: down ${backAt - downAt} ms; first answer ${firstAnswer} ms after it was back; all receipts at the live subscriber ${lastEvent} ms after`,
      );
    });
  }
});
