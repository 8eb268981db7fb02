import assert from 'node:assert/strict';
import { test } from 'node:test';
import { RELATION_WORDS, relationsIn } from './relations.ts';

test('a 批复 names its 请示 as its 来文; the 请示 sees it as its 复文', () => {
  assert.deepEqual(RELATION_WORDS.REPLY_TO, { named: '来文', naming: '复文' });
});

test('the links a record names are read from its metadata, the malformed left out', () => {
  const good = { kind: 'REPLY_TO', documentId: 'd1', title: '关于申请资金的请示', docNumber: '新政发〔2026〕1号', orgName: '新城区人民政府' };
  assert.deepEqual(relationsIn({ relations: [good, { kind: 'OTHER', documentId: 'd2', title: 'x' }, { kind: 'REPLY_TO', title: 'no id' }, null] }), [good]);
  assert.deepEqual(relationsIn({}), [], 'archived before links were kept');
  assert.deepEqual(relationsIn({ relations: '来文' }), []);
});
