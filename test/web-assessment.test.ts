// 考核评比 on the dashboard (web/lib/assessment.ts): the export a spreadsheet reads — 加减分 a number in a column of
// its own and its reason in the next, in CSV and XLSX alike, no formula guard on either — the title that follows the
// period chosen, a period not yet over, and a place shared by tied units.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import ExcelJS from 'exceljs';
import { assessmentTable, periodOver, periodTitle, type ResultRow, sharing } from '../web/lib/assessment.ts';
import { parseCsv, toCsv, toXlsx } from '../web/lib/sheet.ts';

const row = (over: Partial<ResultRow>): ResultRow => ({
  rank: 1,
  name: '西安市新城区人民政府',
  signRate: 1,
  receiptRate: 1,
  reportRate: null,
  electronicRate: 1,
  baseScore: 100,
  adjustment: null,
  score: 100,
  grade: 'EXCELLENT',
  ...over,
});

const results = [
  row({ adjustment: { points: 10, reason: '主动报送经验材料，加分' }, score: 110 }),
  row({ rank: 2, name: '西安市碑林区人民政府' }),
  row({
    rank: 3,
    name: '西安市周至县人民政府',
    signRate: 0.5,
    baseScore: 81.3,
    adjustment: { points: -12.5, reason: '迟签公文两次' },
    score: 68.8,
    grade: 'PASS',
  }),
  row({ rank: null, name: '西安市人民政府办公厅', signRate: null, receiptRate: null, electronicRate: null, baseScore: null, score: null, grade: null }),
];
const table = assessmentTable(
  '考核评比',
  {
    place: '名次',
    unit: '单位',
    indicators: ['签收及时率', '接收及时率', '报送及时率', '公文交换电子化率'],
    base: '基础分',
    points: '加减分',
    reason: '加减分原因',
    score: '得分',
    grade: '等次',
  },
  results,
  (g) => ({ EXCELLENT: '优秀', GOOD: '良好', PASS: '合格', FAIL: '不合格' })[g] ?? g,
);

test('CSV: 加减分 a signed number and its reason a column of its own, no stray apostrophe', () => {
  const [header, bonus, plain, deducted, unscored] = parseCsv(toCsv(table));
  assert.deepEqual(header, ['名次', '单位', '签收及时率', '接收及时率', '报送及时率', '公文交换电子化率', '基础分', '加减分', '加减分原因', '得分', '等次']);
  assert.deepEqual(bonus, ['1', '西安市新城区人民政府', '100.0%', '100.0%', '', '100.0%', '100', '10', '主动报送经验材料，加分', '110', '优秀']);
  assert.deepEqual(plain?.slice(6, 11), ['100', '', '', '100', '优秀']);
  assert.deepEqual(deducted?.slice(6, 11), ['81.3', '-12.5', '迟签公文两次', '68.8', '合格']);
  assert.deepEqual(unscored?.slice(6, 11), ['', '', '', '', '']);
  assert.ok(!toCsv(table).includes("'"), 'no formula guard: the points are a number');
});

test('XLSX: the same columns, 加减分 and the scores numbers a sheet sums', async () => {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await toXlsx(table)) as ArrayBuffer);
  const ws = wb.worksheets[0];
  assert.ok(ws);
  assert.equal(ws.getRow(1).getCell(8).value, '加减分');
  assert.equal(ws.getRow(1).getCell(9).value, '加减分原因');
  assert.deepEqual([ws.getRow(2).getCell(8).value, ws.getRow(2).getCell(9).value, ws.getRow(2).getCell(10).value], [10, '主动报送经验材料，加分', 110]);
  assert.deepEqual([ws.getRow(4).getCell(8).value, ws.getRow(4).getCell(9).value, ws.getRow(4).getCell(10).value], [-12.5, '迟签公文两次', 68.8]);
  assert.equal(ws.getRow(2).getCell(1).value, 1, 'the place a number');
});

test('the default title names the period chosen', () => {
  assert.equal(periodTitle('2026-11-01', '2026-11-30'), '2026年11月电子公文工作考核评比');
  assert.equal(periodTitle('2026-12-01', '2026-12-31'), '2026年12月电子公文工作考核评比');
  assert.equal(periodTitle('2026-12-01', '2026-12-10'), '2026年12月1日至12月10日电子公文工作考核评比');
  assert.equal(periodTitle('2026-10-01', '2026-12-31'), '2026年第四季度电子公文工作考核评比');
  assert.equal(periodTitle('2026-01-01', '2026-06-30'), '2026年上半年电子公文工作考核评比');
  assert.equal(periodTitle('2026-01-01', '2026-12-31'), '2026年度电子公文工作考核评比');
  assert.equal(periodTitle('2026-02-01', '2026-03-31'), '2026年2月至3月电子公文工作考核评比');
  assert.equal(periodTitle('2026-12-08', '2026-12-08'), '2026年12月8日电子公文工作考核评比');
  assert.equal(periodTitle('2026-12-20', '2027-01-10'), '2026年12月20日至2027年1月10日电子公文工作考核评比');
  assert.equal(periodTitle('2026-12-10', '2026-12-01'), null, 'not a period');
  assert.equal(periodTitle('', '2026-12-01'), null);
});

test('a period not over yet; a place shared by tied units', () => {
  const now = Date.parse('2026-12-08T10:00:00+08:00');
  assert.equal(periodOver('2026-12-10T16:00:00.000Z', now), false, '12-01 to 12-10, on 12-08');
  assert.equal(periodOver('2026-11-30T16:00:00.000Z', now), true);
  const tied = [{ rank: 1 }, { rank: 1 }, { rank: 1 }, { rank: 4 }, { rank: null }];
  assert.deepEqual(
    tied.map((r) => sharing(tied, r.rank)),
    [3, 3, 3, 1, 0],
  );
});
