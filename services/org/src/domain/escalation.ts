// 自动催办规则 (issue 16): a unit's escalation steps, checked before they are stored. Plain rules, no I/O.
import type { EscalationStep } from '@yizhan/contracts/org';

/** At most this many steps in a unit's rules. */
export const MAX_STEPS = 5;
/** A step comes at most a week after the due time (minutes). */
export const MAX_AFTER_MINUTES = 7 * 24 * 60;

/** The demo province's default: at the due time its contacts by SMS and in-app; two hours later its leaders. */
export const DEFAULT_ESCALATION: EscalationStep[] = [
  { afterMinutes: 0, to: 'CONTACTS', channels: ['IN_APP', 'SMS'] },
  { afterMinutes: 120, to: 'LEADERS', channels: ['IN_APP', 'SMS'] },
];

/** Why these steps cannot be stored (the first problem found, in words), or null when they can. */
export function escalationProblem(steps: { afterMinutes: number; to: string; channels: string[] }[]): string | null {
  if (!steps.length) return 'Give at least one step (or clear the rules to inherit them)';
  if (steps.length > MAX_STEPS) return `At most ${MAX_STEPS} steps`;
  let last = -1;
  for (const [i, s] of steps.entries()) {
    const n = i + 1;
    if (!Number.isInteger(s.afterMinutes) || s.afterMinutes < 0 || s.afterMinutes > MAX_AFTER_MINUTES)
      return `Step ${n}: the time after the due time is 0–${MAX_AFTER_MINUTES} whole minutes`;
    if (s.afterMinutes <= last) return `Step ${n}: each step comes later than the one before it`;
    last = s.afterMinutes;
    if (s.to !== 'CONTACTS' && s.to !== 'LEADERS') return `Step ${n}: to CONTACTS or LEADERS`;
    if (!s.channels.length) return `Step ${n}: at least one channel (IN_APP, SMS)`;
    if (s.channels.some((c) => c !== 'IN_APP' && c !== 'SMS')) return `Step ${n}: channels are IN_APP and SMS`;
    if (new Set(s.channels).size !== s.channels.length) return `Step ${n}: a channel named twice`;
  }
  return null;
}

/** The steps as stored: channels in a fixed order. */
export const cleanSteps = (steps: EscalationStep[]): EscalationStep[] =>
  steps.map((s) => ({ afterMinutes: s.afterMinutes, to: s.to, channels: (['IN_APP', 'SMS'] as const).filter((c) => s.channels.includes(c)) }));
