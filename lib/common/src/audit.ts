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
