'use client';
// 督办's tables of deliveries waiting for their 签收 — overdue, and due soon: the unit, the document, its sender, its
// time limit, whether it was opened, the unit's contacts and 催办. A unit's own deliveries are listed for it; it urges
// only the units below it. Grouped by document (临期: a province's broadcast is a hundred rows of one notice), each
// document says once what it is and how many units owe it, urges them together, and opens to its units.
import { useState } from 'react';
import type { UnsignedDeliveryFieldsFragment } from '../generated/operations';
import { fmtTime } from '../lib/format';
import { useT } from '../lib/i18n';
import { ContactList, PhoneUrgeButton, UrgeButton, UrgeTrail } from './Urging';
import { UrgencyTag } from './ui';

export type UnsignedDelivery = UnsignedDeliveryFieldsFragment;

/** A document's group opens by itself when it names this few units. */
const OPEN_UP_TO = 3;

export function UnsignedDeliveries({
  rows,
  testId,
  overdue = false,
  grouped = false,
  mayUrge,
  onUrged,
}: {
  rows: UnsignedDelivery[];
  testId: string;
  /** Past its time limit: marked ⚠ beside the unit. */
  overdue?: boolean;
  /** One group per document, its units under it. */
  grouped?: boolean;
  mayUrge: (d: UnsignedDelivery) => boolean;
  onUrged: () => unknown;
}) {
  const t = useT();
  const [opened, setOpened] = useState<Record<string, boolean>>({});
  const head = (
    <thead>
      <tr>
        <th>{t('收文单位')}</th>
        <th>{t('公文')}</th>
        <th>{t('来文单位')}</th>
        <th>{t('签收时限')}</th>
        <th>{t('接收时间')}</th>
        <th>{t('联系人')}</th>
        <th>{t('催办')}</th>
      </tr>
    </thead>
  );
  // A row under its document's heading repeats nothing of it: a ditto mark, named.
  const sameAsAbove = (
    <span className="muted" title={t('同上')}>
      {t('〃')}
    </span>
  );
  const row = (d: UnsignedDelivery, inGroup: boolean) => (
    <tr key={d.id} data-recipient={d.recipientName}>
      <td>
        {overdue && '⚠ '}
        {d.recipientName}
      </td>
      <td>
        {inGroup ? (
          sameAsAbove
        ) : (
          <>
            <UrgencyTag urgency={d.urgency} />
            {d.title} <span className="muted">{d.docNumber}</span>
          </>
        )}
      </td>
      <td>{inGroup ? sameAsAbove : d.senderName}</td>
      <td className="nowrap">{fmtTime(d.dueAt)}</td>
      <td className="nowrap">{d.receivedAt ? fmtTime(d.receivedAt) : t('未接收')}</td>
      <td>
        <ContactList contacts={d.recipientContacts} />
      </td>
      <td className="actions">
        {/* The one row not urged is the caller's own unit's: it signs for it itself. */}
        {mayUrge(d) ? (
          <>
            <UrgeButton ids={[d.id]} label={t('催办')} onDone={onUrged} />
            <PhoneUrgeButton deliveryId={d.id} contacts={d.recipientContacts} onDone={onUrged} />
          </>
        ) : (
          <span className="muted" data-testid="own-unit">
            {t('本单位，请在收文中签收')}
          </span>
        )}
        <UrgeTrail urges={d.urges} />
      </td>
    </tr>
  );
  if (!grouped)
    return (
      <table data-testid={testId}>
        {head}
        <tbody>{rows.map((d) => row(d, false))}</tbody>
      </table>
    );
  // In the order of the rows (soonest due first): a document stands where its first unit would.
  const groups = new Map<string, UnsignedDelivery[]>();
  for (const d of rows) groups.set(d.documentId, [...(groups.get(d.documentId) ?? []), d]);
  return (
    <table data-testid={testId}>
      {head}
      {[...groups.entries()].map(([documentId, units]) => {
        const first = units[0] as UnsignedDelivery;
        const open = opened[documentId] ?? units.length <= OPEN_UP_TO;
        const urgeable = units.filter(mayUrge).map((d) => d.id);
        return (
          <tbody key={documentId} data-document={documentId}>
            <tr className="group">
              <td colSpan={7}>
                <UrgencyTag urgency={first.urgency} />
                <strong>{first.title}</strong> <span className="muted">{first.docNumber}</span> · {first.senderName} ·{' '}
                <span data-testid="group-count">{t('{n} 个单位待签收，最早 {at} 到期', { n: units.length, at: fmtTime(first.dueAt) })}</span>{' '}
                <button type="button" className="link" aria-expanded={open} onClick={() => setOpened({ ...opened, [documentId]: !open })}>
                  {t(open ? '收起' : '展开 {n} 个单位', { n: units.length })}
                </button>
                {urgeable.length > 1 && (
                  <>
                    {' · '}
                    <UrgeButton ids={urgeable} label={t('催办这 {n} 个单位', { n: urgeable.length })} onDone={onUrged} />
                  </>
                )}
              </td>
            </tr>
            {open && units.map((d) => row(d, true))}
          </tbody>
        );
      })}
    </table>
  );
}
