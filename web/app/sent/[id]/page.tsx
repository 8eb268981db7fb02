'use client';
// The live delivery board of one sent document: counts on top, the recipients grouped by the org tree with their
// status (icon and word), both moments (接收: first opened; 签收: signed for by its clerk) and prints, updated as
// they happen, without reload. A province broadcast has 10,000 recipients: the chips and each city's figures are
// counted by the service over all of them, and the rows come a page at a time (filtered and searched there too). What came back (退回, 请求重发) is resent as it was (重发所选) or corrected first
// (修改后重发: a new draft for those units, opened in 拟稿); the board keeps why it came back and links the corrected
// version. A unit counts once, by its live delivery: the groups' counts and the figures on top agree.
import Link from 'next/link';
import { useParams, useRouter } from 'next/navigation';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { AskButton } from '../../../components/Confirm';
import { DocumentSheet } from '../../../components/DocumentSheet';
import { EvidencePackageButton } from '../../../components/EvidencePackage';
import { ExportButtons } from '../../../components/Export';
import { FormSheetButton } from '../../../components/FormSheetButton';
import { CollectionBoard, LinksSection } from '../../../components/Replies';
import { SealCheck } from '../../../components/SealCheck';
import { Shell } from '../../../components/Shell';
import { SupplementPanel } from '../../../components/SupplementPanel';
import { ContactList, contactsText, FILTERS, type Filter, FilterBar, PhoneUrgeButton, UrgeButton, UrgeTrail, urgeText } from '../../../components/Urging';
import {
  alarmKpi,
  deliveryStateNote,
  ErrorNote,
  effectiveStatus,
  LEVEL,
  returnReasonLabel,
  Section,
  STATUS,
  StatusBadge,
  UNSIGNED,
} from '../../../components/ui';
import type { BoardPageQuery, BoardPageQueryVariables, BoardRowFragment, DeliveryBoardSubscription } from '../../../generated/operations';
import { gql, onReconnect, PlatformError } from '../../../lib/client';
import { fmtTime } from '../../../lib/format';
import { useAction, useDebounced, useLive, useQuery, useSubscription } from '../../../lib/hooks';
import { useT } from '../../../lib/i18n';
import { hasRole, useSession } from '../../../lib/session';
import type { Table } from '../../../lib/sheet';

/** One recipient's row of the board. */
type Row = BoardRowFragment;
type Counts = DeliveryBoardSubscription['deliveryBoard'];

const NEEDS_RESEND = ['RETURNED', 'RESEND_REQUESTED'];

export default function BoardPage() {
  return (
    <Shell>
      <Board />
    </Shell>
  );
}

/**
 * The group a recipient shows under, following the org tree (the service's rule, domain/board.ts): everything of a city
 * (its government, office, departments and counties) under that city's path, and the province's own units together.
 */
const groupKey = (path: string) => {
  const [province, second] = path.split('.');
  return second?.startsWith('c') ? `${province}.${second}` : 'province';
};
const PAGE = 100;

type Page = BoardPageQuery['document']['board'];

/**
 * One page of the board for the chip, search and cursor asked: the page shown belongs to exactly these (another
 * chip's page is not shown while the new one loads), and reloading it keeps it in view until the new answer comes.
 */
function useBoardPage(vars: BoardPageQueryVariables) {
  const key = JSON.stringify(vars);
  const [state, setState] = useState<{ key: string; page: Page } | null>(null);
  const [error, setError] = useState<PlatformError | null>(null);
  const latest = useRef(key);
  latest.current = key;
  const reload = useCallback(async () => {
    try {
      const d = await gql('BoardPage', JSON.parse(key));
      if (latest.current === key) {
        setState({ key, page: d.document.board });
        setError(null);
      }
    } catch (e) {
      if (latest.current === key) setError(e as PlatformError);
    }
  }, [key]);
  useEffect(() => {
    void reload();
  }, [reload]);
  useEffect(() => onReconnect(() => void reload()), [reload]);
  return {
    shown: state?.key === key ? state.page : null,
    error,
    reload,
    update: (change: (p: Page) => Page) => setState((s) => (s ? { ...s, page: change(s.page) } : s)),
  };
}

/** The way from the sender's board to the caller's unit's own copy, when it has one (its own row of the board). */
function OwnCopyLink({ documentId }: { documentId: string }) {
  const t = useT();
  const { data } = useQuery('OwnCopy', { id: documentId });
  const copy = data?.document.board.nodes[0];
  return copy ? <Link href={`/inbox/${copy.id}`}>{t('查看本单位收到的这份公文')}</Link> : null;
}

function Board() {
  const t = useT();
  const { id } = useParams<{ id: string }>();
  const router = useRouter();
  const { session } = useSession();
  const live = useLive();
  const { data, error, refetch: refetchFigures } = useQuery('SentBoard', { id });
  const [counts, setCounts] = useState<Counts | null>(null);
  const [selected, setSelected] = useState<string[]>([]);
  const [showDoc, setShowDoc] = useState(false);
  const body = useQuery('SentDocumentBody', showDoc ? { id } : null);
  const [filter, setFilter] = useState<Filter>('ALL');
  const [search, setSearch] = useState('');
  const [searched, setSearched] = useState('');
  // The cursors of the pages before the one shown (上一页 goes back one).
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const after = cursors.at(-1) ?? null;
  const act = useAction();
  // Another chip or search starts again at the first page; the search is asked once the typing pauses.
  const searchNow = useDebounced(() => {
    setSearched(search.trim());
    setCursors([null]);
  }, 300);
  const typeSearch = (text: string) => {
    setSearch(text);
    searchNow();
  };
  const chooseFilter = (f: Filter) => {
    setFilter(f);
    setCursors([null]);
  };
  const page = useBoardPage({ id, filter, first: PAGE, after, counted: !!searched, ...(searched ? { search: searched } : {}) });
  const refetch = async () => {
    await Promise.all([refetchFigures(), page.reload()]);
  };
  const refresh = useDebounced(() => void refetch(), 500);

  useSubscription('DeliveryBoard', { documentId: id }, (d) => setCounts(d.deliveryBoard));
  useSubscription('DeliveryChanged', { documentId: id }, ({ deliveryChanged: c }) => {
    page.update((prev) => {
      if (!prev.nodes.some((r) => r.id === c.deliveryId)) return prev;
      const nodes = prev.nodes.map((r) =>
        r.id === c.deliveryId
          ? {
              ...r,
              status: c.status,
              receivedAt: r.receivedAt ?? c.receivedAt,
              receivedByName: r.receivedByName ?? c.receivedByName,
              signedAt: c.signedAt ?? r.signedAt,
              signedByName: c.signedByName ?? r.signedByName,
            }
          : r,
      );
      return { ...prev, nodes };
    });
    // The chips, the cities' figures, prints, reasons and quotas are not in the event: fetched shortly after, once
    // for a burst.
    refresh();
  });

  const doc = data?.document;
  const shown = page.shown;
  const rows: Row[] = shown?.nodes ?? [];
  const chips = useMemo(() => new Map((doc?.boardFigures.chips ?? []).map((c) => [c.filter as Filter, c.count])), [doc?.boardFigures]);
  // How many rows the chip (and the search) holds: the chip's count, or the search's own.
  const total = (searched ? shown?.totalCount : undefined) ?? chips.get(filter) ?? 0;
  const groups = useMemo(() => {
    const byKey = new Map<string, Row[]>();
    for (const r of rows) {
      const k = groupKey(r.recipientOrg.path);
      byKey.set(k, [...(byKey.get(k) ?? []), r]);
    }
    const figures = new Map((doc?.boardFigures.groups ?? []).map((g) => [g.key, g]));
    return [...byKey.entries()].map(([k, rs]) => ({
      key: k,
      name: k === 'province' ? t('省直单位') : (figures.get(k)?.name ?? k),
      rows: rs,
      // The whole city's figures, whatever the chip shows: each unit once, by its live delivery.
      live: figures.get(k)?.live ?? 0,
      signed: figures.get(k)?.signed ?? 0,
    }));
  }, [rows, doc?.boardFigures, t]);

  if (error) return <ErrorNote error={error} />;
  if (!doc) return <p className="muted">{t('加载中…')}</p>;
  // A unit that sees its own row only (a recipient) reaching the sender's board by its address: its copy is in its
  // inbox; the board and its actions are the sending unit's and the units' above it, as the service decides.
  if (!doc.wholeBoard)
    return (
      <>
        <h1>
          {doc.title} <span className="muted">{doc.docNumber}</span>
        </h1>
        <p className="notice" data-testid="not-the-sender">
          {t('此公文由{org}发出，签收情况和催办由发文单位办理。', { org: doc.orgName })} <OwnCopyLink documentId={doc.id} />
        </p>
      </>
    );
  const c = counts ?? doc.deliveryStats ?? { total: chips.get('ALL') ?? 0, received: 0, signed: 0, pending: 0 };
  // 修改后重发: a resent delivery answered by another document (the corrected version), and the drafts under way.
  const correctedBy = (r: Row) => (r.status === 'RESENT' && r.replacedBy && r.replacedBy.documentId !== doc.id ? r.replacedBy : null);
  const shownStatus = (r: Row) => (correctedBy(r) ? 'CORRECTED' : effectiveStatus(r));
  const drafting = (r: Row) =>
    NEEDS_RESEND.includes(r.status)
      ? doc.corrections.find((x) => x.status !== 'SENT' && x.correctionOf?.returns.some((ret) => ret.deliveryId === r.id))
      : undefined;
  const overdue = chips.get('OVERDUE') ?? 0;
  const returned = chips.get('RETURNED') ?? 0;
  const urgeable = rows.filter((r) => UNSIGNED.includes(r.status)).map((r) => r.id);
  const cells = (r: Row) => [
    r.recipientOrg.name,
    t(STATUS[shownStatus(r)]?.sender ?? STATUS[shownStatus(r)]?.zh ?? r.status),
    fmtTime(r.receivedAt),
    fmtTime(r.signedAt),
    `${r.prints.filter((p) => p.withinQuota).length}/${r.printQuota}`,
    [r.stateReason && returnReasonLabel(t, r.stateReason), deliveryStateNote(t, r.status, r.stateNote), correctedBy(r)?.docNumber].filter(Boolean).join(' '),
    contactsText(r.recipientContacts),
    urgeText(t, r.urges),
  ];
  // The export holds every row under the chip and the search, not only the page shown: read page after page.
  const boardTable = async (): Promise<Table> => {
    const all: Row[] = [];
    let next: string | null = null;
    do {
      const r: BoardPageQuery = await gql('BoardPage', { id, filter, first: 500, after: next, counted: false, ...(searched ? { search: searched } : {}) });
      all.push(...r.document.board.nodes);
      next = r.document.board.pageInfo.hasNextPage ? r.document.board.pageInfo.endCursor : null;
    } while (next);
    return {
      title: t('签收情况'),
      header: ['单位', '状态', '接收时间', '签收时间', '打印', '说明', '联系人', '催办'].map((h) => t(h)),
      rows: all.map(cells),
    };
  };

  const recall = (r: Row, note: string) => void act.run(() => gql('RecallDelivery', { id: r.id, note }).then(() => refetch()));
  const raiseQuota = (r: Row, answer: string) => void act.run(() => gql('RaisePrintQuota', { id: r.id, quota: Number(answer) }).then(() => refetch()));
  const resend = (ids: string[]) =>
    act.run(async () => {
      for (const d of ids) await gql('ResendDelivery', { id: d });
      setSelected([]);
      await refetch();
    });
  // 修改后重发: the corrected version is drafted for the units chosen and opened in 拟稿; its send answers them.
  const drafter = hasRole(session, 'DRAFTER');
  const correct = (ids: string[]) =>
    act.run(async () => {
      try {
        const r = await gql('DraftCorrection', { deliveryIds: ids });
        router.push(`/compose?id=${r.draftCorrection.id}`);
      } catch (e) {
        // Drafted meanwhile (another drafter, another tab): the board learns of it and offers 继续修改稿.
        if (e instanceof PlatformError && e.code === 'CORRECTION_DRAFT_OPEN') await refetch();
        throw e;
      }
    });
  // One correction at a time for a returned unit: one already drafted for a unit chosen is continued, not drafted again.
  const openDraft = rows
    .filter((r) => selected.includes(r.id))
    .map(drafting)
    .find(Boolean);
  const from = (cursors.length - 1) * PAGE;

  return (
    <>
      <p>
        <Link href="/sent">← {t('发文')}</Link>
      </p>
      <div className="card-head">
        <h1>
          {doc.title} <span className="muted">{doc.docNumber}</span>
        </h1>
        {doc.org.id === session?.user.org.id && <FormSheetButton sheet="draft" id={doc.id} />}
        <span className={`live ${live}`} data-testid="board-live">
          <span aria-hidden="true">{live === 'live' ? '●' : '◌'}</span> {t(live === 'live' ? '实时更新中' : '重新连接中…')}
        </span>
      </div>
      <div className="kpis" data-testid="board-kpis">
        <div className="kpi">
          <div className="n" data-testid="kpi-total">
            {c.total}
          </div>
          <div className="l">{t('已发送')}</div>
        </div>
        <div className="kpi good">
          <div className="n" data-testid="kpi-received">
            {c.received}
          </div>
          <div className="l">{t('已接收')}</div>
        </div>
        <div className="kpi good">
          <div className="n" data-testid="kpi-signed">
            {c.signed}
          </div>
          <div className="l">{t('已签收')}</div>
        </div>
        <div className="kpi">
          <div className="n" data-testid="kpi-pending">
            {c.pending}
          </div>
          <div className="l">{t('待签收')}</div>
        </div>
        <div className={alarmKpi(overdue)}>
          <div className="n" data-testid="kpi-overdue">
            {overdue}
          </div>
          <div className="l">{t('超期未签收')}</div>
        </div>
        <div className={alarmKpi(returned)}>
          <div className="n" data-testid="kpi-returned">
            {returned}
          </div>
          <div className="l">{t('已退回或请求重发')}</div>
        </div>
      </div>
      <ErrorNote error={act.error} />
      {/* 征集报送 before the rows: on a broadcast's board they run to a hundred a page. */}
      <CollectionBoard documentId={doc.id} title={doc.title} />
      <Section
        title={t('收文单位')}
        actions={
          <div className="actions">
            <UrgeButton ids={urgeable} className="" label={t('催办本页未签收单位（{n}）', { n: urgeable.length })} onDone={refetch} />
            <ExportButtons base={`${doc.title}-${t('签收情况')}`} table={boardTable} />
            <button type="button" disabled={!selected.length || act.busy} onClick={() => void resend(selected)}>
              {t('重发所选（{n}）', { n: selected.length })}
            </button>
            {drafter &&
              (openDraft ? (
                <Link className="button" href={`/compose?id=${openDraft.id}`} data-testid="continue-correction" title={t('所选单位已有尚未发送的修改稿')}>
                  {t('继续修改稿')}
                </Link>
              ) : (
                <button
                  type="button"
                  disabled={!selected.length || act.busy}
                  onClick={() => void correct(selected)}
                  title={t('为所选单位拟写修改后的公文，经审批、盖章后重新发送')}
                >
                  {t('修改后重发（{n}）', { n: selected.length })}
                </button>
              ))}
            <button type="button" className="link" onClick={() => setShowDoc(!showDoc)}>
              {t(showDoc ? '收起公文' : '查看公文')}
            </button>
          </div>
        }
      >
        <FilterBar
          count={(f) => chips.get(f) ?? 0}
          filter={filter}
          setFilter={chooseFilter}
          search={search}
          setSearch={typeSearch}
          filters={FILTERS.filter((f) => (f !== 'REPORTED' || doc.reportDeadline) && (f !== 'REPLACED' || (chips.get('REPLACED') ?? 0) > 0))}
        />
        <ErrorNote error={page.error} />
        {!shown && <p className="muted">{t('加载中…')}</p>}
        {shown && (
          <table aria-label={t('签收情况')} data-testid="board-rows" data-total={total}>
            <thead>
              <tr>
                <th />
                <th>{t('单位')}</th>
                <th>{t('状态')}</th>
                <th>{t('接收时间')}</th>
                <th>{t('签收时间')}</th>
                <th>{t('打印')}</th>
                <th>{t('说明')}</th>
                <th>{t('联系人')}</th>
                <th />
              </tr>
            </thead>
            {groups.map((g) => (
              <tbody key={g.key}>
                <tr className="group-head">
                  <td colSpan={9}>
                    {g.name} · {t('{r} / {n} 已签收', { r: g.signed, n: g.live })}
                  </td>
                </tr>
                {g.rows.map((r) => (
                  <tr key={r.id} data-recipient={r.recipientOrg.name}>
                    <td>
                      {NEEDS_RESEND.includes(r.status) && (
                        <input
                          type="checkbox"
                          aria-label={t('选择 {u}', { u: r.recipientOrg.name })}
                          checked={selected.includes(r.id)}
                          onChange={(e) => setSelected(e.target.checked ? [...selected, r.id] : selected.filter((x) => x !== r.id))}
                        />
                      )}
                    </td>
                    <td>
                      {r.recipientOrg.name} <span className="muted">{t(LEVEL[r.recipientOrg.level] ?? '')}</span>
                      {r.role === 'CC' && <span className="muted"> · {t('抄送')}</span>}
                    </td>
                    <td>
                      <StatusBadge status={shownStatus(r)} sender />
                      {correctedBy(r) && (
                        <div data-testid="corrected-by">
                          <Link href={`/sent/${correctedBy(r)?.documentId}`}>{t('修改后公文 {n}', { n: correctedBy(r)?.docNumber ?? '' })}</Link>
                        </div>
                      )}
                      {drafting(r) && (
                        <div className="muted" data-testid="correction-drafting">
                          {t('修改稿起草中')} · <Link href={`/compose?id=${drafting(r)?.id}`}>{t('继续修改稿')}</Link>
                        </div>
                      )}
                    </td>
                    <td data-testid="received">
                      {fmtTime(r.receivedAt)}
                      {r.receivedByName && <div className="muted">{r.receivedByName}</div>}
                    </td>
                    <td data-testid="signed">
                      {fmtTime(r.signedAt)}
                      {r.signedByName && (
                        <div className="muted">
                          {r.signedByName}
                          {/* The receipt carries the clerk's own signature beside the unit's (deliveryReceipts has both). */}
                          {r.signedInPerson && <span data-testid="signed-in-person">{t('（本人签名）')}</span>}
                        </div>
                      )}
                    </td>
                    <td>
                      {r.prints.filter((p) => p.withinQuota).length}/{r.printQuota}
                      {r.prints.some((p) => !p.withinQuota) && (
                        <div className="muted">{t('超出限额另印 {n} 份（无版头和印章）', { n: r.prints.filter((p) => !p.withinQuota).length })}</div>
                      )}
                      {r.copiesRequested && (
                        <div data-testid="copies-requested">
                          <span className="refused">{t('申请追加 {n} 份', { n: r.copiesRequested })}</span>
                          <span className="muted">{t('（{r}）', { r: r.copiesRequestNote ?? '' })}</span>{' '}
                          <button
                            type="button"
                            className="link"
                            disabled={act.busy}
                            onClick={() => raiseQuota(r, String(r.printQuota + (r.copiesRequested ?? 0)))}
                          >
                            {t('同意追加')}
                          </button>
                        </div>
                      )}
                    </td>
                    <td>
                      {r.stateReason && returnReasonLabel(t, r.stateReason)} {deliveryStateNote(t, r.status, r.stateNote)}
                    </td>
                    <td>
                      <ContactList contacts={r.recipientContacts} />
                    </td>
                    <td className="actions">
                      {UNSIGNED.includes(r.status) && (
                        <>
                          <UrgeButton ids={[r.id]} label={t('催办')} onDone={refetch} />
                          <PhoneUrgeButton deliveryId={r.id} contacts={r.recipientContacts} onDone={refetch} />
                        </>
                      )}
                      <UrgeTrail urges={r.urges} />
                      {!['RECALLED', 'RESENT', 'CLOSED'].includes(r.status) && (
                        <AskButton
                          label={t('调整份数')}
                          question={t('{u} 的打印份数（现为 {q} 份）', { u: r.recipientOrg.name, q: r.printQuota })}
                          field={t('打印份数')}
                          type="number"
                          initial={String(r.printQuota + 1)}
                          disabled={act.busy}
                          onAnswer={(v) => raiseQuota(r, v)}
                        />
                      )}
                      {r.status === 'DELIVERED' && (
                        <AskButton
                          label={t('撤回')}
                          question={t('撤回 {u} 的公文：请填写原因', { u: r.recipientOrg.name })}
                          field={t('原因')}
                          disabled={act.busy}
                          onAnswer={(v) => recall(r, v)}
                        />
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            ))}
          </table>
        )}
        {shown && (total > PAGE || cursors.length > 1) && (
          <div className="actions" data-testid="board-pager">
            <button type="button" disabled={cursors.length <= 1} onClick={() => setCursors(cursors.slice(0, -1))}>
              {t('上一页')}
            </button>
            <span className="muted">{t('第 {a}–{b} 个，共 {n} 个', { a: total ? from + 1 : 0, b: from + rows.length, n: total })}</span>
            <button
              type="button"
              disabled={!shown.pageInfo.hasNextPage}
              onClick={() => shown.pageInfo.endCursor && setCursors([...cursors, shown.pageInfo.endCursor])}
            >
              {t('下一页')}
            </button>
          </div>
        )}
      </Section>
      {doc.status === 'SENT' && <SupplementPanel documentId={doc.id} onDone={refetch} />}
      <LinksSection documentId={doc.id} />
      {doc.status === 'SENT' && <EvidencePackageButton documentId={doc.id} />}
      {showDoc && (
        <>
          <DocumentSheet doc={{ ...doc, ...(body.data ? { body: body.data.document.body } : {}) }} />
          <Section title={t('验证印章')}>
            <SealCheck documentId={doc.id} />
          </Section>
        </>
      )}
    </>
  );
}
