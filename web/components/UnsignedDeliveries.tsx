'use client';
// 督办's tables of deliveries waiting for their 签收 — overdue, and due soon: the unit, the document, its sender, its
// time limit, whether it was opened, the unit's contacts and 催办. A unit's own deliveries are listed for it; it urges
// only the units below it. Grouped by document (a province's broadcast is thousands of units of one notice, the service
// counts them per document), each document says once what it is and how many units owe it — all of them, not only those
// loaded, and how many have not opened it —, urges them all together, and opens to its first units, saying so when
// there are more.
import { useState } from 'react';
import type { UnsignedDeliveryFieldsFragment, UnsignedDocumentFieldsFragment } from '../generated/operations';
import { gql } from '../lib/client';
import { fmtTime } from '../lib/format';
import { useAction } from '../lib/hooks';
import { useT } from '../lib/i18n';
import { ConfirmButton } from './Confirm';
import { ContactList, PhoneUrgeButton, UrgeButton, UrgeTrail } from './Urging';
import { ErrorNote, UrgencyTag } from './ui';

export type UnsignedDelivery = UnsignedDeliveryFieldsFragment;
/** One document of 临期 or of the overdue list as the service groups it: its true figures and its first units. */
export type UnsignedGroup = UnsignedDocumentFieldsFragment;

/** A document's group opens by itself when it names this few units. */
const OPEN_UP_TO = 3;

export function UnsignedDeliveries({
  rows = [],
  groups,
  testId,
  overdue = false,
  mayUrge,
  onUrged,
}: {
  rows?: UnsignedDelivery[];
  /** One group per document, its first units under it (instead of rows). */
  groups?: UnsignedGroup[];
  testId: string;
  /** Past its time limit: marked ⚠ beside the unit. */
  overdue?: boolean;
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
  if (!groups)
    return (
      <table data-testid={testId}>
        {head}
        <tbody>{rows.map((d) => row(d, false))}</tbody>
      </table>
    );
  // In the service's order (earliest due first); each group's units soonest due first.
  return (
    <table data-testid={testId}>
      {head}
      {groups.map((g) => {
        const units = g.deliveries;
        const open = opened[g.documentId] ?? units.length <= OPEN_UP_TO;
        const more = g.waiting > units.length;
        // The group's 催办 reaches every unit the viewer may urge, those not loaded too; one loaded unit has its own.
        const urgeableLoaded = units.filter(mayUrge).length;
        const listed = { n: units.length, total: g.waiting, rest: g.waiting - units.length };
        return (
          <tbody key={g.documentId} data-document={g.documentId}>
            <tr className="group">
              <td colSpan={7}>
                <UrgencyTag urgency={g.urgency} />
                <strong>{g.title}</strong> <span className="muted">{g.docNumber}</span> · {g.senderName} ·{' '}
                <span data-testid="group-count">
                  {overdue
                    ? t('{n} 个单位超期未签收（{m} 个未接收），时限最早 {at}', { n: g.waiting, m: g.unreceived, at: fmtTime(g.earliestDueAt) })
                    : t('{n} 个单位待签收（{m} 个未接收），最早 {at} 到期', { n: g.waiting, m: g.unreceived, at: fmtTime(g.earliestDueAt) })}
                </span>{' '}
                <button type="button" className="link" aria-expanded={open} onClick={() => setOpened({ ...opened, [g.documentId]: !open })}>
                  {open
                    ? t('收起')
                    : more
                      ? overdue
                        ? t('展开超期最久的 {n} 个单位（共 {total} 个）', { n: units.length, total: g.waiting })
                        : t('展开最早到期的 {n} 个单位（共 {total} 个）', { n: units.length, total: g.waiting })
                      : t('展开 {n} 个单位', { n: units.length })}
                </button>
                {(g.urgeable > 1 || g.urgeable > urgeableLoaded) && (
                  <>
                    {' · '}
                    <GroupUrgeButton documentId={g.documentId} count={g.urgeable} overdue={overdue} onDone={onUrged} />
                  </>
                )}
              </td>
            </tr>
            {open && units.map((d) => row(d, true))}
            {open && more && (
              <tr className="muted" data-testid="group-more">
                <td colSpan={7}>
                  {overdue
                    ? t('显示前 {n} 个，共 {total} 个单位超期未签收；其余 {rest} 个未列出，催办这一组时一并催办', listed)
                    : t('显示前 {n} 个，共 {total} 个单位待签收；其余 {rest} 个未列出，催办这一组时一并催办', listed)}
                </td>
              </tr>
            )}
          </tbody>
        );
      })}
    </table>
  );
}

/** One click: urges every unit of the document the viewer may urge in its list (overdue, or due soon), however many
 * (the service finds them), and says how many were left for now because they were urged a moment ago. */
function GroupUrgeButton({ documentId, count, overdue, onDone }: { documentId: string; count: number; overdue: boolean; onDone: () => unknown }) {
  const t = useT();
  const act = useAction();
  const [done, setDone] = useState<{ urged: number; urgedRecently: number; urgeableAt: string | null } | null>(null);
  return (
    <>
      {/* A notice to every unit and an SMS to each of their contacts, perhaps hundreds: asked once more. */}
      <ConfirmButton
        label={t('催办这 {n} 个单位', { n: count })}
        className="link"
        testId="group-urge"
        disabled={act.busy}
        question={t('催办这 {n} 个单位？', { n: count })}
        confirmLabel={t('催办')}
        onConfirm={() =>
          void act.run(async () => {
            setDone(
              overdue
                ? (await gql('UrgeOverdueOfDocument', { documentId })).urgeOverdueOfDocument
                : (await gql('UrgeDueSoonOfDocument', { documentId })).urgeDueSoonOfDocument,
            );
            await onDone();
          })
        }
      >
        <p>{t('每个单位都会收到站内催办提醒，已登记手机的联系人同时收到短信。10 分钟内刚催办过的单位这次不再催办。')}</p>
      </ConfirmButton>
      {done && (
        <span className="muted" data-testid="group-urged">
          {' '}
          {done.urgedRecently
            ? t('已催办 {n} 个单位；{m} 个单位 10 分钟内刚催办过，{at} 后可再催办', {
                n: done.urged,
                m: done.urgedRecently,
                at: fmtTime(done.urgeableAt),
              })
            : t('已催办 {n} 个单位', { n: done.urged })}
        </span>
      )}
      <ErrorNote error={act.error} />
    </>
  );
}
