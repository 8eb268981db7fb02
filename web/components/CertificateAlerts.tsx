'use client';
// 证书与CRL到期提醒 (issue 20): above every page of the platform's operators (the top unit's administrators), when a
// certificate — a unit's, a person's, a seal's, the TSA's or the CA's — ends within 30 days (red within 7 or ended),
// or a CRL nears its next update. Read again every ten minutes; the details are on the operations console.
import Link from 'next/link';
import { useEffect } from 'react';
import { useQuery } from '../lib/hooks';
import { useT } from '../lib/i18n';
import { hasRole, useSession } from '../lib/session';

export function CertificateAlerts() {
  const t = useT();
  const { session } = useSession();
  const operator = !!session && hasRole(session, 'ADMIN') && !session.user.org.path.includes('.');
  const { data, refetch } = useQuery('CertificateExpiry', operator ? { withinDays: 30 } : null);
  useEffect(() => {
    if (!operator) return;
    const timer = setInterval(() => void refetch(), 600_000);
    return () => clearInterval(timer);
  }, [operator, refetch]);
  const e = data?.certificateExpiry;
  if (!operator || !e) return null;
  const urgent = e.certificates.filter((c) => c.state === 'URGENT' || c.state === 'EXPIRED').length;
  const crls = e.crls.filter((c) => c.state !== 'OK');
  if (!e.certificates.length && !crls.length) return null;
  return (
    <section className="announcements" aria-label={t('证书与CRL到期提醒')}>
      <div className={`announcement ${urgent || crls.length ? 'outage' : ''}`} role={urgent || crls.length ? 'alert' : 'status'} data-kind="CERTIFICATE_EXPIRY">
        <strong>
          {t('证书与CRL到期提醒')}
          {t('：')}
        </strong>
        {e.certificates.length > 0 && (
          <span>
            {t('{n} 张证书将在{d}天内到期，其中 {u} 张在{du}天内到期或已到期。', { n: e.certificates.length, d: e.withinDays, u: urgent, du: e.urgentDays })}
          </span>
        )}
        {crls.map((c) => (
          <span key={c.suite}>
            {t(c.state === 'OVERDUE' ? '{s} 证书吊销列表已过下次更新时间。' : '{s} 证书吊销列表将在{h}小时内到下次更新时间。', {
              s: c.suite,
              h: Math.max(0, c.hoursLeft).toFixed(1),
            })}
          </span>
        ))}
        <Link href="/operations">{t('查看运维监控')}</Link>
      </div>
    </section>
  );
}
