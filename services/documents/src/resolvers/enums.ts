// The documents vocabulary as GraphQL enums: the plain values live in domain/enums.ts, registered here for the schema.
import { registerEnumType } from 'type-graphql';

import { DeliveryStatusEnum, DocumentStatusEnum, ReceiptActionEnum, RecipientRoleEnum, ReturnReasonEnum, UrgencyEnum } from '../domain/enums.ts';

export { DeliveryStatusEnum, DocumentStatusEnum, ReceiptActionEnum, RecipientRoleEnum, ReturnReasonEnum, UrgencyEnum };

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
