'use client';
// 内设机构: a unit's internal sections (办公室, 综合科 …), renamed or given another duty mobile, who belongs to which
// (each person to at most one), and who approves what each drafts — its 处室主要负责人 and 分管领导 (seed 000 §11). The
// unit's handling of what it receives assigns work to them (批示 to a section, 传阅 to a section).
import { useState } from 'react';
import { gql } from '../../lib/client';
import { useAction, useQuery } from '../../lib/hooks';
import type { T } from '../../lib/i18n';
import { ErrorNote, Section } from '../ui';

export function SectionsPanel({ t, orgId }: { t: T; orgId: string }) {
  const sections = useQuery('Sections', { orgId });
  const users = useQuery('Users', { orgId });
  const act = useAction();
  const [name, setName] = useState('');
  const [mobile, setMobile] = useState('');
  const [editing, setEditing] = useState<{ id: string; name: string; mobile: string } | null>(null);
  const list = sections.data?.sections ?? [];
  const sectionOf = (userId: string) => list.find((s) => s.members.some((m) => m.id === userId))?.id ?? '';
  const reload = async () => {
    await sections.refetch();
  };
  return (
    <Section title={t('内设机构')}>
      <ErrorNote error={sections.error ?? users.error ?? act.error} />
      <table data-testid="sections">
        <tbody>
          {list.map((s) => (
            <tr key={s.id} data-section={s.name}>
              <td>
                <strong>{s.name}</strong>
              </td>
              {editing?.id === s.id ? (
                <td colSpan={2} className="actions">
                  <input aria-label={t('机构名称')} value={editing.name} onChange={(e) => setEditing({ ...editing, name: e.target.value })} />
                  <input
                    aria-label={t('值班手机')}
                    placeholder={t('值班手机（催办短信，可不填）')}
                    value={editing.mobile}
                    onChange={(e) => setEditing({ ...editing, mobile: e.target.value })}
                  />
                  <button
                    type="button"
                    className="primary"
                    disabled={act.busy || !editing.name.trim()}
                    onClick={() =>
                      void act.run(async () => {
                        await gql('UpdateSection', { id: s.id, name: editing.name.trim(), mobile: editing.mobile.trim() || null });
                        setEditing(null);
                        await reload();
                      })
                    }
                  >
                    {t('保存修改')}
                  </button>
                  <button type="button" onClick={() => setEditing(null)}>
                    {t('取消')}
                  </button>
                </td>
              ) : (
                <>
                  <td className="muted">{s.mobile ? t('值班手机 {m}', { m: s.mobile }) : t('未登记值班手机')}</td>
                  <td>{s.members.map((m) => m.displayName).join(t('、')) || t('暂无人员')}</td>
                  <td className="actions">
                    {(
                      [
                        ['head', '处室负责人', 'APPROVER'],
                        ['leader', '分管领导', 'LEADER'],
                      ] as const
                    ).map(([which, label, role]) => (
                      <select
                        key={which}
                        aria-label={t('{s} 的{w}', { s: s.name, w: t(label) })}
                        value={s[which]?.id ?? ''}
                        disabled={act.busy}
                        onChange={(e) =>
                          void act.run(async () => {
                            const chosen = e.target.value || null;
                            await gql('SetSectionApprovers', {
                              id: s.id,
                              headId: which === 'head' ? chosen : (s.head?.id ?? null),
                              leaderId: which === 'leader' ? chosen : (s.leader?.id ?? null),
                            });
                            await reload();
                          })
                        }
                      >
                        <option value="">{which === 'head' ? t('处室负责人：不指定') : t('分管领导：不指定')}</option>
                        {(users.data?.users ?? [])
                          .filter((u) => u.status === 'ACTIVE' && u.roles.includes(role))
                          .map((u) => (
                            <option key={u.id} value={u.id}>
                              {which === 'head' ? t('处室负责人：{n}', { n: u.displayName }) : t('分管领导：{n}', { n: u.displayName })}
                            </option>
                          ))}
                      </select>
                    ))}
                  </td>
                </>
              )}
              <td>
                {editing?.id !== s.id && (
                  <button type="button" className="link" onClick={() => setEditing({ id: s.id, name: s.name, mobile: s.mobile ?? '' })}>
                    {t('修改')}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="actions">
        <input aria-label={t('机构名称')} placeholder={t('机构名称，如 综合科')} value={name} onChange={(e) => setName(e.target.value)} />
        <input aria-label={t('值班手机')} placeholder={t('值班手机（催办短信，可不填）')} value={mobile} onChange={(e) => setMobile(e.target.value)} />
        <button
          type="button"
          disabled={act.busy || !name.trim()}
          onClick={() =>
            void act.run(async () => {
              await gql('CreateSection', { orgId, name, mobile: mobile.trim() || null });
              setName('');
              setMobile('');
              await reload();
            })
          }
        >
          {t('新建内设机构')}
        </button>
      </p>
      <h3>{t('人员所属机构')}</h3>
      <table>
        <tbody>
          {(users.data?.users ?? []).map((u) => (
            <tr key={u.id}>
              <td>{u.displayName}</td>
              <td>
                <select
                  aria-label={t('{n} 所属机构', { n: u.displayName })}
                  value={sectionOf(u.id)}
                  disabled={act.busy}
                  onChange={(e) =>
                    void act.run(async () => {
                      await gql('AssignSection', { userId: u.id, sectionId: e.target.value || null });
                      await reload();
                    })
                  }
                >
                  <option value="">{t('（不属于任何机构）')}</option>
                  {list.map((s) => (
                    <option key={s.id} value={s.id}>
                      {s.name}
                    </option>
                  ))}
                </select>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </Section>
  );
}
