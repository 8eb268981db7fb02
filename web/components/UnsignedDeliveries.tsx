'use client';
// 督办's tables of deliveries waiting for their 签收 — overdue, and due soon: the unit, the document, its sender, its
// time limit, whether it was opened, the unit's contacts and 催办. A unit's own deliveries are listed for it; it urges
// only the units below it.
import type { UnsignedDeliveryFieldsFragment } from '../generated/operations';
import { fmtTime } from '../lib/format';
import { useT } from '../lib/i18n';
import { ContactList, UrgeButton, UrgeTrail } from './Urging';
import { UrgencyTag } from './ui';

export type UnsignedDelivery = UnsignedDeliveryFieldsFragment;

export function UnsignedDeliveries({
  rows,
  testId,
  overdue = false,
  mayUrge,
  onUrged,
}: {
  rows: UnsignedDelivery[];
  testId: string;
  /** Past its time limit: marked ⚠ beside the unit. */
  overdue?: boolean;
  mayUrge: (d: UnsignedDelivery) => boolean;
  onUrged: () => unknown;
}) {
  const t = useT();
  return (
    <table data-testid={testId}>
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
      <tbody>
        {rows.map((d) => (
          <tr key={d.id} data-recipient={d.recipientName}>
            <td>
              {overdue && '⚠ '}
              {d.recipientName}
            </td>
            <td>
              <UrgencyTag urgency={d.urgency} />
              {d.title} <span className="muted">{d.docNumber}</span>
            </td>
            <td>{d.senderName}</td>
            <td>{fmtTime(d.dueAt)}</td>
            <td>{d.receivedAt ? fmtTime(d.receivedAt) : t('未接收')}</td>
            <td>
              <ContactList contacts={d.recipientContacts} />
            </td>
            <td className="actions">
              {/* The one row not urged is the caller's own unit's: it signs for it itself. */}
              {mayUrge(d) ? (
                <UrgeButton ids={[d.id]} label={t('催办')} onDone={onUrged} />
              ) : (
                <span className="muted" data-testid="own-unit">
                  {t('本单位，请在收文中签收')}
                </span>
              )}
              <UrgeTrail urges={d.urges} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
