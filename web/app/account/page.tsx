'use client';
// 我的账号: who I am, my password, and where I am logged in — each login with its time and address, and the buttons
// that end the others (a computer left logged in elsewhere) or all of them.
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { Shell } from '../../components/Shell';
import { ErrorNote, ROLE, Section } from '../../components/ui';
import { gql } from '../../lib/client';
import { fmtTime } from '../../lib/format';
import { useAction, useQuery } from '../../lib/hooks';
import { useT } from '../../lib/i18n';
import { useSession } from '../../lib/session';

export default function AccountPage() {
  return (
    <Shell>
      <Account />
    </Shell>
  );
}

function Account() {
  const t = useT();
  const router = useRouter();
  const { session, end } = useSession();
  const sessions = useQuery('MySessions', {});
  const act = useAction();
  const [done, setDone] = useState<string | null>(null);
  const [pw, setPw] = useState({ current: '', next: '', again: '' });
  const user = session!.user;

  const endOthers = async () => {
    const n = await act.run(() => gql('LogoutEverywhere', { keepThisOne: true }));
    if (n !== undefined) {
      setDone(t('已退出其他 {n} 处登录。', { n: n.logoutEverywhere }));
      await sessions.refetch();
    }
  };
  const endAll = async () => {
    if ((await act.run(() => gql('LogoutEverywhere', { keepThisOne: false }))) === undefined) return;
    await end();
    router.replace('/login');
  };
  const changePassword = async () => {
    if (pw.next !== pw.again) {
      act.setError(null);
      setDone(t('两次输入的新密码不一致'));
      return;
    }
    const r = await act.run(() => gql('ChangePassword', { currentPassword: pw.current, newPassword: pw.next }));
    if (r !== undefined) {
      setPw({ current: '', next: '', again: '' });
      setDone(t('密码已修改；其他地方的登录已退出。'));
      await sessions.refetch();
    }
  };

  return (
    <>
      <h1>{t('我的账号')}</h1>
      <ErrorNote error={sessions.error ?? act.error} />
      {done && (
        <p className="notice" role="status">
          {done}
        </p>
      )}
      <div className="split">
        <Section title={t('账号')}>
          <dl>
            <dt>{t('姓名')}</dt>
            <dd>{user.displayName}</dd>
            <dt>{t('单位')}</dt>
            <dd>{user.org.name}</dd>
            <dt>{t('角色')}</dt>
            <dd>{user.roles.map((r) => t(ROLE[r] ?? r)).join('、')}</dd>
          </dl>
          <form
            onSubmit={(e) => {
              e.preventDefault();
              void changePassword();
            }}
          >
            <h3>{t('修改密码')}</h3>
            <label>
              {t('当前密码')}
              <input type="password" autoComplete="current-password" value={pw.current} onChange={(e) => setPw({ ...pw, current: e.target.value })} required />
            </label>
            <label>
              {t('新密码')}
              <input type="password" autoComplete="new-password" value={pw.next} onChange={(e) => setPw({ ...pw, next: e.target.value })} required />
            </label>
            <label>
              {t('确认新密码')}
              <input type="password" autoComplete="new-password" value={pw.again} onChange={(e) => setPw({ ...pw, again: e.target.value })} required />
            </label>
            <button type="submit" className="primary" disabled={act.busy}>
              {t('修改密码')}
            </button>
          </form>
        </Section>
        <Section
          title={t('登录情况')}
          actions={
            <>
              <button type="button" onClick={() => void endOthers()} disabled={act.busy}>
                {t('退出其他登录')}
              </button>{' '}
              <button type="button" onClick={() => void endAll()} disabled={act.busy}>
                {t('全部退出')}
              </button>
            </>
          }
        >
          <table>
            <thead>
              <tr>
                <th>{t('登录时间')}</th>
                <th>{t('方式')}</th>
                <th>{t('地址')}</th>
                <th>{t('有效至')}</th>
              </tr>
            </thead>
            <tbody>
              {(sessions.data?.mySessions ?? []).map((s) => (
                <tr key={s.id} data-session={s.current ? 'current' : 'other'}>
                  <td>
                    {fmtTime(s.startedAt)} {s.current && <strong>{t('（本次登录）')}</strong>}
                  </td>
                  <td>{t(s.method === 'CERTIFICATE' ? '证书' : '密码')}</td>
                  <td>{s.clientAddress ?? '—'}</td>
                  <td>{fmtTime(s.expiresAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </Section>
      </div>
    </>
  );
}
