'use client';
// 收文: the unit's clerk inbox. New deliveries, recalls and 签收 arrive live; 待签收 and overdue counts on top; tabs for
// 全部 / 待签收 (arrived, waiting for the clerk's 签收 or 退回) / 已签收 (in the unit's handling and register).
import Link from 'next/link';
import { useState } from 'react';
import { Shell } from '../../components/Shell';
import { alarmKpi, Empty, ErrorNote, effectiveStatus, STATUS, StatusBadge, UrgencyTag } from '../../components/ui';
import type { DeliveryStatus, Urgency } from '../../generated/operations';
import { gql } from '../../lib/client';
import { fmtTime } from '../../lib/format';
import { useDebounced, useQuery, useSubscription } from '../../lib/hooks';
import { useLang, useT } from '../../lib/i18n';
import { isAlarm, noticeHref, noticeLine } from '../../lib/notices';
import { hasRole, useSession } from '../../lib/session';
import { URGENCY } from '../../lib/urgency';

export default function InboxPage() {
  return (
    <Shell>
      <Inbox />
    </Shell>
  );
}

const TABS = [
  { key: 'all', zh: '全部', signed: undefined },
  { key: 'unsigned', zh: '待签收', signed: false },
  { key: 'signed', zh: '已签收', signed: true },
] as const;

function Inbox() {
  const t = useT();
  const { lang } = useLang();
  const { session } = useSession();
  const clerk = hasRole(session, 'CLERK');
  const [tab, setTab] = useState<(typeof TABS)[number]['key']>('all');
  const [status, setStatus] = useState<DeliveryStatus | ''>('');
  const [urgency, setUrgency] = useState<Urgency | ''>('');
  const [search, setSearch] = useState('');
  const [first, setFirst] = useState(50);
  const signed = TABS.find((x) => x.key === tab)?.signed;
  const filter = {
    ...(status && { status }),
    ...(urgency && { urgency }),
    ...(search.trim() && { search: search.trim() }),
    ...(signed !== undefined && { signed }),
  };
  const { data, error, refetch } = useQuery('Inbox', { first, filter });
  const notes = useQuery('Notifications', {});
  const refresh = useDebounced(() => {
    void refetch();
    void notes.refetch();
  }, 250);
  // Every notice about the unit's deliveries (an urgent arrival, 催办, 征集, 退回修改, 催报) comes with an event; one about
  // none of them (考核评比's result, a 通报 naming the unit) has its own, on which only the notices are read again.
  useSubscription('InboxChanged', {}, refresh);
  useSubscription('NoticesChanged', {}, () => void notes.refetch());
  // The unit's own handling moving on (its 报送 sent, among others) changes what a row says of it (征集's badge).
  useSubscription('HandlingChanged', {}, refresh);
  const inbox = data?.inbox;
  return (
    <>
      <h1>{t('收文')}</h1>
      <div className="kpis">
        <div className="kpi">
          <div className="n" data-testid="inbox-total">
            {inbox?.totalCount ?? '…'}
          </div>
          <div className="l">{t('收文总数')}</div>
        </div>
        <div className="kpi">
          <div className="n" data-testid="inbox-unsigned">
            {inbox?.unsignedCount ?? '…'}
          </div>
          <div className="l">{t('待签收')}</div>
        </div>
        <div className="kpi">
          <div className="n" data-testid="inbox-unread">
            {inbox?.unreadCount ?? '…'}
          </div>
          <div className="l">{t('未打开')}</div>
        </div>
        <div className={alarmKpi(inbox?.overdueCount)}>
          <div className="n" data-testid="inbox-overdue">
            {inbox?.overdueCount ?? '…'}
          </div>
          <div className="l">{t('超期未签收')}</div>
        </div>
      </div>
      {(notes.data?.notifications ?? []).map((n) => (
        // A result of a 考核评比 is news and 征集 a request in good time, not alarms: only the others are in red.
        <p key={n.id} className={isAlarm(n.kind) ? 'error' : 'notice'} role="status" data-testid="notification">
          {isAlarm(n.kind) && <span aria-hidden="true">⚡</span>}{' '}
          {noticeHref(n) ? <Link href={noticeHref(n) as string}>{noticeLine(n, lang, t)}</Link> : noticeLine(n, lang, t)}{' '}
          <span className="muted">{fmtTime(n.createdAt)}</span>{' '}
          <button type="button" className="link" onClick={() => void gql('MarkNotificationsRead', { ids: [n.id] }).then(() => notes.refetch())}>
            {t('知道了')}
          </button>
        </p>
      ))}
      <section className="card">
        <div className="tabs" role="tablist" aria-label={t('签收情况')}>
          {TABS.map((x) => (
            <button key={x.key} type="button" role="tab" aria-selected={tab === x.key} className={tab === x.key ? 'active' : ''} onClick={() => setTab(x.key)}>
              {t(x.zh)}
            </button>
          ))}
        </div>
        <div className="filters">
          <input type="search" placeholder={t('标题或发文字号')} aria-label={t('搜索')} value={search} onChange={(e) => setSearch(e.target.value)} />
          <select aria-label={t('状态')} value={status} onChange={(e) => setStatus(e.target.value as DeliveryStatus | '')}>
            <option value="">{t('全部状态')}</option>
            {Object.entries(STATUS)
              .filter(([k]) => k !== 'OVERDUE')
              .map(([k, v]) => (
                <option key={k} value={k}>
                  {t(v.zh)}
                </option>
              ))}
          </select>
          <select aria-label={t('紧急程度')} value={urgency} onChange={(e) => setUrgency(e.target.value as Urgency | '')}>
            <option value="">{t('全部紧急程度')}</option>
            {Object.entries(URGENCY).map(([k, v]) => (
              <option key={k} value={k}>
                {t(v)}
              </option>
            ))}
          </select>
        </div>
        <ErrorNote error={error} />
        {inbox && inbox.nodes.length === 0 && <Empty text={t('没有符合条件的来文')} />}
        {inbox && inbox.nodes.length > 0 && (
          <table aria-label={t('收文列表')}>
            <thead>
              <tr>
                <th>{t('状态')}</th>
                <th>{t('标题')}</th>
                <th>{t('发文字号')}</th>
                <th>{t('来文单位')}</th>
                <th>{t('送达时间')}</th>
                <th>{t('签收时限')}</th>
                <th>{t('签收时间')}</th>
              </tr>
            </thead>
            <tbody>
              {inbox.nodes.map((d) => (
                <tr key={d.id} className={d.receivedAt ? '' : 'unread'} data-delivery={d.id}>
                  <td>
                    <StatusBadge status={effectiveStatus(d)} />
                  </td>
                  <td>
                    <UrgencyTag urgency={d.urgency} />
                    {/* Before 签收 only the unit's clerks open it: the others see its row, not a page that refuses them. */}
                    {clerk || d.signedAt ? (
                      <Link href={`/inbox/${d.id}`}>{d.title}</Link>
                    ) : (
                      <>
                        {d.title} <span className="muted">{t('（签收后可查看）')}</span>
                      </>
                    )}
                    {d.role === 'CC' && <span className="muted"> （{t('抄送')}）</span>}
                    {/* 征集: the unit owes a report by a deadline (asked in the document, or later): said on the row. */}
                    {d.reportAsked && d.reportAsked.state !== 'REPORTED' && (
                      <>
                        {' '}
                        <span className={`badge ${d.reportAsked.state === 'RETURNED' ? 'bad' : 'warn'}`} data-testid="report-asked">
                          {d.reportAsked.state === 'RETURNED' ? t('报送被退回修改') : t('征集：{d}前报送', { d: fmtTime(d.reportAsked.deadline) })}
                        </span>
                      </>
                    )}
                  </td>
                  <td className="nowrap">{d.docNumber}</td>
                  <td>
                    {d.senderName}
                    {d.fromPeer && (
                      <>
                        {' '}
                        <span className="badge muted" title={t('由{p}经交换送达', { p: d.fromPeer })} data-testid="from-peer">
                          {t('对端来文')}
                        </span>
                      </>
                    )}
                  </td>
                  <td className="nowrap">{fmtTime(d.deliveredAt)}</td>
                  <td className="nowrap">{fmtTime(d.dueAt)}</td>
                  <td className="nowrap">{fmtTime(d.signedAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {inbox?.pageInfo.hasNextPage && (
          <p>
            <button type="button" onClick={() => setFirst(first + 50)}>
              {t('加载更多')}
            </button>
          </p>
        )}
      </section>
    </>
  );
}
