'use client';
// A seal's status changes (seed 003 §19–20): suspend with a reason and resume (its administrator or the issuing
// authority), report it lost (also a custodian; the key is erased, the certificate revoked), destroy it with the
// three parties present by name and post (the issuing authority), and apply for its replacement or change (the unit's
// own administrator). Losing and destroying cannot be undone: both ask first.
import { useState } from 'react';
import type { DestructionParty, UnitSealsQuery } from '../generated/operations';
import { gql } from '../lib/client';
import { fileToBase64 } from '../lib/files';
import { useAction } from '../lib/hooks';
import { type T, useT } from '../lib/i18n';
import { ConfirmButton } from './Confirm';
import { ErrorNote } from './ui';

/** A seal's status reason as its card shows it: the platform's own marks in words, a person's reason as written. */
export function sealReasonWords(t: T, reason: string | null): string | null {
  if (!reason || reason === 'destroyed') return null;
  if (reason === 'replaced') return t('已由新印章替代');
  return reason.length > 200 ? `${reason.slice(0, 200)}…` : reason;
}

/** A seal no longer usable (revoked, destroyed) is drawn faded and grey, so a copy of its picture is not mistaken for one in force. */
export const sealImageStyle = (status: string) => (status === 'REVOKED' || status === 'DESTROYED' ? { opacity: 0.35, filter: 'grayscale(1)' } : undefined);

type Seal = UnitSealsQuery['seals'][number];

export const SEAL_STATUS: Record<string, string> = {
  PENDING_CUSTODY: '待保管人接管',
  ACTIVE: '使用中',
  SUSPENDED: '已暂停',
  REVOKED: '已注销',
  DESTROYED: '已销毁',
};

const PARTIES: [DestructionParty, string][] = [
  ['GOVERNMENT_OFFICE', '政府办公厅（室）'],
  ['EGOV_OFFICE', '电子政务办公室'],
  ['OWNING_UNIT', '用章单位'],
];

/** The three parties present at a seal's making or destruction (seed 003 §20, seed 004 五(三)), as typed. */
export type Witnesses = Record<string, { name: string; post: string }>;

/** The witnesses as the API takes them, and whether each party is named with its post. */
export function witnessesOf(witnesses: Witnesses) {
  const list = PARTIES.map(([party]) => ({ party, name: witnesses[party]?.name.trim() ?? '', post: witnesses[party]?.post.trim() ?? '' }));
  return { list, complete: list.every((w) => w.name && w.post) };
}

/** A name and a post for each of the three parties. */
export function WitnessFields({ t, value, onChange }: { t: T; value: Witnesses; onChange: (w: Witnesses) => void }) {
  return (
    <div className="grid">
      {PARTIES.map(([party, zh]) => (
        <div key={party} style={{ display: 'contents' }}>
          <span>{t(zh)}</span>
          <span className="actions">
            <input
              aria-label={t('{p}人员姓名', { p: t(zh) })}
              placeholder={t('姓名')}
              value={value[party]?.name ?? ''}
              onChange={(e) => onChange({ ...value, [party]: { name: e.target.value, post: value[party]?.post ?? '' } })}
            />
            <input
              aria-label={t('{p}人员职务', { p: t(zh) })}
              placeholder={t('职务')}
              value={value[party]?.post ?? ''}
              onChange={(e) => onChange({ ...value, [party]: { name: value[party]?.name ?? '', post: e.target.value } })}
            />
          </span>
        </div>
      ))}
    </div>
  );
}

export function SealActions({
  seal,
  canManage,
  issuing,
  own,
  custodian,
  onChange,
}: {
  seal: Seal;
  /** An administrator of the unit, or the issuing authority. */
  canManage: boolean;
  /** The issuing authority above the unit (destroys seals). */
  issuing: boolean;
  /** The unit's own administrator (applies for a replacement). */
  own: boolean;
  custodian: boolean;
  onChange: () => unknown;
}) {
  const t = useT();
  const act = useAction();
  const [reason, setReason] = useState('');
  const [witnesses, setWitnesses] = useState<Witnesses>({});
  const [replace, setReplace] = useState<{ kind: 'REPLACEMENT' | 'CHANGE'; statement: string; impression: File | null } | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const run = (fn: () => Promise<unknown>, message: string) =>
    act.run(async () => {
      await fn();
      setReason('');
      setDone(message);
      await onChange();
    });
  const live = ['ACTIVE', 'SUSPENDED', 'PENDING_CUSTODY'].includes(seal.status);
  const { list: witnessList, complete: allPresent } = witnessesOf(witnesses);
  return (
    <div data-testid="seal-actions">
      <ErrorNote error={act.error} />
      {done && (
        <p className="notice" role="status">
          {done}
        </p>
      )}
      {(canManage || custodian) && live && (
        <p className="actions">
          <input
            aria-label={t('原因')}
            placeholder={t('原因（暂停或遗失须写明）')}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            style={{ width: '18rem' }}
          />
          {canManage && seal.status === 'ACTIVE' && (
            <button
              type="button"
              disabled={act.busy || !reason.trim()}
              onClick={() => void run(() => gql('SuspendSeal', { id: seal.id, reason: reason.trim() }), t('印章已暂停使用'))}
            >
              {t('暂停使用')}
            </button>
          )}
          {canManage && seal.status === 'SUSPENDED' && (
            <button type="button" disabled={act.busy} onClick={() => void run(() => gql('ResumeSeal', { id: seal.id }), t('印章已恢复使用'))}>
              {t('恢复使用')}
            </button>
          )}
          <ConfirmButton
            label={t('报告遗失')}
            question={t('报告 {u} 的电子印章遗失？印章将立即注销、密钥销毁、证书吊销，不可恢复。', { u: seal.orgName })}
            disabled={act.busy || !reason.trim()}
            onConfirm={() => void run(() => gql('ReportSealLost', { id: seal.id, note: reason.trim() }), t('已报告遗失，印章已注销'))}
          />
        </p>
      )}
      {issuing && seal.status !== 'DESTROYED' && (
        <details>
          <summary>{t('销毁印章（须三方人员在场）')}</summary>
          <WitnessFields t={t} value={witnesses} onChange={setWitnesses} />
          <p>
            <ConfirmButton
              label={t('销毁印章')}
              question={t('销毁 {u} 的电子印章？销毁后印章和密钥不复存在，不可恢复。', { u: seal.orgName })}
              disabled={act.busy || !allPresent}
              onConfirm={() => void run(() => gql('DestroySeal', { id: seal.id, witnesses: witnessList }), t('印章已销毁'))}
            >
              <ul>
                {witnessList.map((w, i) => (
                  <li key={w.party}>
                    {t(PARTIES[i]![1])}
                    {t('：')}
                    {w.name}（{w.post}）
                  </li>
                ))}
              </ul>
            </ConfirmButton>
          </p>
        </details>
      )}
      {/* A seal is replaced once: one already replaced offers nothing more. */}
      {own && seal.status !== 'PENDING_CUSTODY' && !seal.replacedBy && (
        <p className="actions">
          {replace ? (
            <>
              <select
                aria-label={t('申请类型')}
                value={replace.kind}
                onChange={(e) => setReplace({ ...replace, kind: e.target.value as 'REPLACEMENT' | 'CHANGE' })}
              >
                <option value="REPLACEMENT">{t('补办（遗失或损坏）')}</option>
                <option value="CHANGE">{t('变更（单位名称等变化）')}</option>
              </select>
              <input
                aria-label={t('申请事由')}
                placeholder={t('申请事由（书面申请）')}
                value={replace.statement}
                onChange={(e) => setReplace({ ...replace, statement: e.target.value })}
                style={{ width: '22rem' }}
              />
              {/* The scan of the paper impression goes with the application (a changed name, a new one). */}
              <ImpressionInput t={t} file={replace.impression} onChange={(impression) => setReplace({ ...replace, impression })} />
              <button
                type="button"
                className="primary"
                disabled={act.busy || !replace.statement.trim() || impressionTooLarge(replace.impression)}
                onClick={() =>
                  void run(async () => {
                    await gql('ApplyForSeal', {
                      input: {
                        statement: replace.statement.trim(),
                        suite: seal.suite,
                        belowText: '电子公文专用章',
                        replacesSealId: seal.id,
                        kind: replace.kind,
                        impression: replace.impression ? await fileToBase64(replace.impression) : null,
                      },
                    });
                    setReplace(null);
                  }, t('已提交申请，待本单位负责人同意'))
                }
              >
                {t('提交申请')}
              </button>
              <button type="button" onClick={() => setReplace(null)}>
                {t('取消')}
              </button>
            </>
          ) : (
            <button
              type="button"
              className="link"
              onClick={() => setReplace({ kind: seal.status === 'ACTIVE' ? 'CHANGE' : 'REPLACEMENT', statement: '', impression: null })}
            >
              {t('申请补办或变更此印章')}
            </button>
          )}
        </p>
      )}
    </div>
  );
}

/** seed 001 §19: a scan of the physical seal's impression is at most 500 KB (the service holds to it too). */
export const MAX_IMPRESSION_BYTES = 500 * 1024;
export const impressionTooLarge = (file: File | null) => (file?.size ?? 0) > MAX_IMPRESSION_BYTES;

/** 按规定格式提报纸质印模 (seed 001 §19): the scan of the paper impression chosen for an application, one over 500 KB named. */
export function ImpressionInput({ t, file, onChange }: { t: T; file: File | null; onChange: (file: File | null) => void }) {
  return (
    <>
      <label>
        {t('纸质印模扫描件（PNG 或 JPEG，500 KB 以内）')}{' '}
        <input type="file" accept="image/png,image/jpeg" onChange={(e) => onChange(e.target.files?.[0] ?? null)} />
      </label>
      {impressionTooLarge(file) && <span className="error">{t('印模扫描件超过 500 KB，请压缩后再上传')}</span>}
    </>
  );
}
