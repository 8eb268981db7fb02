'use client';
// 档案 (seed 003 ch. 9): what waits to be archived, the unit's catalogue with each record's four-property result,
// reading through the access register (调阅登记), the archivist's approvals, holds and metadata corrections, the
// retention table, appraisal and disposal, year packages (components/ArchiveManagement.tsx), statistics, the evidence chain.
// A unit that keeps closed units' archives (代管全宗, seed 003 §9(2)) chooses the fonds it works in. The unit's 全宗号
// (./FondsNumber.tsx) heads its own fonds; the catalogue is searched by words and narrowed by 年度, 保管期限 and 文种.
import { useEffect, useRef, useState } from 'react';
import { ArchivedProcess } from '../../components/ArchivedProcess';
import { ArchiveKeeping, RETENTION, RecordKeeping } from '../../components/ArchiveManagement';
import { AskButton } from '../../components/Confirm';
import { Shell } from '../../components/Shell';
import { alarmKpi, DOC_TYPES, docTypeName, Empty, ErrorNote, Section } from '../../components/ui';
import type {
  ArchivalQueueQuery,
  ArchiveAccessRequestsQuery,
  ArchiveFondsQuery,
  ArchiveRecordsQuery,
  ArchiveStatisticsQuery,
  ReadArchivedRecordQuery,
} from '../../generated/operations';
import { bodyLines } from '../../lib/body';
import { gql } from '../../lib/client';
import { fromBase64, saveFile } from '../../lib/files';
import { documentDate, fmtDate, fmtTime } from '../../lib/format';
import { useAction, useQuery } from '../../lib/hooks';
import { type T, useLang, useT } from '../../lib/i18n';
import { hasRole, useSession } from '../../lib/session';
import { FondsNumber } from './FondsNumber';

type RecordRow = ArchiveRecordsQuery['archiveRecords'][number];
type QueueEntry = ArchivalQueueQuery['archivalQueue'][number];
type RequestRow = ArchiveAccessRequestsQuery['archiveAccessRequests'][number];
type FondsRow = ArchiveFondsQuery['archiveFonds'][number];

const CLOSED_AS: Record<string, string> = { DISSOLVED: '单位已撤销', MERGED: '单位已并入' };
const KEPT_SINCE: Record<string, string> = {
  DISSOLVED: '{u}已于 {d} 撤销（{r}），其档案自 {s} 起由本单位代管。',
  MERGED: '{u}已于 {d} 并入其他单位（{r}），其档案自 {s} 起由本单位代管。',
};

/** 全宗: shown when the unit keeps a closed unit's archive besides its own. */
function FondsChoice({ fonds, chosen, onChoose }: { fonds: FondsRow[]; chosen: string | null; onChoose: (id: string | null) => void }) {
  const t = useT();
  const held = fonds.find((f) => !f.own && f.unit.id === chosen);
  return (
    <>
      <p className="actions">
        <label>
          {t('全宗')}{' '}
          <select value={chosen ?? ''} onChange={(e) => onChoose(e.target.value || null)} data-testid="fonds">
            {fonds.map((f) => (
              <option key={f.unit.id} value={f.own ? '' : f.unit.id}>
                {f.own
                  ? t('本单位全宗（{n} 件）', { n: f.records })
                  : t('{u}（{c}，代管，{n} 件）', { u: f.unit.name, c: t(CLOSED_AS[f.closedAs ?? ''] ?? f.closedAs ?? ''), n: f.records })}
              </option>
            ))}
          </select>
        </label>
      </p>
      {held && (
        <p className="notice" data-testid="fonds-custody">
          {t(KEPT_SINCE[held.closedAs ?? ''] ?? KEPT_SINCE.DISSOLVED, {
            u: held.unit.name,
            d: fmtDate(held.closedAt),
            r: held.closedReason ?? '',
            s: fmtDate(held.keptSince),
          })}
        </p>
      )}
    </>
  );
}

/** What each file of a record is: the body as sent, an attachment, the 版式文件 (OFD) the send laid it out as. */
const FILE_ROLE: Record<string, string> = {
  BODY: '正文',
  ATTACHMENT: '附件',
  LAYOUT: '版式文件（OFD）',
  // Filed with the copy: the sender's 发文稿纸, a recipient's 收文处理单; the sender's signed approvals.
  FORM: '文件处理单（稿纸）',
  APPROVALS: '审批签名',
};
/** A file's role in words: a 信息's attachments are its images (seed 003 §33(二)). */
const fileRole = (role: string, recordRole: string) => (role === 'ATTACHMENT' && recordRole === 'INFORMATION' ? '图片' : (FILE_ROLE[role] ?? role));
/** The 文种 the catalogue is narrowed to: the documents' and the 信息 the unit published. */
const CATALOGUE_TYPES = [...DOC_TYPES, '信息'];
/** Whose record it is: the unit's 发文 or 收文, or a 信息 it published. */
const RECORD_ROLE: Record<string, string> = { SENDER: '发文', RECIPIENT: '收文', INFORMATION: '信息' };
const STATUS: Record<string, string> = { ARCHIVED: '已归档', QUARANTINED: '隔离（四性检测未通过）', DESTROYED: '已销毁' };
const PROPERTIES: [string, string][] = [
  ['authenticity', '真实性'],
  ['integrity', '完整性'],
  ['usability', '可用性'],
  ['security', '安全性'],
];

/** One document waiting to be archived. A 发文 some recipients have not signed for yet is archived only once the
 * archivist confirms it: its record keeps the deliveries as they stand. */
function QueueRow({ q, busy, archive }: { q: QueueEntry; busy: boolean; archive: () => void }) {
  const t = useT();
  const [confirming, setConfirming] = useState(false);
  const unsigned = q.unsigned ?? 0;
  return (
    <tr data-queue={q.documentId}>
      <td>
        {q.title ?? q.documentId} <span className="muted">{q.docNumber}</span>
        {unsigned > 0 && (
          <>
            {' '}
            <span className="badge warn" data-testid="queue-unsigned">
              {t('{n} / {total} 个收文单位尚未签收', { n: unsigned, total: q.recipients ?? 0 })}
            </span>
          </>
        )}
      </td>
      <td>{t(RECORD_ROLE[q.role] ?? q.role)}</td>
      <td className="actions">
        {confirming ? (
          <>
            <span>{t('现在归档，档案只记录此刻的签收情况。确认归档？')}</span>
            <button type="button" className="primary" disabled={busy} onClick={archive}>
              {t('确认归档')}
            </button>
            <button type="button" onClick={() => setConfirming(false)}>
              {t('取消')}
            </button>
          </>
        ) : (
          <button type="button" className="primary" disabled={busy} onClick={unsigned > 0 ? () => setConfirming(true) : archive}>
            {t('归档')}
          </button>
        )}
      </td>
    </tr>
  );
}

export default function ArchivePage() {
  return (
    <Shell>
      <Archive />
    </Shell>
  );
}

function Archive() {
  const t = useT();
  const { lang } = useLang();
  const { session } = useSession();
  const archivist = hasRole(session, 'ARCHIVIST');
  const [search, setSearch] = useState('');
  // 年度 as typed: asked of the archive once it is a year of four digits (not at each digit typed).
  const [year, setYear] = useState('');
  const [retention, setRetention] = useState('');
  const [docType, setDocType] = useState('');
  const fonds = useQuery('ArchiveFonds', {});
  // null: the unit's own fonds; else a closed unit's it keeps.
  const [fondsId, setFondsId] = useState<string | null>(null);
  const records = useQuery('ArchiveRecords', {
    search: search.trim() || null,
    fondsId,
    year: /^\d{4}$/.test(year.trim()) ? Number(year.trim()) : null,
    retention: retention || null,
    docType: docType || null,
  });
  const filtered = !!(search.trim() || year.trim() || retention || docType);
  const queue = useQuery('ArchivalQueue', {});
  const requests = useQuery('ArchiveAccessRequests', { fondsId });
  const chain = useQuery('ArchiveEvidenceChain', { fondsId });
  // The year's figures count each reading: refreshed with the rest after every act, reading included.
  const stats = useQuery('ArchiveStatistics', { year: new Date().getFullYear(), fondsId });
  const [open, setOpen] = useState<string | null>(null);
  // A record opened from another's 关联文件: its detail is scrolled to (the reader was lower down, in the other's).
  const [jumpedTo, setJumpedTo] = useState<string | null>(null);
  const act = useAction();
  const refresh = async () => {
    await records.refetch();
    await queue.refetch();
    await requests.refetch();
    await stats.refetch();
    // Each 归档, check and reading adds a link to the chain: its count follows.
    await chain.refetch();
    await fonds.refetch();
  };
  const run = (fn: () => Promise<unknown>) =>
    act.run(async () => {
      await fn();
      await refresh();
    });
  const c = chain.data?.archiveEvidenceChain;
  return (
    <>
      <h1>{t('档案')}</h1>
      <ErrorNote error={act.error} />
      {(fonds.data?.archiveFonds.length ?? 0) > 1 && (
        <FondsChoice
          fonds={fonds.data!.archiveFonds}
          chosen={fondsId}
          onChoose={(id) => {
            setOpen(null);
            setFondsId(id);
          }}
        />
      )}
      {/* Said of records there are: of none, nothing is claimed. */}
      {c && (c.length > 0 || !c.whole) && (
        <p className={c.whole ? 'notice' : 'error'} data-testid="chain">
          {c.whole
            ? `✓ ${t('证据链完整（共 {n} 条记录，逐条相扣）', { n: c.length })}`
            : `✕ ${t('证据链在第 {n} 条记录处断开：{r}', { n: c.brokenAt ?? 0, r: c.reason ?? '' })}`}
        </p>
      )}
      {archivist && !fondsId && (
        <Section title={t('待归档')}>
          {(queue.data?.archivalQueue ?? []).length === 0 ? (
            <Empty text={t('没有待归档的公文和信息')} />
          ) : (
            <table>
              <tbody>
                {queue.data!.archivalQueue.map((q) => (
                  <QueueRow
                    key={`${q.documentId}-${q.role}`}
                    q={q}
                    busy={act.busy}
                    archive={() =>
                      void run(() =>
                        q.role === 'INFORMATION'
                          ? gql('ArchiveInformation', { informationId: q.documentId })
                          : gql('ArchiveDocument', { documentId: q.documentId }),
                      )
                    }
                  />
                ))}
              </tbody>
            </table>
          )}
        </Section>
      )}
      {/* The unit's archivists and its head decide; one's own request waits for another of them (the service's mayDecide). */}
      {(requests.data?.archiveAccessRequests ?? []).some((r) => r.mayDecide) && (
        <Section title={t('待审批的调阅申请')}>
          <table>
            <tbody>
              {requests
                .data!.archiveAccessRequests.filter((r) => r.mayDecide)
                .map((r) => (
                  <tr key={r.id} data-access-request={r.archivalNumber}>
                    <td>
                      {r.archivalNumber} · {r.title}
                      <div className="muted">
                        {r.requesterName}
                        {t('：')}
                        {r.purpose}
                      </div>
                    </td>
                    <td className="actions">
                      <button type="button" className="primary" onClick={() => void run(() => gql('DecideArchiveAccess', { id: r.id, approve: true }))}>
                        {t('同意调阅')}
                      </button>
                      {/* A refusal says why: the one who asked reads it beside the record. */}
                      <AskButton
                        label={t('不同意')}
                        className=""
                        question={t('不同意{who}调阅《{title}》？', { who: r.requesterName, title: r.title })}
                        field={t('不同意的理由')}
                        onAnswer={(reason) => void run(() => gql('DecideArchiveAccess', { id: r.id, approve: false, reason }))}
                      />
                    </td>
                  </tr>
                ))}
            </tbody>
          </table>
        </Section>
      )}
      {!fondsId && <FondsNumber t={t} />}
      <Section
        title={t('档案目录')}
        actions={
          <input
            type="search"
            aria-label={t('搜索档案')}
            placeholder={t('题名、文号、档号或主送、抄送、收文单位（多个词用空格分开）')}
            value={search}
            onChange={(e) => setSearch(e.target.value)}
            style={{ width: '30rem', maxWidth: '100%' }}
          />
        }
      >
        <p className="actions catalogue-filters" data-testid="catalogue-filters">
          <input
            type="number"
            aria-label={t('按年度检索')}
            placeholder={t('年度')}
            min={1000}
            max={9999}
            value={year}
            onChange={(e) => setYear(e.target.value)}
            style={{ width: '6rem' }}
          />
          <select aria-label={t('按保管期限检索')} value={retention} onChange={(e) => setRetention(e.target.value)}>
            <option value="">{t('全部保管期限')}</option>
            {Object.entries(RETENTION).map(([k, zh]) => (
              <option key={k} value={k}>
                {t(zh)}
              </option>
            ))}
          </select>
          <select aria-label={t('按文种检索')} value={docType} onChange={(e) => setDocType(e.target.value)}>
            <option value="">{t('全部文种')}</option>
            {CATALOGUE_TYPES.map((d) => (
              <option key={d} value={d}>
                {docTypeName(d, lang)}
              </option>
            ))}
          </select>
          {filtered && (
            <button
              type="button"
              onClick={() => {
                setSearch('');
                setYear('');
                setRetention('');
                setDocType('');
              }}
            >
              {t('清除检索条件')}
            </button>
          )}
        </p>
        <ErrorNote error={records.error} />
        {(records.data?.archiveRecords ?? []).length === 0 ? (
          <Empty text={t(filtered ? '没有符合条件的档案' : '没有档案')} />
        ) : (
          <table>
            <thead>
              <tr>
                <th>{t('档号')}</th>
                <th>{t('题名')}</th>
                <th>{t('保管期限')}</th>
                <th>{t('状态')}</th>
              </tr>
            </thead>
            <tbody>
              {records.data!.archiveRecords.map((r) => (
                <tr key={r.id} data-record={r.archivalNumber}>
                  <td>{r.archivalNumber}</td>
                  <td>
                    <button type="button" className="link" onClick={() => setOpen(open === r.id ? null : r.id)}>
                      {r.title}
                    </button>
                    <div className="muted">
                      {r.docNumber ? `${r.docNumber} · ` : ''}
                      {t(RECORD_ROLE[r.role] ?? r.role)} · {archivedBy(t, r)} {fmtTime(r.archivedAt)}
                    </div>
                  </td>
                  <td>
                    {t(RETENTION[r.retention] ?? r.retention)}
                    {r.retentionUntil && <div className="muted">{t('至 {d}', { d: r.retentionUntil })}</div>}
                    {r.hold && <div className="badge warn">{t('冻结保存')}</div>}
                  </td>
                  <td>
                    <span className={`badge ${r.status === 'ARCHIVED' ? 'good' : 'bad'}`}>
                      {r.status === 'ARCHIVED' ? '✓' : '✕'} {t(STATUS[r.status] ?? r.status)}
                    </span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Section>
      {open && (
        <RecordDetail
          key={open}
          t={t}
          record={records.data?.archiveRecords.find((r) => r.id === open) as RecordRow}
          // The reader's own requests for it (an archivist and the head see everyone's in the list above).
          requests={(requests.data?.archiveAccessRequests ?? []).filter((r) => r.recordId === open && r.requesterId === session?.user.id)}
          archivist={archivist}
          onChange={refresh}
          onRead={stats.refetch}
          // A record filed with this one (a 请示's 批复 …): found in the catalogue by its 档号, and opened.
          scrollTo={jumpedTo === open}
          onOpen={(id, archivalNumber) => {
            // Found by its 档号 alone: the other filters might leave it out.
            setSearch(archivalNumber);
            setYear('');
            setRetention('');
            setDocType('');
            setJumpedTo(id);
            setOpen(id);
          }}
        />
      )}
      <ArchiveKeeping t={t} fondsId={fondsId} onChange={refresh} />
      <Statistics t={t} s={stats.data?.archiveStatistics} />
    </>
  );
}

function RecordDetail({
  t,
  record,
  requests,
  archivist,
  onChange,
  onRead,
  onOpen,
  scrollTo,
}: {
  t: T;
  record: RecordRow;
  requests: RequestRow[];
  archivist: boolean;
  onChange: () => Promise<void>;
  /** A reading or a download was registered: the year's 调阅 figure counts it (nothing else it shows changes). */
  onRead: () => Promise<void>;
  onOpen: (recordId: string, archivalNumber: string) => void;
  scrollTo: boolean;
}) {
  const top = useRef<HTMLDivElement>(null);
  const { lang } = useLang();
  useEffect(() => {
    if (scrollTo) top.current?.scrollIntoView({ block: 'start' });
  }, [scrollTo]);
  const act = useAction();
  const [purpose, setPurpose] = useState('');
  const [content, setContent] = useState<ReadArchivedRecordQuery['readArchivedRecord'] | null>(null);
  // 重新检测 answers with the same four lines when nothing changed: when it ran and what it found, said beside it.
  const [rechecked, setRechecked] = useState<{ at: string; failed: number } | null>(null);
  const log = useQuery('ArchiveAccessLog', { recordId: record.id });
  const approved = requests.find((r) => r.status === 'APPROVED' && r.expiresAt && new Date(r.expiresAt) > new Date());
  // The latest answer to the reader's requests, when it was no (newest first): said with its reason until they ask again.
  const refused = requests[0]?.status === 'REJECTED' ? requests[0] : undefined;
  // Each finding in the reader's language (a report kept before its Chinese was has only the English).
  const report = record.checkReport as Record<string, { ok: boolean; findings: { ok: boolean; check: string; detail: string; zh?: string }[] }>;
  const save = (name: string, b64: string, type: string) => saveFile(name, fromBase64(b64), type);
  return (
    <div ref={top} data-testid="record-detail">
      <Section title={`${record.archivalNumber} · ${record.title}`}>
        <ErrorNote error={act.error} />
        <CatalogueEntry t={t} record={record} />
        <FiledWith t={t} recordId={record.id} onOpen={onOpen} />
        <h3>{t('四性检测')}</h3>
        <ul className="checks" data-testid="four-properties">
          {PROPERTIES.map(([k, zh]) => (
            <li key={k} className={report[k]?.ok ? '' : 'refused'}>
              {report[k]?.ok ? '✓' : '✕'} {t(zh)}
              {!report[k]?.ok && (
                <span className="muted">
                  ：
                  {report[k]?.findings
                    .filter((f) => !f.ok)
                    .map((f) => (lang === 'zh' ? (f.zh ?? f.detail) : f.detail))
                    .join(t('；'))}
                </span>
              )}
            </li>
          ))}
        </ul>
        {archivist && (
          <p className="actions">
            <button
              type="button"
              disabled={act.busy}
              onClick={() =>
                void act.run(async () => {
                  const r = await gql('CheckArchiveRecord', { id: record.id });
                  const failed = PROPERTIES.filter(([k]) => !(r.checkArchiveRecord.checkReport as typeof report)[k]?.ok).length;
                  setRechecked({ at: new Date().toISOString(), failed });
                  await onChange();
                })
              }
            >
              {t('重新检测')}
            </button>
            {rechecked && (
              <span role="status" className={rechecked.failed ? 'refused' : 'muted'} data-testid="recheck-result">
                {rechecked.failed
                  ? t('已于 {at} 重新检测：{n} 项未通过', { at: fmtTime(rechecked.at), n: rechecked.failed })
                  : t('已于 {at} 重新检测：四项均通过', { at: fmtTime(rechecked.at) })}
              </span>
            )}
            <button
              type="button"
              onClick={() =>
                void act.run(async () => {
                  const r = await gql('ExportArchiveRecord', { id: record.id });
                  save(r.exportArchiveRecord.filename, r.exportArchiveRecord.base64, 'application/zip');
                })
              }
            >
              {t('导出档案包')}
            </button>
          </p>
        )}
        {archivist && <RecordKeeping key={record.id} t={t} record={record} onChange={onChange} />}
        <h3>{t('调阅')}</h3>
        {approved ? (
          <p className="actions">
            {t('调阅申请已批准，至 {d}', { d: fmtDate(approved.expiresAt) })}
            <button
              type="button"
              className="primary"
              onClick={() =>
                void act.run(async () => {
                  const r = await gql('ReadArchivedRecord', { recordId: record.id });
                  setContent(r.readArchivedRecord);
                  await Promise.all([log.refetch(), onRead()]);
                })
              }
            >
              {t('阅读档案')}
            </button>
          </p>
        ) : requests.some((r) => r.status === 'PENDING') ? (
          <p className="muted">{t(archivist ? '调阅申请待其他档案员或本单位负责人审批' : '调阅申请待档案员审批')}</p>
        ) : (
          <>
            {refused && (
              <p className="notice warn" data-testid="access-refused">
                {t('{who}不同意调阅（{at}）：{reason}', {
                  who: refused.decidedByName ?? '',
                  at: fmtTime(refused.decidedAt),
                  reason: refused.decisionNote ?? '',
                })}
              </p>
            )}
            <p className="actions">
              <input
                aria-label={t('调阅目的')}
                placeholder={t('调阅目的')}
                value={purpose}
                onChange={(e) => setPurpose(e.target.value)}
                style={{ width: '24rem' }}
              />
              <button
                type="button"
                disabled={act.busy || purpose.trim().length < 2}
                onClick={() => void act.run(() => gql('RequestArchiveAccess', { recordId: record.id, purpose }).then(onChange))}
              >
                {t('申请调阅')}
              </button>
            </p>
          </>
        )}
        {content && (
          <div className="card" data-testid="archived-content">
            <ArchivedHead t={t} record={record} metadata={content.metadata as ArchivedMetadata} />
            <div className="body" style={{ whiteSpace: 'pre-wrap' }}>
              {bodyLines(content.body).join('\n')}
            </div>
            <ul>
              {content.files.map((f) => (
                <li key={f.sha256}>
                  <button
                    type="button"
                    className="link"
                    onClick={() =>
                      void act.run(async () => {
                        const r = await gql('DownloadArchivedFile', { recordId: record.id, sha256: f.sha256 });
                        save(f.name, r.downloadArchivedFile, f.contentType);
                        await Promise.all([log.refetch(), onRead()]);
                      })
                    }
                  >
                    {f.name}
                  </button>{' '}
                  <span className="muted">{t(fileRole(f.role, record.role))}</span>
                </li>
              ))}
            </ul>
            <ArchivedProcess events={content.events} />
          </div>
        )}
        <h3>{t('调阅登记')}</h3>
        {(log.data?.archiveAccessLog ?? []).length === 0 ? (
          <Empty text={t('尚无调阅')} />
        ) : (
          <table data-testid="access-log">
            <thead>
              <tr>
                <th>{t('时间')}</th>
                <th>{t('调阅人')}</th>
                <th>{t('方式')}</th>
                <th>{t('调阅目的')}</th>
                <th>{t('批准人')}</th>
              </tr>
            </thead>
            <tbody>
              {(log.data?.archiveAccessLog ?? []).map((l) => (
                <tr key={`${l.at}-${l.action}-${l.userName}-${l.component ?? ''}`}>
                  <td>{fmtTime(l.at)}</td>
                  <td>{l.userName}</td>
                  <td>
                    {t({ VIEW: '阅读', DOWNLOAD: '下载', EXPORT: '导出' }[l.action] ?? l.action)}
                    {l.component && <div className="muted">{l.component}</div>}
                  </td>
                  <td>{l.purpose ?? <span className="muted">{t('档案员导出')}</span>}</td>
                  <td>{l.approvedByName ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Section>
    </div>
  );
}

/** The elements of the archived document, as the archive holds them (documents' archival package). */
type ArchivedMetadata = {
  orgName?: string;
  docNumber?: string | null;
  signer?: string | null;
  docDate?: string | null;
  mainTo?: string | null;
  ccTo?: string | null;
  attachments?: { name: string; sha256: string }[];
  /** 页数, from the record's 版式文件 (null without one, or archived before it was counted). */
  pages?: number | null;
  /** 公开属性 in words, and 不予公开's reason (null: the document was never marked). */
  disclosure?: string | null;
  disclosureReason?: string | null;
  /** A 信息's 栏目, publisher, approver and audience (in words). */
  column?: string | null;
  author?: string | null;
  approvedBy?: string | null;
  audience?: string | null;
};

/** 著录信息: what the record is, from its kept metadata (DA/T 46's elements), shown to whoever may see the catalogue
 * without opening its content (which is 调阅, registered). */
function CatalogueEntry({ t, record }: { t: T; record: RecordRow }) {
  const { lang } = useLang();
  const m = (record.metadata ?? {}) as ArchivedMetadata;
  const rows: [string, string | null | undefined][] = [
    ['档号', record.archivalNumber],
    ['题名', record.title],
    ['文号', record.docNumber],
    ['文种', record.docType ? docTypeName(record.docType, lang) : null],
    ['责任者', m.orgName],
    [record.role === 'INFORMATION' ? '发布日期' : '成文日期', m.docDate ? documentDate(m.docDate) : null],
    ['栏目', m.column ? t(m.column) : null],
    ['发布人', m.author],
    ['审批人', m.approvedBy],
    ['发布范围', m.audience ? t(m.audience) : null],
    ['签发人', m.signer],
    ['主送', m.mainTo],
    ['抄送', m.ccTo],
    [record.role === 'INFORMATION' ? '图片' : '附件', m.attachments?.length ? m.attachments.map((a) => a.name).join(t('；')) : null],
    ['页数', typeof m.pages === 'number' ? t('{n} 页', { n: m.pages }) : null],
    [
      '公开属性',
      record.role === 'INFORMATION'
        ? null
        : m.disclosure
          ? `${t(m.disclosure)}${m.disclosureReason ? t('（{r}）', { r: m.disclosureReason }) : ''}`
          : t('未标注'),
    ],
    [
      '保管期限',
      `${t(RETENTION[record.retention] ?? record.retention)}${record.retentionUntil ? t('（{r}）', { r: t('至 {d}', { d: record.retentionUntil }) }) : ''}`,
    ],
    ['归档', `${t(RECORD_ROLE[record.role] ?? record.role)} · ${archivedBy(t, record)} · ${fmtTime(record.archivedAt)}`],
  ];
  return (
    <>
      <h3>{t('著录信息')}</h3>
      <dl className="grid" data-testid="catalogue-entry">
        {rows
          .filter(([, v]) => v)
          .map(([k, v]) => (
            <div key={k} className="contents">
              <dt className="muted">{t(k)}</dt>
              <dd>{v}</dd>
            </div>
          ))}
      </dl>
    </>
  );
}

/** The documents filed with a record (DA/T 22: 来文与复文 …), each opened from here when the unit archived it too. */
function FiledWith({ t, recordId, onOpen }: { t: T; recordId: string; onOpen: (recordId: string, archivalNumber: string) => void }) {
  const related = useQuery('ArchiveRecordRelations', { id: recordId }).data?.archiveRecord.relatedRecords ?? [];
  if (!related.length) return null;
  return (
    <>
      <h3>{t('关联文件')}</h3>
      <ul data-testid="filed-with">
        {related.map((r) => (
          <li key={`${r.relation}-${r.documentId}`}>
            <span className="muted">{t(r.relation)}</span> 《{r.title}》{r.docNumber ? ` ${r.docNumber}` : ''}{' '}
            {r.recordId && r.archivalNumber ? (
              <button type="button" className="link" onClick={() => onOpen(r.recordId as string, r.archivalNumber as string)}>
                {r.archivalNumber}
              </button>
            ) : (
              <span className="muted">{t('本单位未归档')}</span>
            )}
          </li>
        ))}
      </ul>
    </>
  );
}

/** What a reader of an archived record sees first: what the document is, as on its sheet. */
function ArchivedHead({ t, record, metadata }: { t: T; record: RecordRow; metadata: ArchivedMetadata }) {
  return (
    <div data-testid="archived-head">
      <h4>{record.title}</h4>
      <p className="muted">
        {[
          metadata.orgName,
          record.docNumber,
          metadata.signer && `${t('签发人')}${t('：')}${metadata.signer}`,
          metadata.column && `${t('栏目')}${t('：')}${t(metadata.column)}`,
          metadata.author && `${t('发布人')}${t('：')}${metadata.author}`,
          metadata.docDate && `${record.role === 'INFORMATION' ? t('发布日期') : t('成文日期')}${t('：')}${documentDate(metadata.docDate)}`,
        ]
          .filter(Boolean)
          .join(' · ')}
      </p>
      {metadata.mainTo && (
        <p>
          {t('主送')}
          {t('：')}
          {metadata.mainTo}
        </p>
      )}
    </div>
  );
}

/** Who archived a record: the archivist, or the clerk whose 办结 archived it, said so. */
function archivedBy(t: T, r: Pick<RecordRow, 'archiverName' | 'archivedOnClose'>): string {
  return r.archivedOnClose ? `${r.archiverName}${t('（办结时归档）')}` : r.archiverName;
}

function Statistics({ t, s }: { t: T; s: ArchiveStatisticsQuery['archiveStatistics'] | undefined }) {
  const { lang } = useLang();
  if (!s) return null;
  return (
    <Section title={t('{y} 年档案统计', { y: s.year })}>
      <div className="kpis">
        <div className="kpi">
          <div className="n">{s.records}</div>
          <div className="l">{t('档案总数')}</div>
        </div>
        <div className="kpi">
          <div className="n">{s.ingests}</div>
          <div className="l">{t('本年归档')}</div>
        </div>
        <div className={alarmKpi(s.quarantined)}>
          <div className="n">{s.quarantined}</div>
          <div className="l">{t('四性检测未通过（隔离）')}</div>
        </div>
        <div className="kpi">
          <div className="n">{s.accesses.reduce((n, a) => n + a.count, 0)}</div>
          <div className="l">{t('调阅次数')}</div>
        </div>
        <div className="kpi">
          <div className="n">{s.destructions}</div>
          <div className="l">{t('销毁')}</div>
        </div>
      </div>
      {s.byType.length > 0 && (
        <p className="muted">
          {t('按文种')}
          {t('：')}
          {s.byType.map((c) => `${docTypeName(c.key, lang)} ${c.count}`).join(' · ')}
        </p>
      )}
    </Section>
  );
}
