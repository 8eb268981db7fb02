// The life of a delivery after it lands, as an explicit state machine: which action is allowed from which state,
// and for whom (the recipient unit or the sender). Anything else is refused naming the state and the action.
import { ErrorCode, YizhanError } from '@yizhan/common';

export const DELIVERY_STATUSES = ['DELIVERED', 'RECEIVED', 'PRINTED', 'RETURNED', 'RESEND_REQUESTED', 'RESENT', 'RECALLED', 'CLOSED'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

export type DeliveryAction = 'OPEN' | 'PRINT' | 'DOWNLOAD' | 'RETURN' | 'REQUEST_RESEND' | 'RECALL' | 'RESEND' | 'CLOSE';
/** Recorded in a delivery's history without changing its status. */
export type DeliveryNote = 'RAISE_QUOTA';
export type Side = 'RECIPIENT' | 'SENDER';

interface Rule {
  from: DeliveryStatus[];
  to: DeliveryStatus | null; // null: the status stays (a receipt action on an already received delivery)
  by: Side;
  needsReason: boolean;
}

export const TRANSITIONS: Record<DeliveryAction, Rule> = {
  // 签收: the first open or download (seeds 001 §14, 003 §29); later ones change nothing.
  OPEN: { from: ['DELIVERED', 'RECEIVED', 'PRINTED'], to: 'RECEIVED', by: 'RECIPIENT', needsReason: false },
  DOWNLOAD: { from: ['DELIVERED', 'RECEIVED', 'PRINTED'], to: 'RECEIVED', by: 'RECIPIENT', needsReason: false },
  PRINT: { from: ['DELIVERED', 'RECEIVED', 'PRINTED'], to: 'PRINTED', by: 'RECIPIENT', needsReason: false },
  // 退回 with a reason: wrong addressee, wrong format, incomplete, not this unit's business (seeds 000 §12, 003 §29).
  RETURN: { from: ['DELIVERED', 'RECEIVED', 'PRINTED'], to: 'RETURNED', by: 'RECIPIENT', needsReason: true },
  // 请求重发 when a document cannot be received (seed 001 §10, 003 §29(5)).
  REQUEST_RESEND: { from: ['DELIVERED', 'RECEIVED'], to: 'RESEND_REQUESTED', by: 'RECIPIENT', needsReason: true },
  // 撤回: only what has not been signed for.
  RECALL: { from: ['DELIVERED'], to: 'RECALLED', by: 'SENDER', needsReason: true },
  // The sender answers a return or a resend request with a new, linked delivery.
  RESEND: { from: ['RETURNED', 'RESEND_REQUESTED'], to: 'RESENT', by: 'SENDER', needsReason: false },
  // The recipient has dealt with it.
  CLOSE: { from: ['RECEIVED', 'PRINTED'], to: 'CLOSED', by: 'RECIPIENT', needsReason: false },
};

export const RETURN_REASONS = ['WRONG_ADDRESSEE', 'WRONG_FORMAT', 'INCOMPLETE', 'NOT_OUR_BUSINESS', 'OTHER'] as const;
export type ReturnReason = (typeof RETURN_REASONS)[number];

const STATUS_NAME: Record<DeliveryStatus, string> = {
  DELIVERED: 'delivered',
  RECEIVED: 'signed for',
  PRINTED: 'printed',
  RETURNED: 'returned',
  RESEND_REQUESTED: 'waiting for a resend',
  RESENT: 'replaced by a resend',
  RECALLED: 'recalled',
  CLOSED: 'closed',
};

const ACTION_DONE: Record<DeliveryAction, string> = {
  OPEN: 'opened',
  DOWNLOAD: 'downloaded',
  PRINT: 'printed',
  RETURN: 'returned',
  REQUEST_RESEND: 'asked to be resent',
  RECALL: 'recalled',
  RESEND: 'resent',
  CLOSE: 'closed',
};

/** The status after `action`, or a clear refusal. */
export function nextStatus(status: DeliveryStatus, action: DeliveryAction, side: Side): DeliveryStatus {
  const rule = TRANSITIONS[action];
  if (rule.by !== side) {
    throw new YizhanError(
      ErrorCode.FORBIDDEN,
      `Only the ${rule.by === 'SENDER' ? 'sending' : 'receiving'} unit may ${action.toLowerCase().replace('_', ' ')} a delivery`,
    );
  }
  if (!rule.from.includes(status)) {
    throw new YizhanError(ErrorCode.ILLEGAL_TRANSITION, `A delivery that is ${STATUS_NAME[status]} cannot be ${ACTION_DONE[action]}`, {
      status,
      action,
      allowedFrom: rule.from,
    });
  }
  // A receipt action on a printed delivery keeps it printed.
  if ((action === 'OPEN' || action === 'DOWNLOAD') && status !== 'DELIVERED') return status;
  return rule.to ?? status;
}
