'use client';
// 工作日历: the province's check times (each working day, 9:00 and 15:00 by default; seed 000 §10) and the days that
// break the weekday rule — holidays and make-up working days. Due times of deliveries are computed from them. Kept by
// the province's administrator; everyone else sees it. A year whose holidays are not entered is named (from November,
// the next one: the State Council's notice comes out then), and a holiday is entered as its days from … to …, as
// the notice gives it.
import { useEffect, useRef, useState } from 'react';
import { daysFromTo, MAX_RANGE_DAYS } from '../../lib/checks';
import { gql } from '../../lib/client';
import { todayInBeijing } from '../../lib/format';
import { useAction, useQuery } from '../../lib/hooks';
import type { T } from '../../lib/i18n';
import { ConfirmButton } from '../Confirm';
import { Empty, ErrorNote, Section } from '../ui';

type Day = { day: string; working: boolean; note: string | null };

export function CalendarPanel({ t, keeper }: { t: T; keeper: boolean }) {
  const cal = useQuery('WorkCalendar', {});
  const act = useAction();
  const data = cal.data?.workCalendar as { checkTimes: string[]; days: Day[]; missingYear: number | null } | undefined;
  const [times, setTimes] = useState<string | null>(null);
  const [day, setDay] = useState({ day: '', to: '', working: false, note: '' });
  const [saved, setSaved] = useState<string | null>(null);
  const year = todayInBeijing().slice(0, 4);
  const missing = data?.missingYear ? String(data.missingYear) : null;
  // The keeper arrives (from 待办's reminder or not) at the year still to enter, and stays there once it is entered;
  // everyone else at this year.
  const [shown, setShown] = useState(year);
  const arrived = useRef(false);
  useEffect(() => {
    if (!data || arrived.current) return;
    arrived.current = true;
    if (keeper && missing) setShown(missing);
  }, [data, keeper, missing]);
  const range = day.day ? daysFromTo(day.day, day.to) : null;
  const checkTimes = (times ?? data?.checkTimes.join('、') ?? '')
    .split(/[、,，\s]+/)
    .map((x) => x.trim())
    .filter(Boolean);
  const write = (days: { day: string; working: boolean; note: string | null }[], message: string, removeDays: string[] = []) =>
    act.run(async () => {
      setSaved(null);
      await gql('UpdateWorkCalendar', { checkTimes, days, removeDays });
      setSaved(message);
      setDay({ day: '', to: '', working: false, note: '' });
      setTimes(null);
      await cal.refetch();
    });
  const days = (data?.days ?? []).filter((d) => d.day.startsWith(shown));
  const next = String(Number(year) + 1);
  const years = [...new Set([year, next, ...(missing ? [missing] : []), ...(data?.days ?? []).map((d) => d.day.slice(0, 4))])].sort();
  return (
    <Section title={t('工作日历')}>
      <p className="muted">{t('签收时限按工作日和每日查收时间计算。周一至周五为工作日，下表列出节假日和调休上班日。')}</p>
      {missing && (
        <p className="notice warn" role="status" data-testid="calendar-missing">
          {t('{y}年的节假日和调休安排尚未录入（应至少含元旦和国庆节）：录入前，该年的假日按工作日计算签收时限。', { y: missing })}{' '}
          {keeper ? (
            shown !== missing && (
              <button type="button" className="link" onClick={() => setShown(missing)}>
                {t('录入{y}年安排', { y: missing })}
              </button>
            )
          ) : (
            <span>{t('请省级管理员按国务院办公厅公布的安排录入。')}</span>
          )}
        </p>
      )}
      <ErrorNote error={cal.error ?? act.error} />
      {saved && (
        <p className="notice" role="status">
          {saved}
        </p>
      )}
      <p className="actions">
        <label>
          {t('每日查收时间')}{' '}
          <input
            value={times ?? data?.checkTimes.join(t('、')) ?? ''}
            onChange={(e) => setTimes(e.target.value)}
            disabled={!keeper}
            aria-label={t('每日查收时间')}
            placeholder={['09:00', '15:00'].join(t('、'))}
          />
        </label>
        {keeper && (
          <button type="button" disabled={act.busy || times === null} onClick={() => void write([], t('已保存查收时间'))}>
            {t('保存查收时间')}
          </button>
        )}
      </p>
      <p className="actions">
        {t('年份')}
        <select aria-label={t('年份')} value={shown} onChange={(e) => setShown(e.target.value)}>
          {years.map((y) => (
            <option key={y} value={y}>
              {y}
            </option>
          ))}
        </select>
      </p>
      {days.length === 0 ? (
        <Empty text={t('该年度没有节假日或调休安排')} />
      ) : (
        <table data-testid="calendar-days">
          <tbody>
            {days.map((d) => (
              <tr key={d.day} data-day={d.day}>
                <td>{d.day}</td>
                <td>
                  <span className={`badge ${d.working ? 'warn' : 'muted'}`}>{d.working ? t('调休上班') : t('休息')}</span>
                </td>
                <td>{d.note}</td>
                <td>
                  {keeper && (
                    <>
                      <button
                        type="button"
                        className="link"
                        disabled={act.busy}
                        onClick={() => void write([{ day: d.day, working: !d.working, note: d.note }], t('已修改 {d}', { d: d.day }))}
                      >
                        {t(d.working ? '改为休息' : '改为上班')}
                      </button>{' '}
                      <ConfirmButton
                        className="link"
                        disabled={act.busy}
                        label={t('删除')}
                        question={t('删除 {d}（{n}）？该日恢复按周一至周五计算。', { d: d.day, n: d.note ?? (d.working ? t('调休上班') : t('休息')) })}
                        onConfirm={() => void write([], t('已删除 {d}', { d: d.day }), [d.day])}
                      />
                    </>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {keeper && (
        <>
          <h3>{t('增加节假日或调休')}</h3>
          <p className="muted">{t('按国务院办公厅公布的安排录入：放假几天就录入从第一天到最后一天，调休上班日逐日录入。')}</p>
          <p className="actions">
            <label>
              {t('从')} <input type="date" aria-label={t('日期')} value={day.day} onChange={(e) => setDay({ ...day, day: e.target.value })} />
            </label>
            <label>
              {t('至')}{' '}
              <input
                type="date"
                aria-label={t('至（可不填）')}
                min={day.day || undefined}
                value={day.to}
                onChange={(e) => setDay({ ...day, to: e.target.value })}
              />
            </label>
            <select aria-label={t('安排')} value={day.working ? 'work' : 'rest'} onChange={(e) => setDay({ ...day, working: e.target.value === 'work' })}>
              <option value="rest">{t('休息')}</option>
              <option value="work">{t('调休上班')}</option>
            </select>
            <input
              aria-label={t('说明')}
              placeholder={t('如：国庆节')}
              maxLength={50}
              value={day.note}
              onChange={(e) => setDay({ ...day, note: e.target.value })}
            />
            <button
              type="button"
              className="primary"
              disabled={act.busy || !range}
              onClick={() =>
                range &&
                void write(
                  range.map((d) => ({ day: d, working: day.working, note: day.note.trim() || null })),
                  range.length === 1
                    ? t('已保存 {d}', { d: range[0] as string })
                    : t('已保存 {a} 至 {b}，共 {n} 天', { a: range[0] as string, b: range.at(-1) as string, n: range.length }),
                )
              }
            >
              {t('保存')}
            </button>
          </p>
          {day.day && !range && (
            <p className="refused" role="alert">
              {t('结束日期不能早于开始日期，一次最多录入 {n} 天', { n: MAX_RANGE_DAYS })}
            </p>
          )}
        </>
      )}
    </Section>
  );
}
