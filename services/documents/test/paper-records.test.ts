// 纸质补录 (issue 20; seed 003 §45, 001 §31): after an outage 新城区's clerk records what travelled on paper. A paper
// document received takes the next 收文编号 and an entry in the 收文登记簿 marked 纸质补录 (also in its CSV); one sent
// is listed beside it; both count in the city's statistics. Other roles and other units are refused or see nothing,
// and bad input is refused naming the field, writing nothing.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { beijingYear } from '@yizhan/common';
import { codeOf, ok, type Platform, startPlatform } from '../../../test/support/harness.ts';

let p: Platform;
const tokens: Record<string, string> = {};
const token = async (user: string) => (tokens[user] ??= await p.login(user));
const gql = async (user: string, query: string, variables: Record<string, unknown> = {}) => p.gql(query, variables, await token(user));
before(async () => {
  p = await startPlatform({ services: ['documents'] });
});
after(() => p?.close());

const RECORD = `mutation($i: PaperRecordInput!) { recordPaperDocument(input: $i) {
  id direction counterpartName docNumber title docType paperAt scanName recordedByName intakeNumber intakeYear outageNote } }`;
const LIST = 'query($d: PaperDirection) { paperRecords(direction: $d) { id direction title intakeNumber } }';
const REGISTER = `query($y: Int!, $s: String) { intakeRegister(year: $y, search: $s) { totalCount nodes {
  number intakeNumber paper paperRecordId deliveryId documentId senderOrgId senderName docNumber title signedByName receivedAt } } }`;
const hoursAgo = (h: number) => new Date(Date.now() - h * 3600_000).toISOString();

test('a paper document received takes the next 收文编号 and shows in the register marked 纸质补录; one sent is listed beside it', async () => {
  const year = beijingYear(new Date(Date.now() - 3 * 3600_000));
  const received = ok(
    await gql('xc.clerk', RECORD, {
      i: {
        direction: 'RECEIVED',
        counterpartName: '西安市人民政府',
        docNumber: '市政发〔2026〕40号',
        title: '关于停电期间纸质公文传递的通知',
        docType: '通知',
        paperAt: hoursAgo(3),
        outageNote: '11月30日平台故障',
      },
    }),
    'recordPaperDocument',
  );
  assert.equal(received.direction, 'RECEIVED');
  assert.equal(received.intakeYear, year);
  assert.notEqual(received.recordedByName, 'xc.clerk', 'the clerk is shown by name');
  const second = ok(
    await gql('xc.clerk', RECORD, {
      i: { direction: 'RECEIVED', counterpartName: '陕西省人民政府办公厅', docNumber: '陕政办函〔2026〕9号', title: '纸质来文二', paperAt: hoursAgo(2) },
    }),
    'recordPaperDocument',
  );
  assert.equal(second.intakeNumber, received.intakeNumber + 1, 'consecutive 收文编号, no gap');
  assert.equal(second.docType, '');

  const sent = ok(
    await gql('xc.clerk', RECORD, {
      i: { direction: 'SENT', counterpartName: '西安市人民政府', docNumber: '新政发〔2026〕5号', title: '关于故障期间工作安排的报告', paperAt: hoursAgo(1) },
    }),
    'recordPaperDocument',
  );
  assert.equal(sent.intakeNumber, null, 'what was sent takes no 收文编号');

  // The register shows the received ones, marked, with no delivery behind them.
  const page = ok(await gql('xc.clerk', REGISTER, { y: year, s: '纸质' }), 'intakeRegister');
  const entry = page.nodes.find((n: { paperRecordId: string }) => n.paperRecordId === received.id);
  assert.ok(entry, 'in the 收文登记簿');
  assert.deepEqual(
    [entry.paper, entry.deliveryId, entry.documentId, entry.senderOrgId, entry.senderName, entry.intakeNumber],
    [true, null, null, null, '西安市人民政府', received.intakeNumber],
  );
  assert.equal(new Date(entry.receivedAt).toISOString(), received.paperAt, 'its paper receipt time');
  assert.ok(!page.nodes.some((n: { title: string }) => n.title === sent.title), 'not what was sent');

  // The CSV marks it.
  const csv = await fetch(`${p.gatewayUrl.replace('/graphql', '/blobs')}?register=intake&year=${year}&format=csv`, {
    headers: { authorization: `Bearer ${await token('xc.clerk')}` },
  });
  assert.equal(csv.status, 200);
  const text = await csv.text();
  assert.ok(text.includes(',【纸质补录】关于停电期间纸质公文传递的通知,'), 'marked 纸质补录 in the export');

  // Both directions listed for the unit; filtered by direction.
  const all = ok<{ id: string }[]>(await gql('xc.clerk', LIST), 'paperRecords').map((r) => r.id);
  assert.deepEqual(new Set(all), new Set([received.id, second.id, sent.id]));
  assert.deepEqual(
    ok<{ id: string }[]>(await gql('xc.admin', LIST, { d: 'SENT' }), 'paperRecords').map((r) => r.id),
    [sent.id],
  );

  // The city's statistics count them beside the electronic figures; 宝鸡市's do not.
  const STATS = 'query($f: DateTimeISO!, $t: DateTimeISO!) { statistics(from: $f, to: $t) { paper { received sent } } }';
  const span = { f: hoursAgo(24), t: new Date(Date.now() + 3600_000).toISOString() };
  assert.deepEqual(ok(await gql('xa.admin', STATS, span), 'statistics').paper, { received: 2, sent: 1 });
  assert.deepEqual(ok(await gql('bj.admin', STATS, span), 'statistics').paper, { received: 0, sent: 0 });
  // 新城区's own row: its paper beside what it exchanged on the network, and the share that went electronically
  // (seed 004 三: 公文交换电子化率); a unit with nothing but paper in the period has its row too.
  const UNITS = `query($f: DateTimeISO!, $t: DateTimeISO!) { statistics(from: $f, to: $t) {
    units { orgId name received documentsSent paperReceived paperSent electronicRate } totals { paperReceived paperSent electronicRate } } }`;
  const xincheng = await p.orgId('610102');
  const stats = ok<{ units: Record<string, any>[]; totals: Record<string, any> }>(await gql('xa.admin', UNITS, span), 'statistics');
  const row = stats.units.find((u) => u.orgId === xincheng);
  assert.ok(row, '新城区 has its row');
  assert.deepEqual([row.paperReceived, row.paperSent], [2, 1]);
  const online = row.received + row.documentsSent;
  assert.equal(row.electronicRate, online / (online + 3));
  assert.deepEqual([stats.totals.paperReceived, stats.totals.paperSent], [2, 1]);
});

test('only the unit’s clerk records; other units see nothing of it; bad input is refused naming the field and nothing is written', async () => {
  const count = () => p.superCount('select count(*) n from documents.paper_records');
  const before = await count();
  const registered = await p.superCount('select count(*) n from documents.intake_register');
  const good = { direction: 'RECEIVED', counterpartName: '西安市人民政府', docNumber: '市政发〔2026〕41号', title: '越权补录', paperAt: hoursAgo(1) };
  for (const user of ['xc.drafter', 'xc.admin', 'xc.leader']) assert.equal(codeOf(await gql(user, RECORD, { i: good })), 'FORBIDDEN', user);
  assert.equal(codeOf(await p.gql(RECORD, { i: good })), 'UNAUTHENTICATED');
  for (const [input, field] of [
    [{ ...good, title: '   ' }, 'title'],
    [{ ...good, counterpartName: '单'.repeat(101) }, 'counterpartName'],
    [{ ...good, paperAt: new Date(Date.now() + 86_400_000).toISOString() }, 'paperAt'],
    [{ ...good, docType: '便条' }, 'docType'],
    [{ ...good, scanSha256: 'a'.repeat(64) }, 'scanSha256'],
    [{ ...good, scanSha256: 'not-a-hash' }, 'scanSha256'],
  ] as const) {
    const r = await gql('xc.clerk', RECORD, { i: input });
    assert.equal(codeOf(r), 'BAD_INPUT', field);
    assert.equal(r.errors?.[0]?.extensions?.field, field);
  }
  assert.equal(await count(), before, 'nothing written');
  assert.equal(await p.superCount('select count(*) n from documents.intake_register'), registered, 'no 收文编号 taken');

  // 新城区's records are its own: a sibling county and another city list none of them; a drafter may not read them.
  const mine = ok<{ id: string }[]>(await gql('xc.clerk', LIST), 'paperRecords').map((r) => r.id);
  assert.ok(mine.length > 0);
  for (const user of ['bl.clerk', 'bj.clerk', 'xa.clerk']) {
    const theirs = ok<{ id: string }[]>(await gql(user, LIST), 'paperRecords').map((r) => r.id);
    assert.ok(!theirs.some((id) => mine.includes(id)), `${user} lists none of 新城区's`);
  }
  assert.equal(codeOf(await gql('xc.drafter', LIST)), 'FORBIDDEN');
});
