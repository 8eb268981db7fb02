// The audit log names each action in the clerks' words (web/components/admin/audit-words.ts): every mutation of every
// subgraph's schema has its phrase, so no row of the log shows an API name such as `openDelivery` to a reader.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { repoRoot } from '@yizhan/common';
import { Kind, parse } from 'graphql';
import { AUDIT_ACTION, auditDraftTitle, auditSubjectIds, englishAction } from '../web/components/admin/audit-words.ts';

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
