// The dashboard's exports (web/lib/sheet.ts): the CSV Excel reads as Chinese, the platform's own CSV read back row
// for row, and the XLSX workbook read back with exceljs: Chinese headers, counts as numbers, rates as percentages, a
// frozen header row, text that looks like a formula kept as text.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import ExcelJS from 'exceljs';
import { csvCell, parseCsv, sheetName, type Table, tableFromCsv, toCsv, toXlsx } from '../web/lib/sheet.ts';

const table: Table = {
  title: '签收情况:关于冬季安全生产的通知',
  header: ['单位', '状态', '签收时间', '份数', '按时率'],
  rows: [
    ['西安市新城区人民政府', '已签收', '2026-11-30 09:05', 2, 0.875],
    ['西安市碑林区人民政府', '已退回', null, 1, 0],
    ['=HYPERLINK("x")', '说明, 含逗号\n和换行', '', 0, 1],
  ],
  percent: [4],
};

test('CSV: byte-order mark, CRLF, quoting, a formula guarded, rates as percentages', () => {
  const csv = toCsv(table);
  assert.ok(csv.startsWith('\uFEFF单位,状态,签收时间,份数,按时率\r\n'));
  assert.ok(csv.includes('西安市新城区人民政府,已签收,2026-11-30 09:05,2,87.5%\r\n'));
  assert.ok(csv.includes(`"'=HYPERLINK(""x"")","说明, 含逗号\n和换行",,0,100.0%`));
  assert.equal(csvCell(-1), '-1', 'a negative number is a number, not a formula');
  assert.equal(csvCell('-1'), "'-1");
});

test('the platform’s CSV reads back as the rows it holds, numbers as numbers, the guard taken off', () => {
  const back = parseCsv(toCsv(table));
  assert.equal(back.length, 4);
  assert.deepEqual(back[3], ['\'=HYPERLINK("x")', '说明, 含逗号\n和换行', '', '0', '100.0%']);
  const t = tableFromCsv('收文登记簿', '\uFEFF收文编号,份数\r\n收〔2026〕1号,3\r\n"A, B",007\n');
  assert.deepEqual(t.header, ['收文编号', '份数']);
  assert.deepEqual(t.rows, [
    ['收〔2026〕1号', 3],
    ['A, B', '007'],
  ]);
  assert.deepEqual(tableFromCsv('x', "a\r\n'=1+1\r\n").rows, [['=1+1']]);
});

test('XLSX: one sheet named after the table, Chinese header bold and frozen, typed cells, widths for Chinese', async () => {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await toXlsx(table)) as ArrayBuffer);
  assert.equal(wb.worksheets.length, 1);
  const ws = wb.worksheets[0]!;
  assert.equal(ws.name, sheetName(table.title));
  assert.equal(ws.name, '签收情况 关于冬季安全生产的通知', 'a colon is not allowed in a sheet name');
  assert.equal(sheetName('一'.repeat(40)).length, 31);
  assert.deepEqual((ws.getRow(1).values as unknown[]).slice(1), table.header);
  assert.equal(ws.getRow(1).getCell(1).font?.bold, true);
  assert.equal(ws.views[0]?.state, 'frozen');
  assert.equal(ws.getCell('D2').value, 2, 'counts are numbers');
  assert.equal(ws.getCell('E2').value, 0.875);
  assert.equal(ws.getCell('E2').numFmt, '0.0%', 'rates show as percentages');
  assert.equal(ws.getCell('A4').value, '=HYPERLINK("x")', 'kept as text');
  assert.equal(ws.getCell('A4').formula, undefined, 'never a formula');
  assert.equal(ws.getCell('C3').value, '', 'an empty time is an empty cell');
  assert.ok((ws.getColumn(1).width ?? 0) >= 20, 'a unit’s Chinese name fits its column');
  assert.equal(ws.rowCount, 4);
});
