'use client';
// 检查与整改 (seed 000 §23: 重点检查制度建设、设备配置、人员管理、安全措施等,对不符合要求的限期整改; seed 001 §16: 收文情况).
// For a unit below the administrator's: its inspections, what the platform knows of its people, and the form that
// records a new inspection item by item, each item found wanting with its deadline. For the administrator's own unit:
// the inspections it received, where it reports what it put right with its 整改材料 (photos, scans, Word files); the
// inspecting unit downloads them and accepts or sends it back. Each answer tells the counts of what waits (待办, the tab).
import { useState } from 'react';
import type { InspectionFieldsFragment } from '../../generated/operations';
import { gql } from '../../lib/client';
import { fileToBase64, fromBase64, saveFile } from '../../lib/files';
import { fmtSize, fmtTime, todayInBeijing } from '../../lib/format';
import { useAction, useQuery } from '../../lib/hooks';
import type { T } from '../../lib/i18n';
import { hasRole, useSession } from '../../lib/session';
import { workCountsChanged } from '../../lib/work-changed';
import { Empty, ErrorNote, Section } from '../ui';

/** 整改材料 as the service takes them (domain/inspection.ts checkRectificationFiles): refused here first, in words. */
const FILE_ACCEPT = '.jpg,.jpeg,.png,.pdf,.ofd,.doc,.docx,.wps,.xls,.xlsx';
const MAX_FILES = 5;
const MAX_FILE_BYTES = 10 * 1024 * 1024;
const MAX_TOTAL_BYTES = 20 * 1024 * 1024;

/** What is wrong with the files chosen, in the person's words; null when they may go. */
function filesProblem(t: T, files: File[]): string | null {
  const kinds = FILE_ACCEPT.split(',');
  const wrong = files.find((f) => !kinds.some((k) => f.name.toLowerCase().endsWith(k)));
  if (wrong) return t('{name} 不是照片（JPG、PNG）、PDF、OFD、Word、WPS 或 Excel 文件', { name: wrong.name });
  if (files.length > MAX_FILES) return t('整改材料最多 {n} 个', { n: MAX_FILES });
  const big = files.find((f) => f.size > MAX_FILE_BYTES);
  if (big) return t('{name} 超过 10 MB', { name: big.name });
  if (files.reduce((n, f) => n + f.size, 0) > MAX_TOTAL_BYTES) return t('整改材料合计超过 20 MB，请减少或压缩');
  return null;
}

/** The items of seed 000 §23, then 收文情况 (seed 001 §16); 其他 is added as often as needed. */
const ITEMS = [
  ['SYSTEMS', '制度建设'],
  ['EQUIPMENT', '设备配置'],
  ['STAFF', '人员管理'],
  ['SECURITY', '安全措施'],
  ['RECEIVING', '收文情况'],
] as const;

type Row = { item: string; conforms: boolean; finding: string; rectifyBy: string };
const blankRows = (): Row[] => ITEMS.map(([item]) => ({ item, conforms: true, finding: '', rectifyBy: '' }));
const FINDING_STATUS: Record<string, [string, string]> = {
  CONFORMS: ['符合要求', 'good'],
  DUE: ['待整改', 'warn'],
  REPORTED: ['已报整改，待验收', 'pending'],
  ACCEPTED: ['整改已验收', 'good'],
};

export function InspectionsPanel({ t, org }: { t: T; org: { id: string; name: string; path: string } }) {
  const { session } = useSession();
  const own = session!.user.org;
  const isOwn = org.id === own.id;
  const inspects = !isOwn && org.path.startsWith(`${own.path}.`) && hasRole(session, 'ADMIN', 'SUPERVISOR');
  const list = useQuery('Inspections', { orgId: org.id });
  const facts = useQuery('InspectionFacts', inspects || isOwn ? { orgId: org.id } : null);
  // Only what was read for the unit now chosen: another unit's inspections and people are not shown under its name.
  const rows = list.fresh ? (list.data?.inspections ?? []) : [];
  const received = rows.filter((i) => i.orgId === own.id);
  const below = rows.filter((i) => i.orgId !== own.id);
  const reload = () => void list.refetch();
  const f = facts.fresh ? facts.data?.inspectionFacts : undefined;
  return (
    <>
      {isOwn && (
        <Section title={t('本单位接受的检查')}>
          <ErrorNote error={list.error} />
          {received.length === 0
            ? list.fresh && <Empty text={t('暂无上级单位的检查记录')} />
            : received.map((i) => <InspectionCard key={i.id} t={t} i={i} rectifies reload={reload} />)}
        </Section>
      )}
      {inspects && <RecordInspection t={t} org={org} onDone={reload} />}
      {f && (
        <Section title={t('人员情况（平台记录）')}>
          <p data-testid="inspection-facts">
            {t('在用账号 {n} 个，系统管理员 {a} 人。', { n: f.people, a: f.administrators })}{' '}
            {f.untrained.length ? t('未登记培训考核：{names}。', { names: f.untrained.join(t('、')) }) : t('人员均已登记培训考核。')}{' '}
            {f.initialPassword.length ? t('尚未修改初始密码：{names}。', { names: f.initialPassword.join(t('、')) }) : ''}
          </p>
        </Section>
      )}
      <Section title={isOwn ? t('对下级单位的检查') : t('{unit}的检查记录', { unit: org.name })}>
        {!isOwn && <ErrorNote error={list.error} />}
        {below.length === 0
          ? list.fresh && <Empty text={t('暂无检查记录')} />
          : below.map((i) => <InspectionCard key={i.id} t={t} i={i} decides reload={reload} />)}
      </Section>
    </>
  );
}

function InspectionCard({
  t,
  i,
  rectifies,
  decides,
  reload,
}: {
  t: T;
  i: InspectionFieldsFragment;
  rectifies?: boolean;
  decides?: boolean;
  reload: () => void;
}) {
  return (
    <article className="card" data-inspection={i.id} style={{ marginBottom: '1rem' }}>
      <h3>
        {t('{unit} · {day} 检查', { unit: i.orgName, day: i.inspectedOn })}{' '}
        <span className={`badge ${i.status === 'CLOSED' ? 'good' : i.overdueCount ? 'bad' : 'warn'}`} data-testid="inspection-status">
          {i.status === 'CLOSED' ? t('整改完成') : i.overdueCount ? t('{n} 项逾期未整改', { n: i.overdueCount }) : t('整改中')}
        </span>
      </h3>
      <p className="muted">{t('检查单位：{unit}；检查人员：{who}；登记人：{by}', { unit: i.inspectorOrgName, who: i.inspectors, by: i.recordedByName })}</p>
      {i.summary && <p>{i.summary}</p>}
      <table>
        <thead>
          <tr>
            <th>{t('检查项目')}</th>
            <th>{t('检查情况')}</th>
            <th>{t('结论')}</th>
            <th>{t('整改情况')}</th>
          </tr>
        </thead>
        <tbody>
          {i.findings.map((f) => (
            <FindingRow key={f.id} t={t} f={f} rectifies={rectifies} decides={decides} reload={reload} />
          ))}
        </tbody>
      </table>
    </article>
  );
}

function FindingRow({
  t,
  f,
  rectifies,
  decides,
  reload,
}: {
  t: T;
  f: InspectionFieldsFragment['findings'][number];
  rectifies?: boolean;
  decides?: boolean;
  reload: () => void;
}) {
  const act = useAction();
  const [text, setText] = useState('');
  const [files, setFiles] = useState<File[]>([]);
  const problem = filesProblem(t, files);
  const [back, setBack] = useState<{ reason: string; day: string } | null>(null);
  const [words, tone] = FINDING_STATUS[f.status] ?? [f.status, 'muted'];
  // Reloads after an answer (act.run answers undefined when refused, and the refusal stays on screen); what waits on
  // the person changed with it.
  const run = async (fn: () => Promise<unknown>) => {
    if ((await act.run(fn)) !== undefined) {
      reload();
      workCountsChanged();
    }
  };
  return (
    <tr data-finding={f.item} data-status={f.status}>
      <td>{t(f.itemName)}</td>
      <td>{f.finding}</td>
      <td>
        <span className={`badge ${f.overdue ? 'bad' : tone}`}>{f.overdue ? t('逾期未整改') : t(words)}</span>
        {f.rectifyBy && <div className="muted">{t('整改期限 {d}', { d: f.rectifyBy })}</div>}
      </td>
      <td>
        <ErrorNote error={act.error} />
        {/* Every round, oldest first: what was reported, why it was sent back (and until when), who accepted it. */}
        {f.steps.map((x, i) =>
          x.action === 'REPORT' ? (
            <div key={x.id} data-step="REPORT">
              <p>
                {x.words}
                <br />
                <span className="muted">{t('{who} 于 {at} 报告', { who: x.byName, at: fmtTime(x.at) })}</span>
              </p>
              <StepFiles t={t} step={x} act={act} />
            </div>
          ) : x.action === 'RETURN' ? (
            <p key={`${x.action}-${x.at}`} data-step="RETURN" className={f.status === 'DUE' && i === f.steps.length - 1 ? 'notice warn' : 'muted'}>
              {t('{who} 于 {at} 退回：{reason}', { who: x.byName, at: fmtTime(x.at), reason: x.words ?? '' })}
              {x.rectifyBy && t('（新的整改期限 {d}）', { d: x.rectifyBy })}
            </p>
          ) : (
            <p key={`${x.action}-${x.at}`} data-step="ACCEPT" className="muted">
              {t('{who} 于 {at} 验收', { who: x.byName, at: fmtTime(x.at) })}
            </p>
          ),
        )}
        {rectifies && f.status === 'DUE' && (
          <div className="actions">
            <textarea aria-label={t('整改情况')} placeholder={t('整改措施及完成情况')} rows={2} value={text} onChange={(e) => setText(e.target.value)} />
            <label>
              {t('整改材料（照片、PDF、Word 等，可不附）')}{' '}
              <input
                type="file"
                multiple
                accept={FILE_ACCEPT}
                aria-label={t('整改材料')}
                onChange={(e) => {
                  setFiles([...files, ...Array.from(e.target.files ?? [])]);
                  e.target.value = '';
                }}
              />
            </label>
            {files.length > 0 && (
              <ul data-testid="rectification-files-chosen">
                {files.map((file, n) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: the same file may be chosen twice; its place is its identity
                  <li key={n}>
                    {file.name} <span className="muted">{fmtSize(file.size)}</span>{' '}
                    <button type="button" className="link" onClick={() => setFiles(files.filter((_, k) => k !== n))}>
                      {t('移除')}
                    </button>
                  </li>
                ))}
              </ul>
            )}
            {problem && (
              <p className="error" role="alert">
                {problem}
              </p>
            )}
            <button
              type="button"
              className="primary"
              disabled={act.busy || !text.trim() || !!problem}
              onClick={() =>
                void run(async () => {
                  const sent = await Promise.all(files.map(async (file) => ({ name: file.name, base64: await fileToBase64(file) })));
                  const done = await gql('ReportRectification', { findingId: f.id, rectification: text.trim(), files: sent.length ? sent : null });
                  setFiles([]);
                  return done;
                })
              }
            >
              {t('报告整改情况')}
            </button>
          </div>
        )}
        {decides && f.status === 'REPORTED' && !back && (
          <div className="actions">
            <button type="button" className="primary" disabled={act.busy} onClick={() => void run(() => gql('AcceptRectification', { findingId: f.id }))}>
              {t('验收通过')}
            </button>
            <button type="button" disabled={act.busy} onClick={() => setBack({ reason: '', day: '' })}>
              {t('退回重新整改')}
            </button>
          </div>
        )}
        {decides && back && (
          <div className="actions">
            <input aria-label={t('退回理由')} placeholder={t('退回理由')} value={back.reason} onChange={(e) => setBack({ ...back, reason: e.target.value })} />
            <label>
              {t('新的整改期限（可不填）')}{' '}
              <input type="date" min={todayInBeijing()} value={back.day} onChange={(e) => setBack({ ...back, day: e.target.value })} />
            </label>
            <button
              type="button"
              className="primary"
              disabled={act.busy || !back.reason.trim()}
              onClick={() =>
                void run(async () => {
                  const done = await gql('ReturnRectification', { findingId: f.id, reason: back.reason.trim(), rectifyBy: back.day || null });
                  setBack(null);
                  return done;
                })
              }
            >
              {t('退回')}
            </button>
            <button type="button" onClick={() => setBack(null)}>
              {t('取消')}
            </button>
          </div>
        )}
      </td>
    </tr>
  );
}

/** A report's 整改材料: each downloaded by name, for the inspected unit and the unit that decides; to anyone else who reads
 * the round, only that there were some. */
function StepFiles({ t, step, act }: { t: T; step: InspectionFieldsFragment['findings'][number]['steps'][number]; act: ReturnType<typeof useAction> }) {
  if (!step.fileCount) return null;
  if (!step.files.length) return <p className="muted">{t('附整改材料 {n} 份（仅被检查单位和检查单位可查看）', { n: step.fileCount })}</p>;
  return (
    <ul data-testid="rectification-files">
      {step.files.map((file) => (
        <li key={file.id}>
          <button
            type="button"
            className="link"
            onClick={() =>
              void act.run(async () => {
                const got = (await gql('RectificationFile', { id: file.id })).rectificationFile;
                saveFile(got.name, fromBase64(got.base64), got.contentType);
              })
            }
          >
            {file.name}
          </button>{' '}
          <span className="muted">{fmtSize(file.size)}</span>
        </li>
      ))}
    </ul>
  );
}

function RecordInspection({ t, org, onDone }: { t: T; org: { id: string; name: string }; onDone: () => void }) {
  const act = useAction();
  const [day, setDay] = useState(todayInBeijing());
  const [inspectors, setInspectors] = useState('');
  const [summary, setSummary] = useState('');
  const [rows, setRows] = useState<Row[]>(blankRows);
  const set = (n: number, patch: Partial<Row>) => setRows(rows.map((r, i) => (i === n ? { ...r, ...patch } : r)));
  const itemWords = (item: string) => ITEMS.find(([k]) => k === item)?.[1] ?? '其他';
  const submit = () =>
    act.run(async () => {
      await gql('RecordInspection', {
        orgId: org.id,
        input: {
          inspectedOn: day,
          inspectors,
          summary: summary.trim() || null,
          // Items left without a word were not looked at this time.
          findings: rows
            .filter((r) => r.finding.trim())
            .map((r) => ({ item: r.item, conforms: r.conforms, finding: r.finding, rectifyBy: r.conforms ? null : r.rectifyBy || null })),
        },
      });
      setRows(blankRows());
      setSummary('');
      onDone();
    });
  return (
    <Section title={t('登记对{unit}的检查', { unit: org.name })}>
      <ErrorNote error={act.error} />
      <p className="actions">
        <label>
          {t('检查日期')} <input type="date" max={todayInBeijing()} value={day} onChange={(e) => setDay(e.target.value)} />
        </label>
        <label>
          {t('检查人员')} <input value={inspectors} placeholder={t('姓名，多人以顿号分隔')} onChange={(e) => setInspectors(e.target.value)} />
        </label>
      </p>
      <table data-testid="inspection-form">
        <tbody>
          {rows.map((r, n) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: the rows are the form's own, added and never reordered
            <tr key={n}>
              <td>{t(itemWords(r.item))}</td>
              <td>
                <textarea
                  aria-label={t('{item} 检查情况', { item: t(itemWords(r.item)) })}
                  rows={2}
                  value={r.finding}
                  onChange={(e) => set(n, { finding: e.target.value })}
                />
              </td>
              <td>
                <select
                  aria-label={t('{item} 结论', { item: t(itemWords(r.item)) })}
                  value={r.conforms ? 'yes' : 'no'}
                  onChange={(e) => set(n, { conforms: e.target.value === 'yes' })}
                >
                  <option value="yes">{t('符合要求')}</option>
                  <option value="no">{t('限期整改')}</option>
                </select>
                {!r.conforms && (
                  <label>
                    {' '}
                    {t('整改期限')}{' '}
                    <input
                      type="date"
                      min={day}
                      aria-label={t('{item} 整改期限', { item: t(itemWords(r.item)) })}
                      value={r.rectifyBy}
                      onChange={(e) => set(n, { rectifyBy: e.target.value })}
                    />
                  </label>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="actions">
        <button type="button" onClick={() => setRows([...rows, { item: 'OTHER', conforms: true, finding: '', rectifyBy: '' }])}>
          {t('添加其他事项')}
        </button>
      </p>
      <p>
        <textarea
          aria-label={t('总体评价')}
          placeholder={t('总体评价（可不填）')}
          rows={2}
          value={summary}
          onChange={(e) => setSummary(e.target.value)}
          style={{ width: '100%' }}
        />
      </p>
      <button type="button" className="primary" disabled={act.busy || !inspectors.trim() || !rows.some((r) => r.finding.trim())} onClick={() => void submit()}>
        {t('登记检查情况')}
      </button>
    </Section>
  );
}
