// The OFD 版式 file at the send (issue 18): one package per document, named on the document (ofdSha256), downloaded
// by the sender and the recipients as the document's other files: its text is the document's, with the 发文字号 the
// send allocated; a download names its delivery and is then that delivery's receipt. Refused to a unit it was not
// sent to (wrong tenant: 404, nothing recorded) and, before 签收, to the recipient's people other than its clerks
// (wrong role: 403 NOT_SIGNED_FOR).
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, test } from 'node:test';
import { type Platform, startPlatform } from '../../../test/support/harness.ts';
import { OFD_FILES, pageFile, unpackOfd } from '../src/domain/ofd/index.ts';

let p: Platform;
const tokens: Record<string, string> = {};
const token = async (user: string) => {
  tokens[user] ??= await p.login(user);
  return tokens[user] as string;
};
const gql = async (user: string, query: string, variables: Record<string, unknown> = {}) => p.gql(query, variables, await token(user));
const blob = async (user: string, sha: string, delivery?: string) =>
  fetch(`${p.gatewayUrl.replace('/graphql', '/blobs')}/${sha}${delivery ? `?delivery=${delivery}` : ''}`, {
    headers: { authorization: `Bearer ${await token(user)}` },
  });

before(async () => {
  p = await startPlatform({ services: ['documents'] });
});
after(() => p?.close());

let documentId: string;
let docNumber: string;
let ofdSha256: string;
let delivery: string;

test('the send renders the document once as an OFD package, named on the document', async () => {
  const created = await gql('xa.drafter', 'mutation($in: DraftInput!) { createDraft(input: $in) { id } }', {
    in: {
      docType: '通知',
      title: '西安市人民政府关于做好版式文件试点工作的通知',
      body: '<p>各区县人民政府：</p><p>一、总体要求。电子公文以版式文件为准。</p><p>请认真贯彻执行。</p>',
      docPrefix: '市政发',
      recipients: [{ orgIds: [await p.orgId('610102')] }],
    },
  });
  assert.equal(created.errors, undefined, JSON.stringify(created.errors));
  documentId = created.data?.createDraft.id as string;
  await gql('xa.drafter', 'mutation($id: ID!) { submitForApproval(id: $id) { id } }', { id: documentId });
  await gql('xa.leader', 'mutation($id: ID!) { approveDocument(id: $id) { id } }', { id: documentId });
  await gql('xa.leader', 'mutation($id: ID!) { approveDocument(id: $id) { id } }', { id: documentId });
  const sent = await gql('xa.clerk', 'mutation($id: ID!, $k: String!) { sendDocument(id: $id, sendKey: $k) { docNumber ofdSha256 } }', {
    id: documentId,
    k: randomUUID(),
  });
  assert.equal(sent.errors, undefined, JSON.stringify(sent.errors));
  docNumber = sent.data?.sendDocument.docNumber;
  ofdSha256 = sent.data?.sendDocument.ofdSha256;
  assert.match(ofdSha256 ?? '', /^[0-9a-f]{64}$/, 'the OFD is named by its SHA-256');

  const inbox = (await gql('xc.clerk', 'query { inbox(filter: {search: "版式文件试点"}) { nodes { id document { ofdSha256 } } } }')).data?.inbox.nodes;
  assert.equal(inbox.length, 1);
  assert.equal(inbox[0].document.ofdSha256, ofdSha256, 'the recipient sees the same package');
  delivery = inbox[0].id;
});

test('the sender downloads it: an OFD package of the document, with the 发文字号 the send allocated', async () => {
  const res = await blob('xa.clerk', ofdSha256);
  assert.equal(res.status, 200);
  assert.equal(res.headers.get('content-type'), 'application/ofd');
  assert.match(decodeURIComponent(res.headers.get('content-disposition') ?? ''), new RegExp(`${docNumber.replace(/[〔〕]/g, '.')}\\.ofd`));
  const files = unpackOfd(Buffer.from(await res.arrayBuffer()));
  assert.ok(files.has(OFD_FILES.entry) && files.has(OFD_FILES.document) && files.has(pageFile(0)));
  const ofd = files.get(OFD_FILES.entry)?.toString('utf8') ?? '';
  assert.match(ofd, /西安市人民政府关于做好版式文件试点工作的通知/);
  assert.match(ofd, new RegExp(`<ofd:DocID>${documentId.replace(/-/g, '')}</ofd:DocID>`));
  const page = files.get(pageFile(0))?.toString('utf8') ?? '';
  assert.ok(page.includes(`>${docNumber}<`), 'the 发文字号 on the first page');
  assert.ok(page.includes('>西安市人民政府文件<'), 'the banner');
});

test('wrong tenant: a unit it was not sent to gets 404 and nothing of it', async () => {
  const res = await blob('bl.clerk', ofdSha256);
  assert.equal(res.status, 404);
  const body = (await res.json()) as { errors: { extensions: { code: string } }[] };
  assert.equal(body.errors[0]?.extensions.code, 'NOT_FOUND');
  const other = await blob('bl.clerk', ofdSha256, delivery);
  assert.equal(other.status, 404, 'naming another unit’s delivery does not help');
});

test('wrong role: before 签收 the recipient’s people other than its clerks are refused; its clerk’s download is the receipt', async () => {
  const refused = await blob('xc.drafter', ofdSha256, delivery);
  assert.equal(refused.status, 403);
  const body = (await refused.json()) as { errors: { extensions: { code: string } }[] };
  assert.equal(body.errors[0]?.extensions.code, 'NOT_SIGNED_FOR');
  const before = (await gql('xc.clerk', 'query($id: ID!) { delivery(id: $id) { receivedAt } }', { id: delivery })).data?.delivery;
  assert.equal(before.receivedAt, null, 'the refusal recorded nothing');

  const res = await blob('xc.clerk', ofdSha256, delivery);
  assert.equal(res.status, 200);
  assert.ok(unpackOfd(Buffer.from(await res.arrayBuffer())).has(OFD_FILES.entry));
  const received = (await gql('xc.clerk', 'query($id: ID!) { delivery(id: $id) { receivedAt receiptAction } }', { id: delivery })).data?.delivery;
  assert.ok(received.receivedAt, 'the first download of the OFD is the receipt');
  assert.equal(received.receiptAction, 'DOWNLOAD');
});
