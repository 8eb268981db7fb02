// The audit log's actions in the clerks' words: a mutation's field or an event of the log, as a short Chinese phrase.
// Every mutation of the schema has its phrase (test/audit-words.test.ts); an event of the log not listed shows its
// API name. The phrases are common's (lib/common/src/audit-words.ts: plain data the dashboard bundles as it is), which
// the audit log's CSV reads too; what only the screen needs is here.
import {
  AUDIT_ACTION,
  AUDIT_CATEGORY_WORDS as AUDIT_CATEGORY,
  auditArgs,
  auditDraftTitle as draftTitleOf,
  EXPORTED,
  exportWords,
  auditActionKey as keyOf,
  auditActionWords as wordsOf,
} from '../../../lib/common/src/audit-words.ts';

export { AUDIT_ACTION, AUDIT_CATEGORY, EXPORTED, exportWords };

/** What the screen reads of an entry to say what was done: its detail as the log answers it, JSON text. */
export interface AuditAction {
  action: string;
  actorId?: string | null;
  targetId?: string | null;
  detail: string;
}

/** The action as the entry shows it was done (common's auditActionKey, the detail read from its JSON). */
export const auditActionKey = (e: AuditAction): string => keyOf({ ...e, detail: detailOf(e.detail) });

/** An entry's action in Chinese, null for one that has no words (its API name is shown). */
export const auditActionWords = (e: AuditAction): string | null => wordsOf({ ...e, detail: detailOf(e.detail) });

/** The table a page exports, by the page's path, as EXPORTED names it (Export.tsx sends it with the format). */
export function exportedTable(path: string): string {
  if (path.startsWith('/register/outgoing')) return 'register-outgoing';
  if (path.startsWith('/sent/')) return 'sent';
  if (path.startsWith('/admin')) return 'roster';
  const page = path.split('/')[1] ?? '';
  return ['statistics', 'assessment', 'supervision'].includes(page) ? page : 'other';
}

/** In English, an action's API name read as words: `setUserStatus` is "Set user status", `login.refused` "Login refused". */
export const englishAction = (action: string) => {
  const words = action
    .replace(/[._]/g, ' ')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
};

/** The arguments by which an action names the documents or deliveries it was about. */
const SUBJECT_ARGS = ['id', 'deliveryId', 'documentId', 'ids', 'deliveryIds'];

/**
 * The ids an entry was about (its target, and the documents or deliveries its arguments name), at most `max`: the
 * audit log shows their titles beside the action (documentTitles; ids of other kinds simply find none).
 */
export function auditSubjectIds(targetId: string | null | undefined, detail: string, max = 5): string[] {
  const ids = new Set<string>(targetId ? [targetId] : []);
  const args = auditArgs(detailOf(detail));
  for (const k of SUBJECT_ARGS) {
    const v = args[k];
    for (const id of Array.isArray(v) ? v : [v]) if (typeof id === 'string' && /^[0-9a-f-]{36}$/i.test(id)) ids.add(id);
  }
  return [...ids].slice(0, max);
}

/** The title a draft was created or saved with (common's auditDraftTitle, the detail read from its JSON). */
export const auditDraftTitle = (detail: string): string | null => draftTitleOf(detailOf(detail));

/** An entry's detail as the log kept it (empty when it is not JSON). */
function detailOf(detail: string): Record<string, unknown> {
  try {
    const d = JSON.parse(detail) as unknown;
    return d && typeof d === 'object' && !Array.isArray(d) ? (d as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}
