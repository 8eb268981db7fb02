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
import { ErrorNote, LEVEL, Section } from './ui';

type Unit = { id: string; name: string };

export function SupplementPanel({ documentId, onDone }: { documentId: string; onDone: () => unknown }) {
  const t = useT();
  const { session } = useSession();
  const mayAdd = hasRole(session, 'CLERK', 'DRAFTER');
  const orgId = session!.user.org.id;
  const [open, setOpen] = useState(false);
  const lists = useQuery('DistributionLists', open ? { orgId } : null);
  const below = useQuery('OrgChildren', open ? { id: orgId } : null);
  const act = useAction();
  const [units, setUnits] = useState<Unit[]>([]);
  const [listId, setListId] = useState('');
  const [role, setRole] = useState<RecipientRole>('MAIN');
  const [quota, setQuota] = useState(1);
  const [search, setSearch] = useState('');
  const [found, setFound] = useState<(Unit & { level: string })[]>([]);
  const [result, setResult] = useState<string | null>(null);
  if (!mayAdd) return null;
  const add = (us: Unit[]) => setUnits([...units, ...us.filter((u) => !units.some((x) => x.id === u.id))]);
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
          <p className="actions">
            <input type="search" aria-label={t('查找单位')} placeholder={t('单位名称')} value={search} onChange={(e) => setSearch(e.target.value)} />
            <button
              type="button"
              disabled={!search.trim()}
              onClick={() =>
                void act.run(async () => {
                  const r = await gql('SearchOrgs', { name: search.trim() });
                  setFound(r.searchOrgs);
                })
              }
            >
              {t('查找')}
            </button>
            {(below.data?.org.children ?? []).length > 0 && (
              <button type="button" onClick={() => add(below.data!.org.children)}>
                {t('加入全部直属下级单位')}
              </button>
            )}
            {(lists.data?.distributionLists ?? []).length > 0 && (
              <select aria-label={t('分发名单')} value={listId} onChange={(e) => setListId(e.target.value)}>
                <option value="">{t('选择分发名单')}</option>
                {lists.data!.distributionLists.map((l) => (
                  <option key={l.id} value={l.id}>
                    {l.name}（{l.memberIds.length}）
                  </option>
                ))}
              </select>
            )}
          </p>
          {found.length > 0 && (
            <ul>
              {found.map((o) => (
                <li key={o.id}>
                  <button type="button" className="link" onClick={() => add([o])}>
                    ＋ {o.name}
                  </button>{' '}
                  <span className="muted">{t(LEVEL[o.level] ?? o.level)}</span>
                </li>
              ))}
            </ul>
          )}
          <div className="chips" data-testid="supplement-units">
            {units.map((u) => (
              <span key={u.id} className="chip">
                {u.name}{' '}
                <button type="button" className="link" aria-label={t('移除 {u}', { u: u.name })} onClick={() => setUnits(units.filter((x) => x.id !== u.id))}>
                  ✕
                </button>
              </span>
            ))}
          </div>
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
                n: [...units.map((u) => u.name), ...(list ? [t('分发名单“{l}”', { l: list.name })] : [])].join('、'),
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
                  setFound([]);
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
