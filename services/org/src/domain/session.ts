// Whether a session still stands, as a plain rule: the gateway's session check (`sessions`) and the tests call it.
import { type SessionEndReason } from './enums.ts';

/** What a person is told when a token's session no longer stands, by why it ended. */
const ENDED: Record<SessionEndReason, string> = {
  LOGOUT: 'You have logged out: log in again',
  LOGOUT_EVERYWHERE: 'You logged out everywhere: log in again',
  PASSWORD_CHANGED: 'Your password was changed: log in again',
  PASSWORD_RESET: 'Your password was reset by an administrator: log in with the new one',
  DISABLED: 'This account is disabled',
  ROLES_CHANGED: 'Your roles have changed: log in again',
  UNIT_CLOSED: 'Your unit has been closed; this account no longer works',
  ENDED_BY_ADMIN: 'An administrator ended this session: log in again',
};

export interface SessionState {
  userStatus: string;
  unitStatus: string;
  endedAt: Date | null;
  endReason: SessionEndReason | null;
  expiresAt: Date;
}

/** Null when the session stands; otherwise why it does not, in the words the person reads. */
export function sessionProblem(s: SessionState | null, now = new Date()): string | null {
  if (!s) return 'This session is unknown: log in again';
  if (s.unitStatus !== 'ACTIVE') return ENDED.UNIT_CLOSED;
  if (s.userStatus !== 'ACTIVE') return ENDED.DISABLED;
  if (s.endedAt) return ENDED[s.endReason ?? 'LOGOUT'];
  if (s.expiresAt.getTime() <= now.getTime()) return 'The session has expired: log in again';
  return null;
}
