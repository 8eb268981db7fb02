// Word import's rules: mammoth's HTML becomes the body's structure, stored as the HTML subset the print reads, and
// what is not kept (images, unknown styles, other losses) is told with a code.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { bodyHtml, parseBody } from './body.ts';
import { importedBody, looksLikeDocx } from './word-import.ts';

test('the structure survives being stored: parseBody(bodyHtml(blocks)) gives the blocks back', () => {
  const html = '<h1>总体要求</h1><p>一、工作目标</p><p>正文&lt;甲&gt;</p><ol><li>一项</li></ol><table><tr><th>单位</th></tr><tr><td>新城区</td></tr></table>';
  const blocks = parseBody(html);
  assert.deepEqual(parseBody(bodyHtml(blocks)), blocks);
  assert.match(bodyHtml(blocks), /<h1>总体要求<\/h1>/, 'a heading without its 层次序数 keeps its level by its tag');
});

test('what is not kept is told: images, unknown styles, other warnings; an empty document says so', () => {
  const r = importedBody('<p>正文<img src="data:image/png;base64,AAAA" /></p><p><img src="x"></p>', [
    { type: 'warning', message: "Unrecognised paragraph style: '公文附注' (Style ID: Odd)" },
    { type: 'warning', message: "Unrecognised run style: '强调' (Style ID: E)" },
    { type: 'warning', message: 'An unrecognised element was ignored: w:object' },
  ]);
  assert.equal(r.body, '<p>正文</p>');
  assert.deepEqual(
    r.notes.map((n) => n.code),
    ['IMAGE_DROPPED', 'CONTENT_DROPPED', 'STYLE_UNKNOWN'],
  );
  assert.match(r.notes[0]?.message ?? '', /图片 2 张未导入/);
  assert.match(r.notes[2]?.message ?? '', /公文附注、强调/);
  assert.deepEqual(
    importedBody('', []).notes.map((n) => n.code),
    ['EMPTY'],
  );
  assert.equal(looksLikeDocx(Buffer.from('PK\x03\x04rest')), true);
  assert.equal(looksLikeDocx(Buffer.from('{\\rtf1')), false);
});

test('the 主送 a Word draft opens with, and the 标题 above it, become the draft’s fields, not lines of its body', () => {
  const body = '<p>为做好年终安全检查工作，现将有关事项通知如下：</p><p>一、检查范围</p>';
  const withMainTo = importedBody(`<p>各区、县人民政府，市政府各工作部门：</p>${body}`, []);
  assert.equal(withMainTo.mainTo, '各区、县人民政府，市政府各工作部门');
  assert.equal(withMainTo.title, null);
  assert.match(withMainTo.body, /^<p>为做好年终安全检查工作/);
  const withTitle = importedBody(`<p>西安市人民政府关于做好年终安全检查工作的通知</p><p>省人民政府：</p>${body}`, []);
  assert.deepEqual([withTitle.title, withTitle.mainTo], ['西安市人民政府关于做好年终安全检查工作的通知', '省人民政府']);
  assert.equal(withTitle.blocks.length, 2);
  // A sentence ending with a colon is the text, not a 主送; nor is a line before a sentence a title.
  for (const html of [body, `<p>关于年终检查</p>${body}`, '<p>具体要求如下：</p><p>正文。</p>']) {
    const r = importedBody(html, []);
    assert.deepEqual([r.title, r.mainTo], [null, null], html);
    assert.equal(r.blocks.length, parseBody(html).length, html);
  }
});

test('control characters a Word file carries (NUL among them) and halves of surrogate pairs are dropped, and the drafter told', () => {
  const imported = importedBody('<p>关于\u0000开展\u0007检查的通知\uD800\u202E</p><p>正文&#0;第一段&#xD800;。\u007F</p>', []);
  assert.equal(imported.blocks[0]?.kind === 'paragraph' && imported.blocks[0].text, '关于开展检查的通知');
  assert.doesNotMatch(JSON.stringify(imported), /\\u0000|\\u0007|\\ud800/i);
  assert.doesNotMatch(imported.body, /[\u0000-\u0008\u007f\u202e]/);
  assert.ok(
    imported.notes.some((n) => n.code === 'CONTENT_DROPPED' && n.message.includes('控制字符 5 个')),
    JSON.stringify(imported.notes),
  );
  // Written as references, they stay as written: never decoded into what text cannot hold.
  assert.match(JSON.stringify(imported.blocks), /正文&#0;第一段&#xD800;。/);
});
