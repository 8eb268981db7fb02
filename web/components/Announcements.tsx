'use client';
// The announcements that reach the person's unit, above every page: an outage notice (改用纸质) in red and never
// hidden, a 系统公告 until the person closes it in this tab. Read again every minute and when the live connection
// comes back, so a notice published now is seen without reloading.
import { useEffect, useState } from 'react';
import { announcementLines } from '../lib/announcements';
import { fmtTime } from '../lib/format';
import { useQuery } from '../lib/hooks';
import { useLang, useT } from '../lib/i18n';

const CLOSED = 'yizhan.closed-announcements';

export function Announcements() {
  const t = useT();
  const { lang } = useLang();
  const { data, refetch } = useQuery('Announcements', {});
  const [closed, setClosed] = useState<string[]>([]);
  useEffect(() => {
    setClosed(JSON.parse(sessionStorage.getItem(CLOSED) ?? '[]') as string[]);
    const timer = setInterval(() => void refetch(), 60_000);
    return () => clearInterval(timer);
  }, [refetch]);
  const shown = (data?.announcements ?? []).filter((a) => a.kind === 'OUTAGE' || !closed.includes(a.id));
  if (!shown.length) return null;
  return (
    <section className="announcements" aria-label={t('系统公告')}>
      {shown.map((a) => {
        const said = announcementLines(a, lang);
        return (
          <div key={a.id} className={`announcement ${a.kind === 'OUTAGE' ? 'outage' : ''}`} role={a.kind === 'OUTAGE' ? 'alert' : 'status'} data-kind={a.kind}>
            <strong>
              {a.kind === 'OUTAGE' ? t('故障停用通知') : t('系统公告')}
              {t('：')}
              {said.title}
            </strong>
            <span>{said.body}</span>
            <small className="muted">
              {a.orgName} · {said.publishedBy} · {fmtTime(a.publishedAt)}
            </small>
            {a.kind !== 'OUTAGE' && (
              <button
                type="button"
                className="link"
                aria-label={t('关闭公告')}
                onClick={() => {
                  const next = [...closed, a.id];
                  sessionStorage.setItem(CLOSED, JSON.stringify(next));
                  setClosed(next);
                }}
              >
                ×
              </button>
            )}
          </div>
        );
      })}
    </section>
  );
}
