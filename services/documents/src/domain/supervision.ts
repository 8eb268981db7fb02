// Supervision (seed 000 §10): units check their inbox at least at 9:00 and 15:00 each working day. A delivery not
// signed for (签收, not merely opened) by the first check after it arrived is overdue; an urgent document's own deadline applies instead.
// Working days are data: weekends are rest days unless listed as make-up working days (调休), listed holidays are
// rest days. All times are China time (UTC+8), whatever the server's zone.

import { badInput, beijingDate, beijingInstant, type Caller, hasRole, isCalendarDay, optionalText, type Role } from '@yizhan/common';

/** Who watches a subtree (seed 000 §10, 督办): its supervisors, administrators and leaders. Everyone else in a unit
 * sees what concerns the unit itself, not the units below it. */
export const SUPERVISING_ROLES: Role[] = ['SUPERVISOR', 'ADMIN', 'LEADER'];
export const supervisesSubtree = (caller: Caller) => hasRole(caller, ...SUPERVISING_ROLES);

export interface WorkCalendar {
  /** YYYY-MM-DD → true for a working day, false for a rest day; absent days follow the weekday rule. */
  days: Map<string, boolean>;
}

export const DEFAULT_CHECK_TIMES = ['09:00', '15:00'];

const chinaDate = (t: Date) => beijingDate(t);

export function isWorkingDay(date: string, cal: WorkCalendar): boolean {
  const listed = cal.days.get(date);
  if (listed !== undefined) return listed;
  const dow = new Date(`${date}T00:00:00Z`).getUTCDay();
  return dow !== 0 && dow !== 6;
}

/** How long before a new year its holidays belong in the calendar: the State Council's notice of the year's holidays
 * comes out in late October or November (2026's on 4 November 2025), and deadlines set in December already fall in
 * January. */
export const CALENDAR_NOTICE_DAYS = 61;

/**
 * The year whose holidays are missing from the calendar while due times fall in it: this year, or the next one
 * within CALENDAR_NOTICE_DAYS of its start. null when nothing is missing. A year counts as entered when its first
 * and its last fixed holiday are (元旦, 1 January; 国庆节, 1 October): every year's notice lists both, so one day
 * entered alone does not hide the rest missing. Without its holidays a year's 元旦 and 春节 count as working days.
 */
export function calendarGap(today: string, listed: Iterable<string>): number | null {
  const year = Number(today.slice(0, 4));
  const days = new Set(listed);
  const entered = (y: number) => days.has(`${y}-01-01`) && days.has(`${y}-10-01`);
  if (!entered(year)) return year;
  const daysLeft = (Date.parse(`${year + 1}-01-01T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86400_000;
  return daysLeft <= CALENDAR_NOTICE_DAYS && !entered(year + 1) ? year + 1 : null;
}

/** The instant of a China-time HH:MM on a China-time date. */
const at = (date: string, hhmm: string) => beijingInstant(date, hhmm);

export function checkTimesProblem(times: string[]): string | null {
  if (!times.length || times.length > 6) return 'Give 1 to 6 check times';
  const bad = times.filter((t) => !/^([01]\d|2[0-3]):[0-5]\d$/.test(t));
  if (bad.length) return `Not a time of day (HH:MM): ${bad.slice(0, 6).join(', ')}`;
  // Each once: a time given twice would stand for two checks and leave one out (09:00, 09:00 for 09:00, 15:00).
  const twice = times.filter((t, i) => times.indexOf(t) !== i);
  return twice.length ? `Name each check time once: ${[...new Set(twice)].join(', ')} is given more than once` : null;
}

/** The first check time after `deliveredAt` on a working day: when the delivery is due. */
export function dueAfter(deliveredAt: Date, cal: WorkCalendar, checkTimes: string[] = DEFAULT_CHECK_TIMES): Date {
  const times = [...checkTimes].sort();
  let date = chinaDate(deliveredAt);
  for (let i = 0; i < 400; i++) {
    if (isWorkingDay(date, cal)) {
      for (const t of times) {
        const check = at(date, t);
        if (check.getTime() > deliveredAt.getTime()) return check;
      }
    }
    date = new Date(Date.parse(`${date}T00:00:00Z`) + 86400_000).toISOString().slice(0, 10);
  }
  throw new Error('No working day within 400 days: the calendar is wrong');
}

/** When a delivery must be signed for: the urgent document's deadline if it has one, else the next check. */
export function dueBy(deliveredAt: Date, deadline: Date | null, cal: WorkCalendar, checkTimes?: string[]): Date {
  return deadline ?? dueAfter(deliveredAt, cal, checkTimes);
}

export interface ReceiptRecord {
  recipientOrgId: string;
  recipientName: string;
  dueAt: Date;
  /** 签收: supervision counts the clerk's explicit acceptance, not the first open. */
  signedAt: Date | null;
}

export interface UnitPerformance {
  recipientOrgId: string;
  recipientName: string;
  /** Where the unit stands (as counted in SQL): a bulletin's notice to it is addressed there. */
  recipientPath?: string;
  total: number;
  onTime: number;
  late: number;
  missing: number;
  /** onTime / total, 0–1 */
  onTimeRate: number;
}

/** A unit's deliveries of a period as supervision counts them (签收, not the first open): signed for by the due time,
 * after it, or not at all though due; what is not yet due is in none. */
export type ReceiptCounts = Pick<UnitPerformance, 'recipientOrgId' | 'recipientName' | 'recipientPath' | 'onTime' | 'late' | 'missing'>;

/** Each unit's record with its rate, the worst first (lowest rate, then most missing, then by name); units with
 * nothing due are left out. */
export function ranked(units: ReceiptCounts[]): UnitPerformance[] {
  return units
    .map((u) => ({ ...u, total: u.onTime + u.late + u.missing }))
    .filter((u) => u.total > 0)
    .map((u) => ({ ...u, onTimeRate: u.onTime / u.total }))
    .sort((a, b) => a.onTimeRate - b.onTimeRate || b.missing - a.missing || a.recipientName.localeCompare(b.recipientName));
}

/** Per recipient unit, from single deliveries: how many were signed for in time, late, or not at all (as of `now`).
 * The service counts the same in SQL (store/statistics.ts receiptCountsInScope). */
export function performance(records: ReceiptRecord[], now = new Date()): UnitPerformance[] {
  const byUnit = new Map<string, ReceiptCounts>();
  for (const r of records) {
    const u = byUnit.get(r.recipientOrgId) ?? { recipientOrgId: r.recipientOrgId, recipientName: r.recipientName, onTime: 0, late: 0, missing: 0 };
    if (r.signedAt && r.signedAt.getTime() <= r.dueAt.getTime()) u.onTime++;
    else if (r.signedAt) u.late++;
    else if (now.getTime() > r.dueAt.getTime()) u.missing++;
    byUnit.set(r.recipientOrgId, u);
  }
  return ranked([...byUnit.values()]);
}

const csvCell = (v: string | number) => {
  const s = String(v);
  return /[",\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
};

export function bulletinCsv(rows: UnitPerformance[]): string {
  const header = ['单位', '应收', '按时签收', '迟签', '未签收', '按时率'];
  const lines = rows.map((r) => [r.recipientName, r.total, r.onTime, r.late, r.missing, `${(r.onTimeRate * 100).toFixed(1)}%`].map(csvCell).join(','));
  return `${[header.join(','), ...lines].join('\n')}\n`;
}

/** The most days one change of the calendar names (a year's and a half's exceptions). */
export const MAX_CALENDAR_DAYS = 400;

/**
 * A change of the calendar as its keeper gives it, checked before anything is written (BAD_INPUT naming the field):
 * the check times, each day a date, named once (a day both working and not would let the last win and lose the
 * other's note), its note a line of at most 50 characters, and the days taken out dates not also set.
 */
export function cleanCalendarInput(
  checkTimes: string[],
  days: { day: string; working: boolean; note?: string | null }[],
  removed: string[],
): { days: { day: string; working: boolean; note: string | null }[] } {
  const problem = checkTimesProblem(checkTimes);
  if (problem) throw badInput(problem, 'checkTimes');
  if (days.length + removed.length > MAX_CALENDAR_DAYS) throw badInput(`At most ${MAX_CALENDAR_DAYS} days at once`, 'days');
  const seen = new Map<string, string>();
  const once = (day: string, field: string) => {
    if (!isCalendarDay(day)) throw badInput(`${field} is not a date (YYYY-MM-DD)`, field);
    const first = seen.get(day);
    if (first) throw badInput(`${field} names ${day} again (as ${first} does): name each day once`, field);
    seen.set(day, field);
  };
  const clean = days.map((d, i) => {
    once(d.day, `days[${i}].day`);
    return { day: d.day, working: d.working, note: optionalText(d.note, `days[${i}].note`, { max: 50, line: true }) };
  });
  removed.forEach((day, i) => {
    once(day, `removeDays[${i}]`);
  });
  return { days: clean };
}
