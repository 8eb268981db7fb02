'use client';
// 登录: password login, the first-login (or reset, or expired) password change, the lockout message, and 忘记密码 (a
// request to the unit's administrators, who reset the password and hand over a one-time password).
import { useRouter } from 'next/navigation';
import { type FormEvent, useEffect, useState } from 'react';
import { KeyFileField } from '../../components/OwnKeyField';
import { ErrorNote } from '../../components/ui';
import { gql, PlatformError } from '../../lib/client';
import { useLang, useT } from '../../lib/i18n';
import { type KeyFile, signWithKeyFile } from '../../lib/keys';
import { ENDED_KEY, type Session, useSession } from '../../lib/session';

export default function LoginPage() {
  const t = useT();
  const { lang, setLang } = useLang();
  const { begin, session } = useSession();
  const router = useRouter();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [mustChange, setMustChange] = useState(false);
  const [newPassword, setNewPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [error, setError] = useState<PlatformError | null>(null);
  const [busy, setBusy] = useState(false);
  const [mode, setMode] = useState<'password' | 'certificate'>('password');
  // Until the page is interactive the form cannot be sent: a plain browser submit would put the password in the URL.
  const [ready, setReady] = useState(false);
  useEffect(() => setReady(true), []);
  // Here because the session was ended under the person (account disabled, password changed or reset, roles changed,
  // signed out from elsewhere): said once, then forgotten.
  const [ended, setEnded] = useState(false);
  useEffect(() => {
    if (!sessionStorage.getItem(ENDED_KEY)) return;
    sessionStorage.removeItem(ENDED_KEY);
    setEnded(true);
  }, []);
  const [keyFile, setKeyFile] = useState<KeyFile | null>(null);
  // 忘记密码: asked for the name typed; the answer is the same whether or not it is an account's.
  const [forgot, setForgot] = useState<'closed' | 'open' | 'sent'>('closed');
  const askReset = async () => {
    setError(null);
    setBusy(true);
    try {
      await gql('RequestPasswordReset', { username });
      setForgot('sent');
    } catch (err) {
      setError(err as PlatformError);
    } finally {
      setBusy(false);
    }
  };

  const done = (s: Session) => begin(s);
  // Logged in here, or by an open tab that answered late (a busy machine): on to where the person was going.
  useEffect(() => {
    if (!session) return;
    const next = new URLSearchParams(window.location.search).get('next');
    router.replace(next?.startsWith('/') && !next.startsWith('//') ? next : '/inbox');
  }, [session, router]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    setBusy(true);
    try {
      if (mode === 'certificate') {
        // The key stays here: the browser signs the server's one-time challenge with it.
        const c = await gql('CertificateLoginChallenge', { username });
        const signature = await signWithKeyFile(keyFile, c.certificateLoginChallenge.challenge);
        const r = await gql('CertificateLogin', { username, challengeId: c.certificateLoginChallenge.id, signature });
        done(r.certificateLogin);
        return;
      }
      if (mustChange) {
        if (newPassword !== repeat) throw new PlatformError('两次输入的新密码不一致', 'PASSWORDS_DIFFER');
        const r = await gql('ChangeInitialPassword', { username, currentPassword: password, newPassword });
        done(r.changeInitialPassword);
      } else {
        const r = await gql('Login', { username, password });
        done(r.login);
      }
    } catch (err) {
      const pe = err as PlatformError;
      if (pe.code === 'PASSWORD_CHANGE_REQUIRED') setMustChange(true);
      setError(pe);
    } finally {
      setBusy(false);
    }
  };

  return (
    <main className="login">
      <h1>驿站 · {t('电子公文传输')}</h1>
      {ended && (
        <p className="notice" role="status" data-testid="session-ended">
          {t('您的登录已被结束（账号停用、密码修改或重置、角色变更，或在其他地方被退出）。请重新登录；拟稿页未保存的内容仍保留在本页，登录后可恢复。')}
        </p>
      )}
      <form className="card" method="post" onSubmit={submit} aria-label={t('登录')}>
        <div className="grid">
          <label className="field">
            <span>{t('用户名')}</span>
            <input name="username" autoComplete="username" value={username} onChange={(e) => setUsername(e.target.value)} required />
          </label>
          {mode === 'password' ? (
            <label className="field">
              <span>{t(mustChange ? '当前密码' : '密码')}</span>
              <input name="password" type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} required />
            </label>
          ) : (
            <KeyFileField label="私钥文件（平台交付的 .p12，或 PEM 私钥）" name="keyFile" required onKey={setKeyFile} />
          )}
          {mustChange && (
            <>
              <label className="field">
                <span>{t('新密码')}</span>
                <input
                  name="newPassword"
                  type="password"
                  autoComplete="new-password"
                  value={newPassword}
                  onChange={(e) => setNewPassword(e.target.value)}
                  required
                />
              </label>
              <label className="field">
                <span>{t('确认新密码')}</span>
                <input name="repeat" type="password" autoComplete="new-password" value={repeat} onChange={(e) => setRepeat(e.target.value)} required />
              </label>
            </>
          )}
        </div>
        {mustChange && (
          <p className="notice">
            {t('首次登录或密码已重置、已过期：请设置新密码（至少 {n} 位，含大写字母、小写字母、数字、符号中的三类，不含用户名）。', { n: 8 })}
          </p>
        )}
        {error && error.code !== 'PASSWORD_CHANGE_REQUIRED' && <ErrorNote error={error} />}
        <p className="actions">
          <button type="submit" className="primary" disabled={busy || !ready}>
            {t(mustChange ? '修改密码并登录' : '登录')}
          </button>
          <button type="button" className="link" onClick={() => setLang(lang === 'zh' ? 'en' : 'zh')}>
            {lang === 'zh' ? 'English' : '中文'}
          </button>
        </p>
        <p>
          <button type="button" className="link" onClick={() => setMode(mode === 'password' ? 'certificate' : 'password')}>
            {t(mode === 'password' ? '使用数字证书登录' : '使用密码登录')}
          </button>
        </p>
        {mode === 'certificate' && <p className="muted">{t('用本人身份证书的私钥签名登录（私钥不离开本机；不得使用他人证书）。')}</p>}
        {mode === 'password' && !mustChange && (
          <div data-testid="forgot-password">
            {forgot === 'closed' && (
              <button type="button" className="link" onClick={() => setForgot('open')}>
                {t('忘记密码？')}
              </button>
            )}
            {forgot === 'open' && (
              <p className="actions">
                <span className="muted">{t('填写上方用户名后提交，本单位系统管理员将为您重置密码并告知一次性密码。')}</span>
                <button type="button" disabled={busy || !ready || !username.trim()} onClick={() => void askReset()}>
                  {t('申请重置密码')}
                </button>
              </p>
            )}
            {forgot === 'sent' && (
              <p className="notice" role="status">
                {t('申请已提交。如该用户名的账号有效，本单位系统管理员会收到申请，重置后请用其告知的一次性密码登录并设置新密码。')}
              </p>
            )}
          </div>
        )}
      </form>
    </main>
  );
}
