'use client';
// 收文登记簿: the unit's register of what it signed for (条例 第二十四条 登记), by year and period, searched by title,
// 文号 or 来文单位, exported as CSV or an XLSX workbook for Excel, or as a printable PDF. Newest 收文编号 first.
import Link from 'next/link';
import { useState } from 'react';
import { RegisterTabs } from '../../components/RegisterTabs';
import { Shell } from '../../components/Shell';
import { docTypeName, Empty, ErrorNote, UrgencyTag } from '../../components/ui';
import { thisYearInBeijing, YearSelect } from '../../components/YearSelect';
import { fetchRegisterExport, openRegisterExport } from '../../lib/client';
import { handOver } from '../../lib/files';
import { beijingDay, beijingDayAfter, fmtTime } from '../../lib/format';
import { useAction, useQuery } from '../../lib/hooks';
import { useLang, useT } from '../../lib/i18n';
import { useSession } from '../../lib/session';
import { tableBlob, tableFile, tableFromCsv } from '../../lib/sheet';
import { handlerWordsEn } from '../../lib/written-notes';

export default function RegisterPage() {
  return (
    <Shell>
      <Register />
    </Shell>
  );
}

function Register() {
  const t = useT();
  const { lang } = useLang();
  const [year, setYear] = useState(thisYearInBeijing);
  const [search, setSearch] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [first, setFirst] = useState(50);
  const variables = { year, first, search: search.trim() || null, from: from ? beijingDay(from) : null, to: to ? beijingDayAfter(to) : null };
  const { data, error } = useQuery('IntakeRegister', variables);
  const exporting = useAction();
  const page = data?.intakeRegister;

  const { session } = useSession();
  const params = {
    year: String(year),
    ...(variables.search && { search: variables.search }),
    ...(variables.from && { from: variables.from }),
    ...(variables.to && { to: variables.to }),
  };
  // Named by the unit too: two units' exports do not collide in one downloads folder.
  const fileBase = `${session?.user.org.name ?? ''}${t('收文登记簿')}-${year}${from ? `-${from}` : ''}`;
  const exportAs = (format: 'csv' | 'pdf') => exporting.run(() => openRegisterExport({ ...params, format }, `${fileBase}.${format}`));
  // The workbook holds the rows of the platform's own CSV (every row of the period, not only the page on screen).
  const exportXlsx = () =>
    exporting.run(async () => {
      const csv = await (await fetchRegisterExport({ ...params, format: 'csv' })).text();
      handOver(await tableBlob(tableFromCsv(t('收文登记簿'), csv), 'xlsx'), tableFile(fileBase, 'xlsx'));
    });

  return (
    <>
      <h1>{t('收文登记簿')}</h1>
      <RegisterTabs current="intake" />
      <section className="card">
        <div className="filters">
          <YearSelect year={year} onChange={setYear} />
          <input
            type="search"
            placeholder={t('标题、文号或来文单位')}
            aria-label={t('搜索登记簿')}
            value={search}
            onChange={(e) => setSearch(e.target.value)}
          />
          <label>
            {t('收文时间从')} <input type="date" aria-label={t('收文时间从')} value={from} onChange={(e) => setFrom(e.target.value)} />
          </label>
          <label>
            {t('至')} <input type="date" aria-label={t('收文时间至')} value={to} onChange={(e) => setTo(e.target.value)} />
          </label>
          <span className="actions">
            <button type="button" disabled={exporting.busy} onClick={() => void exportAs('csv')}>
              {t('导出 CSV')}
            </button>
            <button type="button" disabled={exporting.busy} onClick={() => void exportXlsx()}>
              {t('导出 XLSX')}
            </button>
            <button type="button" disabled={exporting.busy} onClick={() => void exportAs('pdf')}>
              {t('打印登记簿（PDF）')}
            </button>
          </span>
        </div>
        <ErrorNote error={error ?? exporting.error} />
        {page && (
          <p className="muted" data-testid="register-total">
            {t('共 {n} 件', { n: page.totalCount })}
          </p>
        )}
        {page && page.nodes.length === 0 && <Empty text={t('没有符合条件的登记')} />}
        {page && page.nodes.length > 0 && (
          <table aria-label={t('收文登记簿')}>
            <thead>
              <tr>
                <th>{t('收文编号')}</th>
                <th>{t('来文单位')}</th>
                <th>{t('文号')}</th>
                <th>{t('标题')}</th>
                <th>{t('文种')}</th>
                <th>{t('份数')}</th>
                <th>{t('收文时间')}</th>
                <th>{t('签收人')}</th>
                <th>{t('承办')}</th>
                <th>{t('办理情况')}</th>
              </tr>
            </thead>
            <tbody>
              {page.nodes.map((e) => (
                <tr key={e.id} data-intake={e.intakeNumber}>
                  <td className="nowrap">{e.number}</td>
                  <td>{e.senderName}</td>
                  <td className="nowrap">{e.docNumber}</td>
                  <td>
                    <UrgencyTag urgency={e.urgency} />
                    {e.paper || !e.deliveryId ? (
                      <>
                        <span className="badge pending">{t('纸质补录')}</span> {e.title}
                      </>
                    ) : (
                      <Link href={`/inbox/${e.deliveryId}`}>{e.title}</Link>
                    )}
                  </td>
                  <td className="nowrap">{docTypeName(e.docType, lang)}</td>
                  <td>{e.copies}</td>
                  <td className="nowrap">{fmtTime(e.signedAt)}</td>
                  <td className="nowrap">{e.signedByName}</td>
                  <td>{(e.handlerName && lang === 'en' ? handlerWordsEn(e.handlerName) : null) ?? e.handlerName ?? '—'}</td>
                  <td>{t(e.handling)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {page?.pageInfo.hasNextPage && (
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
