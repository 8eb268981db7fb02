// 自动催办 (issue 16): escalation rules per unit, as data. The demo province's default (at the due time its units'
// contacts by SMS and in-app, two hours later their leaders) is inherited by every unit below it; 新城区's administrator
// sets its own (contacts at the due time, leaders an hour later, in-app), clears them to inherit again, and is refused
// rules that make no sense, changing nothing. The job takes each step once per delivery not yet signed for, at its
// time, as a 催办 in the board and the delivery's history marked 自动催办 with the step, by SMS through the alert
// dispatcher; a signed delivery gets none, and running it again does nothing more.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { test } from 'node:test';
import { codeOf, eventually, type Platform } from '../../../test/support/harness.ts';
import { textingPlatform } from '../../../test/support/sms-gateway.ts';

let p: Platform;
const sms = textingPlatform((platform) => (p = platform));

const gql = async (user: string, q: string, v: Record<string, unknown> = {}) => p.gql(q, v, await p.login(user));

const RULES = 'query($o: ID) { escalationRules(orgId: $o) { orgName own sourceOrgName steps { afterMinutes to channels } } }';
const SET =
  'mutation($o: ID!, $s: [EscalationStepInput!]) { setEscalationRules(orgId: $o, steps: $s) { own sourceOrgName steps { afterMinutes to channels } } }';
const BOARD = `query($id: ID!) { document(id: $id) { deliveries { id recipientName status
  urges { byName automatic channels note sms { name status } }
  history { action actorName note } } } }`;

const OWN = [
  { afterMinutes: 0, to: 'CONTACTS', channels: ['SMS', 'IN_APP'] },
  { afterMinutes: 60, to: 'LEADERS', channels: ['IN_APP'] },
];

test('rules as data: inherited from the province, set by the unit’s administrator, refused when wrong, cleared to inherit', async () => {
  const xincheng = await p.orgId('610102');
  const inherited = await gql('xc.clerk', RULES);
  assert.equal(inherited.errors, undefined, JSON.stringify(inherited.errors));
  assert.deepEqual(inherited.data?.escalationRules, {
    orgName: '西安市新城区人民政府',
    own: false,
    sourceOrgName: '陕西省人民政府',
    steps: [
      { afterMinutes: 0, to: 'CONTACTS', channels: ['IN_APP', 'SMS'] },
      { afterMinutes: 120, to: 'LEADERS', channels: ['IN_APP', 'SMS'] },
    ],
  });
  const bad = async (steps: unknown, field = 'steps') => {
    const r = await gql('xc.admin', SET, { o: xincheng, s: steps });
    assert.equal(codeOf(r), 'BAD_INPUT', JSON.stringify(steps));
    assert.equal(r.errors?.[0]?.extensions?.field, field);
  };
  await bad([]);
  await bad([{ afterMinutes: -1, to: 'CONTACTS', channels: ['SMS'] }]);
  await bad([
    { afterMinutes: 60, to: 'CONTACTS', channels: ['SMS'] },
    { afterMinutes: 30, to: 'LEADERS', channels: ['SMS'] },
  ]);
  await bad([{ afterMinutes: 0, to: 'EVERYONE', channels: ['SMS'] }]);
  await bad([{ afterMinutes: 0, to: 'CONTACTS', channels: ['FAX'] }]);
  await bad([{ afterMinutes: 0, to: 'CONTACTS', channels: [] }]);
  assert.equal((await gql('xc.clerk', RULES)).data?.escalationRules.own, false, 'nothing changed');

  const set = await gql('xc.admin', SET, { o: xincheng, s: OWN });
  assert.equal(set.errors, undefined, JSON.stringify(set.errors));
  assert.deepEqual(set.data?.setEscalationRules, {
    own: true,
    sourceOrgName: '西安市新城区人民政府',
    steps: [
      { afterMinutes: 0, to: 'CONTACTS', channels: ['IN_APP', 'SMS'] },
      { afterMinutes: 60, to: 'LEADERS', channels: ['IN_APP'] },
    ],
  });
  // The city above sees them; 碑林区 (a sibling) still inherits the province's.
  assert.equal((await gql('xa.admin', RULES, { o: xincheng })).data?.escalationRules.own, true);
  assert.equal((await gql('bl.admin', RULES)).data?.escalationRules.sourceOrgName, '陕西省人民政府');

  const cleared = await gql('xc.admin', SET, { o: xincheng, s: null });
  assert.equal(cleared.data?.setEscalationRules.own, false, JSON.stringify(cleared.errors));
  assert.equal(cleared.data?.setEscalationRules.sourceOrgName, '陕西省人民政府');
  assert.equal((await gql('xc.admin', SET, { o: xincheng, s: OWN })).data?.setEscalationRules.own, true);
});

test('the job urges a late unit by its rules: its contacts at the due time, its leaders later, once each; never a signed delivery', async () => {
  const [xincheng, beilin] = [await p.orgId('610102'), await p.orgId('610103')];
  // 新城区's own rules (the test above) reach documents.
  await eventually(
    () => p.superCount('select count(*) as n from documents.escalation_reach where org_id = $1 and steps @> \'[{"afterMinutes": 60}]\'', [xincheng]),
    (n) => n === 1,
    () => p.drainDocumentsOrgEvents(),
  );
  const created = await gql('xa.drafter', 'mutation($in: DraftInput!) { createDraft(input: $in) { id } }', {
    in: { docType: '通知', title: '自动催办测试通知', body: '正文', docPrefix: '市政发', recipients: [{ orgIds: [xincheng, beilin] }] },
  });
  const doc = created.data?.createDraft.id;
  await gql('xa.drafter', 'mutation($id: ID!) { submitForApproval(id: $id) { id } }', { id: doc });
  await gql('xa.leader', 'mutation($id: ID!) { approveDocument(id: $id) { id } }', { id: doc });
  await gql('xa.leader', 'mutation($id: ID!) { approveDocument(id: $id) { id } }', { id: doc });
  const sent = await gql('xa.clerk', 'mutation($id: ID!, $k: String!) { sendDocument(id: $id, sendKey: $k) { docNumber } }', { id: doc, k: randomUUID() });
  assert.equal(sent.errors, undefined, JSON.stringify(sent.errors));
  const board = async () => (await gql('xa.clerk', BOARD, { id: doc })).data?.document.deliveries as any[];
  const first = await board();
  const xc = first.find((d) => d.recipientName === '西安市新城区人民政府');
  const bl = first.find((d) => d.recipientName === '西安市碑林区人民政府');

  // Both pass their due time; 碑林区 signs for its copy first.
  const [moved] = await p.superQuery<{ due: Date }>(
    "update documents.deliveries set due_at = date_trunc('second', now()) - interval '1 minute' where document_id = $1 returning due_at as due",
    [doc],
  );
  assert.ok((await p.markOverdue()) >= 2, 'both are overdue');
  assert.equal((await gql('bl.clerk', 'mutation($id: ID!) { signForDelivery(id: $id) { id } }', { id: bl.id })).errors, undefined);
  const due = new Date(moved?.due ?? Number.NaN);
  const at = (minutes: number) => new Date(due.getTime() + minutes * 60_000);

  assert.equal(await p.escalate(at(-1)), 0, 'nothing before the due time');
  assert.equal(await p.escalate(at(0)), 1, 'at the due time: 新城区’s contacts');
  assert.equal(await p.escalate(at(0)), 0, 'once');
  assert.equal(await p.escalate(at(59)), 0, 'the leaders’ step is not due yet');

  const texts = await eventually(
    async () => sms.filter((m) => m.text.includes('自动催办测试通知')),
    (l) => l.length > 0,
  );
  assert.equal(texts.length, 1);
  assert.match(texts[0]?.mobile ?? '', /^139\d{8}$/);
  assert.match(texts[0]?.text ?? '', /^【驿站】自动催办：西安市人民政府《自动催办测试通知》（市政发〔\d{4}〕\d+号）到期时你单位尚未签收，请尽快接收并签收。$/);
  const shown = await eventually(board, (l) => l.find((d) => d.id === xc.id).urges[0]?.sms[0]?.status === 'SENT');
  const row = shown.find((d) => d.id === xc.id);
  assert.deepEqual(row.urges, [
    {
      byName: '自动催办',
      automatic: true,
      channels: ['IN_APP', 'SMS'],
      note: '自动催办（第1步·到期时·单位联系人）：王秀兰；站内通知、短信（王秀兰）',
      sms: [{ name: '王秀兰', status: 'SENT' }],
    },
  ]);
  assert.deepEqual(
    row.history.filter((h: { action: string }) => h.action === 'URGE'),
    [{ action: 'URGE', actorName: '自动催办', note: '自动催办（第1步·到期时·单位联系人）：王秀兰；站内通知、短信（王秀兰）' }],
  );
  const notes = (await gql('xc.clerk', '{ notifications { text } }')).data?.notifications as { text: string }[];
  assert.ok(notes.some((n) => n.text.startsWith('【驿站】自动催办：西安市人民政府《自动催办测试通知》')));

  // An hour after the due time: 新城区's leaders, in-app (no SMS); then nothing more, however often it runs.
  assert.equal(await p.escalate(at(60)), 1, 'the leaders’ step');
  assert.equal(await p.escalate(at(60)), 0);
  assert.equal(await p.escalate(at(24 * 60)), 0, 'every step taken');
  const later = (await board()).find((d) => d.id === xc.id);
  assert.equal(later.urges.length, 2);
  assert.equal(later.urges[1].automatic, true);
  assert.equal(later.urges[1].note, '自动催办（第2步·到期后1小时·单位领导）：罗文彬；站内通知');
  assert.deepEqual(later.urges[1].sms, []);
  const leaderNotes = (await gql('xc.clerk', '{ notifications { text kind words { senderName title afterMinutes to names } } }')).data?.notifications as {
    text: string;
    kind: string;
    words: unknown;
  }[];
  const leaderNote = leaderNotes.find((n) => n.text.includes('到期后1小时你单位尚未签收，请罗文彬督促及时签收'));
  // Its words too, for a reader in English.
  assert.deepEqual(leaderNote && { kind: leaderNote.kind, words: leaderNote.words }, {
    kind: 'AUTO_URGED',
    words: { senderName: '西安市人民政府', title: '自动催办测试通知', afterMinutes: 60, to: 'LEADERS', names: ['罗文彬'] },
  });
  assert.equal(sms.filter((m) => m.text.includes('自动催办测试通知')).length, 1, 'the in-app step sent no SMS');
  // Each step announced as a manual 催办 is, so 新城区's inbox shows its notice live.
  assert.equal(
    await p.superCount(
      "select count(*) as n from documents.outbox where type = 'delivery.urge' and payload->>'deliveryId' = $1 and payload->>'by' = '自动催办'",
      [xc.id],
    ),
    2,
  );

  // Another replica (or a restart) taking a step already taken adds nothing: the delivery and step are unique.
  const [again] = await p.superQuery<{ ok: boolean }>(
    "select documents.record_escalation($1, 0, 'CONTACTS', 0, now(), 'again', 'again', '{}'::jsonb, true, '[]'::jsonb) as ok",
    [xc.id],
  );
  assert.equal(again?.ok, false);

  // 碑林区 signed for it: no 催办, though its province's steps came.
  assert.deepEqual((await board()).find((d) => d.id === bl.id).urges, []);
  assert.equal(await p.superCount('select count(*) as n from documents.escalations where delivery_id = $1', [bl.id]), 0);
  assert.equal(await p.superCount('select count(*) as n from documents.escalations where delivery_id = $1', [xc.id]), 2, 'each step recorded once');

  // Once 新城区 signs for it, a later step (its rules changed meanwhile) is not taken either.
  await gql('xc.clerk', 'mutation($id: ID!) { signForDelivery(id: $id) { id } }', { id: xc.id });
  assert.equal(await p.escalate(at(7 * 24 * 60)), 0);
});

test('a leader’s own mobile (on the account, issue 16) is texted at the leaders’ step; the mobile is known to the person and the unit’s administrators only', async () => {
  const xincheng = await p.orgId('610102');
  const leaderId = ((await gql('xc.leader', '{ me { id } }')).data?.me.id ?? '') as string;
  const MOBILE = 'mutation($id: ID!, $m: String) { setUserMobile(id: $id, mobile: $m) { id mobile } }';
  // Checked as a mainland mobile number, naming the field; a colleague or an administrator above may not set it.
  const bad = await gql('xc.admin', MOBILE, { id: leaderId, m: '029-87654321' });
  assert.deepEqual([codeOf(bad), bad.errors?.[0]?.extensions?.field], ['BAD_INPUT', 'mobile']);
  assert.equal(codeOf(await gql('xc.clerk', MOBILE, { id: leaderId, m: '13800001111' })), 'FORBIDDEN');
  assert.equal(codeOf(await gql('xa.admin', MOBILE, { id: leaderId, m: '13800001111' })), 'FORBIDDEN');
  // The leader files it (spaces and +86 dropped); the unit's administrator sees it, a colleague does not.
  const set = await gql('xc.leader', MOBILE, { id: leaderId, m: '+86 138 0000 2222' });
  assert.equal(set.errors, undefined, JSON.stringify(set.errors));
  assert.equal(set.data?.setUserMobile.mobile, '13800002222');
  const seen = async (user: string) =>
    ((await gql(user, 'query($o: ID!) { users(orgId: $o) { id mobile } }', { o: xincheng })).data?.users as { id: string; mobile: string | null }[]).find(
      (u) => u.id === leaderId,
    )?.mobile;
  assert.equal(await seen('xc.admin'), '13800002222');
  assert.equal(await seen('xc.clerk'), null, 'a colleague does not see it');
  assert.equal(await seen('xa.admin'), null, 'nor an administrator above');

  // 新城区's leaders' step texts now; the leader's mobile reaches documents.
  assert.equal(
    (
      await gql('xc.admin', SET, {
        o: xincheng,
        s: [
          { afterMinutes: 0, to: 'CONTACTS', channels: ['IN_APP'] },
          { afterMinutes: 60, to: 'LEADERS', channels: ['IN_APP', 'SMS'] },
        ],
      })
    ).errors,
    undefined,
  );
  await eventually(
    () =>
      p.superCount(
        // 新城区's own steps, not the province's inherited ones (whose contacts' step also texts): the mobile's change
        // and the rules' change are two events, and the first alone must not be taken for both.
        `select count(*) as n from documents.escalation_reach where org_id = $1 and leaders @> '[{"mobile": "13800002222"}]'
           and steps @> '[{"to": "LEADERS", "afterMinutes": 60, "channels": ["IN_APP", "SMS"]}]'`,
        [xincheng],
      ),
    (n) => n === 1,
    () => p.drainDocumentsOrgEvents(),
  );
  const title = `领导短信催办测试${randomUUID().slice(0, 6)}`;
  const created = await gql('xa.drafter', 'mutation($in: DraftInput!) { createDraft(input: $in) { id } }', {
    in: { docType: '通知', title, body: '正文', docPrefix: '市政发', recipients: [{ orgIds: [xincheng] }] },
  });
  const doc = created.data?.createDraft.id;
  await gql('xa.drafter', 'mutation($id: ID!) { submitForApproval(id: $id) { id } }', { id: doc });
  for (let i = 0; i < 2; i++) await gql('xa.leader', 'mutation($id: ID!) { approveDocument(id: $id) { id } }', { id: doc });
  await gql('xa.clerk', 'mutation($id: ID!, $k: String!) { sendDocument(id: $id, sendKey: $k) { id } }', { id: doc, k: randomUUID() });
  const [moved] = await p.superQuery<{ due: Date }>(
    "update documents.deliveries set due_at = date_trunc('second', now()) - interval '1 minute' where document_id = $1 returning due_at as due",
    [doc],
  );
  const due = new Date(moved?.due ?? Number.NaN);
  assert.equal(await p.escalate(new Date(due.getTime())), 1, 'the contacts, in-app');
  assert.equal(await p.escalate(new Date(due.getTime() + 60 * 60_000)), 1, 'the leaders');
  const texts = await eventually(
    async () => sms.filter((m) => m.text.includes(title)),
    (l) => l.length > 0,
  );
  assert.deepEqual(
    texts.map((m) => m.mobile),
    ['13800002222'],
    'the leader by the mobile on the account',
  );
  // Cleared again: the leader has none (no contact of that name has one either).
  assert.equal((await gql('xc.admin', MOBILE, { id: leaderId, m: null })).data?.setUserMobile.mobile, null);
});
