'use client';
// 纸质补录 (seed 003 §45, 001 §31): after an outage the unit's clerk records what travelled on paper meanwhile —
// received (来文单位, 文号, 标题, 收到时间) or sent (主送单位, 文号, 标题, 发出时间), with a scan if there is one — so the
// 收文登记簿 and the statistics are whole. A received one takes the next 收文编号 and shows in the register marked 纸质补录.
import Link from 'next/link';
import { useState } from 'react';
import { Shell } from '../../components/Shell';
import { DOC_TYPES, docTypeName, Empty, ErrorNote, Section } from '../../components/ui';
import type { PaperDirection } from '../../generated/operations';
import { gql, openBlob, uploadBlob } from '../../lib/client';
import { fmtTime } from '../../lib/format';
import { useAction, useQuery } from '../../lib/hooks';
import { useLang, useT } from '../../lib/i18n';
import { hasRole, useSession } from '../../lib/session';

const DIRECTION: Record<PaperDirection, string> = { RECEIVED: '收到的纸质公文', SENT: '发出的纸质公文' };

export default function PaperPage() {
  return (
    <Shell>
      <Paper />
    </Shell>
  );
}

const empty = { direction: 'RECEIVED' as PaperDirection, counterpartName: '', docNumber: '', title: '', docType: '', paperAt: '', outageNote: '' };

function Paper() {
  const t = useT();
  const { lang } = useLang();
  const { session } = useSession();
  const clerk = !!session && hasRole(session, 'CLERK');
  const [filter, setFilter] = useState<PaperDirection | ''>('');
  const list = useQuery('PaperRecords', { direction: filter || null });
  const act = useAction();
  const [form, setForm] = useState(empty);
  const [scan, setScan] = useState<File | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const set = (k: keyof typeof empty) => (e: { target: { value: string } }) => setForm({ ...form, [k]: e.target.value });
  const record = async () => {
    const r = await act.run(async () => {
      const uploaded = scan ? await uploadBlob(scan) : null;
      return gql('RecordPaperDocument', {
        input: {
          direction: form.direction,
          counterpartName: form.counterpartName,
          docNumber: form.docNumber,
          title: form.title,
          docType: form.docType || null,
          // The browser's local time (Beijing for these users) as an instant.
          paperAt: new Date(form.paperAt).toISOString(),
          scanSha256: uploaded?.sha256 ?? null,
          outageNote: form.outageNote || null,
        },
      });
    });
    if (r) {
      const p = r.recordPaperDocument;
      setDone(
        p.intakeNumber
          ? t('已补录，收文编号 收〔{year}〕{n}号，已登入收文登记簿（标注“纸质补录”）。', { year: String(p.intakeYear), n: String(p.intakeNumber) })
          : t('已补录发出的纸质公文。'),
      );
      setForm({ ...empty, direction: form.direction, counterpartName: form.counterpartName, outageNote: form.outageNote });
      setScan(null);
      await list.refetch();
    }
  };
  const rows = list.data?.paperRecords ?? [];
  return (
    <>
      <h1>{t('纸质补录')}</h1>
      <p className="muted">
        {t('系统故障期间以纸质方式收发的公文，恢复后在此补录，使收文登记簿和统计完整。收到的纸质公文取得收文编号，并在收文登记簿中标注“纸质补录”。')}{' '}
        <Link href="/register">{t('收文登记簿')}</Link>
      </p>
      <ErrorNote error={list.error ?? act.error} />
      {done && (
        <p className="notice" role="status">
          {done}
        </p>
      )}
      {!clerk && <p className="muted">{t('补录由本单位收文员办理；此处可查阅本单位的补录记录。')}</p>}
      {/* The form beside the list for the clerk; the list alone, the page's width, for the others. */}
      <div className={clerk ? 'split' : ''}>
        <Section
          title={t('补录记录')}
          actions={
            <label>
              {t('方向')}{' '}
              <select value={filter} onChange={(e) => setFilter(e.target.value as PaperDirection | '')}>
                <option value="">{t('全部')}</option>
                {(Object.keys(DIRECTION) as PaperDirection[]).map((d) => (
                  <option key={d} value={d}>
                    {t(DIRECTION[d])}
                  </option>
                ))}
              </select>
            </label>
          }
        >
          {!rows.length ? (
            <Empty text={t('没有纸质补录记录')} />
          ) : (
            <table className="grid">
              <thead>
                <tr>
                  <th>{t('方向')}</th>
                  <th>{t('收文编号')}</th>
                  <th>{t('来文/主送单位')}</th>
                  <th>{t('文号')}</th>
                  <th>{t('标题')}</th>
                  <th>{t('收到/发出时间')}</th>
                  <th>{t('扫描件')}</th>
                  <th>{t('补录人')}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={r.id} data-paper={r.id}>
                    <td>
                      <span className="badge pending">{t('纸质补录')}</span> {t(DIRECTION[r.direction])}
                    </td>
                    <td>{r.intakeNumber ? `收〔${r.intakeYear}〕${r.intakeNumber}号` : '—'}</td>
                    <td>{r.counterpartName}</td>
                    <td className="nowrap">{r.docNumber}</td>
                    <td>
                      {r.title}
                      {r.outageNote && <div className="muted">{r.outageNote}</div>}
                    </td>
                    <td>{fmtTime(r.paperAt)}</td>
                    <td>
                      {r.scanSha256 && r.scanName ? (
                        <button type="button" className="link" onClick={() => void act.run(() => openBlob(r.scanSha256 as string, r.scanName as string))}>
                          {r.scanName}
                        </button>
                      ) : (
                        '—'
                      )}
                    </td>
                    <td>
                      {r.recordedByName}
                      <div className="muted">{fmtTime(r.recordedAt)}</div>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </Section>
        {clerk && (
          <Section title={t('补录纸质公文')}>
            <form
              onSubmit={(e) => {
                e.preventDefault();
                void record();
              }}
            >
              <label className="field">
                <span>{t('方向')}</span>
                <select value={form.direction} onChange={set('direction')}>
                  {(Object.keys(DIRECTION) as PaperDirection[]).map((d) => (
                    <option key={d} value={d}>
                      {t(DIRECTION[d])}
                    </option>
                  ))}
                </select>
              </label>
              <label className="field">
                <span>{t(form.direction === 'RECEIVED' ? '来文单位' : '主送单位')}</span>
                <input required maxLength={100} value={form.counterpartName} onChange={set('counterpartName')} />
              </label>
              <label className="field">
                <span>{t('文号')}</span>
                <input required maxLength={60} value={form.docNumber} onChange={set('docNumber')} />
              </label>
              <label className="field">
                <span>{t('标题')}</span>
                <input required maxLength={200} value={form.title} onChange={set('title')} />
              </label>
              <label className="field">
                <span>{t('文种')}</span>
                <select value={form.docType} onChange={set('docType')}>
                  <option value="">{t('未填')}</option>
                  {DOC_TYPES.map((d) => (
                    <option key={d} value={d}>
                      {docTypeName(d, lang)}
                    </option>
                  ))}
                </select>
              </label>
              <label className="field">
                <span>{t(form.direction === 'RECEIVED' ? '收到时间' : '发出时间')}</span>
                <input type="datetime-local" name="paperAt" required value={form.paperAt} onChange={set('paperAt')} />
              </label>
              <label className="field">
                <span>{t('扫描件（可选）')}</span>
                <input type="file" accept="application/pdf,image/*" onChange={(e) => setScan(e.target.files?.[0] ?? null)} />
              </label>
              <label className="field">
                <span>{t('故障说明（可选）')}</span>
                <input maxLength={500} value={form.outageNote} onChange={set('outageNote')} />
              </label>
              <button type="submit" className="primary" disabled={act.busy}>
                {t('补录')}
              </button>
            </form>
          </Section>
        )}
      </div>
    </>
  );
}
