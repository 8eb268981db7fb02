'use client';
// 发文: the unit's sent documents, each with how far it has been signed for.
import Link from 'next/link';
import { Shell } from '../../components/Shell';
import { Empty, ErrorNote, Section, UrgencyTag } from '../../components/ui';
import { fmtTime } from '../../lib/format';
import { useQuery } from '../../lib/hooks';
import { useT } from '../../lib/i18n';

export default function SentPage() {
  return (
    <Shell>
      <SentList />
    </Shell>
  );
}

function SentList() {
  const t = useT();
  const { data, error } = useQuery('Documents', { status: 'SENT', first: 100 });
  return (
    <>
      <h1>{t('发文')}</h1>
      <ErrorNote error={error} />
      <Section title={t('已发送的公文')}>
        {data && data.documents.length === 0 && <Empty text={t('本单位还没有发送公文')} />}
        {data && data.documents.length > 0 && (
          <table>
            <thead>
              <tr>
                <th>{t('标题')}</th>
                <th>{t('发文字号')}</th>
                <th>{t('发送时间')}</th>
                <th>{t('签收情况')}</th>
              </tr>
            </thead>
            <tbody>
              {data.documents.map((d) => (
                <tr key={d.id}>
                  <td>
                    <UrgencyTag urgency={d.urgency} />
                    <Link href={`/sent/${d.id}`}>{d.title}</Link>
                  </td>
                  <td className="nowrap">{d.docNumber}</td>
                  <td>{fmtTime(d.sentAt)}</td>
                  <td>{d.deliveryStats ? t('{r} / {n} 已签收', { r: d.deliveryStats.signed, n: d.deliveryStats.total }) : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Section>
    </>
  );
}
