// Certificate and CRL expiry as plain rules (issue 20): what the operators are told ahead of time. A certificate —
// a unit's, a person's, a seal's, the TSA's or one of the CA's own — warns within EXPIRY_WARNING_DAYS of its end,
// and is urgent within EXPIRY_URGENT_DAYS; a CRL warns within CRL_WARNING_HOURS of its next update and is overdue
// after it (relying parties may then refuse every certificate of its suite).
export const EXPIRY_WARNING_DAYS = 30;
export const EXPIRY_URGENT_DAYS = 7;
export const CRL_WARNING_HOURS = 6;
const DAY = 86_400_000;
const HOUR = 3_600_000;

/** What a certificate is to the operators: whose, or which part of the CA. */
export const ExpiryKind = { UNIT: 'UNIT', PERSON: 'PERSON', SEAL: 'SEAL', TSA: 'TSA', CA: 'CA' } as const;
export type ExpiryKind = (typeof ExpiryKind)[keyof typeof ExpiryKind];

export const ExpiryState = { OK: 'OK', WARNING: 'WARNING', URGENT: 'URGENT', EXPIRED: 'EXPIRED' } as const;
export type ExpiryState = (typeof ExpiryState)[keyof typeof ExpiryState];

export const CrlState = { OK: 'OK', DUE: 'DUE', OVERDUE: 'OVERDUE' } as const;
export type CrlState = (typeof CrlState)[keyof typeof CrlState];

/** Days left (fractional; negative once ended) and the state they put the certificate in. */
export function certificateExpiry(notAfter: Date, now: Date): { daysLeft: number; state: ExpiryState } {
  const daysLeft = (notAfter.getTime() - now.getTime()) / DAY;
  const state = daysLeft <= 0 ? 'EXPIRED' : daysLeft <= EXPIRY_URGENT_DAYS ? 'URGENT' : daysLeft <= EXPIRY_WARNING_DAYS ? 'WARNING' : 'OK';
  return { daysLeft, state };
}

/** Hours to the CRL's next update (negative once past) and its state; a CRL without one is overdue at once. */
export function crlExpiry(nextUpdate: Date | null, now: Date): { hoursLeft: number; state: CrlState } {
  if (!nextUpdate) return { hoursLeft: 0, state: 'OVERDUE' };
  const hoursLeft = (nextUpdate.getTime() - now.getTime()) / HOUR;
  return { hoursLeft, state: hoursLeft <= 0 ? 'OVERDUE' : hoursLeft <= CRL_WARNING_HOURS ? 'DUE' : 'OK' };
}

/** The CA's own roles as the operators see them. */
export const kindOfAuthority = (role: string): ExpiryKind => (role === 'TSA' ? 'TSA' : 'CA');

/** The operators: administrators of the top unit (its 电子政务办公室 runs the platform), as the gateway's console says. */
export const isOperator = (c: { roles: readonly string[]; orgPath: string }) => c.roles.includes('ADMIN') && !c.orgPath.includes('.');

/** Whether the withinDays a client asks for is one to answer. */
export const withinDaysProblem = (d: number) => (!Number.isInteger(d) || d < 1 || d > 3660 ? 'withinDays is a whole number of days from 1 to 3660' : null);
