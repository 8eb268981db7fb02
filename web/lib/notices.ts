// A notice in the reader's language. The platform keeps each notice as its Chinese sentence (what its SMS says) and
// as its kind and words (documents' domain/notices.ts); in Chinese the sentence is shown as kept, in English it is
// said again here from the words. A notice kept before its words were has only its sentence, shown as it is.
import { fmtTime } from './format.ts';
import { URGENCY } from './urgency.ts';

/** A notice as the inbox reads it (operations/inbox.graphql, `Notifications`). */
export interface KeptNotice {
  text: string;
  deliveryId?: string | null;
  assessmentId?: string | null;
  kind?: string | null;
  words?: {
    senderName?: string | null;
    title?: string | null;
    docNumber?: string | null;
    urgency?: string | null;
    telegram?: boolean | null;
    deadline?: string | null;
    note?: string | null;
    byUnit?: string | null;
    byName?: string | null;
    afterMinutes?: number | null;
    to?: string | null;
    names?: string[] | null;
    score?: number | null;
    grade?: string | null;
    rank?: number | null;
    /** Another unit holds the same place (并列). */
    tied?: boolean | null;
    of?: number | null;
    late?: number | null;
    missing?: number | null;
  } | null;
}

/** A 考核评比 grade in Chinese, for t() to say in the reader's language. */
export const GRADE_WORDS: Record<string, string> = { EXCELLENT: '优秀', GOOD: '良好', PASS: '合格', FAIL: '不合格' };

const quoted = (w: { title?: string | null; docNumber?: string | null }) => `“${w.title ?? ''}”${w.docNumber ? ` (${w.docNumber})` : ''}`;

/** When an automatic 催办's step came, in English: at the due time, 2 hours after it, 90 minutes after it. */
export function stepWhenEn(afterMinutes: number): string {
  if (afterMinutes === 0) return 'at the due time';
  const [n, unit] = afterMinutes % 60 === 0 ? [afterMinutes / 60, 'hour'] : [afterMinutes, 'minute'];
  return `${n} ${unit}${n === 1 ? '' : 's'} after the due time`;
}

/** Where a notice leads: its delivery, or the 考核评比 it tells of; a 通报's notice leads nowhere (the bulletin is
 * the publishing unit's to read). */
export function noticeHref(n: KeptNotice): string | null {
  if (n.deliveryId) return `/inbox/${n.deliveryId}`;
  if (n.assessmentId) return `/assessment?id=${n.assessmentId}`;
  return null;
}

/** The kinds of notice that ask for nothing late: news (a result), or a request in good time (征集). Not in red. */
const CALM_KINDS = new Set(['ASSESSED', 'REPORT_REQUESTED']);
export const isAlarm = (kind: string | null | undefined) => !CALM_KINDS.has(kind ?? '');

/** The notice as the reader's language says it; on screen without the SMS's signature (【驿站】: the page is ours). */
export function noticeLine(n: KeptNotice, lang: 'zh' | 'en', t: (zh: string) => string): string {
  const w = n.words;
  const kept = n.text.replace(/^【驿站】/, '');
  if (lang === 'zh' || !n.kind || !w) return kept;
  const from = w.senderName ?? '';
  const doc = `${from}’s ${quoted(w)}`;
  const due = (iso: string | null | undefined) => (iso ? `${fmtTime(iso)} (Beijing time)` : '');
  switch (n.kind) {
    case 'ARRIVED': {
      const grade = w.urgency && w.urgency !== 'NORMAL' ? t(URGENCY[w.urgency] ?? w.urgency) : '';
      const what = w.telegram ? [t('明传电报'), grade].filter(Boolean).join(' · ') : `${grade} document`;
      return `${what} from ${from}: ${quoted(w)} has arrived. Please sign for it and handle it at once.`;
    }
    case 'REPORT_REQUESTED':
      return `Report asked for: ${doc}. Please report by ${due(w.deadline)}${w.note ? `: ${w.note}` : '.'}`;
    case 'REPORT_RETURNED':
      return `Returned for correction: your unit’s report ${quoted(w)} was returned by ${from}. Reason: ${w.note ?? ''}. Please report again ${w.deadline ? `by ${due(w.deadline)}` : 'as soon as possible'}.`;
    case 'REPORT_REMINDED':
      return `Report reminder: ${doc} asks for your report by ${due(w.deadline)}. ${w.note ?? 'Please report promptly.'}`;
    case 'URGED':
      return `Urged: your unit has not yet signed for ${doc}. ${w.note ?? 'Please receive it and sign for it as soon as possible.'} — ${w.byName ?? ''}, ${w.byUnit ?? ''}`;
    case 'AUTO_URGED': {
      const ask =
        w.to === 'LEADERS'
          ? `${w.names?.length ? w.names.join(', ') : 'The unit’s leaders'}: please see that it is signed for promptly.`
          : 'Please receive it and sign for it as soon as possible.';
      return `Automatic urging: your unit had not signed for ${doc} ${stepWhenEn(w.afterMinutes ?? 0)}. ${ask}`;
    }
    case 'ASSESSED':
      return `Assessment: ${w.byUnit ?? ''} published “${w.title ?? ''}”. Your unit scored ${(w.score ?? 0).toFixed(1)}, graded ${t(GRADE_WORDS[w.grade ?? ''] ?? w.grade ?? '')}, placed ${w.tied ? 'joint ' : ''}${w.rank ?? ''} of ${w.of ?? ''}.`;
    case 'BULLETINED': {
      const counts = [w.late ? `${w.late} ${w.late === 1 ? 'document' : 'documents'} signed for late` : '', w.missing ? `${w.missing} not signed for` : '']
        .filter(Boolean)
        .join(', ');
      return `Bulletin: ${w.byUnit ?? ''}’s “${w.title ?? ''}” names your unit: ${counts}. Please see that documents are signed for in time.`;
    }
    default:
      return n.text;
  }
}
