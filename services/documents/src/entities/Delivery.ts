import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import type { Urgency } from '@yizhan/common';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import type { DeliveryStatus } from '../domain/delivery.ts';
import { DeliveryStatusEnum, ReceiptActionEnum, RecipientRoleEnum, UrgencyEnum } from '../domain/enums.ts';

/** One delivery of a sent document to one recipient unit: lands in the unit's clerk inbox, received (接收) at the first
 * open, then signed for (签收) once by its clerk. */
@ObjectType({ description: 'A sent document as delivered to one recipient unit' })
@Entity({ tableName: 'deliveries' })
export class Delivery {
  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Field(() => ID)
  @Property({ type: 'uuid' })
  documentId!: string;

  @Field(() => ID)
  @Property({ type: 'uuid' })
  senderOrgId!: string;

  @Property({ type: 'string', columnType: 'ltree' })
  senderPath!: string;

  @Field(() => String)
  @Property({ type: 'string' })
  senderName!: string;

  @Field(() => ID)
  @Property({ type: 'uuid' })
  recipientOrgId!: string;

  @Property({ type: 'string', columnType: 'ltree' })
  recipientPath!: string;

  @Field(() => String)
  @Property({ type: 'string' })
  recipientName!: string;

  @Field(() => RecipientRoleEnum, { description: '主送 or 抄送' })
  @Property({ type: 'string' })
  role!: 'MAIN' | 'CC';

  @Field(() => Int, { description: '打印份数 this unit may print' })
  @Property({ type: 'integer' })
  printQuota!: number;

  @Field(() => Int, { nullable: true, description: '追加列印份数: the copies the receiving unit asked for beyond its quota, until the sender raises it' })
  @Property({ type: 'integer', nullable: true })
  copiesRequested?: number | null;

  @Field(() => String, { nullable: true, description: 'Why the receiving unit asked for more copies' })
  @Property({ type: 'text', nullable: true })
  copiesRequestNote?: string | null;

  @Field(() => String)
  @Property({ type: 'string' })
  docType!: string;

  @Field(() => String)
  @Property({ type: 'string' })
  docNumber!: string;

  @Field(() => String)
  @Property({ type: 'string' })
  title!: string;

  @Field(() => UrgencyEnum)
  @Property({ type: 'string' })
  urgency!: Urgency;

  @Field(() => Date, { nullable: true })
  @Property({ type: 'Date', nullable: true })
  deadline!: Date | null;

  @Field(() => DeliveryStatusEnum)
  @Property({ type: 'string' })
  status!: DeliveryStatus;

  @Field(() => ID, { nullable: true, description: 'For a resend, or a corrected document’s delivery (修改后重发): the delivery it replaces' })
  @Property({ type: 'uuid', nullable: true })
  parentDeliveryId!: string | null;

  @Field(() => String, {
    nullable: true,
    description: '对端来文: the peer platform its document came from, for a delivery of a document taken in from one (null otherwise)',
  })
  @Property({ type: 'string', nullable: true })
  fromPeer!: string | null;

  @Field(() => String, { nullable: true, description: 'Why the last change happened (a return reason, a recall note…)' })
  @Property({ type: 'string', nullable: true })
  stateReason!: string | null;

  @Field(() => String, { nullable: true })
  @Property({ type: 'string', nullable: true })
  stateNote!: string | null;

  @Field(() => Date, { nullable: true })
  @Property({ type: 'Date', nullable: true })
  stateChangedAt!: Date | null;

  @Field(() => Date, { description: 'When it was sent' })
  @Property({ type: 'Date' })
  deliveredAt!: Date;

  /** Its document's send time, the same for every delivery of the document (a resend's too): the year it is kept under. */
  @Property({ type: 'Date' })
  documentSentAt!: Date;

  /** 行文方向 as its send was routed (0042_delivery_direction; null before it was kept): a resend keeps it. */
  @Property({ type: 'string', nullable: true })
  direction!: string | null;

  @Field(() => Date, { description: 'When it must be signed for: the first inbox check after arrival on a working day, or an urgent deadline' })
  @Property({ type: 'Date' })
  dueAt!: Date;

  @Field(() => Date, { nullable: true, description: '接收时间: the first open, print or download by the unit (or first read by its OA system), recorded once' })
  @Property({ type: 'Date', nullable: true })
  receivedAt!: Date | null;

  @Field(() => ID, { nullable: true })
  @Property({ type: 'uuid', nullable: true })
  receivedBy!: string | null;

  @Field(() => String, { nullable: true, description: 'Who received it (the first open, print or download)' })
  @Property({ type: 'string', nullable: true })
  receivedByName!: string | null;

  @Field(() => ReceiptActionEnum, { nullable: true, description: 'What the first action was: open, print or download' })
  @Property({ type: 'string', nullable: true })
  receiptAction!: 'OPEN' | 'PRINT' | 'DOWNLOAD' | null;

  @Field(() => Date, { nullable: true, description: '签收时间: when the unit’s clerk (or its OA system) signed for it after checking; it then has a 收文编号' })
  @Property({ type: 'Date', nullable: true })
  signedAt!: Date | null;

  @Field(() => ID, { nullable: true })
  @Property({ type: 'uuid', nullable: true })
  signedBy!: string | null;

  @Field(() => String, { nullable: true, description: 'Who signed for it, by name' })
  @Property({ type: 'string', nullable: true })
  signedByName!: string | null;
}
