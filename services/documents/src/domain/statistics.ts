// 统计 (issue 16, statistics at a glance): the rules behind the figures. The figures themselves are counted in SQL
// (store/statistics.ts, which also tells a delivery's direction when it kept none); these plain functions say how a
// period is cut into a trend, what a rate of nothing is, how a rate is banded for the map of the province (always
// with the figure written beside it), and the totals of a subtree.
import { beijingDate } from '@yizhan/common';

export type Granularity = 'day' | 'week' | 'month';

/** A trend's step: by day up to two months, by week up to half a year, by month beyond. */
export function granularityOf(from: Date, to: Date): Granularity {
  const days = (to.getTime() - from.getTime()) / 86_400_000;
  return days <= 62 ? 'day' : days <= 190 ? 'week' : 'month';
}

/**
 * Every period of a trend from `from` to `to`, as its Beijing date (a day; the Monday of a week; the first of a month,
 * as SQL's date_trunc names them): a quiet week is drawn as one where nothing happened, not left out.
 */
export function periodsOf(from: Date, to: Date, step: Granularity): string[] {
  const day = (iso: string) => Date.parse(`${iso}T00:00:00Z`);
  const label = (t: number) => new Date(t).toISOString().slice(0, 10);
  let at = day(beijingDate(from));
  if (step === 'week') at -= ((new Date(at).getUTCDay() + 6) % 7) * 86_400_000;
  if (step === 'month') at = day(`${label(at).slice(0, 7)}-01`);
  const last = day(beijingDate(new Date(to.getTime() - 1)));
  const out: string[] = [];
  // A year by day is the most a period holds (granularityOf): the bound only guards a period given backwards.
  while (at <= last && out.length < 400) {
    out.push(label(at));
    const d = new Date(at);
    at = step === 'day' ? at + 86_400_000 : step === 'week' ? at + 7 * 86_400_000 : Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
  }
  return out;
}

/** A trend with a row for every period, those with nothing in them at nought. */
export function everyPeriod<T extends { bucket: string }>(periods: string[], rows: T[], empty: (bucket: string) => T): T[] {
  const byBucket = new Map(rows.map((r) => [r.bucket, r]));
  const extra = rows.filter((r) => !periods.includes(r.bucket));
  return [...periods.map((p) => byBucket.get(p) ?? empty(p)), ...extra].sort((a, b) => (a.bucket < b.bucket ? -1 : a.bucket > b.bucket ? 1 : 0));
}

/** part / whole, or null when there is nothing to rate (never a 0 % that means "no documents"). */
export const rate = (part: number, whole: number): number | null => (whole > 0 ? part / whole : null);

/** How a unit's 签收 timeliness shows on the map: 优 at 95 % and above, 良 at 80 %, 差 below, 无 with nothing due. */
export type Band = 'GOOD' | 'FAIR' | 'POOR' | 'NONE';
export function bandOf(r: number | null): Band {
  if (r === null) return 'NONE';
  return r >= 0.95 ? 'GOOD' : r >= 0.8 ? 'FAIR' : 'POOR';
}

/** One unit's figures for a period (what store/statistics.ts counts). */
export interface UnitFigures {
  orgId: string;
  name: string;
  path: string;
  sentDown: number;
  sentUp: number;
  sentLateral: number;
  documentsSent: number;
  received: number;
  receivedDown: number;
  receivedUp: number;
  receivedLateral: number;
  receivedOnTime: number;
  receivedLate: number;
  receivedMissing: number;
  signedOnTime: number;
  signedLate: number;
  signedMissing: number;
  avgSignHours: number | null;
  returns: number;
  reportsDue: number;
  reportsOnTime: number;
  reportsLate: number;
  reportsMissing: number;
  /** 纸质补录: documents that travelled on paper in the period (received, sent). */
  paperReceived: number;
  paperSent: number;
}

/** The rates a unit is judged by: 接收 and 签收 in time among those due, reports in time among those due. */
export function ratesOf(u: UnitFigures) {
  const receiptRate = rate(u.receivedOnTime, u.receivedOnTime + u.receivedLate + u.receivedMissing);
  const signRate = rate(u.signedOnTime, u.signedOnTime + u.signedLate + u.signedMissing);
  const reportRate = rate(u.reportsOnTime, u.reportsOnTime + u.reportsLate + u.reportsMissing);
  // 公文交换电子化率 (seed 004 三: the share of documents exchanged on the network): what it received and sent
  // electronically among all it received and sent, paper included.
  const electronic = u.received + u.documentsSent;
  const electronicRate = rate(electronic, electronic + u.paperReceived + u.paperSent);
  return { receiptRate, signRate, reportRate, electronicRate, band: bandOf(signRate) };
}

const COUNTED = [
  'sentDown',
  'sentUp',
  'sentLateral',
  'documentsSent',
  'received',
  'receivedDown',
  'receivedUp',
  'receivedLateral',
  'receivedOnTime',
  'receivedLate',
  'receivedMissing',
  'signedOnTime',
  'signedLate',
  'signedMissing',
  'returns',
  'reportsDue',
  'reportsOnTime',
  'reportsLate',
  'reportsMissing',
  'paperReceived',
  'paperSent',
] as const satisfies readonly (keyof UnitFigures)[];

/** The subtree's totals: every count summed; the average 签收 time weighted by the units' signed deliveries. */
export function totalsOf(scope: { orgId: string; name: string; path: string }, units: UnitFigures[]): UnitFigures {
  const t: UnitFigures = { ...scope, avgSignHours: null } as UnitFigures;
  for (const k of COUNTED) t[k] = units.reduce((s, u) => s + u[k], 0);
  const signed = units.filter((u) => u.avgSignHours !== null);
  const n = signed.reduce((s, u) => s + u.signedOnTime + u.signedLate, 0);
  t.avgSignHours = n ? signed.reduce((s, u) => s + (u.avgSignHours as number) * (u.signedOnTime + u.signedLate), 0) / n : null;
  return t;
}

/** Units ranked for the ranking chart: best 签收 rate first, then most deliveries; units with nothing due last, in
 * the tree's order (a city before its counties, not among them by the sound of their names). */
export function ranked<T extends UnitFigures>(units: T[]): T[] {
  const key = (u: T) => ratesOf(u).signRate;
  const inTree = (a: T, b: T) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0);
  return [...units].sort((a, b) => {
    const [ra, rb] = [key(a), key(b)];
    if (ra === null || rb === null) return ra === rb ? inTree(a, b) : ra === null ? 1 : -1;
    return rb - ra || b.received - a.received || a.name.localeCompare(b.name);
  });
}
