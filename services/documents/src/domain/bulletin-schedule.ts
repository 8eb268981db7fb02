// 定期通报 (seed 000 §24: 电子公文接收情况实行定期通报制度; seed 001 §16: 对收文情况定期检查和通报): a unit's
// bulletin of late and missing receipts published on a schedule — each week, month or quarter, in China time — for
// the period just ended. The periods, when each is published and what it is called are decided here.
import { badInput, oneOfOrNull } from '@yizhan/common';

export type BulletinCadence = 'WEEKLY' | 'MONTHLY' | 'QUARTERLY';
export const BULLETIN_CADENCES: readonly BulletinCadence[] = ['WEEKLY', 'MONTHLY', 'QUARTERLY'];

/** The cadence asked for, or a refusal naming the allowed ones (never the value sent). */
export function bulletinCadence(value: string): BulletinCadence {
  const c = oneOfOrNull(value, BULLETIN_CADENCES, 'cadence');
  if (!c) throw badInput(`cadence is one of ${BULLETIN_CADENCES.join(', ')}`, 'cadence', { required: true });
  return c;
}

/** China keeps one offset all year. */
const OFFSET_MS = 8 * 3600_000;
const DAY_MS = 24 * 3600_000;

/** The China wall clock of an instant, read with the UTC getters. */
const wall = (t: Date) => new Date(t.getTime() + OFFSET_MS);
/** The instant of midnight, China time, of a wall-clock year, month (0-based, may overflow) and day. */
const midnight = (y: number, m: number, d: number) => new Date(Date.UTC(y, m, d) - OFFSET_MS);

/** The start of the period that holds `at`: Monday 00:00 of its week, the 1st of its month or of its quarter's first month. */
export function periodStart(cadence: BulletinCadence, at: Date): Date {
  const w = wall(at);
  const [y, m, d] = [w.getUTCFullYear(), w.getUTCMonth(), w.getUTCDate()];
  if (cadence === 'WEEKLY') return midnight(y, m, d - ((w.getUTCDay() + 6) % 7));
  if (cadence === 'MONTHLY') return midnight(y, m, 1);
  return midnight(y, m - (m % 3), 1);
}

/** The start of the period after the one that starts at `start`. */
function following(cadence: BulletinCadence, start: Date): Date {
  if (cadence === 'WEEKLY') return new Date(start.getTime() + 7 * DAY_MS);
  const w = wall(start);
  return midnight(w.getUTCFullYear(), w.getUTCMonth() + (cadence === 'MONTHLY' ? 1 : 3), 1);
}

/** When the bulletin after `at` is published: the first moment of the next period (the one before it is then whole). */
export const nextPublication = (cadence: BulletinCadence, at: Date): Date => following(cadence, periodStart(cadence, at));

/** The period a bulletin published at `at` covers: the whole period before the one `at` is in, its last millisecond
 * as its end (as the dashboard's periods end: 23:59:59.999 of their last day). */
export function periodBefore(cadence: BulletinCadence, at: Date): { from: Date; to: Date } {
  const end = periodStart(cadence, at);
  return { from: periodStart(cadence, new Date(end.getTime() - 1)), to: new Date(end.getTime() - 1) };
}

/** The bulletin's title: 2026年11月电子公文接收情况通报, 2026年第四季度…, 2026年11月23日至11月29日…. */
export function scheduledTitle(cadence: BulletinCadence, period: { from: Date; to: Date }): string {
  const f = wall(period.from);
  const t = wall(period.to);
  const y = f.getUTCFullYear();
  const what = '电子公文接收情况通报';
  if (cadence === 'MONTHLY') return `${y}年${f.getUTCMonth() + 1}月${what}`;
  if (cadence === 'QUARTERLY') return `${y}年第${'一二三四'[Math.floor(f.getUTCMonth() / 3)]}季度${what}`;
  const md = (w: Date) => `${w.getUTCMonth() + 1}月${w.getUTCDate()}日`;
  return `${y}年${md(f)}至${t.getUTCFullYear() === y ? '' : `${t.getUTCFullYear()}年`}${md(t)}${what}`;
}

/** At most this many periods are published in one turn for a unit whose bulletins fell behind (a service down for
 * weeks); the rest at the next turns, oldest first. */
export const CATCH_UP_PERIODS = 12;
