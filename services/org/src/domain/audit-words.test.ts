import assert from 'node:assert/strict';
import { test } from 'node:test';
import { atWords, auditActionWords, checkExport, detailWords, outcomeWords, subjectWords } from './audit-words.ts';

const ME = '0190a0b0-0000-7000-8000-000000000001';
const HER = '0190a0b0-0000-7000-8000-000000000002';

test('an entry’s time is Beijing time to the second, whatever form PostgreSQL gave it in', () => {
  assert.equal(atWords('2026-12-07 21:28:36.57957+00'), '2026-12-08 05:28:36');
  assert.equal(atWords(new Date('2026-12-31T16:00:00Z')), '2027-01-01 00:00:00');
});

test('an action reads as it was done: a decision by what was decided, the 签发, another’s mobile', () => {
  const words = (action: string, detail: Record<string, unknown>, actorId: string | null = ME, targetId: string | null = null) =>
    auditActionWords({ action, actorId, targetId, detail });
  assert.equal(words('decideArchiveAccess', { args: { id: HER, approve: true } }), '同意调阅档案');
  assert.equal(words('decideArchiveAccess', { args: { id: HER, approve: false, reason: '用途不明确' } }), '不同意调阅档案');
  assert.equal(words('decideArchiveAccess', {}), '审批档案调阅', 'an entry that kept no arguments');
  assert.equal(words('approveDocument', { args: { id: HER }, status: 'APPROVED' }), '签发', 'the approval that ended the chain');
  assert.equal(words('approveDocument', { args: { id: HER }, status: 'IN_APPROVAL' }), '审批同意');
  assert.equal(words('setUserMobile', { args: { id: HER } }, ME, HER), '修改他人手机号');
  assert.equal(words('setUserMobile', { args: { id: ME } }, ME, ME), '修改本人手机号');
  assert.equal(words('setUserStatus', { args: { id: HER, status: 'DISABLED' } }), '停用账号');
  assert.equal(words('recordExport', { args: { what: 'statistics.xlsx', rows: 3 } }), '导出统计（XLSX）');
  assert.equal(words('recordExport', { args: { what: 'nothing.pdf', rows: 3 } }), '导出表格');
  assert.equal(words('login.refused', {}), '登录失败');
  assert.equal(words('somethingNew', {}), 'somethingNew', 'an action without words keeps its name');
  assert.equal(words('constructor', {}), 'constructor');
});

test('an outcome in words: 成功, or 被拒绝 with its reason as the screen says it', () => {
  assert.equal(outcomeWords('OK', {}), '成功');
  assert.equal(outcomeWords('REFUSED', { code: 'FORBIDDEN' }), '被拒绝：无权进行此操作');
  // Every code of the error catalogue (a service's own too), as the screen says it; a code it does not know, as it is.
  assert.match(outcomeWords('REFUSED', { code: 'SEAL_REQUIRED' }), /^被拒绝：\p{Script=Han}/u);
  assert.equal(outcomeWords('REFUSED', { code: 'NO_SUCH_CODE' }), '被拒绝：NO_SUCH_CODE');
  assert.equal(outcomeWords('REFUSED', {}), '被拒绝');
});

test('details are 键：值 in Chinese, never JSON; what was left out said so; the answer’s state left to the action', () => {
  assert.equal(detailWords({ method: 'CERTIFICATE', code: 'INVALID_CREDENTIALS' }), '方式：数字证书；拒绝代码：INVALID_CREDENTIALS');
  assert.equal(detailWords({ args: { id: HER, approve: false, reason: '用途不明确' }, status: 'REJECTED' }), `编号：${HER}；决定：不同意；原因：用途不明确`);
  assert.equal(
    detailWords({ args: { input: { title: '关于年终检查的通知', body: '[removed]', recipients: [{ orgIds: [HER], printQuota: 2 }] } } }),
    `标题：关于年终检查的通知；正文：（已略去）；收文单位：（单位：${HER}，印制份数：2）`,
  );
  assert.equal(
    detailWords({ rows: 12, from: '2026-12-01T16:00:00.000Z', to: null, category: 'LOGIN', outcome: 'REFUSED' }),
    '行数：12；起：2026-12-02 00:00:00；类别：登录；结果：被拒绝',
  );
  assert.equal(detailWords({ args: { roles: ['CLERK', 'ADMIN'], subtree: true, constructor: 'x' } }), '角色：CLERK、ADMIN；含下级单位：是；constructor：x');
  for (const d of [{ a: { b: { c: 1 } } }, { args: { list: [{ x: 1 }, { y: [2, 3] }] } }]) assert.doesNotMatch(detailWords(d), /[{}[\]"]/);
  assert.equal(detailWords({}), '');
});

test('what an entry was about: the name it kept, else a new draft’s title, else a dash', () => {
  assert.equal(subjectWords({ targetName: '王秀兰', detail: {} }), '王秀兰');
  assert.equal(subjectWords({ targetName: null, detail: { args: { input: { title: '关于年终检查的通知' } } } }), '《关于年终检查的通知》');
  assert.equal(subjectWords({ targetName: null, detail: { args: { id: HER } } }), '—');
});

test('an export the dashboard reports is a known table in CSV or XLSX with a count of rows', () => {
  for (const what of ['statistics.csv', 'assessment.xlsx', 'register-outgoing.csv', 'other.xlsx']) checkExport(what, 0);
  for (const what of ['statistics', 'statistics.pdf', 'everything.csv', 'constructor.csv', 'statistics.csv.csv', '']) {
    assert.throws(
      () => checkExport(what, 1),
      (e: { extensions?: { code?: string; field?: string } }) => e.extensions?.code === 'BAD_INPUT' && e.extensions.field === 'what',
      what,
    );
  }
  for (const rows of [-1, 1.5, 2_000_000, Number.NaN])
    assert.throws(
      () => checkExport('statistics.csv', rows),
      (e: { extensions?: { field?: string } }) => e.extensions?.field === 'rows',
    );
});
