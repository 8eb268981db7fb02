// The documents vocabulary as GraphQL enums: the plain values live in domain/enums.ts, registered here for the schema.
import { registerEnumType } from 'type-graphql';

import {
  DeliveryStatusEnum,
  DisclosureEnum,
  DocumentStatusEnum,
  ReceiptActionEnum,
  RecipientRoleEnum,
  ReturnReasonEnum,
  StatisticsViewEnum,
  UrgencyEnum,
} from '../domain/enums.ts';

export { DeliveryStatusEnum, DisclosureEnum, DocumentStatusEnum, ReceiptActionEnum, RecipientRoleEnum, ReturnReasonEnum, StatisticsViewEnum, UrgencyEnum };

registerEnumType(UrgencyEnum, {
  name: 'Urgency',
  description: '紧急程度: NORMAL, URGENT (加急), EXTRA_URGENT (特急); telegrams (明传电报) only: FLASH (特提), PLAIN_URGENT (平急)',
});
registerEnumType(DocumentStatusEnum, { name: 'DocumentStatus' });
registerEnumType(DeliveryStatusEnum, {
  name: 'DeliveryStatus',
  description:
    'DELIVERED (in the inbox), RECEIVED (接收: opened, not yet signed for), PRINTED (printed, not yet signed for), SIGNED (签收: checked, accepted and registered), RETURNED (退回), RESEND_REQUESTED, RESENT, RECALLED (撤回), CLOSED (办结)',
});
registerEnumType(ReturnReasonEnum, {
  name: 'ReturnReason',
  description: '退回 reasons, the findings of 初审',
  valuesConfig: {
    NOT_OURS: { description: '非本单位：not addressed to this unit, or not its business' },
    AGAINST_ROUTING: { description: '不符合行文规则' },
    WRONG_FORMAT: { description: '文种或格式不符' },
    INCOMPLETE: { description: '内容不全 (pages, attachments)' },
    NOT_COSIGNED: { description: '未会签' },
    OTHER: { description: '其他 (say what in the note)' },
    WRONG_ADDRESSEE: { deprecationReason: 'Use NOT_OURS; recorded as NOT_OURS' },
    NOT_OUR_BUSINESS: { deprecationReason: 'Use NOT_OURS; recorded as NOT_OURS' },
  },
});
registerEnumType(ReceiptActionEnum, { name: 'ReceiptAction' });
// Same name and values as the org subgraph's enum: federation merges them.
registerEnumType(RecipientRoleEnum, { name: 'RecipientRole', description: '主送 (MAIN) or 抄送 (CC)' });
registerEnumType(DisclosureEnum, {
  name: 'Disclosure',
  description: '公开属性: ACTIVE (主动公开), ON_REQUEST (依申请公开), NOT_PUBLIC (不予公开, with its reason)',
});
registerEnumType(StatisticsViewEnum, {
  name: 'StatisticsView',
  description:
    'SUBTREE: the unit and the units below it, each with what it sent and received; SENT_TO: the units the unit sent to (a provincial office’s counties, outside its own subtree), each with what it received of the unit’s',
});
