'use client';
// 自动催办规则 (issue 16): the steps by which the platform urges a unit that has not signed for a delivery — so many
// minutes after its due time, its registered contacts or its leaders, in-app and/or by SMS — shown as they apply to the
// unit (its own, inherited from a unit above it, or none), edited and saved by its administrator, or cleared to
// inherit again.
import { useEffect, useState } from 'react';
import { gql } from '../../lib/client';
import { useAction, useQuery } from '../../lib/hooks';
import type { T } from '../../lib/i18n';
import { ConfirmButton } from '../Confirm';
import { ErrorNote, Section } from '../ui';

interface Step {
  afterMinutes: number;
  to: string;
  channels: string[];
}

const WHOM: Record<string, string> = { CONTACTS: '单位联系人', LEADERS: '单位领导' };
const CHANNEL: Record<string, string> = { IN_APP: '站内通知', SMS: '短信' };

/** When a step comes, in words (as the history's note says it). */
function when(t: T, minutes: number): string {
  if (minutes === 0) return t('到期时');
  if (minutes % 60 === 0) return t('到期后 {n} 小时', { n: minutes / 60 });
  return t('到期后 {n} 分钟', { n: minutes });
}

export function EscalationPanel({ t, orgId }: { t: T; orgId: string }) {
  const { data, error, refetch } = useQuery('EscalationRules', { orgId });
  const act = useAction();
  const rules = data?.escalationRules;
  const [steps, setSteps] = useState<Step[]>([]);
  const [saved, setSaved] = useState<string | null>(null);
  useEffect(() => {
    if (rules) setSteps(rules.steps.map((s) => ({ afterMinutes: s.afterMinutes, to: s.to, channels: [...s.channels] })));
  }, [rules]);
  const change = (i: number, s: Partial<Step>) => setSteps(steps.map((x, j) => (j === i ? { ...x, ...s } : x)));
  const save = async (next: Step[] | null, message: string) => {
    setSaved(null);
    if ((await act.run(() => gql('SetEscalationRules', { orgId, steps: next }))) !== undefined) {
      setSaved(message);
      await refetch();
    }
  };
  return (
    <Section title={t('自动催办规则')}>
      <ErrorNote error={error ?? act.error} />
      {saved && (
        <p className="notice" role="status">
          {saved}
        </p>
      )}
      {rules && (
        <p data-testid="escalation-source">
          {rules.own
            ? t('本单位自行设置的规则')
            : rules.sourceOrgName
              ? t('继承自 {name}', { name: rules.sourceOrgName })
              : t('未设置自动催办：逾期未签收的公文不会自动催办')}
        </p>
      )}
      {rules && rules.steps.length > 0 && (
        <ol data-testid="escalation-in-effect">
          {rules.steps.map((s) => (
            <li key={`${s.afterMinutes}-${s.to}`}>
              {when(t, s.afterMinutes)} · {t(WHOM[s.to] ?? s.to)} · {s.channels.map((c) => t(CHANNEL[c] ?? c)).join(t('、'))}
            </li>
          ))}
        </ol>
      )}
      <p className="muted">{t('公文到期仍未签收时，按以下步骤依次自动催办；每一步对每份公文只催办一次。')}</p>
      <table data-testid="escalation-steps">
        <thead>
          <tr>
            <th>{t('步骤')}</th>
            <th>{t('到期后（分钟）')}</th>
            <th>{t('催办对象')}</th>
            <th>{t('催办方式')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {steps.map((s, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: a step is its position in the list
            <tr key={i} data-step={i + 1}>
              <td>{t('第 {n} 步', { n: i + 1 })}</td>
              <td>
                <input
                  type="number"
                  min={0}
                  max={10080}
                  aria-label={t('第 {n} 步到期后分钟数', { n: i + 1 })}
                  value={s.afterMinutes}
                  onChange={(e) => change(i, { afterMinutes: Number(e.target.value) })}
                />
              </td>
              <td>
                <select aria-label={t('第 {n} 步催办对象', { n: i + 1 })} value={s.to} onChange={(e) => change(i, { to: e.target.value })}>
                  {Object.entries(WHOM).map(([k, zh]) => (
                    <option key={k} value={k}>
                      {t(zh)}
                    </option>
                  ))}
                </select>
              </td>
              <td>
                {Object.entries(CHANNEL).map(([k, zh]) => (
                  <label key={k} className="chip">
                    <input
                      type="checkbox"
                      checked={s.channels.includes(k)}
                      onChange={(e) => change(i, { channels: e.target.checked ? [...s.channels, k] : s.channels.filter((c) => c !== k) })}
                    />{' '}
                    {t(zh)}
                  </label>
                ))}
              </td>
              <td>
                <button type="button" onClick={() => setSteps(steps.filter((_, j) => j !== i))}>
                  {t('删除')}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="actions">
        <button
          type="button"
          disabled={steps.length >= 5}
          onClick={() =>
            setSteps([
              ...steps,
              { afterMinutes: (steps[steps.length - 1]?.afterMinutes ?? -60) + 60, to: steps.length ? 'LEADERS' : 'CONTACTS', channels: ['IN_APP', 'SMS'] },
            ])
          }
        >
          {t('添加步骤')}
        </button>
        <button type="button" className="primary" disabled={act.busy} onClick={() => void save(steps, t('自动催办规则已保存'))}>
          {t('保存为本单位规则')}
        </button>
        {rules?.own && (
          <ConfirmButton
            label={t('清除本单位规则')}
            question={t('清除后将继承上级单位的自动催办规则，确定吗？')}
            disabled={act.busy}
            onConfirm={() => void save(null, t('已清除，改为继承上级单位的规则'))}
          />
        )}
      </p>
    </Section>
  );
}
