'use client';
// 答复, 转发 and 征集/报送 on the dashboard: the 答复 and 转发 buttons on a received document (each drafts the new
// document and opens it in 拟稿 for approval and sending as usual), the links both ways (what a document answers or
// passes on, its replies and 转发), what a recipient was asked to report, and the sender's collection board, live:
// reported, late, pending, missing, returned for correction (with the reason), resubmitted; a reminder to those
// waiting; every report in one zip.
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import type { DocumentLinksQuery, ReportBoardFieldsFragment } from '../generated/operations';
import { gql, openReportsZip, PlatformError } from '../lib/client';
import { fmtTime, fromBeijingInput } from '../lib/format';
import { useAction, useQuery, useSubscription } from '../lib/hooks';
import { type T, useT } from '../lib/i18n';
import { hasRole, useSession } from '../lib/session';
import { AskButton, ConfirmButton } from './Confirm';
import { alarmKpi, Empty, ErrorNote, returnReasonLabel, Section } from './ui';

type Board = ReportBoardFieldsFragment;
type Links = DocumentLinksQuery['document'];

export const REPORT_STATE: Record<string, { zh: string; tone: string }> = {
  PENDING: { zh: '待报送', tone: '' },
  MISSING: { zh: '未报送', tone: 'bad' },
  REPORTED: { zh: '已报送', tone: 'good' },
  LATE: { zh: '逾期报送', tone: 'bad' },
  RETURNED: { zh: '已退回修改', tone: 'bad' },
  // The unit sent the request back (or it was recalled, or corrected): nothing to report on until it comes again.
  WITHDRAWN: { zh: '来文已退回或撤回', tone: '' },
};
const stateLabel = (t: T, s: string) => t(REPORT_STATE[s]?.zh ?? s);
const DOC_STATUS: Record<string, string> = { DRAFT: '草稿', IN_APPROVAL: '审批中', APPROVED: '已审批', REJECTED: '已退回修改', SENT: '已发送' };

/** A document of the list: a draft opens in 拟稿, a sent one on its board (the sender's); another unit's, sent to
 * the caller's unit, as its copy in the inbox. */
function DocLink({ d, own }: { d: Links['replies'][number]; own: boolean }) {
  const t = useT();
  const href = own ? (d.status === 'SENT' ? `/sent/${d.id}` : `/compose?id=${d.id}`) : d.yourDeliveryId ? `/inbox/${d.yourDeliveryId}` : null;
  const text = `《${d.title}》${d.docNumber ? `（${d.docNumber}）` : ''}`;
  return (
    <li>
      {href ? <Link href={href}>{text}</Link> : text}{' '}
      <span className="muted">{[d.orgName, t(DOC_STATUS[d.status] ?? d.status), d.authorName].join(' · ')}</span>
    </li>
  );
}

/** The original a reply answers: the caller's own on its board, or the copy the unit received in the inbox. */
function OriginalLink({ original, own }: { original: NonNullable<Links['replyTo']>; own: boolean }) {
  const text = `《${original.title}》（${original.docNumber}）`;
  return <Link href={own ? `/sent/${original.documentId}` : `/inbox/${original.deliveryId}`}>{text}</Link>;
}

/** What a document answers or passes on, and its replies and 转发 the caller may see. */
function LinkList({ links, orgName }: { links: Links; orgName: string | null }) {
  const t = useT();
  const own = (d: { orgName: string }) => d.orgName === orgName;
  return (
    <>
      {links.replyTo && (
        <p data-testid="reply-to">
          {/* Said from the reader's side: the sender of the original reads that it answers its own document. */}
          {t(own(links.replyTo) ? '答复本单位发文' : '答复来文')}
          {t('：')}
          <OriginalLink original={links.replyTo} own={own(links.replyTo)} /> <span className="muted">{links.replyTo.orgName}</span>
        </p>
      )}
      {links.draftedFrom && (
        <p data-testid="drafted-from">
          {t('据代拟稿起草')}
          {t('：')}
          <OriginalLink original={links.draftedFrom} own={own(links.draftedFrom)} /> <span className="muted">{links.draftedFrom.orgName}</span>{' '}
          <span className="muted">{t('（代拟稿 {f}）', { f: links.draftedFrom.file })}</span>
        </p>
      )}
      {links.forwardOf && (
        <p data-testid="forward-of">
          {t('转发原件')}
          {t('：')}《{links.forwardOf.title}》（{links.forwardOf.docNumber}） <span className="muted">{links.forwardOf.orgName}</span>
          {/* A block of its own: the warning's box drawn inline overlapped the line above it. */}
          <span className={links.forwardOf.seal.valid ? 'muted' : 'error'} style={{ display: 'block', marginTop: '0.25rem' }}>
            {links.forwardOf.seal.note}
          </span>
        </p>
      )}
      {links.correctionOf && (
        <div data-testid="correction-of">
          <p>
            {t('修改后重发原件')}
            {t('：')}《{links.correctionOf.title}》{links.correctionOf.docNumber ? `（${links.correctionOf.docNumber}）` : ''}
          </p>
          <ul>
            {links.correctionOf.returns.map((r) => (
              <li key={r.deliveryId}>
                {r.recipientName} · {t(r.status === 'RETURNED' ? '退回' : '请求重发')}
                {r.reason ? ` · ${returnReasonLabel(t, r.reason)}` : ''}
                {r.note ? ` · ${r.note}` : ''}
              </li>
            ))}
          </ul>
        </div>
      )}
      {links.corrections.length > 0 && (
        <>
          <h3>{t('修改后重发')}</h3>
          <ul data-testid="corrections">
            {links.corrections.map((d) => (
              <DocLink key={d.id} d={d} own={own(d)} />
            ))}
          </ul>
        </>
      )}
      {links.replies.length > 0 && (
        <>
          <h3>{t('答复')}</h3>
          <ul data-testid="replies">
            {links.replies.map((d) => (
              <DocLink key={d.id} d={d} own={own(d)} />
            ))}
          </ul>
        </>
      )}
      {links.proxyDrafts.length > 0 && (
        <>
          <h3>{t('据此代拟稿起草')}</h3>
          <ul data-testid="proxy-drafts">
            {links.proxyDrafts.map((d) => (
              <DocLink key={d.id} d={d} own={own(d)} />
            ))}
          </ul>
        </>
      )}
      {links.forwards.length > 0 && (
        <>
          <h3>{t('转发')}</h3>
          <ul data-testid="forwards">
            {links.forwards.map((d) => (
              <DocLink key={d.id} d={d} own={own(d)} />
            ))}
          </ul>
        </>
      )}
    </>
  );
}

/**
 * On a received document once signed for: what the sender asked to report (and where the unit's report stands), the
 * links, and for drafters the 答复 and 转发 buttons.
 */
export function ReplyPanel({ deliveryId, documentId }: { deliveryId: string; documentId: string }) {
  const t = useT();
  const router = useRouter();
  const { session } = useSession();
  const { data, error } = useQuery('DocumentLinks', { id: documentId });
  const act = useAction();
  const [scope, setScope] = useState<'below' | 'counties'>('below');
  const drafter = hasRole(session, 'DRAFTER');
  const links = data?.document;
  const mine = links?.reportBoard?.rows[0];
  const reply = () =>
    act.run(async () => {
      const r = await gql('DraftReply', { deliveryId });
      router.push(`/compose?id=${r.draftReply.id}`);
    });
  // 代拟稿: a Word draft sent for the unit to issue in its own name, taken as the start of its draft.
  const fromProxy = (sha256: string) =>
    act.run(async () => {
      const r = await gql('DraftFromProxy', { deliveryId, attachmentSha256: sha256 });
      router.push(`/compose?id=${r.draftFromProxy.id}`);
    });
  const forward = () =>
    act.run(async () => {
      const root = session?.user.org.id as string;
      const selector = scope === 'below' ? { rootId: root, maxDepth: 1 } : { rootId: root, levels: ['COUNTY' as const] };
      const r = await gql('DraftForward', { deliveryId, recipients: [{ selector }] });
      router.push(`/compose?id=${r.draftForward.id}`);
    });
  return (
    <Section title={t('答复与转发')}>
      <ErrorNote error={error ?? act.error} />
      {links?.reportDeadline && (
        <p className="notice" data-testid="report-request">
          {t('来文要求于 {d} 前报送', { d: fmtTime(links.reportDeadline) })}
          {links.reportNote ? `${t('：')}${links.reportNote}` : ''}
          {mine && (
            <>
              <br />
              {t('本单位报送情况')}
              {t('：')}
              <strong data-testid="my-report-state">{stateLabel(t, mine.state)}</strong>
              {mine.reportDocNumber ? ` · ${mine.reportDocNumber}` : ''}
              {mine.state === 'RETURNED' && ` · ${t('退回原因')}${t('：')}${mine.returnReason ?? ''}（${mine.returnedByName ?? ''}）`}
            </>
          )}
        </p>
      )}
      {links && <LinkList links={links} orgName={session?.user.org.name ?? null} />}
      {drafter ? (
        <div className="actions">
          <button type="button" className="primary" disabled={act.busy} onClick={() => void reply()} data-testid="draft-reply">
            {t(links?.reportDeadline ? '答复（报送）' : '答复')}
          </button>
          {/* 转发 and what it goes to, together on a line of their own: the choice is not 答复's. A county has no unit
              below it to pass a document on to. */}
          {session?.user.org.level !== 'COUNTY' && (
            <span className="forward-to">
              <label>
                {t('转发至')}
                {t('：')}
                <select aria-label={t('转发范围')} value={scope} onChange={(e) => setScope(e.target.value as 'below' | 'counties')}>
                  <option value="below">{t('下一级全部单位')}</option>
                  <option value="counties">{t('所属县（区）')}</option>
                </select>
              </label>{' '}
              <button type="button" disabled={act.busy} onClick={() => void forward()} data-testid="draft-forward">
                {t('转发')}
              </button>
            </span>
          )}
          <span className="muted">{t('拟好的答复或转发通知在拟稿中修改，经审批、盖章后发出')}</span>
          {(links?.attachments ?? [])
            .filter((a) => /\.docx$/i.test(a.name))
            .map((a) => (
              <button key={a.sha256} type="button" disabled={act.busy} onClick={() => void fromProxy(a.sha256)} data-testid="draft-from-proxy">
                {t('采用代拟稿：{f}', { f: a.name })}
              </button>
            ))}
        </div>
      ) : (
        <p className="muted">{t('答复和转发由本单位拟稿人起草')}</p>
      )}
    </Section>
  );
}

/** The links of a document the caller's unit sent (what it answers or passes on, and what answers it). */
export function LinksSection({ documentId }: { documentId: string }) {
  const t = useT();
  const { session } = useSession();
  const { data } = useQuery('DocumentLinks', { id: documentId });
  const links = data?.document;
  if (
    !links ||
    (!links.replyTo &&
      !links.draftedFrom &&
      !links.forwardOf &&
      !links.correctionOf &&
      !links.replies.length &&
      !links.forwards.length &&
      !links.proxyDrafts.length &&
      !links.corrections.length)
  )
    return null;
  return (
    <Section title={t('关联公文')}>
      <LinkList links={links} orgName={session?.user.org.name ?? null} />
      {links.replyTo && <ReportStanding reportId={documentId} sent={links.status === 'SENT'} replyTo={links.replyTo} />}
    </Section>
  );
}

/**
 * On a report's own page (the unit's 答复 to a document that asked for reports): whether the sender has it, and if it
 * was returned for correction, by whom and why, with the way to report again (from the document it answers). Live:
 * the sender's return arrives without a reload.
 */
function ReportStanding({ reportId, sent, replyTo }: { reportId: string; sent: boolean; replyTo: NonNullable<Links['replyTo']> }) {
  const t = useT();
  const { session } = useSession();
  const { data, refetch } = useQuery('ReportStanding', { id: replyTo.documentId });
  const asked = Boolean(data?.document.reportDeadline);
  useSubscription('ReportBoardChanged', asked ? { documentId: replyTo.documentId } : null, () => void refetch());
  const mine = data?.document.reportBoard?.rows.find((r) => r.reporterOrgId === session?.user.org.id);
  if (!mine) return null;
  // A report still in drafting: what the unit has reported so far, which this one will replace once sent.
  if (!sent) {
    const words = !mine.reportDocumentId
      ? t('本单位尚未报送，本稿发出后即为本单位的报送')
      : mine.state === 'RETURNED'
        ? t(
            mine.returnReason
              ? '上次报送已被{org}退回修改（{who}，{at}）：{reason}。本稿发出后即为重新报送'
              : '上次报送已被{org}退回修改（{who}，{at}）。本稿发出后即为重新报送',
            {
              org: replyTo.orgName,
              who: mine.returnedByName ?? '',
              at: fmtTime(mine.returnedAt),
              reason: mine.returnReason ?? '',
            },
          )
        : t('本单位已于{at}报送，本稿发出后将重新报送，以最新一次为准', { at: fmtTime(mine.reportedAt) });
    return (
      <p className="muted" data-testid="report-standing" data-state="DRAFTING">
        {words}
      </p>
    );
  }
  // A later report replaced this one: that one's page says where it stands.
  if (mine.reportDocumentId !== reportId) return <p className="muted">{t('本单位已重新报送，以最新一次报送为准')}</p>;
  if (mine.state === 'RETURNED')
    return (
      <div className="error" role="status" data-testid="report-standing" data-state={mine.state}>
        {t('{org}已将本报送退回修改（{who}，{at}）', { org: replyTo.orgName, who: mine.returnedByName ?? '', at: fmtTime(mine.returnedAt) })}
        {mine.returnReason ? `：${mine.returnReason}` : ''}
        <br />
        <Link href={`/inbox/${replyTo.deliveryId}`}>{t('从来文重新报送')}</Link>
      </div>
    );
  return (
    <p className="notice" data-testid="report-standing" data-state={mine.state}>
      {t(mine.state === 'LATE' ? '本报送已送达{org}（{at}，逾期）' : '本报送已送达{org}（{at}）', { org: replyTo.orgName, at: fmtTime(mine.reportedAt) })}
    </p>
  );
}

/** A reporting deadline as typed (Beijing time) for the API; refused in words, naming the field, unless it is to come. */
export function reportDeadlineFrom(local: string): string {
  const at = fromBeijingInput(local);
  if (!at || new Date(at).getTime() <= Date.now()) throw new PlatformError('报送截止时间须晚于现在', 'BAD_INPUT', { field: 'reportDeadline' });
  return at;
}

/** 征集/报送 for the sender of a document: ask for reports by a deadline, then the board, live. */
export function CollectionBoard({ documentId, title }: { documentId: string; title: string }) {
  const t = useT();
  const { session } = useSession();
  const { data, error, setData } = useQuery('ReportBoardView', { id: documentId });
  const act = useAction();
  const [deadline, setDeadline] = useState('');
  const [note, setNote] = useState('');
  const [only, setOnly] = useState<string | null>(null);
  const [find, setFind] = useState('');
  const collector = hasRole(session, 'CLERK', 'DRAFTER', 'LEADER');
  const board = data?.document.reportBoard ?? null;
  const put = (b: Board | null) => setData((prev) => (prev ? { document: { ...prev.document, reportBoard: b } } : prev));
  useSubscription('ReportBoardChanged', board ? { documentId } : null, (d) => put(d.reportBoardChanged));
  if (error) return <ErrorNote error={error} />;
  if (data?.document.status !== 'SENT') return null;

  const request = () =>
    act.run(async () => {
      const r = await gql('RequestReports', { documentId, deadline: reportDeadlineFrom(deadline), note: note.trim() || null });
      put(r.requestReports);
    });
  const returnFor = (row: Board['rows'][number], reason: string) =>
    void act.run(async () => {
      const r = await gql('ReturnReport', { documentId, reporterOrgId: row.reporterOrgId, reason });
      put(r.returnReport);
    });
  const remind = () =>
    act.run(async () => {
      const r = await gql('RemindReports', { documentId, note: null });
      put(r.remindReports);
    });

  // A reply (答复, 报送) asks nothing of the unit it answers, nor a document sent up (it names a 签发人) of those above.
  if (!board)
    return collector && !data?.document.replyTo && !data?.document.signer ? (
      <Section title={t('征集报送')}>
        <p className="muted">{t('要求收文单位在期限前报送材料；每份报送是对本文的答复')}</p>
        <div className="actions">
          <label>
            {t('报送截止时间')} <input type="datetime-local" aria-label={t('报送截止时间')} value={deadline} onChange={(e) => setDeadline(e.target.value)} />
          </label>
          <input aria-label={t('报送要求')} placeholder={t('报送要求')} value={note} onChange={(e) => setNote(e.target.value)} />
          <button type="button" className="primary" disabled={act.busy || !deadline} onClick={() => void request()} data-testid="request-reports">
            {t('发起征集')}
          </button>
        </div>
        <ErrorNote error={act.error} />
      </Section>
    ) : null;

  const waiting = board.pending + board.missing + board.returned;
  const rows = board.rows.filter((r) => (!only || r.state === only) && (!find.trim() || r.reporterName.includes(find.trim())));
  return (
    <Section
      title={t('报送情况')}
      actions={
        collector ? (
          <div className="actions">
            {/* One click reaches every unit not yet reported: asked first, saying how many. */}
            <ConfirmButton
              label={t('催报未报送单位（{n}）', { n: waiting })}
              question={t('向 {n} 个尚未报送的单位发出催报？每个单位都会收到提醒。', { n: waiting })}
              confirmLabel={t('发出催报')}
              disabled={act.busy || !waiting}
              onConfirm={() => void remind()}
              testId="remind-reports"
            />
            <button
              type="button"
              disabled={act.busy || !(board.reported + board.late)}
              onClick={() => void act.run(() => openReportsZip(documentId, `${title}-报送材料.zip`))}
              data-testid="download-reports"
            >
              {t('下载全部报送材料')}
            </button>
          </div>
        ) : undefined
      }
    >
      <p className="muted">
        {t('截止时间')}
        {t('：')}
        {fmtTime(board.deadline)}
        {board.note ? ` · ${board.note}` : ''}
      </p>
      {/* Each figure is also a filter of the table below (a province asks a hundred units and more); with a search by name. */}
      <div className="kpis" data-testid="report-kpis">
        {(
          [
            ['已报送', board.reported, 'kpi good', 'kpi-reported', 'REPORTED'],
            ['逾期报送', board.late, alarmKpi(board.late), 'kpi-late', 'LATE'],
            ['待报送', board.pending, 'kpi', 'kpi-report-pending', 'PENDING'],
            ['未报送', board.missing, alarmKpi(board.missing), 'kpi-missing', 'MISSING'],
            ['已退回修改', board.returned, alarmKpi(board.returned), 'kpi-report-returned', 'RETURNED'],
            ['来文已退回或撤回', board.withdrawn, 'kpi', 'kpi-report-withdrawn', 'WITHDRAWN'],
          ] as const
        )
          // Units that returned the request are shown only when there are any: they have nothing to report on.
          .filter(([, n, , , state]) => state !== 'WITHDRAWN' || n > 0)
          .map(([zh, n, kpi, id, state]) => (
            <button
              key={zh}
              type="button"
              className={`${kpi}${only === state ? ' chosen' : ''}`}
              aria-pressed={only === state}
              data-testid={`report-filter-${state}`}
              onClick={() => setOnly(only === state ? null : state)}
            >
              <div className="n" data-testid={id}>
                {n}
              </div>
              <div className="l">{t(zh)}</div>
            </button>
          ))}
      </div>
      <p className="actions">
        <input type="search" aria-label={t('按单位名称查找')} placeholder={t('按单位名称查找')} value={find} onChange={(e) => setFind(e.target.value)} />
        {(only || find.trim()) && (
          <span className="muted" data-testid="report-shown">
            {t('显示 {n} / {total} 个单位', { n: rows.length, total: board.rows.length })}
          </span>
        )}
      </p>
      <ErrorNote error={act.error} />
      {rows.length === 0 ? (
        <Empty text={t(board.rows.length ? '没有符合条件的单位' : '没有要求报送的单位')} />
      ) : (
        <table aria-label={t('报送情况')}>
          <thead>
            <tr>
              <th>{t('单位')}</th>
              <th>{t('状态')}</th>
              <th>{t('报送材料')}</th>
              <th>{t('报送时间')}</th>
              <th>{t('说明')}</th>
              {collector && <th>{t('操作')}</th>}
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id} data-reporter={r.reporterName}>
                <td>{r.reporterName}</td>
                <td>
                  <span className={`badge ${REPORT_STATE[r.state]?.tone ?? ''}`} data-testid="report-state">
                    {stateLabel(t, r.state)}
                  </span>
                  {r.resubmitted && <div className="muted">{t('已重新报送（第 {n} 次）', { n: r.submissions })}</div>}
                </td>
                <td>
                  {/* The report opens as the requesting unit's own copy, in its inbox (none: a delivery resent or recalled). */}
                  {r.reportDeliveryId ? (
                    <Link href={`/inbox/${r.reportDeliveryId}`} data-testid="report-doc">
                      《{r.reportTitle}》{r.reportDocNumber}
                    </Link>
                  ) : r.reportDocumentId ? (
                    <span data-testid="report-doc">
                      《{r.reportTitle}》{r.reportDocNumber}
                    </span>
                  ) : (
                    '—'
                  )}
                </td>
                <td>{fmtTime(r.reportedAt)}</td>
                <td>
                  {r.state === 'RETURNED' && `${t('退回原因')}${t('：')}${r.returnReason ?? ''}（${r.returnedByName ?? ''}）`}
                  {r.reminders > 0 && <div className="muted">{t('已催报 {n} 次，最近 {at}', { n: r.reminders, at: fmtTime(r.remindedAt) })}</div>}
                </td>
                {collector && (
                  <td className="actions">
                    {['REPORTED', 'LATE'].includes(r.state) &&
                      (r.reportDeliveryId && !r.reportSignedFor ? (
                        <span className="muted" data-testid="report-unsigned">
                          {t('待签收，签收后可退回修改')}
                        </span>
                      ) : (
                        <AskButton
                          label={t('退回修改')}
                          question={t('退回 {u} 的报送材料修改：请填写原因', { u: r.reporterName })}
                          field={t('原因')}
                          disabled={act.busy}
                          onAnswer={(v) => returnFor(r, v)}
                        />
                      ))}
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Section>
  );
}
