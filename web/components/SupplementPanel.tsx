'use client';
// 补发: further recipients of a document already sent — units found by name, the units directly below, or one of the
// unit's distribution lists, as 主送 or 抄送 with their 打印份数. Units that already have it are counted, not sent
// again. Sending cannot be undone, so it asks first.
import { useState } from 'react';
import type { RecipientRole } from '../generated/operations';
import { gql } from '../lib/client';
import { useAction, useQuery } from '../lib/hooks';
import { useT } from '../lib/i18n';
import { hasRole, useSession } from '../lib/session';
import { ConfirmButton } from './Confirm';
import { type Unit, UnitPicker } from './UnitPicker';
import { ErrorNote, Section } from './ui';

export function SupplementPanel({ documentId, onDone }: { documentId: string; onDone: () => unknown }) {
  const t = useT();
  const { session } = useSession();
  const mayAdd = hasRole(session, 'CLERK', 'DRAFTER');
  const orgId = session!.user.org.id;
  const [open, setOpen] = useState(false);
  const lists = useQuery('DistributionLists', open ? { orgId } : null);
  const act = useAction();
  const [units, setUnits] = useState<Unit[]>([]);
  const [listId, setListId] = useState('');
  const [role, setRole] = useState<RecipientRole>('MAIN');
  const [quota, setQuota] = useState(1);
  const [result, setResult] = useState<string | null>(null);
  if (!mayAdd) return null;
  const list = (lists.data?.distributionLists ?? []).find((l) => l.id === listId);
  const recipients = [
    ...(units.length ? [{ role, orgIds: units.map((u) => u.id), printQuota: quota }] : []),
    ...(listId ? [{ role, listId, printQuota: quota }] : []),
  ];
  return (
    <Section
      title={t('补发')}
      actions={
        !open && (
          <button type="button" onClick={() => setOpen(true)}>
            {t('补发给其他单位')}
          </button>
        )
      }
    >
      <ErrorNote error={act.error} />
      {result && (
        <p className="notice" role="status">
          {result}
        </p>
      )}
      {open && (
        <div data-testid="supplement">
          <UnitPicker units={units} onChange={setUnits} chipsTestId="supplement-units">
            {(lists.data?.distributionLists ?? []).length > 0 && (
              <select aria-label={t('分发名单')} value={listId} onChange={(e) => setListId(e.target.value)}>
                <option value="">{t('选择分发名单')}</option>
                {lists.data!.distributionLists.map((l) => (
                  <option key={l.id} value={l.id}>
                    {l.name}
                    {t('（{r}）', { r: l.memberIds.length })}
                  </option>
                ))}
              </select>
            )}
          </UnitPicker>
          <p className="actions">
            <select aria-label={t('行文方式')} value={role} onChange={(e) => setRole(e.target.value as RecipientRole)}>
              <option value="MAIN">{t('主送')}</option>
              <option value="CC">{t('抄送')}</option>
            </select>
            <label>
              {t('打印份数')} <input type="number" min={0} value={quota} onChange={(e) => setQuota(Number(e.target.value))} style={{ width: '5rem' }} />
            </label>
            <ConfirmButton
              label={t('补发')}
              className="primary"
              question={t('向 {n} 补发本公文？发出后不能撤销，只能逐个撤回。', {
                n: [...units.map((u) => u.name), ...(list ? [t('分发名单“{l}”', { l: list.name })] : [])].join(t('、')),
              })}
              disabled={act.busy || recipients.length === 0}
              onConfirm={() =>
                void act.run(async () => {
                  const r = await gql('SupplementRecipients', { documentId, recipients });
                  setResult(
                    t('已补发 {a} 个单位', { a: r.supplementRecipients.added }) +
                      (r.supplementRecipients.alreadyDelivered ? t('（{b} 个单位已收到，未重复发送）', { b: r.supplementRecipients.alreadyDelivered }) : ''),
                  );
                  setUnits([]);
                  setListId('');
                  await onDone();
                })
              }
            />
            <button type="button" onClick={() => setOpen(false)}>
              {t('收起')}
            </button>
          </p>
        </div>
      )}
    </Section>
  );
}
