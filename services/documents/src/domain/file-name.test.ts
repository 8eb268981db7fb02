import assert from 'node:assert/strict';
import { test } from 'node:test';
import { keptFileName } from './file-name.ts';

test('an uploaded file keeps its name, never a path, and a long name keeps its extension', () => {
  assert.equal(keptFileName(encodeURIComponent('关于防汛工作的报告.pdf')), '关于防汛工作的报告.pdf');
  assert.equal(keptFileName(undefined), 'file');
  assert.equal(keptFileName(encodeURIComponent('../../etc/passwd')), 'passwd');
  assert.equal(keptFileName(encodeURIComponent('C:\\报告\\附件一.docx')), '附件一.docx');
  assert.equal(keptFileName(encodeURIComponent('..')), 'file');
  assert.equal(keptFileName(encodeURIComponent('/')), 'file');
  const long = keptFileName(encodeURIComponent(`${'长'.repeat(6000)}.pdf`)) as string;
  assert.equal([...long].length, 200);
  assert.ok(long.endsWith('长.pdf'), 'the extension is kept');
  assert.equal(keptFileName('%E4%B8'), null, 'not percent-encoded UTF-8');
  assert.equal(keptFileName(encodeURIComponent('a\nb.txt')), null, 'a control character');
});
