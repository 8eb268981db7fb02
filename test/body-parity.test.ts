// The dashboard shows the body from the same structure the print renders from: web/lib/body.ts (the dashboard cannot
// import service code) reads every stored body as services/documents/src/domain/body.ts does.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { bodyText as printLines, parseBody as printReads, repeatsMainTo as printRepeats } from '../services/documents/src/domain/body.ts';
import { bodyLines as dashboardLines, parseBody as dashboardReads, repeatsMainTo as dashboardRepeats, typedBody } from '../web/lib/body.ts';

const bodies = [
  '现将有关事项通知如下。\n一、总体要求\n（一）明确职责。办公室负责。\n1.按时签收\n（2）登记',
  '<p>各单位：</p><h2>工作安排</h2><p><strong>一、</strong>总体要求&nbsp;&amp;&#x4E00;</p><ol><li>第一项</li><li>第二<em>项</em></li></ol>',
  '<ul><li>甲</li><li>乙<ul><li>乙一</li></ul></li></ul><table><tr><th>单位</th><th>联系人</th></tr><tr><td>新城区</td><td>王五</td></tr><tr><td>碑林区</td></tr></table>',
  '<script>alert(1)</script><p>结束<img src="x.png">语<br>下一行</p><!-- 注释 --><div>（三）其他。<span>说明</span></div>',
  '',
  '<p></p><table></table>',
];

test('the dashboard and the print read every body alike', () => {
  for (const body of bodies) assert.deepEqual(dashboardReads(body), printReads(body), body);
});

test('what a drafter types comes back as typed, even where it looks like markup', () => {
  const typed = ['一、当 a<b 且 c>d 时', '请于<附件>中填写 <b>不是加粗</b> &amp; 照录', '（一）普通一行'];
  for (const read of [dashboardReads, printReads]) {
    const blocks = read(typedBody(typed.join('\n')));
    assert.deepEqual(
      blocks.map((b) => ('text' in b ? b.text : null)),
      typed,
    );
    assert.deepEqual(
      blocks.map((b) => b.kind),
      ['heading', 'paragraph', 'heading'],
    );
  }
  // Lines with nothing that reads as markup are kept as the plain lines they are.
  assert.equal(typedBody('一、总体要求\n按时签收 & 登记'), '一、总体要求\n按时签收 & 登记');
});

test('a first paragraph that writes the 主送 out again is told apart alike, and an opening line that is not one is kept', () => {
  const cases: [string, string, boolean][] = [
    ['陕西省人民政府办公厅：', '陕西省人民政府办公厅', true],
    ['省人民政府办公厅：', '陕西省人民政府办公厅', true],
    ['各区县人民政府：请于月底前报送。', '各区县人民政府', true],
    ['现将有关事项通知如下：', '各区县人民政府', false],
    ['厅：', '陕西省人民政府办公厅', false],
    ['各单位：', '', false],
  ];
  for (const [paragraph, mainTo, repeats] of cases) {
    assert.equal(dashboardRepeats(paragraph, mainTo), repeats, `${paragraph} / ${mainTo}`);
    assert.equal(printRepeats(paragraph, mainTo), repeats, `${paragraph} / ${mainTo}`);
  }
});

test('the body as plain lines reads alike too', () => {
  for (const body of bodies) assert.deepEqual(dashboardLines(body), printLines(printReads(body)), body);
});

test('a file’s size on the print is written as the dashboard writes it beside the file (web/lib/format.ts fmtSize)', async () => {
  const { sizeWords } = await import('../services/documents/src/domain/print-layout.ts');
  const expected: [number, string][] = [
    [125, '125 B'],
    [1023, '1023 B'],
    [1024, '1.0 KB'],
    [20_480, '20.0 KB'],
    [1_200_000, '1.1 MB'],
  ];
  for (const [bytes, words] of expected) assert.equal(sizeWords(bytes), words);
});
