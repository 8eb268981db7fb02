// A unit moved under another superior (seed 003 §9, a 区划调整: 新城区 from 西安市 to 宝鸡市) takes everything it holds
// with it, in every service: its clerk finds the inbox, the 收文登记簿 and the handling as they were; its drafter its
// drafts; its archive keeps its records under the unit where it now is; its unit key signs its next 签收; its seal
// terminals stay registered to it. Its sender
// still sees its board; its new superior sees what was delivered to it, as the units above a recipient do.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, test } from 'node:test';
import { asDemoUsers, codeOf, eventually, ok, type Platform, startPlatform } from './support/harness.ts';
import { terminalKey } from './support/seals.ts';

let p: Platform;
const ids: Record<string, string> = {};
const { gql, tokens } = asDemoUsers(() => p);

before(async () => {
  p = await startPlatform({ services: ['documents', 'archive', 'certificates', 'seals'] });
  for (const [k, code] of Object.entries({ xincheng: '610102', baoji: '610300' })) ids[k] = await p.orgId(code);
});
after(() => p?.close());

/** 西安市 sends a notice to 新城区; answers the document and the delivery. */
async function send(title: string): Promise<{ doc: string; delivery: string }> {
  const doc = ok<{ id: string }>(
    await gql('xa.drafter', 'mutation($in: DraftInput!) { createDraft(input: $in) { id } }', {
      in: { docType: '通知', title, body: `<p>${title}</p>`, docPrefix: '市政发', recipients: [{ orgIds: [ids.xincheng] }] },
    }),
    'createDraft',
  ).id;
  ok(await gql('xa.drafter', 'mutation($id: ID!) { submitForApproval(id: $id) { id } }', { id: doc }), 'submitForApproval');
  for (let i = 0; i < 2; i++) ok(await gql('xa.leader', 'mutation($id: ID!) { approveDocument(id: $id) { id } }', { id: doc }), 'approveDocument');
  ok(await gql('xa.clerk', 'mutation($id: ID!, $k: String!) { sendDocument(id: $id, sendKey: $k) { status } }', { id: doc, k: randomUUID() }), 'sendDocument');
  const delivery = ok<{ deliveries: { id: string }[] }>(
    await gql('xa.clerk', 'query($id: ID!) { document(id: $id) { deliveries { id } } }', { id: doc }),
    'document',
  ).deliveries[0]?.id as string;
  return { doc, delivery };
}

const DELIVERY = 'query($id: ID!) { delivery(id: $id) { id status intake { number } } }';

test('新城区 moves to 宝鸡市 with its inbox, register, drafts, archive and unit key; its sender and new superior see what they should', async () => {
  const handled = await send('关于区划调整前收文的通知');
  ok(await gql('xc.clerk', 'mutation($id: ID!) { signForDelivery(id: $id) { id } }', { id: handled.delivery }), 'signForDelivery');
  ok(await gql('xc.clerk', 'mutation($id: ID!) { closeDelivery(id: $id) { id } }', { id: handled.delivery }), 'closeDelivery');
  const waiting = await send('关于区划调整后签收的通知');
  const draft = ok<{ id: string }>(
    await gql('xc.drafter', 'mutation($in: DraftInput!) { createDraft(input: $in) { id } }', {
      in: { docType: '请示', title: '关于调整后工作安排的请示', body: '<p>请示</p>', docPrefix: '新政发', recipients: [] },
    }),
    'createDraft',
  ).id;
  const number = ok<{ intake: { number: string } }>(await gql('xc.clerk', DELIVERY, { id: handled.delivery }), 'delivery').intake.number;
  const keeper = (await p.superQuery<{ id: string }>("select id from org.users where username = 'xc.clerk'"))[0]?.id;
  const terminal = ok<{ id: string }>(
    await gql('xc.admin', 'mutation($i: SealTerminalInput!) { registerSealTerminal(input: $i) { id } }', {
      i: { name: '新城区用印专用机', keeperId: keeper, publicKey: terminalKey().publicKey },
    }),
    'registerSealTerminal',
  ).id;
  const [archived] = await eventually(
    () => p.superQuery<{ org_path: string }>("select org_path::text from archive.records where document_id = $1 and role = 'RECIPIENT'", [handled.doc]),
    (rows) => rows.length === 1,
  );
  assert.equal(archived?.org_path, 'p61.c6101.k610102', 'archived at 办结, under 西安市');
  assert.equal(codeOf(await gql('bj.clerk', DELIVERY, { id: handled.delivery })), 'NOT_FOUND', '宝鸡市 sees nothing of it yet');

  const left = () =>
    p.superCount(
      `select (select count(*) from documents.deliveries where recipient_path = 'p61.c6101.k610102')
            + (select count(*) from archive.records where org_path = 'p61.c6101.k610102')
            + (select count(*) from certificates.unit_keys where org_path = 'p61.c6101.k610102')
            + (select count(*) from seals.terminals where org_path = 'p61.c6101.k610102') as n`,
    );
  assert.ok((await left()) > 0, 'the control: the unit’s rows were where it was');
  const moved = ok<{ path: string }>(
    await gql('sx.admin', 'mutation($id: ID!, $to: ID!) { moveOrg(id: $id, newParentId: $to) { path } }', { id: ids.xincheng, to: ids.baoji }),
    'moveOrg',
  );
  assert.equal(moved.path, 'p61.c6103.k610102');
  // Each service follows org's event once org has published it; the move ended the unit's sessions, so its people
  // log in again.
  await eventually(
    left,
    (n) => n === 0,
    async () => {
      await p.drainDocumentsOrgEvents();
      await p.drainArchiveEvents();
      await p.drainCertificateEvents();
      await p.drainSealEvents();
    },
  );
  for (const u of ['xc.clerk', 'xc.drafter', 'xc.admin']) delete tokens[u];
  // Its seal terminal, still its own where it now is.
  assert.deepEqual(
    ok<{ id: string }[]>(await gql('xc.admin', '{ sealTerminals { id } }'), 'sealTerminals').map((t) => t.id),
    [terminal],
  );

  // Its clerk: the delivery signed for, with its 收文编号, and the register's entry.
  assert.deepEqual(ok(await gql('xc.clerk', DELIVERY, { id: handled.delivery }), 'delivery'), { id: handled.delivery, status: 'CLOSED', intake: { number } });
  const register = ok<{ nodes: { number: string }[] }>(
    await gql('xc.clerk', 'query($y: Int!) { intakeRegister(year: $y) { nodes { number } } }', { y: Number(number.slice(2, 6)) }),
    'intakeRegister',
  );
  assert.ok(
    register.nodes.some((n) => n.number === number),
    JSON.stringify(register),
  );
  // The one still waiting is in its inbox and is signed for now, with the unit's key where the unit now is.
  const inbox = ok<{ nodes: { id: string }[] }>(await gql('xc.clerk', '{ inbox(filter: {search: "关于区划调整后签收的通知"}) { nodes { id } } }'), 'inbox');
  assert.deepEqual(
    inbox.nodes.map((n) => n.id),
    [waiting.delivery],
  );
  ok(await gql('xc.clerk', 'mutation($id: ID!) { signForDelivery(id: $id) { id } }', { id: waiting.delivery }), 'signForDelivery after the move');
  // Its drafter's draft.
  const drafts = ok<{ id: string }[]>(await gql('xc.drafter', '{ documents(status: "DRAFT") { id } }'), 'documents');
  assert.ok(drafts.some((d) => d.id === draft));
  // Its archive's record, under 宝鸡市 now; its chain with it.
  const [record] = await p.superQuery<{ org_path: string }>("select org_path::text from archive.records where document_id = $1 and role = 'RECIPIENT'", [
    handled.doc,
  ]);
  assert.equal(record?.org_path, 'p61.c6103.k610102');
  assert.equal(await p.superCount("select count(*) as n from archive.chain where org_path = 'p61.c6101.k610102'"), 0, 'nothing left where it was');
  assert.equal(await p.superCount("select count(*) as n from documents.deliveries where recipient_path = 'p61.c6101.k610102'"), 0);
  assert.equal(await p.superCount("select count(*) as n from certificates.unit_keys where org_path = 'p61.c6101.k610102'"), 0);

  // The sender's board still shows it; its new superior sees it, as the units above a recipient do.
  assert.equal(ok<{ status: string }>(await gql('xa.clerk', DELIVERY, { id: waiting.delivery }), 'delivery').status, 'SIGNED');
  assert.equal(ok<{ id: string }>(await gql('bj.clerk', DELIVERY, { id: handled.delivery }), 'delivery').id, handled.delivery);
  // The events published before the move keep the paths they were published with.
  assert.ok((await p.superCount("select count(*) as n from documents.outbox where other_path = 'p61.c6101.k610102'")) > 0);
});
