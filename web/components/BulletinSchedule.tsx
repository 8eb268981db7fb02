'use client';
// 定期通报 (seed 000 §24: 电子公文接收情况实行定期通报制度; seed 001 §16: 对收文情况定期检查和通报): the unit's
// bulletins published each week, month or quarter as each period ends, set by its supervisor or administrator; on
// setting it, the period just ended may be published at once.
import { useEffect, useState } from 'react';
import { gql } from '../lib/client';
import { fmtTime } from '../lib/format';
import { useAction, useQuery } from '../lib/hooks';
import { useT } from '../lib/i18n';
import { ErrorNote } from './ui';

/** A cadence in the clerks' words (the bulletins' list marks a scheduled one with it). */
export const CADENCE: Record<string, string> = { WEEKLY: '每周', MONTHLY: '每月', QUARTERLY: '每季度' };

export function BulletinSchedule({ onPublished }: { onPublished: () => Promise<unknown> }) {
  const t = useT();
  const { data, error, refetch } = useQuery('BulletinSchedule', {});
  const act = useAction();
  const schedule = data?.bulletinSchedule ?? null;
  const [cadence, setCadence] = useState('');
  const [last, setLast] = useState(false);
  useEffect(() => setCadence(schedule?.cadence ?? ''), [schedule?.cadence]);
  return (
    <div className="card" data-testid="bulletin-schedule">
      <h3>{t('定期通报')}</h3>
      <p className="muted">
        {schedule
          ? t('{cadence}自动生成上一期的电子公文接收情况通报，下次生成：{at}（{name}设置）。', {
              cadence: t(CADENCE[schedule.cadence] ?? schedule.cadence),
              at: fmtTime(schedule.nextAt),
              name: schedule.setByName,
            })
          : t('尚未设置定期通报：通报只在有人生成时发布。')}
      </p>
      <div className="actions">
        <label>
          {t('通报周期')}{' '}
          <select value={cadence} onChange={(e) => setCadence(e.target.value)}>
            <option value="">{t('不定期（人工生成）')}</option>
            {Object.entries(CADENCE).map(([value, words]) => (
              <option key={value} value={value}>
                {t(words)}
              </option>
            ))}
          </select>
        </label>
        {cadence && (
          <label>
            <input type="checkbox" checked={last} onChange={(e) => setLast(e.target.checked)} /> {t('同时生成刚结束的一期')}
          </label>
        )}
        <button
          type="button"
          disabled={act.busy || (cadence === (schedule?.cadence ?? '') && !last)}
          onClick={() =>
            void act.run(async () => {
              await gql('SetBulletinSchedule', { cadence: cadence || null, publishLastPeriod: Boolean(cadence) && last });
              setLast(false);
              await Promise.all([refetch(), onPublished()]);
            })
          }
        >
          {t('保存定期通报设置')}
        </button>
      </div>
      <ErrorNote error={act.error ?? error} />
    </div>
  );
}
