// Outage notices that reach people (issue 20; seed 003 §45, 001 §31): a fault unresolved and not escalated two hours
// after its report gets the platform's own outage notice to the answering office's part of the tree, and every outage
// notice is texted once to the registered contacts of each unit it reaches, through documents' alert dispatcher (here
// a local SMS gateway), and so is the restoration notice that follows its withdrawal (恢复后另行通知). Time is moved by dating the report back. Run twice, replayed, or escalated meanwhile, nothing
// is published or texted twice; other cities are neither told nor texted, nor read the texts.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import pg from 'pg';
import { asDemoUsers, codeOf, eventually, ok, type Platform } from '../../../test/support/harness.ts';
import { textingPlatform } from '../../../test/support/sms-gateway.ts';

let p: Platform;
const sms = textingPlatform((platform) => (p = platform));

const { gql } = asDemoUsers(() => p);
const REPORT = 'mutation($i: FaultReportInput!) { reportFault(input: $i) { id } }';
const ANNOUNCEMENTS = '{ announcements { id kind title body orgName scopeName publishedByName faultReportId words { made unit plan reportedAt office } } }';
type Notice = {
  id: string;
  kind: string;
  title: string;
  body: string;
  scopeName: string;
  publishedByName: string;
  faultReportId: string;
  words: Record<string, string | null> | null;
};
const noticesOf = async (user: string, faultId: string) =>
  ok<Notice[]>(await gql(user, ANNOUNCEMENTS), 'announcements').filter((a) => a.faultReportId === faultId);

/** The mobiles of the registered contacts of the active units within a unit's part of the tree. */
const mobilesWithin = async (code: string) =>
  (
    await p.superQuery<{ mobile: string }>(
      `select distinct btrim(c.mobile) mobile from org.contacts c join org.orgs o on o.id = c.org_id
       where o.path <@ (select path from org.orgs where code = $1) and o.status = 'ACTIVE' and c.mobile is not null order by 1`,
      [code],
    )
  ).map((r) => r.mobile);
const textedTo = () => [...new Set(sms.map((s) => s.mobile))].sort();
/** Follows org's events in documents until the dispatcher has sent `n` texts in all. */
const untilTexted = (n: number) =>
  eventually(
    async () => sms.length,
    (v) => v >= n,
    () => p.drainDocumentsOrgEvents(),
  );

test('two hours without a fix: the platform publishes the outage notice to the office’s part of the tree and texts each unit’s contacts once', async () => {
  const fault = ok<{ id: string }>(await gql('xc.clerk', REPORT, { i: { kind: 'PLATFORM_DOWN', description: '无法登录驿站，收文中断' } }), 'reportFault');
  // Within two hours: nothing yet.
  assert.deepEqual(await p.notifyOutages(), { notices: 0, restored: 0, texted: 0 });
  assert.equal((await noticesOf('xc.clerk', fault.id)).length, 0);

  // Two hours pass without an answer or a fix (the report is dated back).
  await p.superQuery("update org.fault_reports set reported_at = now() - interval '2 hours 1 minute' where id = $1", [fault.id]);
  const xian = await mobilesWithin('610100');
  const baoji = await mobilesWithin('610300');
  assert.ok(xian.length >= 3 && baoji.length >= 1, 'the demo registers contacts with mobiles in both cities');
  const units = await p.superCount(
    `select count(distinct o.id) n from org.orgs o join org.contacts c on c.org_id = o.id
     where o.path <@ (select path from org.orgs where code = '610100') and o.status = 'ACTIVE' and c.mobile is not null`,
  );
  assert.deepEqual(await p.notifyOutages(), { notices: 1, restored: 0, texted: units }, 'one notice; one hand-over per unit of 西安市 with contacts');
  assert.deepEqual(await p.notifyOutages(), { notices: 0, restored: 0, texted: 0 }, 'a second run does nothing');

  // The notice reaches the city (the office that answers 新城区) and its counties, not another city.
  const [notice] = await noticesOf('bl.clerk', fault.id);
  assert.equal(notice?.kind, 'OUTAGE');
  assert.equal(notice?.scopeName, '西安市人民政府');
  assert.equal(notice?.publishedByName, '驿站平台（自动）');
  assert.match(notice?.title ?? '', /^西安市新城区人民政府.*请改用纸质公文传递$/);
  assert.match(notice?.body ?? '', /超过2小时未排除.*纸质书面方式传递/);
  // Its words too, for a reader in English: who reported, when, and the office that answers.
  const reportedAt = (await p.superQuery<{ at: Date }>('select reported_at at from org.fault_reports where id = $1', [fault.id]))[0]?.at;
  assert.deepEqual(notice?.words, {
    made: 'OVERDUE_FAULT',
    unit: '西安市新城区人民政府',
    plan: null,
    reportedAt: reportedAt?.toISOString(),
    office: '西安市人民政府',
  });
  assert.equal((await noticesOf('xa.clerk', fault.id)).length, 1);
  assert.equal((await noticesOf('bj.clerk', fault.id)).length, 0, 'another city is not told');
  assert.equal((await noticesOf('sx.admin', fault.id)).length, 0, 'nor the province above');

  // Each mobile of 西安市's units gets one text, through documents' alert dispatcher; 宝鸡市's none.
  await untilTexted(xian.length);
  assert.deepEqual(textedTo(), xian);
  assert.equal(sms.length, xian.length, 'one text per mobile');
  assert.ok(sms.every((s) => s.text.startsWith('【驿站】西安市新城区人民政府') && s.text.includes('以纸质书面方式传递')));
  assert.ok(!sms.some((s) => baoji.includes(s.mobile)));
  assert.equal(
    await p.superCount("select count(*) n from documents.alerts where announcement_id = $1 and status = 'SENT' and delivery_id is null", [notice?.id]),
    xian.length,
  );

  // The event again (documents' position moved back, as after a restored backup): no second text.
  await p.superQuery("update documents.event_offsets set seq = 0 where source = 'org'");
  await p.drainDocumentsOrgEvents();
  await new Promise((r) => setTimeout(r, 400));
  assert.equal(await p.superCount('select count(*) n from documents.alerts where announcement_id = $1', [notice?.id]), xian.length);
  assert.equal(sms.length, xian.length);

  // The office escalates late with its plan: the platform's notice stands, no second notice and no second text.
  const ESCALATE = 'mutation($id: ID!, $p: String!) { escalateFault(id: $id, plan: $p) { status } }';
  assert.equal(ok<{ status: string }>(await gql('xa.admin', ESCALATE, { id: fault.id, p: '启用备用线路' }), 'escalateFault').status, 'ESCALATED');
  assert.equal(await p.superCount("select count(*) n from org.announcements where fault_report_id = $1 and kind = 'OUTAGE'", [fault.id]), 1);
  assert.deepEqual(await p.notifyOutages(), { notices: 0, restored: 0, texted: 0 });

  // Fixed: the paper fallback ends — the notice is withdrawn and no longer shows.
  const RESOLVE = 'mutation($id: ID!, $r: String!) { resolveFault(id: $id, resolution: $r) { status } }';
  ok(await gql('xa.admin', RESOLVE, { id: fault.id, r: '线路已恢复' }), 'resolveFault');
  assert.equal((await noticesOf('xc.clerk', fault.id)).length, 0);
  assert.equal(await p.superCount('select count(*) n from org.announcements where fault_report_id = $1 and withdrawn_at is not null', [fault.id]), 1);

  // 恢复后另行通知: the platform tells the same units, on the banner for three days and by text, to work electronically
  // again and to record what travelled on paper; once.
  assert.deepEqual(await p.notifyOutages(), { notices: 0, restored: 1, texted: units });
  assert.deepEqual(await p.notifyOutages(), { notices: 0, restored: 0, texted: 0 }, 'restored once');
  const [restored] = await noticesOf('bl.clerk', fault.id);
  assert.equal(restored?.kind, 'NOTICE');
  assert.equal(restored?.title, '西安市新城区人民政府电子公文传输系统已恢复');
  assert.match(restored?.body ?? '', /已恢复正常.*纸质补录/);
  assert.deepEqual(restored?.words, { made: 'RESTORED', unit: '西安市新城区人民政府', plan: null, reportedAt: null, office: null });
  assert.equal((await noticesOf('bj.clerk', fault.id)).length, 0, 'another city is not told');
  await untilTexted(2 * xian.length);
  const again = sms.slice(xian.length);
  assert.deepEqual([...new Set(again.map((s) => s.mobile))].sort(), xian, 'the same contacts');
  assert.equal(again.length, xian.length, 'each once');
  assert.ok(again.every((s) => s.text.includes('已恢复') && s.text.includes('补录')));
});

test('an office’s own outage notice is texted once; escalated or resolved faults get none of the platform’s; withdrawn before the job, none is texted', async () => {
  const before = sms.length;
  const bj = await mobilesWithin('610300');
  // 宝鸡市 reports; the province answers and escalates at once with an outage notice to the whole province.
  const own = ok<{ id: string }>(await gql('bj.clerk', REPORT, { i: { kind: 'CANNOT_SEND', description: '发文提交后无响应' } }), 'reportFault');
  // A county's report resolved within the two hours, and another escalated without a notice: the platform is silent.
  const fixed = ok<{ id: string }>(await gql('bl.clerk', REPORT, { i: { kind: 'OTHER', description: '打印慢' } }), 'reportFault');
  ok(await gql('xa.admin', 'mutation($id: ID!) { resolveFault(id: $id, resolution: "已处理") { id } }', { id: fixed.id }), 'resolveFault');
  const planned = ok<{ id: string }>(await gql('xc.clerk', REPORT, { i: { kind: 'SEAL', description: '印章无法加盖' } }), 'reportFault');
  ok(
    await gql('xa.admin', 'mutation($id: ID!) { escalateFault(id: $id, plan: "改用备用印章", declareOutage: false) { id } }', { id: planned.id }),
    'escalateFault',
  );
  await p.superQuery("update org.fault_reports set reported_at = now() - interval '3 hours' where id = any($1::uuid[])", [[own.id, fixed.id, planned.id]]);

  // The city's own administrator may not escalate its own report; the province's notice is published by a person.
  const ESCALATE = 'mutation($id: ID!, $p: String!) { escalateFault(id: $id, plan: $p) { status } }';
  assert.equal(codeOf(await gql('bj.admin', ESCALATE, { id: own.id, p: '自行处理' })), 'FORBIDDEN');
  assert.equal(codeOf(await gql('bj.clerk', ESCALATE, { id: own.id, p: '自行处理' })), 'FORBIDDEN');
  ok(await gql('sx.admin', ESCALATE, { id: own.id, p: '省平台切换至备用机房' }), 'escalateFault');
  const [notice] = await noticesOf('bj.clerk', own.id);
  assert.notEqual(notice?.publishedByName, '驿站平台（自动）');
  assert.deepEqual(notice?.words, { made: 'ESCALATED', unit: '陕西省人民政府', plan: '省平台切换至备用机房', reportedAt: null, office: null });

  // Withdrawn before the job runs: a notice to 西安市 that is never texted.
  const PUBLISH = 'mutation($i: AnnouncementInput!) { publishAnnouncement(input: $i) { id } }';
  const gone = ok<{ id: string }>(await gql('xa.admin', PUBLISH, { i: { kind: 'OUTAGE', title: '误发的停用通知', body: '误发' } }), 'publishAnnouncement');
  assert.equal(
    (await p.superQuery<{ words: unknown }>('select words from org.announcements where id = $1', [gone.id]))[0]?.words,
    null,
    'a person’s own announcement is shown as written',
  );
  ok(await gql('xa.admin', 'mutation($id: ID!) { withdrawAnnouncement(id: $id) { id } }', { id: gone.id }), 'withdrawAnnouncement');

  const turn = await p.notifyOutages();
  assert.equal(turn.notices, 0, 'no notice of the platform’s for an escalated, resolved or already noticed fault');
  assert.ok(turn.texted > 0);
  assert.deepEqual(await p.notifyOutages(), { notices: 0, restored: 0, texted: 0 });
  const province = await mobilesWithin('610000');
  await untilTexted(before + province.length);
  const texts = sms.slice(before);
  assert.equal(texts.length, province.length, 'each mobile of the province once');
  assert.ok(bj.every((m) => texts.some((s) => s.mobile === m)));
  assert.ok(texts.every((s) => s.text.includes('陕西省人民政府') && !s.text.includes('误发')));
  assert.equal(await p.superCount('select count(*) n from documents.alerts where announcement_id = $1', [gone.id]), 0);
  assert.equal(await p.superCount('select count(*) n from org.announcements where restores_id = $1', [gone.id]), 0, 'never texted: no restoration');
  assert.equal(
    await p.superCount('select count(*) n from org.announcements where fault_report_id = any($1::uuid[]) and automatic', [[fixed.id, planned.id]]),
    0,
  );
});

test('a unit reads only its own outage texts, never another city’s', async () => {
  const app = new pg.Client({ connectionString: p.db.appUrl });
  await app.connect();
  try {
    // Under 碑林区's scope the application sees only its own unit's texts, never 宝鸡市's.
    await app.query('begin');
    const bl = (await p.superQuery<{ path: string }>("select path::text from org.orgs where code = '610103'"))[0]?.path;
    await app.query("select set_config('yizhan.org_path', $1, true)", [bl]);
    const { rows } = await app.query('select distinct recipient_path::text from documents.alerts where announcement_id is not null');
    await app.query('rollback');
    assert.ok(rows.length >= 1 && rows.every((r) => r.recipient_path === bl || String(r.recipient_path).startsWith(`${bl}.`)));
  } finally {
    await app.end();
  }
});
