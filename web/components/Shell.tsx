'use client';
// The frame of every page after login: the unit, the person, the sections they may use with what waits in them (and
// in the tab's title), the live indicator, and urgent arrivals.
import Link from 'next/link';
import { usePathname, useRouter } from 'next/navigation';
import { type ReactNode, useEffect } from 'react';
import { useLive } from '../lib/hooks';
import { useLang, useT } from '../lib/i18n';
import { hasRole, REGISTER_READERS, useSession } from '../lib/session';
import { Announcements } from './Announcements';
import { CertificateAlerts } from './CertificateAlerts';
import { NavCount, UrgentArrivals, useTabTitle, useWorkCounts } from './WorkCounts';

const NAV: { href: string; zh: string; roles?: string[]; top?: boolean }[] = [
  { href: '/inbox', zh: '收文' },
  // 待办: everyone may be given something to handle or read (services/documents app/todo.ts).
  { href: '/todo', zh: '待办' },
  // The register is read by the unit's clerks, leaders, supervisors and administrators (services/documents domain/intake.ts).
  { href: '/register', zh: '登记簿', roles: REGISTER_READERS },
  // 纸质补录: what travelled on paper during an outage, recorded afterwards (services/documents app/paper-records.ts).
  { href: '/paper', zh: '纸质补录', roles: REGISTER_READERS },
  { href: '/compose', zh: '拟稿', roles: ['DRAFTER'] },
  { href: '/approvals', zh: '审批', roles: ['APPROVER', 'LEADER', 'DRAFTER', 'CLERK'] },
  { href: '/countersign', zh: '会签', roles: ['LEADER', 'SEAL_KEEPER', 'DRAFTER', 'CLERK'] },
  { href: '/sent', zh: '发文' },
  { href: '/supervision', zh: '督办', roles: ['SUPERVISOR', 'ADMIN', 'LEADER'] },
  // 统计: the subtree's figures at a glance, for those who watch it (services/documents app/statistics.ts).
  { href: '/statistics', zh: '统计', roles: ['SUPERVISOR', 'ADMIN', 'LEADER'] },
  // 考核评比: the units below scored and the result published; the units above's results read (services/documents app/assessment.ts).
  { href: '/assessment', zh: '考核评比', roles: ['SUPERVISOR', 'ADMIN', 'LEADER'] },
  { href: '/seals', zh: '印章', roles: ['SEAL_KEEPER', 'ADMIN', 'LEADER'] },
  { href: '/certificates', zh: '证书' },
  { href: '/archive', zh: '档案' },
  { href: '/information', zh: '信息' },
  // 内部邮件: a few people writing to each other (seed 003 §33(一); services/org app/mail.ts).
  { href: '/mail', zh: '内部邮件' },
  // 论坛: topics shared for discussion with the audience their poster chose (seed 003 §31–32; services/org app/forum.ts).
  { href: '/forum', zh: '论坛' },
  // 故障报告: any unit reports a fault; the offices above answer it (seed 003 §44–45).
  { href: '/faults', zh: '故障报告' },
  { href: '/admin', zh: '系统管理', roles: ['ADMIN'] },
  // 运维监控: the platform's operators, the top unit's administrators (gateway/src/operations.ts).
  { href: '/operations', zh: '运维监控', roles: ['ADMIN'], top: true },
];

/** What waits beside an entry of the navigation: 待签收 beside 收文, 待办 beside 待办, unread mail beside 内部邮件, and
 * beside 信息 what was sent back to the person to change (she is told of a 退回 wherever she is). */
const COUNTED: Record<string, { key: 'unsigned' | 'todo' | 'mail' | 'information'; zh: string }> = {
  '/inbox': { key: 'unsigned', zh: '{n} 件待签收' },
  '/todo': { key: 'todo', zh: '{n} 件待办' },
  '/information': { key: 'information', zh: '{n} 条信息被退回，待修改' },
  '/mail': { key: 'mail', zh: '{n} 封未读邮件' },
};

/** 待签收 is the clerks' to do: it is counted for them only (a leader cannot sign for what the unit received). */
function Counted({ token, signs, children }: { token: string; signs: boolean; children: (counts: ReturnType<typeof useWorkCounts>) => ReactNode }) {
  const work = useWorkCounts(token);
  useTabTitle((signs ? (work.counts.unsigned ?? 0) : 0) + (work.counts.todo ?? 0));
  return <>{children(work)}</>;
}

export function Shell({ children }: { children: ReactNode }) {
  const { session, ready, end } = useSession();
  const router = useRouter();
  const path = usePathname();
  const t = useT();
  const { lang, setLang } = useLang();
  const live = useLive();
  useEffect(() => {
    if (ready && !session) router.replace(`/login?next=${encodeURIComponent(path)}`);
  }, [ready, session, router, path]);
  if (!session) return <main className="loading">{t('加载中…')}</main>;
  const signs = hasRole(session, 'CLERK');
  return (
    <Counted token={session.token} signs={signs}>
      {(work) => (
        <>
          <header className="topbar">
            <Link href="/inbox" className="brand">
              驿站 <small>{t('电子公文传输')}</small>
            </Link>
            <nav aria-label={t('主菜单')}>
              {NAV.filter((n) => (!n.roles || hasRole(session, ...n.roles)) && (!n.top || !session.user.org.path.includes('.'))).map((n) => {
                const counted = n.href !== '/inbox' || signs ? COUNTED[n.href] : undefined;
                const count = counted ? work.counts[counted.key] : null;
                return (
                  <Link
                    key={n.href}
                    href={n.href}
                    className={path.startsWith(n.href) ? 'active' : ''}
                    title={counted && count ? t(counted.zh, { n: count }) : undefined}
                  >
                    {t(n.zh)}
                    {counted && <NavCount n={count} testId={`nav-count-${n.href.slice(1)}`} />}
                  </Link>
                );
              })}
            </nav>
            <div className="who">
              <span className={`live ${live}`} data-live={live} title={t('实时连接')}>
                <span aria-hidden="true">{live === 'live' ? '●' : '◌'}</span> {t(live === 'live' ? '实时' : live === 'reconnecting' ? '重新连接中' : '连接中')}
              </span>
              <span className="org">{session.user.org.name}</span>
              <Link href="/account" className="user" title={t('我的账号')}>
                {session.user.displayName}
              </Link>
              <button type="button" className="link" data-lang-switch onClick={() => setLang(lang === 'zh' ? 'en' : 'zh')}>
                {lang === 'zh' ? 'English' : '中文'}
              </button>
              <button
                type="button"
                className="link"
                onClick={async () => {
                  await end();
                  router.replace('/login');
                }}
              >
                {t('退出')}
              </button>
            </div>
          </header>
          <Announcements />
          <CertificateAlerts />
          <UrgentArrivals arrivals={work.arrivals} dismiss={work.dismiss} />
          <main className="page">{children}</main>
        </>
      )}
    </Counted>
  );
}
