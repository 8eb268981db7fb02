'use client';
// The live delivery board of one sent document: counts on top, every recipient grouped by the org tree with its
// status (icon and word), both moments (接收: first opened; 签收: signed for by its clerk) and prints, updated as
// they happen, without reload. What came back (退回, 请求重发) is resent as it was (重发所选) or corrected first
// (修改后重发: a new draft for those units, opened in 拟稿); the board keeps why it came back and links the corrected
// version. A unit counts once, by its live delivery: the groups' counts and the figures on top agree.
import Link from 'next/link';
import { useParams, useRouter } from 'next/navigation';
import { useMemo, useState } from 'react';
import { DocumentSheet } from '../../../components/DocumentSheet';
import { ExportButtons } from '../../../components/Export';
import { CollectionBoard, LinksSection } from '../../../components/Replies';
import { SealCheck } from '../../../components/SealCheck';
import { Shell } from '../../../components/Shell';
import { SupplementPanel } from '../../../components/SupplementPanel';
import {
  ContactList,
  contactsText,
  FILTERS,
  type Filter,
  FilterBar,
  matchesFilter,
  matchesSearch,
  REPLACED,
  UrgeButton,
  UrgeTrail,
  urgeText,
} from '../../../components/Urging';
import { ErrorNote, effectiveStatus, LEVEL, returnReasonLabel, Section, STATUS, StatusBadge, UNSIGNED } from '../../../components/ui';
import type { BoardRowFragment, DeliveryBoardSubscription } from '../../../generated/operations';
import { gql, PlatformError } from '../../../lib/client';
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
 * The group a recipient shows under, following the org tree: units at province level together, and everything of a
 * city (its government, office, departments and counties) under that city, by the city's ltree path.
 */
const groupKey = (org: Row['recipientOrg']) => (org.level === 'PROVINCE' ? 'province' : org.path.split('.').slice(0, 2).join('.'));

function Board() {
  const t = useT();
  const { id } = useParams<{ id: string }>();
  const router = useRouter();
  const { session } = useSession();
  const live = useLive();
  const { data, error, refetch, setData } = useQuery('SentBoard', { id });
  const [counts, setCounts] = useState<Counts | null>(null);
  const [selected, setSelected] = useState<string[]>([]);
  const [showDoc, setShowDoc] = useState(false);
  const [filter, setFilter] = useState<Filter>('ALL');
  const [search, setSearch] = useState('');
  const act = useAction();
  const refresh = useDebounced(() => void refetch(), 500);

  useSubscription('DeliveryBoard', { documentId: id }, (d) => setCounts(d.deliveryBoard));
  useSubscription('DeliveryChanged', { documentId: id }, ({ deliveryChanged: c }) => {
    setData((prev) => {
      if (!prev) return prev;
      const known = prev.document.deliveries.some((r) => r.id === c.deliveryId);
      if (!known) {
        refresh();
        return prev;
      }
      const deliveries = prev.document.deliveries.map((r) =>
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
      return { document: { ...prev.document, deliveries } };
    });
    // Prints, reasons and quotas are not in the event: fetch them shortly after, once for a burst.
    refresh();
  });

  const doc = data?.document;
  const all = doc?.deliveries ?? [];
  // 已报送 is the collection board's (征集/报送), by delivery.
  const reportState = useMemo(() => new Map((doc?.reportBoard?.rows ?? []).map((r) => [r.deliveryId, r.state])), [doc?.reportBoard]);
  const filterRow = (r: Row, f: Filter) => matchesFilter({ ...r, reportState: reportState.get(r.id) ?? null }, f);
  const rows = all.filter((r) => filterRow(r, filter) && matchesSearch(r.recipientOrg.name, r.recipientContacts, search));
  const groups = useMemo(() => {
    const byKey = new Map<string, Row[]>();
    for (const r of rows) {
      const k = groupKey(r.recipientOrg);
      byKey.set(k, [...(byKey.get(k) ?? []), r]);
    }
    // A group's figures are its units' whatever the filter shows: each unit once, by its live delivery.
    const liveOf = (k: string) => all.filter((r) => groupKey(r.recipientOrg) === k && !REPLACED.includes(r.status));
    // A city's name: the city itself when it is a recipient, or the parent its counties and departments name.
    const nameOf = (k: string) =>
      rows.find((r) => r.recipientOrg.path === k)?.recipientOrg.name ?? rows.find((r) => r.recipientOrg.parent?.path === k)?.recipientOrg.parent?.name;
    return [...byKey.entries()]
      .sort(([a], [b]) => (a === 'province' ? -1 : b === 'province' ? 1 : a.localeCompare(b)))
      .map(([k, rs]) => ({
        key: k,
        name: k === 'province' ? t('省直单位') : (nameOf(k) ?? k),
        rows: rs.sort((a, b) => a.recipientOrg.path.localeCompare(b.recipientOrg.path)),
        // Counted once per unit, by its live delivery, as the figures on top count.
        live: liveOf(k),
      }));
  }, [rows, all, t]);

  if (error) return <ErrorNote error={error} />;
  if (!doc) return <p className="muted">{t('加载中…')}</p>;
  const c = counts ?? doc.deliveryStats ?? { total: all.filter((r) => !REPLACED.includes(r.status)).length, received: 0, signed: 0, pending: 0 };
  // 修改后重发: a resent delivery answered by another document (the corrected version), and the drafts under way.
  const correctedBy = (r: Row) => (r.status === 'RESENT' && r.replacedBy && r.replacedBy.documentId !== doc.id ? r.replacedBy : null);
  const shownStatus = (r: Row) => (correctedBy(r) ? 'CORRECTED' : effectiveStatus(r));
  const drafting = (r: Row) =>
    NEEDS_RESEND.includes(r.status)
      ? doc.corrections.find((x) => x.status !== 'SENT' && x.correctionOf?.returns.some((ret) => ret.deliveryId === r.id))
      : undefined;
  const overdue = all.filter((r) => effectiveStatus(r) === 'OVERDUE').length;
  const returned = all.filter((r) => NEEDS_RESEND.includes(r.status)).length;
  const urgeable = rows.filter((r) => UNSIGNED.includes(r.status)).map((r) => r.id);
  const boardTable = (): Table => ({
    title: t('签收情况'),
    header: ['单位', '状态', '接收时间', '签收时间', '打印', '说明', '联系人', '催办'].map((h) => t(h)),
    rows: rows.map((r) => [
      r.recipientOrg.name,
      t(STATUS[shownStatus(r)]?.zh ?? r.status),
      fmtTime(r.receivedAt),
      fmtTime(r.signedAt),
      `${r.prints.filter((p) => p.withinQuota).length}/${r.printQuota}`,
      [r.stateReason && returnReasonLabel(t, r.stateReason), r.stateNote, correctedBy(r)?.docNumber].filter(Boolean).join(' '),
      contactsText(r.recipientContacts),
      urgeText(t, r.urges),
    ]),
  });

  const recall = (r: Row) => {
    const note = window.prompt(t('撤回 {u} 的公文：请填写原因', { u: r.recipientOrg.name }));
    if (note?.trim()) void act.run(() => gql('RecallDelivery', { id: r.id, note: note.trim() }).then(() => refetch()));
  };
  const raiseQuota = (r: Row) => {
    const answer = window.prompt(t('{u} 的打印份数（现为 {q} 份）', { u: r.recipientOrg.name, q: r.printQuota }), String(r.printQuota + 1));
    if (answer) void act.run(() => gql('RaisePrintQuota', { id: r.id, quota: Number(answer) }).then(() => refetch()));
  };
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
  const openDraft = all
    .filter((r) => selected.includes(r.id))
    .map(drafting)
    .find(Boolean);

  return (
    <>
      <p>
        <Link href="/sent">← {t('发文')}</Link>
      </p>
      <div className="card-head">
        <h1>
          {doc.title} <span className="muted">{doc.docNumber}</span>
        </h1>
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
        <div className="kpi bad">
          <div className="n" data-testid="kpi-overdue">
            {overdue}
          </div>
          <div className="l">{t('超期未签收')}</div>
        </div>
        <div className="kpi bad">
          <div className="n" data-testid="kpi-returned">
            {returned}
          </div>
          <div className="l">{t('退回或请求重发的')}</div>
        </div>
      </div>
      <ErrorNote error={act.error} />
      <Section
        title={t('收文单位')}
        actions={
          <div className="actions">
            <UrgeButton ids={urgeable} className="" label={t('催办筛选出的未签收单位（{n}）', { n: urgeable.length })} onDone={refetch} />
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
          rows={all}
          test={filterRow}
          filter={filter}
          setFilter={setFilter}
          search={search}
          setSearch={setSearch}
          filters={FILTERS.filter((f) => (f !== 'REPORTED' || doc.reportBoard) && (f !== 'REPLACED' || all.some((r) => REPLACED.includes(r.status))))}
        />
        <table aria-label={t('签收情况')}>
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
                  {g.name} · {t('{r} / {n} 已签收', { r: g.live.filter((r) => r.signedAt).length, n: g.live.length })}
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
                    <StatusBadge status={shownStatus(r)} />
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
                    {r.signedByName && <div className="muted">{r.signedByName}</div>}
                  </td>
                  <td>
                    {r.prints.filter((p) => p.withinQuota).length}/{r.printQuota}
                    {r.prints.some((p) => !p.withinQuota) && <span className="muted"> +{r.prints.filter((p) => !p.withinQuota).length}</span>}
                  </td>
                  <td>
                    {r.stateReason && returnReasonLabel(t, r.stateReason)} {r.stateNote}
                  </td>
                  <td>
                    <ContactList contacts={r.recipientContacts} />
                  </td>
                  <td className="actions">
                    {UNSIGNED.includes(r.status) && <UrgeButton ids={[r.id]} label={t('催办')} onDone={refetch} />}
                    <UrgeTrail urges={r.urges} />
                    {!['RECALLED', 'RESENT', 'CLOSED'].includes(r.status) && (
                      <button type="button" className="link" disabled={act.busy} onClick={() => raiseQuota(r)}>
                        {t('调整份数')}
                      </button>
                    )}
                    {r.status === 'DELIVERED' && (
                      <button type="button" className="link" disabled={act.busy} onClick={() => recall(r)}>
                        {t('撤回')}
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          ))}
        </table>
      </Section>
      {doc.status === 'SENT' && <SupplementPanel documentId={doc.id} onDone={refetch} />}
      <CollectionBoard documentId={doc.id} title={doc.title} />
      <LinksSection documentId={doc.id} />
      {showDoc && (
        <>
          <DocumentSheet doc={doc} />
          <Section title={t('验证印章')}>
            <SealCheck documentId={doc.id} />
          </Section>
        </>
      )}
    </>
  );
}
