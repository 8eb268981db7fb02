// The life of a delivery after it lands: return with a reason, resend request, resend as a linked delivery, recall,
// close (after 签收), 补发 to added units — every legal transition, the illegal ones refused, and each change in the history.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { asDemoUsers, codeOf, type Platform, startPlatform } from '../../../test/support/harness.ts';

let p: Platform;
const ids: Record<string, string> = {};
const { gql } = asDemoUsers(() => p);

before(async () => {
  p = await startPlatform({ services: ['documents'] });
  for (const [k, code] of Object.entries({ xian: '610100', xincheng: '610102', beilin: '610103', lianhu: '610104' })) ids[k] = await p.orgId(code);
  ids.yingji = (await gql('sx.admin', '{ searchOrgs(name: "陕西省应急管理厅") { id } }')).data?.searchOrgs[0].id;
});
after(() => p?.close());

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
      [['RETURN', 'DELIVERED', 'RETURNED', '王秀兰']],
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
    const old = (await gql('xa.clerk', `query($id: ID!) { delivery(id: $id) { ${D} replacedBy { id documentId } } }`, { id: delivery })).data?.delivery;
    assert.deepEqual([old.stateReason, old.stateNote], ['WRONG_FORMAT', '缺少附件页码'], 'the resent delivery keeps why it came back');
    assert.equal(old.replacedBy.id, resent.data?.resendDelivery.id);
    // The resend goes the way the original was routed (统计 counts it so).
    const ways = await p.superQuery<{ direction: string | null }>(
      'select direction from documents.deliveries where id = any($1::uuid[]) order by delivered_at',
      [[delivery, resent.data?.resendDelivery.id]],
    );
    assert.deepEqual(
      ways.map((w) => w.direction),
      ['DOWN', 'DOWN'],
    );
    const inbox = (await gql('xc.clerk', '{ inbox(filter: {search: "格式有误"}) { nodes { id status } } }')).data?.inbox.nodes;
    assert.ok(inbox.some((n: { id: string; status: string }) => n.id === resent.data?.resendDelivery.id && n.status === 'DELIVERED'));
  });

  test('修改后重发: the returned units get a corrected version; its send marks the originals, their reasons kept, the counts right', async () => {
    const title = `格式有误待更正的通知${Date.now().toString(36)}`;
    const created = await gql('xa.drafter', 'mutation($in: DraftInput!) { createDraft(input: $in) { id } }', {
      in: { docType: '通知', title, body: '原正文', docPrefix: '市政发', recipients: [{ orgIds: [ids.xincheng, ids.beilin, ids.lianhu] }] },
    });
    const doc = created.data?.createDraft.id as string;
    await gql('xa.drafter', 'mutation($id: ID!) { submitForApproval(id: $id) { id } }', { id: doc });
    for (let i = 0; i < 2; i++) await gql('xa.leader', 'mutation($id: ID!) { approveDocument(id: $id) { id } }', { id: doc });
    await gql('xa.clerk', 'mutation($id: ID!, $k: String!) { sendDocument(id: $id, sendKey: $k) { id } }', { id: doc, k: randomUUID() });
    const board = async (id: string) =>
      (
        await gql(
          'xa.clerk',
          `query($id: ID!) { document(id: $id) { docNumber deliveryStats { total received signed pending }
            deliveries { ${D} recipientOrgId parentDeliveryId replacedBy { id documentId docNumber } } corrections { id status } } }`,
          { id },
        )
      ).data?.document;
    const of = (b: { deliveries: { recipientOrgId: string; id: string }[] }, org: string | undefined) => b.deliveries.filter((d) => d.recipientOrgId === org);
    const first = await board(doc);
    const xc = of(first, ids.xincheng)[0]?.id as string;
    const bl = of(first, ids.beilin)[0]?.id as string;
    const lh = of(first, ids.lianhu)[0]?.id as string;
    assert.equal(
      (await gql('xc.clerk', 'mutation($id: ID!) { returnDelivery(id: $id, reason: WRONG_FORMAT, note: "缺少页码") { id } }', { id: xc })).errors,
      undefined,
    );
    assert.equal((await gql('bl.clerk', 'mutation($id: ID!) { requestResend(id: $id, note: "文件损坏无法打开") { id } }', { id: bl })).errors, undefined);

    const draft =
      'mutation($ids: [ID!]!) { draftCorrection(deliveryIds: $ids) { id status title body orgName correctionOf { documentId docNumber title returns { deliveryId recipientName status reason note } } } }';
    assert.equal(codeOf(await gql('xa.clerk', draft, { ids: [xc] })), 'FORBIDDEN', 'a clerk without 拟稿 does not draft it');
    assert.equal(codeOf(await gql('xa.drafter', draft, { ids: [lh] })), 'ILLEGAL_TRANSITION', 'a delivery not returned is not corrected');
    assert.equal(codeOf(await gql('xa.drafter', draft, { ids: [] })), 'BAD_INPUT');
    const made = await gql('xa.drafter', draft, { ids: [xc, bl] });
    assert.equal(made.errors, undefined, JSON.stringify(made.errors));
    const correction = made.data?.draftCorrection;
    assert.deepEqual([correction.status, correction.title, correction.body, correction.orgName], ['DRAFT', title, '原正文', '西安市人民政府']);
    assert.equal(correction.correctionOf.documentId, doc);
    assert.equal(correction.correctionOf.docNumber, first.docNumber);
    assert.deepEqual(
      correction.correctionOf.returns.map((r: { deliveryId: string; status: string; reason: string; note: string }) => [
        r.deliveryId,
        r.status,
        r.reason,
        r.note,
      ]),
      [
        [xc, 'RETURNED', 'WRONG_FORMAT', '缺少页码'],
        [bl, 'RESEND_REQUESTED', 'CANNOT_RECEIVE', '文件损坏无法打开'],
      ],
    );
    assert.deepEqual((await board(doc)).corrections, [{ id: correction.id, status: 'DRAFT' }], 'the original names its correction');
    // One correction at a time: while it is a draft, a second one for any of its deliveries is refused, naming it,
    // and nothing is drafted (the board offers 继续修改稿 instead).
    const again = await gql('xa.drafter', draft, { ids: [bl] });
    assert.equal(codeOf(again), 'CORRECTION_DRAFT_OPEN');
    assert.deepEqual(again.errors?.[0]?.extensions?.draftId, correction.id, 'the error names the draft to continue');
    assert.deepEqual(again.errors?.[0]?.extensions?.deliveryIds, [bl]);
    assert.equal(codeOf(await gql('xa.drafter', draft, { ids: [xc, bl] })), 'CORRECTION_DRAFT_OPEN');
    assert.deepEqual((await board(doc)).corrections, [{ id: correction.id, status: 'DRAFT' }], 'no second draft');
    const stillWaiting = (await board(doc)).deliveries.find((d: { id: string }) => d.id === xc);
    assert.equal(stillWaiting.status, 'RETURNED', 'nothing is answered before the correction is sent');

    // The drafter corrects it (the recipients stay), the leader approves, the clerk sends.
    const edited = await gql('xa.drafter', 'mutation($id: ID!, $in: DraftInput!) { updateDraft(id: $id, input: $in) { id } }', {
      id: correction.id,
      in: { docType: '通知', title, body: '更正后的正文（已补页码）', docPrefix: '市政发' },
    });
    assert.equal(edited.errors, undefined, JSON.stringify(edited.errors));
    await gql('xa.drafter', 'mutation($id: ID!) { submitForApproval(id: $id) { id } }', { id: correction.id });
    for (let i = 0; i < 2; i++) await gql('xa.leader', 'mutation($id: ID!) { approveDocument(id: $id) { id } }', { id: correction.id });
    const sent = await gql('xa.clerk', 'mutation($id: ID!, $k: String!) { sendDocument(id: $id, sendKey: $k) { id status docNumber } }', {
      id: correction.id,
      k: randomUUID(),
    });
    assert.equal(sent.errors, undefined, JSON.stringify(sent.errors));
    const newNumber = sent.data?.sendDocument.docNumber as string;
    assert.notEqual(newNumber, first.docNumber, 'the correction has its own 发文字号');

    // The originals are answered by it: RESENT, linked to the new deliveries, their reasons kept, in the history too.
    const after = await board(doc);
    const corrected = await board(correction.id);
    for (const [old, org, reason, note] of [
      [xc, ids.xincheng, 'WRONG_FORMAT', '缺少页码'],
      [bl, ids.beilin, 'CANNOT_RECEIVE', '文件损坏无法打开'],
    ] as const) {
      const d = after.deliveries.find((x: { id: string }) => x.id === old);
      const replacement = of(corrected, org)[0] as unknown as { id: string; parentDeliveryId: string; status: string };
      assert.deepEqual([d.status, d.stateReason, d.stateNote], ['RESENT', reason, note], `${org}: 已修改重发, the reason kept`);
      assert.deepEqual(d.replacedBy, { id: replacement.id, documentId: correction.id, docNumber: newNumber });
      assert.deepEqual([replacement.parentDeliveryId, replacement.status], [old, 'DELIVERED']);
      assert.deepEqual(d.history.map((h: { action: string; toStatus: string; reason: string | null }) => [h.action, h.toStatus, h.reason]).slice(-2), [
        [reason === 'WRONG_FORMAT' ? 'RETURN' : 'REQUEST_RESEND', reason === 'WRONG_FORMAT' ? 'RETURNED' : 'RESEND_REQUESTED', reason],
        ['CORRECT_RESEND', 'RESENT', null],
      ]);
      assert.equal(d.history.at(-1).actorName, '马晓燕');
    }
    assert.equal(after.deliveries.find((x: { id: string }) => x.id === lh).status, 'DELIVERED', '莲湖区 had no return: untouched');
    // Counted once each: the original by its one live delivery, the correction by its two.
    assert.deepEqual(after.deliveryStats, { total: 1, received: 0, signed: 0, pending: 1 });
    assert.deepEqual(corrected.deliveryStats, { total: 2, received: 0, signed: 0, pending: 2 });
    assert.equal(codeOf(await gql('xa.clerk', 'mutation($id: ID!) { resendDelivery(id: $id) { id } }', { id: xc })), 'ILLEGAL_TRANSITION', 'answered once');

    // 新城区 finds the corrected version in its inbox; its link names its own return only.
    const inbox = (await gql('xc.clerk', `{ inbox(filter: {search: "${title}"}) { nodes { id documentId status } } }`)).data?.inbox.nodes;
    assert.ok(inbox.some((n: { documentId: string; status: string }) => n.documentId === correction.id && n.status === 'DELIVERED'));
    const seen = (await gql('xc.clerk', 'query($id: ID!) { document(id: $id) { correctionOf { returns { recipientName reason } } } }', { id: correction.id }))
      .data?.document.correctionOf;
    assert.deepEqual(seen.returns, [{ recipientName: '西安市新城区人民政府', reason: 'WRONG_FORMAT' }]);
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
    // With its result, which the sender reads beside the state; a result of 600 characters is refused naming it.
    const long = await gql('xc.clerk', 'mutation($id: ID!, $r: String) { closeDelivery(id: $id, result: $r) { status } }', {
      id: delivery,
      r: '长'.repeat(600),
    });
    assert.deepEqual([codeOf(long), long.errors?.[0]?.extensions?.field], ['BAD_INPUT', 'result']);
    const closed = await gql('xc.clerk', 'mutation($id: ID!) { closeDelivery(id: $id, result: "已传达至各科室。") { status } }', { id: delivery });
    assert.equal(closed.data?.closeDelivery.status, 'CLOSED');
    const seen = (await gql('xa.clerk', `query($id: ID!) { delivery(id: $id) { ${D} } }`, { id: delivery })).data?.delivery;
    assert.equal(seen.stateNote, '办理结果：已传达至各科室。');
    const history = (await gql('xa.clerk', `query($id: ID!) { delivery(id: $id) { ${D} } }`, { id: delivery })).data?.delivery.history;
    assert.deepEqual(
      history.map((h: { action: string; toStatus: string; actorName: string }) => [h.action, h.toStatus, h.actorName]),
      [
        ['RECEIVE', 'RECEIVED', '王秀兰'],
        ['SIGN', 'SIGNED', '王秀兰'],
        ['CLOSE', 'CLOSED', '王秀兰'],
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
