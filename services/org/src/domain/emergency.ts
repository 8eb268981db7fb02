// The seeds' emergency procedures as plain rules (seed 003 §44–45, 001 §31). A unit that cannot work reports the
// fault; the 电子政务办公室 (an administrator of a unit above it, or of the top unit for the top unit itself) answers
// within an hour; if it is not fixed within two hours, the office records its plan, reports it, and tells the units
// in writing to pass documents on paper — here an outage notice (系统公告) to the part of the tree concerned.
import { badInput, isBelow, isWithin, requiredText, telephoneNumber } from '@yizhan/common';

export const FaultKind = {
  PLATFORM_DOWN: 'PLATFORM_DOWN',
  CANNOT_SEND: 'CANNOT_SEND',
  CANNOT_RECEIVE: 'CANNOT_RECEIVE',
  CERTIFICATE: 'CERTIFICATE',
  SEAL: 'SEAL',
  OTHER: 'OTHER',
} as const;
export type FaultKind = (typeof FaultKind)[keyof typeof FaultKind];

export const FaultStatus = { REPORTED: 'REPORTED', RESPONDED: 'RESPONDED', ESCALATED: 'ESCALATED', RESOLVED: 'RESOLVED' } as const;
export type FaultStatus = (typeof FaultStatus)[keyof typeof FaultStatus];

export const AnnouncementKind = { NOTICE: 'NOTICE', OUTAGE: 'OUTAGE' } as const;
export type AnnouncementKind = (typeof AnnouncementKind)[keyof typeof AnnouncementKind];

/** 003 §44: a response within one hour. */
export const RESPONSE_HOURS = 1;
/** 003 §45: not fixed within two hours, escalate and fall back to paper. */
export const ESCALATION_HOURS = 2;
const HOUR = 3600_000;

export interface FaultTimes {
  reportedAt: Date;
  respondedAt: Date | null;
  escalatedAt: Date | null;
  resolvedAt: Date | null;
}

/** Where a fault report stands now, and which of its two deadlines it has missed. */
export function faultState(f: FaultTimes, now: Date) {
  const responseDueAt = new Date(f.reportedAt.getTime() + RESPONSE_HOURS * HOUR);
  const escalationDueAt = new Date(f.reportedAt.getTime() + ESCALATION_HOURS * HOUR);
  const status: FaultStatus = f.resolvedAt ? 'RESOLVED' : f.escalatedAt ? 'ESCALATED' : f.respondedAt ? 'RESPONDED' : 'REPORTED';
  return {
    status,
    responseDueAt,
    escalationDueAt,
    /** Not answered within the hour: the first answer (a response, or the fix itself) came late, or has not come. */
    responseLate: (f.respondedAt ?? f.resolvedAt ?? now) > responseDueAt,
    /** Two hours without a fix and not yet escalated: the office must escalate and tell the units to use paper. */
    escalationDue: !f.resolvedAt && !f.escalatedAt && now > escalationDueAt,
  };
}

type Who = { orgPath: string; roles: readonly string[] };
const isAdmin = (w: Who) => w.roles.includes('ADMIN');

/** Who answers a unit's fault: an administrator of a unit above it, or of the top unit for the top unit's own. */
export const mayAnswerFault = (w: Who, reporterPath: string) =>
  isAdmin(w) && (isBelow(reporterPath, w.orgPath) || (reporterPath === w.orgPath && !w.orgPath.includes('.')));

/** An administrator publishes to their own unit's part of the tree, or a part of it. */
export const mayPublishTo = (w: Who, scopePath: string) => isAdmin(w) && isWithin(scopePath, w.orgPath);

/** Withdrawn by an administrator of the publishing unit or of a unit above it. */
export const mayWithdraw = (w: Who, publisherPath: string) => isAdmin(w) && isWithin(publisherPath, w.orgPath);

/** Trims and checks a free text; throws BAD_INPUT naming the field (common's requiredText). */
/** A required text; `line` for one that is one line (a title). */
export const cleanText = (value: string | null | undefined, field: string, max: number, line = false): string => requiredText(value, field, { max, line });

/** A telephone number to call back, optional. */
export const cleanPhone = (value: string | null | undefined): string | null => telephoneNumber(value, 'contactPhone');

/** An announcement's end, if any: in the future, within a year. */
export function cleanEndsAt(endsAt: Date | null | undefined, now: Date): Date | null {
  if (!endsAt) return null;
  if (Number.isNaN(endsAt.getTime())) throw badInput('endsAt is not a date', 'endsAt');
  if (endsAt <= now) throw badInput('endsAt lies in the past: an announcement ends after it is published', 'endsAt');
  if (endsAt.getTime() - now.getTime() > 366 * 24 * HOUR) throw badInput('endsAt is more than a year away', 'endsAt');
  return endsAt;
}

/** Whether an announcement shows now. */
export const isShowing = (a: { withdrawnAt: Date | null; endsAt: Date | null }, now: Date) => !a.withdrawnAt && (!a.endsAt || a.endsAt > now);

/**
 * What an announcement the platform wrote says, as words, for a reader of another language: an office's outage
 * notice on escalation (its unit, its plan), the platform's own two hours after an unanswered fault (the reporting
 * unit, when it reported, the office that answers it: org.notify_outages, words by migration 0022's trigger), and
 * the restoration notice that ends either (the unit named in the notice it ends).
 */
export type AnnouncementWords =
  | { made: 'ESCALATED'; unit: string; plan: string }
  | { made: 'OVERDUE_FAULT'; unit: string; reportedAt: string; office: string }
  | { made: 'RESTORED'; unit: string };

/** The outage notice an escalation publishes (003 §45), in the units' words, and as words for other languages. */
export function outageNotice(unitName: string, plan: string): { title: string; body: string; words: AnnouncementWords } {
  return {
    title: `${unitName}电子公文传输系统故障，请改用纸质公文传递`,
    body: `系统故障在2小时内未能排除。在恢复之前，请以纸质书面方式传递公文、信息和材料；恢复后另行通知，纸质收发的公文请补录登记。处置方案：${plan}`,
    words: { made: 'ESCALATED', unit: unitName, plan },
  };
}
