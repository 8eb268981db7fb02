'use client';
// 发文登记簿 (登记 before 用印, issue 18): every 发文字号 the unit took in a year, by 机关代字 and number — 已发, 已编号待发
// (taken when the seal was asked for) or 作废 with the reason — so that no number is a silent gap. Exported as CSV or
// XLSX from the rows shown. Clerks, leaders and administrators (services/documents app/numbering.ts).
import Link from 'next/link';
import { useState } from 'react';
import { ExportButtons } from '../../../components/Export';
import { RegisterTabs } from '../../../components/RegisterTabs';
import { Shell } from '../../../components/Shell';
import { Empty, ErrorNote } from '../../../components/ui';
import { thisYearInBeijing, YearSelect } from '../../../components/YearSelect';
import type { DocNumberStatus, OutgoingRegisterQuery } from '../../../generated/operations';
import { openOutgoingRegisterPdf } from '../../../lib/client';
import { fmtTime } from '../../../lib/format';
import { useAction, useQuery } from '../../../lib/hooks';
import { type T, useT } from '../../../lib/i18n';
import { useSession } from '../../../lib/session';
import type { Table } from '../../../lib/sheet';

type Entry = OutgoingRegisterQuery['docNumberRegister'][number];

const NUMBER_STATUS: Record<DocNumberStatus, { zh: string; badge: string }> = {
  SENT: { zh: '已发', badge: 'good' },
  RESERVED: { zh: '已编号待发', badge: 'pending' },
  VOIDED: { zh: '作废', badge: 'bad' },
};

export default function OutgoingRegisterPage() {
  return (
    <Shell>
      <OutgoingRegister />
    </Shell>
  );
}

/** The columns of one entry, as the table and the export show them: when it was numbered and sent, why and when it
 * was voided, and who handled it (who voided it, or who asked for the stamp that numbered it). */
const cells = (t: T, e: Entry) => ({
  numberedAt: fmtTime(e.numberedAt),
  sentAt: e.sentAt ? fmtTime(e.sentAt) : '—',
  voided: e.status === 'VOIDED' ? `${e.voidReason ?? ''}（${t('{at} 作废', { at: fmtTime(e.at) })}）` : '—',
  handler: e.handlerName ?? '—',
});

/** Numbers missing inside a 机关代字's run in the year (there should be none: the counter never skips). From its
 * first number shown, not from 1: a unit may have started its count elsewhere before the platform. */
function gaps(rows: Entry[]): { prefix: string; missing: number[] }[] {
  const byPrefix = new Map<string, Set<number>>();
  for (const r of rows) {
    const s = byPrefix.get(r.prefix) ?? new Set<number>();
    s.add(r.seq);
    byPrefix.set(r.prefix, s);
  }
  return [...byPrefix].flatMap(([prefix, seqs]) => {
    const missing: number[] = [];
    for (let n = Math.min(...seqs); n <= Math.max(...seqs); n++) if (!seqs.has(n)) missing.push(n);
    return missing.length ? [{ prefix, missing }] : [];
  });
}

function OutgoingRegister() {
  const t = useT();
  const { session } = useSession();
  const [year, setYear] = useState(thisYearInBeijing);
  const [prefix, setPrefix] = useState('');
  const { data, error } = useQuery('OutgoingRegister', { year, prefix: prefix || null });
  const unit = useQuery('UnitDocPrefixes', session ? { orgId: session.user.org.id } : null);
  const rows = data?.docNumberRegister ?? null;
  // The unit's 机关代字 now, and any an entry of the year carries (a 代字 since retired).
  const prefixes = [
    ...new Set([
      ...(unit.data?.org.docPrefixes ?? []),
      ...(unit.data?.org.briefingTitles ?? []),
      ...(rows ?? []).map((r) => r.prefix),
      ...(prefix ? [prefix] : []),
    ]),
  ];
  const count = (s: DocNumberStatus) => (rows ?? []).filter((r) => r.status === s).length;
  const missing = rows ? gaps(rows) : [];
  const printing = useAction();
  const base = `${session?.user.org.name ?? ''}${t('发文登记簿')}-${year}${prefix ? `-${prefix}` : ''}`;
  // The printable PDF as the platform lays it out (every number of the year, page numbers, Beijing time).
  const printPdf = () => printing.run(() => openOutgoingRegisterPdf(year, prefix || null, `${base}.pdf`));

  const table = (): Table => ({
    title: t('发文登记簿'),
    header: [t('发文字号'), t('标题'), t('主送'), t('状态'), t('编号时间'), t('发出时间'), t('作废原因'), t('经办人')],
    rows: (rows ?? []).map((e) => {
      const c = cells(t, e);
      return [e.docNumber, e.title, e.mainTo ?? '—', t(NUMBER_STATUS[e.status].zh), c.numberedAt, c.sentAt, c.voided, c.handler];
    }),
  });

  return (
    <>
      <h1>{t('发文登记簿')}</h1>
      <RegisterTabs current="outgoing" />
      <section className="card">
        <div className="filters">
          <YearSelect year={year} onChange={setYear} />
          <select aria-label={t('机关代字')} value={prefix} onChange={(e) => setPrefix(e.target.value)}>
            <option value="">{t('全部机关代字')}</option>
            {prefixes.map((p) => (
              <option key={p} value={p}>
                {p}
              </option>
            ))}
          </select>
          <span className="actions">
            <ExportButtons base={base} table={table} disabled={!rows?.length} />
            <button type="button" data-testid="outgoing-register-pdf" disabled={printing.busy || !rows} onClick={() => void printPdf()}>
              {t('打印登记簿（PDF）')}
            </button>
          </span>
        </div>
        <p className="muted" data-testid="outgoing-register-note">
          {t('发文字号按机关代字和年度连续编号，不留空号：每个编号或已发出，或已编号待发，或注明作废及原因，作废的编号不再使用。')}
        </p>
        <ErrorNote error={error ?? printing.error} />
        {missing.map((m) => (
          <p key={m.prefix} className="badge warn" role="status" data-testid="outgoing-register-gap">
            ⚠ {t('{p} 编号不连续，缺第 {n} 号，请联系系统管理员', { p: m.prefix, n: m.missing.join(t('、')) })}
          </p>
        ))}
        {rows && (
          <p className="muted" data-testid="outgoing-register-total">
            {t('共 {n} 个编号：已发 {s} 个，已编号待发 {r} 个，作废 {v} 个', {
              n: rows.length,
              s: count('SENT'),
              r: count('RESERVED'),
              v: count('VOIDED'),
            })}
          </p>
        )}
        {rows && rows.length === 0 && <Empty text={t('该年度没有发文字号')} />}
        {rows && rows.length > 0 && (
          <table aria-label={t('发文登记簿')}>
            <thead>
              <tr>
                <th>{t('发文字号')}</th>
                <th>{t('标题')}</th>
                <th>{t('主送')}</th>
                <th>{t('状态')}</th>
                <th>{t('编号时间')}</th>
                <th>{t('发出时间')}</th>
                <th>{t('作废原因')}</th>
                <th>{t('经办人')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((e) => {
                const c = cells(t, e);
                const voided = e.status === 'VOIDED';
                return (
                  <tr key={`${e.prefix}-${e.seq}-${e.status}`} data-doc-number={e.docNumber} data-status={e.status} className={voided ? 'muted' : undefined}>
                    <td style={{ whiteSpace: 'nowrap', ...(voided && { textDecoration: 'line-through' }) }}>{e.docNumber}</td>
                    <td>{e.status === 'SENT' ? <Link href={`/sent/${e.documentId}`}>{e.title}</Link> : e.title}</td>
                    <td>{e.mainTo ?? '—'}</td>
                    <td>
                      <span className={`badge ${NUMBER_STATUS[e.status].badge}`}>{t(NUMBER_STATUS[e.status].zh)}</span>
                    </td>
                    <td style={{ whiteSpace: 'nowrap' }}>{c.numberedAt}</td>
                    <td style={{ whiteSpace: 'nowrap' }}>{c.sentAt}</td>
                    <td>{c.voided}</td>
                    <td>{c.handler}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
      </section>
    </>
  );
}
