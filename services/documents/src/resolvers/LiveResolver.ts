// Live receipts (issue 5): subscriptions fed by the event hub. Each subscription checks at the start that the caller
// may see what it asks about; each event reaches it only if the caller's unit may see the event (the outbox's own
// row-level security rule). Every event carries a cursor; `after` resumes exactly where a client left off. The
// streams are in app/live-receipts.ts; here they meet GraphQL.
import { encodeCursor, type PublishedEvent } from '@yizhan/common';
import { Arg, Field, ID, ObjectType, Resolver, Root, Subscription } from 'type-graphql';
import {
  deliveryBoard,
  deliveryEvent,
  documentEvents,
  inboxEvents,
  DOCUMENTS_CURSOR as SCHEMA,
  type SubscribeData,
  subtreeOverdue,
  subtreeReceipts,
} from '../app/live-receipts.ts';
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

function toEvent(e: PublishedEvent): DeliveryEvent {
  const event = deliveryEvent(e);
  if (!event) throw new Error(`Not a delivery event: ${e.type}`);
  const p = event.payload;
  const receipt = event.type === 'delivery.received' ? event.payload : null;
  const signed = event.type === 'delivery.signed' ? event.payload : null;
  return {
    cursor: encodeCursor(SCHEMA, e.seq),
    previousCursor: e.previousSeq === undefined || e.previousSeq === null ? null : encodeCursor(SCHEMA, e.previousSeq),
    type: event.type,
    deliveryId: p.deliveryId,
    documentId: p.documentId,
    docNumber: 'docNumber' in p ? (p.docNumber ?? null) : null,
    status: p.status,
    receivedAt: receipt ? new Date(receipt.receivedAt) : signed ? new Date(signed.receivedAt) : null,
    receivedByName: receipt?.receivedByName ?? null,
    receiptAction: receipt?.action ?? null,
    signedAt: signed ? new Date(signed.signedAt) : null,
    signedByName: signed?.signedByName ?? null,
    recipientOrg: { id: p.recipientOrgId },
    occurredAt: new Date(e.occurredAt),
  };
}

@Resolver()
export class LiveResolver {
  @Subscription(() => DeliveryEvent, {
    description: 'Every change to the deliveries of one document: the sender’s view (a recipient sees its own)',
    subscribe: (data) => documentEvents(data as unknown as SubscribeData),
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
    subscribe: (data) => inboxEvents(data as unknown as SubscribeData),
  })
  inboxChanged(@Root() event: PublishedEvent, @Arg('after', () => String, { nullable: true }) _after?: string): DeliveryEvent {
    return toEvent(event);
  }

  @Subscription(() => DeliveryEvent, {
    description: 'Receipts (接收) and 签收 anywhere in your unit’s subtree: what a supervisor watches',
    subscribe: (data) => subtreeReceipts(data as unknown as SubscribeData),
  })
  subtreeReceipts(@Root() event: PublishedEvent, @Arg('after', () => String, { nullable: true }) _after?: string): DeliveryEvent {
    return toEvent(event);
  }

  @Subscription(() => DeliveryEvent, {
    description: 'Deliveries in your unit’s subtree that pass their due time unsigned (seed 000 §10): what a supervisor chases',
    subscribe: (data) => subtreeOverdue(data as unknown as SubscribeData),
  })
  subtreeOverdue(@Root() event: PublishedEvent, @Arg('after', () => String, { nullable: true }) _after?: string): DeliveryEvent {
    return toEvent(event);
  }

  @Subscription(() => DeliveryBoard, {
    description: 'A live board of one document: counts at once, then again whenever they change, at most four times a second',
    subscribe: (data) => deliveryBoard(data as unknown as SubscribeData),
  })
  deliveryBoard(@Root() board: DeliveryBoard, @Arg('documentId', () => ID) _documentId: string): DeliveryBoard {
    return board;
  }
}
