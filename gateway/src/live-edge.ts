// The live edge (issue 13): the documents service's live events reach the gateway once, over one internal feed, and
// are routed here to the subscribers that may see them, instead of every subscription being its own stream from the
// gateway to the subgraph. With every county's clerk online, each with an inbox of its own scope, an event about one
// county is looked at by that county's subscribers and the few above it (common's Fanout: an index by unit path),
// and its payload is built once per selection (live-payload.ts).
//
// Authorisation stays with the service that owns the data: when a client subscribes, the edge asks documents for the
// caller's grant on that field (`live-grants`, for the subscribers of one moment together: the document visible, the
// role held, the cursor well formed, refused exactly as the subscription itself would be), and applies exactly that
// grant (`grantAdmits`, the contract's, which the service's own subscriptions apply too). A subscriber resuming from a
// cursor first gets what it missed, then live events, with no gap and no duplicate (the Fanout buffers live events
// while the replay runs). What it missed comes from the recent events the edge keeps (feed-window.ts: the feed as it
// arrived, and what came before read back from documents once, `live-events`), routed by the tenant rule and the same
// grant; a cursor too far back is replayed by documents alone (`live-replay`, under its row-level security). After a
// restart every client subscribes again at once: the batches and the window are what keep the storm short. The feed
// itself resumes after its last sequence when documents restarts, so subscriptions outlive a documents restart
// without noticing it.
import {
  Backoff,
  batchedAsks,
  CALLER_HEADER,
  type Caller,
  type EventFeed,
  Fanout,
  type FeedEvent,
  followEventFeed,
  internalClient,
  type PublishedEvent,
  PushQueue,
  pause,
  YizhanError,
} from '@yizhan/common';
import { documentsLiveApi, grantAdmits, LIVE_EVENTS_PATH, LIVE_FIELDS, type LiveField, type LiveGrant, liveEventView } from '@yizhan/contracts/documents';
import { type DocumentNode, type ExecutionResult, GraphQLError, type GraphQLSchema, getArgumentValues, Kind, type OperationDefinitionNode } from 'graphql';
import { FeedWindow } from './feed-window.ts';
import { PayloadRenderer, prepareSelection, type Selection } from './live-payload.ts';

export interface LiveEdgeOptions {
  /** The documents subgraph (its /graphql URL): the feed and the grants. */
  documentsUrl: string;
  /** Calls the org subgraph for the units named in payloads. */
  fetchFromOrg: (caller: Caller, query: string, variables: Record<string, unknown>) => Promise<Record<string, unknown> | null>;
  /** A signed caller context for a request on this caller's behalf (null: the gateway itself, for the feed). */
  sign: (caller: Caller | null) => Promise<string>;
  onError?: (e: unknown) => void;
}

/** A subscription the edge serves: which field, with which arguments, and how its payload is built. */
export interface LivePlan {
  field: LiveField;
  /** The root field's alias or name. */
  responseKey: string;
  args: { documentId?: string | null; after?: string | null };
  selection: Selection;
}

const LIVE = new Set<string>(LIVE_FIELDS);
const SELECTIONS_KEPT = 2000;
const RENDERS_KEPT = 5_000;
const REPLAY_ATTEMPTS = 4;
/** Most subscribers granted by one request to documents. */
const GRANTS_AT_ONCE = 500;
/** Live events kept for resuming subscribers (feed-window.ts: about 900 bytes each, 26 MB full), and how far before
 * them a cursor is still read back. */
const WINDOW_EVENTS = 30_000;
const WINDOW_REACH = 20_000;

export function startLiveEdge(opts: LiveEdgeOptions) {
  const fanout = new Fanout();
  const documents = internalClient(documentsLiveApi, opts.documentsUrl);
  // Subscribers wait for the feed's first position: a fresh one starts there, a resuming one is replayed up to it.
  let markReady: () => void = () => {};
  const firstReady = new Promise<void>((r) => {
    markReady = r;
  });
  // The recent events, for subscribers resuming from a cursor; read back from documents' feed when a cursor is older.
  const recent = new FeedWindow({
    read: (after, upTo) => persistently(async () => documents.call('live-events', await opts.sign(null), { after, upTo })),
    maxEvents: WINDOW_EVENTS,
    maxSpan: WINDOW_REACH,
  });
  const feed: EventFeed = followEventFeed({
    url: new URL(LIVE_EVENTS_PATH, opts.documentsUrl).toString(),
    headers: async () => ({ [CALLER_HEADER]: await opts.sign(null) }),
    onReady: (seq) => {
      recent.anchor(seq);
      fanout.advanceTo(seq);
      markReady();
    },
    onEvent: (e) => {
      const event = published(e);
      recent.append(event);
      fanout.deliver([event]);
    },
    // A restarted documents replica is followed again within a second: live events wait for it.
    maxBackoffMs: 1000,
    ...(opts.onError ? { onError: opts.onError } : {}),
  });

  // One prepared selection per distinct operation and variables, shared by its subscribers (so is the org fetch),
  // and the payloads rendered for it by event: a thousand watchers of one document get one rendering of each event.
  const selections = new Map<string, Selection>();
  const rendered = new WeakMap<Selection, Map<string, Promise<ExecutionResult>>>();
  const renderer = new PayloadRenderer<Caller>((selection, ids, who) => {
    const q = selection.orgQuery;
    if (!q) return Promise.resolve(null);
    // Org's directory is readable by every caller: the batch's fetch is signed for one subscriber it serves.
    return opts.fetchFromOrg(who, q.text, { ...q.variables, representations: ids.map((id) => ({ __typename: 'Org', id })) });
  });

  function render(plan: LivePlan, e: PublishedEvent, who: Caller): Promise<ExecutionResult> {
    let cache = rendered.get(plan.selection);
    if (!cache || cache.size > RENDERS_KEPT) {
      cache = new Map();
      rendered.set(plan.selection, cache);
    }
    const key = plan.selection.perSubscriber ? `${e.seq}:${e.previousSeq}` : `${e.seq}`;
    let r = cache.get(key);
    if (!r) {
      const view = liveEventView(plan.field, e);
      r = view
        ? renderer.render(plan.selection, view as unknown as Record<string, unknown>, who)
        : Promise.resolve({ errors: [new GraphQLError(`Not a ${plan.field} event: ${e.type}`)] });
      cache.set(key, r);
    }
    return r;
  }

  /**
   * A read of documents' that may meet it away for a moment (its database restarting): asked again, a few times over
   * about three seconds, before the subscribers waiting on it are told to resubscribe.
   */
  async function persistently<T>(read: () => Promise<T>): Promise<T> {
    const backoff = new Backoff({ initialMs: 250, maxMs: 1500 });
    for (;;) {
      try {
        return await read();
      } catch (e) {
        const code = (e as YizhanError).code;
        // A refusal (the grant withdrawn meanwhile) is final; only an unreachable or failing service is asked again.
        if ((code && code !== 'INTERNAL') || backoff.attempts >= REPLAY_ATTEMPTS - 1) throw e;
        opts.onError?.(e);
        await pause(backoff.next());
      }
    }
  }

  /** The grants of the subscribers of one turn, in one request (the gateway's own call: it names each caller). */
  const grantOf = batchedAsks(
    async (asks: { caller: Caller; field: LiveField; args: LivePlan['args'] }[]) =>
      (await documents.call('live-grants', await opts.sign(null), { requests: asks })).answers,
    { max: GRANTS_AT_ONCE },
  );

  /** A cursor too far back for the window: documents reads this subscriber's missed events under its row-level security. */
  async function replayAlone(who: Caller | null, plan: LivePlan, after: number, upTo: number): Promise<PublishedEvent[]> {
    const missed: PublishedEvent[] = [];
    let from = after;
    while (from < upTo) {
      const page = await persistently(async () =>
        documents.call('live-replay', await opts.sign(who), { field: plan.field, args: plan.args, after: from, upTo }),
      );
      missed.push(...page.events);
      if (page.readTo <= from) break;
      from = page.readTo;
    }
    return missed;
  }

  return {
    /** How the edge would serve this subscription, or null when it is not one of its fields. */
    plan(
      schema: GraphQLSchema,
      document: DocumentNode,
      operationName: string | null | undefined,
      variables: Record<string, unknown> | null | undefined,
    ): LivePlan | null {
      const operation = document.definitions.find(
        (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION && (!operationName || d.name?.value === operationName),
      );
      const root = operation?.selectionSet.selections[0];
      if (operation?.operation !== 'subscription' || root?.kind !== Kind.FIELD || !LIVE.has(root.name.value)) return null;
      const fieldDef = schema.getSubscriptionType()?.getFields()[root.name.value];
      if (!fieldDef) return null;
      const vars = variables ?? {};
      const key = JSON.stringify([document.loc?.source.body ?? '', operationName ?? null, vars]);
      let selection = selections.get(key);
      if (!selection) {
        const prepared = prepareSelection(schema, document, operationName, vars);
        if (!prepared) return null;
        if (selections.size >= SELECTIONS_KEPT) selections.clear();
        selections.set(key, prepared);
        selection = prepared;
      }
      const args = getArgumentValues(fieldDef, root, vars) as LivePlan['args'];
      return { field: root.name.value as LiveField, responseKey: root.alias?.value ?? root.name.value, args, selection };
    },

    /** The subscription's results, or its refusal (as the subgraph would refuse it). */
    async subscribe(plan: LivePlan, who: Caller | null): Promise<AsyncIterableIterator<ExecutionResult> | ExecutionResult> {
      let grant: LiveGrant;
      try {
        if (!who) throw new YizhanError('UNAUTHENTICATED', 'You must log in first');
        const answer = await grantOf({ caller: who, field: plan.field, args: plan.args });
        if ('refused' in answer) throw new YizhanError(answer.refused.code, answer.refused.message, answer.refused.extensions ?? {});
        grant = answer.grant;
      } catch (e) {
        // Refused as the subgraph's own subscription would be: its message, code and details, at the field's path.
        const err = e as YizhanError;
        // Documents unreachable (restarting): the client is told to try again, not shown an internal call's name.
        if (!err.code || err.code === 'INTERNAL')
          return {
            data: null,
            errors: [
              new GraphQLError('A service the answer needs is not reachable; try again later', {
                path: [plan.responseKey],
                extensions: { code: 'UNAVAILABLE' },
              }),
            ],
          };
        const extensions = { ...(err.extensions ?? {}), code: err.code, serviceName: 'documents' };
        return { data: null, errors: [new GraphQLError(err.message, { path: [plan.responseKey], extensions })] };
      }
      await firstReady;
      const events = fanout.subscribe(
        { ...(grant.after !== null ? { after: grant.after } : {}), scopePath: grant.scopePath, filter: (e) => grantAdmits(grant, e) },
        async (after, upTo) => (await recent.replay(after, upTo, grant.scopePath)) ?? replayAlone(who, plan, after, upTo),
      );
      const out = new PushQueue<ExecutionResult>(() => void events.return?.());
      // Each event's rendering starts as it arrives and the results go out in order: a subscriber whose events name
      // units (`recipientOrg { name }`) does not wait for one event's org fetch before the next's starts, and the
      // events of one turn share one fetch. (Awaiting each in turn held a city's supervisors to one fetch at a time:
      // about 80 events a second, a second behind at 120.)
      let failed = false;
      const fail = (e: unknown) => {
        if (failed) return;
        failed = true;
        // A replay or a rendering that failed (documents or org away): the client hears it and subscribes again
        // with its cursor.
        out.push({ errors: [new GraphQLError('A service the answer needs is not reachable; try again later', { extensions: { code: 'UNAVAILABLE' } })] });
        out.end();
        void events.return?.();
        opts.onError?.(e);
      };
      void (async () => {
        let sent: Promise<void> = Promise.resolve();
        for await (const e of events) {
          if (failed) break;
          const rendering = render(plan, e, who);
          rendering.catch(() => {}); // its failure is the chain's to handle, when its turn comes
          sent = sent
            .then(() => rendering)
            .then((r) => {
              if (!failed) out.push(r);
            })
            .catch(fail);
        }
        await sent;
        if (!failed) out.end();
      })().catch(fail);
      return out;
    },

    /** Subscribers the edge serves now. */
    get subscribers() {
      return fanout.size;
    },
    /** Whether the feed from documents is connected. */
    get following() {
      return feed.following;
    },
    close() {
      feed.close();
    },
  };
}

export type LiveEdge = ReturnType<typeof startLiveEdge>;

function published(e: FeedEvent): PublishedEvent {
  return {
    seq: e.seq,
    schema: 'documents',
    type: e.type,
    orgPath: e.orgPath ?? '',
    otherPath: e.otherPath ?? null,
    payload: e.payload,
    occurredAt: e.occurredAt ?? new Date().toISOString(),
  };
}
