// The audit log names each action in the clerks' words (web/components/admin/audit-words.ts): every mutation of every
// subgraph's schema has its phrase, so no row of the log shows an API name such as `openDelivery` to a reader.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { repoRoot } from '@yizhan/common';
import { Kind, parse } from 'graphql';
import * as csv from '../services/org/src/domain/audit-words.ts';
import {
  AUDIT_ACTION,
  AUDIT_CATEGORY,
  auditActionKey,
  auditActionWords,
  auditDraftTitle,
  auditSubjectIds,
  EXPORTED,
  englishAction,
  exportedTable,
} from '../web/components/admin/audit-words.ts';
import { ERROR_CATALOGUE } from '../web/lib/errors.ts';

test('every mutation of the schema has its words in the audit log', () => {
  const mutations: string[] = [];
  for (const file of fs.readdirSync(path.join(repoRoot, 'schema')).filter((f) => f.endsWith('.graphql') && f !== 'supergraph.graphql')) {
    for (const d of parse(fs.readFileSync(path.join(repoRoot, 'schema', file), 'utf8')).definitions) {
      if ((d.kind === Kind.OBJECT_TYPE_DEFINITION || d.kind === Kind.OBJECT_TYPE_EXTENSION) && d.name.value === 'Mutation') {
        mutations.push(...(d.fields ?? []).map((f) => f.name.value));
      }
    }
  }
  assert.ok(mutations.length > 100, `the schema's mutations were read (${mutations.length})`);
  assert.deepEqual(
    mutations.filter((m) => !AUDIT_ACTION[m]),
    [],
    'mutations without words',
  );
  for (const [action, words] of Object.entries(AUDIT_ACTION)) assert.match(words, /\p{Script=Han}/u, `${action} in Chinese`);
});

test('in English an action reads as words, not as its API name', () => {
  assert.equal(englishAction('setUserStatus'), 'Set user status');
  assert.equal(englishAction('login.refused'), 'Login refused');
  assert.equal(englishAction('openDelivery'), 'Open delivery');
});

test('an entry names the documents and deliveries it was about by the ids in its target and arguments', () => {
  const a = '0190a0b0-0000-7000-8000-000000000001';
  const b = '0190a0b0-0000-7000-8000-000000000002';
  assert.deepEqual(auditSubjectIds(a, JSON.stringify({ args: { id: a, note: '请尽快' } })), [a], 'the target once');
  assert.deepEqual(auditSubjectIds(null, JSON.stringify({ args: { deliveryId: b, comment: '同意' } })), [b]);
  assert.deepEqual(auditSubjectIds(null, JSON.stringify({ args: { ids: [a, b, 'not-an-id'] } })), [a, b]);
  assert.deepEqual(auditSubjectIds(null, JSON.stringify({ args: { orgId: a, username: 'xc.clerk' } })), [], 'a unit is not a document');
  assert.deepEqual(auditSubjectIds(null, 'not json'), []);
  const many = Array.from({ length: 9 }, (_, i) => `0190a0b0-0000-7000-8000-00000000001${i}`);
  assert.equal(auditSubjectIds(null, JSON.stringify({ args: { deliveryIds: many } })).length, 5, 'a long list is cut');
});

test('a new draft, which has no id yet, is named by the title it was saved with', () => {
  assert.equal(
    auditDraftTitle(JSON.stringify({ args: { input: { title: '关于做好年终安全检查工作的通知', body: '[removed]' } } })),
    '关于做好年终安全检查工作的通知',
  );
  assert.equal(auditDraftTitle(JSON.stringify({ args: { id: 'x' } })), null);
  assert.equal(auditDraftTitle('not json'), null);
});

test('the CSV says what the screen says: its categories, and a refusal in the error catalogue’s words', () => {
  assert.deepEqual(csv.CATEGORY_WORDS, AUDIT_CATEGORY);
  for (const code of ['INVALID_CREDENTIALS', 'FORBIDDEN', 'NOTHING_TO_ASSESS'])
    assert.equal(csv.outcomeWords('REFUSED', { code }), `被拒绝：${ERROR_CATALOGUE[code]?.zh}`, code);
});

test('an action reads as it was done, on the screen as in the CSV', () => {
  const me = '0190a0b0-0000-7000-8000-000000000001';
  const her = '0190a0b0-0000-7000-8000-000000000002';
  const entries = [
    { action: 'decideArchiveAccess', detail: { args: { id: her, approve: true }, status: 'APPROVED' }, words: '同意调阅档案' },
    { action: 'decideArchiveAccess', detail: { args: { id: her, approve: false, reason: '用途不明确' } }, words: '不同意调阅档案' },
    { action: 'decideArchiveAccess', detail: {}, words: '审批档案调阅' },
    { action: 'decideDisposal', detail: { args: { id: her, approve: false } }, words: '不批准销毁鉴定' },
    { action: 'approveDocument', detail: { args: { id: her }, status: 'APPROVED' }, words: '签发' },
    { action: 'approveDocument', detail: { args: { id: her }, status: 'IN_APPROVAL' }, words: '审批同意' },
    { action: 'setUserMobile', targetId: her, detail: { args: { id: her, mobile: '13900000101' } }, words: '修改他人手机号' },
    { action: 'setUserMobile', targetId: me, detail: { args: { id: me, mobile: '13900000101' } }, words: '修改本人手机号' },
    { action: 'setUserStatus', targetId: her, detail: { args: { id: her, status: 'ACTIVE' } }, words: '启用账号' },
    { action: 'recordExport', detail: { args: { what: 'assessment.csv', rows: 9 } }, words: '导出考核评比（CSV）' },
    { action: 'recordExport', detail: { args: { what: 'assessment.pdf', rows: 9 } }, words: '导出表格' },
    { action: 'download-archived-file', detail: { filename: '收文处理单.pdf' }, words: '下载档案文件' },
  ];
  for (const e of entries) {
    const shown = { action: e.action, actorId: me, targetId: e.targetId ?? her, detail: JSON.stringify(e.detail) };
    assert.equal(auditActionWords(shown), e.words, JSON.stringify(e));
    assert.equal(csv.auditActionWords({ ...shown, detail: e.detail }), e.words, `the CSV: ${JSON.stringify(e)}`);
  }
  assert.equal(
    englishAction(auditActionKey({ action: 'decideArchiveAccess', detail: JSON.stringify({ args: { approve: false } }) })),
    'Decide archive access refused',
  );
  assert.equal(
    englishAction(auditActionKey({ action: 'recordExport', detail: JSON.stringify({ args: { what: 'statistics.xlsx' } }) })),
    'Export statistics xlsx',
  );
  assert.equal(auditActionWords({ action: 'login', detail: 'not json' }), '登录');
});

test('every page’s export is sent as a table the audit log knows', () => {
  for (const path of [
    '/statistics',
    '/assessment',
    '/supervision',
    '/sent/0190a0b0-0000-7000-8000-000000000001',
    '/register/outgoing',
    '/admin',
    '/inbox',
    '/',
  ])
    assert.ok(Object.hasOwn(EXPORTED, exportedTable(path)), path);
  assert.equal(exportedTable('/statistics'), 'statistics');
  assert.equal(exportedTable('/assessment'), 'assessment');
  for (const format of ['csv', 'xlsx']) assert.doesNotThrow(() => csv.checkExport(`${exportedTable('/register/outgoing')}.${format}`, 1));
});
