'use client';
// 拟稿's recipients: by selector (every county under a unit), by saved list, from the units below, or by name. Each
// choice is handed to the form as a group, which it sends as the send operation takes it.
import { useState } from 'react';
import type { ComposeContextQuery, OrgLevel, OrgSelectorInput, SearchOrgsQuery } from '../generated/operations';
import { gql } from '../lib/client';
import type { T } from '../lib/i18n';
import { LEVEL } from './ui';

/** A group of recipients as the picker gives it: a label, and the units by id, by selector or by saved list. */
export interface PickedRecipients {
  label: string;
  orgIds?: string[];
  selector?: OrgSelectorInput;
  listId?: string;
}

/** Recipients by selector ("all counties under …"), by saved list, from the tree below, or by name. */
export function RecipientPicker({ t, ctx, onAdd }: { t: T; ctx: ComposeContextQuery; onAdd: (g: PickedRecipients) => void }) {
  // A selection's root: the unit itself, the government above it and, beside or below, the governments of the cities or
  // counties (an office sends for its government: 西安市 · 所有县级单位 from the province's general office). An office
  // has nobody below it, so its default is the government above.
  const governments = <U extends { kind: string }>(units: U[] | undefined) => (units ?? []).filter((c) => c.kind === 'GOVERNMENT');
  const parent = ctx.org.parent;
  const roots = [ctx.org, ...(parent ? [parent] : []), ...governments(ctx.org.children), ...governments(parent?.children).filter((c) => c.id !== ctx.org.id)];
  const [rootId, setRootId] = useState(ctx.org.children.length || !parent ? ctx.org.id : parent.id);
  const [level, setLevel] = useState<OrgLevel | ''>('COUNTY');
  const [picked, setPicked] = useState<string[]>([]);
  const [search, setSearch] = useState('');
  const [found, setFound] = useState<SearchOrgsQuery['searchOrgs']>([]);
  const rootName = roots.find((r) => r.id === rootId)?.name ?? '';
  const below = ctx.org.children;
  return (
    <div className="picker">
      <fieldset>
        <legend>{t('按范围')}</legend>
        <div className="actions">
          <select aria-label={t('范围根单位')} value={rootId} onChange={(e) => setRootId(e.target.value)}>
            {roots.map((r) => (
              <option key={r.id} value={r.id}>
                {r.name}
              </option>
            ))}
          </select>
          <span>{t('下属的')}</span>
          <select aria-label={t('层级')} value={level} onChange={(e) => setLevel(e.target.value as OrgLevel | '')}>
            <option value="COUNTY">{t('所有县级单位')}</option>
            <option value="CITY">{t('所有市级单位')}</option>
            <option value="">{t('所有单位')}</option>
          </select>
          <button
            type="button"
            onClick={() =>
              onAdd({
                label: `${rootName} · ${level ? t(level === 'COUNTY' ? '所有县级单位' : '所有市级单位') : t('所有单位')}`,
                selector: { rootId, ...(level && { levels: [level] }) },
              })
            }
          >
            {t('添加')}
          </button>
        </div>
      </fieldset>
      {ctx.distributionLists.length > 0 && (
        <fieldset>
          <legend>{t('常用分发列表')}</legend>
          {ctx.distributionLists.map((l) => (
            <p key={l.id} className="actions">
              {l.name} <span className="muted">({t('{n} 个单位', { n: l.memberIds.length })})</span>
              <button type="button" onClick={() => onAdd({ label: l.name, listId: l.id })}>
                {t('添加')}
              </button>
            </p>
          ))}
        </fieldset>
      )}
      {below.length > 0 && (
        <fieldset>
          <legend>{t('下级单位')}</legend>
          <div className="chips" style={{ maxHeight: '12rem', overflow: 'auto' }}>
            {below.map((c) => (
              <label key={c.id} className="chip">
                <input
                  type="checkbox"
                  checked={picked.includes(c.id)}
                  onChange={(e) => setPicked(e.target.checked ? [...picked, c.id] : picked.filter((x) => x !== c.id))}
                />{' '}
                {c.shortName} <span className="muted">{t(LEVEL[c.level] ?? c.level)}</span>
              </label>
            ))}
          </div>
          <button
            type="button"
            disabled={!picked.length}
            onClick={() => {
              const names = below.filter((c) => picked.includes(c.id)).map((c) => c.shortName);
              onAdd({ label: names.join('、'), orgIds: picked });
              setPicked([]);
            }}
          >
            {t('添加所选')}
          </button>
        </fieldset>
      )}
      <fieldset>
        <legend>{t('按名称查找')}</legend>
        <div className="actions">
          <input aria-label={t('单位名称')} value={search} onChange={(e) => setSearch(e.target.value)} placeholder={t('如：西安市')} />
          <button
            type="button"
            onClick={() =>
              void gql('SearchOrgs', { name: search }).then(
                (r) => setFound(r.searchOrgs),
                () => setFound([]),
              )
            }
          >
            {t('查找')}
          </button>
        </div>
        {found.map((u) => (
          <p key={u.id} className="actions" data-org={u.name}>
            {u.name}
            <button type="button" className="link" onClick={() => onAdd({ label: u.name, orgIds: [u.id] })}>
              {t('添加')}
            </button>
          </p>
        ))}
      </fieldset>
    </div>
  );
}
