'use client';
// 我的账号: who I am, my password, and where I am logged in — each login with its time and address, and the buttons
// that end the others (a computer left logged in elsewhere) or all of them; the chime and desktop notification on an
// urgent arrival, switched on or off.
import { useRouter } from 'next/navigation';
import { useEffect, useState } from 'react';
import { Shell } from '../../components/Shell';
import { ErrorNote, ROLE, Section } from '../../components/ui';
import { alertsEnabled, setAlertsEnabled } from '../../lib/alerts';
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
            <dd>{user.roles.map((r) => t(ROLE[r] ?? r)).join(t('、'))}</dd>
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
                <th>{t('浏览器与系统')}</th>
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
                  <td data-testid="session-device">{s.device ?? t('未知')}</td>
                  <td>{s.clientAddress ?? '—'}</td>
                  <td>{fmtTime(s.expiresAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </Section>
      </div>
      <UrgentAlertSettings />
    </>
  );
}

/** 提醒: the chime and desktop notification on an urgent arrival, switched here; the browser asks consent on the click. */
function UrgentAlertSettings() {
  const t = useT();
  const [on, setOn] = useState(true);
  const [permission, setPermission] = useState<string>('default');
  useEffect(() => {
    setOn(alertsEnabled());
    setPermission(typeof Notification === 'undefined' ? 'unsupported' : Notification.permission);
  }, []);
  const words: Record<string, string> = {
    granted: '已允许桌面通知',
    denied: '浏览器已拒绝桌面通知（可在浏览器的网站设置中更改）',
    default: '尚未允许桌面通知',
    unsupported: '此浏览器不支持桌面通知',
  };
  return (
    <Section title={t('提醒')}>
      <p>
        <label className="check">
          <input
            type="checkbox"
            checked={on}
            onChange={(e) => {
              setAlertsEnabled(e.target.checked);
              setOn(e.target.checked);
            }}
          />{' '}
          {t('特提、特急、加急公文到达时播放提示音并显示桌面通知')}
        </label>
      </p>
      <p className="actions">
        <span className="muted" data-testid="notification-permission">
          {t(words[permission] ?? permission)}
        </span>
        {permission === 'default' && (
          <button type="button" disabled={!on} onClick={() => void Notification.requestPermission().then((p) => setPermission(p))}>
            {t('允许桌面通知')}
          </button>
        )}
      </p>
      <p className="muted">{t('提示音在页面上第一次点击或按键后才能播放（浏览器的规定）；页面上方的到达提示始终显示。')}</p>
    </Section>
  );
}
