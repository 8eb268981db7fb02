import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fileNamePart, keptFileName } from './file-name.ts';

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

test('a title as part of a file name the platform gives: separators and control characters become underscores, cut at whole characters', () => {
  assert.equal(fileNamePart('关于a/b:c*d?"e"<f>|g\\h的通知', 80), '关于a_b_c_d__e__f__g_h的通知');
  assert.equal(fileNamePart('第一行\n第二行\u0000', 80), '第一行_第二行_');
  assert.equal(fileNamePart('𠮷'.repeat(5), 3), '𠮷𠮷𠮷', 'a character outside the BMP is never cut in half');
});
