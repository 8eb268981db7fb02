'use client';
// 发送规则: the rules a unit inherits and its own; a narrowing rule added, an own rule corrected or deleted.
import { useState } from 'react';
import type { Direction, OrgKind, OrgLevel, RuleEffect, RuleSide } from '../../generated/operations';
import { gql } from '../../lib/client';
import { useAction, useQuery } from '../../lib/hooks';
import { type T, useLang } from '../../lib/i18n';
import { DIRECTION, DOC_TYPES, docTypeName, Empty, ErrorNote, LEVEL, Section } from '../ui';

export function RulesPanel({ t, orgId }: { t: T; orgId: string }) {
  const { lang } = useLang();
  const { data, error, refetch } = useQuery('RoutingRules', { orgId });
  const act = useAction();
  const blank = {
    name: '',
    side: 'SENDER' as RuleSide,
    direction: 'UP' as Direction,
    effect: 'DENY' as RuleEffect,
    senderLevels: [] as string[],
    receiverLevels: [] as string[],
    docTypes: [] as string[],
    // Kept as they were when a rule is corrected (the form does not show them).
    senderKinds: null as OrgKind[] | null,
    receiverKinds: null as OrgKind[] | null,
    maxDepth: null as number | null,
  };
  const [rule, setRule] = useState(blank);
  const [editing, setEditing] = useState<string | null>(null);
  const toggle = (k: 'senderLevels' | 'receiverLevels' | 'docTypes', v: string) =>
    setRule({ ...rule, [k]: rule[k].includes(v) ? rule[k].filter((x) => x !== v) : [...rule[k], v] });
  const create = () =>
    act.run(async () => {
      const orNull = <V,>(l: V[]) => (l.length ? l : null);
      // The level checkboxes hold LEVEL's keys, which are the schema's OrgLevel values.
      const input = {
        ...rule,
        senderLevels: orNull(rule.senderLevels as OrgLevel[]),
        receiverLevels: orNull(rule.receiverLevels as OrgLevel[]),
        docTypes: orNull(rule.docTypes),
      };
      if (editing) await gql('UpdateRoutingRule', { id: editing, input });
      else await gql('CreateRoutingRule', { orgId, input });
      setRule(blank);
      setEditing(null);
      await refetch();
    });
  const levels = (l: string[] | null) => (l ? l.map((x) => t(LEVEL[x] ?? x)).join(t('、')) : t('任意'));
  return (
    <Section title={t('发送规则')}>
      <p className="muted">{t('上级单位的规则向下继承；下级单位只能收窄，不能放宽。拒绝优先。')}</p>
      <ErrorNote error={error ?? act.error} />
      {data && data.routingRules.length === 0 && <Empty text={t('没有规则')} />}
      <table>
        <tbody>
          {(data?.routingRules ?? []).map((r) => (
            <tr key={r.id}>
              <td>
                <span className={`badge ${r.effect === 'ALLOW' ? 'good' : 'bad'}`}>{r.effect === 'ALLOW' ? `✓ ${t('允许')}` : `✕ ${t('拒绝')}`}</span>
              </td>
              <td>
                {r.name}
                <div className="muted">
                  {t(DIRECTION[r.direction] ?? r.direction)} · {levels(r.senderLevels)} → {levels(r.receiverLevels)} ·{' '}
                  {r.docTypes?.map((d) => docTypeName(d, lang)).join(t('、')) ?? t('所有文种')} {r.orgId !== orgId && `· ${t('继承')}`}
                </div>
              </td>
              <td>
                {r.orgId === orgId && (
                  <button
                    type="button"
                    onClick={() => {
                      setEditing(r.id);
                      setRule({
                        name: r.name,
                        side: r.side,
                        direction: r.direction,
                        effect: r.effect,
                        senderLevels: r.senderLevels ?? [],
                        receiverLevels: r.receiverLevels ?? [],
                        docTypes: r.docTypes ?? [],
                        senderKinds: r.senderKinds ?? null,
                        receiverKinds: r.receiverKinds ?? null,
                        maxDepth: r.maxDepth ?? null,
                      });
                    }}
                  >
                    {t('修改')}
                  </button>
                )}
                {r.orgId === orgId && (
                  <button
                    type="button"
                    onClick={() =>
                      void act.run(async () => {
                        await gql('DeleteRoutingRule', { id: r.id });
                        await refetch();
                      })
                    }
                  >
                    {t('删除')}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <h3>{t(editing ? '修改规则' : '新增规则')}</h3>
      <div className="grid">
        <label className="field">
          <span>{t('规则说明')}</span>
          <input value={rule.name} onChange={(e) => setRule({ ...rule, name: e.target.value })} placeholder={t('如：本区部门不直接向省级报送')} />
        </label>
        <label className="field">
          <span>{t('方向')}</span>
          <select value={rule.direction} onChange={(e) => setRule({ ...rule, direction: e.target.value as Direction })}>
            <option value="DOWN">{t('下行')}</option>
            <option value="UP">{t('上行')}</option>
            <option value="LATERAL">{t('平行')}</option>
          </select>
        </label>
        <label className="field">
          <span>{t('效果')}</span>
          <select value={rule.effect} onChange={(e) => setRule({ ...rule, effect: e.target.value as RuleEffect })}>
            <option value="DENY">{t('拒绝')}</option>
            <option value="ALLOW">{t('允许')}</option>
          </select>
        </label>
        <label className="field">
          <span>{t('适用于')}</span>
          <select value={rule.side} onChange={(e) => setRule({ ...rule, side: e.target.value as RuleSide })}>
            <option value="SENDER">{t('本单位及下级作为发文方')}</option>
            <option value="RECEIVER">{t('本单位及下级作为收文方')}</option>
          </select>
        </label>
        {(['senderLevels', 'receiverLevels'] as const).map((k) => (
          <div key={k} style={{ display: 'contents' }}>
            <span>{t(k === 'senderLevels' ? '发文方层级' : '收文方层级')}</span>
            <div className="chips">
              {Object.entries(LEVEL).map(([l, zh]) => (
                <label key={l} className="chip">
                  <input type="checkbox" checked={rule[k].includes(l)} onChange={() => toggle(k, l)} /> {t(zh)}
                </label>
              ))}
            </div>
          </div>
        ))}
        <span>{t('文种')}</span>
        <div className="chips">
          {DOC_TYPES.map((d) => (
            <label key={d} className="chip">
              <input type="checkbox" checked={rule.docTypes.includes(d)} onChange={() => toggle('docTypes', d)} /> {docTypeName(d, lang)}
            </label>
          ))}
        </div>
      </div>
      <p className="muted">{t('不选层级或文种表示任意。')}</p>
      <p className="actions">
        <button type="button" className="primary" disabled={act.busy || !rule.name.trim()} onClick={() => void create()}>
          {t(editing ? '保存修改' : '添加规则')}
        </button>
        {editing && (
          <button
            type="button"
            onClick={() => {
              setEditing(null);
              setRule(blank);
            }}
          >
            {t('取消')}
          </button>
        )}
      </p>
    </Section>
  );
}
