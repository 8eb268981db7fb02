// Draft → approve → send → inbox → receipt, as the seeds describe it, through the real gateway: numbering under
// concurrency, approval gating, 密级 refused, routing refusals, idempotent sends, all-or-nothing sends, receipts
// set once, files, and every read from the wrong unit refused.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { loadConfig } from '@yizhan/common';
import pg from 'pg';
import { tinyPdf } from '../../../test/support/files.ts';
import { codeOf, ok, type Platform, startPlatform } from '../../../test/support/harness.ts';

let p: Platform;
let crashNextSend = false;
const ids: Record<string, string> = {};
const tokens: Record<string, string> = {};
const year = new Date(Date.now() + 8 * 3600_000).getUTCFullYear();

const token = async (user: string) => {
  tokens[user] ??= await p.login(user);
  return tokens[user] as string;
};
const gql = async (user: string, query: string, variables: Record<string, unknown> = {}) => p.gql(query, variables, await token(user));

before(async () => {
  process.env.YIZHAN_API_TOKEN_CHECK_SECONDS = '0'; // a revoked token fails at once in this test
  p = await startPlatform({
    services: ['documents'],
    fault: () => {
      if (crashNextSend) {
        crashNextSend = false;
        throw new Error('simulated crash in the middle of a send');
      }
    },
  });
  for (const [k, code] of Object.entries({ province: '610000', xian: '610100', xincheng: '610102', beilin: '610103', baoji: '610300' }))
    ids[k] = await p.orgId(code);
  ids.yingji = (await gql('sx.admin', '{ searchOrgs(name: "陕西省应急管理厅") { id } }')).data?.searchOrgs[0].id;
});
after(() => p?.close());

const DOC_FIELDS = 'id status docNumber title sentAt recipientCount version approvalStep';
const CREATE = `mutation($in: DraftInput!) { createDraft(input: $in) { ${DOC_FIELDS} } }`;

async function approved(drafter: string, approvers: string[], input: Record<string, unknown>): Promise<string> {
  const created = await gql(drafter, CREATE, { in: { docType: '通知', body: '<p>正文</p>', ...input } });
  assert.equal(created.errors, undefined, JSON.stringify(created.errors));
  const id = created.data?.createDraft.id as string;
  assert.equal((await gql(drafter, 'mutation($id: ID!) { submitForApproval(id: $id) { status } }', { id })).data?.submitForApproval.status, 'IN_APPROVAL');
  for (const who of approvers) {
    const r = await gql(who, 'mutation($id: ID!) { approveDocument(id: $id, comment: "同意") { status } }', { id });
    assert.equal(r.errors, undefined, JSON.stringify(r.errors));
  }
  return id;
}

const SEND = `mutation($id: ID!, $k: String!, $skip: Boolean) { sendDocument(id: $id, sendKey: $k, skipRefused: $skip) { ${DOC_FIELDS} } }`;
const send = (user: string, id: string, key = randomUUID(), skip = false) => gql(user, SEND, { id, k: key, skip });

describe('the province broadcasts and a county clerk signs for it', () => {
  let docId: string;
  let deliveryId: string;

  test('draft, two approvals, one send to every county (主送) and city (抄送)', async () => {
    docId = await approved('sxb.drafter', ['sxb.approver', 'sxb.leader'], {
      title: '陕西省人民政府办公厅关于切实做好电子公文传输工作的通知',
      docPrefix: '陕政办发',
      mainTo: '各市、县、区人民政府',
      recipients: [
        { role: 'MAIN', selector: { rootId: ids.province, levels: ['COUNTY'] }, printQuota: 2 },
        { role: 'CC', selector: { rootId: ids.province, levels: ['CITY'], kinds: ['GOVERNMENT'] } },
      ],
    });
    const before = Date.now();
    const r = await send('sxb.clerk', docId);
    assert.equal(r.errors, undefined, JSON.stringify(r.errors));
    const doc = r.data?.sendDocument;
    assert.equal(doc.status, 'SENT');
    assert.equal(doc.docNumber, `陕政办发〔${year}〕1号`);
    assert.equal(doc.recipientCount, 107 + 10);
    assert.ok(Date.parse(doc.sentAt) >= before - 1000, 'sentAt is when the send completed');
  });

  test('it lands in the county clerk inbox, unread', async () => {
    const r = await gql('xc.clerk', '{ inbox { totalCount unreadCount nodes { id docNumber title status role printQuota senderName receivedAt } } }');
    assert.equal(r.errors, undefined, JSON.stringify(r.errors));
    const inbox = r.data?.inbox;
    assert.equal(inbox.unreadCount, 1);
    const d = inbox.nodes[0];
    assert.deepEqual([d.docNumber, d.status, d.role, d.printQuota, d.receivedAt], [`陕政办发〔${year}〕1号`, 'DELIVERED', 'MAIN', 2, null]);
    assert.equal(d.senderName, '陕西省人民政府办公厅');
    deliveryId = d.id;
  });

  test('the first open is the receipt, recorded once with who did it', async () => {
    const first = await gql('xc.clerk', 'mutation($id: ID!) { openDelivery(id: $id) { status receivedAt receivedByName receiptAction } }', { id: deliveryId });
    const d = first.data?.openDelivery;
    assert.equal(d.status, 'RECEIVED');
    assert.equal(d.receivedByName, '王秀兰', 'the person by name, not by user name');
    assert.equal(d.receiptAction, 'OPEN');
    await new Promise((r) => setTimeout(r, 20));
    const again = await gql('xc.clerk', 'mutation($id: ID!) { openDelivery(id: $id) { receivedAt receivedByName signedAt } }', { id: deliveryId });
    assert.deepEqual(again.data?.openDelivery, { receivedAt: d.receivedAt, receivedByName: '王秀兰', signedAt: null }, 'a later open changes nothing');
    assert.equal(
      codeOf(await gql('xc.admin', 'mutation($id: ID!) { openDelivery(id: $id) { id } }', { id: deliveryId })),
      'NOT_SIGNED_FOR',
      'before 签收 only clerks open it',
    );
    assert.equal((await gql('xc.clerk', '{ inbox { unreadCount } }')).data?.inbox.unreadCount, 0);
  });

  test('reading the body is opening it: another county receives it by reading', async () => {
    const r = await gql('bl.clerk', 'query($id: ID!) { document(id: $id) { title body } }', { id: docId });
    assert.equal(r.data?.document.body, '<p>正文</p>');
    const inbox = (await gql('bl.clerk', '{ inbox { nodes { status receiptAction } } }')).data?.inbox.nodes;
    assert.deepEqual(inbox[0], { status: 'RECEIVED', receiptAction: 'OPEN' });
  });

  test('the sender sees every recipient’s status and times, and who is still missing', async () => {
    const r = await gql(
      'sxb.clerk',
      'query($id: ID!) { document(id: $id) { deliveryStats { total received signed pending } deliveries(status: "RECEIVED") { recipientName receivedAt receivedByName recipientOrg { id } } } }',
      { id: docId },
    );
    const doc = r.data?.document;
    assert.deepEqual(doc.deliveryStats, { total: 117, received: 2, signed: 0, pending: 117 }, 'received by two, signed for by none yet');
    assert.deepEqual(doc.deliveries.map((d: { recipientName: string }) => d.recipientName).sort(), ['西安市新城区人民政府', '西安市碑林区人民政府'].sort());
    assert.equal(doc.deliveries[0].recipientOrg.id.length, 36);
  });

  test('a recipient sees its own delivery of the document, not the others’', async () => {
    const r = await gql('xc.clerk', 'query($id: ID!) { document(id: $id) { deliveries { recipientName } } }', { id: docId });
    assert.deepEqual(r.data?.document.deliveries, [{ recipientName: '西安市新城区人民政府' }]);
  });

  test('a delivery’s recipient unit resolves through the org subgraph', async () => {
    const r = await gql('xc.clerk', '{ inbox(first: 1) { nodes { senderOrg { id } recipientOrg { name level } } } }');
    assert.deepEqual(r.data?.inbox.nodes[0].recipientOrg, { name: '西安市新城区人民政府', level: 'COUNTY' });
  });
});

describe('approval', () => {
  test('a draft is not sent before its chain approves; wrong roles and the author cannot approve; a rejection returns it', async () => {
    const created = await gql('xa.drafter', CREATE, {
      in: { docType: '通知', title: '关于年终考核的通知', body: '第一稿', docPrefix: '市政发', recipients: [{ orgIds: [ids.xincheng] }] },
    });
    const id = created.data?.createDraft.id;
    assert.equal(codeOf(await send('xa.clerk', id)), 'NOT_APPROVED');
    await gql('xa.drafter', 'mutation($id: ID!) { submitForApproval(id: $id) { status } }', { id });
    assert.equal(codeOf(await send('xa.clerk', id)), 'NOT_APPROVED');
    assert.equal(codeOf(await gql('xa.clerk', 'mutation($id: ID!) { approveDocument(id: $id) { status } }', { id })), 'FORBIDDEN');
    assert.equal(
      codeOf(await gql('xc.leader', 'mutation($id: ID!) { approveDocument(id: $id) { status } }', { id })),
      'NOT_FOUND',
      'another unit’s leader cannot even see the draft',
    );
    assert.equal(
      codeOf(await gql('xc.admin', 'mutation($id: ID!) { approveDocument(id: $id) { status } }', { id })),
      'FORBIDDEN',
      'one who approves nothing is told so, and nothing of the draft',
    );
    const rejected = await gql('xa.leader', 'mutation($id: ID!) { rejectDocument(id: $id, comment: "附件不全") { status } }', { id });
    assert.equal(rejected.data?.rejectDocument.status, 'REJECTED');
    const edited = await gql(
      'xa.drafter',
      'mutation($id: ID!, $in: DraftInput!) { updateDraft(id: $id, input: $in) { status version bodySha256 versions { version snapshot } approvals { action role comment userName } } }',
      {
        id,
        in: { docType: '通知', title: '关于年终考核的通知', body: '第二稿', docPrefix: '市政发', recipients: [{ orgIds: [ids.xincheng] }] },
      },
    );
    const doc = edited.data?.updateDraft;
    assert.equal(doc.status, 'DRAFT');
    assert.equal(doc.version, 2);
    assert.deepEqual(
      doc.versions.map((v: { version: number }) => v.version),
      [1],
      'the first version is kept',
    );
    assert.deepEqual(
      doc.approvals.map((a: { action: string }) => a.action),
      ['SUBMITTED', 'REJECTED'],
    );
    assert.equal(doc.approvals[1].comment, '附件不全');
    await gql('xa.drafter', 'mutation($id: ID!) { submitForApproval(id: $id) { status } }', { id });
    await gql('xa.leader', 'mutation($id: ID!) { approveDocument(id: $id) { approvalStep } }', { id });
    const last = await gql('xa.leader', 'mutation($id: ID!) { approveDocument(id: $id) { status } }', { id });
    assert.equal(last.data?.approveDocument.status, 'APPROVED');
    assert.equal((await send('xa.clerk', id)).data?.sendDocument.status, 'SENT');
  });
});

describe('what the platform refuses', () => {
  test('a classified document is refused and nothing is written', async () => {
    const before = await p.superCount('select count(*) as n from documents.documents');
    for (const classification of ['秘密', '机密', '绝密', '机密★1年']) {
      const r = await gql('xa.drafter', CREATE, { in: { docType: '通知', title: '涉密文件', body: 'x', classification } });
      assert.equal(codeOf(r), 'CLASSIFIED_REFUSED', classification);
      assert.equal(r.errors?.[0]?.extensions?.field, 'classification');
    }
    // Marked in the text itself, as GB/T 9704 prints it, with the field left empty.
    const marked = await gql('xa.drafter', CREATE, { in: { docType: '通知', title: '关于某事项的通知', body: '<p>机密★1年</p><p>正文</p>' } });
    assert.equal(codeOf(marked), 'CLASSIFIED_REFUSED');
    assert.equal(marked.errors?.[0]?.extensions?.field, 'body');
    assert.equal(await p.superCount('select count(*) as n from documents.documents'), before);
  });

  test('bad elements are refused naming the field', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ docType: '密电' }, 'docType'],
      [{ title: '   ' }, 'title'],
      [{ title: '长'.repeat(201) }, 'title'],
      [{ urgency: 'EXTRA_URGENT' }, 'deadline'],
      [{ docPrefix: '京政发' }, 'docPrefix'],
      [{ body: '  ' }, 'body'],
      [{ docDate: '2026-13-45' }, 'docDate'],
      // 特提 and 平急 are telegram grades; a telegram always carries one of its four (条例 第九条, GB/T 9704 §7.2.3).
      [{ urgency: 'FLASH', deadline: new Date(Date.now() + 3600_000).toISOString() }, 'urgency'],
      [{ urgency: 'PLAIN_URGENT', deadline: new Date(Date.now() + 3600_000).toISOString() }, 'urgency'],
      [{ isTelegram: true, deadline: new Date(Date.now() + 3600_000).toISOString() }, 'urgency'],
      [{ isTelegram: true, urgency: 'FLASH' }, 'deadline'],
    ];
    for (const [input, field] of cases) {
      const r = await gql('xa.drafter', CREATE, { in: { docType: '通知', title: '标题', body: '正文', ...input } });
      assert.equal(r.errors?.[0]?.extensions?.field, field, `${JSON.stringify(input)} → ${JSON.stringify(r.errors)}`);
    }
  });

  test('a body over a file’s limit (20 MB) is refused naming the body, and nothing is kept', async () => {
    const before = await p.superCount("select count(*) as n from documents.documents where title = '超长正文'");
    const r = await gql('xa.drafter', CREATE, { in: { docType: '通知', title: '超长正文', body: '文'.repeat(7 * 1024 * 1024 + 1) } });
    assert.equal(codeOf(r), 'TOO_LARGE', JSON.stringify(r.errors).slice(0, 300));
    assert.equal(r.errors?.[0]?.extensions?.field, 'body');
    assert.match(r.errors?.[0]?.message ?? '', /^The body \(正文\) comes to 21505 KB, over the 20480 KB limit of a file/);
    assert.equal(await p.superCount("select count(*) as n from documents.documents where title = '超长正文'"), before);
  });

  test('a recipient refused by a routing rule stops the whole send, unless the sender skips refused recipients', async () => {
    const id = await approved('xc.drafter', ['xc.leader', 'xc.leader'], {
      docType: '简报',
      title: '新城区政务信息第1期',
      signer: '罗文彬',
      docPrefix: '新政发',
      recipients: [{ orgIds: [ids.province, ids.yingji] }],
    });
    // Before the send, its approvers and clerk see who it goes to and whom the rules refuse, naming the rule.
    const PLANNED =
      'query($id: ID!) { document(id: $id) { plannedRecipients { count mainCount ccCount refusedCount units { name role refused refusalRule } } } }';
    const planned = (await gql('xc.leader', PLANNED, { id })).data?.document.plannedRecipients;
    assert.deepEqual([planned.count, planned.mainCount, planned.ccCount, planned.refusedCount], [2, 2, 0, 1]);
    assert.deepEqual(
      planned.units.map((u: { name: string; refused: boolean }) => [u.name, u.refused]),
      [
        ['陕西省应急管理厅', true],
        ['陕西省人民政府', false],
      ],
      'the refused first',
    );
    assert.match(planned.units[0].refusalRule, /省应急管理厅不接收市级以下单位的公文/);
    const refused = await send('xc.clerk', id);
    assert.equal(codeOf(refused), 'ROUTING_REFUSED');
    const detail = refused.errors?.[0]?.extensions?.refused as { orgName: string; rule: string }[];
    assert.equal(detail.length, 1);
    assert.equal(detail[0]?.orgName, '陕西省应急管理厅');
    assert.match(detail[0]?.rule ?? '', /省应急管理厅不接收市级以下单位的公文/);
    assert.equal(await p.superCount('select count(*) as n from documents.deliveries where document_id = $1', [id]), 0, 'nothing was sent');
    const partial = await send('xc.clerk', id, randomUUID(), true);
    assert.equal(partial.data?.sendDocument.recipientCount, 1, 'sent to the province only');
    assert.equal((await gql('xc.clerk', PLANNED, { id })).data?.document.plannedRecipients, null, 'once sent, its deliveries say it');
  });

  test('a document sent upward names its signer (签发人): refused at its submission, before anyone approves it', async () => {
    const created = await gql('xc.drafter', CREATE, {
      in: { docType: '报告', title: '关于防汛工作的报告', body: '<p>正文</p>', docPrefix: '新政发', recipients: [{ orgIds: [ids.xian] }] },
    });
    const id = created.data?.createDraft.id as string;
    const r = await gql('xc.drafter', 'mutation($id: ID!) { submitForApproval(id: $id) { status } }', { id });
    assert.equal(codeOf(r), 'SIGNER_REQUIRED');
    assert.equal(r.errors?.[0]?.extensions?.field, 'signer');
    assert.equal((await gql('xc.drafter', 'query($id: ID!) { document(id: $id) { status } }', { id })).data?.document.status, 'DRAFT');
  });

  test('the 签发人 is a leader of the unit, and only that leader 签发s: another may send it back to be renamed', async () => {
    // A second leader of 新城区, beside 罗文彬 (xc.leader).
    const made = await gql('xc.admin', 'mutation($in: CreateUserInput!) { createUser(input: $in) { user { id } oneTimePassword } }', {
      in: { orgId: ids.xincheng, username: 'xc.deputy', displayName: '钱副区长', roles: ['LEADER'] },
    });
    assert.equal(made.errors, undefined, JSON.stringify(made.errors));
    const changed = await p.gql(
      'mutation($u: String!, $n: String!, $c: String!) { changeInitialPassword(username: $u, newPassword: $n, currentPassword: $c) { token } }',
      { u: 'xc.deputy', n: 'Deputy#2026-Xincheng', c: made.data?.createUser.oneTimePassword },
    );
    tokens['xc.deputy'] = changed.data?.changeInitialPassword.token;
    const SUBMIT = 'mutation($id: ID!) { submitForApproval(id: $id) { status } }';
    const APPROVE = 'mutation($id: ID!) { approveDocument(id: $id, comment: "同意") { status approvalStep } }';
    const STATE = 'query($id: ID!) { document(id: $id) { status approvalStep signer } }';
    const input = (signer: string) => ({
      docType: '报告',
      title: '关于汛期值守的报告',
      body: '<p>正文</p>',
      docPrefix: '新政发',
      signer,
      recipients: [{ orgIds: [ids.xian] }],
    });
    const id = (await gql('xc.drafter', CREATE, { in: input('王区长') })).data?.createDraft.id as string;

    // A title, or someone not a leader here (the drafter), is not submitted: the error names them and the leaders.
    for (const signer of ['王区长', '罗文彬、林强']) {
      ok(await gql('xc.drafter', 'mutation($id: ID!, $in: DraftInput!) { updateDraft(id: $id, input: $in) { id } }', { id, in: input(signer) }), 'updateDraft');
      const r = await gql('xc.drafter', SUBMIT, { id });
      assert.equal(codeOf(r), 'SIGNER_NOT_LEADER', signer);
      assert.equal(r.errors?.[0]?.extensions?.field, 'signer');
      assert.deepEqual(r.errors?.[0]?.extensions?.names, signer === '王区长' ? ['王区长'] : ['林强']);
      assert.deepEqual([...(r.errors?.[0]?.extensions?.leaders as string[])].sort(), ['罗文彬', '钱副区长'].sort());
      assert.equal((await gql('xc.drafter', STATE, { id })).data?.document.status, 'DRAFT', 'nothing was submitted');
    }

    // Named 罗文彬: the approver's step (罗文彬 as APPROVER), then at the 签发 the other leader is refused and nothing moves.
    ok(await gql('xc.drafter', 'mutation($id: ID!, $in: DraftInput!) { updateDraft(id: $id, input: $in) { id } }', { id, in: input('罗文彬') }), 'updateDraft');
    assert.equal(ok<any>(await gql('xc.drafter', SUBMIT, { id }), 'submitForApproval').status, 'IN_APPROVAL');
    ok(await gql('xc.leader', APPROVE, { id }), 'approveDocument');
    for (const query of [APPROVE, 'query($id: ID!) { approvalToSign(documentId: $id) }']) {
      const refused = await gql('xc.deputy', query, { id });
      assert.equal(codeOf(refused), 'NOT_NAMED_SIGNER', query);
      assert.equal(refused.errors?.[0]?.extensions?.signer, '罗文彬');
    }
    assert.deepEqual(ok<any>(await gql('xc.drafter', STATE, { id }), 'document'), { status: 'IN_APPROVAL', approvalStep: 1, signer: '罗文彬' });
    assert.equal(await p.superCount("select count(*) as n from documents.approval_steps where document_id = $1 and action = 'APPROVED'", [id]), 1);

    // The other leader sends it back; renamed to them, it comes to them and they 签发 it; 罗文彬 no longer does.
    ok(await gql('xc.deputy', 'mutation($id: ID!) { rejectDocument(id: $id, comment: "由我签发") { status } }', { id }), 'rejectDocument');
    ok(
      await gql('xc.drafter', 'mutation($id: ID!, $in: DraftInput!) { updateDraft(id: $id, input: $in) { id } }', { id, in: input('钱副区长') }),
      'updateDraft',
    );
    ok(await gql('xc.drafter', SUBMIT, { id }), 'submitForApproval');
    ok(await gql('xc.leader', APPROVE, { id }), 'approveDocument');
    assert.equal(codeOf(await gql('xc.leader', APPROVE, { id })), 'NOT_NAMED_SIGNER');
    assert.equal(ok<any>(await gql('xc.deputy', APPROVE, { id }), 'approveDocument').status, 'APPROVED');
  });

  test('what its send would refuse is refused at the submission, naming the field; the draft stays editable and nothing is asked of an approver', async () => {
    const SUBMIT = 'mutation($id: ID!) { submitForApproval(id: $id) { status } }';
    const cases: [string, Record<string, unknown>, string, string][] = [
      ['no 机关代字 (the unit has two)', { recipients: [{ orgIds: [ids.xian] }] }, 'BAD_INPUT', 'docPrefix'],
      ['no recipient', { docPrefix: '新政发', recipients: [] }, 'BAD_INPUT', 'recipients'],
      [
        'only a unit no rule lets it reach',
        { docType: '简报', signer: '罗文彬', docPrefix: '新政发', recipients: [{ orgIds: [ids.yingji] }] },
        'ROUTING_REFUSED',
        '',
      ],
    ];
    for (const [what, input, code, field] of cases) {
      const created = await gql('xc.drafter', CREATE, { in: { docType: '通知', title: `提交前检查：${what}`, body: '<p>正文</p>', ...input } });
      assert.equal(created.errors, undefined, `${what}: ${JSON.stringify(created.errors)}`);
      const id = created.data?.createDraft.id as string;
      const r = await gql('xc.drafter', SUBMIT, { id });
      assert.equal(codeOf(r), code, `${what}: ${JSON.stringify(r.errors)}`);
      if (field) assert.equal(r.errors?.[0]?.extensions?.field, field, what);
      const doc = (await gql('xc.drafter', 'query($id: ID!) { document(id: $id) { status approvalStep } }', { id })).data?.document;
      assert.equal(doc.status, 'DRAFT', `${what}: still a draft`);
      // Mended, it goes to its approvers.
      const mended = await gql('xc.drafter', 'mutation($id: ID!, $in: DraftInput!) { updateDraft(id: $id, input: $in) { id } }', {
        id,
        in: { docType: '通知', title: `提交前检查：${what}`, body: '<p>正文</p>', docPrefix: '新政发', recipients: [{ orgIds: [ids.beilin] }] },
      });
      assert.equal(mended.errors, undefined, JSON.stringify(mended.errors));
      assert.equal((await gql('xc.drafter', SUBMIT, { id })).data?.submitForApproval.status, 'IN_APPROVAL', what);
    }
    // What is wrong in itself is refused when the draft is saved, naming the field, and nothing is written: a print
    // quota out of range, an id that is no id, a group naming its units twice over.
    const malformed: [string, Record<string, unknown>, string][] = [
      ['a print quota below zero', { orgIds: [ids.beilin], printQuota: -1 }, 'recipients[0].printQuota'],
      ['a print quota of a million', { orgIds: [ids.beilin], printQuota: 1_000_000 }, 'recipients[0].printQuota'],
      ['an id that is no id', { orgIds: ['610103'] }, 'recipients[0].orgIds'],
      ['units by id and a list at once', { orgIds: [ids.beilin], listId: randomUUID() }, 'recipients[0]'],
      // Org is asked as the draft is saved: a unit it does not know is no recipient (once it reached the submission).
      ['a unit that does not exist', { orgIds: [randomUUID()] }, 'recipients'],
    ];
    for (const [what, spec, field] of malformed) {
      const title = `保存时检查：${what}`;
      const r = await gql('xc.drafter', CREATE, { in: { docType: '通知', title, body: '<p>正文</p>', docPrefix: '新政发', recipients: [spec] } });
      assert.equal(codeOf(r), 'BAD_INPUT', `${what}: ${JSON.stringify(r.errors)}`);
      assert.equal(r.errors?.[0]?.extensions?.field, field, what);
      assert.equal(await p.superCount('select count(*) as n from documents.documents where title = $1', [title]), 0, `${what}: nothing saved`);
    }
    // A unit some rule refuses beside one it allows goes through: the send may leave it out (skipRefused).
    const mixed = await gql('xc.drafter', CREATE, {
      in: {
        docType: '简报',
        title: '提交前检查：部分受限',
        body: '<p>正文</p>',
        signer: '罗文彬',
        docPrefix: '新政发',
        recipients: [{ orgIds: [ids.province, ids.yingji] }],
      },
    });
    assert.equal((await gql('xc.drafter', SUBMIT, { id: mixed.data?.createDraft.id })).data?.submitForApproval.status, 'IN_APPROVAL');
  });
});

describe('sending is exact', () => {
  test('a retried send with the same key creates nothing twice; another key is refused', async () => {
    const id = await approved('xa.drafter', ['xa.leader', 'xa.leader'], {
      title: '重复发送测试',
      docPrefix: '市政函',
      docType: '函',
      recipients: [{ orgIds: [ids.baoji] }],
    });
    const key = randomUUID();
    const first = await send('xa.clerk', id, key);
    const again = await send('xa.clerk', id, key);
    assert.equal(again.data?.sendDocument.docNumber, first.data?.sendDocument.docNumber);
    assert.equal(await p.superCount('select count(*) as n from documents.deliveries where document_id = $1', [id]), 1);
    const other = await send('xa.clerk', id, randomUUID());
    assert.equal(codeOf(other), 'ALREADY_SENT');
  });

  test('a delivery’s id says the year it is kept in (its document’s send time, to the millisecond); one moved since is still found by it', async () => {
    const id = await approved('xa.drafter', ['xa.leader', 'xa.leader'], {
      title: '存放年度测试',
      docPrefix: '市政函',
      docType: '函',
      recipients: [{ orgIds: [ids.xincheng, ids.beilin] }],
    });
    const sent = await send('xa.clerk', id);
    assert.equal(sent.errors, undefined, JSON.stringify(sent.errors));
    const rows = await p.superQuery<{ id: string; unit: string; version: number; carried: Date; kept: Date }>(
      `select id, recipient_org_id as unit, uuid_extract_version(id) as version, uuid_extract_timestamp(id) as carried, document_sent_at as kept
         from documents.deliveries where document_id = $1`,
      [id],
    );
    assert.equal(rows.length, 2);
    for (const r of rows) {
      assert.equal(r.version, 7, 'a version 7 id');
      assert.equal(r.carried.toISOString(), r.kept.toISOString(), 'its time is the time it is kept by');
      assert.equal(r.kept.toISOString(), new Date(sent.data?.sendDocument.sentAt).toISOString(), 'the document’s send time');
    }
    assert.notEqual(rows[0]?.id, rows[1]?.id);
    const at = (unit: string | undefined) => rows.find((r) => r.unit === unit)?.id as string;
    // Its deliveries moved by hand into another year (as an import of old records might): not where their ids say,
    // found anyway, and still by their own unit alone.
    await p.superQuery(
      "update documents.deliveries set delivered_at = '2025-03-13T16:00:00+08:00', document_sent_at = '2025-03-13T16:00:00+08:00', due_at = '2025-03-14T09:00:00+08:00' where document_id = $1",
      [id],
    );
    const SIGN = 'mutation($id: ID!) { signForDelivery(id: $id) { id status } }';
    assert.equal(codeOf(await gql('xc.clerk', SIGN, { id: at(ids.beilin) })), 'NOT_FOUND', 'another county finds it neither way');
    for (const [clerk, unit] of [
      ['bl.clerk', ids.beilin],
      ['xc.clerk', ids.xincheng],
    ] as const) {
      const r = await gql(clerk, SIGN, { id: at(unit) });
      assert.equal(r.errors, undefined, JSON.stringify(r.errors));
      assert.equal(r.data?.signForDelivery.status, 'SIGNED');
    }
    const signed = await p.superQuery<{ n: number }>(
      "select count(*)::int as n from documents.deliveries where document_id = $1 and status = 'SIGNED' and signed_at is not null",
      [id],
    );
    assert.equal(signed[0]?.n, 2, 'both signed for, each in its own row');
  });

  test('concurrent sends of one unit get consecutive numbers: no gaps, no duplicates', async () => {
    const docs: string[] = [];
    for (let i = 0; i < 8; i++) {
      docs.push(
        await approved('xa.drafter', ['xa.leader', 'xa.leader'], { title: `并发编号测试${i}`, docPrefix: '市政发', recipients: [{ orgIds: [ids.xincheng] }] }),
      );
    }
    const before = await p.superCount("select coalesce(max(doc_seq), 0) as n from documents.documents where doc_prefix = '市政发'");
    const results = await Promise.all(docs.map((id) => send('xa.clerk', id)));
    const seqs = results.map((r) => Number(/〕(\d+)号/.exec(r.data?.sendDocument.docNumber)?.[1])).sort((a, b) => a - b);
    assert.deepEqual(
      seqs,
      Array.from({ length: 8 }, (_, i) => before + 1 + i),
    );
  });

  test('a crash in the middle of a send leaves nothing: no deliveries, no number used', async () => {
    const id = await approved('xa.drafter', ['xa.leader', 'xa.leader'], {
      title: '中断测试',
      docPrefix: '市政函',
      docType: '函',
      recipients: [{ selector: { rootId: ids.xian, levels: ['COUNTY'] } }],
    });
    const before = await p.superCount("select coalesce(max(doc_seq), 0) as n from documents.documents where doc_prefix = '市政函'");
    crashNextSend = true;
    const crashed = await send('xa.clerk', id);
    assert.equal(codeOf(crashed), 'INTERNAL');
    assert.equal(await p.superCount('select count(*) as n from documents.deliveries where document_id = $1', [id]), 0);
    assert.equal(await p.superCount("select count(*) as n from documents.outbox where payload->>'documentId' = $1", [id]), 0);
    const retried = await send('xa.clerk', id);
    assert.equal(retried.data?.sendDocument.docNumber, `市政函〔${year}〕${before + 1}号`, 'the number was not spent by the failed send');
    assert.equal(retried.data?.sendDocument.recipientCount, 13);
  });
});

describe('no unit reads another unit’s documents', () => {
  let docId: string;
  let deliveryId: string;
  before(async () => {
    docId = await approved('xa.drafter', ['xa.leader', 'xa.leader'], {
      title: '新城区专送的通知',
      docPrefix: '市政发',
      recipients: [{ orgIds: [ids.xincheng] }],
    });
    await send('xa.clerk', docId);
    deliveryId = (await gql('xc.clerk', '{ inbox(filter: {search: "新城区专送"}) { nodes { id } } }')).data?.inbox.nodes[0].id;
  });

  test('by id, by inbox, by search, by delivery, by opening it', async () => {
    assert.equal(codeOf(await gql('bl.clerk', 'query($id: ID!) { document(id: $id) { title } }', { id: docId })), 'NOT_FOUND');
    assert.equal(codeOf(await gql('bl.clerk', 'query($id: ID!) { delivery(id: $id) { title } }', { id: deliveryId })), 'NOT_FOUND');
    assert.equal(codeOf(await gql('bl.clerk', 'mutation($id: ID!) { openDelivery(id: $id) { id } }', { id: deliveryId })), 'NOT_FOUND');
    assert.deepEqual((await gql('bl.clerk', '{ searchDocuments(text: "新城区专送") { id } }')).data?.searchDocuments, []);
    assert.equal((await gql('bl.clerk', '{ inbox(filter: {search: "新城区专送"}) { totalCount } }')).data?.inbox.totalCount, 0);
    assert.equal(codeOf(await gql('bj.clerk', 'query($id: ID!) { document(id: $id) { title } }', { id: docId })), 'NOT_FOUND', 'another city');
  });

  test('the sender, the recipient and their superiors do see it; drafts stay inside the unit', async () => {
    assert.equal((await gql('xc.clerk', 'query($id: ID!) { document(id: $id) { title } }', { id: docId })).data?.document.title, '新城区专送的通知');
    assert.equal((await gql('xa.clerk', '{ searchDocuments(text: "新城区专送") { id } }')).data?.searchDocuments.length, 1);
    assert.equal((await gql('sx.admin', 'query($id: ID!) { document(id: $id) { title } }', { id: docId })).data?.document.title, '新城区专送的通知');
    const draft = await gql('xc.drafter', CREATE, { in: { docType: '通知', title: '区内草稿', body: '草稿' } });
    assert.equal(codeOf(await gql('xa.admin', 'query($id: ID!) { document(id: $id) { title } }', { id: draft.data?.createDraft.id })), 'NOT_FOUND');
    // A draft without recipients says so; the recipients of its units' documents are not asked of units above them.
    const none = await gql('xc.drafter', 'query($id: ID!) { document(id: $id) { plannedRecipients { count units { name } } } }', {
      id: draft.data?.createDraft.id,
    });
    assert.deepEqual(none.data?.document.plannedRecipients, { count: 0, units: [] });
    const above = await gql('sx.admin', 'query($id: ID!) { document(id: $id) { plannedRecipients { count } } }', { id: docId });
    assert.equal(above.data?.document.plannedRecipients, null);
  });

  test('every table of the documents schema has row-level security forced', async () => {
    const c = new pg.Client({ connectionString: p.db.superUrl });
    await c.connect();
    try {
      const { rows } = await c.query(
        "select c.relname, c.relrowsecurity, c.relforcerowsecurity from pg_class c join pg_namespace n on n.oid = c.relnamespace where n.nspname = 'documents' and c.relkind in ('r', 'p') and c.relname <> 'schema_migrations'",
      );
      assert.ok(rows.length >= 14);
      for (const r of rows) assert.ok(r.relrowsecurity && r.relforcerowsecurity, `${r.relname} must have RLS enabled and forced`);
    } finally {
      await c.end();
    }
  });

  test('every policy of every service reads the caller’s scope once per statement, not once per row', async () => {
    const policies = await p.superQuery<{ name: string; expr: string }>(
      `select schemaname || '.' || tablename || '.' || policyname as name, coalesce(qual, '') || ' ' || coalesce(with_check, '') as expr
         from pg_policies where schemaname in ('org', 'documents', 'seals', 'certificates', 'archive')`,
    );
    assert.ok(policies.length > 150, `${policies.length} policies`);
    assert.ok(policies.filter((x) => x.expr.includes('current_setting')).length > 100);
    const perRow = policies.filter((x) => /(?<!SELECT )\(NULLIF\(current_setting/.test(x.expr)).map((x) => x.name);
    assert.deepEqual(perRow, [], 'restate them with kernel scopeOncePerStatementSql');
  });

  test('row-level security holds underneath: with no scope or a sibling’s scope the tables read empty', async () => {
    const c = new pg.Client({ connectionString: p.db.appUrl });
    await c.connect();
    try {
      for (const t of [
        'documents',
        'deliveries',
        'document_versions',
        'approval_steps',
        'number_counters',
        'uploads',
        'outbox',
        'delivery_history',
        'prints',
        'notifications',
        'alerts',
        'bulletins',
        'inbox_totals',
        'inbox_totals_pending',
        'board_figures',
        'board_figures_pending',
      ]) {
        assert.equal(Number((await c.query(`select count(*) as n from documents.${t}`)).rows[0].n), 0, `${t} without scope`);
      }
      await c.query('begin');
      await c.query("select set_config('yizhan.org_path', 'p61.c6101.k610103', true)");
      assert.equal(Number((await c.query('select count(*) as n from documents.documents where id = $1', [docId])).rows[0].n), 0);
      assert.equal(Number((await c.query('select count(*) as n from documents.deliveries where id = $1', [deliveryId])).rows[0].n), 0);
      // The unit id beside the scope finds the caller's own delivery by index, never another's: the recipient's id
      // with a sibling's path reads nothing; with its own path, its document (the control).
      const [recipient] = await p.superQuery<{ recipient_org_id: string; recipient_path: string }>(
        'select recipient_org_id, recipient_path::text from documents.deliveries where id = $1',
        [deliveryId],
      );
      await c.query("select set_config('yizhan.org_id', $1, true)", [recipient?.recipient_org_id]);
      assert.equal(Number((await c.query('select count(*) as n from documents.documents where id = $1', [docId])).rows[0].n), 0, 'another unit’s id');
      const kept = async () =>
        Number((await c.query('select (select count(*) from documents.inbox_totals) + (select count(*) from documents.inbox_totals_pending) as n')).rows[0].n);
      assert.equal(await kept(), 0, 'its inbox total, under another path');
      // The inbox's functions run as the caller: given another unit, they find nothing of it.
      const viaFunctions = async () => {
        const counts = (await c.query('select total, unsigned from documents.inbox_counts($1)', [recipient?.recipient_org_id])).rows[0];
        const page = await c.query("select id from documents.inbox_newest($1, false, 'infinity', 'ffffffff-ffff-ffff-ffff-ffffffffffff', 50)", [
          recipient?.recipient_org_id,
        ]);
        return { total: counts.total as number, page: page.rowCount };
      };
      assert.deepEqual(await viaFunctions(), { total: 0, page: 0 }, 'its inbox through the functions, under another path');
      await c.query('savepoint own');
      await c.query("select set_config('yizhan.org_path', $1, true)", [recipient?.recipient_path]);
      assert.equal(Number((await c.query('select count(*) as n from documents.documents where id = $1', [docId])).rows[0].n), 1, 'the control');
      assert.ok((await kept()) > 0, 'its own inbox total, folded or queued: the control');
      const own = await viaFunctions();
      assert.ok(own.total > 0 && own.page === Math.min(own.total, 50), `its own inbox through the functions, the control: ${JSON.stringify(own)}`);
      // Read, never written, by the application: even its own unit's total.
      await assert.rejects(
        c.query('insert into documents.inbox_totals_pending values ($1, $2::ltree, now(), 1000)', [recipient?.recipient_org_id, recipient?.recipient_path]),
        /row-level security/,
      );
      await c.query('rollback to savepoint own');
      await assert.rejects(
        c
          .query("update documents.deliveries set received_at = now(), status = 'RECEIVED' where recipient_path = 'p61.c6101.k610102' returning id")
          .then((r) => {
            if (!r.rowCount) throw new Error('row-level security: nothing visible');
          }),
        /row-level security/,
      );
      await c.query('rollback');
    } finally {
      await c.end();
    }
  });
});

describe('inbox', () => {
  test('filters by status, urgency, type and sender, and pages by cursor', async () => {
    const urgent = await approved('xa.drafter', ['xa.leader', 'xa.leader'], {
      title: '特急：防汛紧急通知',
      docPrefix: '市政发',
      urgency: 'EXTRA_URGENT',
      deadline: new Date(Date.now() + 3600_000).toISOString(),
      recipients: [{ orgIds: [ids.xincheng] }],
    });
    await send('xa.clerk', urgent);
    const q =
      'query($f: InboxFilter, $a: String) { inbox(filter: $f, first: 2, after: $a) { totalCount nodes { title urgency docType } pageInfo { endCursor hasNextPage } } }';
    const byUrgency = (await gql('xc.clerk', q, { f: { urgency: 'EXTRA_URGENT' } })).data?.inbox;
    assert.deepEqual(
      byUrgency.nodes.map((n: { title: string }) => n.title),
      ['特急：防汛紧急通知'],
    );
    // A 明传电报 graded 特提 arrives with its grade, and the grade filters it.
    const flash = await approved('xa.drafter', ['xa.leader', 'xa.leader'], {
      title: '特提：明传电报',
      docPrefix: '市政发',
      urgency: 'FLASH',
      isTelegram: true,
      deadline: new Date(Date.now() + 3600_000).toISOString(),
      recipients: [{ orgIds: [ids.xincheng] }],
    });
    await send('xa.clerk', flash);
    const byFlash = (await gql('xc.clerk', q, { f: { urgency: 'FLASH' } })).data?.inbox;
    assert.deepEqual(
      byFlash.nodes.map((n: { title: string; urgency: string }) => [n.title, n.urgency]),
      [['特提：明传电报', 'FLASH']],
    );
    const fromXian = (await gql('xc.clerk', q, { f: { senderOrgId: ids.xian, docType: '通知' } })).data?.inbox;
    assert.ok(fromXian.totalCount >= 3);
    const titles: string[] = [];
    let after: string | null = null;
    do {
      const page: { nodes: { title: string }[]; pageInfo: { endCursor: string; hasNextPage: boolean } } = (
        await gql('xc.clerk', q, { f: { senderOrgId: ids.xian }, a: after })
      ).data?.inbox;
      titles.push(...page.nodes.map((n) => n.title));
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    } while (after);
    assert.equal(new Set(titles).size, titles.length, 'no delivery on two pages');
    // A cursor naming no delivery is refused by name, not failed on.
    const forged = Buffer.from('2026-01-01T00:00:00.000Z|not-a-delivery').toString('base64url');
    const refused = await gql('xc.clerk', 'query($a: String) { inbox(after: $a) { totalCount } }', { a: forged });
    assert.equal(codeOf(refused), 'BAD_INPUT');
    assert.equal((refused.errors?.[0]?.extensions as { field?: string } | undefined)?.field, 'after');
    // A period that ends before it starts is said so, naming its end (it answered an empty inbox).
    const backwards = await gql('xc.clerk', q, { f: { from: '2026-12-07T00:00:00Z', to: '2026-12-01T00:00:00Z' } });
    assert.equal(codeOf(backwards), 'BAD_INPUT');
    assert.deepEqual(backwards.errors?.[0]?.extensions?.field, 'filter.to');
    assert.ok((await gql('xc.clerk', q, { f: { from: '2026-01-01T00:00:00Z', to: '2099-01-01T00:00:00Z' } })).data?.inbox.totalCount >= 3);
    const unread = (await gql('xc.clerk', '{ inbox(filter: {status: DELIVERED}) { totalCount unreadCount } }')).data?.inbox;
    assert.equal(unread.totalCount, unread.unreadCount);
  });

  test('the counts a clerk watches are the rows underneath: the kept total before and after it is folded, what waits as it changes', async () => {
    const COUNTS = 'query($f: InboxFilter) { inbox(filter: $f, first: 1) { totalCount unreadCount unsignedCount overdueCount } }';
    type Counts = { totalCount: number; unreadCount: number; unsignedCount: number; overdueCount: number };
    const counts = async (f?: Record<string, unknown>): Promise<Counts> => (await gql('xc.clerk', COUNTS, { f })).data?.inbox;
    const [unit] = await p.superQuery<{ path: string }>('select distinct recipient_path::text as path from documents.deliveries where recipient_org_id = $1', [
      ids.xincheng,
    ]);
    const truth = async (): Promise<Counts | undefined> => {
      const [r] = await p.superQuery<{ total: number; unread: number; unsigned: number; overdue: number }>(
        `select count(*)::int total,
                count(*) filter (where status = 'DELIVERED')::int unread,
                count(*) filter (where signed_at is null and status in ('DELIVERED', 'RECEIVED', 'PRINTED'))::int unsigned,
                count(*) filter (where signed_at is null and status in ('DELIVERED', 'RECEIVED', 'PRINTED') and due_at < now())::int overdue
           from documents.deliveries where recipient_org_id = $1 and recipient_path = $2::ltree`,
        [ids.xincheng, unit?.path],
      );
      return r && { totalCount: r.total, unreadCount: r.unread, unsignedCount: r.unsigned, overdueCount: r.overdue };
    };
    const queued = () => p.superCount('select count(*) as n from documents.inbox_totals_pending where recipient_org_id = $1', [ids.xincheng]);
    await p.foldKeptCounts();
    assert.equal(await queued(), 0);
    const before = await counts();
    assert.deepEqual(before, await truth());
    // A filter counts the rows under it; one that narrows nothing agrees with the kept total.
    assert.equal((await counts({ from: '2000-01-01T00:00:00Z' })).totalCount, before.totalCount);

    // Sent while the folder is held back: the new delivery is only in the queue, and the total already counts it.
    const held = new pg.Client({ connectionString: p.db.superUrl });
    await held.connect();
    let deliveryId: string;
    try {
      await held.query("select pg_advisory_lock(hashtext('documents.kept_counts'))");
      const id = await approved('xa.drafter', ['xa.leader', 'xa.leader'], {
        title: '计数核对的通知',
        docPrefix: '市政发',
        recipients: [{ orgIds: [ids.xincheng, ids.beilin] }],
      });
      assert.equal((await send('xa.clerk', id)).errors, undefined);
      assert.equal(await queued(), 1, 'queued, not folded');
      const sent = await counts();
      assert.deepEqual(sent, await truth());
      assert.equal(sent.totalCount, before.totalCount + 1);
      assert.equal(sent.unreadCount, before.unreadCount + 1);
      assert.equal(sent.unsignedCount, before.unsignedCount + 1);
      deliveryId = (await gql('xc.clerk', '{ inbox(filter: {search: "计数核对"}) { nodes { id } } }')).data?.inbox.nodes[0].id;
    } finally {
      await held.query("select pg_advisory_unlock(hashtext('documents.kept_counts'))");
      await held.end();
    }
    await p.foldKeptCounts();
    assert.equal(await queued(), 0, 'folded');
    assert.deepEqual(await counts(), await truth());

    // Opened: no longer unread; signed for: no longer waiting. The total stays.
    assert.equal((await gql('xc.clerk', 'mutation($id: ID!) { openDelivery(id: $id) { status } }', { id: deliveryId })).errors, undefined);
    const opened = await counts();
    assert.deepEqual([opened.totalCount, opened.unreadCount, opened.unsignedCount], [before.totalCount + 1, before.unreadCount, before.unsignedCount + 1]);
    assert.equal((await gql('xc.clerk', 'mutation($id: ID!) { signForDelivery(id: $id) { status } }', { id: deliveryId })).errors, undefined);
    const signed = await counts();
    assert.deepEqual(signed, await truth());
    assert.deepEqual([signed.totalCount, signed.unsignedCount], [before.totalCount + 1, before.unsignedCount]);
    // 待签收 alone: its total is what waits.
    assert.equal((await counts({ signed: false })).totalCount, signed.unsignedCount);
    assert.equal((await counts({ signed: true })).totalCount, signed.totalCount - signed.unsignedCount);
  });

  test('the application runs none of the jobs’ functions (kept counts, evidence, partitions), in any schema; the relay runs them', async () => {
    const { appRole, relayRole } = loadConfig();
    // Every function of the five schemas the relay was given, and partition_history: the application may run none.
    const jobs = await p.superQuery<{ fn: string; app: boolean; relay: boolean }>(
      `select p.oid::regprocedure::text as fn, has_function_privilege($1, p.oid, 'EXECUTE') as app, has_function_privilege($2, p.oid, 'EXECUTE') as relay
         from pg_proc p where p.pronamespace::regnamespace::text in ('org', 'documents', 'certificates', 'seals', 'archive')
          and (p.proname in ('partition_history', 'recount_kept_counts') or exists (select 1 from aclexplode(p.proacl) a where a.grantee = $2::regrole and a.privilege_type = 'EXECUTE'))`,
      [appRole.name, relayRole.name],
    );
    const names = jobs.map((j) => j.fn);
    for (const f of [
      'documents.fold_kept_counts()',
      'documents.link_evidence()',
      'documents.keep_partitions(timestamp with time zone)',
      'org.keep_partitions(timestamp with time zone)',
    ])
      assert.ok(names.includes(f), `${f} is the relay's (${names.join(', ')})`);
    assert.deepEqual(
      jobs.filter((j) => j.app).map((j) => j.fn),
      [],
      'the application runs none of them',
    );
    const ownersAlone = jobs.filter((j) => !j.relay).map((j) => j.fn.replace(/\(.*/, ''));
    assert.deepEqual(
      new Set(ownersAlone),
      new Set(['org', 'documents', 'certificates', 'seals', 'archive'].map((s) => `${s}.partition_history`).concat('documents.recount_kept_counts')),
    );
    // Asked as the application: refused, nothing folded or recounted.
    const c = new pg.Client({ connectionString: p.db.appUrl });
    await c.connect();
    try {
      for (const f of ['documents.fold_kept_counts()', 'documents.recount_kept_counts()', 'documents.link_evidence()'])
        await assert.rejects(c.query(`select ${f}`), /permission denied/, f);
    } finally {
      await c.end();
    }
    // What the application does run as its own (a login's lookup, the inbox's counts) it still may.
    const [own] = await p.superQuery<{ login: boolean }>(`select has_function_privilege($1, 'org.auth_lookup(text)', 'EXECUTE') as login`, [appRole.name]);
    assert.equal(own?.login, true);
  });

  test('a year whose partition is detached leaves the kept totals (as its owner, rolled back)', async () => {
    const c = new pg.Client({ connectionString: p.db.superUrl });
    await c.connect();
    try {
      await c.query('begin');
      await c.query("set local timezone = 'Asia/Shanghai'");
      const [{ path }] = (await c.query('select recipient_path::text as path from documents.deliveries where recipient_org_id = $1 limit 1', [ids.xincheng]))
        .rows;
      const thisYear = (await c.query("select date_trunc('year', now()) as y")).rows[0].y as Date;
      assert.equal(
        Number((await c.query('select extract(epoch from documents.deliveries_kept_from()) as e')).rows[0].e),
        Number.NEGATIVE_INFINITY,
        'everything before is attached',
      );
      // 2019's deliveries, kept; then everything before this year detached, as the keeper does ten years on.
      await c.query("insert into documents.inbox_totals values ($1, $2::ltree, '2019-01-01', 7)", [ids.xincheng, path]);
      await c.query("insert into documents.inbox_totals_pending values ($1, $2::ltree, '2019-01-01', 1), ($1, $2::ltree, date_trunc('year', now()), 0)", [
        ids.xincheng,
        path,
      ]);
      await c.query("update documents.partitions set detached_at = now() where table_name = 'deliveries' and lower_bound is null");
      await c.query(
        "insert into documents.partitions (partition_name, table_name, lower_bound, upper_bound) values ('deliveries_pthis', 'deliveries', $1, $1::timestamptz + interval '1 year')",
        [thisYear],
      );
      assert.equal(((await c.query('select documents.deliveries_kept_from() as t')).rows[0].t as Date).getTime(), thisYear.getTime());
      await c.query('select documents.fold_kept_counts()');
      const years = (await c.query('select year_start from documents.inbox_totals where recipient_org_id = $1 order by 1', [ids.xincheng])).rows.map((r) =>
        (r.year_start as Date).getTime(),
      );
      assert.deepEqual(years, [thisYear.getTime()], '2019 is dropped, this year kept');
    } finally {
      await c.query('rollback');
      await c.end();
    }
  });
});

describe('a unit’s own OA system', () => {
  test('reads the inbox and signs for deliveries with an API token; a revoked token stops working', async () => {
    const issued = await gql('xc.admin', 'mutation($o: ID!) { issueApiToken(orgId: $o, name: "新城区OA") { token apiToken { id name } } }', {
      o: ids.xincheng,
    });
    assert.equal(issued.errors, undefined, JSON.stringify(issued.errors));
    const api = issued.data?.issueApiToken.token as string;
    assert.equal(codeOf(await gql('xc.clerk', 'mutation($o: ID!) { issueApiToken(orgId: $o, name: "x") { token } }', { o: ids.xincheng })), 'FORBIDDEN');
    assert.equal(
      codeOf(await gql('bl.admin', 'query($o: ID!) { apiTokens(orgId: $o) { id } }', { o: ids.xincheng })),
      'FORBIDDEN',
      'another county does not list them',
    );
    assert.equal((await gql('xc.admin', 'query($o: ID!) { apiTokens(orgId: $o) { name } }', { o: ids.xincheng })).data?.apiTokens[0].name, '新城区OA');
    assert.equal(codeOf(await gql('bl.admin', 'mutation($o: ID!) { issueApiToken(orgId: $o, name: "x") { token } }', { o: ids.xincheng })), 'FORBIDDEN');

    const id = await approved('xa.drafter', ['xa.leader', 'xa.leader'], {
      title: '给OA系统的通知',
      docPrefix: '市政发',
      recipients: [{ orgIds: [ids.xincheng] }],
    });
    await send('xa.clerk', id);
    const inbox = await p.gql('{ inbox(filter: {search: "给OA系统"}) { nodes { id status } } }', {}, api);
    assert.equal(inbox.errors, undefined, JSON.stringify(inbox.errors));
    const delivery = inbox.data?.inbox.nodes[0];
    assert.equal(delivery.status, 'DELIVERED');
    const opened = await p.gql('mutation($id: ID!) { openDelivery(id: $id) { status receivedByName } }', { id: delivery.id }, api);
    assert.deepEqual(opened.data?.openDelivery, { status: 'RECEIVED', receivedByName: '新城区OA（接口）' });
    assert.equal(
      codeOf(await p.gql('mutation { createDraft(input: {docType: "通知", title: "t", body: "b"}) { id } }', {}, api)),
      'FORBIDDEN',
      'a token only does a clerk’s work',
    );

    await gql('xc.admin', 'mutation($id: ID!) { revokeApiToken(id: $id) { revokedAt } }', { id: issued.data?.issueApiToken.apiToken.id });
    const after = await p.gql('{ inbox { totalCount } }', {}, api);
    assert.equal(codeOf(after), 'UNAUTHENTICATED');
    assert.match(after.errors?.[0]?.message ?? '', /revoked/);
  });
});

describe('files', () => {
  const upload = async (user: string, content: Buffer, type: string, name: string) =>
    fetch(p.gatewayUrl.replace('/graphql', '/blobs'), {
      method: 'POST',
      headers: { authorization: `Bearer ${await token(user)}`, 'content-type': type, 'x-filename': encodeURIComponent(name) },
      body: new Uint8Array(content),
    });

  test('upload through the gateway, attach, send; the recipient’s first download is its receipt', async () => {
    const res = await upload('xa.drafter', tinyPdf('附件内容'), 'application/pdf', '附件1.pdf');
    assert.equal(res.status, 201);
    const file = (await res.json()) as { sha256: string; size: number };
    assert.match(file.sha256, /^[0-9a-f]{64}$/);
    const id = await approved('xa.drafter', ['xa.leader', 'xa.leader'], {
      title: '带附件的通知',
      docPrefix: '市政发',
      attachments: [{ sha256: file.sha256, name: '附件1.pdf' }],
      recipients: [{ orgIds: [ids.xincheng] }],
    });
    await send('xa.clerk', id);
    const delivery = (await gql('xc.clerk', '{ inbox(filter: {search: "带附件"}) { nodes { id document { attachments { name sha256 size } } } } }')).data?.inbox
      .nodes[0];
    assert.deepEqual(delivery.document.attachments, [{ name: '附件1.pdf', sha256: file.sha256, size: file.size }]);
    const dl = await fetch(`${p.gatewayUrl.replace('/graphql', '/blobs')}/${file.sha256}?delivery=${delivery.id}`, {
      headers: { authorization: `Bearer ${await token('xc.clerk')}` },
    });
    assert.equal(dl.status, 200);
    assert.deepEqual(Buffer.from(await dl.arrayBuffer()), tinyPdf('附件内容'));
    const after = (await gql('xc.clerk', 'query($id: ID!) { delivery(id: $id) { status receiptAction } }', { id: delivery.id })).data?.delivery;
    assert.deepEqual(after, { status: 'RECEIVED', receiptAction: 'DOWNLOAD' });
    const stranger = await fetch(`${p.gatewayUrl.replace('/graphql', '/blobs')}/${file.sha256}`, {
      headers: { authorization: `Bearer ${await token('bl.clerk')}` },
    });
    assert.equal(stranger.status, 404, 'another county cannot fetch the file');
  });

  test('limits, authentication and CSRF on uploads', async () => {
    const bigImage = await upload('xa.drafter', Buffer.alloc(600 * 1024, 1), 'image/png', 'big.png');
    assert.equal(bigImage.status, 413);
    assert.equal(((await bigImage.json()) as { errors: { extensions: { code: string } }[] }).errors[0]?.extensions.code, 'TOO_LARGE');
    const anonymous = await fetch(p.gatewayUrl.replace('/graphql', '/blobs'), { method: 'POST', headers: { 'content-type': 'application/pdf' }, body: 'x' });
    assert.equal(anonymous.status, 401);
    const sneaky = await fetch(`${p.gatewayUrl.replace('/graphql', '')}/blobs/%2e%2e/internal/unit`, {
      method: 'POST',
      headers: { authorization: `Bearer ${await token('xa.drafter')}`, 'content-type': 'application/json' },
      body: '{}',
    });
    assert.equal(sneaky.status, 404, 'the file route never reaches a service’s internal API');
    const simple = await upload('xa.drafter', Buffer.from('x'), 'text/plain', 'a.txt');
    assert.equal(simple.status, 403, 'a simple cross-site POST is refused');
    assert.equal(((await simple.json()) as { errors: { extensions: { code: string } }[] }).errors[0]?.extensions.code, 'FORBIDDEN', 'and said so');
    // A name is kept, never a path; a long one keeps its extension.
    const names: [string, string][] = [
      ['../../etc/passwd', 'passwd'],
      [`${'附'.repeat(300)}.pdf`, `${'附'.repeat(196)}.pdf`],
    ];
    for (const [given, kept] of names) {
      const up = await upload('xa.drafter', tinyPdf(`内容 ${given.length}`), 'application/pdf', given);
      assert.equal(up.status, 201);
      const { sha256 } = (await up.json()) as { sha256: string };
      const got = await fetch(`${p.gatewayUrl.replace(/\/graphql$/, '')}/blobs/${sha256}`, {
        headers: { authorization: `Bearer ${await token('xa.drafter')}` },
      });
      assert.equal(got.status, 200);
      assert.equal(got.headers.get('content-disposition'), `attachment; filename*=UTF-8''${encodeURIComponent(kept)}`);
    }
    const notMine = await gql('xa.drafter', CREATE, { in: { docType: '通知', title: 't', body: 'b', attachments: [{ sha256: 'a'.repeat(64), name: 'x' }] } });
    assert.equal(notMine.errors?.[0]?.extensions?.field, 'attachments[0].sha256');
  });
});
