'use client';
// 用户与角色: a unit's accounts — create (the one-time password shown once), change roles, unlock, reset (a person's
// own request from the login page shown), record their training (培训考核, seed 004: 考核合格后方能上岗), end their
// sessions, disable (after a confirmation) or enable.
import { useState } from 'react';
import type { Role } from '../../generated/operations';
import { gql } from '../../lib/client';
import { fmtTime } from '../../lib/format';
import { useAction, useQuery } from '../../lib/hooks';
import type { T } from '../../lib/i18n';
import { useSession } from '../../lib/session';
import { ConfirmButton } from '../Confirm';
import { ErrorNote, ROLE, Section } from '../ui';
import { InlineText } from './InlineText';

export function UsersPanel({ t, orgId }: { t: T; orgId: string }) {
  const { data, error, refetch } = useQuery('Users', { orgId });
  const act = useAction();
  // The new account's form answers beside itself: a refusal (a user name taken) is read where it was typed.
  const creating = useAction();
  const [secret, setSecret] = useState<{ name: string; username: string; password: string } | null>(null);
  const [form, setForm] = useState({ username: '', displayName: '', roles: [] as string[], trainedOn: '', trainingNote: '' });
  const [editing, setEditing] = useState<{ id: string; roles: string[] } | null>(null);
  const [ended, setEnded] = useState<string | null>(null);
  // A person's mobile (where 自动催办 texts a leader) is the business of the person's own unit's administrators only.
  const { session } = useSession();
  const ownUnit = session?.user.org.id === orgId;
  const [training, setTraining] = useState<{ id: string; day: string; note: string } | null>(null);
  const run = async (fn: () => Promise<unknown>): Promise<boolean> => {
    if ((await act.run(fn)) === undefined) return false;
    await refetch();
    return true;
  };
  return (
    <Section title={t('用户与角色')}>
      <ErrorNote error={error ?? act.error} />
      {ended && (
        <p className="notice" role="status">
          {ended}
        </p>
      )}
      {secret && (
        <p className="notice" role="status">
          {t('{name} 的一次性密码（登录用户名 {u}）：', { name: secret.name, u: secret.username })} <code>{secret.password}</code>{' '}
          {t('（仅显示一次，首次登录须修改）')}
        </p>
      )}
      <table>
        <thead>
          <tr>
            <th>{t('用户名')}</th>
            <th>{t('姓名')}</th>
            <th>{t('角色')}</th>
            <th>{t('状态')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {(data?.users ?? []).map((u) => (
            <tr key={u.id} data-user={u.username}>
              <td>{u.username}</td>
              <td>
                {u.displayName}
                {/* 职务: printed beside a leader's name on an order they sign. */}
                <InlineText
                  t={t}
                  testId="post"
                  name="post"
                  label={t('职务')}
                  inputLabel={t('{u} 的职务', { u: u.displayName })}
                  value={u.post ?? null}
                  editWord={t('修改职务')}
                  saveWord={t('保存职务')}
                  busy={act.busy}
                  onSave={(post) => run(() => gql('SetUserPost', { id: u.id, post: post || null }))}
                />
                {ownUnit && (
                  <InlineText
                    t={t}
                    testId="mobile"
                    name="mobile"
                    label={t('手机')}
                    inputLabel={t('{u} 的手机号码', { u: u.displayName })}
                    value={u.mobile ?? null}
                    editWord={t('修改手机')}
                    saveWord={t('保存手机')}
                    busy={act.busy}
                    onSave={(mobile) => run(() => gql('SetUserMobile', { id: u.id, mobile: mobile || null }))}
                  />
                )}
                <div className="muted" data-testid="training">
                  {training?.id === u.id ? (
                    <span className="actions">
                      <input
                        type="date"
                        aria-label={t('{u} 培训考核合格日期', { u: u.displayName })}
                        value={training.day}
                        onChange={(e) => setTraining({ ...training, day: e.target.value })}
                      />
                      <input
                        aria-label={t('培训名称')}
                        placeholder={t('如：全省电子公文传输培训')}
                        value={training.note}
                        onChange={(e) => setTraining({ ...training, note: e.target.value })}
                      />
                      <button
                        type="button"
                        className="primary"
                        disabled={act.busy || !training.day}
                        onClick={() =>
                          void run(async () => {
                            const r = await gql('RecordUserTraining', { id: u.id, trainedOn: training.day, note: training.note.trim() || null });
                            setTraining(null);
                            return r;
                          })
                        }
                      >
                        {t('保存培训记录')}
                      </button>
                      <button type="button" onClick={() => setTraining(null)}>
                        {t('取消')}
                      </button>
                    </span>
                  ) : (
                    <>
                      {u.trainedOn ? (
                        <>
                          {t('培训考核合格 {d}', { d: u.trainedOn })}
                          {u.trainingNote ? t('（{r}）', { r: u.trainingNote }) : ''}
                        </>
                      ) : (
                        <span className="badge warn">{t('未登记培训考核')}</span>
                      )}{' '}
                      <button type="button" className="link" onClick={() => setTraining({ id: u.id, day: u.trainedOn ?? '', note: u.trainingNote ?? '' })}>
                        {t('登记培训')}
                      </button>
                    </>
                  )}
                </div>
              </td>
              <td data-testid="roles">
                {editing?.id === u.id ? (
                  <div className="chips">
                    {Object.entries(ROLE).map(([r, zh]) => (
                      <label key={r} className="chip">
                        <input
                          type="checkbox"
                          checked={editing.roles.includes(r)}
                          onChange={(e) => setEditing({ ...editing, roles: e.target.checked ? [...editing.roles, r] : editing.roles.filter((x) => x !== r) })}
                        />{' '}
                        {t(zh)}
                      </label>
                    ))}
                    <button
                      type="button"
                      className="primary"
                      disabled={act.busy || editing.roles.length === 0}
                      onClick={() =>
                        void run(async () => {
                          const r = await gql('SetUserRoles', { id: u.id, roles: editing.roles });
                          setEditing(null);
                          return r;
                        })
                      }
                    >
                      {t('保存角色')}
                    </button>
                    <button type="button" onClick={() => setEditing(null)}>
                      {t('取消')}
                    </button>
                  </div>
                ) : (
                  <>
                    {u.roles.map((r) => t(ROLE[r] ?? r)).join(t('、'))}{' '}
                    <button type="button" className="link" onClick={() => setEditing({ id: u.id, roles: [...u.roles] })}>
                      {t('修改角色')}
                    </button>
                  </>
                )}
              </td>
              <td>
                {/* One status in words: 正常 only when nothing holds the person back. */}
                {u.status !== 'ACTIVE' ? t('已停用') : u.lockedAt ? '' : u.loginDelayed ? t('暂停登录') : t('正常')}
                {u.lockedAt && <span className="badge bad">🔒 {t('已锁定')}</span>}
                {!u.lockedAt && u.failedLogins > 0 && (
                  <span className={u.loginDelayed ? 'badge bad' : 'badge warn'}> {t('连续登录失败 {n} 次', { n: u.failedLogins })}</span>
                )}
                {/* 忘记密码: asked from the login page; 重置密码 answers it. */}
                {u.resetRequestedAt && (
                  <span className="badge warn" data-testid="reset-requested">
                    {t('申请重置密码于')} {fmtTime(u.resetRequestedAt)}
                  </span>
                )}
                <div className="muted">
                  {t('最近登录')} {fmtTime(u.lastLoginAt)}
                </div>
              </td>
              <td className="actions">
                {/* Offered once the failures make the person wait (a wrong password or two asks nothing of an administrator). */}
                {(u.lockedAt || u.loginDelayed) && (
                  <button type="button" onClick={() => void run(() => gql('UnlockUser', { id: u.id }))}>
                    {u.lockedAt ? t('解锁') : t('解除登录限制')}
                  </button>
                )}
                <button
                  type="button"
                  onClick={() =>
                    void run(async () => {
                      const r = await gql('ResetPassword', { id: u.id });
                      setSecret({ name: u.displayName, username: u.username, password: r.resetPassword.oneTimePassword });
                      return r;
                    })
                  }
                >
                  {t('重置密码')}
                </button>
                <ConfirmButton
                  label={t('强制下线')}
                  question={t('结束 {u} 在所有设备上的登录？其须重新登录。', { u: u.displayName })}
                  onConfirm={() =>
                    void run(async () => {
                      const n = await gql('EndUserSessions', { userId: u.id });
                      setEnded(t('已结束 {u} 的 {n} 个登录会话', { u: u.displayName, n: n.endUserSessions }));
                      return n;
                    })
                  }
                />
                {u.status === 'ACTIVE' ? (
                  <ConfirmButton
                    label={t('停用')}
                    question={t('停用 {u} 的账号？停用后不能登录，其登录会话立即结束。', { u: u.displayName })}
                    onConfirm={() => void run(() => gql('SetUserStatus', { id: u.id, status: 'DISABLED' }))}
                  />
                ) : (
                  <button type="button" onClick={() => void run(() => gql('SetUserStatus', { id: u.id, status: 'ACTIVE' }))}>
                    {t('启用')}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <h3>{t('新建账号')}</h3>
      <div className="grid" data-testid="new-account">
        <label className="field">
          <span>{t('用户名')}</span>
          <input name="username" value={form.username} onChange={(e) => setForm({ ...form, username: e.target.value })} />
        </label>
        <label className="field">
          <span>{t('姓名')}</span>
          <input name="displayName" value={form.displayName} onChange={(e) => setForm({ ...form, displayName: e.target.value })} />
        </label>
        <label className="field">
          <span>{t('培训考核合格日期')}</span>
          <input name="trainedOn" type="date" value={form.trainedOn} onChange={(e) => setForm({ ...form, trainedOn: e.target.value })} />
        </label>
        <label className="field">
          <span>{t('培训内容')}</span>
          <input name="trainingNote" value={form.trainingNote} onChange={(e) => setForm({ ...form, trainingNote: e.target.value })} />
        </label>
        <span>{t('角色')}</span>
        <div className="chips">
          {Object.entries(ROLE).map(([r, zh]) => (
            <label key={r} className="chip">
              <input
                type="checkbox"
                checked={form.roles.includes(r)}
                onChange={(e) => setForm({ ...form, roles: e.target.checked ? [...form.roles, r] : form.roles.filter((x) => x !== r) })}
              />{' '}
              {t(zh)}
            </label>
          ))}
        </div>
      </div>
      <p>
        <button
          type="button"
          className="primary"
          // No role is ticked for the administrator: an account gets the rights someone chose for it (at least one).
          disabled={creating.busy || form.roles.length === 0}
          onClick={() =>
            void creating
              .run(async () => {
                // The role checkboxes hold ROLE's keys, which are the schema's Role values.
                const r = await gql('CreateUser', {
                  input: { orgId, ...form, roles: form.roles as Role[], trainedOn: form.trainedOn || null, trainingNote: form.trainingNote.trim() || null },
                });
                setSecret({ name: r.createUser.user.displayName, username: r.createUser.user.username, password: r.createUser.oneTimePassword });
                setForm({ username: '', displayName: '', roles: [], trainedOn: '', trainingNote: '' });
                return r;
              })
              .then(async (r) => {
                if (r !== undefined) await refetch();
              })
          }
        >
          {t('创建')}
        </button>
      </p>
      <ErrorNote error={creating.error} />
    </Section>
  );
}
