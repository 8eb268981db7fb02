'use client';
// 督办's 临期 list: deliveries below the viewer waiting for their 签收 and not yet past due, by document (the service
// groups and counts them: a province's broadcast to thousands of units is one document, counted in full), earliest
// due first, live — what a supervisor may urge before the next check makes it overdue (a unit's own are listed for
// it; it urges only the units below it and those its unit sent to).
import type { DueSoonQuery } from '../generated/operations';
import type { useQuery } from '../lib/hooks';
import { useT } from '../lib/i18n';
import { useSession } from '../lib/session';
import { UnsignedDeliveries } from './UnsignedDeliveries';
import { Empty, ErrorNote, Section } from './ui';

/** The documents listed, and the units loaded under each (at most 2000 rows in all, as the service allows). */
export const DUE_SOON_DOCUMENTS = 40;
export const DUE_SOON_UNITS_EACH = 50;

/** The list, from the page's query: the page reads it again on the same events as its overdue list (a 签收 takes a row
 * off, an arrival adds one, a check that passes moves it to the overdue). */
export function DueSoon({ due }: { due: ReturnType<typeof useQuery<'DueSoon'>> }) {
  const t = useT();
  const { session } = useSession();
  const all: DueSoonQuery['dueSoonByDocument'] | undefined = due.data?.dueSoonByDocument;
  const groups = all?.documents ?? [];
  const counts = { docs: all?.documentCount ?? 0, units: all?.unitCount ?? 0, n: groups.length };
  return (
    <Section
      title={
        counts.docs > groups.length
          ? t('临期待签收（{docs} 件公文、{units} 个单位，先列最早到期的 {n} 件）', counts)
          : t('临期待签收（{docs} 件公文、{units} 个单位）', counts)
      }
    >
      <ErrorNote error={due.error} />
      {all && groups.length === 0 && <Empty text={t('下级单位和本单位发往的单位都没有待签收的公文')} />}
      {groups.length > 0 && (
        <UnsignedDeliveries groups={groups} testId="due-soon" mayUrge={(d) => d.recipientOrgId !== session?.user.org.id} onUrged={due.refetch} />
      )}
    </Section>
  );
}
