'use client';
// One of a person's short facts (手机, 职务) as a line of the users table: the value or 未填写 with a link to change it,
// and, while changing, a field with save and cancel. Closed again once the save went through.
import { useState } from 'react';
import type { T } from '../../lib/i18n';

export function InlineText({
  t,
  testId,
  name,
  label,
  inputLabel,
  value,
  editWord,
  saveWord,
  busy,
  onSave,
}: {
  t: T;
  testId: string;
  name: string;
  /** What the value is, before it (手机). */
  label: string;
  /** The field's accessible name, with the person's name in it. */
  inputLabel: string;
  value: string | null;
  editWord: string;
  saveWord: string;
  busy: boolean;
  /** Saves the trimmed value (empty clears it); true when it went through. */
  onSave: (value: string) => Promise<boolean>;
}) {
  const [draft, setDraft] = useState<string | null>(null);
  return (
    <div className="muted" data-testid={testId}>
      {draft !== null ? (
        <span className="actions">
          <input name={name} aria-label={inputLabel} value={draft} onChange={(e) => setDraft(e.target.value)} style={{ width: '9rem' }} />
          <button
            type="button"
            className="primary"
            disabled={busy}
            onClick={() =>
              void onSave(draft.trim()).then((saved) => {
                if (saved) setDraft(null);
              })
            }
          >
            {saveWord}
          </button>
          <button type="button" onClick={() => setDraft(null)}>
            {t('取消')}
          </button>
        </span>
      ) : (
        <>
          {label} {value ?? t('未填写')}{' '}
          <button type="button" className="link" onClick={() => setDraft(value ?? '')}>
            {editWord}
          </button>
        </>
      )}
    </div>
  );
}
