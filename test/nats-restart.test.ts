// NATS restarted under a live platform (issue 20): the documents service publishes its events through NATS JetStream
// and its hub reads them back from there. A county clerk watches the inbox while the NATS server is killed (kill -9)
// and started again on the same port and store; a notice sent while NATS is down and one after it both reach the
// clerk, once each and in order, with no manual step — whether or not another event follows them. And the documents
// service started again while NATS is down waits for it rather than failing its start.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { type RunningNats, startNats } from '../scripts/lib/nats.ts';
import { asDemoUsers, ok, type Platform, startPlatform } from './support/harness.ts';

let nats: RunningNats | null;
let p: Platform;
const { gql, tokens } = asDemoUsers(() => p);

before(async () => {
  nats = await startNats();
  if (!nats) return;
  process.env.YIZHAN_EVENT_BUS = nats.url;
  p = await startPlatform({ services: ['documents'] });
  process.env.YIZHAN_EVENT_BUS = 'postgres';
});
after(async () => {
  await p?.close();
  await nats?.stop();
});

async function sendToXincheng(title: string): Promise<string> {
  const xincheng = await p.orgId('610102');
  const draft = ok(
    await gql('xa.drafter', 'mutation($in: DraftInput!) { createDraft(input: $in) { id } }', {
      in: { docType: '通知', title, body: '正文', docPrefix: '市政发', recipients: [{ orgIds: [xincheng] }] },
    }),
    'createDraft',
  );
  ok(await gql('xa.drafter', 'mutation($id: ID!) { submitForApproval(id: $id) { id } }', { id: draft.id }), 'submitForApproval');
  for (let i = 0; i < 2; i++) ok(await gql('xa.leader', 'mutation($id: ID!) { approveDocument(id: $id) { id } }', { id: draft.id }), 'approveDocument');
  ok(
    await gql('xa.clerk', 'mutation($id: ID!, $k: String!) { sendDocument(id: $id, sendKey: $k) { status } }', { id: draft.id, k: randomUUID() }),
    'sendDocument',
  );
  return draft.id;
}

/** 新城区's clerk's live inbox through the gateway: the documents announced to it, and what went wrong. */
async function xinchengInbox() {
  tokens['xc.clerk'] ??= await p.login('xc.clerk');
  const client = createClient({
    url: p.gatewayUrl.replace('http', 'ws'),
    webSocketImpl: WebSocket,
    connectionParams: { authorization: `Bearer ${tokens['xc.clerk']}` },
    retryAttempts: 0,
  });
  const seen: string[] = [];
  const errors: unknown[] = [];
  const done = new Promise<void>((resolve) => {
    client.subscribe(
      { query: 'subscription { inboxChanged { documentId } }' },
      {
        next: (r) => {
          if (r.errors) errors.push(r.errors);
          const id = (r.data as { inboxChanged?: { documentId: string } } | undefined)?.inboxChanged?.documentId;
          if (id) seen.push(id);
        },
        error: (e) => errors.push(e),
        complete: () => resolve(),
      },
    );
  });
  await new Promise((r) => setTimeout(r, 500));
  /** Whether `id` arrives within `ms`. */
  const until = async (id: string, ms: number) => {
    const end = Date.now() + ms;
    while (!seen.includes(id) && Date.now() < end) await new Promise((r) => setTimeout(r, 100));
    return seen.includes(id);
  };
  const close = async () => {
    await client.dispose();
    await Promise.race([done, new Promise((r) => setTimeout(r, 1000))]);
  };
  return { seen, errors, until, close };
}

describe('NATS restarted', () => {
  test('a kill -9 of NATS: what was sent while it was down and after it reaches the live inbox, once each, in order', async (t) => {
    if (!nats) return t.skip('nats-server could not be installed');
    const { seen, errors, until, close } = await xinchengInbox();
    const a = await sendToXincheng('消息总线重启之前');
    assert.ok(await until(a, 10_000), 'the first notice arrives through NATS');

    // Killed, and down for eight seconds (longer than a publish waits for its acknowledgement): the notice is sent while it is away.
    const restarting = nats.restart({ kill: 'SIGKILL', downMs: 8_000 });
    await new Promise((r) => setTimeout(r, 300));
    const b = await sendToXincheng('消息总线重启期间');
    await restarting;
    const startedAt = Date.now();
    assert.ok(await until(b, 30_000), 'the notice sent while NATS was down arrives, with no other event after it');
    t.diagnostic(`the notice sent while NATS was down arrived ${Date.now() - startedAt} ms after NATS was back`);
    const c = await sendToXincheng('消息总线重启之后');
    assert.ok(await until(c, 15_000), 'and the next one');
    const ours = seen.filter((id) => [a, b, c].includes(id));
    assert.deepEqual(ours, [a, b, c], 'once each, in order');
    assert.deepEqual(errors, []);
    await close();
  });

  test('documents started again while NATS is down waits for it, then serves and delivers live, with no manual step', async (t) => {
    if (!nats) return t.skip('nats-server could not be installed');
    // NATS killed and away for four seconds; documents stopped and started again during them (a rollout, a crash).
    const restarting = nats.restart({ kill: 'SIGKILL', downMs: 4_000 });
    await new Promise((r) => setTimeout(r, 300));
    const startedAt = Date.now();
    await p.restartDocuments();
    await restarting;
    t.diagnostic(`documents' start waited ${Date.now() - startedAt} ms for NATS`);
    assert.ok(Date.now() - startedAt >= 3_000, 'the start waited for NATS instead of failing');

    const { until, close } = await xinchengInbox();
    const d = await sendToXincheng('消息总线中断时重启之后');
    assert.ok(await until(d, 15_000), 'the restarted documents service publishes and its hub delivers through NATS');
    await close();
  });
});
