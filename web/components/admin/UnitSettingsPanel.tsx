'use client';
// 单位设置: the unit's 机关代字 (the prefix of its 发文字号), its 简报刊名 (a 简报's 期号 runs under each) and its
// approval chain (seed 000 §11); whether a post needs 培训考核 (seed 004); whether wrong passwords lock an account
// (seed 003 §14); the address its urgent
// alerts are posted to besides SMS; moving the unit under another superior (机构调整).
import { useState } from 'react';
import type { OrgNodeQuery, SearchOrgsQuery } from '../../generated/operations';
import { gql } from '../../lib/client';
import { useAction } from '../../lib/hooks';
import type { T } from '../../lib/i18n';
import { useSession } from '../../lib/session';
import { ConfirmButton } from '../Confirm';
import { ErrorNote, LEVEL, ROLE, Section } from '../ui';

const STEPS = ['APPROVER', 'LEADER'] as const;
/** The page's sections that save something. */
type Part = 'chain' | 'training' | 'lock' | 'webhook' | 'move';

export function UnitSettingsPanel({ t, org, reload }: { t: T; org: OrgNodeQuery['org']; reload: () => void }) {
  const { session } = useSession();
  const act = useAction();
  const [prefixes, setPrefixes] = useState(org.docPrefixes.join('、'));
  const [titles, setTitles] = useState(org.briefingTitles.join('、'));
  const [chain, setChain] = useState<string[]>(org.approvalChain.length ? org.approvalChain : ['APPROVER', 'LEADER']);
  const [webhook, setWebhook] = useState(org.alertWebhookUrl ?? '');
  const [search, setSearch] = useState('');
  const [found, setFound] = useState<SearchOrgsQuery['searchOrgs']>([]);
  const [target, setTarget] = useState<SearchOrgsQuery['searchOrgs'][number] | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  // Which section the last action was in: its answer (saved, or refused) is shown there, beside its button, not at
  // the top of a long page.
  const [where, setWhere] = useState<Part>('chain');
  const [trainingSubtree, setTrainingSubtree] = useState(false);
  const [lockAfter, setLockAfter] = useState(String(org.lockAfterFailures ?? 5));
  const [lockSubtree, setLockSubtree] = useState(false);
  const done = async (part: Part, fn: () => Promise<unknown>, message: string) => {
    setSaved(null);
    setWhere(part);
    if ((await act.run(fn)) !== undefined) {
      setSaved(message);
      reload();
    }
  };
  const names = (text: string) =>
    text
      .split(/[、,，;；\s]+/)
      .map((p) => p.trim())
      .filter(Boolean);
  const list = names(prefixes);
  const answer = (part: Part) =>
    where === part && (
      <>
        <ErrorNote error={act.error} />
        {saved && (
          <p className="notice" role="status">
            {saved}
          </p>
        )}
      </>
    );
  return (
    <>
      <Section title={t('机关代字与审批流程')}>
        <div className="grid">
          <label className="field">
            <span>{t('机关代字')}</span>
            <input value={prefixes} onChange={(e) => setPrefixes(e.target.value)} placeholder={t('如：陕政办发、陕政办函（多个用顿号分隔）')} />
          </label>
          <label className="field">
            <span>{t('简报刊名')}</span>
            <input value={titles} onChange={(e) => setTitles(e.target.value)} placeholder={t('如：新城政务信息（简报按刊名逐年编期号）')} />
            <span className="muted">{t('第一个刊名为向上级报送的简报：每个单位只限向上级报送一种简报')}</span>
          </label>
          <span>{t('审批流程')}</span>
          <div className="actions" data-testid="approval-chain">
            {chain.map((r, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: the steps are positions in the chain; the same role may appear twice
              <span key={i} className="chip">
                {i > 0 && '→ '}
                <select aria-label={t('第 {n} 步', { n: i + 1 })} value={r} onChange={(e) => setChain(chain.map((x, j) => (j === i ? e.target.value : x)))}>
                  {STEPS.map((s) => (
                    <option key={s} value={s}>
                      {t(ROLE[s] ?? s)}
                    </option>
                  ))}
                </select>
                {chain.length > 1 && (
                  <button
                    type="button"
                    className="link"
                    aria-label={t('删除第 {n} 步', { n: i + 1 })}
                    onClick={() => setChain(chain.filter((_, j) => j !== i))}
                  >
                    ✕
                  </button>
                )}
              </span>
            ))}
            {chain.length < 4 && (
              <button type="button" className="link" onClick={() => setChain([...chain, 'LEADER'])}>
                {t('＋ 增加一步')}
              </button>
            )}
          </div>
        </div>
        <p className="muted">{t('机关代字为 2–10 个汉字；审批流程 1–4 步，按顺序审批。')}</p>
        <p>
          <button
            type="button"
            className="primary"
            disabled={act.busy}
            onClick={() =>
              void done(
                'chain',
                () => gql('UpdateUnitSettings', { orgId: org.id, docPrefixes: list, approvalChain: chain, briefingTitles: names(titles) }),
                t('已保存单位设置'),
              )
            }
          >
            {t('保存单位设置')}
          </button>
        </p>
        {answer('chain')}
      </Section>
      <Section title={t('培训考核')}>
        <p className="muted">{t('使用人员按规定接受培训，考核合格后方能上岗：开启后，只有已登记培训考核日期的人员才能被授予新的角色。')}</p>
        <p className="actions">
          <span data-testid="training-required">{org.trainingRequired ? t('本单位上岗须经培训考核。') : t('本单位尚未要求上岗须经培训考核。')}</span>
          <label>
            <input type="checkbox" checked={trainingSubtree} onChange={(e) => setTrainingSubtree(e.target.checked)} /> {t('同时适用于下级单位')}
          </label>
          <button
            type="button"
            disabled={act.busy}
            onClick={() =>
              void done(
                'training',
                () => gql('SetTrainingRequired', { orgId: org.id, required: !org.trainingRequired, subtree: trainingSubtree }),
                org.trainingRequired ? t('已取消上岗培训考核要求') : t('已要求上岗须经培训考核'),
              )
            }
          >
            {org.trainingRequired ? t('取消该要求') : t('要求上岗须经培训考核')}
          </button>
        </p>
        {answer('training')}
      </Section>
      <Section title={t('登录失败锁定')}>
        <p className="muted">
          {t(
            '多次输错密码后，账号将被锁定，须由系统管理员解锁。未开启时，连续输错密码只会使该账号等待更久再试。注意：知道用户名的任何人都可以故意输错密码使账号被锁定。',
          )}
        </p>
        <p className="actions">
          <span data-testid="lock-after-failures">
            {org.lockAfterFailures ? t('连续输错 {n} 次密码即锁定账号。', { n: org.lockAfterFailures }) : t('输错密码不会锁定账号。')}
          </span>
          <label>
            {t('连续输错次数')}{' '}
            <input type="number" min={3} max={20} value={lockAfter} onChange={(e) => setLockAfter(e.target.value)} style={{ width: '4rem' }} />
          </label>
          <label>
            <input type="checkbox" checked={lockSubtree} onChange={(e) => setLockSubtree(e.target.checked)} /> {t('同时适用于下级单位')}
          </label>
          <button
            type="button"
            disabled={act.busy}
            onClick={() =>
              void done(
                'lock',
                () => gql('SetLockAfterFailures', { orgId: org.id, failures: Number(lockAfter), subtree: lockSubtree }),
                t('已设置登录失败锁定'),
              )
            }
          >
            {t('开启或修改锁定')}
          </button>
          {org.lockAfterFailures && (
            <button
              type="button"
              disabled={act.busy}
              onClick={() =>
                void done('lock', () => gql('SetLockAfterFailures', { orgId: org.id, failures: null, subtree: lockSubtree }), t('已取消登录失败锁定'))
              }
            >
              {t('取消锁定')}
            </button>
          )}
        </p>
        {answer('lock')}
      </Section>
      <Section title={t('紧急公文告警推送地址')}>
        <p className="muted">{t('除短信通知联系人外，紧急公文到达时向该地址推送（须为公网 HTTPS 地址）。不填则不推送。')}</p>
        <p className="actions">
          <input aria-label={t('推送地址')} placeholder="https://" value={webhook} onChange={(e) => setWebhook(e.target.value)} style={{ width: '28rem' }} />
          <button
            type="button"
            disabled={act.busy}
            onClick={() => void done('webhook', () => gql('SetAlertWebhook', { orgId: org.id, url: webhook.trim() || null }), t('已保存推送地址'))}
          >
            {t('保存推送地址')}
          </button>
        </p>
        {answer('webhook')}
      </Section>
      {/* Moving a unit is for an administrator above it (and above its new superior): not offered for one's own. */}
      {org.parent && org.id !== session?.user.org.id && (
        <Section title={t('调整隶属关系')}>
          <p className="muted">{t('现隶属：{p}。机构调整后，本单位及其下级整体移至新的上级单位。', { p: org.parent.name })}</p>
          <p className="actions">
            <input
              type="search"
              aria-label={t('查找新的上级单位')}
              placeholder={t('新的上级单位名称')}
              value={search}
              onChange={(e) => setSearch(e.target.value)}
            />
            <button
              type="button"
              disabled={!search.trim()}
              onClick={() =>
                void act.run(async () => {
                  setWhere('move');
                  const r = await gql('SearchOrgs', { name: search.trim() });
                  setFound(r.searchOrgs.filter((o) => o.id !== org.id));
                })
              }
            >
              {t('查找')}
            </button>
          </p>
          {found.length > 0 && (
            <div className="chips">
              {found.map((o) => (
                <label key={o.id} className="chip">
                  <input type="radio" name="new-parent" checked={target?.id === o.id} onChange={() => setTarget(o)} /> {o.name}{' '}
                  <span className="muted">{t(LEVEL[o.level] ?? o.level)}</span>
                </label>
              ))}
            </div>
          )}
          {target && (
            <p>
              <ConfirmButton
                label={t('调整隶属')}
                question={t('将 {u} 移至 {p} 之下？', { u: org.name, p: target.name })}
                disabled={act.busy}
                onConfirm={() => void done('move', () => gql('MoveOrg', { id: org.id, newParentId: target.id }), t('已调整隶属关系'))}
              />
            </p>
          )}
          {answer('move')}
        </Section>
      )}
    </>
  );
}
