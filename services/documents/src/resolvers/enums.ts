// The documents vocabulary as GraphQL enums.
import { registerEnumType } from 'type-graphql';

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

registerEnumType(UrgencyEnum, { name: 'Urgency', description: 'NORMAL, URGENT (加急), EXTRA_URGENT (特急)' });
registerEnumType(DocumentStatusEnum, { name: 'DocumentStatus' });
registerEnumType(DeliveryStatusEnum, {
  name: 'DeliveryStatus',
  description: 'DELIVERED (in the inbox), RECEIVED (签收), PRINTED, RETURNED (退回), RESEND_REQUESTED, RESENT, RECALLED (撤回), CLOSED',
});
registerEnumType(ReturnReasonEnum, { name: 'ReturnReason', description: '退回 reasons: wrong addressee, wrong format, incomplete, not this unit’s business' });
registerEnumType(ReceiptActionEnum, { name: 'ReceiptAction' });
// Same name and values as the org subgraph's enum: federation merges them.
registerEnumType(RecipientRoleEnum, { name: 'RecipientRole', description: '主送 (MAIN) or 抄送 (CC)' });
