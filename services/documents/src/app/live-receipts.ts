// Live receipts (issue 5): the event streams behind the subscriptions, fed by the event hub. Each stream checks at
// the start that the caller may see what it asks about; each event reaches it only if the caller's unit may see the
// event (the outbox's own row-level security rule). Every event carries a cursor; `after` resumes exactly there.
import {
  badInput,
  type Caller,
  decodeCursor,
  encodeCursor,
  type PublishedEvent,
  PushQueue,
  type Refusal,
  requireCaller,
  requireGateway,
  requireRole,
  YizhanError,
} from '@yizhan/common';
import {
  DELIVERY_EVENT_TYPES,
  DOCUMENTS_CURSOR,
  documentsEvents,
  grantAdmits,
  LIVE_EVENT_TYPES,
  type LiveField,
  type LiveGrant,
} from '@yizhan/contracts/documents';
import { READ_PAGE, scopedEm } from '@yizhan/kernel';
import type { DocumentsContext } from '../deps.ts';
import { seesWholeBoard } from '../domain/board.ts';
import { SUPERVISING_ROLES } from '../domain/supervision.ts';
import type { Document } from '../entities/Document.ts';
import { keptBoardCounts } from '../store/board.ts';
import { deliveryCounts, getDocument } from '../store/documents.ts';
import { publishedEventsAfter } from '../store/live-events.ts';

export { DOCUMENTS_CURSOR };

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

function cursorArg(after: string | null | undefined): number | null {
  if (after === undefined || after === null) return null;
  try {
    return decodeCursor(after, SCHEMA);
  } catch {
    throw badInput('Malformed cursor: pass back a cursor this API gave you', 'after');
  }
}

export type SubscribeData = { args: Record<string, string | undefined>; context: DocumentsContext };
export type LiveArgs = { documentId?: string | null; after?: string | null };

const RECEIPT_EVENTS: string[] = [documentsEvents.names['delivery.received'], documentsEvents.names['delivery.signed']];
const INBOX_EVENTS: string[] = [
  documentsEvents.names['delivery.delivered'],
  documentsEvents.names['delivery.recall'],
  documentsEvents.names['delivery.signed'],
  // A 催办 of one of them, and the other notices about them (征集, 退回修改, 催报): the unit's notices show them at once.
  documentsEvents.names['delivery.urge'],
  documentsEvents.names['delivery.notice'],
];

/**
 * What the caller may see on a live field: checked here once, at the start (the document visible, the role held, the
 * cursor well formed), then applied to every event by whoever routes them — this service's own hub, or the gateway's
 * live edge, which asks for the same grant (`live-grants`, in batches). One rule, two places it runs.
 */
export async function liveGrant(context: DocumentsContext, field: LiveField, args: LiveArgs): Promise<LiveGrant> {
  const caller = requireCaller(context);
  const base = { field, scopePath: caller.orgPath, after: cursorArg(args.after) };
  switch (field) {
    case 'deliveryChanged':
      return (await documentGrant(context, args)).grant;
    case 'inboxChanged':
      // New deliveries to the caller's unit's clerk inbox, recalls of earlier ones, 签收 by any of its clerks (a
      // delivery moves from 待签收 to 已签收 on every clerk's screen), and notices about them (催办, 征集 …).
      return { ...base, types: INBOX_EVENTS, match: { recipientOrgId: caller.orgId } };
    case 'subtreeReceipts':
      requireRole(caller, ...SUPERVISING_ROLES);
      return { ...base, types: RECEIPT_EVENTS, match: {} };
    case 'subtreeOverdue':
      requireRole(caller, ...SUPERVISING_ROLES);
      return { ...base, types: [documentsEvents.names['delivery.overdue']], match: {} };
    case 'handlingChanged':
      // The caller's unit's handling steps: a 待办 list refetches on each (the event carries no text).
      return { ...base, after: null, types: [documentsEvents.names['handling.changed']], match: { orgId: caller.orgId } };
    case 'noticesChanged':
      // Notices to the caller's unit about no delivery (考核评比, 通报): its inbox refetches its notices on each.
      return { ...base, after: null, types: [documentsEvents.names['notice.added']], match: { orgId: caller.orgId } };
  }
}

/**
 * deliveryChanged's grant: every change to one document's deliveries, once the caller is known to see the document at
 * all; with the document, read once (the board needs its sender too).
 */
async function documentGrant(context: DocumentsContext, args: LiveArgs): Promise<{ grant: LiveGrant; doc: Document }> {
  const caller = requireCaller(context);
  const after = cursorArg(args.after);
  const documentId = args.documentId;
  if (!documentId) throw badInput('Name the document', 'documentId');
  const doc = await getDocument(scopedEm(context.deps.orm, caller), documentId);
  return { grant: { field: 'deliveryChanged', scopePath: caller.orgPath, after, types: DELIVERY_EVENT_TYPES, match: { documentId } }, doc };
}

type GrantRequest = { caller: Caller; field: LiveField; args: LiveArgs };
type GrantAnswer = { grant: LiveGrant } | { refused: Refusal };
/** Grants looked up at once (only a document's watchers read the database). */
const GRANTS_AT_ONCE = 16;

/** One caller's grant, or its refusal; anything but a refusal (the database away) fails the batch as the call would. */
async function grantOrRefusal(context: DocumentsContext, { caller, field, args }: GrantRequest): Promise<GrantAnswer> {
  try {
    return { grant: await liveGrant({ ...context, caller }, field, args) };
  } catch (e) {
    if (!(e instanceof YizhanError)) throw e;
    const { code: _, ...extensions } = e.extensions;
    return { refused: { code: e.code, message: e.message, extensions } };
  }
}

/**
 * The gateway's batch of grants (after a restart every client subscribes again at once): each answered exactly as
 * `liveGrant` answers that caller alone, a refusal in its place rather than failing the others.
 */
export async function liveGrants(context: DocumentsContext, requests: GrantRequest[]): Promise<GrantAnswer[]> {
  requireGateway(context);
  const answers: GrantAnswer[] = [];
  for (let i = 0; i < requests.length; i += GRANTS_AT_ONCE)
    answers.push(...(await Promise.all(requests.slice(i, i + GRANTS_AT_ONCE).map((r) => grantOrRefusal(context, r)))));
  return answers;
}

const LIVE_TYPES = new Set(LIVE_EVENT_TYPES);

/**
 * The gateway's live feed, read back between two positions: what its edge replays many resuming subscribers from,
 * routing each event by their grants as it routes the feed itself. A page at a time: `readTo` is how far it read.
 */
export async function liveEventsBetween(context: DocumentsContext, after: number, upTo: number) {
  requireGateway(context);
  const page = after < upTo ? await context.deps.hub.read(after, upTo) : [];
  return { events: page.filter((e) => LIVE_TYPES.has(e.type)), readTo: page.length < READ_PAGE ? upTo : (page.at(-1)?.seq ?? upTo) };
}

/** A live field's `subscribe`, for its resolver. */
export const subscribeTo = (field: LiveField) => (data: unknown) => liveEvents(field, data as SubscribeData);

/** The event as the field's subscriber sees it: the contract's view, which the gateway's live edge builds from the same
 * event; an event of another kind here is a fault of ours. */
export function viewOf<T>(view: T | null, e: PublishedEvent): T {
  if (!view) throw new Error(`Not an event this field streams: ${e.type}`);
  return view;
}

/** The subscription of a live field in this service: the grant, applied by its hub. */
export async function liveEvents(field: LiveField, { args, context }: SubscribeData) {
  const grant = await liveGrant(context, field, args);
  return context.deps.hub.subscribe({
    ...(grant.after !== null ? { after: grant.after } : {}),
    scopePath: grant.scopePath,
    filter: (e) => grantAdmits(grant, e),
  });
}

const REPLAY_PAGE = 5000;

/** What a resuming subscriber of the live edge missed: the events after its cursor the grant admits, up to the edge's position. */
export async function liveReplay(context: DocumentsContext, field: LiveField, args: LiveArgs, after: number, upTo: number) {
  const grant = await liveGrant(context, field, { ...args, after: null });
  const events: PublishedEvent[] = [];
  let from = after;
  // The outbox under the caller's row-level security, then the rest of the grant: at most a page of admitted events.
  for (;;) {
    const batch = await publishedEventsAfter(context.em, from, upTo, REPLAY_PAGE);
    for (const e of batch) if (grantAdmits(grant, e)) events.push(e);
    // Read to the end, or a page's worth admitted: the edge asks again from `readTo`.
    if (batch.length < REPLAY_PAGE) return { events, readTo: upTo };
    from = batch.at(-1)?.seq ?? upTo;
    if (events.length >= REPLAY_PAGE) return { events, readTo: from };
  }
}

/** A live board of one document: counts at once, then again whenever they change, at most once per boardIntervalMs. */
export async function deliveryBoard({ args, context }: SubscribeData) {
  const caller = requireCaller(context);
  const documentId = args.documentId as string;
  const em = () => scopedEm(context.deps.orm, caller);
  // The same events as deliveryChanged of the document (and the same check that the caller sees it), counted.
  const { grant, doc } = await documentGrant(context, { documentId });
  // The sender's side reads the board's kept figures (a few rows however many it went to); a recipient unit counts
  // its own delivery, all it may see.
  const read = seesWholeBoard(doc.orgPath, caller.orgPath) ? () => keptBoardCounts(em(), documentId) : () => deliveryCounts(em(), documentId);
  // The watchers of one document in one unit see the same rows: they share each reading (sharedReading).
  const key = `${documentId}:${caller.orgPath}`;
  const count = async (cursor: string | null, since: number): Promise<BoardCounts> => {
    return { documentId, ...(await sharedReading(key, since, read)), cursor };
  };
  const events = context.deps.hub.subscribe({ scopePath: grant.scopePath, filter: (e) => grantAdmits(grant, e) });
  return throttledBoard(events, count, context, 'board feed failed');
}

type Counts = Awaited<ReturnType<typeof deliveryCounts>>;
const readings = new Map<string, { startedAt: number; value: Promise<Counts> }>();

/**
 * A reading of a board shared by everyone who watches it from one unit: two hundred people of the sending office on
 * one document's board are one count a quarter second, not two hundred. A reading is reused only if it started after
 * `since` (when the last event the watcher reports reached this service), so it includes that event.
 */
function sharedReading(key: string, since: number, read: () => Promise<Counts>): Promise<Counts> {
  const hit = readings.get(key);
  if (hit && hit.startedAt >= since) return hit.value;
  if (readings.size > 10_000) readings.clear();
  const value = read();
  const entry = { startedAt: performance.now(), value };
  readings.set(key, entry);
  value.catch(() => readings.get(key) === entry && readings.delete(key));
  return value;
}

/**
 * A live board: `read` at once, then again after the events that change it, at most once per boardIntervalMs, each
 * reading carrying the cursor of the last event it counts and when that event arrived (`since`). A change after a
 * quiet interval is read at once (in the next turn, with the events of this one); changes that follow closely wait
 * for the interval's end and are read together. Ends the events' stream when the subscriber goes away.
 */
export async function throttledBoard<T>(
  events: AsyncIterableIterator<PublishedEvent>,
  read: (cursor: string | null, since: number) => Promise<T>,
  context: DocumentsContext,
  failure: string,
): Promise<PushQueue<T>> {
  const out = new PushQueue<T>(() => void events.return?.());
  out.push(await read(null, performance.now()));
  const interval = context.deps.settings.boardIntervalMs;
  let lastReadAt = performance.now();
  let pending: string | null = null;
  let pendingAt = 0;
  let scheduled = false;
  const flush = async () => {
    scheduled = false;
    lastReadAt = performance.now();
    const cursor = pending;
    pending = null;
    try {
      out.push(await read(cursor, pendingAt));
    } catch (e) {
      out.fail(e);
    }
  };
  void (async () => {
    for await (const e of events) {
      pending = encodeCursor(SCHEMA, e.seq);
      pendingAt = performance.now();
      if (!scheduled) {
        scheduled = true;
        setTimeout(() => void flush(), Math.max(0, lastReadAt + interval - performance.now()));
      }
    }
  })().catch((e) => {
    context.log.error({ err: e }, failure);
    out.fail(e);
  });
  return out;
}
