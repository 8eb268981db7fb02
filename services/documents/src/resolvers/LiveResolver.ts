// Live receipts (issue 5): subscriptions fed by the event hub. Each subscription checks at the start that the caller
// may see what it asks about; each event reaches it only if the caller's unit may see the event (the outbox's own
// row-level security rule). Every event carries a cursor; `after` resumes exactly where a client left off. The
// streams are in app/live-receipts.ts; here they meet GraphQL.
import type { PublishedEvent } from '@yizhan/common';
import { deliveryEventView } from '@yizhan/contracts/documents';
import { Arg, Field, ID, ObjectType, Resolver, Root, Subscription } from 'type-graphql';
import { deliveryBoard, type SubscribeData, subscribeTo, viewOf } from '../app/live-receipts.ts';
import { DeliveryStatusEnum, ReceiptActionEnum } from './enums.ts';
import { DeliveryStats, OrgRef } from './types.ts';

@ObjectType({ description: 'A delivery changed: delivered, received (接收), signed for (签收), returned, recalled …' })
export class DeliveryEvent {
  @Field(() => String, { description: 'Resume after this event with `after`' })
  cursor!: string;
  @Field(() => String, {
    nullable: true,
    description:
      'The cursor of the event this subscription delivered before this one (or the `after` it resumed from); null on the first event of a fresh subscription. Equal to the last cursor you hold: you missed nothing',
  })
  previousCursor!: string | null;
  @Field(() => String, { description: 'delivery.delivered, delivery.received, delivery.signed, …' })
  type!: string;
  @Field(() => ID)
  deliveryId!: string;
  @Field(() => ID)
  documentId!: string;
  @Field(() => String, { nullable: true })
  docNumber!: string | null;
  @Field(() => DeliveryStatusEnum)
  status!: string;
  @Field(() => Date, { nullable: true })
  receivedAt!: Date | null;
  @Field(() => String, { nullable: true })
  receivedByName!: string | null;
  @Field(() => ReceiptActionEnum, { nullable: true })
  receiptAction!: string | null;
  @Field(() => Date, { nullable: true, description: '签收时间 (delivery.signed)' })
  signedAt!: Date | null;
  @Field(() => String, { nullable: true, description: 'Who signed for it, by name (delivery.signed)' })
  signedByName!: string | null;
  @Field(() => OrgRef, { description: 'The recipient unit (its name and the rest come from the org subgraph)' })
  recipientOrg!: OrgRef;
  @Field(() => Date)
  occurredAt!: Date;
}

@ObjectType({ description: 'A document’s receipts, counted: sent at most a few times a second however fast they change' })
export class DeliveryBoard extends DeliveryStats {
  @Field(() => ID)
  documentId!: string;
  @Field(() => String, { nullable: true, description: 'The last event counted' })
  cursor!: string | null;
}

const toEvent = (e: PublishedEvent): DeliveryEvent => viewOf(deliveryEventView(e), e);

@Resolver()
export class LiveResolver {
  @Subscription(() => DeliveryEvent, {
    description: 'Every change to the deliveries of one document: the sender’s view (a recipient sees its own)',
    subscribe: subscribeTo('deliveryChanged'),
  })
  deliveryChanged(
    @Root() event: PublishedEvent,
    @Arg('documentId', () => ID) _documentId: string,
    @Arg('after', () => String, { nullable: true }) _after?: string,
  ): DeliveryEvent {
    return toEvent(event);
  }

  @Subscription(() => DeliveryEvent, {
    description: 'New deliveries to your unit’s clerk inbox, recalls of earlier ones, and 签收 by any of its clerks',
    subscribe: subscribeTo('inboxChanged'),
  })
  inboxChanged(@Root() event: PublishedEvent, @Arg('after', () => String, { nullable: true }) _after?: string): DeliveryEvent {
    return toEvent(event);
  }

  @Subscription(() => DeliveryEvent, {
    description: 'Receipts (接收) and 签收 anywhere in your unit’s subtree: what a supervisor watches',
    subscribe: subscribeTo('subtreeReceipts'),
  })
  subtreeReceipts(@Root() event: PublishedEvent, @Arg('after', () => String, { nullable: true }) _after?: string): DeliveryEvent {
    return toEvent(event);
  }

  @Subscription(() => DeliveryEvent, {
    description: 'Deliveries in your unit’s subtree that pass their due time unsigned (seed 000 §10): what a supervisor chases',
    subscribe: subscribeTo('subtreeOverdue'),
  })
  subtreeOverdue(@Root() event: PublishedEvent, @Arg('after', () => String, { nullable: true }) _after?: string): DeliveryEvent {
    return toEvent(event);
  }

  @Subscription(() => DeliveryBoard, {
    description: 'A live board of one document: counts at once, then again whenever they change, at most eight times a second',
    subscribe: (data) => deliveryBoard(data as unknown as SubscribeData),
  })
  deliveryBoard(@Root() board: DeliveryBoard, @Arg('documentId', () => ID) _documentId: string): DeliveryBoard {
    return board;
  }
}
