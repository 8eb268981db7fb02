import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  type AssessedUnit,
  assessedUnit,
  assessmentBody,
  baseScore,
  checkAdjustment,
  checkAssessment,
  checkPublishable,
  checkUnitsToScore,
  checkWeights,
  DEFAULT_WEIGHTS,
  gradeOf,
  results,
} from './assessment.ts';
import type { UnitFigures } from './statistics.ts';

const unit = (orgId: string, name: string, rates: Partial<AssessedUnit>): AssessedUnit => ({
  orgId,
  name,
  path: `p61.c1.${orgId}`,
  signRate: null,
  signDue: 0,
  receiptRate: null,
  receiptDue: 0,
  reportRate: null,
  reportsDue: 0,
  electronicRate: null,
  exchanged: 0,
  ...rates,
});

const codeOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    const ext = (e as { extensions?: { field?: string; code?: string } }).extensions;
    return ext?.field ?? ext?.code ?? (e as Error).message;
  }
  return 'accepted';
};

test('the weights are whole points that add up to 100', () => {
  assert.deepEqual(checkWeights(DEFAULT_WEIGHTS), DEFAULT_WEIGHTS);
  assert.equal(
    codeOf(() => checkWeights({ sign: 40, receipt: 20, report: 25, electronic: 10 })),
    'weights',
  );
  assert.equal(
    codeOf(() => checkWeights({ sign: 40.5, receipt: 19.5, report: 25, electronic: 15 })),
    'weights',
  );
  assert.equal(
    codeOf(() => checkWeights({ sign: 120, receipt: -20, report: 0, electronic: 0 })),
    'weights',
  );
  assert.deepEqual(checkWeights({ sign: 100, receipt: 0, report: 0, electronic: 0 }), { sign: 100, receipt: 0, report: 0, electronic: 0 });
});

test('a period has begun, ends after it begins and is at most a year', () => {
  const now = new Date('2026-12-07T08:00:00Z');
  const ok = {
    title: ' 2026年11月考核评比 ',
    from: new Date('2026-11-01T00:00:00+08:00'),
    to: new Date('2026-12-01T00:00:00+08:00'),
    weights: DEFAULT_WEIGHTS,
  };
  assert.equal(checkAssessment(ok, now).title, '2026年11月考核评比');
  assert.equal(
    codeOf(() => checkAssessment({ ...ok, title: '  ' }, now)),
    'title',
  );
  assert.equal(
    codeOf(() => checkAssessment({ ...ok, to: ok.from }, now)),
    'to',
  );
  assert.equal(
    codeOf(() => checkAssessment({ ...ok, from: new Date('2027-01-01'), to: new Date('2027-02-01') }, now)),
    'from',
  );
  assert.equal(
    codeOf(() => checkAssessment({ ...ok, from: new Date('2025-01-01'), to: new Date('2026-12-01') }, now)),
    'to',
  );
});

test('the score weighs each rate; an indicator with nothing to rate counts for none, the others for its share', () => {
  const all = unit('a', '甲', { signRate: 1, receiptRate: 0.5, reportRate: 1, electronicRate: 0.8 });
  // (1×40 + 0.5×20 + 1×25 + 0.8×15) / 100 × 100
  assert.equal(baseScore(all, DEFAULT_WEIGHTS), 87);
  // No report asked: the other 75 points are the whole.
  const noReports = unit('b', '乙', { signRate: 1, receiptRate: 0.5, electronicRate: 0.8 });
  assert.equal(baseScore(noReports, DEFAULT_WEIGHTS), Math.round(((40 + 10 + 12) / 75) * 1000) / 10);
  assert.equal(baseScore(unit('c', '丙', {}), DEFAULT_WEIGHTS), null);
  // A weight of 0 leaves its indicator out even when it has a rate.
  assert.equal(baseScore(unit('d', '丁', { signRate: 0.5, electronicRate: 1 }), { sign: 100, receipt: 0, report: 0, electronic: 0 }), 50);
});

test('figures become rates of what was due; paper lowers the electronic rate', () => {
  const f = {
    orgId: 'x',
    name: '新城区',
    path: 'p61.c1.x',
    signedOnTime: 3,
    signedLate: 1,
    signedMissing: 0,
    receivedOnTime: 4,
    receivedLate: 0,
    receivedMissing: 0,
    reportsOnTime: 0,
    reportsLate: 0,
    reportsMissing: 2,
    received: 4,
    documentsSent: 2,
    paperReceived: 1,
    paperSent: 1,
  } as UnitFigures;
  const u = assessedUnit(f);
  assert.deepEqual([u.signRate, u.signDue, u.receiptRate, u.reportRate, u.reportsDue, u.electronicRate, u.exchanged], [0.75, 4, 1, 0, 2, 0.75, 8]);
});

test('adjustments are within −30 and +10, in tenths, with a reason; a bonus counts past 100, a score is never below 0', () => {
  assert.deepEqual(checkAdjustment(-5, ' 迟报一次 '), { points: -5, reason: '迟报一次' });
  assert.equal(
    codeOf(() => checkAdjustment(0, '无')),
    'points',
  );
  assert.equal(
    codeOf(() => checkAdjustment(11, '表扬')),
    'points',
  );
  assert.equal(
    codeOf(() => checkAdjustment(-30.5, '事故')),
    'points',
  );
  assert.equal(
    codeOf(() => checkAdjustment(1.25, '半分')),
    'points',
  );
  assert.equal(
    codeOf(() => checkAdjustment(Number.NaN, '无')),
    'points',
  );
  assert.equal(
    codeOf(() => checkAdjustment(2, ' ')),
    'reason',
  );
  const r = results([unit('a', '甲', { signRate: 0.98 }), unit('b', '乙', { signRate: 0.2 })], DEFAULT_WEIGHTS, {
    a: { points: 10, reason: '经验被推广', byName: '赵建国', at: '' },
    b: { points: -30, reason: '发生失泄密事件', byName: '赵建国', at: '' },
  });
  assert.deepEqual(
    r.map((x) => [x.name, x.baseScore, x.score, x.grade]),
    [
      ['甲', 98, 108, 'EXCELLENT'],
      ['乙', 20, 0, 'FAIL'],
    ],
  );
});

test('a bonus sets a unit at 100 apart from the others at 100: its score, then its place', () => {
  const full = { signRate: 1, receiptRate: 1, electronicRate: 1 };
  const before = results([unit('x', '新城区', full), unit('b', '碑林区', full), unit('l', '莲湖区', full)], DEFAULT_WEIGHTS, {});
  assert.deepEqual(
    before.map((x) => [x.name, x.score, x.rank]),
    [
      ['碑林区', 100, 1],
      ['莲湖区', 100, 1],
      ['新城区', 100, 1],
    ],
    'three tied first',
  );
  const after = results([unit('x', '新城区', full), unit('b', '碑林区', full), unit('l', '莲湖区', full)], DEFAULT_WEIGHTS, {
    x: { points: 10, reason: '主动报送经验材料，加分', byName: '孙涛', at: '' },
  });
  assert.deepEqual(
    after.map((x) => [x.name, x.baseScore, x.score, x.rank, x.grade]),
    [
      ['新城区', 100, 110, 1, 'EXCELLENT'],
      ['碑林区', 100, 100, 2, 'EXCELLENT'],
      ['莲湖区', 100, 100, 2, 'EXCELLENT'],
    ],
  );
  // A deduction takes a unit below a grade's threshold: the grade follows the final score.
  const [down] = results([unit('x', '新城区', full)], DEFAULT_WEIGHTS, { x: { points: -10.5, reason: '迟签公文两次', byName: '孙涛', at: '' } });
  assert.deepEqual([down?.score, down?.grade], [89.5, 'GOOD']);
});

test('nothing to score is refused: no unit below, or none with figures of the weighed indicators', () => {
  assert.equal(
    codeOf(() => checkUnitsToScore([])),
    'NOTHING_TO_ASSESS',
  );
  assert.equal(
    codeOf(() => checkUnitsToScore([unit('a', '甲', {})])),
    'accepted',
  );
  assert.equal(
    codeOf(() => checkPublishable(results([unit('a', '甲', {}), unit('b', '乙', { signRate: 1 })], { sign: 0, receipt: 0, report: 100, electronic: 0 }, {}))),
    'NOTHING_TO_ASSESS',
  );
  assert.equal(
    codeOf(() => checkPublishable(results([unit('a', '甲', {}), unit('b', '乙', { signRate: 1 })], DEFAULT_WEIGHTS, {}))),
    'accepted',
  );
});

test('grades: 优秀 from 90, 良好 from 80, 合格 from 60, 不合格 below', () => {
  assert.deepEqual([gradeOf(90), gradeOf(89.9), gradeOf(80), gradeOf(60), gradeOf(59.9), gradeOf(null)], ['EXCELLENT', 'GOOD', 'GOOD', 'PASS', 'FAIL', null]);
});

test('the ranking: best first, equal scores share a place, the unscored last without one', () => {
  const r = results(
    [
      unit('c', '丙', { signRate: 0.9 }),
      unit('z', '无数据单位', {}),
      unit('a', '甲', { signRate: 1 }),
      unit('b', '乙', { signRate: 0.9 }),
      unit('d', '丁', { signRate: 0.5 }),
    ],
    DEFAULT_WEIGHTS,
    { d: { points: -5, reason: '迟报', byName: '孙涛', at: '' } },
  );
  assert.deepEqual(
    r.map((x) => [x.name, x.score, x.rank, x.grade]),
    [
      ['甲', 100, 1, 'EXCELLENT'],
      ['丙', 90, 2, 'EXCELLENT'],
      ['乙', 90, 2, 'EXCELLENT'],
      ['丁', 45, 4, 'FAIL'],
      ['无数据单位', null, null, null],
    ],
  );
});

test('the published text: the period, the weights, the grades counted, each unit’s row and each adjustment’s reason', () => {
  const r = results([unit('a', '西安市新城区人民政府', { signRate: 0.5, reportRate: 1 })], DEFAULT_WEIGHTS, {
    a: { points: -3, reason: '未按要求报送收文人员名单', byName: '孙涛', at: '' },
  });
  const body = assessmentBody({
    periodFrom: new Date('2026-11-01T00:00:00+08:00'),
    periodTo: new Date('2026-12-01T00:00:00+08:00'),
    computedAt: new Date('2026-12-07T15:30:00+08:00'),
    weights: DEFAULT_WEIGHTS,
    results: r,
  });
  assert.match(body, /2026年11月1日至2026年11月30日/);
  assert.match(body, /数据统计截至2026年12月7日15:30/);
  assert.match(body, /签收及时率40分、接收及时率20分、报送及时率25分、公文交换电子化率15分，合计100分，加减分另计/);
  // (0.5×40 + 1×25) / 65 = 69.2, less 3: 66.2, 合格.
  assert.match(body, /合格1个，不合格0个/);
  // The ranking a table of its own, so that 名次 and 等次 are wide enough on the page; the figures behind it after.
  assert.match(
    body,
    /<tr><th>名次<\/th><th>单位<\/th><th>得分<\/th><th>等次<\/th><\/tr><tr><td>1<\/td><td>西安市新城区人民政府<\/td><td>66.2<\/td><td>合格<\/td><\/tr>/,
  );
  assert.match(body, /<td>西安市新城区人民政府<\/td><td>50.0%<\/td><td>—<\/td><td>100.0%<\/td><td>—<\/td><td>69.2<\/td><td>-3<\/td>/);
  assert.match(body, /西安市新城区人民政府/);
  assert.match(body, /减3分，未按要求报送收文人员名单/);
});

test('the PDF: a place of 13 and a grade stay on one line of their cells, with fourteen units scored', async () => {
  const { assessmentForPrint } = await import('./official-document-pdf.ts');
  const { layoutOfficialDocument } = await import('./print-layout.ts');
  const districts = ['新城', '碑林', '莲湖', '灞桥', '未央', '雁塔', '阎良', '临潼', '长安', '高陵', '鄠邑'];
  const units = [
    ...districts.map((d, i) => unit(`d${i}`, `西安市${d}区人民政府`, { signRate: 1, receiptRate: 1, reportRate: 1, electronicRate: 1 })),
    unit('l', '西安市蓝田县人民政府', { signRate: 0.6, receiptRate: 0.7, electronicRate: 1 }),
    unit('z', '西安市周至县人民政府', { signRate: 0.5, receiptRate: 0.7, electronicRate: 1 }),
    unit('o', '西安市人民政府办公厅', { signRate: 0.4, receiptRate: 0.6, electronicRate: 1 }),
  ];
  const r = results(units, DEFAULT_WEIGHTS, { d0: { points: 10, reason: '主动报送经验材料，加分', byName: '孙涛', at: '' } });
  assert.deepEqual(
    r.slice(-3).map((x) => x.rank),
    [12, 13, 14],
  );
  const bodyHtml = assessmentBody({
    periodFrom: new Date('2026-11-01T00:00:00+08:00'),
    periodTo: new Date('2026-12-01T00:00:00+08:00'),
    computedAt: new Date('2026-12-07T15:30:00+08:00'),
    weights: DEFAULT_WEIGHTS,
    results: r,
  });
  const laid = await layoutOfficialDocument(
    assessmentForPrint({ orgName: '西安市人民政府', title: '2026年11月电子公文工作考核评比', bodyHtml, publishedAt: new Date('2026-12-08T10:00:00+08:00') }),
    { withinQuota: true },
  );
  const texts = laid.pages.flat().flatMap((op) => (op.kind === 'text' ? [op.text] : []));
  for (const whole of ['名次', '等次', '12', '13', '14', '110.0', '优秀', '合格', '不合格']) assert.ok(texts.includes(whole), `${whole} is drawn on one line`);
  for (const half of ['名', '次', '优', '秀', '不合']) assert.ok(!texts.includes(half), `no ${half} left alone on a line`);
});
