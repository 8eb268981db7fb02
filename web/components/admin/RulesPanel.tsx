'use client';
// 发送规则: the rules a unit inherits and its own; a narrowing rule added, an own rule corrected or deleted.
import { useState } from 'react';
import type { Direction, OrgKind, OrgLevel, RuleEffect, RuleSide } from '../../generated/operations';
import { gql } from '../../lib/client';
import { useAction, useQuery } from '../../lib/hooks';
import { type Lang, type T, useLang } from '../../lib/i18n';
import { DIRECTION, DOC_TYPES, docTypeName, Empty, ErrorNote, KIND, LEVEL, Section } from '../ui';

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
    senderKinds: [] as string[],
    receiverKinds: [] as string[],
    maxDepth: null as number | null,
  };
  const [rule, setRule] = useState(blank);
  const [editing, setEditing] = useState<string | null>(null);
  const toggle = (k: 'senderLevels' | 'receiverLevels' | 'senderKinds' | 'receiverKinds' | 'docTypes', v: string) =>
    setRule({ ...rule, [k]: rule[k].includes(v) ? rule[k].filter((x) => x !== v) : [...rule[k], v] });
  const create = () =>
    act.run(async () => {
      const orNull = <V,>(l: V[]) => (l.length ? l : null);
      // The checkboxes hold LEVEL's and KIND's keys, which are the schema's OrgLevel and OrgKind values.
      const input = {
        ...rule,
        senderLevels: orNull(rule.senderLevels as OrgLevel[]),
        receiverLevels: orNull(rule.receiverLevels as OrgLevel[]),
        senderKinds: orNull(rule.senderKinds as OrgKind[]),
        receiverKinds: orNull(rule.receiverKinds as OrgKind[]),
        docTypes: orNull(rule.docTypes),
      };
      if (editing) await gql('UpdateRoutingRule', { id: editing, input });
      else await gql('CreateRoutingRule', { orgId, input });
      setRule(blank);
      setEditing(null);
      await refetch();
    });
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
                <div className="muted" data-testid="rule-summary">
                  {ruleSummary(r, t, lang)}
                  {r.orgId !== orgId && ` · ${t('继承')}`}
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
                        senderKinds: r.senderKinds ?? [],
                        receiverKinds: r.receiverKinds ?? [],
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
        <label className="field">
          <span>{t('层级跨度')}</span>
          <select
            value={rule.maxDepth === null ? '' : String(rule.maxDepth)}
            onChange={(e) => setRule({ ...rule, maxDepth: e.target.value === '' ? null : Number(e.target.value) })}
          >
            <option value="">{t('不限')}</option>
            {[0, 1, 2, 3].map((n) => (
              <option key={n} value={n}>
                {depthWords(n, t)}
              </option>
            ))}
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
        {(['senderKinds', 'receiverKinds'] as const).map((k) => (
          <div key={k} style={{ display: 'contents' }}>
            <span>{t(k === 'senderKinds' ? '发文方类型' : '收文方类型')}</span>
            <div className="chips">
              {Object.entries(KIND).map(([kind, zh]) => (
                <label key={kind} className="chip">
                  <input type="checkbox" checked={rule[k].includes(kind)} onChange={() => toggle(k, kind)} /> {t(zh)}
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
      <p className="muted">{t('不选层级、类型或文种表示任意。')}</p>
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

/** How many levels a rule lets a document cross: 同级 (0), or at most n (the routing tests depth ≤ maxDepth). */
export const depthWords = (n: number, t: T) => (n === 0 ? t('同级') : t('至多跨 {n} 级', { n }));

/** One side of a rule in words: its levels and kinds (任意 when the rule names neither). */
function party(levels: readonly string[] | null | undefined, kinds: readonly string[] | null | undefined, t: T): string {
  const l = levels?.length ? levels.map((x) => t(LEVEL[x] ?? x)).join(t('、')) : null;
  const k = kinds?.length ? kinds.map((x) => t(KIND[x] ?? x)).join(t('、')) : null;
  if (l && k) return t('{k}（{l}）', { l, k });
  return l ?? k ?? t('任意');
}

/**
 * A rule as its readers say it: direction, who sends → who receives (levels and kinds), how far apart, which 文种, and
 * whose sends or receipts it governs. A rule that only limits the distance (部门向本级政府: same level, any level) is
 * told apart from one that allows everything.
 */
export function ruleSummary(
  r: {
    direction: string;
    side: string;
    senderLevels?: readonly string[] | null;
    senderKinds?: readonly string[] | null;
    receiverLevels?: readonly string[] | null;
    receiverKinds?: readonly string[] | null;
    docTypes?: readonly string[] | null;
    maxDepth?: number | null;
  },
  t: T,
  lang: Lang,
): string {
  return [
    t(DIRECTION[r.direction] ?? r.direction),
    `${party(r.senderLevels, r.senderKinds, t)} → ${party(r.receiverLevels, r.receiverKinds, t)}`,
    ...(r.maxDepth !== null && r.maxDepth !== undefined ? [depthWords(r.maxDepth, t)] : []),
    r.docTypes?.length ? r.docTypes.map((d) => docTypeName(d, lang)).join(t('、')) : t('所有文种'),
    t(r.side === 'RECEIVER' ? '约束收文方' : '约束发文方'),
  ].join(' · ');
}
