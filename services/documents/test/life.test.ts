// The life of a delivery after it lands: return with a reason, resend request, resend as a linked delivery, recall,
// close (after 签收), 补发 to added units — every legal transition, the illegal ones refused, and each change in the history.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { codeOf, type Platform, startPlatform } from '../../../test/support/harness.ts';

let p: Platform;
const ids: Record<string, string> = {};
const tokens: Record<string, string> = {};
const gql = async (user: string, query: string, variables: Record<string, unknown> = {}) => {
  tokens[user] ??= await p.login(user);
  return p.gql(query, variables, tokens[user]);
};

before(async () => {
  p = await startPlatform({ services: ['documents'] });
  for (const [k, code] of Object.entries({ xian: '610100', xincheng: '610102', beilin: '610103', lianhu: '610104' })) ids[k] = await p.orgId(code);
  ids.yingji = (await gql('sx.admin', '{ searchOrgs(name: "陕西省应急管理厅") { id } }')).data?.searchOrgs[0].id;
});
after(() => p.close());

async function sendToXincheng(title: string): Promise<{ doc: string; delivery: string }> {
  const created = await gql('xa.drafter', 'mutation($in: DraftInput!) { createDraft(input: $in) { id } }', {
    in: { docType: '通知', title, body: '正文', docPrefix: '市政发', recipients: [{ orgIds: [ids.xincheng] }] },
  });
  const doc = created.data?.createDraft.id as string;
  await gql('xa.drafter', 'mutation($id: ID!) { submitForApproval(id: $id) { id } }', { id: doc });
  await gql('xa.leader', 'mutation($id: ID!) { approveDocument(id: $id) { id } }', { id: doc });
  await gql('xa.leader', 'mutation($id: ID!) { approveDocument(id: $id) { id } }', { id: doc });
  await gql('xa.clerk', 'mutation($id: ID!, $k: String!) { sendDocument(id: $id, sendKey: $k) { id } }', { id: doc, k: randomUUID() });
  const delivery = (await gql('xa.clerk', 'query($id: ID!) { document(id: $id) { deliveries { id } } }', { id: doc })).data?.document.deliveries[0].id;
  return { doc, delivery };
}

const D = 'id status stateReason stateNote parentDeliveryId history { action fromStatus toStatus actorName reason }';

describe('delivery life', () => {
  test('a return with its reason reaches the sender, who resends as a new linked delivery', async () => {
    const { delivery } = await sendToXincheng('格式有误的通知');
    const returned = await gql('xc.clerk', `mutation($id: ID!) { returnDelivery(id: $id, reason: WRONG_FORMAT, note: "缺少附件页码") { ${D} } }`, {
      id: delivery,
    });
    assert.equal(returned.errors, undefined, JSON.stringify(returned.errors));
    assert.equal(returned.data?.returnDelivery.status, 'RETURNED');
    const seen = (await gql('xa.clerk', `query($id: ID!) { delivery(id: $id) { ${D} } }`, { id: delivery })).data?.delivery;
    assert.deepEqual([seen.status, seen.stateReason, seen.stateNote], ['RETURNED', 'WRONG_FORMAT', '缺少附件页码']);
    assert.deepEqual(
      seen.history.map((h: { action: string; fromStatus: string; toStatus: string; actorName: string }) => [h.action, h.fromStatus, h.toStatus, h.actorName]),
      [['RETURN', 'DELIVERED', 'RETURNED', '新城区政府收文员']],
    );
    assert.equal(
      codeOf(await gql('xc.clerk', 'mutation($id: ID!) { returnDelivery(id: $id, reason: INCOMPLETE) { id } }', { id: delivery })),
      'ILLEGAL_TRANSITION',
    );
    assert.equal(
      codeOf(await gql('xc.clerk', 'mutation($id: ID!) { resendDelivery(id: $id) { id } }', { id: delivery })),
      'FORBIDDEN',
      'the recipient does not resend',
    );
    const resent = await gql('xa.clerk', `mutation($id: ID!) { resendDelivery(id: $id) { ${D} } }`, { id: delivery });
    assert.equal(resent.data?.resendDelivery.status, 'DELIVERED');
    assert.equal(resent.data?.resendDelivery.parentDeliveryId, delivery);
    assert.notEqual(resent.data?.resendDelivery.id, delivery, 'a new delivery, never a mutation of the old one');
    assert.equal((await gql('xa.clerk', 'query($id: ID!) { delivery(id: $id) { status } }', { id: delivery })).data?.delivery.status, 'RESENT');
    const inbox = (await gql('xc.clerk', '{ inbox(filter: {search: "格式有误"}) { nodes { id status } } }')).data?.inbox.nodes;
    assert.ok(inbox.some((n: { id: string; status: string }) => n.id === resent.data?.resendDelivery.id && n.status === 'DELIVERED'));
  });

  test('a resend request needs a reason and is answered by a resend', async () => {
    const { delivery } = await sendToXincheng('无法打开的通知');
    assert.equal(codeOf(await gql('xc.clerk', 'mutation($id: ID!) { requestResend(id: $id, note: "  ") { id } }', { id: delivery })), 'BAD_INPUT');
    const asked = await gql('xc.clerk', `mutation($id: ID!) { requestResend(id: $id, note: "文件损坏无法打开") { ${D} } }`, { id: delivery });
    assert.equal(asked.data?.requestResend.status, 'RESEND_REQUESTED');
    const resent = await gql('xa.clerk', `mutation($id: ID!) { resendDelivery(id: $id) { ${D} } }`, { id: delivery });
    assert.equal(resent.data?.resendDelivery.status, 'DELIVERED');
  });

  test('the sender recalls what has not been received, and only that', async () => {
    const { delivery } = await sendToXincheng('发错的通知');
    assert.equal(codeOf(await gql('xc.clerk', 'mutation($id: ID!) { recallDelivery(id: $id, note: "x") { id } }', { id: delivery })), 'FORBIDDEN');
    const recalled = await gql('xa.clerk', `mutation($id: ID!) { recallDelivery(id: $id, note: "主送单位有误") { ${D} } }`, { id: delivery });
    assert.equal(recalled.data?.recallDelivery.status, 'RECALLED');
    const opened = await gql('xc.clerk', 'mutation($id: ID!) { openDelivery(id: $id) { status receivedAt } }', { id: delivery });
    assert.deepEqual(opened.data?.openDelivery, { status: 'RECALLED', receivedAt: null }, 'a recalled delivery is not signed for by opening it');
    const second = await sendToXincheng('已接收的通知');
    await gql('xc.clerk', 'mutation($id: ID!) { openDelivery(id: $id) { id } }', { id: second.delivery });
    const late = await gql('xa.clerk', 'mutation($id: ID!) { recallDelivery(id: $id, note: "晚了") { id } }', { id: second.delivery });
    assert.equal(codeOf(late), 'ILLEGAL_TRANSITION');
    assert.match(late.errors?.[0]?.message ?? '', /received \(not yet signed for\) cannot be recalled/);
  });

  test('closing: only once signed for (opening is not enough); a supervising unit sees the delivery but does not act; another county sees nothing', async () => {
    const { delivery } = await sendToXincheng('办结测试');
    assert.equal(codeOf(await gql('xc.clerk', 'mutation($id: ID!) { closeDelivery(id: $id) { id } }', { id: delivery })), 'ILLEGAL_TRANSITION');
    await gql('xc.clerk', 'mutation($id: ID!) { openDelivery(id: $id) { id } }', { id: delivery });
    assert.equal(codeOf(await gql('xc.clerk', 'mutation($id: ID!) { closeDelivery(id: $id) { id } }', { id: delivery })), 'ILLEGAL_TRANSITION');
    await gql('xc.clerk', 'mutation($id: ID!) { signForDelivery(id: $id) { id } }', { id: delivery });
    assert.equal((await gql('xc.clerk', 'mutation($id: ID!) { closeDelivery(id: $id) { status } }', { id: delivery })).data?.closeDelivery.status, 'CLOSED');
    const history = (await gql('xa.clerk', `query($id: ID!) { delivery(id: $id) { ${D} } }`, { id: delivery })).data?.delivery.history;
    assert.deepEqual(
      history.map((h: { action: string; toStatus: string; actorName: string }) => [h.action, h.toStatus, h.actorName]),
      [
        ['RECEIVE', 'RECEIVED', '新城区政府收文员'],
        ['SIGN', 'SIGNED', '新城区政府收文员'],
        ['CLOSE', 'CLOSED', '新城区政府收文员'],
      ],
      'the receipt and the 签收 are in the history too',
    );
    assert.equal(
      codeOf(await gql('sx.admin', 'mutation($id: ID!) { returnDelivery(id: $id, reason: OTHER, note: "x") { id } }', { id: delivery })),
      'FORBIDDEN',
    );
    assert.equal(codeOf(await gql('bl.clerk', 'mutation($id: ID!) { returnDelivery(id: $id, reason: INCOMPLETE) { id } }', { id: delivery })), 'NOT_FOUND');
    assert.equal(codeOf(await gql('bl.clerk', 'query($id: ID!) { delivery(id: $id) { history { action } } }', { id: delivery })), 'NOT_FOUND');
  });

  test('补发: further units get new deliveries of the same document; those that have it are skipped; refused ones add nothing', async () => {
    const { doc } = await sendToXincheng('补发测试');
    const add = 'mutation($d: ID!, $r: [RecipientSpecInput!]!) { supplementRecipients(documentId: $d, recipients: $r) { added alreadyDelivered } }';
    const first = await gql('xa.clerk', add, { d: doc, r: [{ orgIds: [ids.beilin, ids.lianhu, ids.xincheng] }] });
    assert.deepEqual(first.data?.supplementRecipients, { added: 2, alreadyDelivered: 1 });
    const again = await gql('xa.clerk', add, { d: doc, r: [{ orgIds: [ids.beilin] }] });
    assert.deepEqual(again.data?.supplementRecipients, { added: 0, alreadyDelivered: 1 });
    const refused = await gql('xa.clerk', add, { d: doc, r: [{ orgIds: [ids.yingji] }] });
    assert.equal(codeOf(refused), 'ROUTING_REFUSED');
    assert.equal((await gql('bl.clerk', '{ inbox(filter: {search: "补发测试"}) { totalCount } }')).data?.inbox.totalCount, 1);
    const stats = (await gql('xa.clerk', 'query($id: ID!) { document(id: $id) { recipientCount deliveryStats { total } } }', { id: doc })).data?.document;
    assert.deepEqual([stats.recipientCount, stats.deliveryStats.total], [3, 3]);
    assert.equal(codeOf(await gql('xc.clerk', add, { d: doc, r: [{ orgIds: [ids.beilin] }] })), 'FORBIDDEN', 'a recipient does not add recipients');
  });
});
