'use client';
// 用印专用终端 (seed 000 §18: 电子印章由指定人员在…专用计算机上使用; seed 002 六 专机专用、专人管理): the computers the unit set
// aside for its seal, each looked after by one person. Its administrator registers the computer it sits at (the
// browser makes the key; only the public half leaves it), revokes one retired or lost, and keeps the seal to them;
// its seal keepers see which computers count and whether this is one.
import { useEffect, useState } from 'react';
import { gql } from '../lib/client';
import { fmtTime } from '../lib/format';
import { useAction, useQuery } from '../lib/hooks';
import { type T, useT } from '../lib/i18n';
import { hasRole, useSession } from '../lib/session';
import { canKeepTerminal, keepTerminal, localTerminal, makeTerminalKey, TERMINAL_CHANGED } from '../lib/terminal';
import { ConfirmButton } from './Confirm';
import { ErrorNote, Section } from './ui';

/** Which terminal of the unit this browser holds (undefined while it is looked up); asked again whenever this
 * page registers one (lib/terminal.ts TERMINAL_CHANGED), wherever on the page it is shown. */
export function useLocalTerminal(orgId: string): string | null | undefined {
  const [id, setId] = useState<string | null | undefined>(undefined);
  useEffect(() => {
    let live = true;
    const look = () =>
      void localTerminal(orgId)
        .then((k) => live && setId(k?.terminalId ?? null))
        .catch(() => live && setId(null));
    look();
    window.addEventListener(TERMINAL_CHANGED, look);
    return () => {
      live = false;
      window.removeEventListener(TERMINAL_CHANGED, look);
    };
  }, [orgId]);
  return id;
}

export function SealTerminals({ seal, onChange }: { seal: { id: string; status: string; terminalOnly: boolean } | null; onChange: () => Promise<unknown> }) {
  const t = useT();
  const { session } = useSession();
  const me = session!.user;
  const admin = hasRole(session, 'ADMIN');
  const list = useQuery('SealTerminals', {});
  const people = useQuery('UnitPeople', admin ? { orgId: me.org.id } : null);
  const local = useLocalTerminal(me.org.id);
  const act = useAction();
  const [form, setForm] = useState({ name: '', keeperId: '' });
  const [reasons, setReasons] = useState<Record<string, string>>({});
  const terminals = list.data?.sealTerminals ?? [];
  const here = terminals.find((x) => x.id === local && !x.revokedAt);
  const inUse = terminals.filter((x) => !x.revokedAt);
  return (
    <Section title={t('用印专用终端')}>
      <p className="muted">{t('电子印章由指定人员在专用计算机上使用（专机专用、专人管理）。登记后，可规定本单位印章只能在登记的终端上用印。')}</p>
      <ErrorNote error={act.error ?? list.error} />
      <p data-testid="this-terminal" className={here ? 'notice' : 'muted'}>
        {local === undefined || !list.data
          ? t('加载中…')
          : here
            ? t('本机已登记为用印专用终端：{name}', { name: here.name })
            : terminals.length === 0
              ? t('尚未登记用印专用终端')
              : t('本机不是本单位登记的用印专用终端')}
      </p>
      {seal && ['ACTIVE', 'SUSPENDED'].includes(seal.status) && (
        <p>
          {seal.terminalOnly ? t('本单位印章仅限在登记的专用终端上使用。') : t('本单位印章目前可在任何计算机上使用。')}{' '}
          {admin && (
            <button
              type="button"
              disabled={act.busy || (!seal.terminalOnly && inUse.length === 0)}
              onClick={() =>
                void act.run(async () => {
                  await gql('SetSealTerminalOnly', { sealId: seal.id, required: !seal.terminalOnly });
                  await onChange();
                })
              }
            >
              {seal.terminalOnly ? t('允许在任何计算机上用印') : t('仅限在专用终端上用印')}
            </button>
          )}
        </p>
      )}
      {/* None registered: the line above says so, once. */}
      {terminals.length === 0 ? null : (
        <table>
          <thead>
            <tr>
              <th>{t('终端')}</th>
              <th>{t('管理人')}</th>
              <th>{t('登记')}</th>
              <th>{t('状态')}</th>
            </tr>
          </thead>
          <tbody>
            {terminals.map((x) => (
              <tr key={x.id} data-terminal={x.name}>
                <td>
                  {x.name} {x.id === local && <span className="badge good">{t('本机')}</span>}
                  <div className="muted" title={x.fingerprint}>
                    {t('公钥指纹')} {x.fingerprint.slice(0, 16)}…
                  </div>
                </td>
                <td>{x.keeperName}</td>
                <td>
                  {x.registeredByName} {fmtTime(x.registeredAt)}
                  {x.lastUsedAt && <div className="muted">{t('最近用印 {at}', { at: fmtTime(x.lastUsedAt) })}</div>}
                </td>
                <td>
                  {x.revokedAt ? (
                    <span className="muted">
                      {t('{who} 于 {at} 注销：{reason}', { who: x.revokedByName ?? '', at: fmtTime(x.revokedAt), reason: x.revokedReason ?? '' })}
                    </span>
                  ) : (
                    <span className="badge good">{t('在用')}</span>
                  )}
                  {admin && !x.revokedAt && (
                    <Revoke
                      t={t}
                      name={x.name}
                      reason={reasons[x.id] ?? ''}
                      setReason={(r) => setReasons({ ...reasons, [x.id]: r })}
                      busy={act.busy}
                      onRevoke={() =>
                        void act.run(async () => {
                          await gql('RevokeSealTerminal', { id: x.id, reason: (reasons[x.id] ?? '').trim() });
                          await list.refetch();
                        })
                      }
                    />
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {/* Offered once the list is read: registering over a terminal this browser holds would strand it. */}
      {admin && list.data && local !== undefined && !here && (
        <div className="actions" style={{ marginTop: '0.75rem', flexWrap: 'wrap' }}>
          <label className="field">
            <span>{t('终端名称')}</span>
            <input value={form.name} placeholder={t('如：办公室用印专用机')} onChange={(e) => setForm({ ...form, name: e.target.value })} />
          </label>
          <label className="field">
            <span>{t('管理人')}</span>
            <select value={form.keeperId} onChange={(e) => setForm({ ...form, keeperId: e.target.value })}>
              <option value="">{t('请选择')}</option>
              {(people.data?.users ?? [])
                .filter((u) => u.status === 'ACTIVE')
                .map((u) => (
                  <option key={u.id} value={u.id}>
                    {u.displayName}
                  </option>
                ))}
            </select>
          </label>
          <button
            type="button"
            className="primary"
            disabled={act.busy || !form.name.trim() || !form.keeperId}
            onClick={() =>
              void act.run(async () => {
                // The key is made here and stays here; only its public half is registered.
                if (!(await canKeepTerminal())) throw new Error(t('本浏览器不能保存终端密钥（无痕模式或存储已满），不能登记为用印专用终端'));
                const { keys, publicKey } = await makeTerminalKey();
                const r = await gql('RegisterSealTerminal', { input: { name: form.name.trim(), keeperId: form.keeperId, publicKey } });
                try {
                  await keepTerminal(me.org.id, r.registerSealTerminal.id, keys);
                } catch {
                  // Registered but its key not kept: nothing could ever sign for it, so it is revoked at once.
                  await gql('RevokeSealTerminal', { id: r.registerSealTerminal.id, reason: t('本机未能保存终端密钥') });
                  throw new Error(t('本浏览器未能保存终端密钥，登记已撤销'));
                }
                setForm({ name: '', keeperId: '' });
                await list.refetch();
              })
            }
          >
            {t('登记本机为用印专用终端')}
          </button>
        </div>
      )}
    </Section>
  );
}

function Revoke(p: { t: T; name: string; reason: string; setReason: (r: string) => void; busy: boolean; onRevoke: () => void }) {
  const { t } = p;
  return (
    <div className="actions">
      <input aria-label={t('注销原因')} placeholder={t('注销原因')} value={p.reason} onChange={(e) => p.setReason(e.target.value)} style={{ width: '9rem' }} />
      <ConfirmButton
        label={t('注销')}
        question={t('注销终端“{name}”？此后在该计算机上不能再用印。', { name: p.name })}
        disabled={p.busy || !p.reason.trim()}
        onConfirm={p.onRevoke}
      />
    </div>
  );
}
