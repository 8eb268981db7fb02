'use client';
// 单位: a unit's details, renaming with a basis, registering a unit below, merging units below, dissolving (with the
// unit that keeps its archive: its superior, or another unit under that superior).
import { useState } from 'react';
import type { OrgKind, OrgLevel, OrgNodeQuery } from '../../generated/operations';
import { gql } from '../../lib/client';
import { fmtTime } from '../../lib/format';
import { useAction, useQuery } from '../../lib/hooks';
import type { T } from '../../lib/i18n';
import { useSession } from '../../lib/session';
import { ConfirmButton } from '../Confirm';
import { ErrorNote, KIND, LEVEL, ROLE, Section } from '../ui';

export function UnitPanel({ t, org, reload }: { t: T; org: OrgNodeQuery['org']; reload: () => void }) {
  const act = useAction();
  const { session } = useSession();
  // Dissolving a unit is for an administrator above it: not offered for one's own.
  const own = org.id === session?.user.org.id;
  const [name, setName] = useState(org.name);
  const [shortName, setShortName] = useState(org.shortName);
  const [reason, setReason] = useState('');
  const [child, setChild] = useState({ code: '', name: '', shortName: '', level: org.level, kind: 'DEPARTMENT' as OrgKind });
  const [merge, setMerge] = useState<string[]>([]);
  const [survivor, setSurvivor] = useState('');
  // Who keeps a dissolved unit's archive: its superior (''), or one of the units beside it.
  const [custodian, setCustodian] = useState('');
  const above = useQuery('OrgNode', !own && org.parent && org.status === 'ACTIVE' ? { id: org.parent.id } : null);
  const beside = (above.data?.org.children ?? []).filter((c) => c.id !== org.id && c.status === 'ACTIVE');
  // A refusal is said beside the form it answers (the page is long): the section whose action was taken last.
  const [acted, setActed] = useState<'unit' | 'child' | 'merge'>('unit');
  const done = async (fn: () => Promise<unknown>, where: 'unit' | 'child' | 'merge' = 'unit') => {
    setActed(where);
    const r = await act.run(fn);
    if (r !== undefined) {
      setReason('');
      reload();
    }
  };
  return (
    <>
      <Section title={t('单位信息')}>
        <div className="grid">
          <span className="muted">{t('代码')}</span>
          <span>{org.code}</span>
          <span className="muted">{t('层级')}</span>
          <span>{t(LEVEL[org.level] ?? org.level)}</span>
          <span className="muted">{t('机关代字')}</span>
          <span>{org.docPrefixes.join(t('、')) || '—'}</span>
          <span className="muted">{t('审批流程')}</span>
          <span>{org.approvalChain.map((r) => t(ROLE[r] ?? r)).join(' → ')}</span>
          {org.status !== 'ACTIVE' && (
            <>
              <span className="muted">{t('撤并')}</span>
              <span>
                {fmtTime(org.closedAt)} · {org.closedReason}
              </span>
              <span className="muted">{t('档案代管单位')}</span>
              <span data-testid="archive-custodian">{org.archiveCustodian?.name ?? '—'}</span>
            </>
          )}
          <span className="muted">{t('曾用名')}</span>
          <span>
            {org.nameHistory
              .filter((h) => h.validTo)
              .map((h) => `${h.name}${t('（{r}）', { r: fmtTime(h.validTo) })}`)
              .join(t('；')) || '—'}
          </span>
        </div>
      </Section>
      <Section title={t('更名')}>
        {acted === 'unit' && <ErrorNote error={act.error} />}
        <div className="grid">
          <label className="field">
            <span>{t('全称')}</span>
            <input value={name} onChange={(e) => setName(e.target.value)} />
          </label>
          <label className="field">
            <span>{t('简称')}</span>
            <input value={shortName} onChange={(e) => setShortName(e.target.value)} />
          </label>
          <label className="field">
            <span>{t('依据')}</span>
            <input value={reason} onChange={(e) => setReason(e.target.value)} placeholder={t('如：机构改革文件')} />
          </label>
        </div>
        <p className="actions">
          <button type="button" disabled={act.busy} onClick={() => void done(() => gql('RenameOrg', { id: org.id, name, shortName, reason: reason || null }))}>
            {t('更名')}
          </button>
          {/* The top unit has no unit above it to close it. */}
          {own ? (
            org.parent && <span className="muted">{t('撤销本单位由上级单位的管理员办理')}</span>
          ) : org.status !== 'ACTIVE' ? null : (
            <>
              <label>
                {t('档案交由')}{' '}
                <select value={custodian} onChange={(e) => setCustodian(e.target.value)} data-testid="archive-custodian-choice">
                  <option value="">{t('上级单位（{u}）', { u: org.parent?.name ?? '' })}</option>
                  {beside.map((c) => (
                    <option key={c.id} value={c.id}>
                      {c.name}
                    </option>
                  ))}
                </select>
              </label>
              <ConfirmButton
                label={t('撤销单位')}
                disabled={act.busy || !reason.trim()}
                question={t('撤销 {u}？其账号将全部停用，档案交由 {k} 代管。', {
                  u: org.name,
                  k: beside.find((c) => c.id === custodian)?.name ?? org.parent?.name ?? '',
                })}
                onConfirm={() => void done(() => gql('DissolveOrg', { id: org.id, reason, archiveCustodianId: custodian || null }))}
              />
              {!reason.trim() && <span className="muted">{t('撤销须填写依据')}</span>}
            </>
          )}
        </p>
      </Section>
      <Section title={t('新增下级单位')}>
        {acted === 'child' && <ErrorNote error={act.error} />}
        <div className="grid">
          {(['code', 'name', 'shortName'] as const).map((k) => (
            <label key={k} className="field">
              <span>{t({ code: '代码', name: '全称', shortName: '简称' }[k])}</span>
              <input value={child[k]} onChange={(e) => setChild({ ...child, [k]: e.target.value })} />
            </label>
          ))}
          <label className="field">
            <span>{t('层级')}</span>
            <select value={child.level} onChange={(e) => setChild({ ...child, level: e.target.value as OrgLevel })}>
              {/* LEVEL runs from the highest: a unit registers below it units of its own level or lower. */}
              {Object.entries(LEVEL)
                .slice(Object.keys(LEVEL).indexOf(org.level))
                .map(([k, v]) => (
                  <option key={k} value={k}>
                    {t(v)}
                  </option>
                ))}
            </select>
          </label>
          <label className="field">
            <span>{t('类型')}</span>
            <select value={child.kind} onChange={(e) => setChild({ ...child, kind: e.target.value as OrgKind })}>
              {Object.entries(KIND).map(([k, v]) => (
                <option key={k} value={k}>
                  {t(v)}
                </option>
              ))}
            </select>
          </label>
        </div>
        <p>
          <button type="button" disabled={act.busy} onClick={() => void done(() => gql('RegisterOrg', { input: { parentId: org.id, ...child } }), 'child')}>
            {t('注册')}
          </button>
        </p>
      </Section>
      {org.children.length > 1 && (
        <Section title={t('合并下级单位')}>
          {acted === 'merge' && <ErrorNote error={act.error} />}
          <div className="chips">
            {org.children.map((c) => (
              <label key={c.id} className="chip">
                <input
                  type="checkbox"
                  checked={merge.includes(c.id)}
                  onChange={(e) => setMerge(e.target.checked ? [...merge, c.id] : merge.filter((x) => x !== c.id))}
                />{' '}
                {c.shortName}
              </label>
            ))}
          </div>
          <p className="actions">
            <select aria-label={t('保留的单位')} value={survivor} onChange={(e) => setSurvivor(e.target.value)}>
              <option value="">{t('选择保留的单位')}</option>
              {org.children
                .filter((c) => merge.includes(c.id))
                .map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.name}
                  </option>
                ))}
            </select>
            <input aria-label={t('依据')} placeholder={t('依据')} value={reason} onChange={(e) => setReason(e.target.value)} />
            <button
              type="button"
              disabled={act.busy || merge.length < 2 || !survivor || !reason.trim()}
              onClick={() =>
                void done(() => gql('MergeOrgs', { input: { absorbedIds: merge.filter((x) => x !== survivor), survivorId: survivor, reason } }), 'merge')
              }
            >
              {t('合并')}
            </button>
          </p>
        </Section>
      )}
    </>
  );
}
