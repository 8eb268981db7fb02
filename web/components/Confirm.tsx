'use client';
// A confirmation in the page's own dialog before an action that cannot be undone (stop, destroy, dispose, revoke):
// the question says what will happen, the confirming button repeats the action's word; Esc or 取消 leaves nothing done.
import { type ReactNode, useRef, useState } from 'react';
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

/**
 * An action that needs a word first (a reason, a number of copies): the page's own dialog asks for it with a labelled
 * field, instead of the browser's prompt box. Empty, or Esc and 取消, leave nothing done.
 */
export function AskButton({
  label,
  question,
  field,
  initial = '',
  type = 'text',
  onAnswer,
  disabled,
  className = 'link',
}: {
  label: string;
  question: string;
  /** The field's label (原因, 打印份数). */
  field: string;
  initial?: string;
  type?: 'text' | 'number';
  onAnswer: (value: string) => void;
  disabled?: boolean;
  className?: string;
}) {
  const t = useT();
  const dialog = useRef<HTMLDialogElement>(null);
  const input = useRef<HTMLInputElement>(null);
  const open = () => {
    if (input.current) input.current.value = initial;
    dialog.current?.showModal();
  };
  // Spaces alone are no answer: said so beside the field, which keeps the dialog open.
  const [empty, setEmpty] = useState(false);
  const answer = () => {
    const value = input.current?.value.trim() ?? '';
    setEmpty(!value);
    if (!value) return input.current?.focus();
    dialog.current?.close();
    onAnswer(value);
  };
  return (
    <>
      <button type="button" className={className} disabled={disabled} onClick={open}>
        {label}
      </button>
      <dialog ref={dialog} className="confirm" aria-label={label}>
        <form
          method="dialog"
          onSubmit={(e) => {
            e.preventDefault();
            answer();
          }}
        >
          <p>
            <strong>{question}</strong>
          </p>
          <p>
            <label>
              {field}{' '}
              <input
                ref={input}
                type={type}
                min={type === 'number' ? 0 : undefined}
                max={type === 'number' ? 99 : undefined}
                required
                aria-invalid={empty || undefined}
                onInput={() => setEmpty(false)}
              />
            </label>
          </p>
          {empty && (
            <p className="refused" role="alert" data-testid="ask-empty">
              {t('请填写{f}', { f: field })}
            </p>
          )}
          <p className="actions">
            <button type="submit" className="primary">
              {label}
            </button>
            <button type="button" onClick={() => dialog.current?.close()}>
              {t('取消')}
            </button>
          </p>
        </form>
      </dialog>
    </>
  );
}
