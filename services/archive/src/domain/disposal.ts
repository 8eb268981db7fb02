// 鉴定处置 (seed 003 ch. 9; DA/T 22): what may be proposed for a record whose retention is being appraised, and
// decided. The same rules at the proposal and again at the head's decision: between the two the record may have been
// destroyed, put on hold or kept longer by another decision.
import { ErrorCode, YizhanError } from '@yizhan/common';
import type { Retention } from './retention.ts';

/** The periods from shortest to longest: a record is only ever kept longer (延长保管期限), never shorter. */
const LENGTH: Record<Retention, number> = { Y10: 1, Y30: 2, PERMANENT: 3 };

export interface AppraisedRecord {
  status: string;
  hold: boolean;
  holdReason: string | null;
  retention: Retention;
  /** The day its retention ends (YYYY-MM-DD); null for a permanent record. */
  retentionUntil: string | null;
}

/**
 * Why `decision` may not be taken on the record today (YYYY-MM-DD), or null. `extendTo` for EXTEND. At the proposal a
 * period no longer than the record's is the archivist's wrong value (BAD_INPUT on extendTo); at the decision, the
 * record was kept longer meanwhile (ILLEGAL_TRANSITION).
 */
export function disposalProblem(
  r: AppraisedRecord,
  decision: 'DESTROY' | 'EXTEND',
  extendTo: Retention | null,
  today: string,
  at: 'PROPOSAL' | 'DECISION',
): YizhanError | null {
  if (r.status === 'DESTROYED') return new YizhanError(ErrorCode.ILLEGAL_TRANSITION, 'The record is already destroyed');
  if (decision === 'DESTROY') {
    if (r.hold) return new YizhanError(ErrorCode.ILLEGAL_TRANSITION, `The record is on hold (${r.holdReason}): it is not destroyed`, { hold: true });
    if (!r.retentionUntil) return new YizhanError(ErrorCode.ILLEGAL_TRANSITION, 'The record is kept permanently');
    if (r.retentionUntil >= today) return new YizhanError(ErrorCode.ILLEGAL_TRANSITION, `The record is kept until ${r.retentionUntil}`);
    return null;
  }
  if (!extendTo || LENGTH[extendTo] <= LENGTH[r.retention])
    return new YizhanError(
      at === 'PROPOSAL' ? ErrorCode.BAD_INPUT : ErrorCode.ILLEGAL_TRANSITION,
      `A record kept for ${r.retention} is only kept longer: ${longerThan(r.retention).join(' or ') || 'it is permanent'}`,
      {
        field: 'extendTo',
        retention: r.retention,
      },
    );
  return null;
}

/** The periods longer than `r`. */
export const longerThan = (r: Retention): Retention[] => (Object.keys(LENGTH) as Retention[]).filter((x) => LENGTH[x] > LENGTH[r]);
