// 接收, 签收 and 登记 through the gateway (issue 15): the receipt is the first open, 签收 the clerk's explicit act that
// numbers the delivery in the unit's 收文登记簿; before 签收 only clerks open; a second 签收, a 退回 after it, the wrong
// role and the wrong unit are refused with nothing written; 50 concurrent 签收 get 50 consecutive numbers; the register
// is searched and exported (CSV for Excel, PDF); the sender's board shows both moments.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { beijingYear } from '@yizhan/common';
import { codeOf, type GqlResult, type Platform, startPlatform } from '../../../test/support/harness.ts';

let p: Platform;
const ids: Record<string, string> = {};
const tokens: Record<string, string> = {};
const token = async (user: string) => {
  tokens[user] ??= await p.login(user);
  return tokens[user] as string;
};
const gql = async (user: string, query: string, variables: Record<string, unknown> = {}) => p.gql(query, variables, await token(user));
const year = beijingYear();

before(async () => {
  p = await startPlatform({ services: ['documents'] });
  for (const [k, code] of Object.entries({ xian: '610100', xincheng: '610102', beilin: '610103' })) ids[k] = await p.orgId(code);
});
after(() => p?.close());

/** 西安市 sends a notice to the units named; returns the document and 新城区's delivery of it. */
async function send(title: string, orgIds = [ids.xincheng as string], printQuota = 2): Promise<{ doc: string; delivery: string }> {
  const created = await gql('xa.drafter', 'mutation($in: DraftInput!) { createDraft(input: $in) { id } }', {
    in: { docType: '通知', title, body: `<p>正文：${title}</p>`, docPrefix: '市政发', recipients: [{ orgIds, printQuota }] },
  });
  const doc = created.data?.createDraft.id as string;
  assert.ok(doc, JSON.stringify(created.errors));
  await gql('xa.drafter', 'mutation($id: ID!) { submitForApproval(id: $id) { id } }', { id: doc });
  await gql('xa.leader', 'mutation($id: ID!) { approveDocument(id: $id) { id } }', { id: doc });
  await gql('xa.leader', 'mutation($id: ID!) { approveDocument(id: $id) { id } }', { id: doc });
  const sent = await gql('xa.clerk', 'mutation($id: ID!, $k: String!) { sendDocument(id: $id, sendKey: $k) { status } }', { id: doc, k: randomUUID() });
  assert.equal(sent.data?.sendDocument.status, 'SENT', JSON.stringify(sent.errors));
  const deliveries = (await gql('xa.clerk', 'query($id: ID!) { document(id: $id) { deliveries { id recipientOrgId } } }', { id: doc })).data?.document
    .deliveries as { id: string; recipientOrgId: string }[];
  return { doc, delivery: deliveries.find((d) => d.recipientOrgId === (orgIds.includes(ids.xincheng as string) ? ids.xincheng : orgIds[0]))?.id as string };
}

const SIGN = 'mutation($id: ID!) { signForDelivery(id: $id) { id status receivedAt signedAt signedByName intake { intakeNumber number year handling } } }';
const sign = (user: string, id: string) => gql(user, SIGN, { id });

/** Everything written about a delivery, read underneath the application: to prove a refusal wrote nothing. */
async function footprint(deliveryId: string) {
  const [row] = await p.superQuery(
    'select status, received_at, signed_at, print_count, (select count(*) from documents.delivery_history h where h.delivery_id = d.id)::int as history, (select count(*) from documents.intake_register r where r.delivery_id = d.id)::int as register from documents.deliveries d where id = $1',
    [deliveryId],
  );
  const [counters] = await p.superQuery('select coalesce(sum(last_seq), 0)::int as n from documents.intake_counters');
  // A refused mutation is still audited (audit.recorded, for org's log): what counts here is what the step wrote.
  const [outbox] = await p.superQuery("select count(*)::int as n from documents.outbox where type <> 'audit.recorded'");
  return { ...row, counters: counters.n, outbox: outbox.n };
}

/** A refusal: the code, a 4xx (never a 5xx), and nothing written. */
async function refused(r: Promise<GqlResult> | GqlResult, code: string, deliveryId: string, before: Awaited<ReturnType<typeof footprint>>) {
  const res = await r;
  assert.equal(codeOf(res), code, JSON.stringify(res.errors));
  assert.ok(res.status < 500, `HTTP ${res.status}`);
  assert.deepEqual(await footprint(deliveryId), before, 'nothing written');
}

describe('接收 and 签收', () => {
  test('the first open is 接收; 签收 is the clerk’s act and numbers the delivery 1, 2, … in the unit’s register', async () => {
    const first = await send('签收测试一');
    const opened = await gql('xc.clerk', 'mutation($id: ID!) { openDelivery(id: $id) { status receivedAt signedAt } }', { id: first.delivery });
    assert.equal(opened.data?.openDelivery.status, 'RECEIVED');
    assert.ok(opened.data?.openDelivery.receivedAt);
    assert.equal(opened.data?.openDelivery.signedAt, null, 'opening is not signing for');

    const signed = await sign('xc.clerk', first.delivery);
    assert.equal(signed.errors, undefined, JSON.stringify(signed.errors));
    const s = signed.data?.signForDelivery;
    assert.equal(s.status, 'SIGNED');
    assert.equal(s.receivedAt, opened.data?.openDelivery.receivedAt, 'the receipt stays what it was');
    assert.ok(Date.parse(s.signedAt) >= Date.parse(s.receivedAt));
    assert.equal(s.signedByName, '王秀兰', 'a person by name, not by user name');
    assert.deepEqual(s.intake, { intakeNumber: 1, number: `收〔${year}〕1号`, year, handling: '已登记，待拟办' });

    // Signing for what was never opened is the receipt too: both moments, both in the history.
    const second = await send('签收测试二');
    const s2 = (await sign('xc.clerk', second.delivery)).data?.signForDelivery;
    assert.equal(s2.intake.intakeNumber, 2);
    assert.equal(s2.receivedAt, s2.signedAt);
    const history = (await gql('xc.clerk', 'query($id: ID!) { delivery(id: $id) { history { action toStatus actorName note } } }', { id: second.delivery }))
      .data?.delivery.history;
    assert.deepEqual(history, [
      { action: 'RECEIVE', toStatus: 'RECEIVED', actorName: '王秀兰', note: 'SIGN' },
      { action: 'SIGN', toStatus: 'SIGNED', actorName: '王秀兰', note: `收文编号 收〔${year}〕2号` },
    ]);

    // Another unit's numbers are its own: 碑林区 starts at 1.
    const both = await send('两个区都收到', [ids.beilin as string]);
    assert.equal((await sign('bl.clerk', both.delivery)).data?.signForDelivery.intake.intakeNumber, 1);
  });

  test('a second 签收 and a 退回 after 签收 are refused, and write nothing', async () => {
    const { delivery } = await send('不能签收两次');
    assert.equal((await sign('xc.clerk', delivery)).data?.signForDelivery.status, 'SIGNED');
    const before = await footprint(delivery);
    await refused(sign('xc.clerk', delivery), 'ALREADY_SIGNED', delivery, before);
    await refused(
      gql('xc.clerk', 'mutation($id: ID!) { returnDelivery(id: $id, reason: NOT_OURS, note: "晚了") { id } }', { id: delivery }),
      'ALREADY_SIGNED',
      delivery,
      before,
    );
    await refused(gql('xc.clerk', 'mutation($id: ID!) { requestResend(id: $id, note: "x") { id } }', { id: delivery }), 'ALREADY_SIGNED', delivery, before);
    await refused(
      gql('xa.clerk', 'mutation($id: ID!) { recallDelivery(id: $id, note: "x") { id } }', { id: delivery }),
      'ILLEGAL_TRANSITION',
      delivery,
      before,
    );
  });

  test('签收 is refused to the wrong role, the wrong unit and the wrong side, with nothing written', async () => {
    const { delivery } = await send('谁可以签收');
    const before = await footprint(delivery);
    for (const user of ['xc.drafter', 'xc.leader', 'xc.admin']) await refused(sign(user, delivery), 'FORBIDDEN', delivery, before);
    await refused(sign('bl.clerk', delivery), 'NOT_FOUND', delivery, before);
    await refused(sign('xa.clerk', delivery), 'FORBIDDEN', delivery, before);
    await refused(sign('xc.clerk', randomUUID()), 'NOT_FOUND', delivery, before);
    await refused(sign('xc.clerk', 'not-an-id'), 'NOT_FOUND', delivery, before);
    await refused(
      gql('xc.drafter', 'mutation($id: ID!) { returnDelivery(id: $id, reason: NOT_OURS) { id } }', { id: delivery }),
      'FORBIDDEN',
      delivery,
      before,
    );
  });

  test('before 签收 only clerks open, read, download or print; after it the unit’s other roles may', async () => {
    const { doc, delivery } = await send('未签收不得阅看');
    // Files are content-addressed: this body is this document's alone (the helper writes the title into it).
    const body = (await p.superQuery('select body_sha256 from documents.documents where id = $1', [doc]))[0].body_sha256 as string;
    const blob = async (user: string, query = '') =>
      fetch(`${p.gatewayUrl.replace('/graphql', '/blobs')}/${body}${query}`, { headers: { authorization: `Bearer ${await token(user)}` } });
    const before = await footprint(delivery);
    for (const user of ['xc.drafter', 'xc.leader', 'xc.admin']) {
      await refused(gql(user, 'mutation($id: ID!) { openDelivery(id: $id) { id } }', { id: delivery }), 'NOT_SIGNED_FOR', delivery, before);
      await refused(gql(user, 'query($id: ID!) { document(id: $id) { title body } }', { id: doc }), 'NOT_SIGNED_FOR', delivery, before);
      await refused(gql(user, 'mutation($id: ID!) { printDelivery(id: $id) { copyNumber } }', { id: delivery }), 'NOT_SIGNED_FOR', delivery, before);
      for (const q of [`?delivery=${delivery}`, '']) {
        const res = await blob(user, q);
        assert.equal(res.status, 403, `${user} downloads ${q || 'without naming the delivery'}`);
        assert.equal(((await res.json()) as { errors: { extensions: { code: string } }[] }).errors[0]?.extensions.code, 'NOT_SIGNED_FOR');
      }
      assert.deepEqual(await footprint(delivery), before);
    }
    // The inbox still lists it for everyone of the unit: what came in is no secret, its content waits for 签收.
    assert.equal((await gql('xc.leader', '{ inbox(filter: {search: "未签收不得阅看"}) { totalCount } }')).data?.inbox.totalCount, 1);
    // The clerk opens and downloads (the receipt), then signs; now the leader reads it.
    assert.equal((await blob('xc.clerk', `?delivery=${delivery}`)).status, 200);
    await sign('xc.clerk', delivery);
    const read = await gql('xc.leader', 'query($id: ID!) { document(id: $id) { body } }', { id: doc });
    assert.equal(read.data?.document.body, '<p>正文：未签收不得阅看</p>', JSON.stringify(read.errors));
    assert.equal((await gql('xc.drafter', 'mutation($id: ID!) { openDelivery(id: $id) { status } }', { id: delivery })).data?.openDelivery.status, 'SIGNED');
    assert.equal((await blob('xc.drafter')).status, 200);
  });

  test('退回 instead of 签收: the 初审 finding and a note; the first API’s reasons still read; 办结 needs 签收', async () => {
    const a = await send('退回测试');
    const returned = await gql(
      'xc.clerk',
      'mutation($id: ID!) { returnDelivery(id: $id, reason: AGAINST_ROUTING, note: "应报市政府办公室") { status stateReason stateNote } }',
      { id: a.delivery },
    );
    assert.deepEqual(returned.data?.returnDelivery, { status: 'RETURNED', stateReason: 'AGAINST_ROUTING', stateNote: '应报市政府办公室' });
    const b = await send('旧原因退回');
    const legacy = await gql('xc.clerk', 'mutation($id: ID!) { returnDelivery(id: $id, reason: WRONG_ADDRESSEE) { stateReason } }', { id: b.delivery });
    assert.equal(legacy.data?.returnDelivery.stateReason, 'NOT_OURS');
    const c = await send('办结要先签收');
    const before = await footprint(c.delivery);
    await refused(gql('xc.clerk', 'mutation($id: ID!) { returnDelivery(id: $id, reason: OTHER) { id } }', { id: c.delivery }), 'BAD_INPUT', c.delivery, before);
    await refused(
      gql('xc.clerk', 'mutation($id: ID!) { returnDelivery(id: $id, reason: NO_SUCH) { id } }', { id: c.delivery }),
      'BAD_REQUEST',
      c.delivery,
      before,
    );
    await gql('xc.clerk', 'mutation($id: ID!) { openDelivery(id: $id) { id } }', { id: c.delivery });
    const opened = await footprint(c.delivery);
    await refused(gql('xc.clerk', 'mutation($id: ID!) { closeDelivery(id: $id) { id } }', { id: c.delivery }), 'ILLEGAL_TRANSITION', c.delivery, opened);
    await sign('xc.clerk', c.delivery);
    assert.equal((await gql('xc.clerk', 'mutation($id: ID!) { closeDelivery(id: $id) { status } }', { id: c.delivery })).data?.closeDelivery.status, 'CLOSED');
    const entry = (await gql('xc.clerk', 'query($id: ID!) { delivery(id: $id) { intake { handlingStatus handling } } }', { id: c.delivery })).data?.delivery
      .intake;
    assert.deepEqual(entry, { handlingStatus: 'CLOSED', handling: '已办结' }, 'the register’s 办理情况 is kept current');
  });

  test('an OA system’s API token opens and signs for its unit, shown by its name', async () => {
    const issued = await gql('xc.admin', 'mutation($o: ID!) { issueApiToken(orgId: $o, name: "新城区OA") { token } }', { o: ids.xincheng });
    const api = issued.data?.issueApiToken.token as string;
    const { doc, delivery } = await send('给OA签收');
    const body = await p.gql('query($id: ID!) { document(id: $id) { body } }', { id: doc }, api);
    assert.equal(body.data?.document.body, '<p>正文：给OA签收</p>', 'the first API read is the receipt');
    const signed = await p.gql(SIGN, { id: delivery }, api);
    assert.equal(signed.errors, undefined, JSON.stringify(signed.errors));
    assert.equal(signed.data?.signForDelivery.signedByName, '新城区OA（接口）');
  });

  test('50 concurrent 签收 in one unit get 50 distinct consecutive 收文编号', async () => {
    const sent: { delivery: string }[] = [];
    for (let i = 0; i < 5; i++) sent.push(...(await Promise.all(Array.from({ length: 10 }, (_, j) => send(`并发签收${i * 10 + j}`)))));
    const [{ n: before }] = await p.superQuery('select coalesce(max(seq), 0)::int as n from documents.intake_register where org_id = $1', [ids.xincheng]);
    const results = await Promise.all(sent.map((s) => sign('xc.clerk', s.delivery)));
    for (const r of results) assert.equal(r.errors, undefined, JSON.stringify(r.errors));
    const numbers = results.map((r) => r.data?.signForDelivery.intake.intakeNumber as number).sort((a, b) => a - b);
    assert.deepEqual(
      numbers,
      Array.from({ length: 50 }, (_, i) => before + 1 + i),
    );
    const [{ n: last }] = await p.superQuery('select last_seq as n from documents.intake_counters where org_id = $1 and year = $2', [ids.xincheng, year]);
    assert.equal(last, before + 50, 'the counter has no gaps');
  });
});

describe('收文登记簿', () => {
  const REGISTER =
    'query($y: Int!, $s: String, $f: Int, $a: String) { intakeRegister(year: $y, search: $s, first: $f, after: $a) { totalCount pageInfo { endCursor hasNextPage } nodes { intakeNumber number senderName docNumber title docType urgency copies signedAt signedByName handling } } }';

  test('searched by title, 文号 and 来文单位, paged newest first, for clerks, leaders and administrators only', async () => {
    const all = await gql('xc.clerk', REGISTER, { y: year });
    assert.equal(all.errors, undefined, JSON.stringify(all.errors));
    const page = all.data?.intakeRegister;
    assert.ok(page.totalCount >= 55);
    assert.equal(page.nodes[0].intakeNumber, page.totalCount, 'newest first');
    const one = (await gql('xc.leader', REGISTER, { y: year, s: '签收测试一' })).data?.intakeRegister;
    assert.equal(one.totalCount, 1);
    assert.deepEqual(
      { ...one.nodes[0], signedAt: undefined },
      {
        intakeNumber: 1,
        number: `收〔${year}〕1号`,
        senderName: '西安市人民政府',
        docNumber: one.nodes[0].docNumber,
        title: '签收测试一',
        docType: '通知',
        urgency: 'NORMAL',
        copies: 2,
        signedAt: undefined,
        signedByName: '王秀兰',
        handling: '已登记，待拟办',
      },
    );
    assert.match(one.nodes[0].docNumber, /^市政发〔\d{4}〕\d+号$/);
    assert.equal((await gql('xc.admin', REGISTER, { y: year, s: one.nodes[0].docNumber })).data?.intakeRegister.totalCount, 1, 'by 文号');
    assert.ok((await gql('xc.clerk', REGISTER, { y: year, s: '西安市人民' })).data?.intakeRegister.totalCount >= 55, 'by 来文单位');
    const p1 = (await gql('xc.clerk', REGISTER, { y: year, f: 2 })).data?.intakeRegister;
    const p2 = (await gql('xc.clerk', REGISTER, { y: year, f: 2, a: p1.pageInfo.endCursor })).data?.intakeRegister;
    assert.deepEqual(
      [...p1.nodes, ...p2.nodes].map((n: { intakeNumber: number }) => n.intakeNumber),
      [page.totalCount, page.totalCount - 1, page.totalCount - 2, page.totalCount - 3],
    );
    assert.equal(codeOf(await gql('xc.drafter', REGISTER, { y: year })), 'FORBIDDEN', 'a drafter does not read the whole register');
    assert.equal(codeOf(await gql('xc.clerk', REGISTER, { y: 1999 })), 'BAD_INPUT');
    assert.equal(codeOf(await gql('xc.clerk', REGISTER, { y: year, a: 'bm9wZQ' })), 'BAD_INPUT');
    const other = (await gql('bl.clerk', REGISTER, { y: year })).data?.intakeRegister;
    assert.deepEqual(
      other.nodes.map((n: { title: string }) => n.title),
      ['两个区都收到'],
      '碑林区 sees its own register only',
    );
    // The sender sees no entry of its recipients' registers.
    const { delivery } = await send('发文单位看不到收文编号');
    await sign('xc.clerk', delivery);
    const seen = (await gql('xa.clerk', 'query($id: ID!) { delivery(id: $id) { signedAt intake { intakeNumber } } }', { id: delivery })).data?.delivery;
    assert.ok(seen.signedAt);
    assert.equal(seen.intake, null);
  });

  test('exported as CSV for Excel and as PDF, each unit its own, refused to roles that do not read it', async () => {
    const url = (q: string) => `${p.gatewayUrl.replace('/graphql', '/blobs')}?register=intake&${q}`;
    const get = async (user: string, q: string) => fetch(url(q), { headers: { authorization: `Bearer ${await token(user)}` } });
    const csv = await get('xc.clerk', `year=${year}&search=${encodeURIComponent('签收测试')}`);
    assert.equal(csv.status, 200);
    assert.match(csv.headers.get('content-type') ?? '', /^text\/csv; charset=utf-8/);
    assert.match(csv.headers.get('content-disposition') ?? '', /filename\*=UTF-8''/);
    const bytes = Buffer.from(await csv.arrayBuffer());
    assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'UTF-8 with a byte-order mark');
    const lines = bytes.toString('utf8').slice(1).trimEnd().split('\r\n');
    assert.equal(lines[0], '收文编号,来文单位,文号,标题,文种,紧急程度,份数,收文时间,签收人,承办,办理情况');
    assert.deepEqual(
      lines.slice(1).map((l) => l.split(',')[3]),
      ['签收测试一', '签收测试二'],
    );
    assert.ok(lines[1]?.startsWith(`收〔${year}〕1号,西安市人民政府,`));

    const theirs = Buffer.from(await (await get('bl.clerk', `year=${year}`)).arrayBuffer()).toString('utf8');
    assert.ok(!theirs.includes('签收测试一'), 'another unit exports its own register, never 新城区’s');
    assert.ok(theirs.includes('两个区都收到'));

    const drafter = await get('xc.drafter', `year=${year}`);
    assert.equal(drafter.status, 403);
    assert.equal(((await drafter.json()) as { errors: { extensions: { code: string } }[] }).errors[0]?.extensions.code, 'FORBIDDEN');
    for (const q of ['year=20x6', `year=${year}&format=xls`, `year=${year}&from=yesterday`, 'year=1999']) {
      const bad = await get('xc.clerk', q);
      assert.equal(bad.status, 400, q);
    }
    assert.equal((await fetch(url(`year=${year}`))).status, 401);

    const pdf = await get('xc.clerk', `year=${year}&format=pdf&from=${year}-01-01`);
    assert.equal(pdf.status, 200);
    assert.equal(pdf.headers.get('content-type'), 'application/pdf');
    assert.equal(
      Buffer.from(await pdf.arrayBuffer())
        .subarray(0, 5)
        .toString(),
      '%PDF-',
    );
  });

  test('the sender’s board shows both moments per recipient, and counts 签收', async () => {
    const { doc, delivery } = await send('看板两个时间', [ids.xincheng as string, ids.beilin as string]);
    await gql('bl.clerk', 'mutation($id: ID!) { openDelivery(id: $id) { id } }', {
      id: (await gql('bl.clerk', '{ inbox(filter: {search: "看板两个时间"}) { nodes { id } } }')).data?.inbox.nodes[0].id,
    });
    await sign('xc.clerk', delivery);
    const board = (
      await gql(
        'xa.clerk',
        'query($id: ID!) { document(id: $id) { deliveryStats { total received signed pending } deliveries { recipientName status receivedAt signedAt signedByName } } }',
        { id: doc },
      )
    ).data?.document;
    assert.deepEqual(board.deliveryStats, { total: 2, received: 2, signed: 1, pending: 1 });
    const byName = Object.fromEntries(board.deliveries.map((d: { recipientName: string }) => [d.recipientName, d]));
    assert.equal(byName.西安市新城区人民政府.status, 'SIGNED');
    assert.ok(byName.西安市新城区人民政府.receivedAt && byName.西安市新城区人民政府.signedAt);
    assert.equal(byName.西安市新城区人民政府.signedByName, '王秀兰');
    assert.equal(byName.西安市碑林区人民政府.status, 'RECEIVED');
    assert.ok(byName.西安市碑林区人民政府.receivedAt);
    assert.equal(byName.西安市碑林区人民政府.signedAt, null);
    // The inbox's 待签收 / 已签收.
    const tabs = async (signed: boolean) =>
      (await gql('bl.clerk', 'query($s: Boolean) { inbox(filter: {search: "看板两个时间", signed: $s}) { totalCount unsignedCount } }', { s: signed })).data
        ?.inbox;
    assert.equal((await tabs(false)).totalCount, 1);
    assert.equal((await tabs(true)).totalCount, 0);
    // Overdue counts 签收: opened is not enough.
    await p.superQuery("update documents.deliveries set due_at = now() - interval '1 minute' where document_id = $1", [doc]);
    await p.markOverdue();
    const overdue = (await gql('xa.admin', '{ overdueDeliveries { title recipientName } }')).data?.overdueDeliveries as {
      title: string;
      recipientName: string;
    }[];
    assert.deepEqual(
      overdue.filter((d) => d.title === '看板两个时间').map((d) => d.recipientName),
      ['西安市碑林区人民政府'],
    );
  });
});
