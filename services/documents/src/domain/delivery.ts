// The life of a delivery after it lands, as an explicit state machine: which action is allowed from which state,
// and for whom (the recipient unit or the sender). Anything else is refused naming the state and the action.
//
// 接收 and 签收 are two moments (条例 第二十四条; seeds 000 §12, 001 §10 §14, 003 §29): the first open, print or
// download is the receipt (RECEIVED, recorded once, automatically); 签收 (SIGN → SIGNED) is the clerk's explicit
// acceptance after checking sender, seal and format, which enters the document into the unit's handling and its
// 收文登记簿. Its alternative is 退回 with a 初审 reason; once signed for, a delivery is no longer returned.
import { ErrorCode, YizhanError } from '@yizhan/common';
import { DocumentsErrorCode } from '@yizhan/contracts/documents';

export const DELIVERY_STATUSES = ['DELIVERED', 'RECEIVED', 'PRINTED', 'SIGNED', 'RETURNED', 'RESEND_REQUESTED', 'RESENT', 'RECALLED', 'CLOSED'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

export type DeliveryAction =
  | 'OPEN'
  | 'PRINT'
  | 'DOWNLOAD'
  | 'SIGN'
  | 'RETURN'
  | 'REQUEST_RESEND'
  | 'RECALL'
  | 'RESEND'
  | 'CORRECT_RESEND'
  | 'CLOSE'
  | 'UNIT_CLOSED';
/** Recorded in a delivery's history without changing its status. HANDED_ON: a merged unit's work in hand, gone on to
 * the unit it joined (app/closed-recipients.ts). */
export type DeliveryNote = 'RAISE_QUOTA' | 'REQUEST_COPIES' | 'HANDED_ON';
/** Who takes a step: the receiving unit, the sending unit, or the platform itself (never a person). */
export type Side = 'RECIPIENT' | 'SENDER' | 'PLATFORM';

interface Rule {
  from: DeliveryStatus[];
  to: DeliveryStatus | null; // null: the status stays (a receipt action on an already received delivery)
  by: Side;
  needsReason: boolean;
}

/** Arrived and not yet signed for: what the clerk still has to check (签收 or 退回). */
export const UNSIGNED_STATUSES: DeliveryStatus[] = ['DELIVERED', 'RECEIVED', 'PRINTED'];
/** Whether a delivery still waits for its unit's 签收 (or 初审 退回). */
export const isUnsigned = (status: string): boolean => (UNSIGNED_STATUSES as string[]).includes(status);
/** Signed for: in the unit's handling, and in its 收文登记簿. */
export const SIGNED_STATUSES: DeliveryStatus[] = ['SIGNED', 'CLOSED'];

export const TRANSITIONS: Record<DeliveryAction, Rule> = {
  // 接收: the first open or download (seeds 001 §14, 003 §29); later ones change nothing.
  // A unit goes on reading what it has 办结 (its paper file, a later question): opening one changes nothing.
  OPEN: { from: [...UNSIGNED_STATUSES, ...SIGNED_STATUSES], to: 'RECEIVED', by: 'RECIPIENT', needsReason: false },
  DOWNLOAD: { from: [...UNSIGNED_STATUSES, ...SIGNED_STATUSES], to: 'RECEIVED', by: 'RECIPIENT', needsReason: false },
  // A print is counted whenever it happens; before 签收 it marks the delivery printed, after it (办结 too: the copy for
  // the paper file) the delivery keeps its status.
  PRINT: { from: [...UNSIGNED_STATUSES, ...SIGNED_STATUSES], to: 'PRINTED', by: 'RECIPIENT', needsReason: false },
  // 签收 after checking (seeds 000 §12, 001 §10, 003 §29(2)); implies the receipt when nothing came before.
  SIGN: { from: UNSIGNED_STATUSES, to: 'SIGNED', by: 'RECIPIENT', needsReason: false },
  // 退回 with a 初审 reason (RETURN_REASONS), instead of 签收.
  RETURN: { from: UNSIGNED_STATUSES, to: 'RETURNED', by: 'RECIPIENT', needsReason: true },
  // 请求重发 when a document cannot be received (seed 001 §10, 003 §29(5)).
  REQUEST_RESEND: { from: ['DELIVERED', 'RECEIVED'], to: 'RESEND_REQUESTED', by: 'RECIPIENT', needsReason: true },
  // 撤回: only what the recipient has not yet received (opened, printed or downloaded), let alone signed for.
  RECALL: { from: ['DELIVERED'], to: 'RECALLED', by: 'SENDER', needsReason: true },
  // The sender answers a return or a resend request with a new, linked delivery.
  RESEND: { from: ['RETURNED', 'RESEND_REQUESTED'], to: 'RESENT', by: 'SENDER', needsReason: false },
  // 修改后重发: the sender answers it with a corrected version of the document (a new document, app/correction.ts),
  // whose delivery to the same unit links back to this one.
  CORRECT_RESEND: { from: ['RETURNED', 'RESEND_REQUESTED'], to: 'RESENT', by: 'SENDER', needsReason: false },
  // 办结: the unit has dealt with what it signed for (its handling starts at 签收).
  CLOSE: { from: ['SIGNED'], to: 'CLOSED', by: 'RECIPIENT', needsReason: false },
  // 撤并: the recipient unit was dissolved or merged away (seed 003 §9): what it had not signed for — waiting for its
  // 签收, or for the sender's resend — is withdrawn by the platform (a merged unit's goes on to the unit it joined:
  // app/closed-recipients.ts). What it signed for keeps its status: what it finished stays, its archive keeps it; what
  // a merged unit had in hand goes on to the unit it joined as a new delivery (a note in its history, no step here).
  UNIT_CLOSED: { from: [...UNSIGNED_STATUSES, 'RETURNED', 'RESEND_REQUESTED'], to: 'RECALLED', by: 'PLATFORM', needsReason: true },
};

/** Why the platform withdrew a delivery whose unit closed: its unit was dissolved (撤销) or merged away (合并). */
export const UNIT_CLOSED_REASON = { 'org.dissolved': 'UNIT_DISSOLVED', 'org.merged': 'UNIT_MERGED' } as const;

/** A resend (plain or corrected) answers a return or a resend request: the delivery keeps the reason and note it came
 * back with, so the sender's board goes on showing why (the history has them too). */
export const keepsReason = (action: DeliveryAction): boolean => action === 'RESEND' || action === 'CORRECT_RESEND';

/** Deliveries that no longer count as the document's recipients: replaced by a resend (plain or corrected) or recalled. */
export const REPLACED_STATUSES: DeliveryStatus[] = ['RESENT', 'RECALLED'];

/** 退回 reasons: the findings of 初审 (条例 第二十四条; seeds 000 §12, 003 §29). */
export const RETURN_REASONS = ['NOT_OURS', 'AGAINST_ROUTING', 'WRONG_FORMAT', 'INCOMPLETE', 'NOT_COSIGNED', 'OTHER'] as const;
export type ReturnReason = (typeof RETURN_REASONS)[number];
/** Reasons of the first API, still accepted from older OA systems: both meant "not ours". */
export const LEGACY_RETURN_REASONS = { WRONG_ADDRESSEE: 'NOT_OURS', NOT_OUR_BUSINESS: 'NOT_OURS' } as const satisfies Record<string, ReturnReason>;

/** The reason as it is recorded: a legacy value becomes its 初审 category; anything unknown is null. */
export function returnReasonOf(value: string): ReturnReason | null {
  if ((RETURN_REASONS as readonly string[]).includes(value)) return value as ReturnReason;
  return (LEGACY_RETURN_REASONS as Record<string, ReturnReason>)[value] ?? null;
}

const STATUS_NAME: Record<DeliveryStatus, string> = {
  DELIVERED: 'delivered',
  RECEIVED: 'received (not yet signed for)',
  PRINTED: 'printed (not yet signed for)',
  SIGNED: 'signed for',
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
  SIGN: 'signed for',
  RETURN: 'returned',
  REQUEST_RESEND: 'asked to be resent',
  RECALL: 'recalled',
  RESEND: 'resent',
  CORRECT_RESEND: 'corrected and resent',
  CLOSE: 'closed',
  UNIT_CLOSED: 'withdrawn for its closed unit',
};

/** The recipient's 初审 actions: each is refused with ALREADY_SIGNED once the delivery is signed for. */
const INTAKE_ACTIONS: DeliveryAction[] = ['SIGN', 'RETURN', 'REQUEST_RESEND'];

/** The status after `action`, or a clear refusal. */
export function nextStatus(status: DeliveryStatus, action: DeliveryAction, side: Side): DeliveryStatus {
  const rule = TRANSITIONS[action];
  if (rule.by !== side) {
    throw new YizhanError(
      ErrorCode.FORBIDDEN,
      rule.by === 'PLATFORM'
        ? 'Only the platform withdraws a delivery for a closed unit'
        : `Only the ${rule.by === 'SENDER' ? 'sending' : 'receiving'} unit may ${action.toLowerCase().replace('_', ' ')} a delivery`,
    );
  }
  if (INTAKE_ACTIONS.includes(action) && SIGNED_STATUSES.includes(status)) {
    throw new YizhanError(
      DocumentsErrorCode.ALREADY_SIGNED,
      action === 'SIGN'
        ? 'This delivery is already signed for: a delivery is signed for once'
        : `This delivery is signed for: it is in your unit's handling and cannot be ${ACTION_DONE[action]} any more`,
      { status, action },
    );
  }
  if (!rule.from.includes(status)) {
    throw new YizhanError(ErrorCode.ILLEGAL_TRANSITION, `A delivery that is ${STATUS_NAME[status]} cannot be ${ACTION_DONE[action]}`, {
      status,
      action,
      allowedFrom: rule.from,
    });
  }
  // A receipt action on anything but a fresh delivery keeps its status (printed stays printed, signed stays signed).
  if ((action === 'OPEN' || action === 'DOWNLOAD') && status !== 'DELIVERED') return status;
  if (action === 'PRINT' && SIGNED_STATUSES.includes(status)) return status;
  return rule.to ?? status;
}

/** Before 签收 only the unit's clerks (an OA system's API token acts as one) open, download or print a delivery. */
export function mayOpenBeforeSigning(roles: readonly string[]): boolean {
  return roles.includes('CLERK');
}

/** The refusal a unit's other roles get for opening a delivery not yet signed for. */
export function notSignedFor(what: 'open' | 'download' | 'print' | 'read'): YizhanError {
  return new YizhanError(
    DocumentsErrorCode.NOT_SIGNED_FOR,
    `This document has not been signed for yet: until your unit's clerk signs for it (签收), only clerks may ${what} it`,
  );
}
