'use client';
// 联合行文: the units that issue a document together with the drafting (lead) unit, found by name, in the banner's
// order after the lead. Each co-issuer's leader countersigns (会签) after the lead's approval (the 会签 page).
import { useState } from 'react';
import type { SearchOrgsQuery } from '../generated/operations';
import { gql } from '../lib/client';
import type { T } from '../lib/i18n';

export interface CoIssuerChoice {
  id: string;
  name: string;
}

export function CoIssuerPicker({ t, value, onChange, leadId }: { t: T; value: CoIssuerChoice[]; onChange: (v: CoIssuerChoice[]) => void; leadId: string }) {
  const [search, setSearch] = useState('');
  const [found, setFound] = useState<SearchOrgsQuery['searchOrgs']>([]);
  return (
    <fieldset className="co-issuer-picker">
      <legend>{t('联合行文：联署机关（会签）')}</legend>
      {value.length > 0 && (
        <ol>
          {value.map((c) => (
            <li key={c.id} data-co-issuer={c.name}>
              {c.name}{' '}
              <button type="button" className="link" onClick={() => onChange(value.filter((x) => x.id !== c.id))}>
                {t('移除')}
              </button>
            </li>
          ))}
        </ol>
      )}
      <div className="actions">
        <input aria-label={t('联署机关名称')} value={search} onChange={(e) => setSearch(e.target.value)} placeholder={t('如：陕西省财政厅')} />
        <button
          type="button"
          onClick={() =>
            void gql('SearchOrgs', { name: search }).then(
              (r) => setFound(r.searchOrgs.filter((u) => u.id !== leadId && !value.some((c) => c.id === u.id))),
              () => setFound([]),
            )
          }
        >
          {t('检索联署机关')}
        </button>
      </div>
      {found.map((u) => (
        <p key={u.id} className="actions" data-co-issuer-found={u.name}>
          {u.name}
          <button
            type="button"
            className="link"
            onClick={() => {
              onChange([...value, { id: u.id, name: u.name }]);
              setFound([]);
            }}
          >
            {t('加为联署机关')}
          </button>
        </p>
      ))}
    </fieldset>
  );
}
