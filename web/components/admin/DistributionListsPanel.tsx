'use client';
// 分发名单: the unit's saved recipient lists (e.g. 第二批试点单位), chosen in 拟稿 as one recipient group. Kept by the
// unit's administrators, clerks and drafters; members found by name or taken from the units directly below.
import { useState } from 'react';
import { gql } from '../../lib/client';
import { useAction, useQuery } from '../../lib/hooks';
import type { T } from '../../lib/i18n';
import { useSession } from '../../lib/session';
import { ConfirmButton } from '../Confirm';
import { type Unit, UnitPicker } from '../UnitPicker';
import { Empty, ErrorNote, Section } from '../ui';

export function DistributionListsPanel({ t }: { t: T }) {
  const { session } = useSession();
  const orgId = session!.user.org.id;
  const lists = useQuery('DistributionLists', { orgId });
  const act = useAction();
  const [editing, setEditing] = useState<{ id: string | null; name: string; members: Unit[] } | null>(null);
  const save = () =>
    act.run(async () => {
      if (!editing) return;
      const memberIds = editing.members.map((m) => m.id);
      if (editing.id) await gql('UpdateDistributionList', { id: editing.id, memberIds });
      else await gql('CreateDistributionList', { name: editing.name.trim(), memberIds });
      setEditing(null);
      await lists.refetch();
    });
  return (
    <Section
      title={t('分发名单')}
      actions={
        !editing && (
          <button type="button" onClick={() => setEditing({ id: null, name: '', members: [] })}>
            {t('新建名单')}
          </button>
        )
      }
    >
      <p className="muted">{t('本单位保存的收文单位名单，拟稿时可整体选作主送或抄送。')}</p>
      <ErrorNote error={lists.error ?? act.error} />
      {(lists.data?.distributionLists ?? []).length === 0 ? (
        <Empty text={t('尚无分发名单')} />
      ) : (
        <table>
          <tbody>
            {lists.data!.distributionLists.map((l) => (
              <tr key={l.id} data-list={l.name}>
                <td>
                  <strong>{l.name}</strong>
                  <div className="muted">{t('{n} 个单位', { n: l.memberIds.length })}</div>
                </td>
                <td data-testid="members">
                  {l.members
                    .slice(0, 12)
                    .map((m) => m.shortName)
                    .join(t('、'))}
                  {l.members.length > 12 && ` ${t('等')}`}
                </td>
                <td className="actions">
                  <button type="button" onClick={() => setEditing({ id: l.id, name: l.name, members: l.members.map((m) => ({ id: m.id, name: m.name })) })}>
                    {t('编辑成员')}
                  </button>
                  <ConfirmButton
                    label={t('删除')}
                    question={t('删除分发名单“{n}”？', { n: l.name })}
                    onConfirm={() =>
                      void act.run(async () => {
                        await gql('DeleteDistributionList', { id: l.id });
                        await lists.refetch();
                      })
                    }
                  />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {editing && (
        <div className="card" data-testid="list-editor">
          <h3>{editing.id ? t('编辑“{n}”', { n: editing.name }) : t('新建名单')}</h3>
          {!editing.id && (
            <label className="field">
              <span>{t('名单名称')}</span>
              <input value={editing.name} onChange={(e) => setEditing({ ...editing, name: e.target.value })} placeholder={t('如：第二批试点单位')} />
            </label>
          )}
          <p>{t('已选 {n} 个单位', { n: editing.members.length })}</p>
          <UnitPicker units={editing.members} onChange={(members) => setEditing({ ...editing, members })} />
          <p className="actions">
            <button
              type="button"
              className="primary"
              disabled={act.busy || editing.members.length === 0 || (!editing.id && !editing.name.trim())}
              onClick={() => void save()}
            >
              {t('保存名单')}
            </button>
            <button type="button" onClick={() => setEditing(null)}>
              {t('取消')}
            </button>
          </p>
        </div>
      )}
    </Section>
  );
}
