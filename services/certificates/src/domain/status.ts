// A certificate's status at a moment: what verification asks of a signature made then (DESIGN §2 "Crypto"). A
// revocation is final from its time on; a suspension (certificateHold) lasts until it is resumed.
import { isWithin, parentOf } from '@yizhan/common';

export type CertificateStatusValue = 'GOOD' | 'NOT_YET_VALID' | 'EXPIRED' | 'SUSPENDED' | 'REVOKED';

export interface StatusChange {
  action: 'SUSPEND' | 'RESUME' | 'REVOKE';
  at: Date;
  reason: string | null;
}

export function statusAt(
  cert: { notBefore: Date; notAfter: Date },
  changes: StatusChange[],
  at: Date,
): { status: CertificateStatusValue; reason: string | null; since: Date | null } {
  let held: StatusChange | null = null;
  for (const c of [...changes].sort((a, b) => a.at.getTime() - b.at.getTime())) {
    if (c.at > at) break;
    if (c.action === 'REVOKE') return { status: 'REVOKED', reason: c.reason, since: c.at };
    held = c.action === 'SUSPEND' ? c : null;
  }
  if (held) return { status: 'SUSPENDED', reason: held.reason, since: held.at };
  if (at < cert.notBefore) return { status: 'NOT_YET_VALID', reason: null, since: null };
  if (at > cert.notAfter) return { status: 'EXPIRED', reason: null, since: cert.notAfter };
  return { status: 'GOOD', reason: null, since: null };
}

/** Who may change a certificate's status: its holder, or an administrator of its unit or a unit above. */
export function mayChangeStatus(caller: { userId: string; orgPath: string; roles: string[] }, cert: { holderUserId: string | null; orgPath: string }): boolean {
  if (cert.holderUserId && cert.holderUserId === caller.userId) return true;
  return caller.roles.includes('ADMIN') && isWithin(cert.orgPath, caller.orgPath);
}

/** The reasons a holder's own 注销 names (seed 003 §25: applied for in writing, decided by the head of the unit). */
export const CANCEL_REASONS = ['AFFILIATION_CHANGED', 'CESSATION_OF_OPERATION'] as const;
export type CancelReason = (typeof CANCEL_REASONS)[number];

/**
 * Whether a revocation may be made without an application: a holder revokes their own certificate alone only when
 * its key is compromised (seed 003 §26: dealt with at once); any other 注销 of one's own is applied for and decided by
 * the head (applyToCancelCertificate). An administrator revokes another's certificate (someone who left) alone.
 */
export function mayRevokeAlone(caller: { userId: string }, cert: { holderUserId: string | null }, reason: string): boolean {
  return cert.holderUserId !== caller.userId || reason === 'KEY_COMPROMISE';
}

/**
 * Who decides an application: a head (LEADER) of the holder's unit (seed 003 §25), never the applicant; one no other
 * head of the unit could decide (decidedAbove) also a head of the unit directly above, so that it can be decided.
 */
export function mayDecide(
  caller: { userId: string; orgPath: string; roles: string[] },
  app: { orgPath: string; applicantId: string; decidedAbove: boolean },
): boolean {
  if (!caller.roles.includes('LEADER') || caller.userId === app.applicantId) return false;
  return caller.orgPath === app.orgPath || (app.decidedAbove && parentOf(app.orgPath) === caller.orgPath);
}

/** Whether the heads of the unit above decide an application: none of the unit's own but the applicant could. */
export const decidedAboveFor = (applicantId: string, unitLeaderIds: readonly string[]) => !unitLeaderIds.some((id) => id !== applicantId);
