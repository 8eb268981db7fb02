// The audit log (issue 14; seed 003 §42): org keeps it. Its own mutations and logins are written here; the other
// services' entries arrive as their `audit.recorded` events (jobs/audit-followers.ts). A unit's part of the log — what
// its people did, and what was done to it — is read by its administrators and those of the units above it, and
// exported as CSV (the export is itself an entry) in the words the screen uses. An export the dashboard makes in the
// browser is recorded when it says so (recordExport).
import { type AuditCategory, type AuditEntry, badInput, checkPeriod, forbidden, requireCaller } from '@yizhan/common';
import type { MutationAudit } from '@yizhan/kernel';
import type { OrgContext } from '../deps.ts';
import { atWords, auditActionWords, CATEGORY_WORDS, checkExport, detailWords, outcomeWords, subjectWords } from '../domain/audit-words.ts';
import { canManage } from '../domain/rules.ts';
import { type AuditFilter, type AuditRow, appendAudit, appendLogin, readAudit, suspiciousPatterns, unusedAccounts } from '../store/audit.ts';
import { getOrg } from '../store/orgs.ts';

/** Logins record themselves (with the name tried and the outcome); logout ends a session; the rest administers. */
// 忘记密码 records itself too (app/password-reset.ts), whoever asks.
const LOGINS = new Set(['login', 'changeInitialPassword', 'certificateLogin', 'requestPasswordReset']);
const SESSIONS = new Set(['logout', 'logoutEverywhere']);

export const orgMutationAudit: MutationAudit = {
  categoryOf: (field) => (LOGINS.has(field) ? null : SESSIONS.has(field) ? 'SESSION' : field === 'recordExport' ? 'EXPORT' : 'ADMIN'),
  async record(ctx, entries) {
    const caller = ctx.caller;
    if (!caller) return;
    await ctx.em.transactional((em) =>
      appendAudit(
        em,
        'org',
        entries.map((entry) => ({ entry, orgPath: caller.orgPath })),
      ),
    );
  },
};

/** A login attempt, whatever its outcome; `why` is the refusal's code. */
export async function recordLogin(ctx: OrgContext, username: string, method: 'PASSWORD' | 'CERTIFICATE', why: string | null): Promise<void> {
  try {
    await appendLogin(ctx.em, username, why ? 'login.refused' : 'login', why ? 'REFUSED' : 'OK', ctx.clientAddress, { method, ...(why ? { code: why } : {}) });
  } catch (err) {
    ctx.log.error({ err }, 'login not written to the audit log');
  }
}

/** An account locked by its unit's rule after `failures` wrong passwords in a row (seed 003 §14). */
export async function recordAccountLocked(ctx: OrgContext, username: string, failures: number): Promise<void> {
  try {
    await appendLogin(ctx.em, username, 'account.locked', 'REFUSED', ctx.clientAddress, { failures });
  } catch (err) {
    ctx.log.error({ err }, 'a lock not written to the audit log');
  }
}

/** An entry of org's own beyond mutations (an export of the log). */
async function recordOwn(ctx: OrgContext, entry: Omit<AuditEntry, 'actorId' | 'actorUsername' | 'orgId' | 'clientAddress'>, otherPath?: string) {
  const caller = requireCaller(ctx);
  await ctx.em.transactional((em) =>
    appendAudit(em, 'org', [
      {
        entry: { ...entry, actorId: caller.userId, actorUsername: caller.username, orgId: caller.orgId, clientAddress: ctx.clientAddress ?? null },
        orgPath: caller.orgPath,
        otherPath: otherPath ?? null,
      },
    ]),
  );
}

/** The unit whose log is asked for, when the caller administers it (its own or one below). */
async function administeredUnit(ctx: OrgContext, orgId: string) {
  const caller = requireCaller(ctx);
  const org = await getOrg(ctx.em, orgId);
  if (!canManage(caller, org.path)) throw forbidden(`The audit log of ${org.name} is for the administrators of the unit and of the units above it`);
  return org;
}

export interface AuditQuery {
  orgId: string;
  from?: Date | null;
  to?: Date | null;
  category?: AuditCategory | null;
  outcome?: 'OK' | 'REFUSED' | null;
  actorId?: string | null;
  first: number;
  after?: string | null;
}

export async function auditLog(q: AuditQuery, ctx: OrgContext): Promise<{ nodes: AuditRow[]; endCursor: string | null; hasNextPage: boolean }> {
  checkPeriod(q.from, q.to);
  const org = await administeredUnit(ctx, q.orgId);
  // Refused, not clamped, as every other list does: a client asking for -1 or a million learns what it may ask.
  if (!Number.isInteger(q.first) || q.first < 1 || q.first > 200) throw badInput('first must be between 1 and 200', 'first');
  if (q.after && !/^\d{1,19}$/.test(q.after)) throw badInput('Malformed cursor: pass back a cursor this API gave you', 'after');
  const limit = q.first;
  const filter: AuditFilter = { ...q, path: org.path, before: q.after || null, limit: limit + 1 };
  const rows = await readAudit(ctx.em, filter);
  const nodes = rows.slice(0, limit);
  return { nodes, endCursor: nodes.at(-1)?.id ?? null, hasNextPage: rows.length > limit };
}

const CSV_HEADER = ['时间', '类别', '操作', '结果', '操作人', '用户名', '所在单位', '对象', '地址', '详情'];
const csvCell = (s: string) => {
  // A cell starting with = + - @ would be a formula in a spreadsheet: quoted with a leading apostrophe.
  const safe = /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
  return /[",\n\r]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
};

/** The unit's log for a period as CSV (UTF-8 with a byte-order mark, for spreadsheets), at most 50,000 entries. */
export async function auditLogCsv(q: Omit<AuditQuery, 'first' | 'after'>, ctx: OrgContext): Promise<string> {
  checkPeriod(q.from, q.to);
  const org = await administeredUnit(ctx, q.orgId);
  const rows = await readAudit(ctx.em, { ...q, path: org.path, limit: 50_000 });
  await recordOwn(
    ctx,
    {
      category: 'EXPORT',
      action: 'auditLogCsv',
      outcome: 'OK',
      targetType: 'Org',
      targetId: org.id,
      detail: {
        rows: rows.length,
        from: q.from?.toISOString() ?? null,
        to: q.to?.toISOString() ?? null,
        category: q.category ?? null,
        outcome: q.outcome ?? null,
      },
    },
    org.path,
  );
  // As the screen shows each entry (domain/audit-words.ts): Beijing time, the action as done, the person by name.
  const lines = [CSV_HEADER.join(',')];
  for (const r of rows) {
    lines.push(
      [
        atWords(r.at),
        CATEGORY_WORDS[r.category] ?? r.category,
        auditActionWords(r),
        outcomeWords(r.outcome, r.detail),
        r.actorName ?? (r.actorUsername ? `（未知账号 ${r.actorUsername}）` : '—'),
        r.actorUsername ?? '',
        r.unitName ?? '—',
        subjectWords(r),
        r.clientAddress ?? '—',
        detailWords(r.detail),
      ]
        .map(csvCell)
        .join(','),
    );
  }
  return `\ufeff${lines.join('\r\n')}\r\n`;
}

/**
 * An export the dashboard made in the browser from what it shows (统计, 考核评比 …), which the server sees nothing of
 * otherwise: checked here, and written to the caller's unit's log as the mutation's own entry (EXPORT, orgMutationAudit)
 * with what was exported and how many rows. It changes nothing else.
 */
export function recordExport(what: string, rows: number, ctx: OrgContext): boolean {
  requireCaller(ctx);
  checkExport(what, rows);
  return true;
}

export async function unusedAccountsReport(orgId: string, days: number, ctx: OrgContext) {
  const org = await administeredUnit(ctx, orgId);
  if (!Number.isInteger(days) || days < 1 || days > 3650) throw badInput('days must be a whole number from 1 to 3650', 'days');
  return unusedAccounts(ctx.em, org.path, days);
}

export async function suspiciousActivity(orgId: string, days: number, ctx: OrgContext) {
  const org = await administeredUnit(ctx, orgId);
  if (!Number.isInteger(days) || days < 1 || days > 90) throw badInput('days must be a whole number from 1 to 90', 'days');
  return suspiciousPatterns(ctx.em, org.path, days);
}
