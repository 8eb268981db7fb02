'use client';
// 故障报告 (seed 003 §44–45, 001 §31): any person reports that the platform fails their unit; the unit follows its
// report. An administrator of a unit above (the 电子政务办公室) sees the reports of the units below, answers each within
// the hour, fixes it, or after two hours records the plan and tells the units of its part of the tree to pass
// documents on paper (an outage notice on every page until it is withdrawn).
import { useState } from 'react';
import { Shell } from '../../components/Shell';
import { Empty, ErrorNote, Section } from '../../components/ui';
import type { FaultFieldsFragment, FaultKind } from '../../generated/operations';
import { gql } from '../../lib/client';
import { fmtTime } from '../../lib/format';
import { useAction, useQuery } from '../../lib/hooks';
import { type T, useT } from '../../lib/i18n';

const FAULT_KIND: Record<FaultKind, string> = {
  PLATFORM_DOWN: '系统无法使用',
  CANNOT_SEND: '无法发文',
  CANNOT_RECEIVE: '无法收文',
  CERTIFICATE: '数字证书故障',
  SEAL: '电子印章故障',
  OTHER: '其他',
};
const FAULT_STATUS: Record<string, { zh: string; tone: string }> = {
  REPORTED: { zh: '待响应', tone: 'warn' },
  RESPONDED: { zh: '处理中', tone: 'pending' },
  ESCALATED: { zh: '已升级（纸质传递）', tone: 'bad' },
  RESOLVED: { zh: '已排除', tone: 'good' },
};

export default function FaultsPage() {
  return (
    <Shell>
      <Faults />
    </Shell>
  );
}

function Faults() {
  const t = useT();
  const [openOnly, setOpenOnly] = useState(true);
  const list = useQuery('FaultReports', { openOnly });
  const act = useAction();
  const [form, setForm] = useState<{ kind: FaultKind; description: string; contactPhone: string }>({
    kind: 'CANNOT_RECEIVE',
    description: '',
    contactPhone: '',
  });
  const [done, setDone] = useState<string | null>(null);
  const report = async () => {
    const r = await act.run(() => gql('ReportFault', { input: { ...form, contactPhone: form.contactPhone || null } }));
    if (r) {
      setForm({ ...form, description: '' });
      setDone(t('故障已报告，上级电子政务办公室将在1小时内响应（{at}前）。', { at: fmtTime(r.reportFault.responseDueAt) }));
      await list.refetch();
    }
  };
  const faults = list.data?.faultReports ?? [];
  return (
    <>
      <h1>{t('故障报告')}</h1>
      <ErrorNote error={list.error ?? act.error} />
      {done && (
        <p className="notice" role="status">
          {done}
        </p>
      )}
      <div className="split">
        <Section
          title={t('故障列表')}
          actions={
            <label>
              <input type="checkbox" checked={openOnly} onChange={(e) => setOpenOnly(e.target.checked)} /> {t('只看未排除')}
            </label>
          }
        >
          {!faults.length && <Empty text={t('没有故障报告')} />}
          {faults.map((f) => (
            <FaultCard key={f.id} t={t} f={f} reload={() => void list.refetch()} />
          ))}
        </Section>
        <Section title={t('报告故障')}>
          <form
            onSubmit={(e) => {
              e.preventDefault();
              void report();
            }}
          >
            <label className="field">
              <span>{t('故障类型')}</span>
              <select value={form.kind} onChange={(e) => setForm({ ...form, kind: e.target.value as FaultKind })}>
                {(Object.keys(FAULT_KIND) as FaultKind[]).map((k) => (
                  <option key={k} value={k}>
                    {t(FAULT_KIND[k])}
                  </option>
                ))}
              </select>
            </label>
            <label className="field">
              <span>{t('故障情况')}</span>
              <textarea rows={4} maxLength={2000} required value={form.description} onChange={(e) => setForm({ ...form, description: e.target.value })} />
            </label>
            <label className="field">
              <span>{t('联系电话')}</span>
              <input value={form.contactPhone} onChange={(e) => setForm({ ...form, contactPhone: e.target.value })} />
            </label>
            <button type="submit" className="primary" disabled={act.busy}>
              {t('提交故障报告')}
            </button>
          </form>
          <p className="muted">{t('上级电子政务办公室在1小时内响应；2小时内仍未排除的，提出解决办法并书面通知各使用单位改用纸质公文传递。')}</p>
        </Section>
      </div>
    </>
  );
}

function FaultCard({ t, f, reload }: { t: T; f: FaultFieldsFragment; reload: () => void }) {
  const act = useAction();
  const [text, setText] = useState('');
  const [outage, setOutage] = useState(true);
  const status = FAULT_STATUS[f.status] ?? { zh: f.status, tone: '' };
  const run = (fn: () => Promise<unknown>) =>
    void act.run(async () => {
      await fn();
      setText('');
      reload();
    });
  return (
    <article className="card" data-fault={f.id} style={{ marginBottom: '0.75rem' }}>
      <p>
        <span className={`badge ${status.tone}`}>{t(status.zh)}</span> <strong>{f.orgName}</strong> · {t(FAULT_KIND[f.kind])} · {f.reportedByName} ·{' '}
        {fmtTime(f.reportedAt)}
        {f.contactPhone && ` · ${f.contactPhone}`}
      </p>
      <p>{f.description}</p>
      <dl>
        <dt>{t('响应期限')}</dt>
        <dd>
          {fmtTime(f.responseDueAt)} {f.responseLate && <span className="badge bad">{t('响应超时')}</span>}
        </dd>
        <dt>{t('升级期限')}</dt>
        <dd>
          {fmtTime(f.escalationDueAt)} {f.escalationDue && <span className="badge bad">{t('已超过2小时未排除：须提出解决办法并通知改用纸质')}</span>}
        </dd>
        {f.response && (
          <>
            <dt>{t('响应')}</dt>
            <dd>
              {f.response} <span className="muted">{t('（{who}，{at}）', { who: f.respondedByName ?? '', at: fmtTime(f.respondedAt) })}</span>
            </dd>
          </>
        )}
        {f.escalationPlan && (
          <>
            <dt>{t('解决办法')}</dt>
            <dd>
              {f.escalationPlan} <span className="muted">{t('（{who}，{at}）', { who: f.escalatedByName ?? '', at: fmtTime(f.escalatedAt) })}</span>
            </dd>
          </>
        )}
        {f.resolution && (
          <>
            <dt>{t('排除情况')}</dt>
            <dd>
              {f.resolution} <span className="muted">{t('（{who}，{at}）', { who: f.resolvedByName ?? '', at: fmtTime(f.resolvedAt) })}</span>
            </dd>
          </>
        )}
      </dl>
      <ErrorNote error={act.error} />
      {f.mayAnswer && f.status !== 'RESOLVED' && (
        <div>
          <label className="field">
            <span>{t('答复内容')}</span>
            <textarea rows={2} maxLength={2000} value={text} onChange={(e) => setText(e.target.value)} />
          </label>
          <p className="actions">
            {!f.respondedAt && (
              <button type="button" disabled={act.busy || !text.trim()} onClick={() => run(() => gql('RespondToFault', { id: f.id, response: text }))}>
                {t('响应')}
              </button>
            )}
            {!f.escalatedAt && (
              <>
                <button
                  type="button"
                  disabled={act.busy || !text.trim()}
                  onClick={() => run(() => gql('EscalateFault', { id: f.id, plan: text, declareOutage: outage }))}
                >
                  {t('升级处置')}
                </button>
                <label>
                  <input type="checkbox" checked={outage} onChange={(e) => setOutage(e.target.checked)} /> {t('同时通知本级及下级单位改用纸质公文传递')}
                </label>
              </>
            )}
            <button
              type="button"
              className="primary"
              disabled={act.busy || !text.trim()}
              onClick={() => run(() => gql('ResolveFault', { id: f.id, resolution: text }))}
            >
              {t('故障已排除')}
            </button>
          </p>
        </div>
      )}
    </article>
  );
}
