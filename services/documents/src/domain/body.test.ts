// The body's structure read from what drafts store (plain text or a small subset of HTML): headings by 层次序数,
// paragraphs, lists, tables; other markup keeps only its text.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { bodyText, parseBody } from './body.ts';

test('plain text: one block a line, headings by their 层次序数', () => {
  assert.deepEqual(parseBody('现将有关事项通知如下。\n\n一、总体要求\n（一）明确职责。办公室负责。\n1.按时签收\n（2）登记'), [
    { kind: 'paragraph', text: '现将有关事项通知如下。' },
    { kind: 'heading', level: 1, text: '一、总体要求' },
    { kind: 'heading', level: 2, text: '（一）明确职责。办公室负责。' },
    { kind: 'heading', level: 3, text: '1.按时签收' },
    { kind: 'heading', level: 4, text: '（2）登记' },
  ]);
});

test('HTML: paragraphs, headings by tag or 层次序数, lists, tables; inline markup, scripts and entities handled', () => {
  const html = [
    '<p>各单位：</p>',
    '<h2>工作安排</h2>',
    '<p><strong>一、</strong>总体要求&nbsp;&amp;&#x4E00;</p>',
    '<ol><li>第一项</li><li>第二<em>项</em></li></ol>',
    '<ul><li>甲</li><li>乙<ul><li>乙一</li></ul></li></ul>',
    '<table><tr><th>单位</th><th>联系人</th></tr><tr><td>新城区</td><td>王五</td></tr><tr><td>碑林区</td></tr></table>',
    '<script>alert(1)</script><p>结束<img src="x.png">语<br>下一行</p>',
  ].join('');
  assert.deepEqual(parseBody(html), [
    { kind: 'paragraph', text: '各单位：' },
    { kind: 'heading', level: 2, text: '工作安排' },
    { kind: 'heading', level: 1, text: '一、总体要求 &一' },
    { kind: 'list', ordered: true, items: ['第一项', '第二项'] },
    { kind: 'list', ordered: false, items: ['甲', '乙', '乙一'] },
    {
      kind: 'table',
      rows: [
        { header: true, cells: ['单位', '联系人'] },
        { header: false, cells: ['新城区', '王五'] },
        { header: false, cells: ['碑林区', ''] },
      ],
    },
    { kind: 'paragraph', text: '结束语' },
    { kind: 'paragraph', text: '下一行' },
  ]);
  assert.deepEqual(bodyText(parseBody('<ol><li>甲</li></ol><table><tr><td>a</td><td>b</td></tr></table>')), ['1.甲', 'a　b']);
});
