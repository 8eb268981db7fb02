'use client';
// 工作日历: the province's check times (each working day, 9:00 and 15:00 by default; seed 000 §10) and the days that
// break the weekday rule — holidays and make-up working days. Due times of deliveries are computed from them. Kept by
// the province's administrator; everyone else sees it.
import { useState } from 'react';
import { gql } from '../../lib/client';
import { todayInBeijing } from '../../lib/format';
import { useAction, useQuery } from '../../lib/hooks';
import type { T } from '../../lib/i18n';
import { Empty, ErrorNote, Section } from '../ui';

type Day = { day: string; working: boolean; note: string | null };

export function CalendarPanel({ t, keeper }: { t: T; keeper: boolean }) {
  const cal = useQuery('WorkCalendar', {});
  const act = useAction();
  const data = cal.data?.workCalendar as { checkTimes: string[]; days: Day[] } | undefined;
  const [times, setTimes] = useState<string | null>(null);
  const [day, setDay] = useState({ day: '', working: false, note: '' });
  const [saved, setSaved] = useState<string | null>(null);
  const year = todayInBeijing().slice(0, 4);
  const [shown, setShown] = useState(year);
  const checkTimes = (times ?? data?.checkTimes.join('、') ?? '')
    .split(/[、,，\s]+/)
    .map((x) => x.trim())
    .filter(Boolean);
  const write = (days: { day: string; working: boolean; note: string | null }[], message: string) =>
    act.run(async () => {
      setSaved(null);
      await gql('UpdateWorkCalendar', { checkTimes, days });
      setSaved(message);
      setDay({ day: '', working: false, note: '' });
      setTimes(null);
      await cal.refetch();
    });
  const days = (data?.days ?? []).filter((d) => d.day.startsWith(shown));
  const years = [...new Set([year, ...(data?.days ?? []).map((d) => d.day.slice(0, 4))])].sort();
  return (
    <Section title={t('工作日历')}>
      <p className="muted">{t('签收时限按工作日和每日查收时间计算。周一至周五为工作日，下表列出节假日和调休上班日。')}</p>
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
                    <button
                      type="button"
                      className="link"
                      onClick={() => void write([{ day: d.day, working: !d.working, note: d.note }], t('已修改 {d}', { d: d.day }))}
                    >
                      {t(d.working ? '改为休息' : '改为上班')}
                    </button>
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
          <p className="actions">
            <input type="date" aria-label={t('日期')} value={day.day} onChange={(e) => setDay({ ...day, day: e.target.value })} />
            <select aria-label={t('安排')} value={day.working ? 'work' : 'rest'} onChange={(e) => setDay({ ...day, working: e.target.value === 'work' })}>
              <option value="rest">{t('休息')}</option>
              <option value="work">{t('调休上班')}</option>
            </select>
            <input aria-label={t('说明')} placeholder={t('如：国庆节')} value={day.note} onChange={(e) => setDay({ ...day, note: e.target.value })} />
            <button
              type="button"
              className="primary"
              disabled={act.busy || !day.day}
              onClick={() => void write([{ day: day.day, working: day.working, note: day.note.trim() || null }], t('已保存 {d}', { d: day.day }))}
            >
              {t('保存')}
            </button>
          </p>
        </>
      )}
    </Section>
  );
}
