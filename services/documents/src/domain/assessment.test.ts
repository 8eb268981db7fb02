import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  type AssessedUnit,
  assessedUnit,
  assessmentBody,
  baseScore,
  checkAdjustment,
  checkAssessment,
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
    return (e as { extensions?: { field?: string } }).extensions?.field ?? (e as Error).message;
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

test('adjustments are within −30 and +10, in tenths, with a reason; the score stays within 0–100', () => {
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
  const r = results([unit('a', '甲', { signRate: 0.98 })], DEFAULT_WEIGHTS, { a: { points: 10, reason: '经验被推广', byName: '赵建国', at: '' } });
  assert.equal(r[0]?.score, 100);
  assert.equal(r[0]?.baseScore, 98);
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
  assert.match(body, /签收及时率40分、接收及时率20分、报送及时率25分、公文交换电子化率15分/);
  // (0.5×40 + 1×25) / 65 = 69.2, less 3: 66.2, 合格.
  assert.match(body, /合格1个，不合格0个/);
  assert.match(body, /<td>-3<\/td><td>66.2<\/td><td>合格<\/td>/);
  assert.match(body, /西安市新城区人民政府/);
  assert.match(body, /减3分，未按要求报送收文人员名单/);
});
