// 答复, 征集/报送 and 转发 through the gateway (issue 15, last step). 省政府办公厅 sends a 通知 to 新城区 and 碑林区 and
// asks them to report by a deadline; 新城区 signs for it and replies with a 报告 drafted from it (prefilled: 主送 the
// office, 关于…的报告), approved and sent with its own number: the routing rules would refuse a county's 报告 to the
// province as a fresh document, the reply exception lets it through, and a DENY rule naming replies (答复) refuses
// it, named. The office's collection board shows it reported (live), returns it for correction with a reason, sees it
// resubmitted, reminds 碑林区 (in-app and SMS), downloads all reports as a zip with a list; the supervisor sees
// reporting timeliness beside receipt timeliness. 西安市 forwards (转发) a provincial notice with an attachment to
// 新城区 as its own notice, carrying the original's body and attachment by reference; upward the rules refuse it.
// Wrong role, unit and state are refused with nothing written.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { createClient } from 'graphql-ws';
import { docxOf, para } from '../../../test/support/docx.ts';
import { tinyPdf, uploadFile } from '../../../test/support/files.ts';
import { codeOf, eventually, type GqlResult, ok, type Platform, startPlatform } from '../../../test/support/harness.ts';
import { unzip } from '../src/domain/zip.ts';

let p: Platform;
const ids: Record<string, string> = {};
const tokens: Record<string, string> = {};
const token = async (user: string) => {
  tokens[user] ??= await p.login(user);
  return tokens[user] as string;
};
const gql = async (user: string, query: string, variables: Record<string, unknown> = {}) => p.gql(query, variables, await token(user));
const inDays = (d: number) => new Date(Date.now() + d * 86_400_000).toISOString();
const blobs = () => p.gatewayUrl.replace('/graphql', '/blobs');

before(async () => {
  process.env.YIZHAN_BOARD_INTERVAL_MS = '200';
  // With the CA: receipts are signed, and the reports' zip carries them.
  p = await startPlatform({ services: ['documents', 'certificates'] });
  for (const [k, code] of Object.entries({ province: '610000', xian: '610100', xincheng: '610102', beilin: '610103' })) ids[k] = await p.orgId(code);
  const [office] = await p.superQuery("select id from org.orgs where level = 'PROVINCE' and kind = 'OFFICE' and name like '%办公厅' order by path limit 1");
  ids.office = office.id;
});
/** Live clients a test left open, closed before the platform. */
const closing: (() => unknown)[] = [];
after(async () => {
  for (const close of closing.splice(0)) await close();
  await p.close();
});

const CHAINS: Record<string, string[]> = { sxb: ['sxb.approver', 'sxb.leader'], xa: ['xa.leader', 'xa.leader'], xc: ['xc.leader', 'xc.leader'] };

/** Submits a draft, walks its approval chain and sends it; answers the document as sent. */
async function approveAndSend(unit: 'sxb' | 'xa' | 'xc', id: string, sendAs = `${unit}.clerk`): Promise<GqlResult> {
  ok(await gql(`${unit}.drafter`, 'mutation($id: ID!) { submitForApproval(id: $id) { id } }', { id }), 'submitForApproval');
  for (const who of CHAINS[unit] as string[]) ok(await gql(who, 'mutation($id: ID!) { approveDocument(id: $id) { id } }', { id }), 'approveDocument');
  return gql(sendAs, 'mutation($id: ID!, $k: String!) { sendDocument(id: $id, sendKey: $k) { id status docNumber } }', { id, k: randomUUID() });
}

async function sendNotice(unit: 'sxb' | 'xa', title: string, orgIds: string[], extra: Record<string, unknown> = {}) {
  const id = ok<{ id: string }>(
    await gql(`${unit}.drafter`, 'mutation($in: DraftInput!) { createDraft(input: $in) { id } }', {
      in: { docType: '通知', title, body: `<p>${title}</p>`, docPrefix: unit === 'sxb' ? '陕政办发' : '市政发', recipients: [{ orgIds }], ...extra },
    }),
    'createDraft',
  ).id;
  ok(await approveAndSend(unit, id), 'sendDocument');
  return id;
}

/** The delivery of a document to a unit, as that unit's clerk sees it; signed for unless told otherwise. */
async function deliveryOf(clerk: string, title: string, sign = true): Promise<string> {
  const page = ok<{ nodes: { id: string; title: string }[] }>(
    await gql(clerk, 'query($s: String!) { inbox(filter: {search: $s}) { nodes { id title } } }', { s: title }),
    'inbox',
  );
  const id = page.nodes.find((n) => n.title === title)?.id as string;
  assert.ok(id, `${clerk} has ${title}`);
  if (sign) ok(await gql(clerk, 'mutation($id: ID!) { signForDelivery(id: $id) { id } }', { id }), 'signForDelivery');
  return id;
}

const DRAFT_REPLY = `mutation($d: ID!, $signer: String) { draftReply(deliveryId: $d, signer: $signer) {
  id docType title mainTo docPrefix status replyTo { documentId deliveryId orgName docNumber title } } }`;
const BOARD_FIELDS = `deadline note total reported late pending missing returned withdrawn
  rows { reporterName state reportTitle reportDocNumber submissions resubmitted returnReason returnedByName reminders }`;
const BOARD = `reportBoard { ${BOARD_FIELDS} }`;
const boardOf = async (user: string, id: string) =>
  ok<{ reportBoard: any }>(await gql(user, `query($id: ID!) { document(id: $id) { ${BOARD} } }`, { id }), 'document').reportBoard;
const row = (board: any, name: RegExp) => board.rows.find((r: { reporterName: string }) => name.test(r.reporterName));
/** A clerk's inbox left open (inboxChanged): the notices about the unit's deliveries it hears (`delivery.notice`). */
function inboxOpen(bearer: string) {
  const client = createClient({
    url: p.gatewayUrl.replace('http', 'ws'),
    webSocketImpl: WebSocket,
    connectionParams: { authorization: `Bearer ${bearer}` },
    retryAttempts: 0,
  });
  const events: { type: string; deliveryId: string }[] = [];
  client.subscribe<{ inboxChanged: { type: string; deliveryId: string } }>(
    { query: 'subscription { inboxChanged { type deliveryId } }' },
    { next: (r) => r.data && events.push(r.data.inboxChanged), error: () => {}, complete: () => {} },
  );
  closing.push(() => client.dispose());
  return { notices: () => events.filter((e) => e.type === 'delivery.notice') };
}

/** A collection board left open (reportBoardChanged) by one of the requesting unit's people: every board it is sent. */
async function liveBoard(user: string, documentId: string, fields: string) {
  const client = createClient({
    url: p.gatewayUrl.replace('http', 'ws'),
    webSocketImpl: WebSocket,
    connectionParams: { authorization: `Bearer ${await token(user)}` },
    retryAttempts: 0,
  });
  const seen: any[] = [];
  client.subscribe(
    { query: `subscription($id: ID!) { reportBoardChanged(documentId: $id) { ${fields} } }`, variables: { id: documentId } },
    { next: (r) => void seen.push(r), error: (e) => void seen.push({ errors: [e] }), complete: () => {} },
  );
  closing.push(() => client.dispose());
  // The first board is sent at once: from then on each change is heard.
  await eventually(
    async () => seen.length,
    (n) => n > 0,
  );
  return seen;
}

const countReplies = () =>
  p.superCount('select count(*) as n from documents.documents where reply_to_document_id is not null or forward_of_document_id is not null');

async function refusedNothingWritten(r: Promise<GqlResult>, code: string) {
  const before = [
    await countReplies(),
    await p.superCount('select count(*) as n from documents.reports'),
    await p.superCount('select count(*) as n from documents.notifications'),
  ];
  const res = await r;
  assert.equal(codeOf(res), code, JSON.stringify(res.errors));
  assert.ok(res.status < 500, `HTTP ${res.status}`);
  assert.deepEqual(
    [
      await countReplies(),
      await p.superCount('select count(*) as n from documents.reports'),
      await p.superCount('select count(*) as n from documents.notifications'),
    ],
    before,
    'nothing written',
  );
}

describe('答复 and 征集/报送', () => {
  test('a county replies to the province’s 通知 by the reply exception; the office collects, returns, sees it resubmitted, reminds, downloads', async () => {
    const title = '关于报送冬季防火工作情况的通知';
    const doc = await sendNotice('sxb', title, [ids.xincheng as string, ids.beilin as string]);

    // 征集: the office asks both counties to report; bad input and the wrong role or unit write nothing.
    await refusedNothingWritten(
      gql('sxb.clerk', 'mutation($id: ID!, $d: DateTimeISO!) { requestReports(documentId: $id, deadline: $d) { total } }', { id: doc, d: inDays(-1) }),
      'BAD_INPUT',
    );
    await refusedNothingWritten(
      gql('sxb.approver', 'mutation($id: ID!, $d: DateTimeISO!) { requestReports(documentId: $id, deadline: $d) { total } }', { id: doc, d: inDays(3) }),
      'FORBIDDEN',
    );
    await refusedNothingWritten(
      gql('xc.clerk', 'mutation($id: ID!, $d: DateTimeISO!) { requestReports(documentId: $id, deadline: $d) { total } }', { id: doc, d: inDays(3) }),
      'FORBIDDEN',
    );
    // Both counties' clerks have their inboxes open: each notice about their delivery comes to them live.
    const listening = p.liveSubscribers();
    const xcInbox = inboxOpen(await token('xc.clerk'));
    const blInbox = inboxOpen(await token('bl.clerk'));
    assert.ok(
      (await eventually(
        async () => p.liveSubscribers(),
        (n) => n >= listening + 2,
      )) >=
        listening + 2,
      'both inboxes subscribed',
    );
    const deadline = inDays(3);
    const asked = ok<any>(
      await gql(
        'sxb.clerk',
        'mutation($id: ID!, $d: DateTimeISO!) { requestReports(documentId: $id, deadline: $d, note: "请报送落实情况") { total pending rows { state } } }',
        {
          id: doc,
          d: deadline,
        },
      ),
      'requestReports',
    );
    assert.deepEqual([asked.total, asked.pending], [2, 2]);
    for (const inbox of [xcInbox, blInbox]) {
      const heard = await eventually(
        async () => inbox.notices(),
        (n) => n.length === 1,
      );
      assert.equal(heard.length, 1, '征集 heard live by each county asked');
    }
    await refusedNothingWritten(
      gql('sxb.clerk', 'mutation($id: ID!, $o: ID!) { returnReport(documentId: $id, reporterOrgId: $o, reason: "x") { total } }', { id: doc, o: ids.xincheng }),
      'REPORT_STATE',
    );
    await refusedNothingWritten(
      gql('sxb.clerk', 'mutation($id: ID!, $o: ID!) { returnReport(documentId: $id, reporterOrgId: $o, reason: "x") { total } }', { id: doc, o: 'not-a-unit' }),
      'NOT_FOUND',
    );

    // The live board, watched by the office from here on.
    const seen = await liveBoard('sxb.clerk', doc, 'reported returned pending rows { reporterName state submissions }');
    assert.equal(seen[0].data?.reportBoardChanged.pending, 2, JSON.stringify(seen[0]));

    // 答复: before 签收 refused; the wrong role and the wrong unit refused; nothing written.
    const xcDelivery = await deliveryOf('xc.clerk', title, false);
    await refusedNothingWritten(gql('xc.drafter', DRAFT_REPLY, { d: xcDelivery }), 'NOT_SIGNED_FOR');
    // The unit's drafters find the report on their 待办 once it is signed for (报送, by its deadline), until it is sent.
    const reportsToDo = async (who: string) =>
      ok<{ deliveryId: string; kind: string; deadline: string | null }[]>(await gql(who, '{ todo { deliveryId kind deadline } }'), 'todo').filter(
        (x) => x.kind === 'REPORT' && x.deliveryId === xcDelivery,
      );
    assert.deepEqual(await reportsToDo('xc.drafter'), [], 'not before 签收');
    ok(await gql('xc.clerk', 'mutation($id: ID!) { signForDelivery(id: $id) { id } }', { id: xcDelivery }), 'signForDelivery');
    const due = await reportsToDo('xc.drafter');
    assert.equal(due.length, 1);
    assert.ok(due[0]?.deadline, 'with the deadline');
    assert.deepEqual(await reportsToDo('xc.clerk'), [], 'the drafters’, not the clerk’s');
    assert.deepEqual(await reportsToDo('xa.drafter'), [], 'nor another unit’s');
    // The inbox's row says it too (征集：…前报送), to the unit and to the sender's view of the delivery.
    const askedOfXc = async (who: string) =>
      ok<{ reportAsked: { deadline: string; state: string } | null }>(
        await gql(who, 'query($id: ID!) { delivery(id: $id) { reportAsked { deadline state } } }', { id: xcDelivery }),
        'delivery',
      ).reportAsked;
    assert.equal((await askedOfXc('xc.clerk'))?.state, 'MISSING');
    assert.equal((await askedOfXc('xc.clerk'))?.deadline, due[0]?.deadline);
    assert.equal((await askedOfXc('sxb.clerk'))?.state, 'MISSING', 'the sender sees what it asked');
    const inboxRow = ok<{ nodes: { id: string; reportAsked: { state: string } | null }[] }>(
      await gql('xc.clerk', 'query($s: String!) { inbox(filter: {search: $s}) { nodes { id reportAsked { state } } } }', { s: title }),
      'inbox',
    ).nodes.find((n) => n.id === xcDelivery);
    assert.equal(inboxRow?.reportAsked?.state, 'MISSING');
    await refusedNothingWritten(gql('xc.clerk', DRAFT_REPLY, { d: xcDelivery }), 'FORBIDDEN');
    await refusedNothingWritten(gql('xa.drafter', DRAFT_REPLY, { d: xcDelivery }), 'FORBIDDEN');

    const reply = ok<any>(await gql('xc.drafter', DRAFT_REPLY, { d: xcDelivery, signer: '罗文彬' }), 'draftReply');
    assert.equal(reply.docType, '报告');
    assert.equal(reply.title, '关于报送冬季防火工作情况的报告');
    assert.match(reply.mainTo, /办公厅/);
    assert.equal(reply.docPrefix, '新政发');
    assert.deepEqual([reply.replyTo.documentId, reply.replyTo.deliveryId, reply.replyTo.title], [doc, xcDelivery, title]);

    // As a fresh document the county's 报告 to the province is refused; as a reply to the office it is allowed.
    const EVAL = `query($o: ID!, $r: ID) { evaluateRouting(docType: "报告", recipients: [{orgIds: [$o]}], replyToOrgId: $r) { decisions { allowed ruleName reason } } }`;
    const fresh = ok<any>(await gql('xc.drafter', EVAL, { o: ids.office }), 'evaluateRouting').decisions[0];
    assert.equal(fresh.allowed, false);
    const asReply = ok<any>(await gql('xc.drafter', EVAL, { o: ids.office, r: ids.office }), 'evaluateRouting').decisions[0];
    assert.equal(asReply.allowed, true, asReply.reason);
    assert.match(asReply.reason, /答复/);

    // The county writes its report before sending it.
    const written = '省政府办公厅：\n本区已完成冬季防火隐患排查，共排查单位32家，整改隐患11处。\n';
    ok(
      await gql('xc.drafter', 'mutation($id: ID!, $i: DraftInput!) { updateDraft(id: $id, input: $i) { id } }', {
        id: reply.id,
        i: { docType: '报告', title: reply.title, body: written, docPrefix: reply.docPrefix, signer: '罗文彬', mainTo: reply.mainTo },
      }),
      'updateDraft',
    );
    const sent = ok<any>(await approveAndSend('xc', reply.id), 'sendDocument');
    assert.equal(sent.status, 'SENT');
    assert.deepEqual(await reportsToDo('xc.drafter'), [], 'reported: off the 待办');
    assert.equal((await askedOfXc('xc.clerk'))?.state, 'REPORTED');
    assert.match(sent.docNumber, /^新政发〔\d{4}〕\d+号$/);
    // The 报送 is in 新城区's evidence chain, about the original it answers and naming the report.
    const EVIDENCE = 'query($d: ID!) { documentEvidence(documentId: $d) { kind event } }';
    const xcLinks = ok<{ kind: string; event: any }[]>(await gql('xc.clerk', EVIDENCE, { d: doc }), 'documentEvidence');
    assert.ok(
      xcLinks.some((l) => l.kind === 'handling.changed' && l.event.payload.action === 'REPORT' && l.event.payload.replyDocumentId === reply.id),
      JSON.stringify(xcLinks.map((l) => [l.kind, l.event.payload.action])),
    );

    // Both documents show the link; the office sees the reply arrive, and its board counts it (live).
    const original = ok<any>(
      await gql('sxb.clerk', 'query($id: ID!) { document(id: $id) { replies { id docNumber replyTo { documentId } } } }', { id: doc }),
      'document',
    );
    assert.deepEqual(
      original.replies.map((r: { id: string }) => r.id),
      [reply.id],
    );
    const fromXc = ok<any>(await gql('xc.clerk', 'query($id: ID!) { document(id: $id) { replies { id } } }', { id: doc }), 'document');
    assert.deepEqual(
      fromXc.replies.map((r: { id: string }) => r.id),
      [reply.id],
    );
    assert.ok(await deliveryOf('sxb.clerk', reply.title, false), 'the reply is in the office’s inbox');
    await eventually(
      async () => seen.at(-1)?.data?.reportBoardChanged,
      (b) => b?.reported === 1,
    );
    let board = await boardOf('sxb.clerk', doc);
    assert.deepEqual([row(board, /新城区/).state, row(board, /新城区/).reportDocNumber, row(board, /碑林区/).state], ['REPORTED', sent.docNumber, 'PENDING']);
    // The delivery board's 已报送 chip counts and lists the same unit.
    const chip = ok<any>(
      await gql(
        'sxb.clerk',
        'query($id: ID!) { document(id: $id) { boardFigures { chips { filter count } } board(filter: REPORTED) { nodes { recipientName } } } }',
        { id: doc },
      ),
      'document',
    );
    assert.equal(chip.boardFigures.chips.find((c: { filter: string }) => c.filter === 'REPORTED').count, 1);
    assert.deepEqual(
      chip.board.nodes.map((n: { recipientName: string }) => n.recipientName),
      [row(board, /新城区/).reporterName],
    );
    // The reporter sees its own row only.
    const own = await boardOf('xc.clerk', doc);
    assert.deepEqual(
      own.rows.map((r: { reporterName: string }) => r.reporterName),
      [row(board, /新城区/).reporterName],
    );
    const history = ok<any>(await gql('xc.clerk', 'query($id: ID!) { handling(deliveryId: $id) { history { action note } } }', { id: xcDelivery }), 'handling');
    assert.ok(
      history.history.some((h: { action: string; note: string }) => h.action === 'REPORT' && h.note.includes(sent.docNumber)),
      JSON.stringify(history),
    );

    // Returned for correction with a reason (the wrong unit may not); 新城区 is told, resubmits, and the board says so.
    await refusedNothingWritten(
      gql('xc.clerk', 'mutation($id: ID!, $o: ID!) { returnReport(documentId: $id, reporterOrgId: $o, reason: "数据不全") { total } }', {
        id: doc,
        o: ids.xincheng,
      }),
      'FORBIDDEN',
    );
    await refusedNothingWritten(
      gql('sxb.clerk', 'mutation($id: ID!, $o: ID!) { returnReport(documentId: $id, reporterOrgId: $o, reason: "  ") { total } }', {
        id: doc,
        o: ids.xincheng,
      }),
      'BAD_INPUT',
    );
    // A report still waiting unsigned in the office's inbox is not sent back unread: the board says so and links
    // the office's copy; once the office signs for it, it may be returned.
    const waiting = ok<any>(
      await gql('sxb.clerk', 'query($id: ID!) { document(id: $id) { reportBoard { rows { reporterOrgId reportDeliveryId reportSignedFor } } } }', {
        id: doc,
      }),
      'document',
    ).reportBoard.rows.find((r: { reporterOrgId: string }) => r.reporterOrgId === ids.xincheng);
    const [officeCopy] = await p.superQuery<{ id: string }>('select d.id from documents.deliveries d where d.document_id = $1 and d.recipient_org_id = $2', [
      reply.id,
      ids.office,
    ]);
    assert.deepEqual(waiting, { reporterOrgId: ids.xincheng, reportDeliveryId: officeCopy?.id, reportSignedFor: false });
    await refusedNothingWritten(
      gql('sxb.clerk', 'mutation($id: ID!, $o: ID!) { returnReport(documentId: $id, reporterOrgId: $o, reason: "缺少火灾隐患排查数据") { total } }', {
        id: doc,
        o: ids.xincheng,
      }),
      'REPORT_NOT_SIGNED',
    );
    ok(await gql('sxb.clerk', 'mutation($id: ID!) { signForDelivery(id: $id) { id } }', { id: officeCopy?.id }), 'signForDelivery');
    board = ok<any>(
      await gql(
        'sxb.clerk',
        `mutation($id: ID!, $o: ID!) { returnReport(documentId: $id, reporterOrgId: $o, reason: "缺少火灾隐患排查数据") { ${BOARD_FIELDS} } }`,
        {
          id: doc,
          o: ids.xincheng,
        },
      ),
      'returnReport',
    );
    assert.deepEqual(
      [row(board, /新城区/).state, row(board, /新城区/).returnReason, row(board, /新城区/).returnedByName],
      ['RETURNED', '缺少火灾隐患排查数据', '李静'],
    );
    const told = ok<{ text: string; kind: string; words: { note: string } }[]>(
      await gql('xc.clerk', '{ notifications { text kind words { note } } }'),
      'notifications',
    );
    const returned = told.find((n) => n.text.includes('退回修改') && n.text.includes('缺少火灾隐患排查数据'));
    assert.deepEqual([returned?.kind, returned?.words.note], ['REPORT_RETURNED', '缺少火灾隐患排查数据'], 'with its words, for a reader in English');
    // Told live, about its own delivery (the one the report answered).
    const xcNotices = await eventually(
      async () => xcInbox.notices(),
      (n) => n.length === 2,
    );
    assert.deepEqual(
      xcNotices.map((e) => e.deliveryId),
      [xcDelivery, xcDelivery],
    );
    const again = ok<any>(await gql('xc.drafter', DRAFT_REPLY, { d: xcDelivery, signer: '罗文彬' }), 'draftReply');
    // The correction starts from the report that went back (its title, its body), not from the blank reply.
    const [first, correction] = await Promise.all(
      [reply.id, again.id].map(async (id) => ok<any>(await gql('xc.drafter', 'query($id: ID!) { document(id: $id) { title body } }', { id }), 'document')),
    );
    assert.deepEqual([correction.title, correction.body], [first.title, first.body]);
    assert.match(correction.body, /整改隐患11处/);
    const resent = ok<any>(await approveAndSend('xc', again.id), 'sendDocument');
    board = await boardOf('sxb.clerk', doc);
    assert.deepEqual(
      [row(board, /新城区/).state, row(board, /新城区/).submissions, row(board, /新城区/).resubmitted, row(board, /新城区/).reportDocNumber],
      ['REPORTED', 2, true, resent.docNumber],
    );

    // 催报: only 碑林区 is waiting; it gets an in-app notice and an SMS to its registered contact.
    const blContact = await p
      .superQuery("select count(*)::int as n from org.contacts c join org.orgs o on o.id = c.org_id where o.code = '610103'")
      .catch(() => [{ n: 0 }]);
    board = ok<any>(
      await gql('sxb.clerk', `mutation($id: ID!) { remindReports(documentId: $id, note: "请于明日前报送") { ${BOARD_FIELDS} } }`, {
        id: doc,
      }),
      'remindReports',
    );
    assert.deepEqual([row(board, /碑林区/).reminders, row(board, /新城区/).reminders], [1, 0]);
    const blTold = ok<{ text: string; kind: string; words: { title: string; note: string } }[]>(
      await gql('bl.clerk', '{ notifications { text kind words { title note } } }'),
      'notifications',
    );
    const reminded = blTold.find((n) => n.text.includes('催报') && n.text.includes(title));
    assert.deepEqual([reminded?.kind, reminded?.words], ['REPORT_REMINDED', { title, note: '请于明日前报送' }]);
    // 碑林区's open inbox hears of it at once; 新城区, which has reported, hears nothing more.
    assert.equal(
      (
        await eventually(
          async () => blInbox.notices(),
          (n) => n.length === 2,
        )
      ).length,
      2,
      '催报 heard live',
    );
    assert.equal(xcInbox.notices().length, 2);
    if (blContact[0]?.n) {
      const sms = await p.superCount("select count(*) as n from documents.alerts where payload->>'kind' = 'REPORT_REMINDER' and payload->>'documentId' = $1", [
        doc,
      ]);
      assert.ok(sms >= 1, 'an SMS to 碑林区’s contact');
    }

    // The office signs for the resubmitted report: its receipts go into the zip.
    const [resentDelivery] = await p.superQuery<{ id: string }>(
      'select d.id from documents.deliveries d where d.document_id = $1 and d.recipient_org_id = $2',
      [again.id, ids.office],
    );
    ok(await gql('sxb.clerk', 'mutation($id: ID!) { signForDelivery(id: $id) { id } }', { id: resentDelivery?.id }), 'signForDelivery');
    // The office's chain holds the report received, returned for correction, received again, and the reminder.
    const officeLinks = ok<{ kind: string; event: any }[]>(
      await gql('sxb.clerk', 'query($d: ID!) { documentEvidence(documentId: $d) { kind event } }', { d: doc }),
      'documentEvidence',
    ).filter((l) => l.kind === 'report.changed');
    assert.deepEqual(
      officeLinks.map((l) => l.event.payload.action),
      ['REPORT', 'RETURN', 'REPORT', 'REMIND'],
    );
    assert.equal(officeLinks[2]?.event.payload.reportDocumentId, again.id);

    // All reports at once: a zip with the list and 新城区's report; refused to the reporter and to the wrong role.
    const zipRes = await fetch(`${blobs()}?reports=${doc}`, { headers: { authorization: `Bearer ${await token('sxb.clerk')}` } });
    assert.equal(zipRes.status, 200);
    assert.equal(zipRes.headers.get('content-type'), 'application/zip');
    const files = unzip(Buffer.from(await zipRes.arrayBuffer()));
    const list = files.get('报送情况.csv')?.toString('utf8') ?? '';
    assert.match(list, /新城区.*已报送/);
    assert.match(list, /碑林区.*待报送/);
    assert.ok(
      [...files.keys()].some((n) => /新城区.*\/关于报送冬季防火工作情况的报告\.html$/.test(n)),
      [...files.keys()].join(' '),
    );
    // Each report carries the office's signed receipts of it (接收, 签收), time-stamped, checked offline; the list says when.
    assert.match(list, /接收时间,签收时间/);
    const { merkleRoot, readTimestampToken, verifyReceipt } = await import('@yizhan/crypto');
    for (const action of ['接收', '签收']) {
      const name = [...files.keys()].find((n) => new RegExp(`新城区.*/回执/${action}回执\\.json$`).test(n));
      assert.ok(name, `${action}回执 in ${[...files.keys()].join(' ')}`);
      const env = JSON.parse(files.get(name as string)?.toString('utf8') ?? '{}');
      assert.equal(env.receipt.documentId, again.id);
      assert.equal(env.receipt.unit.orgId, ids.office);
      const b = (x: string) => new Uint8Array(Buffer.from(x, 'base64'));
      const v = verifyReceipt({
        receipt: env.receipt,
        signature: b(env.signature),
        certificate: b(env.certificate),
        timestamp: b(env.timestamp),
        timestampPath: env.timestampPath,
        trust: { roots: [], intermediates: [], crls: [] },
      });
      const passed = v.checks.filter((c) => c.ok).map((c) => c.check);
      assert.ok(passed.includes('SIGNATURE') && passed.includes('SIGNER_UNIT'), JSON.stringify(v.checks));
      assert.equal(merkleRoot('SM3', b(env.signature), env.timestampPath), readTimestampToken(b(env.timestamp)).digest);
    }
    assert.match(list, /新城区[^\n]*,\d\d月\d\d日\d\d:\d\d,\d\d月\d\d日\d\d:\d\d\r?$/m);
    for (const who of ['xc.clerk', 'sxb.approver']) {
      const refused = await fetch(`${blobs()}?reports=${doc}`, { headers: { authorization: `Bearer ${await token(who)}` } });
      assert.equal(refused.status, 403, who);
    }

    // The supervisor above 新城区 sees its reporting timeliness beside its receipts (碑林区's is not due yet).
    const perf = ok<any[]>(
      await gql(
        'sx.admin',
        'query($f: DateTimeISO!, $t: DateTimeISO!) { receiptPerformance(from: $f, to: $t) { recipientName reportsDue reportsOnTime reportsLate reportsMissing } }',
        {
          f: inDays(-1),
          t: inDays(10),
        },
      ),
      'receiptPerformance',
    );
    const xc = perf.find((u) => /新城区/.test(u.recipientName));
    assert.deepEqual([xc?.reportsDue, xc?.reportsOnTime, xc?.reportsMissing], [1, 1, 0], JSON.stringify(xc));
    // 新城区 reported before its deadline (in three days): it counts in the period it reported in, once.
    const reportsOf = async (f: string, t: string) =>
      ok<any[]>(
        await gql('sx.admin', 'query($f: DateTimeISO!, $t: DateTimeISO!) { receiptPerformance(from: $f, to: $t) { recipientName reportsDue reportsOnTime } }', {
          f,
          t,
        }),
        'receiptPerformance',
      ).find((u) => /新城区/.test(u.recipientName));
    const early = await reportsOf(inDays(-1), inDays(1));
    assert.deepEqual([early?.reportsDue, early?.reportsOnTime], [1, 1], 'counted when it reported, before the deadline’s period');
    assert.equal((await reportsOf(inDays(2), inDays(10)))?.reportsDue ?? 0, 0, 'not again in the period of its deadline');
  });

  test('an OA system’s API token drafts its unit’s reply, which the unit approves and sends; another unit’s token is refused', async () => {
    const title = '关于OA系统答复测试的通知';
    await sendNotice('xa', title, [ids.xincheng as string]);
    const d = await deliveryOf('xc.clerk', title);
    const issue = (admin: string, org: string) =>
      gql(admin, 'mutation($o: ID!) { issueApiToken(orgId: $o, name: "办公OA") { token } }', { o: org }).then(
        (r) => ok<{ token: string }>(r, 'issueApiToken').token,
      );
    const oa = await issue('xc.admin', ids.xincheng as string);
    const drafted = await p.gql(DRAFT_REPLY, { d, signer: '罗文彬' }, oa);
    const reply = ok<any>(drafted, 'draftReply');
    assert.deepEqual([reply.status, reply.replyTo.deliveryId, reply.docType], ['DRAFT', d, '报告']);
    const [author] = await p.superQuery<{ author_name: string }>('select author_name from documents.documents where id = $1', [reply.id]);
    assert.match(author?.author_name ?? '', /办公OA（接口）/);
    // Approved and sent by the unit's people, as any reply.
    assert.equal(ok<any>(await approveAndSend('xc', reply.id), 'sendDocument').status, 'SENT');
    // Another unit's OA system does not even see 新城区's delivery; an OA token drafts no fresh document.
    const other = await issue('bl.admin', ids.beilin as string);
    await refusedNothingWritten(p.gql(DRAFT_REPLY, { d }, other), 'NOT_FOUND');
    assert.equal(
      codeOf(
        await p.gql('mutation($in: DraftInput!) { createDraft(input: $in) { id } }', { in: { docType: '通知', title: 'x', body: 'x', recipients: [] } }, oa),
      ),
      'FORBIDDEN',
    );
  });

  test('a DENY rule naming replies (答复) refuses the reply, naming the rule; the wrong 文种 for a reply is refused', async () => {
    const title = '关于开展安全生产检查的通知';
    await sendNotice('sxb', title, [ids.xincheng as string]);
    const delivery = await deliveryOf('xc.clerk', title);
    await refusedNothingWritten(gql('xc.drafter', 'mutation($d: ID!) { draftReply(deliveryId: $d, docType: "批复") { id } }', { d: delivery }), 'BAD_INPUT');
    const rule = ok<{ id: string }>(
      await gql('sx.admin', 'mutation($o: ID!, $in: RoutingRuleInput!) { createRoutingRule(orgId: $o, input: $in) { id } }', {
        o: ids.province,
        in: {
          name: '省级不接收县级单位的答复（测试）',
          side: 'RECEIVER',
          direction: 'UP',
          effect: 'DENY',
          senderLevels: ['COUNTY'],
          receiverLevels: ['PROVINCE'],
          docTypes: ['答复'],
        },
      }),
      'createRoutingRule',
    ).id;
    try {
      const reply = ok<{ id: string }>(await gql('xc.drafter', DRAFT_REPLY, { d: delivery, signer: '罗文彬' }), 'draftReply').id;
      // Refused at its submission already: no approver is asked to approve what cannot be sent.
      const res = await gql('xc.drafter', 'mutation($id: ID!) { submitForApproval(id: $id) { id } }', { id: reply });
      assert.equal(codeOf(res), 'ROUTING_REFUSED', JSON.stringify(res.errors));
      assert.match(res.errors?.[0]?.message ?? '', /省级不接收县级单位的答复（测试）/);
      assert.equal(await p.superCount("select count(*) as n from documents.documents where id = $1 and status = 'SENT'", [reply]), 0);
    } finally {
      ok(await gql('sx.admin', 'mutation($id: ID!) { deleteRoutingRule(id: $id) }', { id: rule }), 'deleteRoutingRule');
    }
  });

  test('征集 set in 拟稿 opens with the send; a deadline that passed while approved holds the send until the sender moves it', async () => {
    const title = '关于报送秋冬季森林防火落实情况的通知';
    const draft = (extra: Record<string, unknown>) =>
      gql('sxb.drafter', 'mutation($in: DraftInput!) { createDraft(input: $in) { id reportDeadline reportNote } }', {
        in: { docType: '通知', title, body: `<p>${title}</p>`, docPrefix: '陕政办发', recipients: [{ orgIds: [ids.xincheng, ids.beilin] }], ...extra },
      });
    const documents = () => p.superCount('select count(*) as n from documents.documents');
    // Refused in words naming the field, nothing written: a past deadline, a request without one.
    for (const extra of [{ reportDeadline: inDays(-1) }, { reportNote: '报送落实情况' }]) {
      const before = await documents();
      const res = await draft(extra);
      assert.equal(codeOf(res), 'BAD_INPUT', JSON.stringify(res.errors));
      assert.equal(res.errors?.[0]?.extensions?.field, 'reportDeadline');
      assert.equal(await documents(), before, 'no draft written');
    }
    const planned = ok<{ id: string; reportDeadline: string; reportNote: string }>(
      await draft({ reportDeadline: inDays(5), reportNote: '报送落实情况' }),
      'createDraft',
    );
    assert.equal(planned.reportNote, '报送落实情况');
    const id = planned.id;
    // Before the send no unit is asked anything yet; a draft's request is changed in 拟稿, not by 发起征集.
    assert.equal(await p.superCount('select count(*) as n from documents.reports where request_document_id = $1', [id]), 0);
    await refusedNothingWritten(
      gql('sxb.clerk', 'mutation($id: ID!, $d: DateTimeISO!) { requestReports(documentId: $id, deadline: $d) { total } }', { id, d: inDays(4) }),
      'REPORT_STATE',
    );
    ok(await gql('sxb.drafter', 'mutation($id: ID!) { submitForApproval(id: $id) { id } }', { id }), 'submitForApproval');
    for (const who of CHAINS.sxb as string[]) ok(await gql(who, 'mutation($id: ID!) { approveDocument(id: $id) { id } }', { id }), 'approveDocument');

    // The approval took longer than the deadline allowed (moved back here, as a week's wait would): the send is held,
    // named, with nothing written; the sender moves the deadline on the approved document (another unit may not).
    await p.superQuery("update documents.documents set report_deadline = now() - interval '1 hour' where id = $1", [id]);
    const send = () => gql('sxb.clerk', 'mutation($id: ID!, $k: String!) { sendDocument(id: $id, sendKey: $k) { id status } }', { id, k: `send-${id}` });
    const held = await send();
    assert.equal(codeOf(held), 'REPORT_DEADLINE_PASSED', JSON.stringify(held.errors));
    assert.equal(held.errors?.[0]?.extensions?.field, 'reportDeadline');
    assert.equal(await p.superCount("select count(*) as n from documents.documents where id = $1 and status = 'APPROVED'", [id]), 1);
    assert.equal(await p.superCount('select count(*) as n from documents.deliveries where document_id = $1', [id]), 0);
    await refusedNothingWritten(
      gql('xa.clerk', 'mutation($id: ID!, $d: DateTimeISO!) { requestReports(documentId: $id, deadline: $d) { total } }', { id, d: inDays(4) }),
      'NOT_FOUND',
    );
    const deadline = inDays(4);
    const moved = ok<any>(
      await gql(
        'sxb.clerk',
        'mutation($id: ID!, $d: DateTimeISO!, $n: String) { requestReports(documentId: $id, deadline: $d, note: $n) { deadline note total } }',
        {
          id,
          d: deadline,
          n: '报送落实情况',
        },
      ),
      'requestReports',
    );
    assert.deepEqual([new Date(moved.deadline).toISOString(), moved.note, moved.total], [deadline, '报送落实情况', 0]);

    // Sent: both counties owe their report from the send, each sees the request and its own row only.
    assert.equal(ok<{ status: string }>(await send(), 'sendDocument').status, 'SENT');
    const board = await boardOf('sxb.clerk', id);
    assert.deepEqual([board.total, board.pending, new Date(board.deadline).toISOString()], [2, 2, deadline]);
    // 碑林区 sends the notice back (退回): it has nothing to report on until the office answers it, so it is neither
    // pending nor reminded — the reminder reaches 新城区 alone.
    const back = await deliveryOf('bl.clerk', title, false);
    const live = await liveBoard('sxb.clerk', id, 'pending withdrawn');
    ok(await gql('bl.clerk', 'mutation($id: ID!) { returnDelivery(id: $id, reason: INCOMPLETE, note: "附件缺失") { id } }', { id: back }), 'returnDelivery');
    // The office's open board has it at once, from the return itself (no report moved).
    await eventually(
      async () => live.at(-1)?.data?.reportBoardChanged,
      (b) => b?.withdrawn === 1 && b?.pending === 1,
    );
    const afterReturn = await boardOf('sxb.clerk', id);
    assert.deepEqual([afterReturn.pending, afterReturn.withdrawn, row(afterReturn, /碑林区/).state], [1, 1, 'WITHDRAWN']);
    const reminded = ok<any>(await gql('sxb.clerk', `mutation($id: ID!) { remindReports(documentId: $id) { ${BOARD_FIELDS} } }`, { id }), 'remindReports');
    assert.deepEqual([row(reminded, /新城区/).reminders, row(reminded, /碑林区/).reminders], [1, 0]);
    // 修改后重发 asks the corrected copy's units for the same reports, by the same deadline.
    const correction = ok<{ reportDeadline: string; reportNote: string }>(
      await gql('sxb.drafter', 'mutation($ids: [ID!]!) { draftCorrection(deliveryIds: $ids) { reportDeadline reportNote } }', { ids: [back] }),
      'draftCorrection',
    );
    assert.deepEqual([new Date(correction.reportDeadline).toISOString(), correction.reportNote], [deadline, '报送落实情况']);
    const delivery = await deliveryOf('xc.clerk', title);
    const seen = ok<any>(await gql('xc.clerk', `query($id: ID!) { document(id: $id) { reportDeadline reportNote ${BOARD} } }`, { id }), 'document');
    assert.equal(seen.reportNote, '报送落实情况');
    assert.deepEqual(
      seen.reportBoard.rows.map((r: { reporterName: string; state: string }) => [r.reporterName, r.state]),
      [['西安市新城区人民政府', 'PENDING']],
    );
    // Its reply asks nothing of the office, neither in 拟稿 nor once drafted.
    const reply = ok<any>(await gql('xc.drafter', DRAFT_REPLY, { d: delivery, signer: '罗文彬' }), 'draftReply');
    const res = await gql('xc.drafter', 'mutation($id: ID!, $in: DraftInput!) { updateDraft(id: $id, input: $in) { id } }', {
      id: reply.id,
      in: { docType: reply.docType, title: reply.title, body: '<p>落实情况</p>', signer: '罗文彬', reportDeadline: inDays(2) },
    });
    assert.equal(codeOf(res), 'REPLY_ASKS_NO_REPORTS', JSON.stringify(res.errors));
    assert.equal(await p.superCount('select count(*) as n from documents.documents where id = $1 and report_deadline is not null', [reply.id]), 0);
    // Nor does a document of its own sent up (it names a 签发人): in 拟稿, or asked once approved.
    const upward = await gql('xc.drafter', 'mutation($in: DraftInput!) { createDraft(input: $in) { id } }', {
      in: {
        docType: '请示',
        title: '关于申请补助资金的请示',
        body: '<p>请示事项</p>',
        signer: '罗文彬',
        reportDeadline: inDays(2),
        recipients: [{ orgIds: [ids.xian] }],
      },
    });
    assert.equal(codeOf(upward), 'UPWARD_ASKS_NO_REPORTS', JSON.stringify(upward.errors));
    assert.equal(upward.errors?.[0]?.extensions?.field, 'reportDeadline');
  });

  test('征集 set in 拟稿 tells each unit asked at the send: one notice each, live, naming the deadline; none to the sender or a unit beside', async () => {
    const title = '关于报送年度安全生产检查情况的通知';
    const deadline = inDays(6);
    const id = ok<{ id: string }>(
      await gql('sxb.drafter', 'mutation($in: DraftInput!) { createDraft(input: $in) { id } }', {
        in: {
          docType: '通知',
          title,
          body: `<p>${title}</p>`,
          docPrefix: '陕政办发',
          recipients: [{ orgIds: [ids.xincheng, ids.beilin] }, { role: 'CC', orgIds: [ids.xian] }],
          reportDeadline: deadline,
          reportNote: '附检查情况统计表',
        },
      }),
      'createDraft',
    ).id;
    // The three units' clerks have their inboxes open before the send.
    const listening = p.liveSubscribers();
    const inboxes = { xincheng: inboxOpen(await token('xc.clerk')), beilin: inboxOpen(await token('bl.clerk')), xian: inboxOpen(await token('xa.clerk')) };
    await eventually(
      async () => p.liveSubscribers(),
      (n) => n >= listening + 3,
    );
    const sent = ok<{ status: string; docNumber: string }>(await approveAndSend('sxb', id), 'sendDocument');
    assert.equal(sent.status, 'SENT');

    // Who is asked is who has a report row from the send (the board's units); each of them is told once, in the same
    // words as 发起征集 tells it: the sender, the title, the number the send gave it, the deadline and the request.
    const askedRows = await p.superQuery<{ reporter_org_id: string; request_delivery_id: string }>(
      'select reporter_org_id, request_delivery_id from documents.reports where request_document_id = $1',
      [id],
    );
    const board = await boardOf('sxb.clerk', id);
    assert.equal(board.total, askedRows.length);
    assert.ok(askedRows.some((r) => r.reporter_org_id === ids.xincheng) && askedRows.some((r) => r.reporter_org_id === ids.beilin), 'both 主送 units asked');
    const NOTES = '{ notifications(unreadOnly: false) { id deliveryId kind text words { senderName title docNumber deadline note } } }';
    const aboutIt = async (user: string) =>
      ok<{ deliveryId: string | null; kind: string; text: string; words: any }[]>(await gql(user, NOTES), 'notifications').filter(
        (n) => n.words?.title === title || n.text.includes(title),
      );
    for (const [unit, clerk] of [
      ['xincheng', 'xc.clerk'],
      ['beilin', 'bl.clerk'],
      ['xian', 'xa.clerk'],
    ] as const) {
      const row = askedRows.find((r) => r.reporter_org_id === ids[unit]);
      const notes = await aboutIt(clerk);
      if (!row) {
        assert.deepEqual(notes, [], `${unit} is not asked, and not told`);
        continue;
      }
      assert.equal(notes.length, 1, `${unit}: one 征集 notice, ${JSON.stringify(notes)}`);
      const [n] = notes as [(typeof notes)[number]];
      assert.equal(n.kind, 'REPORT_REQUESTED');
      assert.equal(n.deliveryId, row.request_delivery_id);
      assert.match(n.words.senderName, /办公厅/);
      assert.deepEqual([n.words.docNumber, new Date(n.words.deadline).toISOString(), n.words.note], [sent.docNumber, deadline, '附检查情况统计表']);
      assert.match(n.text, new RegExp(`^【驿站】征集：.*《${title}》（${sent.docNumber}）请于\\d{2}月\\d{2}日\\d{2}:\\d{2}前报送：附检查情况统计表$`));
      // Heard live by its open inbox: the notice about its delivery, once.
      const heard = await eventually(
        async () => inboxes[unit].notices().filter((e) => e.deliveryId === row.request_delivery_id),
        (e) => e.length === 1,
      );
      assert.equal(heard.length, 1, `${unit} hears the 征集 live`);
    }
    // One notice per unit asked, in the database too; the sender and a unit beside have none, nor see any.
    assert.equal(
      await p.superCount("select count(*) as n from documents.notifications where kind = 'REPORT_REQUESTED' and words->>'title' = $1", [title]),
      askedRows.length,
    );
    assert.equal(await p.superCount("select count(*) as n from documents.notifications where org_id = $1 and words->>'title' = $2", [ids.office, title]), 0);
    assert.deepEqual(await aboutIt('sxb.clerk'), [], 'the sender is not told');
    const beside = ok<{ text: string; deliveryId: string | null }[]>(await gql('bj.clerk', NOTES), 'notifications');
    assert.ok(!beside.some((n) => n.text.includes(title) || askedRows.some((r) => r.request_delivery_id === n.deliveryId)), 'a unit beside sees none');

    // 发起征集 afterwards moves the deadline: a new request, told again (as before) with the new deadline.
    const later = inDays(8);
    ok(
      await gql('sxb.clerk', 'mutation($id: ID!, $d: DateTimeISO!) { requestReports(documentId: $id, deadline: $d, note: "附检查情况统计表") { total } }', {
        id,
        d: later,
      }),
      'requestReports',
    );
    const again = await aboutIt('xc.clerk');
    assert.deepEqual(
      again.map((n) => [n.kind, new Date(n.words.deadline).toISOString()]),
      [
        ['REPORT_REQUESTED', later],
        ['REPORT_REQUESTED', deadline],
      ],
    );
  });
});

describe('代拟稿', () => {
  test('新城区 sends 西安市 its Word draft to issue in the city’s name; the city’s drafter starts its own draft from it, linked, and issues it', async () => {
    // 新城区's 请示, its 代拟稿 attached as Word.
    const word = docxOf([
      para('西安市人民政府办公室关于印发冬季防火工作方案的通知'),
      para('各区县人民政府，市政府各工作部门：'),
      para('现将《冬季防火工作方案》印发给你们，请认真贯彻执行。'),
      para('一、总体要求'),
      para('落实属地责任。'),
    ]);
    const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
    const wordSha = await uploadFile(p.gatewayUrl, await token('xc.drafter'), '冬季防火工作方案（代拟稿）.docx', word, DOCX);
    const pdfSha = await uploadFile(p.gatewayUrl, await token('xc.drafter'), '方案说明.pdf', tinyPdf('方案说明'), 'application/pdf');
    const title = '关于代拟冬季防火工作方案印发通知的请示';
    const ask = ok<{ id: string }>(
      await gql('xc.drafter', 'mutation($in: DraftInput!) { createDraft(input: $in) { id } }', {
        in: {
          docType: '请示',
          title,
          body: '<p>请以市政府办公室名义印发。</p>',
          docPrefix: '新政发',
          signer: '罗文彬',
          recipients: [{ orgIds: [ids.xian] }],
          attachments: [
            { sha256: wordSha, name: '冬季防火工作方案（代拟稿）.docx' },
            { sha256: pdfSha, name: '方案说明.pdf' },
          ],
        },
      }),
      'createDraft',
    ).id;
    ok(await approveAndSend('xc', ask), 'sendDocument');
    const unsigned = await deliveryOf('xa.clerk', title, false);

    const FROM = `mutation($d: ID!, $f: String!) { draftFromProxy(deliveryId: $d, attachmentSha256: $f) {
      id docType title mainTo docPrefix status body signatureLine draftedFrom { documentId deliveryId orgName title file } } }`;
    // Before 签收 there is nothing to draft from; the Word draft is the drafter's to take, of the unit it was sent to.
    await refusedNothingWritten(gql('xa.drafter', FROM, { d: unsigned, f: wordSha }), 'NOT_SIGNED_FOR');
    ok(await gql('xa.clerk', 'mutation($id: ID!) { signForDelivery(id: $id) { id } }', { id: unsigned }), 'signForDelivery');
    const countDrafts = () => p.superCount('select count(*) as n from documents.documents where drafted_from is not null');
    for (const [user, f, code, field] of [
      ['xa.clerk', wordSha, 'FORBIDDEN', null],
      ['bl.clerk', wordSha, 'FORBIDDEN', null],
      ['xc.drafter', wordSha, 'FORBIDDEN', null],
      ['xa.drafter', pdfSha, 'BAD_INPUT', 'attachmentSha256'],
      ['xa.drafter', 'f'.repeat(64), 'NOT_FOUND', null],
    ] as const) {
      const r = await gql(user, FROM, { d: unsigned, f });
      assert.equal(codeOf(r), code, `${user}: ${JSON.stringify(r.errors)}`);
      if (field) assert.equal(r.errors?.[0]?.extensions?.field, field);
    }
    assert.equal(await countDrafts(), 0, 'nothing drafted by a refusal');

    const draft = ok<any>(await gql('xa.drafter', FROM, { d: unsigned, f: wordSha }), 'draftFromProxy');
    assert.deepEqual(
      [draft.docType, draft.title, draft.mainTo, draft.docPrefix, draft.status, draft.signatureLine],
      ['通知', '西安市人民政府办公室关于印发冬季防火工作方案的通知', '各区县人民政府，市政府各工作部门', '市政发', 'DRAFT', '西安市人民政府'],
    );
    assert.match(draft.body, /^<p>现将《冬季防火工作方案》印发给你们，请认真贯彻执行。<\/p>\n<p>一、总体要求<\/p>/);
    assert.deepEqual(draft.draftedFrom, {
      documentId: ask,
      deliveryId: unsigned,
      orgName: '西安市新城区人民政府',
      title,
      file: '冬季防火工作方案（代拟稿）.docx',
    });
    // Issued in the city's name like any of its documents, to the units it chooses.
    ok(
      await gql('xa.drafter', 'mutation($id: ID!, $in: DraftInput!) { updateDraft(id: $id, input: $in) { id } }', {
        id: draft.id,
        in: { docType: draft.docType, title: draft.title, body: draft.body, mainTo: draft.mainTo, docPrefix: '市政发', recipients: [{ orgIds: [ids.beilin] }] },
      }),
      'updateDraft',
    );
    const sent = ok<{ docNumber: string }>(await approveAndSend('xa', draft.id), 'sendDocument');
    assert.match(sent.docNumber, /^市政发〔\d{4}〕\d+号$/);
    await deliveryOf('bl.clerk', '西安市人民政府办公室关于印发冬季防火工作方案的通知', false);
    // Still linked to what it was drafted from.
    const linked = ok<any>(await gql('xa.clerk', 'query($id: ID!) { document(id: $id) { draftedFrom { title file } } }', { id: draft.id }), 'document');
    assert.deepEqual(linked.draftedFrom, { title, file: '冬季防火工作方案（代拟稿）.docx' });
    // And the 请示 names what 西安市 drafted from it, for 西安市 only: 新城区, which sent it, sees none of the city's drafts.
    const PROXIES = 'query($id: ID!) { document(id: $id) { proxyDrafts { id title status } } }';
    const fromAsk = ok<any>(await gql('xa.clerk', PROXIES, { id: ask }), 'document');
    assert.deepEqual(fromAsk.proxyDrafts, [{ id: draft.id, title: '西安市人民政府办公室关于印发冬季防火工作方案的通知', status: 'SENT' }]);
    assert.deepEqual(ok<any>(await gql('xc.drafter', PROXIES, { id: ask }), 'document').proxyDrafts, []);
  });
});

describe('转发', () => {
  test('西安市 forwards a provincial notice to 新城区 as its own notice, carrying the original’s body and attachment by reference', async () => {
    const upload = await fetch(blobs(), {
      method: 'POST',
      headers: { authorization: `Bearer ${await token('sxb.drafter')}`, 'content-type': 'application/pdf', 'x-filename': encodeURIComponent('检查表.pdf') },
      body: new Uint8Array(tinyPdf('检查表')),
    });
    assert.equal(upload.status, 201);
    const file = (await upload.json()) as { sha256: string };
    const title = '关于做好元旦春节期间安全防范工作的通知';
    const original = await sendNotice('sxb', title, [ids.xian as string], { attachments: [{ sha256: file.sha256, name: '检查表.pdf' }] });
    const xaDelivery = await deliveryOf('xa.clerk', title);

    const FORWARD = `mutation($d: ID!, $r: [RecipientSpecInput!]!) { draftForward(deliveryId: $d, recipients: $r) {
      id title docType docPrefix attachments { name sha256 } forwardOf { documentId title orgName docNumber bodySha256 attachments { sha256 } seal { stamped note } } } }`;
    await refusedNothingWritten(gql('xa.clerk', FORWARD, { d: xaDelivery, r: [{ orgIds: [ids.xincheng] }] }), 'FORBIDDEN');
    await refusedNothingWritten(gql('xc.drafter', FORWARD, { d: xaDelivery, r: [{ orgIds: [ids.xincheng] }] }), 'NOT_FOUND');
    await refusedNothingWritten(gql('xa.drafter', FORWARD, { d: xaDelivery, r: [] }), 'BAD_INPUT');

    const uploads = await p.superCount('select count(*) as n from documents.uploads');
    const fwd = ok<any>(await gql('xa.drafter', FORWARD, { d: xaDelivery, r: [{ orgIds: [ids.xincheng] }] }), 'draftForward');
    assert.equal(fwd.title, `关于转发《${title}》的通知`);
    assert.deepEqual([fwd.docType, fwd.docPrefix], ['通知', '市政发']);
    assert.equal(fwd.forwardOf.documentId, original);
    assert.match(fwd.forwardOf.orgName, /办公厅/);
    assert.equal(fwd.forwardOf.seal.stamped, false);
    assert.deepEqual(
      fwd.attachments.map((a: { sha256: string }) => a.sha256),
      [fwd.forwardOf.bodySha256, file.sha256],
    );
    assert.equal(await p.superCount('select count(*) as n from documents.uploads'), uploads, 'nothing uploaded again');

    const sent = ok<any>(await approveAndSend('xa', fwd.id), 'sendDocument');
    assert.match(sent.docNumber, /^市政发〔\d{4}〕\d+号$/);
    const xcDelivery = await deliveryOf('xc.clerk', fwd.title);
    // 新城区 downloads the original's attachment through the 转发, and reads what it carries; 西安市 sees the link back.
    const dl = await fetch(`${blobs()}/${file.sha256}?delivery=${xcDelivery}`, { headers: { authorization: `Bearer ${await token('xc.clerk')}` } });
    assert.equal(dl.status, 200);
    assert.deepEqual(Buffer.from(await dl.arrayBuffer()), tinyPdf('检查表'));
    const seen = ok<any>(await gql('xc.clerk', 'query($id: ID!) { document(id: $id) { forwardOf { title docNumber } } }', { id: fwd.id }), 'document');
    assert.equal(seen.forwardOf.title, title);
    const back = ok<any>(await gql('xa.clerk', 'query($id: ID!) { document(id: $id) { forwards { id docNumber } } }', { id: original }), 'document');
    assert.deepEqual(
      back.forwards.map((f: { id: string }) => f.id),
      [fwd.id],
    );
    // The routing rules apply to the forwarding unit: a 通知 upward to the province is refused, at its submission
    // already (before anyone approves what cannot be sent), and so at the send.
    const up = ok<any>(await gql('xa.drafter', FORWARD, { d: xaDelivery, r: [{ orgIds: [ids.province] }] }), 'draftForward');
    const refused = await gql('xa.drafter', 'mutation($id: ID!) { submitForApproval(id: $id) { id } }', { id: up.id });
    assert.equal(codeOf(refused), 'ROUTING_REFUSED', JSON.stringify(refused.errors));
  });
  test('a unit resent the request after it returned it owes its report on the new copy: asked again, it is told on that copy', async () => {
    const title = '关于报送防汛物资储备情况的通知';
    const id = await sendNotice('sxb', title, [ids.xincheng as string, ids.beilin as string], { reportDeadline: inDays(3), reportNote: '报送储备清单' });
    const first = await deliveryOf('bl.clerk', title, false);
    ok(await gql('bl.clerk', 'mutation($id: ID!) { returnDelivery(id: $id, reason: INCOMPLETE, note: "附件缺失") { id } }', { id: first }), 'returnDelivery');
    ok(await gql('sxb.clerk', 'mutation($id: ID!) { resendDelivery(id: $id) { id } }', { id: first }), 'resendDelivery');
    const again = await deliveryOf('bl.clerk', title, false);
    assert.notEqual(again, first, 'a new copy');
    const held = await p.superQuery<{ request_delivery_id: string }>(
      'select request_delivery_id from documents.reports where request_document_id = $1 and reporter_org_id = $2',
      [id, ids.beilin],
    );
    assert.deepEqual(
      held.map((r) => r.request_delivery_id),
      [again],
      'the report asked follows the unit to its new copy at the resend',
    );
    // The office moves the deadline (发起征集 again): both units asked, 碑林区 on its new copy.
    const moved = ok<any>(
      await gql('sxb.clerk', `mutation($id: ID!, $d: DateTimeISO!) { requestReports(documentId: $id, deadline: $d) { ${BOARD_FIELDS} } }`, {
        id,
        d: inDays(5),
      }),
      'requestReports',
    );
    assert.deepEqual([moved.total, moved.pending, row(moved, /碑林区/).state], [2, 2, 'PENDING']);
    const notices = await p.superQuery<{ delivery_id: string }>(
      "select delivery_id from documents.notifications where kind = 'REPORT_REQUESTED' and org_id = $1 and delivery_id = any($2::uuid[]) order by created_at",
      [ids.beilin, [first, again]],
    );
    assert.equal(notices.at(-1)?.delivery_id, again, 'the new notice is on the copy it holds');
    const asked = ok<{ reportAsked: { state: string } | null }>(
      await gql('bl.clerk', 'query($id: ID!) { delivery(id: $id) { reportAsked { state deadline } } }', { id: again }),
      'delivery',
    );
    assert.equal(asked.reportAsked?.state, 'MISSING');

    // 补发 to 西安市 while the request is open: it is asked too and told, by the same deadline; the others not again.
    const told = (org: string) =>
      p.superCount(
        "select count(*) as n from documents.notifications n join documents.deliveries d on d.id = n.delivery_id where n.kind = 'REPORT_REQUESTED' and d.document_id = $1 and n.org_id = $2",
        [id, org],
      );
    const before = await told(ids.xincheng as string);
    const added = ok<{ added: number }>(
      await gql('sxb.clerk', 'mutation($id: ID!, $r: [RecipientSpecInput!]!) { supplementRecipients(documentId: $id, recipients: $r) { added } }', {
        id,
        r: [{ orgIds: [ids.xian] }],
      }),
      'supplementRecipients',
    );
    assert.equal(added.added, 1);
    assert.equal(await told(ids.xian as string), 1, 'the unit 补发 reached is told');
    assert.equal(await told(ids.xincheng as string), before, 'a unit asked before is not told again');
    const board = await boardOf('sxb.clerk', id);
    assert.deepEqual([board.total, row(board, /^西安市人民政府$/)?.state], [3, 'PENDING']);
  });
});
