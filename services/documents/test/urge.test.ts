// 催办 of deliveries (issue 16): the sender urges a unit that has not signed for its document, in-app and by SMS to
// the unit's registered contacts (org's contact register, read through org's contract) through the alert dispatcher
// (here a local SMS gateway); the 催办 is in the board (who, when, channels, each SMS's outcome, what the unit did) and
// in the delivery's history. Refused with a stable code when there is nothing to urge, too soon, or not the caller's.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { test } from 'node:test';
import { codeOf, eventually, type Platform } from '../../../test/support/harness.ts';
import { textingPlatform } from '../../../test/support/sms-gateway.ts';

let p: Platform;
const sms = textingPlatform((platform) => (p = platform));

const gql = async (user: string, q: string, v: Record<string, unknown> = {}) => p.gql(q, v, await p.login(user));

const BOARD = `query($id: ID!) { document(id: $id) { deliveries { id recipientName status
  recipientContacts { name post phone mobile }
  urges { byName at channels note answer sms { name status } }
  history { action actorName note } } } }`;

test('the sender urges a unit by SMS and in-app; the board and the history show it; what cannot be urged is refused', async () => {
  const [xincheng, beilin] = [await p.orgId('610102'), await p.orgId('610103')];
  const created = await gql('xa.drafter', 'mutation($in: DraftInput!) { createDraft(input: $in) { id } }', {
    in: { docType: '通知', title: '催办测试通知', body: '正文', docPrefix: '市政发', recipients: [{ orgIds: [xincheng, beilin] }] },
  });
  const doc = created.data?.createDraft.id;
  await gql('xa.drafter', 'mutation($id: ID!) { submitForApproval(id: $id) { id } }', { id: doc });
  await gql('xa.leader', 'mutation($id: ID!) { approveDocument(id: $id) { id } }', { id: doc });
  await gql('xa.leader', 'mutation($id: ID!) { approveDocument(id: $id) { id } }', { id: doc });
  const sent = await gql('xa.clerk', 'mutation($id: ID!, $k: String!) { sendDocument(id: $id, sendKey: $k) { docNumber } }', { id: doc, k: randomUUID() });
  assert.equal(sent.errors, undefined, JSON.stringify(sent.errors));

  const board = async () => (await gql('xa.clerk', BOARD, { id: doc })).data?.document.deliveries as any[];
  const before = await board();
  const xc = before.find((d) => d.recipientName === '西安市新城区人民政府');
  const bl = before.find((d) => d.recipientName === '西安市碑林区人民政府');
  assert.equal(xc.recipientContacts.length, 1, 'the board shows 新城区’s registered contact');
  assert.equal(xc.recipientContacts[0].name, '王秀兰');
  assert.equal(xc.recipientContacts[0].post, '办公室文电科');
  assert.match(xc.recipientContacts[0].phone, /^029-8\d{7}$/);
  assert.match(xc.recipientContacts[0].mobile, /^139\d{8}$/);
  assert.deepEqual(xc.urges, []);

  // One click: 新城区 is urged.
  const urged = await gql(
    'xa.clerk',
    'mutation($ids: [ID!]!, $n: String) { urgeDeliveries(ids: $ids, note: $n) { deliveryId recipientName byName channels note sms { name status } answer } }',
    { ids: [xc.id], n: '请于今日下班前签收' },
  );
  assert.equal(urged.errors, undefined, JSON.stringify(urged.errors));
  const u = urged.data?.urgeDeliveries[0];
  assert.equal(u.recipientName, '西安市新城区人民政府');
  assert.equal(u.byName, '马晓燕');
  assert.deepEqual(u.channels, ['IN_APP', 'SMS']);
  assert.equal(u.note, '站内通知、短信（王秀兰）：请于今日下班前签收');
  assert.equal(u.answer, 'NONE');

  // The SMS goes out through the alert dispatcher to the contact's mobile, and its outcome reaches the board.
  const texts = await eventually(
    async () => sms.filter((m) => m.text.includes('催办测试通知')),
    (l) => l.length > 0,
  );
  assert.equal(texts.length, 1);
  assert.equal(texts[0]?.mobile, xc.recipientContacts[0].mobile);
  assert.match(
    texts[0]?.text ?? '',
    /^【驿站】催办：西安市人民政府《催办测试通知》（市政发〔\d{4}〕\d+号）你单位尚未签收，请于今日下班前签收。西安市人民政府 马晓燕$/,
  );
  const shown = await eventually(board, (l) => l.find((d) => d.id === xc.id).urges[0]?.sms[0]?.status === 'SENT');
  const row = shown.find((d) => d.id === xc.id);
  assert.deepEqual(row.urges[0].sms, [{ name: '王秀兰', status: 'SENT' }]);
  assert.deepEqual(
    row.history.filter((h: { action: string }) => h.action === 'URGE'),
    [{ action: 'URGE', actorName: '马晓燕', note: '站内通知、短信（王秀兰）：请于今日下班前签收' }],
    'the 催办 is a step of the delivery’s history',
  );
  assert.deepEqual(shown.find((d) => d.id === bl.id).urges, [], '碑林区 was not urged');

  // 新城区 reads it in its notifications; 碑林区 has none.
  const notes = (await gql('xc.clerk', '{ notifications { text kind words { byName note } } }')).data?.notifications as {
    text: string;
    kind: string;
    words: unknown;
  }[];
  const urgedNote = notes.find((n) => n.text.startsWith('【驿站】催办：西安市人民政府《催办测试通知》'));
  assert.deepEqual([urgedNote?.kind, urgedNote?.words], ['URGED', { byName: '马晓燕', note: '请于今日下班前签收' }]);
  assert.ok(!((await gql('bl.clerk', '{ notifications { text } }')).data?.notifications as { text: string }[]).some((n) => n.text.includes('催办测试通知')));

  // Again at once: too soon. Not the sender's, nor above the unit: refused. Signed for: nothing to urge.
  const urge = (user: string, ids: string[], note?: string) =>
    gql(user, 'mutation($ids: [ID!]!, $n: String) { urgeDeliveries(ids: $ids, note: $n) { deliveryId } }', { ids, n: note });
  assert.equal(codeOf(await urge('xa.clerk', [xc.id, bl.id])), 'URGED_RECENTLY', 'all or nothing: 碑林区 is not urged either');
  assert.deepEqual((await board()).find((d) => d.id === bl.id).urges, []);
  assert.equal(codeOf(await urge('bl.clerk', [xc.id])), 'NOT_FOUND', '碑林区 does not see 新城区’s delivery');
  assert.equal(codeOf(await urge('bj.admin', [xc.id])), 'NOT_FOUND', 'another city does not see it');
  assert.equal(codeOf(await urge('xc.clerk', [xc.id])), 'FORBIDDEN', 'the recipient does not urge itself');
  assert.equal(codeOf(await urge('xa.clerk', [])), 'BAD_INPUT');
  assert.equal(codeOf(await urge('xa.clerk', [bl.id], '催'.repeat(201))), 'BAD_INPUT');
  assert.equal(codeOf(await urge('xa.clerk', ['not-an-id'])), 'NOT_FOUND');
  await gql('xc.clerk', 'mutation($id: ID!) { signForDelivery(id: $id) { id } }', { id: xc.id });
  const answered = (await board()).find((d) => d.id === xc.id);
  assert.equal(answered.urges[0].answer, 'SIGNED', 'the board shows that 新城区 signed for it after the 催办');
  assert.equal(codeOf(await urge('xa.clerk', [xc.id])), 'NOTHING_TO_URGE');

  // The province's supervisor urges 碑林区 (below it) in 督办: the overdue list carries the contacts and the urges.
  const sup = await urge('sx.admin', [bl.id]);
  assert.equal(sup.errors, undefined, JSON.stringify(sup.errors));
  const last = (await board()).find((d) => d.id === bl.id).urges[0];
  assert.equal(last.byName, '赵建国');
  assert.deepEqual(last.channels, ['IN_APP', 'SMS']);
  const provinceSms = await eventually(
    async () => sms.filter((m) => m.text.includes('催办测试通知') && m.text.endsWith(' 赵建国') && !m.text.endsWith('西安市人民政府 赵建国')),
    (l) => l.length > 0,
  );
  assert.equal(provinceSms.length, 1, 'the words name the supervising unit');
});

test('the provincial office, beside the cities and not above the counties, reads a county’s contacts on its board and texts them when it urges', async () => {
  const xincheng = await p.orgId('610102');
  const created = await gql('sxb.drafter', 'mutation($in: DraftInput!) { createDraft(input: $in) { id } }', {
    in: { docType: '通知', title: '省办催办测试', body: '正文', docPrefix: '陕政办发', recipients: [{ orgIds: [xincheng] }] },
  });
  const doc = created.data?.createDraft.id;
  await gql('sxb.drafter', 'mutation($id: ID!) { submitForApproval(id: $id) { id } }', { id: doc });
  for (const who of ['sxb.approver', 'sxb.leader']) await gql(who, 'mutation($id: ID!) { approveDocument(id: $id) { id } }', { id: doc });
  const sent = await gql('sxb.clerk', 'mutation($id: ID!, $k: String!) { sendDocument(id: $id, sendKey: $k) { status } }', { id: doc, k: randomUUID() });
  assert.equal(sent.data?.sendDocument.status, 'SENT', JSON.stringify(sent.errors));

  const [row] = (await gql('sxb.clerk', BOARD, { id: doc })).data?.document.deliveries as any[];
  assert.deepEqual(
    row.recipientContacts.map((c: { name: string; post: string }) => [c.name, c.post]),
    [['王秀兰', '办公室文电科']],
    'the sender sees who to telephone at the unit it sent to',
  );
  // Its own directory of contacts stays its own: org's `contacts` still answers only the office's subtree.
  const directory = await gql('sxb.clerk', 'query($id: ID!) { contacts(orgId: $id) { name } }', { id: xincheng });
  assert.deepEqual(directory.data?.contacts, [], JSON.stringify(directory.errors));

  const urged = await gql('sxb.clerk', 'mutation($ids: [ID!]!) { urgeDeliveries(ids: $ids) { channels note } }', { ids: [row.id] });
  assert.equal(urged.errors, undefined, JSON.stringify(urged.errors));
  assert.deepEqual(urged.data?.urgeDeliveries[0].channels, ['IN_APP', 'SMS']);
  assert.match(urged.data?.urgeDeliveries[0].note, /^站内通知、短信（王秀兰）/);
  const texts = await eventually(
    async () => sms.filter((m) => m.text.includes('省办催办测试')),
    (l) => l.length > 0,
  );
  assert.deepEqual(
    texts.map((m) => m.mobile),
    [row.recipientContacts[0].mobile],
  );
  assert.match(texts[0]?.text ?? '', /^【驿站】催办：陕西省人民政府办公厅《省办催办测试》/);
});

test('电话催办: the call the sender made is recorded as a 催办 — who, which number, what was said — sending nothing and holding up no SMS', async () => {
  const beilin = await p.orgId('610103');
  const created = await gql('xa.drafter', 'mutation($in: DraftInput!) { createDraft(input: $in) { id } }', {
    in: { docType: '通知', title: '电话催办测试通知', body: '正文', docPrefix: '市政发', recipients: [{ orgIds: [beilin] }] },
  });
  const doc = created.data?.createDraft.id;
  await gql('xa.drafter', 'mutation($id: ID!) { submitForApproval(id: $id) { id } }', { id: doc });
  await gql('xa.leader', 'mutation($id: ID!) { approveDocument(id: $id) { id } }', { id: doc });
  await gql('xa.leader', 'mutation($id: ID!) { approveDocument(id: $id) { id } }', { id: doc });
  await gql('xa.clerk', 'mutation($id: ID!, $k: String!) { sendDocument(id: $id, sendKey: $k) { id } }', { id: doc, k: randomUUID() });
  const bl = ((await gql('xa.clerk', BOARD, { id: doc })).data?.document.deliveries as any[])[0];
  const PHONE = `mutation($d: ID!, $n: String!, $p: String, $w: String) {
    recordPhoneUrge(deliveryId: $d, calledName: $n, phone: $p, note: $w) { deliveryId recipientName byName channels note answer sms { name } } }`;
  const called = await gql('xa.clerk', PHONE, { d: bl.id, n: '宋佳', p: '029-87654321', w: '已电话通知，答复半小时内签收' });
  assert.equal(called.errors, undefined, JSON.stringify(called.errors));
  assert.deepEqual(called.data?.recordPhoneUrge, {
    deliveryId: bl.id,
    recipientName: '西安市碑林区人民政府',
    byName: '马晓燕',
    channels: ['PHONE'],
    note: '电话（宋佳，029-87654321）：已电话通知，答复半小时内签收',
    answer: 'NONE',
    sms: [],
  });
  // Nothing sent: no alert queued, no notice in 碑林区's notifications.
  assert.equal(await p.superCount('select count(*) as n from documents.alerts where delivery_id = $1', [bl.id]), 0);
  assert.ok(
    !((await gql('bl.clerk', '{ notifications { text } }')).data?.notifications as { text: string }[]).some((n) => n.text.includes('电话催办测试通知')),
  );
  // Not an SMS urge: the one-click 催办 goes out at once after it, and a call may be recorded right after that.
  const sms = await gql('xa.clerk', 'mutation($ids: [ID!]!) { urgeDeliveries(ids: $ids) { channels } }', { ids: [bl.id] });
  assert.deepEqual(sms.data?.urgeDeliveries, [{ channels: ['IN_APP', 'SMS'] }], JSON.stringify(sms.errors));
  const again = await gql('xa.clerk', PHONE, { d: bl.id, n: '宋佳', p: null, w: null });
  assert.equal(again.data?.recordPhoneUrge.note, '电话（宋佳）');
  const row = ((await gql('xa.clerk', BOARD, { id: doc })).data?.document.deliveries as any[])[0];
  assert.deepEqual(
    row.urges.map((u: { channels: string[] }) => u.channels.join('+')),
    ['PHONE', 'IN_APP+SMS', 'PHONE'],
  );
  assert.deepEqual(
    row.history.filter((h: { action: string }) => h.action === 'URGE').map((h: { note: string }) => h.note)[0],
    '电话（宋佳，029-87654321）：已电话通知，答复半小时内签收',
  );

  // Refusals name the field and change nothing; another unit, the recipient itself; nothing to urge once signed for.
  const urgesNow = () => p.superCount("select count(*) as n from documents.delivery_history where delivery_id = $1 and action = 'URGE'", [bl.id]);
  const count = await urgesNow();
  for (const [v, field] of [
    [{ n: '  ' }, 'calledName'],
    [{ n: '宋'.repeat(51) }, 'calledName'],
    [{ n: '宋佳', p: 'call me' }, 'phone'],
    [{ n: '宋佳', w: '催'.repeat(201) }, 'note'],
  ] as const) {
    const r = await gql('xa.clerk', PHONE, { d: bl.id, ...v });
    assert.equal(codeOf(r), 'BAD_INPUT', field);
    assert.equal(r.errors?.[0]?.extensions?.field, field);
  }
  assert.equal(codeOf(await gql('bl.clerk', PHONE, { d: bl.id, n: '马晓燕' })), 'FORBIDDEN', 'the recipient does not urge itself');
  assert.equal(codeOf(await gql('bj.admin', PHONE, { d: bl.id, n: '宋佳' })), 'NOT_FOUND', 'another city does not see it');
  assert.equal(codeOf(await gql('xa.clerk', PHONE, { d: 'nope', n: '宋佳' })), 'NOT_FOUND');
  assert.equal(await urgesNow(), count);
  await gql('bl.clerk', 'mutation($id: ID!) { signForDelivery(id: $id) { id } }', { id: bl.id });
  assert.equal(codeOf(await gql('xa.clerk', PHONE, { d: bl.id, n: '宋佳' })), 'NOTHING_TO_URGE');
});
