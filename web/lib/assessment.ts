// 考核评比 on the dashboard (app/assessment/page.tsx): the title a chosen period is first given, whether the period is
// over, a unit's place among those it shares it with, and the rows the result is exported as. Plain functions, so
// test/web-assessment.test.ts checks what a reader and a spreadsheet get.
import type { Cell, Table } from './sheet.ts';

const QUARTERS = ['一', '二', '三', '四'];

/** The last day of a month (1–12), as YYYY-MM-DD. */
const lastDay = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).toISOString().slice(0, 10);

/**
 * The title a period is first given (the 通报's, in Chinese whatever the reader's language): a whole month, quarter,
 * half-year or year by its name, any other period by its first and last day; null when the dates are not a period.
 */
export function periodTitle(from: string, to: string): string | null {
  const f = /^(\d{4})-(\d{2})-(\d{2})$/.exec(from);
  const l = /^(\d{4})-(\d{2})-(\d{2})$/.exec(to);
  if (!f || !l || to < from) return null;
  const [fy, fm, fd] = f.slice(1).map(Number) as [number, number, number];
  const [ly, lm, ld] = l.slice(1).map(Number) as [number, number, number];
  const suffix = '电子公文工作考核评比';
  // Whole months from the first of one to the last of another, within a year.
  if (fy === ly && fd === 1 && to === lastDay(ly, lm)) {
    if (fm === lm) return `${fy}年${fm}月${suffix}`;
    if (fm === 1 && lm === 12) return `${fy}年度${suffix}`;
    if (lm === fm + 2 && fm % 3 === 1) return `${fy}年第${QUARTERS[(fm - 1) / 3]}季度${suffix}`;
    if (fm === 1 && lm === 6) return `${fy}年上半年${suffix}`;
    if (fm === 7 && lm === 12) return `${fy}年下半年${suffix}`;
    return `${fy}年${fm}月至${lm}月${suffix}`;
  }
  const first = `${fy}年${fm}月${fd}日`;
  const last = fy === ly ? `${lm}月${ld}日` : `${ly}年${lm}月${ld}日`;
  return first === `${ly}年${lm}月${ld}日` ? `${first}${suffix}` : `${first}至${last}${suffix}`;
}

/** Whether a period (its end exclusive, as the platform keeps it) is over: before then its figures still change. */
export const periodOver = (periodTo: string, now = Date.now()) => Date.parse(periodTo) <= now;

interface Ranked {
  rank: number | null;
}

/** How many units share this place (equal scores share one: 1, 1, 3); 0 for a unit without a place. */
export function sharing(results: readonly Ranked[], rank: number | null): number {
  return rank === null ? 0 : results.filter((r) => r.rank === rank).length;
}

export interface ResultRow extends Ranked {
  name: string;
  signRate: number | null;
  receiptRate: number | null;
  reportRate: number | null;
  electronicRate: number | null;
  baseScore: number | null;
  adjustment: { points: number; reason: string } | null;
  score: number | null;
  grade: string | null;
}

/**
 * The result as a spreadsheet: one column a figure. 加减分 is a number (10, -12.5: a spreadsheet reads both as numbers,
 * sums and sorts them) and its reason a column of its own; rates are percentages (the four after the unit).
 */
export function assessmentTable(
  title: string,
  header: { place: string; unit: string; indicators: string[]; base: string; points: string; reason: string; score: string; grade: string },
  results: readonly ResultRow[],
  gradeName: (grade: string) => string,
): Table {
  return {
    title,
    header: [header.place, header.unit, ...header.indicators, header.base, header.points, header.reason, header.score, header.grade],
    rows: results.map((r): Cell[] => [
      r.rank,
      r.name,
      r.signRate,
      r.receiptRate,
      r.reportRate,
      r.electronicRate,
      r.baseScore,
      r.adjustment?.points ?? null,
      r.adjustment?.reason ?? '',
      r.score,
      r.grade ? gradeName(r.grade) : '',
    ]),
    percent: [2, 3, 4, 5],
  };
}
