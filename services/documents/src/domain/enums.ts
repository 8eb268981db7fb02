// The documents vocabulary as plain values (urgency, statuses, return reasons, receipt actions, recipient roles):
// what entities and rules use. resolvers/enums.ts registers these same objects as GraphQL enums.
/** 紧急程度 (条例 第九条, GB/T 9704 §7.2.3): 特急 and 加急 for any document; 特提 (FLASH) and 平急 (PLAIN_URGENT) are telegram grades only. */
export const UrgencyEnum = { NORMAL: 'NORMAL', URGENT: 'URGENT', EXTRA_URGENT: 'EXTRA_URGENT', FLASH: 'FLASH', PLAIN_URGENT: 'PLAIN_URGENT' } as const;
export const DocumentStatusEnum = { DRAFT: 'DRAFT', IN_APPROVAL: 'IN_APPROVAL', APPROVED: 'APPROVED', REJECTED: 'REJECTED', SENT: 'SENT' } as const;
export const DeliveryStatusEnum = {
  DELIVERED: 'DELIVERED',
  RECEIVED: 'RECEIVED',
  PRINTED: 'PRINTED',
  SIGNED: 'SIGNED',
  RETURNED: 'RETURNED',
  RESEND_REQUESTED: 'RESEND_REQUESTED',
  RESENT: 'RESENT',
  RECALLED: 'RECALLED',
  CLOSED: 'CLOSED',
} as const;
/** 初审 findings (domain/delivery.ts RETURN_REASONS), and the two values of the first API, still accepted. */
export const ReturnReasonEnum = {
  NOT_OURS: 'NOT_OURS',
  AGAINST_ROUTING: 'AGAINST_ROUTING',
  WRONG_FORMAT: 'WRONG_FORMAT',
  INCOMPLETE: 'INCOMPLETE',
  NOT_COSIGNED: 'NOT_COSIGNED',
  OTHER: 'OTHER',
  WRONG_ADDRESSEE: 'WRONG_ADDRESSEE',
  NOT_OUR_BUSINESS: 'NOT_OUR_BUSINESS',
} as const;
export const ReceiptActionEnum = { OPEN: 'OPEN', PRINT: 'PRINT', DOWNLOAD: 'DOWNLOAD' } as const;
export const RecipientRoleEnum = { MAIN: 'MAIN', CC: 'CC' } as const;
/** 公开属性 (政府信息公开条例): decided as the document is drafted. */
export const DisclosureEnum = { ACTIVE: 'ACTIVE', ON_REQUEST: 'ON_REQUEST', NOT_PUBLIC: 'NOT_PUBLIC' } as const;

/** What 统计 is of: a unit's subtree (its units' documents either way), or the units it sent to. */
export const StatisticsViewEnum = { SUBTREE: 'SUBTREE', SENT_TO: 'SENT_TO' } as const;
