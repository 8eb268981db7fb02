// The documents vocabulary as plain values (urgency, statuses, return reasons, receipt actions, recipient roles):
// what entities and rules use. resolvers/enums.ts registers these same objects as GraphQL enums.
export const UrgencyEnum = { NORMAL: 'NORMAL', URGENT: 'URGENT', EXTRA_URGENT: 'EXTRA_URGENT' } as const;
export const DocumentStatusEnum = { DRAFT: 'DRAFT', IN_APPROVAL: 'IN_APPROVAL', APPROVED: 'APPROVED', REJECTED: 'REJECTED', SENT: 'SENT' } as const;
export const DeliveryStatusEnum = {
  DELIVERED: 'DELIVERED',
  RECEIVED: 'RECEIVED',
  PRINTED: 'PRINTED',
  RETURNED: 'RETURNED',
  RESEND_REQUESTED: 'RESEND_REQUESTED',
  RESENT: 'RESENT',
  RECALLED: 'RECALLED',
  CLOSED: 'CLOSED',
} as const;
export const ReturnReasonEnum = {
  WRONG_ADDRESSEE: 'WRONG_ADDRESSEE',
  WRONG_FORMAT: 'WRONG_FORMAT',
  INCOMPLETE: 'INCOMPLETE',
  NOT_OUR_BUSINESS: 'NOT_OUR_BUSINESS',
  OTHER: 'OTHER',
} as const;
export const ReceiptActionEnum = { OPEN: 'OPEN', PRINT: 'PRINT', DOWNLOAD: 'DOWNLOAD' } as const;
export const RecipientRoleEnum = { MAIN: 'MAIN', CC: 'CC' } as const;
