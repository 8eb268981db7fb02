// The audit log (issue 14; seed 003 §42): logins with their address and outcome, every mutation of org and documents
// with its arguments (never a password), downloads and exports; a unit's part read by its administrators and those
// above it, nobody else; append-only underneath the application; exported as CSV; and the two reports, accounts
// unused for long and suspicious login patterns.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import pg from 'pg';
import { parseCsv } from '../web/lib/sheet.ts';
import { tinyPdf } from './support/files.ts';
import { asDemoUsers, codeOf, eventually, ok, type Platform, startPlatform } from './support/harness.ts';
import { approvedOfficeDocument } from './support/seals.ts';

let p: Platform;
const ids: Record<string, string> = {};
const { gql, tokens } = asDemoUsers(() => p);
before(async () => {
  p = await startPlatform({ services: ['documents', 'certificates', 'archive'] });
  for (const [k, code] of Object.entries({ xian: '610100', xincheng: '610102', beilin: '610103' })) ids[k] = await p.orgId(code);
});
after(() => p?.close());

interface Entry {
  source: string;
  category: string;
  action: string;
  outcome: string;
  actorName: string | null;
  actorUsername: string | null;
  unitName: string | null;
  targetId: string | null;
  targetName: string | null;
  clientAddress: string | null;
  detail: string;
}
const LOG = `query($o: ID!, $c: AuditCategory) { auditLog(orgId: $o, category: $c, first: 100) {
  nodes { source category action outcome actorName actorUsername unitName targetId targetName clientAddress detail } pageInfo { hasNextPage } } }`;
const read = async (who: string, orgId: string, category?: string) => {
  const r = await p.gql(LOG, { o: orgId, c: category ?? null }, await p.login(who));
  assert.equal(r.errors, undefined, JSON.stringify(r.errors));
  return r.data?.auditLog.nodes as Entry[];
};

test('logins are recorded with the person’s name, the address and the outcome; a wrong password names the refusal', async () => {
  await p.login('xc.clerk');
  const wrong = await p.gql('mutation { login(username: "xc.clerk", password: "not-the-password") { token } }');
  assert.equal(codeOf(wrong), 'INVALID_CREDENTIALS');
  const logins = await read('xc.admin', ids.xincheng as string, 'LOGIN');
  const ok = logins.find((e) => e.actorUsername === 'xc.clerk' && e.outcome === 'OK');
  assert.ok(ok, 'the login is there');
  assert.equal(ok.actorName, '王秀兰', 'shown by name');
  assert.equal(ok.clientAddress, '127.0.0.1');
  const refused = logins.find((e) => e.actorUsername === 'xc.clerk' && e.outcome === 'REFUSED');
  assert.ok(refused);
  assert.equal(JSON.parse(refused.detail).code, 'INVALID_CREDENTIALS');
  assert.ok(!logins.some((e) => e.detail.includes('not-the-password')), 'the password tried is never kept');
});

test('administrative changes are recorded with their arguments, secrets removed; refusals too, in the actor’s unit', async () => {
  const admin = await p.login('xc.admin');
  const created = await p.gql(
    'mutation($in: CreateUserInput!) { createUser(input: $in) { user { id } oneTimePassword } }',
    { in: { orgId: ids.xincheng, username: 'xc.audit-test', displayName: '审计测试员', roles: ['CLERK'] } },
    admin,
  );
  const password = created.data?.createUser.oneTimePassword as string;
  assert.ok(password, JSON.stringify(created.errors));
  const userId = created.data?.createUser.user.id as string;
  await p.gql('mutation($id: ID!) { resetPassword(id: $id) { oneTimePassword } }', { id: userId }, await p.login('bl.admin'));

  const entries = await read('xc.admin', ids.xincheng as string, 'ADMIN');
  const creation = entries.find((e) => e.action === 'createUser');
  assert.ok(creation, 'createUser is in the log');
  assert.equal(creation.outcome, 'OK');
  assert.equal(creation.actorName, '高鹏');
  assert.equal(JSON.parse(creation.detail).args.input.username, 'xc.audit-test');
  // What was made is named by the person's name and the new account's id, though the client asked back only its id.
  assert.deepEqual([creation.targetName, creation.targetId], ['审计测试员', userId]);
  assert.ok(!entries.some((e) => e.detail.includes(password)), 'the one-time password is not in the log');

  const beilin = await read('bl.admin', ids.beilin as string, 'ADMIN');
  const refused = beilin.find((e) => e.action === 'resetPassword');
  assert.equal(refused?.outcome, 'REFUSED', 'the attempt on another unit’s account is in the attacker’s unit’s log');
  assert.ok(['NOT_FOUND', 'FORBIDDEN'].includes(JSON.parse(refused?.detail ?? '{}').code));
});

test('an attempt is recorded whatever its arguments: an id too long to keep whole, and values written in the operation', async () => {
  const admin = await p.login('bl.admin');
  // An id of 300 characters: refused, and its attempt kept (the entry holds the first 200).
  const long = 'A'.repeat(300);
  await p.gql('mutation($id: ID!) { resetPassword(id: $id) { oneTimePassword } }', { id: long }, admin);
  // A literal in the operation is recorded as its value, not as the kind of value it is.
  await p.gql('mutation { resetPassword(id: "not-an-account-written-inline") { oneTimePassword } }', {}, admin);
  const entries = await read('bl.admin', ids.beilin as string, 'ADMIN');
  const attempts = entries.filter((e) => e.action === 'resetPassword').map((e) => JSON.parse(e.detail).args.id as string);
  assert.ok(
    attempts.some((id) => id.startsWith('A'.repeat(200))),
    `the long id's attempt is kept: ${attempts.join(' | ')}`,
  );
  assert.ok(attempts.includes('not-an-account-written-inline'), `the inline literal as written: ${attempts.join(' | ')}`);
});

test('a unit’s log is read by its administrators and those above it, by nobody beside or below, and by no other role', async () => {
  const city = await read('xa.admin', ids.xincheng as string);
  assert.ok(
    city.some((e) => e.actorUsername === 'xc.clerk'),
    'the city’s administrator reads the county’s log',
  );
  for (const who of ['bl.admin', 'xc.clerk', 'xc.drafter', 'xc.leader']) {
    const r = await p.gql(LOG, { o: ids.xincheng }, await p.login(who));
    assert.ok(['FORBIDDEN', 'NOT_FOUND'].includes(codeOf(r) ?? ''), `${who}: ${JSON.stringify(r)}`);
  }
  const r = await p.gql(LOG, { o: ids.xian }, await p.login('xc.admin'));
  assert.equal(codeOf(r), 'FORBIDDEN', 'a county administrator does not read the city’s log');
  // The county's own log does not show the city's people's entries (other than those about the county).
  const own = await read('xc.admin', ids.xincheng as string);
  assert.ok(!own.some((e) => e.unitName === '西安市人民政府'), 'nothing of the city');
});

test('documents hands its entries over: a draft and a download appear in the unit’s log', async () => {
  const drafter = await p.login('xc.drafter');
  const draft = await p.gql(
    'mutation($in: DraftInput!) { createDraft(input: $in) { id } }',
    { in: { docType: '报告', title: '审计测试报告', body: '<p>正文</p>' } },
    drafter,
  );
  assert.equal(draft.errors, undefined, JSON.stringify(draft.errors));
  const blobs = p.gatewayUrl.replace('/graphql', '/blobs');
  const uploaded = await fetch(blobs, {
    method: 'POST',
    headers: { authorization: `Bearer ${drafter}`, 'content-type': 'application/pdf', 'x-filename': encodeURIComponent('附件.pdf') },
    body: new Uint8Array(tinyPdf('审计')),
  });
  const { sha256 } = (await uploaded.json()) as { sha256: string };
  assert.equal((await fetch(`${blobs}/${sha256}`, { headers: { authorization: `Bearer ${drafter}` } })).status, 200);

  const entries = await eventually(
    () => read('xc.admin', ids.xincheng as string),
    (es) => es.some((e) => e.action === 'createDraft') && es.some((e) => e.action === 'download'),
  );
  const created = entries.find((e) => e.action === 'createDraft');
  assert.equal(created?.category, 'DOCUMENT');
  assert.equal(created?.actorName, '林强');
  assert.equal(JSON.parse(created?.detail ?? '{}').args.input.body, '[removed]', 'a document’s text is not copied into the log');
  const download = entries.find((e) => e.action === 'download');
  assert.equal(download?.category, 'DOWNLOAD');
  assert.equal(JSON.parse(download?.detail ?? '{}').filename, '附件.pdf');
  assert.equal(download?.targetName, '附件.pdf', 'the file is named under 对象');
  assert.equal(download?.clientAddress, '127.0.0.1', 'a download through the gateway names where it came from, as a GraphQL call does');
});

test('the certificates service hands its entries over too, refusals included', async () => {
  const id = '00000000-0000-4000-8000-000000000000';
  const r = await p.gql('mutation($id: ID!) { suspendCertificate(id: $id, reason: "遗失") { id } }', { id }, await p.login('xc.admin'));
  assert.ok(codeOf(r), 'refused');
  const entries = await eventually(
    () => read('xc.admin', ids.xincheng as string, 'ADMIN'),
    (es) => es.some((e) => e.source === 'certificates'),
  );
  const entry = entries.find((e) => e.source === 'certificates');
  assert.equal(entry?.action, 'suspendCertificate');
  assert.equal(entry?.outcome, 'REFUSED');
  assert.equal(JSON.parse(entry?.detail ?? '{}').args.reason, '遗失');
  assert.equal(entry?.targetName, null, 'a refusal names nothing it did not act on');
});

test('the log is append-only underneath the application: no update, no delete, not even by its owner', async () => {
  const before = await p.superCount('select count(*) as n from org.audit_log');
  assert.ok(before > 0);
  const app = new pg.Client({ connectionString: p.db.appUrl });
  await app.connect();
  try {
    await app.query("select set_config('yizhan.org_path', 'p61', false)");
    assert.ok((await app.query('select count(*)::int as n from org.audit_log')).rows[0].n > 0, 'the application role reads it in scope');
    await assert.rejects(app.query("update org.audit_log set outcome = 'OK'"), /permission denied/);
    await assert.rejects(app.query('delete from org.audit_log'), /permission denied/);
    await assert.rejects(app.query('truncate org.audit_log'), /permission denied/);
  } finally {
    await app.end();
  }
  await assert.rejects(p.superQuery('delete from org.audit_log'), /append-only/);
  await assert.rejects(p.superQuery("update org.audit_log set action = 'x'"), /append-only/);
  assert.equal(await p.superCount('select count(*) as n from org.audit_log'), before);
});

/** A unit's log as CSV, read as rows of cells by the header's names; the answer's text too. */
async function csvOf(who: string, orgId: string, category?: string) {
  const r = await gql(who, 'query($o: ID!, $c: AuditCategory) { auditLogCsv(orgId: $o, category: $c) }', { o: orgId, c: category ?? null });
  const text = ok<string>(r, 'auditLogCsv');
  const [header = [], ...rows] = parseCsv(text).filter((row) => row.length > 1);
  return { text, rows: rows.map((row) => Object.fromEntries(header.map((h, i) => [h, row[i] ?? '']))) };
}

test('the log is exported as CSV for spreadsheets, in the words of the screen, and the export is itself recorded', async () => {
  const admin = await p.login('xc.admin');
  const r = await p.gql('query($o: ID!) { auditLogCsv(orgId: $o, category: LOGIN) }', { o: ids.xincheng }, admin);
  const csv = r.data?.auditLogCsv as string;
  assert.ok(csv.startsWith('\ufeff时间,类别,操作,结果,操作人'), csv.slice(0, 80));
  assert.match(csv, /王秀兰/);
  // As the screen says it: Beijing time, the category, action and outcome in Chinese, the person by name, no JSON.
  // (Its one login first: the newest entry is the same when the CSV is read.)
  const newest = ok<{ nodes: { at: string; actorName: string }[] }>(
    await gql('xc.admin', 'query($o: ID!) { auditLog(orgId: $o, category: LOGIN, first: 1) { nodes { at actorName } } }', { o: ids.xincheng }),
    'auditLog',
  ).nodes[0];
  const { text, rows } = await csvOf('xc.admin', ids.xincheng as string, 'LOGIN');
  const first = rows[0] ?? {};
  const beijing = new Date(Date.parse(newest?.at ?? '') + 8 * 3600_000).toISOString().slice(0, 19).replace('T', ' ');
  assert.equal(first.时间, beijing, 'the newest entry at its Beijing time, to the second');
  assert.match(first.时间 ?? '', /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
  assert.equal(first.操作人, newest?.actorName);
  assert.equal(first.类别, '登录');
  const clerk = rows.find((row) => row.用户名 === 'xc.clerk' && row.结果 === '成功');
  assert.deepEqual([clerk?.操作, clerk?.操作人, clerk?.详情], ['登录', '王秀兰', '方式：密码']);
  const refused = rows.find((row) => row.用户名 === 'xc.clerk' && row.结果 !== '成功');
  assert.deepEqual([refused?.操作, refused?.结果], ['登录失败', '被拒绝：用户名或密码错误']);
  assert.equal(refused?.详情, '拒绝代码：INVALID_CREDENTIALS；方式：密码', 'the code kept for the help desk');
  assert.doesNotMatch(text, /[{}]|\+00|LOGIN|"OK"|REFUSED/, 'no JSON, no UTC time, no API words');
  const exports = await read('xc.admin', ids.xincheng as string, 'EXPORT');
  assert.ok(exports.some((e) => e.action === 'auditLogCsv' && e.actorName === '高鹏'));
  const again = await csvOf('xc.admin', ids.xincheng as string, 'EXPORT');
  const exported = again.rows.find((row) => row.操作 === '导出审计日志');
  assert.equal(exported?.类别, '导出');
  assert.match(exported?.详情 ?? '', /^行数：\d+；类别：登录$/, 'the export’s own details in words');
  assert.equal(codeOf(await p.gql('query($o: ID!) { auditLogCsv(orgId: $o) }', { o: ids.xincheng }, await p.login('bl.admin'))), 'FORBIDDEN');
});

test('an administrator’s change of someone’s mobile names the person and says it was another’s', async () => {
  const clerk = ok<{ id: string }>(await gql('xc.clerk', '{ me { id } }'), 'me').id;
  ok(await gql('xc.admin', 'mutation($id: ID!) { setUserMobile(id: $id, mobile: "13900000101") { id } }', { id: clerk }), 'setUserMobile');
  ok(await gql('xc.clerk', 'mutation($id: ID!) { setUserMobile(id: $id, mobile: "13900000102") { id } }', { id: clerk }), 'setUserMobile');
  const entries = (await read('xc.admin', ids.xincheng as string, 'ADMIN')).filter((e) => e.action === 'setUserMobile');
  assert.deepEqual(
    entries.slice(0, 2).map((e) => [e.actorName, e.targetName, e.targetId]),
    [
      ['王秀兰', '王秀兰', clerk],
      ['高鹏', '王秀兰', clerk],
    ],
  );
  const { rows } = await csvOf('xc.admin', ids.xincheng as string, 'ADMIN');
  const changes = rows.filter((row) => row.操作?.endsWith('手机号')).slice(0, 2);
  assert.deepEqual(
    changes.map((row) => [row.操作, row.操作人, row.对象]),
    [
      ['修改本人手机号', '王秀兰', '王秀兰'],
      ['修改他人手机号', '高鹏', '王秀兰'],
    ],
  );
});

test('an inspection, a finding sent back and a post taken down name what they were about', async () => {
  const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
  const inspection = ok<{ id: string; findings: { id: string }[] }>(
    await gql('xa.admin', 'mutation($o: ID!, $in: InspectionInput!) { recordInspection(orgId: $o, input: $in) { id findings { id } } }', {
      o: ids.xincheng,
      in: { inspectedOn: today, inspectors: '孙涛', findings: [{ item: 'SECURITY', conforms: false, finding: '未专机专用', rectifyBy: today }] },
    }),
    'recordInspection',
  );
  const findingId = inspection.findings[0]?.id as string;
  ok(
    await gql('xc.admin', 'mutation($f: ID!) { reportRectification(findingId: $f, rectification: "已专机专用") { id } }', { f: findingId }),
    'reportRectification',
  );
  ok(await gql('xa.admin', 'mutation($f: ID!) { returnRectification(findingId: $f, reason: "未见整改记录") { id } }', { f: findingId }), 'returnRectification');
  const topic = ok<{ id: string }>(
    await gql('xc.clerk', 'mutation($in: ForumTopicInput!) { postForumTopic(input: $in) { id } }', {
      in: { title: '审计测试主题', body: '正文', audience: 'UNIT' },
    }),
    'postForumTopic',
  );
  ok(await gql('xc.admin', 'mutation($id: ID!) { takeDownForumPost(kind: "TOPIC", id: $id, reason: "与工作无关") }', { id: topic.id }), 'takeDownForumPost');
  // The city's log, which holds what its administrator did to 新城区 and what 新城区's own people did.
  const entries = await read('xa.admin', ids.xian as string, 'ADMIN');
  const named = (action: string) => entries.find((e) => e.action === action)?.targetName;
  assert.equal(named('recordInspection'), `西安市新城区人民政府 ${today} 检查`);
  assert.equal(named('reportRectification'), `西安市新城区人民政府 ${today} 检查：安全措施`);
  assert.equal(named('returnRectification'), `西安市新城区人民政府 ${today} 检查：安全措施`);
  assert.equal(named('takeDownForumPost'), '《审计测试主题》');
});

test('exports made in the browser are recorded when the dashboard says so: a known table, its rows; nothing else is', async () => {
  const r = await gql('xa.admin', 'mutation { recordExport(what: "statistics.xlsx", rows: 12) }');
  assert.equal(ok(r, 'recordExport'), true);
  ok(await gql('xa.admin', 'mutation { recordExport(what: "assessment.csv", rows: 9) }'), 'recordExport');
  const bad = await gql('xa.admin', 'mutation { recordExport(what: "everything.zip", rows: 1) }');
  assert.deepEqual([codeOf(bad), bad.errors?.[0]?.extensions?.field], ['BAD_INPUT', 'what']);
  const entries = (await read('xa.admin', ids.xian as string, 'EXPORT')).filter((e) => e.action === 'recordExport');
  assert.deepEqual(
    entries.slice(0, 3).map((e) => [e.outcome, e.actorName, JSON.parse(e.detail).args.what]),
    [
      ['REFUSED', '孙涛', 'everything.zip'],
      ['OK', '孙涛', 'assessment.csv'],
      ['OK', '孙涛', 'statistics.xlsx'],
    ],
  );
  const { rows } = await csvOf('xa.admin', ids.xian as string, 'EXPORT');
  const words = rows.filter((row) => row.操作?.startsWith('导出') && row.操作 !== '导出审计日志' && row.结果 === '成功').slice(0, 2);
  assert.deepEqual(
    words.map((row) => [row.操作, row.详情]),
    [
      ['导出考核评比（CSV）', '行数：9；导出内容：assessment.csv'],
      ['导出统计（XLSX）', '行数：12；导出内容：statistics.xlsx'],
    ],
  );
  assert.equal(codeOf(await p.gql('mutation { recordExport(what: "statistics.csv", rows: 1) }')), 'UNAUTHENTICATED');
});

test('the archive: a decision reads as it was made, the last approval as the 签发, and each download and export is recorded', async () => {
  const office = ok<{ orgId: string }>(await gql('sxb.admin', '{ me { orgId } }'), 'me').orgId;
  const title = '关于审计日志调阅测试的通知';
  const documentId = await approvedOfficeDocument(p, gql, tokens, title, Buffer.from('调阅附件'));
  ok(
    await gql('sxb.clerk', 'mutation($id: ID!, $k: String!) { sendDocument(id: $id, sendKey: $k) { status } }', { id: documentId, k: crypto.randomUUID() }),
    'sendDocument',
  );
  const record = await eventually(
    async () => await gql('sxb.archivist', 'mutation($d: ID!) { archiveDocument(documentId: $d) { id archivalNumber } }', { d: documentId }),
    (r) => !r.errors?.length,
    p.drainArchiveEvents,
  ).then((r) => ok<{ id: string; archivalNumber: string }>(r, 'archiveDocument'));
  const ask = async (who: string) =>
    ok<{ id: string }>(
      await gql(who, 'mutation($id: ID!) { requestArchiveAccess(recordId: $id, purpose: "核对发文口径") { id } }', { id: record.id }),
      'requestArchiveAccess',
    ).id;
  const refused = await ask('sxb.drafter');
  ok(
    await gql('sxb.archivist', 'mutation($id: ID!) { decideArchiveAccess(id: $id, approve: false, reason: "用途不明确") { id } }', { id: refused }),
    'decideArchiveAccess',
  );
  const approved = await ask('sxb.clerk');
  ok(await gql('sxb.archivist', 'mutation($id: ID!) { decideArchiveAccess(id: $id, approve: true) { id } }', { id: approved }), 'decideArchiveAccess');
  const content = ok<{ files: { name: string; sha256: string }[] }>(
    await gql('sxb.clerk', 'query($id: ID!) { readArchivedRecord(recordId: $id) { files { name sha256 } } }', { id: record.id }),
    'readArchivedRecord',
  );
  for (const f of content.files)
    ok(
      await gql('sxb.clerk', 'query($id: ID!, $s: String!) { downloadArchivedFile(recordId: $id, sha256: $s) }', { id: record.id, s: f.sha256 }),
      'downloadArchivedFile',
    );
  ok(await gql('sxb.archivist', 'mutation($id: ID!) { exportArchiveRecord(id: $id) { filename } }', { id: record.id }), 'exportArchiveRecord');

  const entries = await eventually(
    () => read('sxb.admin', office),
    (es) => es.filter((e) => e.action === 'download-archived-file').length === content.files.length && es.some((e) => e.action === 'exportArchiveRecord'),
  );
  const downloads = entries.filter((e) => e.action === 'download-archived-file');
  assert.ok(content.files.length >= 2, `the record's files: ${content.files.map((f) => f.name).join(', ')}`);
  assert.deepEqual(
    downloads.map((e) => [e.category, e.actorName, e.targetName]).sort(),
    content.files.map((f) => ['DOWNLOAD', '李静', `${f.name}（${record.archivalNumber}《${title}》）`]).sort(),
    'each file the clerk downloaded, by name',
  );
  assert.equal(entries.find((e) => e.action === 'exportArchiveRecord')?.targetName, `${record.archivalNumber}.zip`);
  const { rows } = await csvOf('sxb.admin', office);
  const did = (words: string) => rows.filter((row) => row.操作 === words);
  assert.deepEqual(
    did('不同意调阅档案').map((row) => [row.操作人, row.对象]),
    [['吴秀英', `${record.archivalNumber}《${title}》`]],
  );
  assert.match(did('不同意调阅档案')[0]?.详情 ?? '', /原因：用途不明确；决定：不同意/);
  assert.equal(did('同意调阅档案').length, 1);
  assert.equal(did('下载档案文件').length, content.files.length);
  assert.deepEqual(
    did('签发').map((row) => [row.操作人, row.对象]),
    [['陈志刚', `《${title}》`]],
    'the leader’s approval, the last of the chain, is the 签发',
  );
  assert.ok(
    did('审批同意').some((row) => row.操作人 === '刘洋' && row.对象 === `《${title}》`),
    'the approver’s step before it is an approval',
  );
  assert.equal(did('导出档案')[0]?.对象, `${record.archivalNumber}.zip`);
});

test('reports: accounts unused for long, and one address failing on several accounts', async () => {
  await p.superQuery("update org.users set created_at = now() - interval '200 days' where org_path <@ 'p61.c6101.k610102'");
  await p.superQuery("update org.users set last_login_at = now() - interval '120 days' where username = 'xc.leader'");
  const unused = (
    await p.gql('query($o: ID!) { unusedAccounts(orgId: $o, days: 90) { displayName lastLoginAt } }', { o: ids.xincheng }, await p.login('xc.admin'))
  ).data?.unusedAccounts as { displayName: string; lastLoginAt: string | null }[];
  assert.ok(
    unused.some((u) => u.displayName === '罗文彬'),
    JSON.stringify(unused),
  );
  assert.ok(!unused.some((u) => u.displayName === '高鹏'), 'the administrator just logged in');

  for (const who of ['xc.drafter', 'xc.leader', 'xc.admin']) await p.gql(`mutation { login(username: "${who}", password: "guess-1234") { token } }`);
  const patterns = (
    await p.gql('query($o: ID!) { suspiciousActivity(orgId: $o) { kind clientAddress count } }', { o: ids.xincheng }, await p.login('xc.admin'))
  ).data?.suspiciousActivity as { kind: string; clientAddress: string | null; count: number }[];
  const sweep = patterns.find((x) => x.kind === 'ADDRESS_TRYING_MANY_ACCOUNTS');
  assert.equal(sweep?.clientAddress, '127.0.0.1');
  assert.ok((sweep?.count ?? 0) >= 3);
  assert.equal(
    codeOf(await p.gql('query($o: ID!) { unusedAccounts(orgId: $o, days: 0) { id } }', { o: ids.xincheng }, await p.login('xc.admin'))),
    'BAD_INPUT',
  );
});
