// The audit log (issue 14; seed 003 §42): logins with their address and outcome, every mutation of org and documents
// with its arguments (never a password), downloads and exports; a unit's part read by its administrators and those
// above it, nobody else; append-only underneath the application; exported as CSV; and the two reports, accounts
// unused for long and suspicious login patterns.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import pg from 'pg';
import { tinyPdf } from './support/files.ts';
import { codeOf, eventually, type Platform, startPlatform } from './support/harness.ts';

let p: Platform;
const ids: Record<string, string> = {};
before(async () => {
  p = await startPlatform({ services: ['documents', 'certificates'] });
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

test('the log is exported as CSV for spreadsheets, and the export is itself recorded', async () => {
  const admin = await p.login('xc.admin');
  const r = await p.gql('query($o: ID!) { auditLogCsv(orgId: $o, category: LOGIN) }', { o: ids.xincheng }, admin);
  const csv = r.data?.auditLogCsv as string;
  assert.ok(csv.startsWith('\ufeff时间,类别,操作,结果,操作人'), csv.slice(0, 80));
  assert.match(csv, /王秀兰/);
  const exports = await read('xc.admin', ids.xincheng as string, 'EXPORT');
  assert.ok(exports.some((e) => e.action === 'auditLogCsv' && e.actorName === '高鹏'));
  assert.equal(codeOf(await p.gql('query($o: ID!) { auditLogCsv(orgId: $o) }', { o: ids.xincheng }, await p.login('bl.admin'))), 'FORBIDDEN');
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
