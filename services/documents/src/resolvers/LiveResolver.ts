// Live receipts (issue 5): subscriptions fed by the event hub. Each subscription checks at the start that the caller
// may see what it asks about; each event reaches it only if the caller's unit may see the event (the outbox's own
// row-level security rule). Every event carries a cursor; `after` resumes exactly where a client left off.
import { badInput, decodeCursor, encodeCursor, type PublishedEvent, PushQueue, requireCaller } from '@yizhan/common';
import { scopedEm } from '@yizhan/kernel';
import { Arg, Field, ID, ObjectType, Resolver, Root, Subscription } from 'type-graphql';
import { documentsEvents } from '../contract.ts';
import type { DocumentsContext } from '../deps.ts';
import { deliveryCounts, getDocument } from '../store.ts';
import { DeliveryStatusEnum, ReceiptActionEnum } from './enums.ts';
import { DeliveryStats, OrgRef } from './types.ts';

const SCHEMA = 'documents';

@ObjectType({ description: 'A delivery changed: delivered, signed for (and, later, returned or recalled)' })
export class DeliveryEvent {
  @Field(() => String, { description: 'Resume after this event with `after`' })
  cursor!: string;
  @Field(() => String, { description: 'delivery.delivered, delivery.received, …' })
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

type DeliveryEventName = Extract<keyof typeof documentsEvents.payloads, `delivery.${string}`>;
const DELIVERY_EVENTS = Object.keys(documentsEvents.payloads).filter((t): t is DeliveryEventName => t.startsWith('delivery.'));

/** A delivery event of this service, read through its catalogue (null for any other event). */
const deliveryEvent = (e: PublishedEvent) => documentsEvents.read(e, ...DELIVERY_EVENTS);

function toEvent(e: PublishedEvent): DeliveryEvent {
  const event = deliveryEvent(e);
  if (!event) throw new Error(`Not a delivery event: ${e.type}`);
  const p = event.payload;
  const receipt = event.type === 'delivery.received' ? event.payload : null;
  return {
    cursor: encodeCursor(SCHEMA, e.seq),
    type: event.type,
    deliveryId: p.deliveryId,
    documentId: p.documentId,
    docNumber: 'docNumber' in p ? (p.docNumber ?? null) : null,
    status: p.status,
    receivedAt: receipt ? new Date(receipt.receivedAt) : null,
    receivedByName: receipt?.receivedByName ?? null,
    receiptAction: receipt?.action ?? null,
    recipientOrg: { id: p.recipientOrgId },
    occurredAt: new Date(e.occurredAt),
  };
}

function cursorArg(after: string | undefined): number | undefined {
  if (after === undefined || after === null) return undefined;
  try {
    return decodeCursor(after, SCHEMA);
  } catch {
    throw badInput('Malformed cursor: pass back a cursor this API gave you', 'after');
  }
}

type SubscribeData = { args: Record<string, string | undefined>; context: DocumentsContext };

/** Events of one document the caller may see, after checking the caller may see the document at all. */
async function documentEvents({ args, context }: SubscribeData) {
  const caller = requireCaller(context);
  const documentId = args.documentId as string;
  await getDocument(scopedEm(context.deps.orm, caller), documentId);
  return context.deps.hub.subscribe({
    after: cursorArg(args.after),
    scopePath: caller.orgPath,
    filter: (e) => deliveryEvent(e)?.payload.documentId === documentId,
  });
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
    description: 'New deliveries to your unit’s clerk inbox, and recalls of earlier ones',
    subscribe: (data) => {
      const { args, context } = data as unknown as SubscribeData;
      const caller = requireCaller(context);
      return context.deps.hub.subscribe({
        after: cursorArg(args.after),
        scopePath: caller.orgPath,
        filter: (e) => documentsEvents.read(e, 'delivery.delivered', 'delivery.recall')?.payload.recipientOrgId === caller.orgId,
      });
    },
  })
  inboxChanged(@Root() event: PublishedEvent, @Arg('after', () => String, { nullable: true }) _after?: string): DeliveryEvent {
    return toEvent(event);
  }

  @Subscription(() => DeliveryEvent, {
    description: 'Receipts anywhere in your unit’s subtree: what a supervisor watches',
    subscribe: (data) => {
      const { args, context } = data as unknown as SubscribeData;
      const caller = requireCaller(context);
      return context.deps.hub.subscribe({
        after: cursorArg(args.after),
        scopePath: caller.orgPath,
        filter: (e) => e.type === documentsEvents.names['delivery.received'],
      });
    },
  })
  subtreeReceipts(@Root() event: PublishedEvent, @Arg('after', () => String, { nullable: true }) _after?: string): DeliveryEvent {
    return toEvent(event);
  }

  @Subscription(() => DeliveryEvent, {
    description: 'Deliveries in your unit’s subtree that pass their due time unsigned (seed 000 §10): what a supervisor chases',
    subscribe: (data) => {
      const { args, context } = data as unknown as SubscribeData;
      const caller = requireCaller(context);
      return context.deps.hub.subscribe({
        after: cursorArg(args.after),
        scopePath: caller.orgPath,
        filter: (e) => e.type === documentsEvents.names['delivery.overdue'],
      });
    },
  })
  subtreeOverdue(@Root() event: PublishedEvent, @Arg('after', () => String, { nullable: true }) _after?: string): DeliveryEvent {
    return toEvent(event);
  }

  @Subscription(() => DeliveryBoard, {
    description: 'A live board of one document: counts at once, then again whenever they change, at most four times a second',
    subscribe: async (data) => {
      const { args, context } = data as unknown as SubscribeData;
      const caller = requireCaller(context);
      const documentId = args.documentId as string;
      const em = () => scopedEm(context.deps.orm, caller);
      await getDocument(em(), documentId);
      const count = async (cursor: string | null): Promise<DeliveryBoard> => {
        return { documentId, ...(await deliveryCounts(em(), documentId)), cursor };
      };
      const events = context.deps.hub.subscribe({
        scopePath: caller.orgPath,
        filter: (e) => deliveryEvent(e)?.payload.documentId === documentId,
      });
      const out = new PushQueue<DeliveryBoard>(() => void events.return?.());
      out.push(await count(null));
      let pending: string | null = null;
      let scheduled = false;
      const flush = async () => {
        scheduled = false;
        const cursor = pending;
        pending = null;
        try {
          const c = await count(cursor);
          out.push(c);
        } catch (e) {
          out.fail(e);
        }
      };
      void (async () => {
        for await (const e of events) {
          pending = encodeCursor(SCHEMA, e.seq);
          if (!scheduled) {
            scheduled = true;
            setTimeout(() => void flush(), context.deps.settings.boardIntervalMs);
          }
        }
      })().catch((e) => {
        context.log.error({ err: e }, 'board feed failed');
        out.fail(e);
      });
      return out;
    },
  })
  deliveryBoard(@Root() board: DeliveryBoard, @Arg('documentId', () => ID) _documentId: string): DeliveryBoard {
    return board;
  }
}
