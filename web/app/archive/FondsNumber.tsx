'use client';
// 全宗号 (DA/T 22-2015): the number the archives (档案馆) gave the unit, which its new 档号 begin with
// (Z109-WS·2026-D30-FW-0001). Until it is set the unit's code stands in, and the page says so; the unit's archivist or
// administrator sets it. What was archived keeps the 档号 written on it.
import { useState } from 'react';
import { ConfirmButton } from '../../components/Confirm';
import { ErrorNote, Section } from '../../components/ui';
import { gql } from '../../lib/client';
import { fmtTime } from '../../lib/format';
import { useAction, useQuery } from '../../lib/hooks';
import type { T } from '../../lib/i18n';
import { hasRole, useSession } from '../../lib/session';

export function FondsNumber({ t }: { t: T }) {
  const { session } = useSession();
  const mayset = hasRole(session, 'ARCHIVIST', 'ADMIN');
  const q = useQuery('ArchiveFondsNumber', {});
  const act = useAction();
  const [value, setValue] = useState('');
  const [done, setDone] = useState<string | null>(null);
  const f = q.data?.archiveFondsNumber;
  if (!f) return <ErrorNote error={q.error} />;
  const typed = value.trim();
  return (
    <Section title={t('全宗号')}>
      <ErrorNote error={q.error ?? act.error} />
      {done && (
        <p className="notice" role="status">
          {done}
        </p>
      )}
      {f.fondsNumber ? (
        <p data-testid="fonds-number">
          <strong>{f.fondsNumber}</strong> <span className="muted">{t('（{who}设置于 {at}）', { who: f.setByName ?? '', at: fmtTime(f.setAt) })}</span>
        </p>
      ) : (
        <p className="notice" data-testid="fonds-number">
          {t('未设置全宗号，暂用单位代码')}
          {t('（{r}）', { r: f.unitCode })}
        </p>
      )}
      <p className="muted">
        {t('此后归档的档号形如 {e}（全宗号-门类代码·年度-保管期限-发文/收文/信息-件号），件号在新全宗号下各类从 0001 起编；已归档的档案保留原档号。', {
          e: f.example,
        })}
      </p>
      {mayset && (
        <p className="actions">
          {/* No maxLength: a longer number is refused in words, not cut to one the archivist did not type. */}
          <input
            aria-label={t('全宗号')}
            placeholder={t('档案馆给定的全宗号，如 Z109')}
            value={value}
            onChange={(e) => setValue(e.target.value)}
            data-testid="fonds-number-input"
          />
          <ConfirmButton
            label={t(f.fondsNumber ? '更改全宗号' : '设置全宗号')}
            question={t('将全宗号设为 {n}？此后归档的档案按此编档号，件号在该全宗号下从 0001 起编；已归档的档案保留原档号。', { n: typed.toUpperCase() })}
            disabled={act.busy || !typed}
            testId="fonds-number-set"
            onConfirm={() =>
              void act.run(async () => {
                setDone(null);
                const r = await gql('SetArchiveFondsNumber', { fondsNumber: typed });
                setValue('');
                setDone(t('全宗号已设为 {n}', { n: r.setArchiveFondsNumber.fondsNumber ?? '' }));
                await q.refetch();
              })
            }
          />
        </p>
      )}
    </Section>
  );
}
