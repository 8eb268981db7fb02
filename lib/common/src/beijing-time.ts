// Beijing time (UTC+8, no daylight saving): the platform's official clock for dates on documents, years of numbers
// and check times, whatever zone the server runs in. The one place that knows the offset.

const OFFSET_MS = 8 * 3600_000;

/** The Beijing calendar date of an instant, YYYY-MM-DD. */
export const beijingDate = (t: Date | number = Date.now()): string => new Date(new Date(t).getTime() + OFFSET_MS).toISOString().slice(0, 10);

/** The Beijing calendar year of an instant (a 发文字号's or 档号's year). */
export const beijingYear = (t: Date | number = Date.now()): number => new Date(new Date(t).getTime() + OFFSET_MS).getUTCFullYear();

/** The instant of a Beijing wall-clock time: `beijingInstant('2026-11-16', '09:00')`. */
export const beijingInstant = (date: string, hhmm = '00:00'): Date => new Date(Date.parse(`${date}T${hhmm.length === 5 ? `${hhmm}:00` : hhmm}+08:00`));

/** An instant as Beijing wall-clock time, `YYYY-MM-DD HH:MM:SS` (slice to 16 for the minute). */
export const beijingDateTime = (t: Date | number | string = Date.now()): string =>
  new Date(new Date(t).getTime() + OFFSET_MS).toISOString().slice(0, 19).replace('T', ' ');

/** An instant as Beijing wall-clock time to the minute, `YYYY-MM-DD HH:MM`, as registers and notes print it. */
export const beijingMinute = (t: Date | number | string = Date.now()): string => beijingDateTime(t).slice(0, 16);

/** A day the calendar has, written YYYY-MM-DD: JavaScript reads 2026-02-30 as 2 March, and PostgreSQL would refuse
 * it without a name. */
export function isCalendarDay(v: string): boolean {
  const day = /^\d{4}-\d{2}-\d{2}$/.test(v) ? new Date(`${v}T00:00:00Z`) : null;
  return !!day && !Number.isNaN(day.getTime()) && day.toISOString().slice(0, 10) === v;
}
