'use client';
// 可查看范围 (seed 003 §32: 发布人在发布信息时选择好可查看人员，防止出现滥发信息现象): whom a 信息 or a 论坛 topic goes to —
// the unit, the unit and those below it, or named people of the unit (picked from its active people).
import { useQuery } from '../lib/hooks';
import type { T } from '../lib/i18n';

export const AUDIENCE: Record<string, string> = { UNIT: '本单位', SUBTREE: '本单位及下级单位', PEOPLE: '本单位指定人员' };

/** Whom an item goes to, said from any reader's side: by the publishing unit's name, not 本单位 (which, to a reader of a
 * unit below, is the reader's own). */
export function audienceOf(t: T, audience: string, orgName: string): string {
  if (audience === 'UNIT') return orgName;
  const words: Record<string, string> = { SUBTREE: '{org}及下级单位', PEOPLE: '{org}指定人员' };
  return words[audience] ? t(words[audience] as string, { org: orgName }) : audience;
}

export function AudiencePicker({
  t,
  orgId,
  audience,
  viewers,
  onChange,
}: {
  t: T;
  orgId: string;
  audience: string;
  viewers: string[];
  onChange: (audience: string, viewers: string[]) => void;
}) {
  const people = useQuery('UnitPeople', audience === 'PEOPLE' ? { orgId } : null);
  return (
    <>
      <label className="field">
        <span>{t('可查看范围')}</span>
        <select value={audience} onChange={(e) => onChange(e.target.value, [])}>
          {Object.entries(AUDIENCE).map(([k, zh]) => (
            <option key={k} value={k}>
              {t(zh)}
            </option>
          ))}
        </select>
      </label>
      {audience === 'PEOPLE' && (
        <fieldset>
          <legend>{t('可查看人员')}</legend>
          {(people.data?.users ?? [])
            .filter((u) => u.status === 'ACTIVE')
            .map((u) => (
              <label key={u.id} style={{ marginRight: '1rem' }}>
                <input
                  type="checkbox"
                  checked={viewers.includes(u.id)}
                  onChange={(e) => onChange(audience, e.target.checked ? [...viewers, u.id] : viewers.filter((v) => v !== u.id))}
                />{' '}
                {u.displayName}
              </label>
            ))}
        </fieldset>
      )}
    </>
  );
}
