// 统计 (issue 16): a city's subtree over a period through the gateway: each unit's deliveries sent and received by
// direction, 接收 and 签收 in time, late or missing, its returns with their reasons, the trend and the 文种; scoped
// to the caller's subtree (a unit below it may be asked for, nothing beside or above), for supervising roles only.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import pg from 'pg';
import { codeOf, type Platform, startPlatform } from '../../../test/support/harness.ts';

const Q = `query($o: ID, $f: DateTimeISO!, $t: DateTimeISO!) { statistics(orgId: $o, from: $f, to: $t) {
  orgName granularity
  totals { received sentDown documentsSent signedOnTime signedMissing returns }
  units { name depth sentDown documentsSent received receivedDown receivedOnTime receivedLate signedOnTime signedLate signedMissing returns signRate band }
  trend { period sent received signedOnTime signedMissing }
  byType { docType direction sent received }
  returnReasons { reason count } } }`;
// A month nothing else was sent in: the test moves its deliveries there.
const range = { f: '2025-03-01T00:00:00+08:00', t: '2025-04-01T00:00:00+08:00' };

describe('statistics at a glance', () => {
  let p: Platform;
  before(async () => {
    p = await startPlatform({ services: ['documents'] });
  });
  after(() => p.close());

  test('a city’s subtree: per unit, per day, per 文种 and per return reason; scoped and refused where it must be', async () => {
    const gql = async (user: string, q: string, v: Record<string, unknown> = {}) => p.gql(q, v, await p.login(user));
    const [xincheng, beilin] = [await p.orgId('610102'), await p.orgId('610103')];
    const send = async (title: string, orgIds: string[]) => {
      const created = await gql('xa.drafter', 'mutation($in: DraftInput!) { createDraft(input: $in) { id } }', {
        in: { docType: '通知', title, body: '正文', docPrefix: '市政发', recipients: [{ orgIds }] },
      });
      const doc = created.data?.createDraft.id;
      await gql('xa.drafter', 'mutation($id: ID!) { submitForApproval(id: $id) { id } }', { id: doc });
      await gql('xa.leader', 'mutation($id: ID!) { approveDocument(id: $id) { id } }', { id: doc });
      await gql('xa.leader', 'mutation($id: ID!) { approveDocument(id: $id) { id } }', { id: doc });
      const sent = await gql('xa.clerk', 'mutation($id: ID!, $k: String!) { sendDocument(id: $id, sendKey: $k) { id } }', { id: doc, k: randomUUID() });
      assert.equal(sent.errors, undefined, JSON.stringify(sent.errors));
      return doc as string;
    };
    const a = await send('统计测试通知一', [xincheng, beilin]);
    const b = await send('统计测试通知二', [beilin]);
    const bDelivery = (await gql('bl.clerk', '{ inbox(first: 50) { nodes { id title } } }')).data?.inbox.nodes.find(
      (d: { title: string }) => d.title === '统计测试通知二',
    )?.id;
    const returned = await gql('bl.clerk', 'mutation($id: ID!) { returnDelivery(id: $id, reason: WRONG_FORMAT, note: "缺页") { id } }', { id: bDelivery });
    assert.equal(returned.errors, undefined, JSON.stringify(returned.errors));

    // Moved into March 2025: sent on Thursday 13th at 16:00, due Friday 9:00. 新城区 opened and signed in time; 碑林区
    // opened A late and never signed; it returned B (on the 14th).
    const c = new pg.Client({ connectionString: p.db.superUrl });
    await c.connect();
    await c.query(
      "update documents.deliveries set delivered_at = '2025-03-13T16:00:00+08:00', document_sent_at = '2025-03-13T16:00:00+08:00', due_at = '2025-03-14T09:00:00+08:00' where document_id = any($1::uuid[])",
      [[a, b]],
    );
    await c.query(
      "update documents.deliveries set status = 'SIGNED', received_at = '2025-03-14T08:30:00+08:00', received_by_name = '王秀兰', receipt_action = 'OPEN', signed_at = '2025-03-14T08:40:00+08:00', signed_by_name = '王秀兰' where document_id = $1 and recipient_org_id = $2",
      [a, xincheng],
    );
    await c.query(
      "update documents.deliveries set status = 'RECEIVED', received_at = '2025-03-14T10:00:00+08:00', received_by_name = '宋佳', receipt_action = 'OPEN' where document_id = $1 and recipient_org_id = $2",
      [a, beilin],
    );
    await c.query("update documents.delivery_history set at = '2025-03-14T11:00:00+08:00' where delivery_id = $1", [bDelivery]);
    await c.end();

    const s = await gql('xa.admin', Q, range);
    assert.equal(s.errors, undefined, JSON.stringify(s.errors));
    const st = s.data?.statistics;
    assert.equal(st.orgName, '西安市人民政府');
    assert.equal(st.granularity, 'day');
    assert.deepEqual(
      st.units.map((u: { name: string; signRate: number | null; band: string }) => [u.name, u.signRate, u.band]),
      [
        ['西安市新城区人民政府', 1, 'GOOD'],
        ['西安市碑林区人民政府', 0, 'POOR'],
        ['西安市人民政府', null, 'NONE'],
      ],
      'ranked by 签收 in time; the sender, with nothing to sign for, last',
    );
    const unit = (name: string) => st.units.find((u: { name: string }) => u.name === name);
    assert.deepEqual(unit('西安市人民政府'), {
      name: '西安市人民政府',
      depth: 2,
      sentDown: 3,
      documentsSent: 2,
      received: 0,
      receivedDown: 0,
      receivedOnTime: 0,
      receivedLate: 0,
      signedOnTime: 0,
      signedLate: 0,
      signedMissing: 0,
      returns: 0,
      signRate: null,
      band: 'NONE',
    });
    const xc = unit('西安市新城区人民政府');
    assert.deepEqual([xc.received, xc.receivedDown, xc.receivedOnTime, xc.signedOnTime, xc.signedMissing, xc.depth], [1, 1, 1, 1, 0, 3]);
    const bl = unit('西安市碑林区人民政府');
    assert.deepEqual([bl.received, bl.receivedLate, bl.signedOnTime, bl.signedMissing, bl.returns], [2, 1, 0, 2, 1]);
    assert.deepEqual(st.totals, { received: 3, sentDown: 3, documentsSent: 2, signedOnTime: 1, signedMissing: 2, returns: 1 });
    // Every day of March drawn, the quiet ones at nought.
    assert.equal(st.trend.length, 31);
    assert.deepEqual(
      st.trend.filter((p: { sent: number; received: number }) => p.sent || p.received),
      [{ period: '2025-03-13', sent: 3, received: 3, signedOnTime: 1, signedMissing: 2 }],
    );
    assert.deepEqual([st.trend[0]?.period, st.trend[30]?.period], ['2025-03-01', '2025-03-31']);
    assert.deepEqual(st.byType, [{ docType: '通知', direction: 'DOWN', sent: 3, received: 3 }]);
    assert.deepEqual(st.returnReasons, [{ reason: 'WRONG_FORMAT', count: 1 }]);

    // A unit below: its own subtree only. The province above sees the city's units among its own.
    const below = (await gql('xa.admin', Q, { ...range, o: xincheng })).data?.statistics;
    assert.deepEqual(
      below.units.map((u: { name: string }) => u.name),
      ['西安市新城区人民政府'],
    );
    assert.equal(below.orgName, '西安市新城区人民政府');
    const province = (await gql('sx.admin', Q, range)).data?.statistics;
    assert.ok(province.units.some((u: { name: string }) => u.name === '西安市碑林区人民政府'));

    // Refusals: not a supervising role, a unit beside or above, a period backwards or too long.
    assert.equal(codeOf(await gql('xa.clerk', Q, range)), 'FORBIDDEN');
    assert.equal(codeOf(await gql('bj.admin', Q, { ...range, o: xincheng })), 'NOT_FOUND', 'another city does not see 新城区 at all');
    const xian = await p.orgId('610100');
    assert.equal(codeOf(await gql('bl.admin', Q, { ...range, o: xian })), 'FORBIDDEN', 'a county is not shown its city’s subtree');
    assert.equal(codeOf(await gql('xa.admin', Q, { ...range, o: 'nonsense' })), 'NOT_FOUND');
    assert.equal(codeOf(await gql('xa.admin', Q, { f: range.t, t: range.f })), 'BAD_INPUT');
    assert.equal(codeOf(await gql('xa.admin', Q, { f: '2023-01-01T00:00:00+08:00', t: range.t })), 'BAD_INPUT');
    const empty = (await gql('bj.admin', Q, range)).data?.statistics;
    assert.deepEqual(empty.units, [], 'another city’s subtree had nothing in that month');

    // 补发 today to 灞桥区 of document A, sent in March 2025: the delivery is kept under its document's year, and
    // counted in the period it was delivered in, not in March's.
    const c2 = new pg.Client({ connectionString: p.db.superUrl });
    await c2.connect();
    await c2.query("update documents.documents set sent_at = '2025-03-13T16:00:00+08:00' where id = $1", [a]);
    await c2.end();
    const baqiao = await p.orgId('610111');
    const added = await gql('xa.clerk', 'mutation($d: ID!, $r: [RecipientSpecInput!]!) { supplementRecipients(documentId: $d, recipients: $r) { added } }', {
      d: a,
      r: [{ orgIds: [baqiao] }],
    });
    assert.equal(added.data?.supplementRecipients.added, 1, JSON.stringify(added.errors));
    const today = { f: new Date(Date.now() - 86_400_000).toISOString(), t: new Date(Date.now() + 86_400_000).toISOString() };
    const now = (await gql('xa.admin', Q, today)).data?.statistics;
    assert.deepEqual(
      now.units.filter((u: { name: string }) => u.name === '西安市灞桥区人民政府').map((u: { received: number }) => u.received),
      [1],
      'the supplement is counted when it was delivered',
    );
    assert.equal((await gql('xa.admin', Q, range)).data?.statistics.totals.received, 3, 'and not in March 2025');
  });

  test('the direction is the one the send was routed by: the provincial office, beside the cities, sends down to a county, whose 报告 answers up', async () => {
    const gql = async (user: string, q: string, v: Record<string, unknown> = {}) => p.gql(q, v, await p.login(user));
    const ok = (r: { data?: any; errors?: unknown }) => {
      assert.equal(r.errors, undefined, JSON.stringify(r.errors));
      return r.data;
    };
    const xincheng = await p.orgId('610102');
    const title = '统计方向测试通知';
    const doc = ok(
      await gql('sxb.drafter', 'mutation($in: DraftInput!) { createDraft(input: $in) { id } }', {
        in: { docType: '通知', title, body: '正文', docPrefix: '陕政办发', recipients: [{ orgIds: [xincheng] }] },
      }),
    ).createDraft.id;
    ok(await gql('sxb.drafter', 'mutation($id: ID!) { submitForApproval(id: $id) { id } }', { id: doc }));
    for (const who of ['sxb.approver', 'sxb.leader']) ok(await gql(who, 'mutation($id: ID!) { approveDocument(id: $id) { id } }', { id: doc }));
    ok(await gql('sxb.clerk', 'mutation($id: ID!, $k: String!) { sendDocument(id: $id, sendKey: $k) { id } }', { id: doc, k: randomUUID() }));
    const delivery = ok(await gql('xc.clerk', '{ inbox(first: 50) { nodes { id title } } }')).inbox.nodes.find((n: { title: string }) => n.title === title).id;
    ok(await gql('xc.clerk', 'mutation($id: ID!) { signForDelivery(id: $id) { id } }', { id: delivery }));
    const reply = ok(await gql('xc.drafter', 'mutation($d: ID!) { draftReply(deliveryId: $d, signer: "罗文彬") { id } }', { d: delivery })).draftReply.id;
    ok(await gql('xc.drafter', 'mutation($id: ID!) { submitForApproval(id: $id) { id } }', { id: reply }));
    for (let i = 0; i < 2; i++) ok(await gql('xc.leader', 'mutation($id: ID!) { approveDocument(id: $id) { id } }', { id: reply }));
    ok(await gql('xc.clerk', 'mutation($id: ID!, $k: String!) { sendDocument(id: $id, sendKey: $k) { id } }', { id: reply, k: randomUUID() }));

    const now = Date.now();
    const st = ok(await gql('sx.admin', Q, { f: new Date(now - 3_600_000).toISOString(), t: new Date(now + 3_600_000).toISOString() })).statistics;
    // (The test before sent its supplement to 碑林区 this hour too: a 通知 down as well.)
    const rows = st.byType.map((b: { docType: string; direction: string; sent: number }) => [b.docType, b.direction, b.sent]);
    assert.deepEqual(
      rows.filter((r: unknown[]) => r[1] !== 'DOWN'),
      [['报告', 'UP', 1]],
      'neither is 平行',
    );
    const office = st.units.find((u: { name: string }) => u.name === '陕西省人民政府办公厅');
    assert.equal(office.sentDown, 1);

    // The office's supervisor: its own subtree is the office alone; the units it sent to are counted apart (SENT_TO),
    // each with what it received of the office's — 新城区 signed for it — and nothing of what others sent them.
    const span = { f: new Date(now - 3_600_000).toISOString(), t: new Date(now + 3_600_000).toISOString() };
    const own = ok(await gql('sxb.supervisor', Q, span)).statistics;
    assert.deepEqual(
      own.units.map((u: { name: string }) => u.name),
      ['陕西省人民政府办公厅'],
      'its subtree is itself',
    );
    const SENT = Q.replace(
      '$t: DateTimeISO!) { statistics(orgId: $o, from: $f, to: $t)',
      '$t: DateTimeISO!, $v: StatisticsView) { statistics(orgId: $o, from: $f, to: $t, view: $v)',
    ).replace('orgName granularity', 'orgName granularity view');
    const sentTo = ok(await gql('sxb.supervisor', SENT, { ...span, v: 'SENT_TO' })).statistics;
    assert.equal(sentTo.view, 'SENT_TO');
    const county = sentTo.units.find((u: { name: string }) => u.name === '西安市新城区人民政府');
    assert.deepEqual([county?.received, county?.signedOnTime + county?.signedLate, county?.documentsSent], [1, 1, 0], JSON.stringify(county));
    assert.equal(sentTo.totals.documentsSent, 1, 'the office’s one document');
    assert.ok(!sentTo.units.some((u: { name: string }) => u.name === '陕西省人民政府办公厅'), 'the office is not among its own recipients');
    assert.equal(
      sentTo.trend.reduce((n: number, t: { sent: number }) => n + t.sent, 0),
      sentTo.totals.received,
      'the trend counts what it sent, each copy once',
    );
    assert.ok(!sentTo.units.some((u: { name: string }) => u.name === '西安市碑林区人民政府'), 'a unit it did not send to is not there (西安市 sent to 碑林区)');
    assert.deepEqual(
      sentTo.byType.map((b: { docType: string; direction: string; sent: number; received: number }) => [b.docType, b.direction, b.sent, b.received]),
      [['通知', 'DOWN', 1, 1]],
      'what it sent, not 新城区’s 报告',
    );
    // A clerk of the office is no supervisor; a unit beside it asks nothing of the office's.
    assert.equal(codeOf(await gql('sxb.clerk', SENT, { ...span, v: 'SENT_TO' })), 'FORBIDDEN');
    const beside = codeOf(await gql('bj.admin', SENT, { ...span, v: 'SENT_TO', o: xincheng }));
    assert.ok(beside === 'NOT_FOUND' || beside === 'FORBIDDEN', `宝鸡市 asking for what 新城区 sent to: ${beside}`);
  });
});
