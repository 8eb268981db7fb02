// Live receipts (issue 5): the event streams behind the subscriptions, fed by the event hub. Each stream checks at
// the start that the caller may see what it asks about; each event reaches it only if the caller's unit may see the
// event (the outbox's own row-level security rule). Every event carries a cursor; `after` resumes exactly there.
import { badInput, decodeCursor, encodeCursor, type PublishedEvent, PushQueue, requireCaller, requireRole } from '@yizhan/common';
import { documentsEvents } from '@yizhan/contracts/documents';
import { scopedEm } from '@yizhan/kernel';
import type { DocumentsContext } from '../deps.ts';
import { SUPERVISING_ROLES } from '../domain/supervision.ts';
import { deliveryCounts, getDocument } from '../store/documents.ts';

/** The schema whose outbox sequence the cursors count. */
export const DOCUMENTS_CURSOR = 'documents';
const SCHEMA = DOCUMENTS_CURSOR;

/** A document's receipts, counted, after the last event counted. */
export interface BoardCounts {
  documentId: string;
  total: number;
  received: number;
  signed: number;
  pending: number;
  cursor: string | null;
}

type DeliveryEventName = Extract<keyof typeof documentsEvents.payloads, `delivery.${string}`>;
const DELIVERY_EVENTS = Object.keys(documentsEvents.payloads).filter((t): t is DeliveryEventName => t.startsWith('delivery.'));

/** A delivery event of this service, read through its catalogue (null for any other event). */
export const deliveryEvent = (e: PublishedEvent) => documentsEvents.read(e, ...DELIVERY_EVENTS);

function cursorArg(after: string | undefined): number | undefined {
  if (after === undefined || after === null) return undefined;
  try {
    return decodeCursor(after, SCHEMA);
  } catch {
    throw badInput('Malformed cursor: pass back a cursor this API gave you', 'after');
  }
}

export type SubscribeData = { args: Record<string, string | undefined>; context: DocumentsContext };

/** Events of one document the caller may see, after checking the caller may see the document at all. */
export async function documentEvents({ args, context }: SubscribeData) {
  const caller = requireCaller(context);
  const documentId = args.documentId as string;
  await getDocument(scopedEm(context.deps.orm, caller), documentId);
  return context.deps.hub.subscribe({
    after: cursorArg(args.after),
    scopePath: caller.orgPath,
    filter: (e) => deliveryEvent(e)?.payload.documentId === documentId,
  });
}

/** New deliveries to the caller's unit's clerk inbox, recalls of earlier ones, and 签收 by any of its clerks (a
 * delivery moves from 待签收 to 已签收 on every clerk's screen). */
export function inboxEvents({ args, context }: SubscribeData) {
  const caller = requireCaller(context);
  return context.deps.hub.subscribe({
    after: cursorArg(args.after),
    scopePath: caller.orgPath,
    filter: (e) => documentsEvents.read(e, 'delivery.delivered', 'delivery.recall', 'delivery.signed')?.payload.recipientOrgId === caller.orgId,
  });
}

const RECEIPT_EVENTS: string[] = [documentsEvents.names['delivery.received'], documentsEvents.names['delivery.signed']];

/** Receipts (接收) and 签收 anywhere in the caller's unit's subtree. */
export function subtreeReceipts({ args, context }: SubscribeData) {
  const caller = requireCaller(context);
  requireRole(caller, ...SUPERVISING_ROLES);
  return context.deps.hub.subscribe({
    after: cursorArg(args.after),
    scopePath: caller.orgPath,
    filter: (e) => RECEIPT_EVENTS.includes(e.type),
  });
}

/** Deliveries in the caller's unit's subtree that pass their due time unsigned. */
export function subtreeOverdue({ args, context }: SubscribeData) {
  const caller = requireCaller(context);
  requireRole(caller, ...SUPERVISING_ROLES);
  return context.deps.hub.subscribe({
    after: cursorArg(args.after),
    scopePath: caller.orgPath,
    filter: (e) => e.type === documentsEvents.names['delivery.overdue'],
  });
}

/** A live board of one document: counts at once, then again whenever they change, at most once per boardIntervalMs. */
export async function deliveryBoard({ args, context }: SubscribeData) {
  const caller = requireCaller(context);
  const documentId = args.documentId as string;
  const em = () => scopedEm(context.deps.orm, caller);
  await getDocument(em(), documentId);
  const count = async (cursor: string | null): Promise<BoardCounts> => {
    return { documentId, ...(await deliveryCounts(em(), documentId)), cursor };
  };
  const events = context.deps.hub.subscribe({
    scopePath: caller.orgPath,
    filter: (e) => deliveryEvent(e)?.payload.documentId === documentId,
  });
  return throttledBoard(events, count, context, 'board feed failed');
}

/**
 * A live board: `read` at once, then again after the events that change it, at most once per boardIntervalMs, each
 * reading carrying the cursor of the last event it counts. Ends the events' stream when the subscriber goes away.
 */
export async function throttledBoard<T>(
  events: AsyncIterableIterator<PublishedEvent>,
  read: (cursor: string | null) => Promise<T>,
  context: DocumentsContext,
  failure: string,
): Promise<PushQueue<T>> {
  const out = new PushQueue<T>(() => void events.return?.());
  out.push(await read(null));
  let pending: string | null = null;
  let scheduled = false;
  const flush = async () => {
    scheduled = false;
    const cursor = pending;
    pending = null;
    try {
      out.push(await read(cursor));
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
    context.log.error({ err: e }, failure);
    out.fail(e);
  });
  return out;
}
