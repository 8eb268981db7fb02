// A recipient unit closes (seed 003 §9): 西安市 sent documents to 新城区, which is then merged into 碑林区, and to 莲湖区,
// which is dissolved. What each had not signed for is withdrawn by the platform, named as such on the sender's board
// (收文单位已并入 碑林区…, 收文单位已撤销 with the reason) and in the delivery's history (驿站平台); what 新城区 had
// still to sign for goes on to 碑林区, whose clerk signs for it, unless 碑林区 holds the document already; what it had
// returned is only withdrawn; what it had signed for and not finished goes on to 碑林区 to handle, its own delivery
// staying signed for; what it had finished (办结) stays as it was.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, test } from 'node:test';
import { asDemoUsers, eventually, ok, type Platform, startPlatform } from '../../../test/support/harness.ts';

let p: Platform;
const ids: Record<string, string> = {};
const { gql } = asDemoUsers(() => p);

before(async () => {
  p = await startPlatform({ services: ['documents'] });
  for (const [k, code] of Object.entries({ xian: '610100', xincheng: '610102', beilin: '610103', lianhu: '610104' })) ids[k] = await p.orgId(code);
});
after(() => p?.close());

/** 西安市 sends a notice to the units named; answers the document and its delivery to each, by unit. */
async function send(title: string, to: string[]): Promise<{ doc: string; delivery: Record<string, string> }> {
  const doc = ok<{ id: string }>(
    await gql('xa.drafter', 'mutation($in: DraftInput!) { createDraft(input: $in) { id } }', {
      in: { docType: '通知', title, body: `<p>${title}</p>`, docPrefix: '市政发', recipients: [{ orgIds: to }] },
    }),
    'createDraft',
  ).id;
  ok(await gql('xa.drafter', 'mutation($id: ID!) { submitForApproval(id: $id) { id } }', { id: doc }), 'submitForApproval');
  ok(await gql('xa.leader', 'mutation($id: ID!) { approveDocument(id: $id) { id } }', { id: doc }), 'approveDocument');
  ok(await gql('xa.leader', 'mutation($id: ID!) { approveDocument(id: $id) { id } }', { id: doc }), 'approveDocument');
  ok(await gql('xa.clerk', 'mutation($id: ID!, $k: String!) { sendDocument(id: $id, sendKey: $k) { status } }', { id: doc, k: randomUUID() }), 'sendDocument');
  const rows = ok<{ deliveries: { id: string; recipientOrgId: string }[] }>(
    await gql('xa.clerk', 'query($id: ID!) { document(id: $id) { deliveries { id recipientOrgId } } }', { id: doc }),
    'document',
  ).deliveries;
  return { doc, delivery: Object.fromEntries(rows.map((r) => [r.recipientOrgId, r.id])) };
}

type Row = { id: string; recipientName: string; status: string; stateReason: string | null; stateNote: string | null; parentDeliveryId: string | null };
const board = async (doc: string) =>
  ok<{ deliveries: Row[] }>(
    await gql('xa.clerk', 'query($id: ID!) { document(id: $id) { deliveries { id recipientName status stateReason stateNote parentDeliveryId } } }', {
      id: doc,
    }),
    'document',
  ).deliveries;

test('a merged unit’s pending deliveries go on to the unit it joined; a dissolved unit’s are withdrawn; the board and history say why', async () => {
  const both = await send('关于撤并测试的通知（两区）', [ids.xincheng as string, ids.beilin as string]);
  const pending = await send('关于撤并测试的通知（待签收）', [ids.xincheng as string]);
  const signed = await send('关于撤并测试的通知（已签收）', [ids.xincheng as string]);
  const returned = await send('关于撤并测试的通知（已退回）', [ids.xincheng as string]);
  const finished = await send('关于撤并测试的通知（已办结）', [ids.xincheng as string]);
  for (const step of ['signForDelivery', 'closeDelivery'])
    ok(await gql('xc.clerk', `mutation($id: ID!) { ${step}(id: $id) { id } }`, { id: finished.delivery[ids.xincheng as string] }), step);
  const lianhu = await send('关于撤并测试的通知（莲湖）', [ids.lianhu as string]);
  ok(await gql('xc.clerk', 'mutation($id: ID!) { openDelivery(id: $id) { id } }', { id: pending.delivery[ids.xincheng as string] }), 'openDelivery');
  ok(await gql('xc.clerk', 'mutation($id: ID!) { signForDelivery(id: $id) { id } }', { id: signed.delivery[ids.xincheng as string] }), 'signForDelivery');
  // What it signed for is in its handling: instructed to 综合科 with a deadline a reminder would come before.
  const sections = ok<{ id: string; name: string }[]>(await gql('xc.admin', '{ sections { id name } }'), 'sections');
  const lead = sections.find((x) => x.name === '综合科')?.id as string;
  const handled = signed.delivery[ids.xincheng as string] as string;
  ok(
    await gql('xc.clerk', 'mutation($id: ID!) { proposeHandling(deliveryId: $id, proposal: "拟请综合科办理") { status } }', { id: handled }),
    'proposeHandling',
  );
  ok(
    await gql('xc.leader', 'mutation($id: ID!, $in: HandlingInstructionInput!) { instructHandling(deliveryId: $id, input: $in) { status } }', {
      id: handled,
      in: { instruction: '请综合科办理', leadSectionId: lead, deadline: new Date(Date.now() + 3_600_000).toISOString() },
    }),
    'instructHandling',
  );
  ok(
    await gql('xc.clerk', 'mutation($id: ID!) { returnDelivery(id: $id, reason: NOT_OURS, note: "请改发碑林区") { id } }', {
      id: returned.delivery[ids.xincheng as string],
    }),
    'returnDelivery',
  );

  const urgedBefore = await p.superCount("select count(*) as n from documents.handling_history where delivery_id = $1 and action = 'URGE'", [
    signed.delivery[ids.xincheng as string],
  ]);
  // 新城区 is merged into 碑林区.
  const beilinName = ok<{ name: string }>(await gql('xa.admin', 'query($id: ID!) { org(id: $id) { name } }', { id: ids.beilin }), 'org').name;
  ok(
    await gql('xa.admin', 'mutation($in: MergeOrgsInput!) { mergeOrgs(input: $in) { id } }', {
      in: { survivorId: ids.beilin, absorbedIds: [ids.xincheng], reason: '区划调整' },
    }),
    'mergeOrgs',
  );
  const settled = await eventually(
    () => board(pending.doc),
    (rows) => rows.some((r) => r.status === 'RECALLED'),
    p.drainDocumentsOrgEvents,
  );
  // Still to sign for: withdrawn, named for the unit it joined, and delivered there instead, linked to the old.
  const old = settled.find((r) => r.status === 'RECALLED') as Row;
  assert.deepEqual([old.stateReason, old.stateNote], ['UNIT_MERGED', beilinName]);
  const handedOn = settled.find((r) => r.status === 'DELIVERED') as Row;
  assert.ok(handedOn, JSON.stringify(settled));
  assert.deepEqual([handedOn.recipientName, handedOn.parentDeliveryId], [beilinName, old.id]);
  assert.equal(settled.length, 2);

  // 碑林区 held the first already: withdrawn for 新城区, not delivered to 碑林区 twice.
  const twice = await board(both.doc);
  assert.deepEqual(twice.map((r) => [r.recipientName === beilinName, r.status, r.stateReason]).sort(), [
    [false, 'RECALLED', 'UNIT_MERGED'],
    [true, 'DELIVERED', null],
  ]);
  // Its handling's deadline reminders are stopped: no SMS to the duty mobile of a section of a unit that is gone (the
  // reminder at the deadline, an hour away, is marked as if sent: only the closing does that before the deadline).
  await p.remindHandling();
  assert.equal(
    await p.superCount("select count(*) as n from documents.handling_history where delivery_id = $1 and action = 'URGE'", [handled]),
    urgedBefore,
    'no reminder after the unit closed',
  );
  assert.equal(await p.superCount('select count(*) as n from documents.handling_tasks where delivery_id = $1 and reminded_due_at is null', [handled]), 0);
  // Signed for and in hand: its delivery stays signed for, and the work goes on to 碑林区, linked, its history saying so.
  // Finished: as it was. Returned: withdrawn, not handed on (the sender decides).
  const inHand = await board(signed.doc);
  assert.deepEqual(inHand.map((r) => [r.status, r.recipientName === beilinName, r.parentDeliveryId]).sort(), [
    ['DELIVERED', true, handled],
    ['SIGNED', false, null],
  ]);
  const handedOnHistory = ok<{ history: { action: string; actorName: string; reason: string | null; note: string | null; toStatus: string }[] }>(
    await gql('xa.clerk', 'query($id: ID!) { delivery(id: $id) { history { action actorName reason note toStatus } } }', { id: handled }),
    'delivery',
  ).history;
  assert.deepEqual(handedOnHistory.at(-1), { action: 'HANDED_ON', actorName: '驿站平台', reason: 'UNIT_MERGED', note: beilinName, toStatus: 'SIGNED' });
  assert.deepEqual(
    (await board(finished.doc)).map((r) => r.status),
    ['CLOSED'],
  );
  assert.deepEqual(
    (await board(returned.doc)).map((r) => [r.status, r.stateReason]),
    [['RECALLED', 'UNIT_MERGED']],
  );

  // The history names the platform, not a person.
  const history = ok<{ history: { action: string; actorName: string; reason: string | null; note: string | null; toStatus: string }[] }>(
    await gql('xa.clerk', 'query($id: ID!) { delivery(id: $id) { history { action actorName reason note toStatus } } }', { id: old.id }),
    'delivery',
  ).history;
  assert.deepEqual(history.at(-1), { action: 'UNIT_CLOSED', actorName: '驿站平台', reason: 'UNIT_MERGED', note: beilinName, toStatus: 'RECALLED' });

  // 碑林区's clerk finds it in the inbox and signs for it.
  const inbox = ok<{ nodes: { id: string }[] }>(await gql('bl.clerk', '{ inbox(filter: {search: "关于撤并测试的通知（待签收）"}) { nodes { id } } }'), 'inbox');
  assert.deepEqual(
    inbox.nodes.map((n) => n.id),
    [handedOn.id],
  );
  assert.equal(
    ok<{ status: string }>(await gql('bl.clerk', 'mutation($id: ID!) { signForDelivery(id: $id) { status } }', { id: handedOn.id }), 'signForDelivery').status,
    'SIGNED',
  );

  // 莲湖区 is dissolved: its delivery withdrawn with the reason given, handed to no one.
  ok(await gql('xa.admin', 'mutation($id: ID!) { dissolveOrg(id: $id, reason: "撤销建制") { status } }', { id: ids.lianhu }), 'dissolveOrg');
  const gone = await eventually(
    () => board(lianhu.doc),
    (rows) => rows.every((r) => r.status === 'RECALLED'),
    p.drainDocumentsOrgEvents,
  );
  assert.deepEqual(
    gone.map((r) => [r.status, r.stateReason, r.stateNote]),
    [['RECALLED', 'UNIT_DISSOLVED', '撤销建制']],
  );
  // No longer waiting: the document's figures count no unit still to sign.
  const stats = ok<{ deliveryStats: { pending: number; total: number } }>(
    await gql('xa.clerk', 'query($id: ID!) { document(id: $id) { deliveryStats { pending total } } }', { id: lianhu.doc }),
    'document',
  ).deliveryStats;
  assert.deepEqual(stats, { pending: 0, total: 0 });
});
