// A download signs for a delivery only when the file fetched is that delivery's own (issue 14, finding 8): the body or
// an attachment of THAT delivery's document. Naming another delivery of the unit is refused and records nothing.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { tinyPdf } from '../../../test/support/files.ts';
import { codeOf, type Platform, startPlatform } from '../../../test/support/harness.ts';

let p: Platform;
const tokens: Record<string, string> = {};
let xincheng: string;

const token = async (user: string) => {
  tokens[user] ??= await p.login(user);
  return tokens[user] as string;
};
const gql = async (user: string, query: string, variables: Record<string, unknown> = {}) => p.gql(query, variables, await token(user));
const blobs = () => p.gatewayUrl.replace('/graphql', '/blobs');

before(async () => {
  p = await startPlatform({ services: ['documents'] });
  xincheng = await p.orgId('610102');
});
after(() => p?.close());

/** A PDF carrying `note`, uploaded by `user` as `name`. */
async function upload(user: string, note: string, name: string): Promise<string> {
  const res = await fetch(blobs(), {
    method: 'POST',
    headers: { authorization: `Bearer ${await token(user)}`, 'content-type': 'application/pdf', 'x-filename': encodeURIComponent(name) },
    body: new Uint8Array(tinyPdf(note)),
  });
  assert.equal(res.status, 201);
  return ((await res.json()) as { sha256: string }).sha256;
}

/** A document with one attachment, approved and sent to 新城区; the county clerk's delivery of it. */
async function sent(title: string, attachment: string): Promise<string> {
  const created = await gql('xa.drafter', 'mutation($in: DraftInput!) { createDraft(input: $in) { id } }', {
    in: {
      docType: '通知',
      title,
      body: `<p>${title}</p>`,
      docPrefix: '市政发',
      attachments: [{ sha256: attachment, name: 'a.pdf' }],
      recipients: [{ orgIds: [xincheng] }],
    },
  });
  assert.equal(created.errors, undefined, JSON.stringify(created.errors));
  const id = created.data?.createDraft.id as string;
  await gql('xa.drafter', 'mutation($id: ID!) { submitForApproval(id: $id) { status } }', { id });
  for (const who of ['xa.leader', 'xa.leader']) await gql(who, 'mutation($id: ID!) { approveDocument(id: $id, comment: "同意") { status } }', { id });
  const s = await gql('xa.clerk', 'mutation($id: ID!, $k: String!) { sendDocument(id: $id, sendKey: $k) { status } }', { id, k: randomUUID() });
  assert.equal(s.data?.sendDocument.status, 'SENT', JSON.stringify(s.errors));
  const inbox = (await gql('xc.clerk', 'query($s: String!) { inbox(filter: {search: $s}) { nodes { id } } }', { s: title })).data?.inbox.nodes;
  assert.equal(inbox.length, 1);
  return inbox[0].id as string;
}

const deliveryOf = async (id: string) =>
  (await gql('xc.clerk', 'query($id: ID!) { delivery(id: $id) { status receivedAt receiptAction } }', { id })).data?.delivery as {
    status: string;
    receivedAt: string | null;
    receiptAction: string | null;
  };

describe('a download signs only for its own delivery', () => {
  let fileA: string;
  let deliveryA: string;
  let deliveryB: string;

  test('a county clerk has two deliveries, each with its own attachment', async () => {
    fileA = await upload('xa.drafter', '文件甲', 'a.pdf');
    const fileB = await upload('xa.drafter', '文件乙', 'b.pdf');
    deliveryA = await sent('关于甲事项的通知', fileA);
    deliveryB = await sent('关于乙事项的通知', fileB);
  });

  test('document A’s file with ?delivery=<delivery of B> is refused, and B stays unreceived', async () => {
    const res = await fetch(`${blobs()}/${fileA}?delivery=${deliveryB}`, { headers: { authorization: `Bearer ${await token('xc.clerk')}` } });
    assert.ok(res.status >= 400 && res.status < 500, `refused with a 4xx, not ${res.status}`);
    const body = (await res.json()) as { errors: { message: string; extensions: { code: string } }[] };
    assert.ok(['BAD_INPUT', 'FORBIDDEN'].includes(body.errors[0]?.extensions.code ?? ''), JSON.stringify(body));
    assert.match(body.errors[0]?.message ?? '', /not .*(this|that) delivery|delivery/i);
    assert.deepEqual(await deliveryOf(deliveryB), { status: 'DELIVERED', receivedAt: null, receiptAction: null });
    assert.deepEqual(await deliveryOf(deliveryA), { status: 'DELIVERED', receivedAt: null, receiptAction: null }, 'nothing recorded for A either');
    const history = await p.superCount(`select count(*) as n from documents.delivery_history where delivery_id = any($1) and action = 'RECEIVE'`, [
      [deliveryA, deliveryB],
    ]);
    assert.equal(history, 0);
  });

  test('a delivery that is not a delivery of the unit is refused too', async () => {
    const res = await fetch(`${blobs()}/${fileA}?delivery=${randomUUID()}`, { headers: { authorization: `Bearer ${await token('xc.clerk')}` } });
    assert.ok(res.status >= 400 && res.status < 500, `refused with a 4xx, not ${res.status}`);
    const bad = await fetch(`${blobs()}/${fileA}?delivery=not-an-id`, { headers: { authorization: `Bearer ${await token('xc.clerk')}` } });
    assert.equal(bad.status, 400);
  });

  test('with its own delivery the download works and signs for it as before', async () => {
    const res = await fetch(`${blobs()}/${fileA}?delivery=${deliveryA}`, { headers: { authorization: `Bearer ${await token('xc.clerk')}` } });
    assert.equal(res.status, 200);
    assert.deepEqual(Buffer.from(await res.arrayBuffer()), tinyPdf('文件甲'));
    const a = await deliveryOf(deliveryA);
    assert.equal(a.status, 'RECEIVED');
    assert.equal(a.receiptAction, 'DOWNLOAD');
    assert.deepEqual(await deliveryOf(deliveryB), { status: 'DELIVERED', receivedAt: null, receiptAction: null });
    assert.equal(codeOf(await gql('xc.clerk', '{ __typename }')), undefined);
  });
});
