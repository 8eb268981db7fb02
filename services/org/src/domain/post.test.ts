import assert from 'node:assert/strict';
import { test } from 'node:test';
import { YizhanError } from '@yizhan/common';
import { cleanPost, POST_MAX } from './post.ts';

const refusal = (v: string) => {
  try {
    cleanPost(v);
  } catch (e) {
    assert.ok(e instanceof YizhanError);
    return e.extensions.field;
  }
  return null;
};

test('职务: words as posts are written, trimmed; empty is none; markup, symbols, breaks and a sentence are refused naming post', () => {
  assert.equal(cleanPost('  市长 '), '市长');
  assert.equal(cleanPost('党组书记、厅长'), '党组书记、厅长');
  assert.equal(cleanPost('主任（兼）'), '主任（兼）');
  assert.equal(cleanPost('Deputy Governor'), 'Deputy Governor');
  assert.equal(cleanPost('   '), null);
  assert.equal(cleanPost(null), null);
  for (const bad of ['<b>省长</b>', '省长\n副省长', '省长😀', '省长;DROP', '长'.repeat(POST_MAX + 1)]) assert.equal(refusal(bad), 'post', bad);
});
