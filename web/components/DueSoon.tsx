'use client';
// 督办's 临期 list: deliveries below the viewer waiting for their 签收 and not yet past due, soonest due first, live —
// what a supervisor may urge before the next check makes it overdue.
import { fmtTime } from '../lib/format';
import { useDebounced, useQuery, useSubscription } from '../lib/hooks';
import { useT } from '../lib/i18n';
import { useSession } from '../lib/session';
import { ContactList, UrgeButton, UrgeTrail } from './Urging';
import { Empty, ErrorNote, Section, UrgencyTag } from './ui';

const SHOWN = 200;

export function DueSoon() {
  const t = useT();
  const { session } = useSession();
  const due = useQuery('DueSoon', { first: SHOWN });
  // A 签收 takes a row off, an arrival adds one: read again at most twice a second.
  const refresh = useDebounced(() => void due.refetch(), 500);
  useSubscription('SubtreeReceipts', {}, refresh);
  const rows = due.data?.dueSoonDeliveries ?? [];
  return (
    <Section title={rows.length >= SHOWN ? t('临期待签收（最早到期的 {n} 件）', { n: SHOWN }) : t('临期待签收（{n} 件）', { n: rows.length })}>
      <ErrorNote error={due.error} />
      {due.data && rows.length === 0 && <Empty text={t('下级单位没有待签收的公文')} />}
      {rows.length > 0 && (
        <table data-testid="due-soon">
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
                <td>{d.recipientName}</td>
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
                  {/* A unit's own deliveries are listed for it; it urges only the units below it. */}
                  {d.recipientOrgId !== session?.user.org.id && <UrgeButton ids={[d.id]} label={t('催办')} onDone={due.refetch} />}
                  <UrgeTrail urges={d.urges} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Section>
  );
}
