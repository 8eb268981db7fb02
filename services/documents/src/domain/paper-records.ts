// 纸质补录 as plain rules (issue 20; seed 003 §45, 001 §31): after an outage the unit's clerk records the documents
// that travelled on paper meanwhile, so the 收文登记簿 and the statistics stay whole. Each element is checked here;
// the paper time is when it was received or sent on paper, in the past and within a year.
import { badInput, beijingDate, DOC_TYPES, requiredText } from '@yizhan/common';

export const PaperDirection = { RECEIVED: 'RECEIVED', SENT: 'SENT' } as const;
export type PaperDirection = (typeof PaperDirection)[keyof typeof PaperDirection];

/** How every paper entry is marked where it shows: the register, its CSV and PDF, the lists. */
export const PAPER_MARK = '纸质补录';

/** Who records: the unit's clerk (登记 is the clerk's, 条例 第二十四条), or an OA system's token acting as one. */
export const PAPER_RECORDERS = ['CLERK'] as const;

/** How far back a paper document may be recorded: a year (an outage is hours or days; this catches typos). */
export const PAPER_MAX_AGE_DAYS = 366;

export interface PaperInput {
  direction: PaperDirection;
  counterpartName: string;
  docNumber: string;
  title: string;
  docType?: string | null;
  paperAt: Date;
  outageNote?: string | null;
}

const text = (value: string | null | undefined, field: string, max: number, line = false): string => requiredText(value, field, { max, line });

/** The input checked and trimmed; throws BAD_INPUT naming the field. */
export interface CheckedPaper {
  direction: PaperDirection;
  counterpartName: string;
  docNumber: string;
  title: string;
  /** Empty when not given. */
  docType: string;
  paperAt: Date;
  outageNote: string | null;
}

export function checkPaperInput(input: PaperInput, now: Date): CheckedPaper {
  if (!Object.values(PaperDirection).includes(input.direction)) throw badInput('direction is RECEIVED or SENT', 'direction');
  const at = input.paperAt;
  if (!(at instanceof Date) || Number.isNaN(at.getTime())) throw badInput('paperAt must be a date and time', 'paperAt');
  if (at.getTime() > now.getTime() + 60_000)
    throw badInput('paperAt lies in the future: record what has been received or sent', 'paperAt', { notFuture: true });
  const earliest = new Date(now.getTime() - PAPER_MAX_AGE_DAYS * 86_400_000);
  // Said as the first whole day accepted (不能早于 that day): any moment of it is.
  if (at < earliest) throw badInput('paperAt is more than a year ago', 'paperAt', { days: { min: beijingDate(new Date(earliest.getTime() + 86_400_000)) } });
  const docType = input.docType?.trim() || '';
  if (docType && !(DOC_TYPES as readonly string[]).includes(docType))
    throw badInput(`docType is not a document type; expected one of ${DOC_TYPES.join(' ')}`, 'docType');
  const note = input.outageNote?.trim() || null;
  if (note) text(note, 'outageNote', 500);
  return {
    direction: input.direction,
    counterpartName: text(input.counterpartName, 'counterpartName', 100, true),
    docNumber: text(input.docNumber, 'docNumber', 60, true),
    title: text(input.title, 'title', 200, true),
    docType,
    paperAt: at,
    outageNote: note,
  };
}

/** A register entry's title as the CSV and the PDF print it: paper entries marked. */
export const markedTitle = (title: string, paper: boolean) => (paper ? `【${PAPER_MARK}】${title}` : title);
