'use client';
// 督办's overdue list: deliveries past their time limit and still not signed for, in the viewer's scope (the units
// below it and those its unit sent to; its own unit's), seen two ways. By document, first: the service groups and
// counts them (a province's broadcast is thousands of late units of one notice), each document with its true count,
// how many have not opened it, its first units, and one 催办 for all of them. By unit: the most overdue first, cut at
// OVERDUE_SHOWN, with the board's filters, a search by unit or contact, the export and a 催办 of what the filter shows.
import { useState } from 'react';
import type { OverdueByDocumentQuery } from '../generated/operations';
import { fmtTime, todayInBeijing } from '../lib/format';
import type { useQuery } from '../lib/hooks';
import { useT } from '../lib/i18n';
import { useSession } from '../lib/session';
import type { Table } from '../lib/sheet';
import { ExportButtons } from './Export';
import { UnsignedDeliveries } from './UnsignedDeliveries';
import { contactsText, type Filter, FilterBar, matchesFilter, matchesSearch, UrgeButton, urgeText } from './Urging';
import { Empty, ErrorNote, Section } from './ui';

/** How many overdue deliveries the list by unit holds, the most overdue first. */
export const OVERDUE_SHOWN = 200;
/** The documents listed by document, and the units loaded under each (at most 2000 rows, as the service allows). */
export const OVERDUE_DOCUMENTS = 40;
export const OVERDUE_UNITS_EACH = 50;

type View = 'DOCUMENT' | 'UNIT';

export function Overdue({
  byUnit,
  byDocument,
}: {
  byUnit: ReturnType<typeof useQuery<'Overdue'>>;
  byDocument: ReturnType<typeof useQuery<'OverdueByDocument'>>;
}) {
  const t = useT();
  const { session } = useSession();
  const [view, setView] = useState<View>('DOCUMENT');
  const [filter, setFilter] = useState<Filter>('ALL');
  const [search, setSearch] = useState('');
  const grouped: OverdueByDocumentQuery['overdueByDocument'] | undefined = byDocument.data?.overdueByDocument;
  const groups = grouped?.documents ?? [];
  const rows = byUnit.data?.overdueDeliveries ?? [];
  // How many in all: the list by document counts them (the list by unit holds the first OVERDUE_SHOWN).
  const total = grouped?.unitCount ?? 0;
  const shown = rows.filter((d) => matchesFilter(d, filter) && matchesSearch(d.recipientName, d.recipientContacts, search));
  // A unit's own overdue deliveries are listed for it, but it urges only the units below it.
  const own = session?.user.org.id;
  const urgeable = shown.filter((d) => d.recipientOrgId !== own);
  const table = (): Table => ({
    title: t('超期未签收'),
    header: ['收文单位', '公文', '文号', '来文单位', '签收时限', '接收时间', '联系人', '催办'].map((h) => t(h)),
    rows: shown.map((d) => [
      d.recipientName,
      d.title,
      d.docNumber,
      d.senderName,
      fmtTime(d.dueAt),
      fmtTime(d.receivedAt),
      contactsText(d.recipientContacts),
      urgeText(t, d.urges),
    ]),
  });
  const docs = grouped?.documentCount ?? 0;
  const title =
    total === 0
      ? t('当前超期未签收')
      : view === 'DOCUMENT'
        ? docs > groups.length
          ? t('当前超期未签收（{docs} 件公文、{units} 个单位，先列超期最久的 {n} 件）', { docs, units: total, n: groups.length })
          : t('当前超期未签收（{docs} 件公文、{units} 个单位）', { docs, units: total })
        : total > rows.length
          ? t('当前超期未签收（共 {total} 个，列出超期最久的 {n} 个）', { total, n: rows.length })
          : t('当前超期未签收（{n} 个单位）', { n: total });
  const switcher = (
    <span className="actions" data-testid="overdue-view">
      {(['DOCUMENT', 'UNIT'] as const).map((v) => (
        <button key={v} type="button" className={view === v ? 'primary' : ''} aria-pressed={view === v} onClick={() => setView(v)}>
          {v === 'DOCUMENT' ? t('按公文') : t('按单位')}
        </button>
      ))}
    </span>
  );
  return (
    <Section
      title={title}
      actions={
        total > 0 && (
          <div className="actions">
            {switcher}
            {view === 'UNIT' && (
              <>
                <UrgeButton ids={urgeable.map((d) => d.id)} className="" label={t('催办筛选出的单位（{n}）', { n: urgeable.length })} onDone={byUnit.refetch} />
                <ExportButtons base={`${t('超期未签收')}-${todayInBeijing()}`} table={table} />
              </>
            )}
          </div>
        )
      }
    >
      <ErrorNote error={byUnit.error ?? byDocument.error} />
      {grouped && total === 0 && <Empty text={t('下级单位和本单位发往的单位都没有超期未签收的公文（未到查收时间的待签收公文不计入，见各发文的签收情况）')} />}
      {total > 0 && view === 'DOCUMENT' && groups.length > 0 && (
        <UnsignedDeliveries
          groups={groups}
          testId="overdue-by-document"
          overdue
          mayUrge={(d) => d.recipientOrgId !== own}
          onUrged={() => Promise.all([byDocument.refetch(), byUnit.refetch()])}
        />
      )}
      {total > 0 && view === 'UNIT' && (
        <>
          <FilterBar
            count={(f) => rows.filter((r) => matchesFilter(r, f)).length}
            filter={filter}
            setFilter={setFilter}
            search={search}
            setSearch={setSearch}
            filters={['ALL', 'NOT_RECEIVED', 'NOT_SIGNED']}
          />
          <UnsignedDeliveries rows={shown} testId="overdue" overdue mayUrge={(d) => urgeable.includes(d)} onUrged={byUnit.refetch} />
        </>
      )}
    </Section>
  );
}
