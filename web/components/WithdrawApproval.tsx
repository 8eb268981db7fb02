'use client';
// 撤回签发: the drafting unit's drafter or clerk takes an approved, unsent document back to draft, with the reason
// (required), asked in the page's own dialog. A 发文字号 it took for its stamp is voided with that reason and stays in
// the 发文登记簿 as 作废; pending stamp requests lapse (services/documents app/numbering.ts withdrawApproval).
import { useRef, useState } from 'react';
import type { WithdrawApprovalMutation } from '../generated/operations';
import { gql } from '../lib/client';
import { useAction } from '../lib/hooks';
import { useT } from '../lib/i18n';
import { hasRole, useSession } from '../lib/session';
import { ErrorNote } from './ui';

/** Who may withdraw an approval (the mutation's roles; the drafting unit only — the list shows only its documents). */
export const WITHDRAW_ROLES = ['DRAFTER', 'CLERK'];

export function WithdrawApprovalButton({
  id,
  title,
  disabled,
  onWithdrawn,
}: {
  id: string;
  title: string;
  disabled?: boolean;
  onWithdrawn: (doc: WithdrawApprovalMutation['withdrawApproval']) => void | Promise<void>;
}) {
  const t = useT();
  const { session } = useSession();
  const dialog = useRef<HTMLDialogElement>(null);
  const [reason, setReason] = useState('');
  const act = useAction();
  if (!hasRole(session, ...WITHDRAW_ROLES)) return null;
  const label = t('撤回签发');
  const close = () => {
    dialog.current?.close();
    act.setError(null);
  };
  const submit = () =>
    void act.run(async () => {
      const r = await gql('WithdrawApproval', { id, reason: reason.trim() });
      dialog.current?.close();
      setReason('');
      await onWithdrawn(r.withdrawApproval);
    });
  return (
    <>
      <button
        type="button"
        disabled={disabled || act.busy}
        title={t('退回草稿修改；已为用印编号的，该发文字号作废')}
        onClick={() => dialog.current?.showModal()}
      >
        {label}
      </button>
      <dialog ref={dialog} className="confirm" aria-label={label} data-testid="withdraw-dialog">
        <p>
          <strong>{t('撤回《{title}》的签发，退回草稿？', { title })}</strong>
        </p>
        <p className="muted">
          {t('撤回后须重新提交审批、签发。已为用印编号的，该发文字号作废（不再使用），连同原因记入发文登记簿；尚未完成的用印申请一并失效。')}
        </p>
        <label>
          {t('撤回原因（必填）')}
          <textarea
            name="reason"
            rows={3}
            maxLength={1000}
            required
            aria-label={t('撤回原因')}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            style={{ display: 'block', width: '100%' }}
          />
        </label>
        <ErrorNote error={act.error} />
        <p className="actions">
          <button type="button" className="primary danger" disabled={act.busy || !reason.trim()} onClick={submit}>
            {label}
          </button>
          <button type="button" onClick={close}>
            {t('取消')}
          </button>
        </p>
      </dialog>
    </>
  );
}
