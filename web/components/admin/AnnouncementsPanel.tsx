'use client';
// 系统公告: an administrator publishes a notice to the unit chosen in the tree and every unit below it — a 系统公告, or
// an outage notice that tells them to pass documents on paper — and withdraws it. Lists what the administrator's unit
// and the units below it published, withdrawn ones too.
import { useState } from 'react';
import type { AnnouncementKind } from '../../generated/operations';
import { announcementLines } from '../../lib/announcements';
import { gql } from '../../lib/client';
import { fmtTime } from '../../lib/format';
import { useAction, useQuery } from '../../lib/hooks';
import { type T, useLang } from '../../lib/i18n';
import { Empty, ErrorNote, Section } from '../ui';

export function AnnouncementsPanel({ t, orgId, orgName }: { t: T; orgId: string; orgName: string }) {
  const issued = useQuery('IssuedAnnouncements', {});
  const { lang } = useLang();
  const act = useAction();
  const [a, setA] = useState<{ kind: AnnouncementKind; title: string; body: string; endsAt: string }>({ kind: 'NOTICE', title: '', body: '', endsAt: '' });
  const publish = () =>
    void act.run(async () => {
      // The end is a Beijing date and time from the form.
      const endsAt = a.endsAt ? new Date(`${a.endsAt}:00+08:00`).toISOString() : null;
      await gql('PublishAnnouncement', { input: { kind: a.kind, title: a.title, body: a.body, scopeOrgId: orgId, endsAt } });
      setA({ kind: 'NOTICE', title: '', body: '', endsAt: '' });
      await issued.refetch();
    });
  const list = issued.data?.issuedAnnouncements ?? [];
  return (
    <Section title={t('系统公告')}>
      <ErrorNote error={issued.error ?? act.error} />
      <form
        onSubmit={(e) => {
          e.preventDefault();
          publish();
        }}
      >
        <p className="muted">{t('发布给 {unit} 及其下级全部单位。', { unit: orgName })}</p>
        <label className="field">
          <span>{t('类型')}</span>
          <select value={a.kind} onChange={(e) => setA({ ...a, kind: e.target.value as AnnouncementKind })}>
            <option value="NOTICE">{t('系统公告')}</option>
            <option value="OUTAGE">{t('故障停用通知（改用纸质公文传递）')}</option>
          </select>
        </label>
        <label className="field">
          <span>{t('标题')}</span>
          <input maxLength={100} required value={a.title} onChange={(e) => setA({ ...a, title: e.target.value })} />
        </label>
        <label className="field">
          <span>{t('内容')}</span>
          <textarea rows={3} maxLength={2000} required value={a.body} onChange={(e) => setA({ ...a, body: e.target.value })} />
        </label>
        <label className="field">
          <span>{t('截止时间（北京时间，可不填）')}</span>
          <input type="datetime-local" value={a.endsAt} onChange={(e) => setA({ ...a, endsAt: e.target.value })} />
        </label>
        <button type="submit" className="primary" disabled={act.busy}>
          {t('发布')}
        </button>
      </form>
      <h3>{t('已发布的公告')}</h3>
      {!list.length && <Empty text={t('没有公告')} />}
      <table>
        <tbody>
          {list.map((x) => (
            <tr key={x.id} data-announcement={x.id}>
              <td>{x.kind === 'OUTAGE' ? <span className="badge bad">{t('故障停用')}</span> : <span className="badge">{t('公告')}</span>}</td>
              <td>
                <strong>{announcementLines(x, lang).title}</strong>
                <br />
                <span className="muted">
                  {x.orgName} → {x.scopeName} · {announcementLines(x, lang).publishedBy} · {fmtTime(x.publishedAt)}
                  {x.endsAt && ` · ${t('至')} ${fmtTime(x.endsAt)}`}
                </span>
              </td>
              <td>
                {x.withdrawnAt ? (
                  <span className="muted">
                    {t('已撤回')}
                    {t('（{who}，{at}）', { who: x.withdrawnByName ?? '', at: fmtTime(x.withdrawnAt) })}
                  </span>
                ) : (
                  <button
                    type="button"
                    disabled={act.busy}
                    onClick={() =>
                      void act.run(async () => {
                        await gql('WithdrawAnnouncement', { id: x.id });
                        await issued.refetch();
                      })
                    }
                  >
                    {t('撤回')}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </Section>
  );
}
