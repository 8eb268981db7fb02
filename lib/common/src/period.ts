// A period asked for by a list, a register, statistics or a log: one rule everywhere, so a clerk who puts the end
// before the start is told so by every screen instead of being shown an empty list by some.
import { badInput } from './errors.ts';

const DAY_MS = 86_400_000;

export interface PeriodNames {
  /** The argument names the error names (`filter.from`, `filter.to` for an inbox filter). */
  from?: string;
  to?: string;
  /** The longest period allowed, in days (statistics: a year). */
  maxDays?: number;
}

/** BAD_INPUT naming the end at fault when either end is no date, the end is not after the start, or the period is longer
 * than `maxDays`; either end may be absent (an open period). */
export function checkPeriod(from: Date | null | undefined, to: Date | null | undefined, names: PeriodNames = {}): void {
  const fromName = names.from ?? 'from';
  const toName = names.to ?? 'to';
  for (const [name, v] of [
    [fromName, from],
    [toName, to],
  ] as const)
    if (v != null && (!(v instanceof Date) || Number.isNaN(v.getTime()))) throw badInput(`${name} must be a date and time`, name);
  if (!from || !to) return;
  if (to.getTime() <= from.getTime()) throw badInput('The period ends before it starts', toName, { afterStart: true });
  if (names.maxDays && to.getTime() - from.getTime() > names.maxDays * DAY_MS)
    throw badInput(`A period is at most ${names.maxDays} days`, toName, { periodDays: { max: names.maxDays } });
}
