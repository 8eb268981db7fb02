'use client';
// A confirmation in the page's own dialog before an action that cannot be undone (stop, destroy, dispose, revoke):
// the question says what will happen, the confirming button repeats the action's word; Esc or 取消 leaves nothing done.
import { type ReactNode, useRef } from 'react';
import { useT } from '../lib/i18n';

export function ConfirmButton({
  label,
  question,
  confirmLabel,
  onConfirm,
  disabled,
  className,
  testId,
  children,
}: {
  label: string;
  question: string;
  /** The confirming button's word; the label when not given. */
  confirmLabel?: string;
  onConfirm: () => void;
  disabled?: boolean;
  className?: string;
  testId?: string;
  /** More to read in the dialog (what is about to be destroyed, who is named). */
  children?: ReactNode;
}) {
  const t = useT();
  const dialog = useRef<HTMLDialogElement>(null);
  const close = () => dialog.current?.close();
  return (
    <>
      <button type="button" className={className} disabled={disabled} data-testid={testId} onClick={() => dialog.current?.showModal()}>
        {label}
      </button>
      <dialog ref={dialog} className="confirm" aria-label={label}>
        <p>
          <strong>{question}</strong>
        </p>
        {children}
        <p className="actions">
          <button
            type="button"
            className="primary danger"
            onClick={() => {
              close();
              onConfirm();
            }}
          >
            {confirmLabel ?? label}
          </button>
          <button type="button" onClick={close}>
            {t('取消')}
          </button>
        </p>
      </dialog>
    </>
  );
}
