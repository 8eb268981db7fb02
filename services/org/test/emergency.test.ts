// The seeds' emergency procedures through the gateway (seed 003 §44–45, 001 §31): a county reports a fault, the city's
// e-government office answers it, escalates it after two hours with an outage notice that reaches the city's counties
// (and not another city's), and resolves it; administrators publish and withdraw announcements to their part of the
// tree. Wrong units and roles are refused, and bad input changes nothing.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { asDemoUsers, codeOf, ok, type Platform, startPlatform } from '../../../test/support/harness.ts';

let p: Platform;
const { gql } = asDemoUsers(() => p);
before(async () => {
  p = await startPlatform({ services: ['org'] });
});
after(() => p?.close());

const FAULT =
  'id orgName kind description reportedByName status responseLate escalationDue responseDueAt escalationDueAt response respondedByName escalationPlan resolution mayAnswer';
const REPORT = `mutation($i: FaultReportInput!) { reportFault(input: $i) { ${FAULT} } }`;
const LIST = `query($o: Boolean) { faultReports(openOnly: $o) { ${FAULT} } }`;
const ANNOUNCEMENTS = '{ announcements { id kind title body orgName scopeName publishedByName faultReportId } }';
const titles = async (user: string) => ok<{ title: string }[]>(await gql(user, ANNOUNCEMENTS), 'announcements').map((a) => a.title);

describe('fault reports (003 §44–45)', () => {
  test('a county reports; the city answers within the hour, escalates after two with an outage notice, and resolves it', async () => {
    const reported = ok(
      await gql('xc.clerk', REPORT, { i: { kind: 'CANNOT_RECEIVE', description: '收文列表打不开，提示网络错误', contactPhone: '029-87654321' } }),
      'reportFault',
    );
    assert.equal(reported.orgName, '西安市新城区人民政府');
    assert.equal(reported.status, 'REPORTED');
    assert.notEqual(reported.reportedByName, 'xc.clerk', 'the reporter is shown by name');
    assert.equal(new Date(reported.responseDueAt).getTime() - Date.now() < 3600_000 + 5000, true);
    assert.equal(reported.mayAnswer, false, 'the county does not answer its own report');

    // The city sees it among its open reports and may answer it; a sibling county and another city do not see it.
    const cityView = ok<{ id: string; mayAnswer: boolean }[]>(await gql('xa.admin', LIST, { o: true }), 'faultReports');
    assert.equal(cityView.find((f) => f.id === reported.id)?.mayAnswer, true);
    for (const user of ['bl.admin', 'bj.admin', 'bl.clerk'])
      assert.ok(!ok<{ id: string }[]>(await gql(user, LIST), 'faultReports').some((f) => f.id === reported.id), `${user} does not see it`);

    // Answering is the office's: not the county, not a clerk of the city, not another city.
    const RESPOND = `mutation($id: ID!, $r: String!) { respondToFault(id: $id, response: $r) { ${FAULT} } }`;
    assert.equal(codeOf(await gql('xc.admin', RESPOND, { id: reported.id, r: '自己答复' })), 'FORBIDDEN');
    assert.equal(codeOf(await gql('xa.clerk', RESPOND, { id: reported.id, r: '已收到' })), 'FORBIDDEN');
    assert.equal(codeOf(await gql('bj.admin', RESPOND, { id: reported.id, r: '已收到' })), 'NOT_FOUND');
    assert.equal(codeOf(await gql('xa.admin', RESPOND, { id: reported.id, r: '   ' })), 'BAD_INPUT');
    assert.equal(await p.superCount('select count(*) n from org.fault_reports where id = $1 and responded_at is not null', [reported.id]), 0);
    const answered = ok(await gql('xa.admin', RESPOND, { id: reported.id, r: '已派技术人员排查' }), 'respondToFault');
    assert.deepEqual([answered.status, answered.responseLate, answered.response], ['RESPONDED', false, '已派技术人员排查']);
    assert.equal(codeOf(await gql('sx.admin', RESPOND, { id: reported.id, r: '再答复一次' })), 'CONFLICT', 'answered once');

    // Two hours pass without a fix (the report is dated back): escalation is due, and the answer stays in time.
    await p.superQuery(
      "update org.fault_reports set reported_at = now() - interval '2 hours 5 minutes', responded_at = now() - interval '2 hours' where id = $1",
      [reported.id],
    );
    const due = ok<{ id: string; escalationDue: boolean; responseLate: boolean }[]>(await gql('xa.admin', LIST, { o: true }), 'faultReports').find(
      (f) => f.id === reported.id,
    );
    assert.deepEqual([due?.escalationDue, due?.responseLate], [true, false]);

    const ESCALATE = `mutation($id: ID!, $p: String!) { escalateFault(id: $id, plan: $p) { ${FAULT} } }`;
    const escalated = ok(await gql('xa.admin', ESCALATE, { id: reported.id, p: '更换新城区前置机，预计今日18时前恢复' }), 'escalateFault');
    assert.deepEqual([escalated.status, escalated.escalationDue], ['ESCALATED', false]);
    // The outage notice reaches the city and its counties, not another city; it names the fault report.
    const notice = ok<{ kind: string; title: string; body: string; faultReportId: string; scopeName: string }[]>(
      await gql('bl.clerk', ANNOUNCEMENTS),
      'announcements',
    ).find((a) => a.faultReportId === reported.id);
    assert.equal(notice?.kind, 'OUTAGE');
    assert.match(notice?.title ?? '', /请改用纸质公文传递/);
    assert.match(notice?.body ?? '', /更换新城区前置机/);
    assert.equal(notice?.scopeName, '西安市人民政府');
    assert.ok((await titles('xa.clerk')).includes(notice?.title as string));
    assert.ok(!(await titles('bj.clerk')).includes(notice?.title as string), 'another city is not told');

    const RESOLVE = `mutation($id: ID!, $r: String!) { resolveFault(id: $id, resolution: $r) { ${FAULT} } }`;
    const resolved = ok(await gql('xa.admin', RESOLVE, { id: reported.id, r: '前置机已更换，收文恢复正常' }), 'resolveFault');
    assert.equal(resolved.status, 'RESOLVED');
    assert.equal(codeOf(await gql('xa.admin', RESOLVE, { id: reported.id, r: '再次' })), 'CONFLICT');
    assert.ok(!ok<{ id: string }[]>(await gql('xa.admin', LIST, { o: true }), 'faultReports').some((f) => f.id === reported.id), 'no longer open');
  });

  test('the province answers its own faults; bad input is refused naming the field, and nothing is written', async () => {
    const own = ok(await gql('sxb.clerk', REPORT, { i: { kind: 'PLATFORM_DOWN', description: '平台无法登录' } }), 'reportFault');
    assert.equal(ok<{ id: string; mayAnswer: boolean }[]>(await gql('sx.admin', LIST), 'faultReports').find((f) => f.id === own.id)?.mayAnswer, true);
    const before = await p.superCount('select count(*) n from org.fault_reports');
    const bad = await gql('xc.clerk', REPORT, { i: { kind: 'OTHER', description: '长'.repeat(2001) } });
    assert.equal(codeOf(bad), 'BAD_INPUT');
    assert.equal(bad.errors?.[0]?.extensions?.field, 'description');
    assert.equal(codeOf(await gql('xc.clerk', REPORT, { i: { kind: 'OTHER', description: '无法发送', contactPhone: '打我电话' } })), 'BAD_INPUT');
    assert.equal(codeOf(await gql('xc.clerk', REPORT, { i: { kind: 'NOT_A_KIND', description: '无法发送' } })), 'BAD_REQUEST');
    assert.equal(await p.superCount('select count(*) n from org.fault_reports'), before);
    assert.equal(codeOf(await p.gql(REPORT, { i: { kind: 'OTHER', description: '匿名' } })), 'UNAUTHENTICATED');
  });
});

describe('announcements (系统公告)', () => {
  const PUBLISH = 'mutation($i: AnnouncementInput!) { publishAnnouncement(input: $i) { id title scopeName publishedByName withdrawnAt } }';
  const WITHDRAW = 'mutation($id: ID!) { withdrawAnnouncement(id: $id) { id withdrawnAt withdrawnByName } }';

  test('the province tells every unit; a city tells its own; withdrawn, it is gone from the banner but kept for the record', async () => {
    const all = ok(
      await gql('sx.admin', PUBLISH, { i: { kind: 'NOTICE', title: '平台将于周六22时至24时维护', body: '维护期间暂停收发文，请提前安排。' } }),
      'publishAnnouncement',
    );
    assert.equal(all.scopeName, '陕西省人民政府');
    for (const user of ['sxb.clerk', 'xa.clerk', 'xc.clerk', 'bj.clerk'])
      assert.ok((await titles(user)).includes(all.title), `${user} sees the province’s notice`);

    const xian = await p.orgId('610100');
    const city = ok(
      await gql('xa.admin', PUBLISH, { i: { kind: 'NOTICE', title: '西安市收文员培训通知', body: '12月5日上午9时，市政府三楼会议室。', scopeOrgId: xian } }),
      'publishAnnouncement',
    );
    assert.ok((await titles('xc.clerk')).includes(city.title));
    assert.ok(!(await titles('bj.clerk')).includes(city.title), 'another city does not see it');
    assert.ok(
      (await titles('sx.admin')).every((t) => t !== city.title),
      'the province’s banner shows what reaches it, not every city’s notice',
    );
    assert.ok(
      ok<{ id: string }[]>(await gql('sx.admin', '{ issuedAnnouncements { id } }'), 'issuedAnnouncements').some((a) => a.id === city.id),
      'the province lists what was published below it',
    );

    // Outside one's own part of the tree, or not an administrator: refused, nothing written.
    const baoji = await p.orgId('610300');
    const count = await p.superCount('select count(*) n from org.announcements');
    assert.equal(codeOf(await gql('xa.admin', PUBLISH, { i: { kind: 'NOTICE', title: '越权', body: '越权', scopeOrgId: baoji } })), 'FORBIDDEN');
    assert.equal(codeOf(await gql('xa.clerk', PUBLISH, { i: { kind: 'NOTICE', title: '越权', body: '越权' } })), 'FORBIDDEN');
    assert.equal(codeOf(await gql('xa.admin', PUBLISH, { i: { kind: 'NOTICE', title: '', body: '空标题' } })), 'BAD_INPUT');
    assert.equal(codeOf(await gql('xa.admin', PUBLISH, { i: { kind: 'NOTICE', title: '过期', body: '过期', endsAt: '2020-01-01T00:00:00Z' } })), 'BAD_INPUT');
    assert.equal(await p.superCount('select count(*) n from org.announcements'), count);
    assert.equal(codeOf(await gql('xc.clerk', '{ issuedAnnouncements { id } }')), 'FORBIDDEN');

    // Withdrawing: the county it reaches may not; another city does not learn it exists; the city may.
    assert.equal(codeOf(await gql('xc.admin', WITHDRAW, { id: city.id })), 'FORBIDDEN');
    assert.equal(codeOf(await gql('bj.admin', WITHDRAW, { id: city.id })), 'NOT_FOUND');
    const gone = ok(await gql('xa.admin', WITHDRAW, { id: city.id }), 'withdrawAnnouncement');
    assert.ok(gone.withdrawnAt);
    assert.notEqual(gone.withdrawnByName, 'xa.admin');
    assert.ok(!(await titles('xc.clerk')).includes(city.title), 'no longer shown');
    assert.equal(codeOf(await gql('sx.admin', WITHDRAW, { id: city.id })), 'CONFLICT');
  });

  test('an announcement that has ended no longer shows', async () => {
    const soon = new Date(Date.now() + 60_000).toISOString();
    const a = ok(await gql('xa.admin', PUBLISH, { i: { kind: 'NOTICE', title: '一分钟后结束的通知', body: '测试', endsAt: soon } }), 'publishAnnouncement');
    assert.ok((await titles('xa.clerk')).includes(a.title));
    await p.superQuery("update org.announcements set published_at = now() - interval '2 minutes', ends_at = now() - interval '1 second' where id = $1", [a.id]);
    assert.ok(!(await titles('xa.clerk')).includes(a.title));
  });
});
