// Urgent alerts as users see them: a unit's in-app notifications, and the sender's view of each alert's delivery;
// and 催办 of deliveries through the same channel, with each unit's registered contacts beside it. The use cases are
// in app/urgent-alerts.ts and app/urge.ts; here they meet GraphQL.
import { badInput, type PublishedEvent, requireCaller } from '@yizhan/common';
import { noticeEventView } from '@yizhan/contracts/documents';
import { Arg, Ctx, Field, FieldResolver, Float, ID, Int, Mutation, ObjectType, Query, Resolver, Root, Subscription } from 'type-graphql';
import { subscribeTo, viewOf } from '../app/live-receipts.ts';
import { contactsOfUnit, recordPhoneUrge, urgeDeliveries, urgeDueSoonOfDocument, urgeOverdueOfDocument, urgesOfDelivery } from '../app/urge.ts';
import { alertsOf, markNotificationsRead, notifications } from '../app/urgent-alerts.ts';
import type { DocumentsContext } from '../deps.ts';
import { Delivery } from '../entities/Delivery.ts';

@ObjectType({ description: 'What a notice says, as words, for a reader of another language: the fields its kind has' })
export class NoticeWords {
  @Field(() => String, { nullable: true, description: 'The sending unit (of REPORT_RETURNED: the unit that returned the report)' })
  senderName?: string;
  @Field(() => String, { nullable: true, description: 'The document’s title (of REPORT_RETURNED: the report’s)' })
  title?: string;
  @Field(() => String, { nullable: true })
  docNumber?: string;
  @Field(() => String, { nullable: true, description: 'ARRIVED: the grade' })
  urgency?: string;
  @Field(() => Boolean, { nullable: true, description: 'ARRIVED: a 明传电报' })
  telegram?: boolean;
  @Field(() => Date, { nullable: true, description: 'Report by then (REPORT_RETURNED: only while it is still ahead)' })
  deadline?: Date | string | null;
  @Field(() => String, { nullable: true, description: 'A person’s own words: the request’s, the return’s reason, the urger’s note' })
  note?: string | null;
  @Field(() => String, { nullable: true, description: 'URGED: the urging unit' })
  byUnit?: string;
  @Field(() => String, { nullable: true, description: 'URGED: the urging person, by name' })
  byName?: string;
  @Field(() => Int, { nullable: true, description: 'AUTO_URGED: the step’s minutes after the due time' })
  afterMinutes?: number;
  @Field(() => String, { nullable: true, description: 'AUTO_URGED: CONTACTS or LEADERS' })
  to?: string;
  @Field(() => [String], { nullable: true, description: 'AUTO_URGED: whom the step reached, by name' })
  names?: string[];
  @Field(() => Float, { nullable: true, description: 'ASSESSED: the unit’s score (byUnit published it, title names it)' })
  score?: number;
  @Field(() => String, { nullable: true, description: 'ASSESSED: EXCELLENT, GOOD, PASS or FAIL' })
  grade?: string;
  @Field(() => Int, { nullable: true, description: 'ASSESSED: the unit’s place' })
  rank?: number;
  @Field(() => Int, { nullable: true, description: 'ASSESSED: among how many units scored' })
  of?: number;
  @Field(() => Int, { nullable: true, description: 'BULLETINED: the unit’s deliveries signed for late (byUnit published the 通报, title names it)' })
  late?: number;
  @Field(() => Int, { nullable: true, description: 'BULLETINED: the unit’s deliveries not signed for, and past due' })
  missing?: number;
}

@ObjectType({
  description: 'An in-app notification to a unit: an urgent document arrived, a report asked for, returned or reminded, a 催办, a 考核评比’s result',
})
export class Notification {
  @Field(() => ID)
  id!: string;
  @Field(() => ID, { nullable: true, description: 'The delivery it is about; null for ASSESSED and BULLETINED' })
  deliveryId!: string | null;
  @Field(() => ID, { nullable: true, description: 'ASSESSED: the 考核评比 published above the unit' })
  assessmentId!: string | null;
  @Field(() => String, { description: 'In Chinese, as its SMS says it' })
  text!: string;
  @Field(() => String, {
    nullable: true,
    description:
      'ARRIVED, REPORT_REQUESTED, REPORT_RETURNED, REPORT_REMINDED, URGED, AUTO_URGED, ASSESSED or BULLETINED; null for a notice kept before its words were',
  })
  kind!: string | null;
  @Field(() => NoticeWords, { nullable: true })
  words!: NoticeWords | null;
  @Field(() => Date)
  createdAt!: Date;
  @Field(() => Date, { nullable: true })
  readAt!: Date | null;
}

@ObjectType({
  description:
    'An SMS or webhook alert of an urgent delivery: retried until delivered, given up after its last attempt or a day, cancelled when the unit changes its webhook',
})
export class Alert {
  @Field(() => String)
  channel!: string;
  @Field(() => String, { description: 'The contact (SMS) or the webhook' })
  targetName!: string;
  @Field(() => String, {
    description: 'PENDING (being tried), SENT, FAILED (given up, or the webhook is not a public address) or CANCELLED (the unit changed its webhook)',
  })
  status!: string;
  @Field(() => Int)
  attempts!: number;
  @Field(() => String, { nullable: true, description: 'Why the last attempt failed; of a webhook, never what it answered' })
  lastError!: string | null;
  @Field(() => Date, { nullable: true })
  sentAt!: Date | null;
}

@ObjectType({ description: 'A registered contact of a unit (联系人), as its own unit and the units above it may read them' })
export class UnitContact {
  @Field(() => String)
  name!: string;
  @Field(() => String, { description: '职务' })
  post!: string;
  @Field(() => String)
  phone!: string;
  @Field(() => String, { nullable: true, description: 'Where a 催办 SMS goes' })
  mobile!: string | null;
}

@ObjectType({ description: 'One SMS of a 催办 and how it went' })
export class UrgeSms {
  @Field(() => String, { description: 'The contact' })
  name!: string;
  @Field(() => String, { description: 'PENDING (being tried), SENT, FAILED (given up) or CANCELLED' })
  status!: string;
  @Field(() => Int)
  attempts!: number;
  @Field(() => String, { nullable: true })
  lastError!: string | null;
  @Field(() => Date, { nullable: true })
  sentAt!: Date | null;
}

@ObjectType({ description: '催办: the sender or a supervising unit urged the unit to sign for a delivery' })
export class DeliveryUrge {
  @Field(() => ID)
  id!: string;
  @Field(() => ID)
  deliveryId!: string;
  @Field(() => String)
  recipientName!: string;
  @Field(() => String, { description: 'Who urged, by name (自动催办 for an automatic one)' })
  byName!: string;
  @Field(() => Boolean, { description: 'An automatic 催办 by the unit’s escalation rules (自动催办); its note names the step' })
  automatic!: boolean;
  @Field(() => Date)
  at!: Date;
  @Field(() => [String], { description: 'IN_APP, and SMS when a contact of the unit filed a mobile; PHONE for a call recorded (电话催办)' })
  channels!: string[];
  @Field(() => String, { nullable: true, description: 'The channels and contacts reached, and the note, in words' })
  note!: string | null;
  @Field(() => [UrgeSms])
  sms!: UrgeSms[];
  @Field(() => String, { description: 'What the unit did after it: SIGNED, RECEIVED (opened, not yet signed for) or NONE' })
  answer!: string;
}

@ObjectType({ description: '催办 of a document’s units waiting for their 签收 before their time limit (督办’s 临期 list)' })
export class DocumentUrge {
  @Field(() => ID)
  documentId!: string;
  @Field(() => String)
  title!: string;
  @Field(() => String)
  docNumber!: string;
  @Field(() => Int, { description: 'Units urged now' })
  urged!: number;
  @Field(() => Int, { description: 'Units left for now: urged within the last 10 minutes' })
  urgedRecently!: number;
  @Field(() => Date, { nullable: true, description: 'When those left may be urged again (null when none was left)' })
  urgeableAt!: Date | null;
}

@ObjectType({ description: 'A notice reached your unit about no delivery of its own (考核评比, 通报): refetch the notices (carries no text)' })
export class NoticeEvent {
  @Field(() => String, { description: 'ASSESSED or BULLETINED' }) kind!: string;
  @Field(() => Date) occurredAt!: Date;
}

@Resolver(() => Delivery)
export class AlertResolver {
  @FieldResolver(() => [UnitContact], {
    description: 'The recipient unit’s registered contacts: for the unit that sent it, and for a unit above the recipient (empty for others)',
  })
  async recipientContacts(@Root() d: Delivery, @Ctx() ctx: DocumentsContext): Promise<UnitContact[]> {
    return contactsOfUnit(ctx, d);
  }

  @FieldResolver(() => [DeliveryUrge], { description: '催办 of this delivery, oldest first, each SMS with its outcome' })
  async urges(@Root() d: Delivery, @Ctx() ctx: DocumentsContext): Promise<DeliveryUrge[]> {
    return urgesOfDelivery(ctx, d.id);
  }

  @Mutation(() => [DeliveryUrge], {
    description:
      '催办: urge the units of these deliveries (not yet signed for) in-app and by SMS to their registered contacts; the sending unit urges its recipients, a supervising unit the units below it. All or nothing: NOTHING_TO_URGE (signed for, returned, recalled), URGED_RECENTLY (urged within 10 minutes)',
  })
  async urgeDeliveries(
    @Arg('ids', () => [ID]) ids: string[],
    @Arg('note', () => String, { nullable: true }) note: string | undefined,
    @Ctx() ctx: DocumentsContext,
  ): Promise<DeliveryUrge[]> {
    requireCaller(ctx);
    if (!ids.length || ids.length > 500) throw badInput('Urge 1 to 500 deliveries at once', 'ids');
    return urgeDeliveries(ctx, ids, note ?? null);
  }

  @Mutation(() => DocumentUrge, {
    description:
      '催办 of every unit of a document that waits for its 签收 and is not yet past due, and that you may urge — the units of urgeDeliveries (the sending unit urges its recipients, a supervising unit the units below it; never your own unit) however many, in-app and by SMS to their registered contacts. A unit urged within 10 minutes is left for now and counted (urgedRecently); URGED_RECENTLY when every one was, NOTHING_TO_URGE when none waits before its time limit, NOT_FOUND when you see no delivery of the document, FORBIDDEN when you may urge none',
  })
  async urgeDueSoonOfDocument(
    @Arg('documentId', () => ID) documentId: string,
    @Arg('note', () => String, { nullable: true }) note: string | undefined,
    @Ctx() ctx: DocumentsContext,
  ) {
    requireCaller(ctx);
    return urgeDueSoonOfDocument(ctx, documentId, note ?? null);
  }

  @Mutation(() => DocumentUrge, {
    description:
      '催办 of every unit of a document past its time limit and still not signed for (督办’s overdue list), and that you may urge — as urgeDueSoonOfDocument, however many: in-app and by SMS to their registered contacts, a unit urged within 10 minutes left for now and counted (urgedRecently); URGED_RECENTLY when every one was, NOTHING_TO_URGE when none is past its time limit, NOT_FOUND when you see no delivery of the document, FORBIDDEN when you may urge none',
  })
  async urgeOverdueOfDocument(
    @Arg('documentId', () => ID) documentId: string,
    @Arg('note', () => String, { nullable: true }) note: string | undefined,
    @Ctx() ctx: DocumentsContext,
  ) {
    requireCaller(ctx);
    return urgeOverdueOfDocument(ctx, documentId, note ?? null);
  }

  @Mutation(() => DeliveryUrge, {
    description:
      '电话催办: record the call you made to the unit of a delivery not yet signed for — who was called (calledName, 1–50 characters), at which number, what was said (note, at most 200) — as a 催办 of it; nothing is sent. The same units as urgeDeliveries; NOTHING_TO_URGE once signed for',
  })
  async recordPhoneUrge(
    @Arg('deliveryId', () => ID) deliveryId: string,
    @Arg('calledName', () => String) calledName: string,
    @Arg('phone', () => String, { nullable: true }) phone: string | null,
    @Arg('note', () => String, { nullable: true }) note: string | null,
    @Ctx() ctx: DocumentsContext,
  ): Promise<DeliveryUrge> {
    return recordPhoneUrge(ctx, deliveryId, { calledName, phone, note });
  }

  @Query(() => [Notification], { description: 'Your unit’s notifications, newest first' })
  async notifications(@Arg('unreadOnly', () => Boolean, { defaultValue: false }) unreadOnly: boolean, @Ctx() ctx: DocumentsContext): Promise<Notification[]> {
    return notifications(ctx, unreadOnly);
  }

  @Subscription(() => NoticeEvent, {
    description: 'A notice to your unit about no delivery of its own (考核评比’s result, a 通报 naming it): what an inbox refetches its notices on',
    subscribe: subscribeTo('noticesChanged'),
  })
  noticesChanged(@Root() e: PublishedEvent): NoticeEvent {
    return viewOf(noticeEventView(e), e);
  }

  @Mutation(() => Int, { description: 'Mark notifications read; returns how many changed' })
  async markNotificationsRead(@Arg('ids', () => [ID]) ids: string[], @Ctx() ctx: DocumentsContext): Promise<number> {
    return markNotificationsRead(ctx, ids);
  }

  @FieldResolver(() => [Alert], { description: 'SMS and webhook alerts of this delivery (urgent documents)' })
  async alerts(@Root() d: Delivery, @Ctx() ctx: DocumentsContext): Promise<Alert[]> {
    return alertsOf(ctx, d.id);
  }
}
