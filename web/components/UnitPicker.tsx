'use client';
// Choosing units, as 补发 (SupplementPanel) and the distribution lists (admin/DistributionListsPanel) both do: units
// found by name (查找) or all those directly below the caller's unit (加入全部直属下级单位), the chosen ones as chips,
// each removable, none twice. What else a caller offers beside the search (a saved list) comes as its children.
import { type ReactNode, useState } from 'react';
import { gql } from '../lib/client';
import { useAction, useQuery } from '../lib/hooks';
import { useT } from '../lib/i18n';
import { useSession } from '../lib/session';
import { ErrorNote, LEVEL } from './ui';

export type Unit = { id: string; name: string };

export function UnitPicker({
  units,
  onChange,
  chipsTestId,
  children,
}: {
  units: Unit[];
  onChange: (units: Unit[]) => void;
  /** The chosen units' test id, as each caller's tests know it. */
  chipsTestId?: string;
  children?: ReactNode;
}) {
  const t = useT();
  const { session } = useSession();
  const below = useQuery('OrgChildren', session ? { id: session.user.org.id } : null);
  const act = useAction();
  const [search, setSearch] = useState('');
  const [found, setFound] = useState<(Unit & { level: string })[]>([]);
  const add = (us: Unit[]) => onChange([...units, ...us.filter((u) => !units.some((x) => x.id === u.id)).map((u) => ({ id: u.id, name: u.name }))]);
  const children_ = below.data?.org.children ?? [];
  return (
    <>
      <ErrorNote error={act.error} />
      <p className="actions">
        <input type="search" aria-label={t('查找单位')} placeholder={t('单位名称')} value={search} onChange={(e) => setSearch(e.target.value)} />
        <button
          type="button"
          disabled={!search.trim() || act.busy}
          onClick={() =>
            void act.run(async () => {
              const r = await gql('SearchOrgs', { name: search.trim() });
              setFound(r.searchOrgs);
            })
          }
        >
          {t('查找')}
        </button>
        {children_.length > 0 && (
          <button type="button" onClick={() => add(children_)}>
            {t('加入全部直属下级单位')}
          </button>
        )}
        {children}
      </p>
      {found.length > 0 && (
        <ul data-testid="found-units">
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
      <div className="chips" data-testid={chipsTestId}>
        {units.map((u) => (
          <span key={u.id} className="chip">
            {u.name}{' '}
            <button type="button" className="link" aria-label={t('移除 {u}', { u: u.name })} onClick={() => onChange(units.filter((x) => x.id !== u.id))}>
              ✕
            </button>
          </span>
        ))}
      </div>
    </>
  );
}
