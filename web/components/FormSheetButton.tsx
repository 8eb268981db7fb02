'use client';
// 打印收文处理单 / 打印发文稿纸: the office's form of a document, filled in by the platform from what it recorded (who
// proposed, instructed, handled, read, concluded; who drafted, reviewed, countersigned, issued, sealed and sent it),
// as a PDF to print and file with the paper copy.
import { openFormSheet } from '../lib/client';
import { useAction } from '../lib/hooks';
import { useT } from '../lib/i18n';
import { ErrorNote } from './ui';

const WORDS = { handling: { label: '打印收文处理单', file: '收文处理单' }, draft: { label: '打印发文稿纸', file: '发文稿纸' } } as const;

export function FormSheetButton({ sheet, id }: { sheet: 'handling' | 'draft'; id: string }) {
  const t = useT();
  const printing = useAction();
  return (
    <span className="actions">
      <button
        type="button"
        disabled={printing.busy}
        onClick={() => void printing.run(() => openFormSheet(sheet, id, `${WORDS[sheet].file}.pdf`))}
        data-testid={`print-${sheet}-sheet`}
      >
        {t(WORDS[sheet].label)}
      </button>
      <ErrorNote error={printing.error} />
    </span>
  );
}
