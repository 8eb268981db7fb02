'use client';
// 收文登记簿 | 发文登记簿: the unit's two registers side by side, each on its own page (/register, /register/outgoing),
// each tab shown to the roles that may read that register (services/documents domain/intake.ts, app/numbering.ts).
import { useRouter } from 'next/navigation';
import { useT } from '../lib/i18n';
import { hasRole, useSession } from '../lib/session';

export const INTAKE_REGISTER_ROLES = ['CLERK', 'LEADER', 'SUPERVISOR', 'ADMIN'];
export const OUTGOING_REGISTER_ROLES = ['CLERK', 'LEADER', 'ADMIN'];

const TABS = [
  { key: 'intake', href: '/register', zh: '收文登记簿', roles: INTAKE_REGISTER_ROLES },
  { key: 'outgoing', href: '/register/outgoing', zh: '发文登记簿', roles: OUTGOING_REGISTER_ROLES },
] as const;

export function RegisterTabs({ current }: { current: 'intake' | 'outgoing' }) {
  const t = useT();
  const router = useRouter();
  const { session } = useSession();
  const shown = TABS.filter((x) => hasRole(session, ...x.roles));
  // One register only (a supervisor reads the 收文登记簿 alone): no tabs.
  if (shown.length < 2) return null;
  return (
    <div className="tabs" role="tablist" aria-label={t('登记簿')}>
      {shown.map((x) => (
        <button
          key={x.key}
          type="button"
          role="tab"
          aria-selected={current === x.key}
          className={current === x.key ? 'active' : ''}
          onClick={() => current !== x.key && router.push(x.href)}
        >
          {t(x.zh)}
        </button>
      ))}
    </div>
  );
}
