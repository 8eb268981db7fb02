// One upstream stream for identical live subscriptions. Without this, every client subscription is its own event
// stream from the gateway to the subgraph, and one receipt becomes a thousand executions for a thousand watchers of
// one board (bench/README.md, "Live receipts"). Subscriptions of the same operation, variables and caller scope
// (unit and roles: what the subgraph authorises events by) receive the same events, so they share one upstream
// stream and the gateway fans its results out. Not shared: a subscription that resumes from a cursor (its replay
// is its own), and fields whose first result is a snapshot for each subscriber (a live board's counts).
import { createHash } from 'node:crypto';
import { type Caller, PushQueue } from '@yizhan/common';
import { type DocumentNode, Kind, type OperationDefinitionNode, print, visit } from 'graphql';

/** Root fields that are pure event streams: every subscriber of the same scope sees the same events from joining on. */
export const SHAREABLE_FIELDS = new Set(['deliveryChanged', 'inboxChanged', 'subtreeReceipts', 'subtreeOverdue']);

interface Stream<R> {
  sinks: Set<PushQueue<R>>;
  source: AsyncIterator<R> | null;
  started: Promise<R | null>;
  ended: boolean;
}

const isAsyncIterable = <R>(x: unknown): x is AsyncIterable<R> => !!x && typeof (x as AsyncIterable<R>)[Symbol.asyncIterator] === 'function';

/** The key under which a subscription may share its stream, or null when it must have its own. */
export function shareKey(
  document: DocumentNode,
  operationName: string | null | undefined,
  variables: Record<string, unknown> | null | undefined,
  caller: Caller | null,
): string | null {
  if (!caller) return null;
  const operation = document.definitions.find(
    (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION && (!operationName || d.name?.value === operationName),
  );
  if (operation?.operation !== 'subscription') return null;
  const roots = operation.selectionSet.selections;
  if (roots.some((s) => s.kind !== Kind.FIELD || !SHAREABLE_FIELDS.has(s.name.value))) return null;
  // A cursor (`after`) means a replay of its own.
  let resumes = false;
  visit(operation, {
    Argument(arg) {
      if (arg.name.value !== 'after') return;
      if (arg.value.kind === Kind.VARIABLE) resumes ||= variables?.[arg.value.name.value] != null;
      else resumes ||= arg.value.kind !== Kind.NULL;
    },
  });
  if (resumes) return null;
  return createHash('sha256')
    .update(JSON.stringify([print(operation), variables ?? {}, caller.orgId, caller.orgPath, [...caller.roles].sort()]))
    .digest('hex');
}

/** Wraps the gateway's subscribe: the first subscriber of a key opens the upstream stream, the others join it. */
export function sharedSubscriptions<R>() {
  const streams = new Map<string, Stream<R>>();

  async function pump(key: string, s: Stream<R>) {
    try {
      for (;;) {
        const n = await (s.source as AsyncIterator<R>).next();
        if (n.done) break;
        for (const q of s.sinks) q.push(n.value);
      }
      for (const q of s.sinks) q.end();
    } catch (e) {
      for (const q of s.sinks) q.fail(e);
    } finally {
      s.ended = true;
      if (streams.get(key) === s) streams.delete(key);
    }
  }

  const api = {
    async subscribe(key: string | null, open: () => Promise<AsyncIterable<R> | R> | AsyncIterable<R> | R): Promise<AsyncIterable<R> | R> {
      if (!key) return open();
      let s = streams.get(key);
      if (!s) {
        const stream: Stream<R> = { sinks: new Set(), source: null, started: Promise.resolve(null), ended: false };
        stream.started = Promise.resolve(open()).then(
          (r) => {
            if (!isAsyncIterable<R>(r)) {
              // An error instead of a stream (a document the scope cannot see): everyone who asked gets it.
              if (streams.get(key) === stream) streams.delete(key);
              return r;
            }
            stream.source = r[Symbol.asyncIterator]();
            void pump(key, stream);
            return null;
          },
          (e) => {
            if (streams.get(key) === stream) streams.delete(key);
            throw e;
          },
        );
        streams.set(key, stream);
        s = stream;
      }
      const shared = s;
      const first = await shared.started;
      if (first !== null) return first;
      // The stream ended while this subscriber was joining: it gets a stream of its own making.
      if (shared.ended) return api.subscribe(key, open);
      const queue: PushQueue<R> = new PushQueue<R>(() => {
        shared.sinks.delete(queue);
        if (shared.sinks.size === 0) {
          if (streams.get(key) === shared) streams.delete(key);
          void shared.source?.return?.();
        }
      });
      shared.sinks.add(queue);
      return queue;
    },
    /** Upstream streams open now (tests, health). */
    get size() {
      return streams.size;
    },
  };
  return api;
}
