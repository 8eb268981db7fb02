'use client';
// 联系人: a unit's transmission contacts, alerted for urgent documents: added, corrected, removed.
import { useState } from 'react';
import { gql } from '../../lib/client';
import { useAction, useQuery } from '../../lib/hooks';
import type { T } from '../../lib/i18n';
import { ErrorNote, Section } from '../ui';

export function ContactsPanel({ t, orgId }: { t: T; orgId: string }) {
  const { data, error, refetch } = useQuery('Contacts', { orgId });
  const act = useAction();
  const blank = { name: '', post: '', phone: '', mobile: '', urgentAlerts: true };
  const [c, setC] = useState(blank);
  const [editing, setEditing] = useState<string | null>(null);
  return (
    <Section title={t('公文传输联系人')}>
      <ErrorNote error={error ?? act.error} />
      <table>
        <tbody>
          {(data?.contacts ?? []).map((x) => (
            <tr key={x.id} data-contact={x.name}>
              <td>{x.name}</td>
              <td>{x.post}</td>
              <td>
                {x.phone} {x.mobile && `· ${x.mobile}`}
              </td>
              <td>{x.urgentAlerts ? t('紧急公文短信提醒') : ''}</td>
              <td className="actions">
                <button
                  type="button"
                  onClick={() => {
                    setEditing(x.id);
                    setC({ name: x.name, post: x.post, phone: x.phone, mobile: x.mobile ?? '', urgentAlerts: x.urgentAlerts });
                  }}
                >
                  {t('修改')}
                </button>
                <button
                  type="button"
                  onClick={() =>
                    void act.run(async () => {
                      await gql('RemoveContact', { id: x.id });
                      await refetch();
                    })
                  }
                >
                  {t('删除')}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="grid">
        {(['name', 'post', 'phone', 'mobile'] as const).map((k) => (
          <label key={k} className="field">
            <span>{t({ name: '姓名', post: '职务', phone: '办公电话', mobile: '手机' }[k])}</span>
            <input value={c[k]} onChange={(e) => setC({ ...c, [k]: e.target.value })} />
          </label>
        ))}
        <label className="field">
          <span>{t('紧急公文短信提醒')}</span>
          <input type="checkbox" checked={c.urgentAlerts} onChange={(e) => setC({ ...c, urgentAlerts: e.target.checked })} />
        </label>
      </div>
      <p className="actions">
        <button
          type="button"
          className={editing ? 'primary' : ''}
          disabled={act.busy}
          onClick={() =>
            void act.run(async () => {
              const input = { ...c, mobile: c.mobile || null };
              if (editing) await gql('UpdateContact', { id: editing, input });
              else await gql('AddContact', { orgId, input });
              setC(blank);
              setEditing(null);
              await refetch();
            })
          }
        >
          {t(editing ? '保存修改' : '添加联系人')}
        </button>
        {editing && (
          <button
            type="button"
            onClick={() => {
              setEditing(null);
              setC(blank);
            }}
          >
            {t('取消')}
          </button>
        )}
      </p>
    </Section>
  );
}
