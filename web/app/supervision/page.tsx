'use client';
// 督办: deliveries overdue now anywhere below the viewer (live) by document or by unit, and those due soon by document,
// with each unit's registered contacts and one-click 催办 (in-app and SMS) of a unit or a whole document's units; each
// unit's on-time record over a period, the province's check times (9:00 and 15:00 by default), and bulletins (通报) to
// publish by hand or on a schedule, read and export.
import { useState } from 'react';
import { BulletinSchedule, CADENCE } from '../../components/BulletinSchedule';
import { DUE_SOON_DOCUMENTS, DUE_SOON_UNITS_EACH, DueSoon } from '../../components/DueSoon';
import { ExportButtons } from '../../components/Export';
import { OVERDUE_DOCUMENTS, OVERDUE_SHOWN, OVERDUE_UNITS_EACH, Overdue } from '../../components/Overdue';
import { Shell } from '../../components/Shell';
import { Empty, ErrorNote, Section } from '../../components/ui';
import { checkStatus, type WorkCalendar } from '../../lib/checks';
import { gql, openBlob } from '../../lib/client';
import { beijingDay, fmtDate, fmtTime, pct, todayInBeijing } from '../../lib/format';
import { useAction, useDebounced, useQuery, useSubscription } from '../../lib/hooks';
import { useT } from '../../lib/i18n';
import { sharedPlaces } from '../../lib/ranks';
import { hasRole, useSession } from '../../lib/session';
import { type Table, tableFromCsv } from '../../lib/sheet';

const firstOfMonth = () => `${todayInBeijing().slice(0, 8)}01`;

export default function SupervisionPage() {
  return (
    <Shell>
      <Supervision />
    </Shell>
  );
}

function Supervision() {
  const t = useT();
  const { session } = useSession();
  const canPublish = hasRole(session, 'SUPERVISOR', 'ADMIN');
  const overdue = useQuery('Overdue', { first: OVERDUE_SHOWN });
  const overdueByDocument = useQuery('OverdueByDocument', { first: OVERDUE_DOCUMENTS, unitsEach: OVERDUE_UNITS_EACH });
  const [from, setFrom] = useState(firstOfMonth());
  const [to, setTo] = useState(todayInBeijing());
  const period = { from: beijingDay(from), to: beijingDay(to, true) };
  const perf = useQuery('ReceiptPerformance', from <= to ? period : null);
  // Live: the overdue list at most twice a second; the ranking, counted over the period's deliveries in the subtree
  // (a city's year is a quarter of a million), at most every 3 s however many 签收 arrive.
  // 临期: what waits and is not yet past due, by document; the same events move rows between the two lists.
  const dueSoon = useQuery('DueSoon', { first: DUE_SOON_DOCUMENTS, unitsEach: DUE_SOON_UNITS_EACH });
  const refresh = useDebounced(() => void Promise.all([overdue.refetch(), overdueByDocument.refetch(), dueSoon.refetch()]), 500);
  const refreshRanking = useDebounced(() => void perf.refetch(), 3000);
  useSubscription('SubtreeOverdue', {}, refresh);
  useSubscription('SubtreeReceipts', {}, () => {
    refresh();
    refreshRanking();
  });
  const bulletins = useQuery('Bulletins', canPublish ? {} : null);
  const [title, setTitle] = useState('');
  const [openBulletin, setOpenBulletin] = useState<string | null>(null);
  const act = useAction();
  // The best first: at an equal rate, a unit that signed late stands above one that never signed.
  const ranking = [...((from <= to && perf.data?.receiptPerformance) || [])].sort(
    (a, b) =>
      b.onTimeRate - a.onTimeRate || a.missing - b.missing || a.late - b.late || b.total - a.total || a.recipientName.localeCompare(b.recipientName, 'zh'),
  );
  // Units equal in rate, unsigned and late share a place (the order among them says nothing).
  const places = sharedPlaces(ranking, (p) => `${p.onTimeRate}|${p.missing}|${p.late}`);
  // The calendar is JSON in the schema; lib/checks.ts says what it holds.
  const calendar = overdue.data?.workCalendar as WorkCalendar | undefined;
  const checkTimes = calendar?.checkTimes ?? ['09:00', '15:00'];
  const checks = calendar ? checkStatus(calendar) : null;
  const rankingTable = (): Table => ({
    title: t('按时签收排名'),
    header: ['#', '单位', '应签收', '按时签收', '迟签', '未签收', '按时率', '应报送', '按时报送', '逾期报送', '未报送'].map((h) => t(h)),
    rows: ranking.map((p, i) => [
      places[i],
      p.recipientName,
      p.total,
      p.onTime,
      p.late,
      p.missing,
      p.onTimeRate,
      p.reportsDue ?? 0,
      p.reportsOnTime ?? 0,
      p.reportsLate ?? 0,
      p.reportsMissing ?? 0,
    ]),
    percent: [6],
  });

  return (
    <>
      <h1>{t('督办')}</h1>
      <p className="notice" data-testid="checks">
        {t('各单位须在每个工作日 {times} 查看收文；到下一次查看时仍未签收的即为超期。', { times: checkTimes.join(t('、')) })}
        {checks && ` ${t('上一次查看：{last}；下一次查看：{next}。', { last: checks.last ?? '—', next: checks.next ?? '—' })}`}
      </p>
      <Overdue byUnit={overdue} byDocument={overdueByDocument} />
      <DueSoon due={dueSoon} />
      <Section
        title={t('按时签收排名')}
        actions={
          <div className="actions">
            <input type="date" aria-label={t('起始日期')} value={from} onChange={(e) => setFrom(e.target.value)} />
            <span>—</span>
            <input type="date" aria-label={t('截止日期')} value={to} onChange={(e) => setTo(e.target.value)} />
            {ranking.length > 0 && <ExportButtons base={`${t('按时签收排名')}-${from}-${to}`} table={rankingTable} />}
          </div>
        }
      >
        <ErrorNote error={perf.error} />
        {from > to ? (
          <p className="error" role="alert" data-testid="period-reversed">
            {t('截止日期不能早于起始日期')}
          </p>
        ) : ranking.length === 0 ? (
          <Empty text={t('该期间没有已到签收时限的收文（未到时限的见上方临期待签收）')} />
        ) : (
          <table data-testid="ranking">
            <thead>
              <tr>
                <th>#</th>
                <th>{t('单位')}</th>
                {/* Those signed for or due in the period (统计 counts every delivery received). */}
                <th>{t('应签收')}</th>
                <th>{t('按时签收')}</th>
                <th>{t('迟签')}</th>
                <th>{t('未签收')}</th>
                <th>{t('按时率')}</th>
                <th>{t('应报送')}</th>
                <th>{t('按时报送')}</th>
                <th>{t('逾期报送')}</th>
                <th>{t('未报送')}</th>
              </tr>
            </thead>
            <tbody>
              {ranking.map((p, i) => (
                <tr key={p.recipientOrgId}>
                  <td>{places[i]}</td>
                  <td>{p.recipientName}</td>
                  <td>{p.total}</td>
                  <td>{p.onTime}</td>
                  <td>{p.late}</td>
                  <td>{p.missing}</td>
                  <td>{pct(p.onTimeRate)}</td>
                  <td data-testid="reports-due">{p.reportsDue ?? 0}</td>
                  <td>{p.reportsOnTime ?? 0}</td>
                  <td>{p.reportsLate ?? 0}</td>
                  <td>{p.reportsMissing ?? 0}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Section>
      {canPublish && (
        <Section title={t('通报')}>
          <div className="actions">
            <input
              aria-label={t('通报标题')}
              placeholder={t('如：关于{m}电子公文签收情况的通报', { m: from.slice(0, 7) })}
              value={title}
              onChange={(e) => setTitle(e.target.value)}
            />
            <button
              type="button"
              className="primary"
              disabled={act.busy || !title.trim()}
              onClick={() =>
                void act.run(async () => {
                  const r = await gql('PublishBulletin', { title: title.trim(), ...period });
                  setTitle('');
                  setOpenBulletin(r.publishBulletin.id);
                  await bulletins.refetch();
                })
              }
            >
              {t('生成通报（{from} 至 {to}）', { from, to })}
            </button>
          </div>
          <ErrorNote error={act.error} />
          <BulletinSchedule onPublished={() => bulletins.refetch()} />
          <table>
            <tbody>
              {(bulletins.data?.bulletins ?? []).map((b) => (
                <tr key={b.id} data-bulletin={b.title}>
                  <td>
                    <button type="button" className="link" onClick={() => setOpenBulletin(openBulletin === b.id ? null : b.id)}>
                      {b.title}
                    </button>{' '}
                    {b.cadence && <span className="badge">{t('定期·{cadence}', { cadence: t(CADENCE[b.cadence] ?? b.cadence) })}</span>}
                  </td>
                  <td>
                    {fmtDate(b.periodFrom)} — {fmtDate(b.periodTo)}
                  </td>
                  <td>
                    {b.createdByName} {fmtTime(b.createdAt)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {openBulletin && <BulletinView id={openBulletin} />}
        </Section>
      )}
    </>
  );
}

function BulletinView({ id }: { id: string }) {
  const t = useT();
  const { data, error } = useQuery('BulletinDetail', { id });
  if (error) return <ErrorNote error={error} />;
  if (!data) return null;
  const b = data.bulletin;
  return (
    <article className="card" data-testid="bulletin">
      <h3>{b.title}</h3>
      <p className="muted">
        {fmtDate(b.periodFrom)} — {fmtDate(b.periodTo)} · {b.createdByName}
      </p>
      {b.rows.length === 0 ? (
        <p>{t('该期间所有单位均按时签收。')}</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th>{t('单位')}</th>
              <th>{t('收文')}</th>
              <th>{t('迟签')}</th>
              <th>{t('未签收')}</th>
              <th>{t('按时率')}</th>
            </tr>
          </thead>
          <tbody>
            {b.rows.map((r) => (
              <tr key={r.recipientOrgId}>
                <td>{r.recipientName}</td>
                <td>{r.total}</td>
                <td>{r.late}</td>
                <td>{r.missing}</td>
                <td>{pct(r.onTimeRate)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p className="actions">
        <ExportButtons base={b.title} table={() => tableFromCsv(t('通报'), b.csv)} />
        {b.pdfSha256 && (
          <button type="button" onClick={() => void openBlob(b.pdfSha256!, `${b.title}.pdf`)}>
            {t('下载 PDF')}
          </button>
        )}
      </p>
    </article>
  );
}
