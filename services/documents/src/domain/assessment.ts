// 考核评比 (seed 004 四(一): 电子政务领导小组……定期组织考核评比工作并公布考核评比结果): a unit that leads the work of
// those below it scores each of them for a period on what the platform measured — 签收 and 接收 in time, reports in
// time, documents exchanged on the network rather than on paper (seed 004 三's 电子化率) — by weights it sets, adds or
// takes off points with a reason where the figures do not tell all, and publishes the result to the units it scored.
// These are the rules: the weights, the score, the grade, the ranking. The figures are counted by store/statistics.ts.
import { badInput, beijingDate, beijingDateTime, requiredText, YizhanError } from '@yizhan/common';
import { DocumentsErrorCode } from '@yizhan/contracts/documents';
import { type BodyBlock, bodyHtml } from './body.ts';
import { percent as percentOf, periodWords } from './bulletin.ts';
import { chineseDate } from './gbt9704.ts';
import { ratesOf, type UnitFigures } from './statistics.ts';

/** What a unit is scored on, in the order a table shows them. */
export const INDICATORS = ['sign', 'receipt', 'report', 'electronic'] as const;
export type Indicator = (typeof INDICATORS)[number];

/** Points out of 100 per indicator; they add up to 100. */
export type Weights = Record<Indicator, number>;

/** 签收 weighs most: it is what the seeds ask of every unit each working day (seeds 000 §12, 001 §10). */
export const DEFAULT_WEIGHTS: Weights = { sign: 40, receipt: 20, report: 25, electronic: 15 };

/** An adjustment's bounds: a deduction may weigh more than a bonus (a 失泄密 incident outweighs a good idea). */
export const ADJUSTMENT_MIN = -30;
export const ADJUSTMENT_MAX = 10;
/** The longest period one assessment covers. */
export const MAX_PERIOD_DAYS = 366;

export interface AssessmentInput {
  title: string;
  from: Date;
  to: Date;
  /** DEFAULT_WEIGHTS when not given. */
  weights?: Weights | null;
}

/** The earliest a period begins: before it the platform held nothing (and a year 0000 is no period). */
const EARLIEST = Date.parse('2000-01-01T00:00:00+08:00');

export function checkWeights(w: Weights): Weights {
  for (const k of INDICATORS) {
    const v = w[k];
    if (!Number.isInteger(v) || v < 0 || v > 100) throw badInput(`weights.${k} is a whole number from 0 to 100`, 'weights');
  }
  const sum = INDICATORS.reduce((s, k) => s + w[k], 0);
  if (sum !== 100) throw badInput(`The weights add up to ${sum}, not 100`, 'weights');
  return Object.fromEntries(INDICATORS.map((k) => [k, w[k]])) as Weights;
}

export function checkAssessment(input: AssessmentInput, now: Date): Required<AssessmentInput> & { weights: Weights } {
  const title = requiredText(input.title, 'title', { max: 100, line: true });
  const { from, to } = input;
  if (!(from instanceof Date) || Number.isNaN(from.getTime())) throw badInput('from must be a date and time', 'from');
  if (!(to instanceof Date) || Number.isNaN(to.getTime())) throw badInput('to must be a date and time', 'to');
  if (to.getTime() <= from.getTime()) throw badInput('The period ends before it begins', 'to');
  if (from.getTime() > now.getTime()) throw badInput('The period has not begun: there is nothing to score yet', 'from', { notFuture: true });
  if (from.getTime() < EARLIEST) throw badInput('The period begins in 2000 or later', 'from');
  if (to.getTime() - from.getTime() > MAX_PERIOD_DAYS * 86_400_000) throw badInput(`A period is at most ${MAX_PERIOD_DAYS} days`, 'to');
  return { title, from, to, weights: checkWeights(input.weights ?? DEFAULT_WEIGHTS) };
}

/** One scored unit's figures as the assessment keeps them: each rate with what it is a rate of. */
export interface AssessedUnit {
  orgId: string;
  name: string;
  /** Where the unit stood when counted: its notice of the result is addressed there. */
  path: string;
  /** 签收 in time among deliveries due. */
  signRate: number | null;
  signDue: number;
  /** 接收 (first opened) in time among deliveries due. */
  receiptRate: number | null;
  receiptDue: number;
  /** Reports in time among those asked of it. */
  reportRate: number | null;
  reportsDue: number;
  /** Documents it received and sent on the network among all, paper included. */
  electronicRate: number | null;
  exchanged: number;
}

/** A unit's figures of the period as the assessment scores them: the rates statistics shows, with what each is of. */
export function assessedUnit(u: UnitFigures): AssessedUnit {
  const { signRate, receiptRate, reportRate, electronicRate } = ratesOf(u);
  return {
    orgId: u.orgId,
    name: u.name,
    path: u.path,
    signRate,
    signDue: u.signedOnTime + u.signedLate + u.signedMissing,
    receiptRate,
    receiptDue: u.receivedOnTime + u.receivedLate + u.receivedMissing,
    reportRate,
    reportsDue: u.reportsOnTime + u.reportsLate + u.reportsMissing,
    electronicRate,
    exchanged: u.received + u.documentsSent + u.paperReceived + u.paperSent,
  };
}

/**
 * An assessment scores the units below the assessing unit that had something in the period (statistics' units): with
 * none — a unit with no units below it, or a period in which none of them sent, received, was asked to report or
 * recorded paper — there is nothing to draft, and a published one could never be taken back.
 */
export function checkUnitsToScore(units: AssessedUnit[]): void {
  if (!units.length)
    throw new YizhanError(
      DocumentsErrorCode.NOTHING_TO_ASSESS,
      'No unit below yours sent, received, was asked to report or recorded paper in the period: there is no unit to score',
      { units: 0, unitsScored: 0 },
    );
}

const RATE: Record<Indicator, (u: AssessedUnit) => number | null> = {
  sign: (u) => u.signRate,
  receipt: (u) => u.receiptRate,
  report: (u) => u.reportRate,
  electronic: (u) => u.electronicRate,
};

const round1 = (n: number) => Math.round(n * 10) / 10;

/**
 * The score from the figures, out of 100: each rate times its weight. An indicator the unit had nothing of (no report
 * asked of it) is left out and the others count for its share, so a unit is neither rewarded nor punished for what
 * nobody asked of it; null when it had nothing of any weighed indicator.
 */
export function baseScore(u: AssessedUnit, w: Weights): number | null {
  let points = 0;
  let weighed = 0;
  for (const k of INDICATORS) {
    const r = RATE[k](u);
    if (r === null || w[k] === 0) continue;
    points += r * w[k];
    weighed += w[k];
  }
  return weighed ? round1((points / weighed) * 100) : null;
}

export interface Adjustment {
  points: number;
  reason: string;
  byName: string;
  at: string;
}

export function checkAdjustment(points: number, reason: string): { points: number; reason: string } {
  if (!Number.isFinite(points) || round1(points) !== points || points === 0 || points < ADJUSTMENT_MIN || points > ADJUSTMENT_MAX)
    throw badInput(`points is from ${ADJUSTMENT_MIN} to ${ADJUSTMENT_MAX}, not 0, in tenths at most`, 'points');
  return { points, reason: requiredText(reason, 'reason', { max: 200, line: true }) };
}

export type Grade = 'EXCELLENT' | 'GOOD' | 'PASS' | 'FAIL';
/** 优秀 from 90, 良好 from 80, 合格 from 60, 不合格 below. */
export function gradeOf(score: number | null): Grade | null {
  if (score === null) return null;
  return score >= 90 ? 'EXCELLENT' : score >= 80 ? 'GOOD' : score >= 60 ? 'PASS' : 'FAIL';
}

export interface AssessmentResult extends AssessedUnit {
  baseScore: number | null;
  adjustment: Adjustment | null;
  /** The base score plus or minus the adjustment, not below 0 (a bonus may take it past 100); null when the unit had
   * nothing to score. */
  score: number | null;
  grade: Grade | null;
  /** 1 for the best; equal scores share a place (1, 1, 3); null when unscored. */
  rank: number | null;
}

/**
 * The score: the base score plus 加分, minus 减分. Not capped at 100: a unit at 100 given a bonus for something the
 * figures cannot show (经验材料 reported, a practice others took up) would otherwise gain nothing and stay level with
 * every other unit at 100 — the bonus is there to set it apart. Not below 0: a score is not negative.
 */
export function finalScore(base: number | null, adjustment: number): number | null {
  return base === null ? null : round1(Math.max(0, base + adjustment));
}

/** Each unit's result, the best first (equal scores by name), the unscored last. */
export function results(units: AssessedUnit[], w: Weights, adjustments: Record<string, Adjustment>): AssessmentResult[] {
  const scored = units.map((u) => {
    const base = baseScore(u, w);
    const adjustment = adjustments[u.orgId] ?? null;
    const score = finalScore(base, adjustment?.points ?? 0);
    return { ...u, baseScore: base, adjustment, score, grade: gradeOf(score), rank: null as number | null };
  });
  scored.sort((a, b) => {
    if (a.score === null || b.score === null) return a.score === b.score ? a.name.localeCompare(b.name, 'zh') : a.score === null ? 1 : -1;
    return b.score - a.score || a.name.localeCompare(b.name, 'zh');
  });
  scored.forEach((r, i) => {
    if (r.score === null) return;
    const prev = scored[i - 1];
    r.rank = prev && prev.score === r.score ? prev.rank : i + 1;
  });
  return scored;
}

/** Published, a result is kept for good and told to each unit scored: one that scores no unit (none had anything of
 * the weighed indicators) tells nobody anything, and is not published. */
export function checkPublishable(r: AssessmentResult[]): void {
  if (!r.some((x) => x.score !== null))
    throw new YizhanError(
      DocumentsErrorCode.NOTHING_TO_ASSESS,
      'None of the units had anything of the weighed indicators in the period: there is no result to publish',
      { units: r.length, unitsScored: 0 },
    );
}

export const GRADE_NAMES: Record<Grade, string> = { EXCELLENT: '优秀', GOOD: '良好', PASS: '合格', FAIL: '不合格' };
export const INDICATOR_NAMES: Record<Indicator, string> = {
  sign: '签收及时率',
  receipt: '接收及时率',
  report: '报送及时率',
  electronic: '公文交换电子化率',
};

const percent = (r: number | null) => (r === null ? '—' : percentOf(r));
const signed = (n: number) => (n > 0 ? `+${n}` : String(n));

export interface PublishedAssessment {
  periodFrom: Date;
  periodTo: Date;
  /** When the figures were counted: a period still running is scored as of then. */
  computedAt: Date;
  weights: Weights;
  results: AssessmentResult[];
}

/** The result as published (its PDF, and the body of the 通报 drafted from it): the period and the weights, each
 * unit's rates, adjustment, score, grade and place, and the adjustments' reasons. */
export function assessmentBody(a: PublishedAssessment): string {
  const period = periodWords(a.periodFrom, a.periodTo);
  const counted = `${chineseDate(beijingDate(a.computedAt))}${beijingDateTime(a.computedAt).slice(11, 16)}`;
  const weighed = INDICATORS.filter((k) => a.weights[k] > 0)
    .map((k) => `${INDICATOR_NAMES[k]}${a.weights[k]}分`)
    .join('、');
  const scored = a.results.filter((r) => r.score !== null);
  const count = (g: Grade) => scored.filter((r) => r.grade === g).length;
  const blocks: BodyBlock[] = [
    {
      kind: 'paragraph',
      text: `根据电子公文传输工作考核评比办法，依据系统记录的数据，对${period}各单位电子公文工作进行了考核评比（${weighed}，合计100分，加减分另计；某项无考核数据的，按其余各项折算；数据统计截至${counted}）。现将结果公布如下。`,
    },
    { kind: 'heading', level: 1, text: '一、总体情况' },
    {
      kind: 'paragraph',
      text: scored.length
        ? `参加考核评比的${scored.length}个单位中，优秀${count('EXCELLENT')}个，良好${count('GOOD')}个，合格${count('PASS')}个，不合格${count('FAIL')}个。`
        : '考核期内，各单位均无可考核的数据。',
    },
    // The ranking on its own, the figures behind it after: one table of nine columns left 名次 and 等次 too narrow
    // on the A4 版心 (a place of 13 read 1 over 3, 优秀 优 over 秀), since a table's columns share its width by
    // their text (print-layout.ts).
    { kind: 'heading', level: 1, text: '二、考核结果' },
    {
      kind: 'table',
      rows: [
        { header: true, cells: ['名次', '单位', '得分', '等次'] },
        ...a.results.map((r) => ({
          header: false,
          cells: [r.rank === null ? '—' : String(r.rank), r.name, r.score === null ? '无数据' : r.score.toFixed(1), r.grade ? GRADE_NAMES[r.grade] : '—'],
        })),
      ],
    },
    { kind: 'heading', level: 1, text: '三、各项指标情况' },
    {
      kind: 'table',
      rows: [
        { header: true, cells: ['单位', '签收及时率', '接收及时率', '报送及时率', '电子化率', '基础分', '加减分'] },
        ...a.results.map((r) => ({
          header: false,
          cells: [
            r.name,
            percent(r.signRate),
            percent(r.receiptRate),
            percent(r.reportRate),
            percent(r.electronicRate),
            r.baseScore === null ? '—' : r.baseScore.toFixed(1),
            r.adjustment ? signed(r.adjustment.points) : '',
          ],
        })),
      ],
    },
  ];
  const adjusted = a.results.filter((r) => r.adjustment);
  if (adjusted.length) {
    blocks.push({ kind: 'heading', level: 1, text: '四、加减分说明' });
    for (const r of adjusted) {
      const adj = r.adjustment as Adjustment;
      blocks.push({ kind: 'paragraph', text: `${r.name}：${adj.points > 0 ? '加' : '减'}${Math.abs(adj.points)}分，${adj.reason}` });
    }
  }
  blocks.push({ kind: 'heading', level: 1, text: adjusted.length ? '五、有关要求' : '四、有关要求' });
  blocks.push({
    kind: 'paragraph',
    text: '请各单位对照考核结果查找不足，落实专人负责，按时签收、及时办理、按期报送，进一步提高电子公文传输工作水平。',
  });
  return bodyHtml(blocks);
}
