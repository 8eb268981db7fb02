'use client';
// 督办's 临期 list: deliveries below the viewer waiting for their 签收 and not yet past due, soonest due first, live —
// what a supervisor may urge before the next check makes it overdue (a unit's own are listed for it; it urges only the
// units below it).
import type { DueSoonQuery } from '../generated/operations';
import type { useQuery } from '../lib/hooks';
import { useT } from '../lib/i18n';
import { useSession } from '../lib/session';
import { UnsignedDeliveries } from './UnsignedDeliveries';
import { Empty, ErrorNote, Section } from './ui';

export const DUE_SOON_SHOWN = 200;

/** The list, from the page's query: the page reads it again on the same events as its overdue list (a 签收 takes a row
 * off, an arrival adds one, a check that passes moves it to the overdue). */
export function DueSoon({ due }: { due: ReturnType<typeof useQuery<'DueSoon'>> }) {
  const t = useT();
  const { session } = useSession();
  const rows: DueSoonQuery['dueSoonDeliveries'] = due.data?.dueSoonDeliveries ?? [];
  return (
    <Section
      title={rows.length >= DUE_SOON_SHOWN ? t('临期待签收（最早到期的 {n} 件）', { n: DUE_SOON_SHOWN }) : t('临期待签收（{n} 件）', { n: rows.length })}
    >
      <ErrorNote error={due.error} />
      {due.data && rows.length === 0 && <Empty text={t('下级单位和本单位发往的单位都没有待签收的公文')} />}
      {rows.length > 0 && (
        <UnsignedDeliveries rows={rows} testId="due-soon" grouped mayUrge={(d) => d.recipientOrgId !== session?.user.org.id} onUrged={due.refetch} />
      )}
    </Section>
  );
}
