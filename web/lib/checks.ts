// The inbox checks of seed 000 §10 as the supervision page shows them: the last check that has passed and the next
// one to come, on working days of the province's calendar (weekdays, unless the calendar says otherwise).
export interface WorkCalendar {
  checkTimes?: string[];
  days?: { day: string; working: boolean; note: string | null }[];
}

/** A moment's Beijing day (2026-12-06) and time to the minute (09:00). */
export const beijingParts = (d: Date) => {
  const s = new Intl.DateTimeFormat('sv-SE', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  }).format(d);
  const [day, time] = s.split(' ');
  return { day: day as string, time: (time as string).slice(0, 5) };
};

const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

export function isWorkingDay(day: string, cal: WorkCalendar): boolean {
  const special = cal.days?.find((d) => d.day === day);
  if (special) return special.working;
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
  return weekday !== 0 && weekday !== 6;
}

/** The last passed and the next coming check, as "YYYY-MM-DD HH:MM" Beijing time. */
export function checkStatus(cal: WorkCalendar, now = new Date()): { last: string | null; next: string | null } {
  const times = [...(cal.checkTimes?.length ? cal.checkTimes : ['09:00', '15:00'])].sort();
  const { day: today, time } = beijingParts(now);
  let next: string | null = null;
  for (let i = 0; i < 30 && !next; i++) {
    const day = addDays(today, i);
    if (!isWorkingDay(day, cal)) continue;
    const t = times.find((x) => i > 0 || x > time);
    if (t) next = `${day} ${t}`;
  }
  let last: string | null = null;
  for (let i = 0; i < 30 && !last; i++) {
    const day = addDays(today, -i);
    if (!isWorkingDay(day, cal)) continue;
    const t = [...times].reverse().find((x) => i > 0 || x <= time);
    if (t) last = `${day} ${t}`;
  }
  return { last, next };
}

/** The longest stretch entered at once: the longest holiday (春节, 国庆) is nine days. */
export const MAX_RANGE_DAYS = 31;

/** The days from `from` to `to` (YYYY-MM-DD, both included); null when `to` is before `from` or too far. */
export function daysFromTo(from: string, to: string): string[] | null {
  const start = Date.parse(`${from}T00:00:00Z`);
  const end = Date.parse(`${to || from}T00:00:00Z`);
  if (Number.isNaN(start) || Number.isNaN(end) || end < start) return null;
  const n = (end - start) / 86400_000 + 1;
  if (n > MAX_RANGE_DAYS) return null;
  return Array.from({ length: n }, (_, i) => new Date(start + i * 86400_000).toISOString().slice(0, 10));
}
