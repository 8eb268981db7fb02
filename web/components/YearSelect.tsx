'use client';
// The year a register shows (收文登记簿, 发文登记簿): this year and the three before, Beijing's calendar (a year not
// begun has nothing registered).
import { todayInBeijing } from '../lib/format';
import { useT } from '../lib/i18n';

export const thisYearInBeijing = () => Number(todayInBeijing().slice(0, 4));

export function YearSelect({ year, onChange }: { year: number; onChange: (year: number) => void }) {
  const t = useT();
  const thisYear = thisYearInBeijing();
  return (
    <select aria-label={t('年度')} value={year} onChange={(e) => onChange(Number(e.target.value))}>
      {[thisYear, thisYear - 1, thisYear - 2, thisYear - 3].map((y) => (
        <option key={y} value={y}>
          {t('{y}年', { y })}
        </option>
      ))}
    </select>
  );
}
