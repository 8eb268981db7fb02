// The audit log's entry, which every service writes (issue 14; seed 003 §42): who did what, from where, to what, with what
// outcome. Org keeps the log; the other services hand their entries over as an `audit.recorded` event of their own
// outbox, written in the transaction of what they record, and org follows them.

import { z } from 'zod';
import { defineEvents } from './events.ts';

export const AUDIT_CATEGORIES = ['LOGIN', 'SESSION', 'ADMIN', 'DOCUMENT', 'DOWNLOAD', 'EXPORT'] as const;
export type AuditCategory = (typeof AUDIT_CATEGORIES)[number];

export const auditEntry = z.object({
  category: z.enum(AUDIT_CATEGORIES),
  /** What was done, in the API's words: a mutation's field (`setUserRoles`), `login`, `download` … */
  action: z.string().min(1).max(100),
  /** OK, or REFUSED with the refusal's code in `detail.code`. */
  outcome: z.enum(['OK', 'REFUSED']),
  actorId: z.string().nullable(),
  /** The account's user name at the time (the log shows the person's name, read from org when it is read). */
  actorUsername: z.string().nullable(),
  /** The actor's unit. */
  orgId: z.string().nullable(),
  targetType: z.string().max(50).nullable(),
  targetId: z.string().max(200).nullable(),
  /** What the target is, in a reader's words, as it stood then (a person's name, a certificate's holder and serial, a
   * record's 档号 and title, a file's name): absent where the entry's answer did not say (and in older entries). */
  targetName: z.string().max(200).nullish(),
  /** Arguments and results worth keeping, secrets removed (see `auditDetail`). */
  detail: z.record(z.string(), z.unknown()),
  clientAddress: z.string().max(100).nullable(),
});
export type AuditEntry = z.infer<typeof auditEntry>;

/** A service's audit events: `catalogue.event('audit.recorded', entry, { orgPath: actor's unit, otherPath: target's })`. */
export const auditEvents = (schema: string) => defineEvents(schema, { 'audit.recorded': auditEntry });

const SECRET = /password|passwd|pin|secret|token|private|signature|key|p12|pkcs|content|base64|body|image/i;

/**
 * What of a request's arguments the log keeps: no secrets (passwords, PINs, keys, tokens, signatures), no file
 * contents, long texts cut, long lists counted. Bounded, so an entry stays small whatever was sent.
 */
export function auditDetail(value: unknown, depth = 0): unknown {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return value.length > 200 ? `${value.slice(0, 200)}…(${value.length})` : value;
  if (typeof value === 'number' || typeof value === 'boolean') return value;
  if (depth >= 3) return '…';
  if (Array.isArray(value)) {
    const kept = value.slice(0, 20).map((v) => auditDetail(v, depth + 1));
    return value.length > 20 ? [...kept, `…(${value.length})`] : kept;
  }
  if (typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>).slice(0, 30)) out[k] = SECRET.test(k) ? '[removed]' : auditDetail(v, depth + 1);
    return out;
  }
  return String(value);
}

const text = (v: unknown): v is string => typeof v === 'string' && v.trim() !== '';

/**
 * How an entry names what a mutation acted on, from the object it answered: a person by name, a certificate by its
 * holder and serial, an archived record by its 档号 and title, an inspection by its unit and day, else its title or
 * name, or the file it handed out; null where the answer names nothing (a boolean, a count). So the log says whose
 * account was made or whose certificate revoked, not an id. An answer given whole for one of its items, which an
 * argument chose (`findingId` of an inspection's `findings`), names that item too.
 */
export function auditTargetName(answer: unknown, args: Record<string, unknown> = {}, depth = 0): string | null {
  if (!answer || typeof answer !== 'object' || Array.isArray(answer) || depth > 1) return null;
  const a = answer as Record<string, unknown>;
  const named = (() => {
    if (text(a.serial) && text(a.holderName)) return `${a.holderName}（证书 ${a.serial}）`;
    if (text(a.archivalNumber) && text(a.title)) return `${a.archivalNumber}《${a.title}》`;
    if (text(a.orgName) && text(a.inspectedOn)) return `${a.orgName} ${a.inspectedOn} 检查`;
    if (text(a.displayName)) return a.displayName;
    if (text(a.title)) return `《${a.title}》`;
    if (text(a.holderName)) return a.holderName;
    if (text(a.name)) return a.name;
    if (text(a.fondsNumber)) return `全宗号 ${a.fondsNumber}`;
    if (text(a.filename)) return a.filename;
    return null;
  })();
  const item = named && chosenItem(a, args);
  // An answer that wraps what was made (a new account with its one-time password): named by what it wraps.
  return ((item ? `${named}：${item}` : named) ?? auditTargetName(a.user, args, depth + 1))?.slice(0, 200) ?? null;
}

/** The item of an answer an argument chose, by its words: `findingId` picks one of `findings`. */
function chosenItem(answer: Record<string, unknown>, args: Record<string, unknown>): string | null {
  for (const [arg, id] of Object.entries(args)) {
    const list = /^(\w+)Id$/.exec(arg) && answer[`${arg.slice(0, -2)}s`];
    if (typeof id !== 'string' || !Array.isArray(list)) continue;
    const item = list.find((i) => (i as { id?: unknown } | null)?.id === id) as Record<string, unknown> | undefined;
    const words = [item?.itemName, item?.name, item?.title].find(text);
    if (words) return words;
  }
  return null;
}
