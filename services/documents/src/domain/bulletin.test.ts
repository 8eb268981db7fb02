// The 通报's text from a bulletin's figures: its period in Chinese dates (Beijing), the totals, each unit's row in the
// table worst first, the requirements; a period with nobody late says so and praises.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseBody } from './body.ts';
import { bulletinBody } from './bulletin.ts';

const unit = (name: string, onTime: number, late: number, missing: number) => ({
  recipientOrgId: name,
  recipientName: name,
  total: onTime + late + missing,
  onTime,
  late,
  missing,
  onTimeRate: onTime / (onTime + late + missing),
});

test('the 通报 states the period and totals, tables each unit as published, and asks for rectification', () => {
  const blocks = parseBody(
    bulletinBody({
      // 1 November to 30 November in Beijing: its end the first moment of 1 December, as the bulletin keeps it.
      periodFrom: new Date('2026-10-31T16:00:00Z'),
      periodTo: new Date('2026-11-30T16:00:00Z'),
      rows: [unit('西安市新城区人民政府', 1, 2, 1), unit('宝鸡市人民政府', 5, 1, 0)],
    }),
  );
  assert.deepEqual(blocks[0], { kind: 'paragraph', text: '为落实电子公文接收情况定期通报制度，现将2026年11月1日至2026年11月30日电子公文签收情况通报如下。' });
  assert.deepEqual(blocks[1], { kind: 'heading', level: 1, text: '一、基本情况' });
  assert.deepEqual(blocks[2], { kind: 'paragraph', text: '统计期内，共有2个单位未按时签收电子公文，迟签3件，未签收1件。具体情况如下：' });
  const table = blocks[3];
  assert.equal(table?.kind, 'table');
  assert.deepEqual(table?.kind === 'table' ? table.rows.map((r) => r.cells) : [], [
    ['序号', '单位', '应收', '按时签收', '迟签', '未签收', '按时率'],
    ['1', '西安市新城区人民政府', '4', '1', '2', '1', '25.0%'],
    ['2', '宝鸡市人民政府', '6', '5', '1', '0', '83.3%'],
  ]);
  assert.deepEqual(blocks[4], { kind: 'heading', level: 1, text: '二、有关要求' });
  assert.match(blocks[5]?.kind === 'paragraph' ? blocks[5].text : '', /^请上述单位认真查找原因/);
  assert.equal(blocks.length, 6);
});

test('nobody late: no table, the units praised', () => {
  const blocks = parseBody(bulletinBody({ periodFrom: new Date('2026-10-31T16:00:00Z'), periodTo: new Date('2026-11-30T15:59:59Z'), rows: [] }));
  assert.ok(!blocks.some((b) => b.kind === 'table'));
  assert.ok(blocks.some((b) => b.kind === 'paragraph' && b.text.includes('予以通报表扬')));
});
