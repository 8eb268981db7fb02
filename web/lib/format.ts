// Times are shown as the offices read them: Beijing time, to the minute.
import { beijingParts } from './checks.ts';

const dateTime = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
});
const date = new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' });

export const fmtTime = (iso: string | null | undefined) => (iso ? dateTime.format(new Date(iso)).replace(/\//g, '-') : '—');
export const fmtDate = (iso: string | null | undefined) => (iso ? date.format(new Date(iso)).replace(/\//g, '-') : '—');

/** A date as a document prints it (GB/T 9704 §7.3.5: 成文日期 and 印发日期 in Arabic numerals, 2026年12月4日). */
export const documentDate = (ymd: string) => {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(ymd);
  return m ? `${m[1]}年${Number(m[2])}月${Number(m[3])}日` : ymd;
};
/** A Beijing date (YYYY-MM-DD) as the instant it starts, for the API; its last millisecond with `endOfDay`. */
export const beijingDay = (day: string, endOfDay = false) => new Date(`${day}T${endOfDay ? '23:59:59.999' : '00:00:00'}+08:00`).toISOString();
/** The instant after a Beijing date ends: a period's exclusive end. */
export const beijingDayAfter = (day: string) => new Date(Date.parse(`${day}T00:00:00+08:00`) + 86_400_000).toISOString();
/** Today in Beijing as YYYY-MM-DD. */
export const todayInBeijing = () => new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai' }).format(new Date());

export const fmtSize = (bytes: number) =>
  bytes < 1024
    ? `${bytes} B`
    : bytes < 1024 ** 2
      ? `${(bytes / 1024).toFixed(1)} KB`
      : bytes < 1024 ** 3
        ? `${(bytes / 1024 ** 2).toFixed(1)} MB`
        : bytes < 1024 ** 4
          ? `${(bytes / 1024 ** 3).toFixed(1)} GB`
          : `${(bytes / 1024 ** 4).toFixed(1)} TB`;

export const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

/** A time as a datetime-local field shows it, in Beijing time (2026-12-06T09:00); '' for none. The API's times are UTC:
 * cut to 16 characters, a 09:00 deadline read back as 01:00 and moved eight hours at every save. */
export const toBeijingInput = (iso: string | null | undefined) => {
  if (!iso) return '';
  const { day, time } = beijingParts(new Date(iso));
  return `${day}T${time}`;
};
/** A datetime-local field's value, read as Beijing time, for the API; null for an empty field. */
export const fromBeijingInput = (local: string) => (local ? new Date(`${local}:00+08:00`).toISOString() : null);

/** A step of a trend (its first day, YYYY-MM-DD) as people name it: 2026年11月, 11月23日起一周, 11月23日; Nov 2026, week of 23 Nov, 23 Nov. */
export function trendStepLabel(firstDay: string, step: 'day' | 'week' | 'month', lang: 'zh' | 'en'): string {
  const [year, month, day] = firstDay.split('-').map(Number) as [number, number, number];
  if (lang === 'zh') return step === 'month' ? `${year}年${month}月` : step === 'week' ? `${month}月${day}日起一周` : `${month}月${day}日`;
  const name = new Intl.DateTimeFormat('en-GB', { month: 'short', timeZone: 'UTC' }).format(Date.UTC(year, month - 1, 1));
  return step === 'month' ? `${name} ${year}` : step === 'week' ? `week of ${day} ${name}` : `${day} ${name}`;
}
