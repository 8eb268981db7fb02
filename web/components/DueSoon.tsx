'use client';
// 督办's 临期 list: deliveries below the viewer waiting for their 签收 and not yet past due, soonest due first, live —
// what a supervisor may urge before the next check makes it overdue (a unit's own are listed for it; it urges only the
// units below it).
import { useDebounced, useQuery, useSubscription } from '../lib/hooks';
import { useT } from '../lib/i18n';
import { useSession } from '../lib/session';
import { UnsignedDeliveries } from './UnsignedDeliveries';
import { Empty, ErrorNote, Section } from './ui';

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
      {rows.length > 0 && <UnsignedDeliveries rows={rows} testId="due-soon" mayUrge={(d) => d.recipientOrgId !== session?.user.org.id} onUrged={due.refetch} />}
    </Section>
  );
}
