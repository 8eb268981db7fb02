'use client';
// 联系人: a unit's transmission contacts, alerted for urgent documents.
import { useState } from 'react';
import { gql } from '../../lib/client';
import { useAction, useQuery } from '../../lib/hooks';
import type { T } from '../../lib/i18n';
import { ErrorNote, Section } from '../ui';

export function ContactsPanel({ t, orgId }: { t: T; orgId: string }) {
  const { data, error, refetch } = useQuery('Contacts', { orgId });
  const act = useAction();
  const [c, setC] = useState({ name: '', post: '', phone: '', mobile: '', urgentAlerts: true });
  return (
    <Section title={t('公文传输联系人')}>
      <ErrorNote error={error ?? act.error} />
      <table>
        <tbody>
          {(data?.contacts ?? []).map((x) => (
            <tr key={x.id}>
              <td>{x.name}</td>
              <td>{x.post}</td>
              <td>
                {x.phone} {x.mobile && `· ${x.mobile}`}
              </td>
              <td>{x.urgentAlerts ? t('紧急公文短信提醒') : ''}</td>
              <td>
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
      <p>
        <button
          type="button"
          disabled={act.busy}
          onClick={() =>
            void act.run(async () => {
              await gql('AddContact', { orgId, input: { ...c, mobile: c.mobile || null } });
              setC({ name: '', post: '', phone: '', mobile: '', urgentAlerts: true });
              await refetch();
            })
          }
        >
          {t('添加联系人')}
        </button>
      </p>
    </Section>
  );
}
