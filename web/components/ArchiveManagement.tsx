'use client';
// The archivist's keeping of the archive (seed 003 ch. 9): a record held (never destroyed whatever its retention) or
// released, its metadata corrected as a new version with the basis; the unit's retention table; appraisal at the end
// of retention — the archivist proposes to destroy or keep longer, the unit's head decides (destruction after a
// confirmation); a year's archive exported as one package and packages imported (every digest checked first).
import { useState } from 'react';
import type { ArchiveRecordsQuery } from '../generated/operations';
import { gql } from '../lib/client';
import { fileToBase64, fromBase64, saveFile } from '../lib/files';
import { fmtTime, todayInBeijing } from '../lib/format';
import { useAction, useQuery } from '../lib/hooks';
import { type T, useLang } from '../lib/i18n';
import { hasRole, useSession } from '../lib/session';
import { ConfirmButton } from './Confirm';
import { DISCLOSURE, docTypeName, Empty, ErrorNote, Section } from './ui';

type RecordRow = ArchiveRecordsQuery['archiveRecords'][number];

export const RETENTION: Record<string, string> = { PERMANENT: '永久', Y30: '30年', Y10: '10年' };
/** The periods from shortest to longest: appraisal only ever keeps a record longer. */
const PERIODS = ['Y10', 'Y30', 'PERMANENT'] as const;
const DISPOSAL_STATUS: Record<string, string> = { PENDING: '待负责人审批', APPROVED: '已批准', REJECTED: '未批准' };

/** Hold or release one record, and correct its metadata: the archivist's part of a record's page. */
export function RecordKeeping({ t, record, onChange }: { t: T; record: RecordRow; onChange: () => Promise<void> }) {
  const act = useAction();
  const [reason, setReason] = useState('');
  // The elements the archive lets a correction change, in the catalogue's words (题名, 文号 …); the rest is evidence.
  const elements = record.correctableElements;
  const [key, setKey] = useState(elements[0]?.key ?? '');
  const current = elements.find((e) => e.key === key);
  const [value, setValue] = useState('');
  const [basis, setBasis] = useState('');
  const [done, setDone] = useState<string | null>(null);
  const run = (fn: () => Promise<unknown>, message: string) =>
    act.run(async () => {
      await fn();
      setDone(message);
      await onChange();
    });
  return (
    <div data-testid="record-keeping">
      <ErrorNote error={act.error} />
      {done && (
        <p className="notice" role="status">
          {done}
        </p>
      )}
      <h3>{t('冻结保存')}</h3>
      <p className="muted">
        {record.hold ? t('已冻结：{r}。冻结期间不予销毁。', { r: record.holdReason ?? '' }) : t('冻结后，无论保管期限是否届满均不予销毁（如涉及审计、诉讼）。')}
      </p>
      <p className="actions">
        <input
          aria-label={t('冻结或解除的依据')}
          placeholder={t('依据，如：审计调取')}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          style={{ width: '20rem' }}
        />
        <button
          type="button"
          disabled={act.busy || !reason.trim()}
          onClick={() =>
            void run(
              async () => {
                await gql('SetArchiveHold', { id: record.id, hold: !record.hold, reason: reason.trim() });
                setReason('');
              },
              t(record.hold ? '已解除冻结' : '已冻结保存'),
            )
          }
        >
          {t(record.hold ? '解除冻结' : '冻结保存')}
        </button>
      </p>
      {elements.length > 0 && (
        <>
          <h3>{t('更正元数据')}</h3>
          <p className="muted">{t('更正形成新版本（现为第 {v} 版），原版本保留，档案内容不变。', { v: record.metadataVersion })}</p>
          <p className="actions">
            <select aria-label={t('元数据项')} value={key} onChange={(e) => setKey(e.target.value)}>
              {elements.map((e) => (
                <option key={e.key} value={e.key}>
                  {t(e.label)}
                </option>
              ))}
            </select>
            <span className="muted">{current?.value ?? '—'}</span>
          </p>
          <p className="actions">
            {key === 'disclosure' ? (
              // 公开属性 is one of three words (政府信息公开条例); 不予公开 keeps its reason (不予公开理由, corrected first).
              <select aria-label={t('更正为')} value={value} onChange={(e) => setValue(e.target.value)}>
                <option value="">{t('请选择')}</option>
                {Object.values(DISCLOSURE).map((w) => (
                  <option key={w} value={w}>
                    {t(w)}
                  </option>
                ))}
              </select>
            ) : (
              <input aria-label={t('更正为')} placeholder={t('更正为')} value={value} onChange={(e) => setValue(e.target.value)} style={{ width: '20rem' }} />
            )}
            <input aria-label={t('更正依据')} placeholder={t('更正依据')} value={basis} onChange={(e) => setBasis(e.target.value)} />
            <button
              type="button"
              disabled={act.busy || !key || !value.trim() || !basis.trim()}
              onClick={() =>
                void run(async () => {
                  await gql('CorrectArchiveMetadata', { id: record.id, changes: { [key]: value.trim() }, reason: basis.trim() });
                  setValue('');
                  setBasis('');
                }, t('已更正元数据'))
              }
            >
              {t('更正')}
            </button>
          </p>
        </>
      )}
    </div>
  );
}

/** The archive's keeping as a whole: retention table, appraisal and disposal, year packages. For a closed unit's fonds
 * the unit keeps (`fondsId`): its appraisal, disposals and year packages; the retention table and imports are the unit's
 * own (nothing new is archived into a closed unit's fonds). */
export function ArchiveKeeping({ t, fondsId, onChange }: { t: T; fondsId: string | null; onChange: () => Promise<void> }) {
  const { lang } = useLang();
  const { session } = useSession();
  const archivist = hasRole(session, 'ARCHIVIST');
  const head = hasRole(session, 'LEADER');
  const due = useQuery('AppraisalDue', archivist ? { fondsId } : null);
  const table = useQuery('RetentionTable', archivist ? {} : null);
  const disposals = useQuery('Disposals', archivist || head ? { fondsId } : null);
  const act = useAction();
  const [rule, setRule] = useState({ docType: '通知', retention: 'Y30' });
  const [proposal, setProposal] = useState<Record<string, { decision: string; reason: string; extendTo: string }>>({});
  const [year, setYear] = useState(Number(todayInBeijing().slice(0, 4)));
  const [done, setDone] = useState<string | null>(null);
  const run = (fn: () => Promise<unknown>, message: string | (() => string)) =>
    act.run(async () => {
      setDone(null);
      await fn();
      setDone(typeof message === 'string' ? message : message());
      await due.refetch();
      await disposals.refetch();
      await table.refetch();
      await onChange();
    });
  const importFile = (file: File | undefined, kind: 'year' | 'record') => {
    if (!file) return;
    let count = 0;
    void run(
      async () => {
        const pkg = await fileToBase64(file);
        if (kind === 'year') count = (await gql('ImportArchiveYear', { package: pkg })).importArchiveYear.length;
        else {
          await gql('ImportArchivePackage', { package: pkg });
          count = 1;
        }
      },
      () => t('已导入 {n} 件档案', { n: count }),
    );
  };
  const pending = (disposals.data?.disposals ?? []).filter((d) => d.status === 'PENDING');
  // The 文种 a rule is set for: the archive's own list (its table, 信息 included, and any the unit set), not the
  // documents' 文种 alone.
  const docTypes = (table.data?.retentionTable ?? []).map((r) => r.docType);
  if (!archivist && !head) return null;
  return (
    <>
      <ErrorNote error={act.error} />
      {done && (
        <p className="notice" role="status">
          {done}
        </p>
      )}
      {archivist && !fondsId && (
        <Section title={t('保管期限表')}>
          <p className="muted">{t('本单位各文种的保管期限，归档时按此确定；未设置的文种按国家规定的默认期限。')}</p>
          <p className="actions">
            <select aria-label={t('文种')} value={rule.docType} onChange={(e) => setRule({ ...rule, docType: e.target.value })}>
              {docTypes.map((d) => (
                <option key={d} value={d}>
                  {docTypeName(d, lang)}
                </option>
              ))}
            </select>
            <select aria-label={t('保管期限')} value={rule.retention} onChange={(e) => setRule({ ...rule, retention: e.target.value })}>
              {Object.entries(RETENTION).map(([k, zh]) => (
                <option key={k} value={k}>
                  {t(zh)}
                </option>
              ))}
            </select>
            <button
              type="button"
              disabled={act.busy || !docTypes.includes(rule.docType)}
              onClick={() =>
                void run(
                  () => gql('SetRetentionRule', rule),
                  t('已设置：{d} 保管 {r}', { d: docTypeName(rule.docType, lang), r: t(RETENTION[rule.retention] ?? rule.retention) }),
                )
              }
            >
              {t('设置保管期限')}
            </button>
          </p>
          <table data-testid="retention-table">
            <thead>
              <tr>
                <th>{t('文种')}</th>
                <th>{t('保管期限')}</th>
                <th>{t('依据')}</th>
              </tr>
            </thead>
            <tbody>
              {(table.data?.retentionTable ?? []).map((r) => (
                <tr key={r.docType} data-retention={r.docType}>
                  <td>{docTypeName(r.docType, lang)}</td>
                  <td>{t(RETENTION[r.retention] ?? r.retention)}</td>
                  <td className={r.own ? '' : 'muted'}>{t(r.own ? '本单位设置' : '默认')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </Section>
      )}
      {archivist && (
        <Section title={t('到期鉴定')}>
          {(due.data?.appraisalDue ?? []).length === 0 ? (
            <Empty text={t('没有保管期限届满待鉴定的档案')} />
          ) : (
            <table>
              <tbody>
                {due.data!.appraisalDue.map((r) => {
                  // A record is only ever kept longer: the periods beyond its own.
                  const longer = PERIODS.slice(PERIODS.indexOf(r.retention as (typeof PERIODS)[number]) + 1);
                  const p = proposal[r.id] ?? { decision: longer.length ? 'EXTEND' : 'DESTROY', reason: '', extendTo: longer[0] ?? '' };
                  const set = (x: Partial<typeof p>) => setProposal({ ...proposal, [r.id]: { ...p, ...x } });
                  return (
                    <tr key={r.id} data-appraisal={r.archivalNumber}>
                      <td>
                        {r.archivalNumber} · {r.title}
                        <div className="muted">
                          {t(RETENTION[r.retention] ?? r.retention)} · {t('至 {d}', { d: r.retentionUntil ?? '' })}
                        </div>
                      </td>
                      <td className="actions">
                        <select aria-label={t('鉴定意见')} value={p.decision} onChange={(e) => set({ decision: e.target.value })}>
                          {longer.length > 0 && <option value="EXTEND">{t('延长保管')}</option>}
                          <option value="DESTROY">{t('销毁')}</option>
                        </select>
                        {p.decision === 'EXTEND' && (
                          <select aria-label={t('延长至')} value={p.extendTo} onChange={(e) => set({ extendTo: e.target.value })}>
                            {longer.map((k) => (
                              <option key={k} value={k}>
                                {t(RETENTION[k] ?? k)}
                              </option>
                            ))}
                          </select>
                        )}
                        <input aria-label={t('鉴定理由')} placeholder={t('鉴定理由')} value={p.reason} onChange={(e) => set({ reason: e.target.value })} />
                        <button
                          type="button"
                          disabled={act.busy || !p.reason.trim()}
                          onClick={() =>
                            void run(
                              () =>
                                gql('ProposeDisposal', {
                                  recordId: r.id,
                                  decision: p.decision,
                                  reason: p.reason.trim(),
                                  extendTo: p.decision === 'EXTEND' ? p.extendTo : null,
                                }),
                              t('鉴定意见已提交，待本单位负责人审批'),
                            )
                          }
                        >
                          {t('提交鉴定意见')}
                        </button>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          )}
        </Section>
      )}
      <Section title={t('鉴定处置')}>
        {(disposals.data?.disposals ?? []).length === 0 ? (
          <Empty text={t('没有鉴定处置记录')} />
        ) : (
          <table>
            <tbody>
              {disposals.data!.disposals.map((d) => (
                <tr key={d.id} data-disposal={d.archivalNumber}>
                  <td>
                    {d.archivalNumber}
                    <div className="muted">
                      {d.requestedByName} · {fmtTime(d.createdAt)}：{d.reason}
                    </div>
                  </td>
                  <td>{d.decision === 'DESTROY' ? t('销毁') : t('延长保管至 {r}', { r: t(RETENTION[d.extendTo ?? ''] ?? d.extendTo ?? '') })}</td>
                  <td>
                    {t(DISPOSAL_STATUS[d.status] ?? d.status)}
                    {d.decidedByName && <div className="muted">{d.decidedByName}</div>}
                  </td>
                  <td className="actions">
                    {head && d.status === 'PENDING' && (
                      <>
                        {d.decision === 'DESTROY' ? (
                          <ConfirmButton
                            label={t('批准销毁')}
                            question={t('批准销毁档案 {n}？销毁后内容不可恢复，仅保留销毁记录。', { n: d.archivalNumber })}
                            onConfirm={() => void run(() => gql('DecideDisposal', { id: d.id, approve: true }), t('已批准销毁'))}
                          />
                        ) : (
                          <button
                            type="button"
                            className="primary"
                            onClick={() => void run(() => gql('DecideDisposal', { id: d.id, approve: true }), t('已批准延长保管'))}
                          >
                            {t('批准延长')}
                          </button>
                        )}
                        <button type="button" onClick={() => void run(() => gql('DecideDisposal', { id: d.id, approve: false }), t('已不予批准'))}>
                          {t('不批准')}
                        </button>
                      </>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {head && pending.length === 0 && <p className="muted">{t('没有待您审批的鉴定意见')}</p>}
      </Section>
      {archivist && (
        <Section title={t(fondsId ? '年度导出' : '年度导出与导入')}>
          <p className="actions">
            <label>
              {t('年度')}{' '}
              <input type="number" value={year} onChange={(e) => setYear(Number(e.target.value))} style={{ width: '6rem' }} aria-label={t('年度')} />
            </label>
            <button
              type="button"
              disabled={act.busy}
              onClick={() =>
                void run(
                  async () => {
                    const r = await gql('ExportArchiveYear', { year, fondsId });
                    saveFile(r.exportArchiveYear.filename, fromBase64(r.exportArchiveYear.base64), 'application/zip');
                  },
                  t('已导出 {y} 年度档案', { y: year }),
                )
              }
            >
              {t('导出年度档案包')}
            </button>
          </p>
          {!fondsId && (
            <p className="actions">
              <label>
                {t('导入年度档案包')}{' '}
                <input type="file" accept=".zip" aria-label={t('导入年度档案包')} onChange={(e) => importFile(e.target.files?.[0], 'year')} />
              </label>
              <label>
                {t('导入单件档案包')}{' '}
                <input type="file" accept=".zip" aria-label={t('导入单件档案包')} onChange={(e) => importFile(e.target.files?.[0], 'record')} />
              </label>
            </p>
          )}
          {!fondsId && <p className="muted">{t('导入前逐项校验摘要；校验不通过则不作任何改动。')}</p>}
        </Section>
      )}
    </>
  );
}
