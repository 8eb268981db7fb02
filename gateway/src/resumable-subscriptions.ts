// Live subscriptions that outlive their subgraph (issue 20). When the subgraph behind an event stream dies or
// restarts, the gateway opens the stream again after the last event it passed on (its cursor), with back-off, and the
// client sees neither an error nor a `complete`: only, later, the events it would have seen, in order, once each.
//
// It applies to a subscription whose single root field takes `after: String` and whose events carry a `cursor` (the
// documents service's event streams). The gateway asks for the cursor itself under an alias of its own and takes it
// out again, so a client that never selected it is resumed too; an `after` the client gave is where the first stream
// starts. A refusal on the merits (forbidden, not found, bad input, logged out) is passed on and ends the stream as
// before; so does a subgraph that stays away longer than `giveUpMs`.
import { PushQueue } from '@yizhan/common';
import {
  type DocumentNode,
  type ExecutionResult,
  type FieldNode,
  type GraphQLSchema,
  getNamedType,
  isObjectType,
  Kind,
  type OperationDefinitionNode,
  visit,
} from 'graphql';

const VARIABLE = '__yizhanResumeAfter';
const ALIAS = '__yizhanResumeCursor';
/** Refusals that are the answer, not a failure of the way to it. */
const FINAL_CODES = new Set(['FORBIDDEN', 'NOT_FOUND', 'BAD_INPUT', 'BAD_REQUEST', 'BAD_USER_INPUT', 'UNAUTHENTICATED', 'GRAPHQL_VALIDATION_FAILED']);

export interface ResumePlan {
  document: DocumentNode;
  /** The result key of the root field (its alias or name). */
  key: string;
  /** Where the first stream starts: the client's own `after`, if it gave one. */
  initialAfter: string | null;
}

/** How to resume this subscription, or null when it cannot be (not an event stream with cursors). */
export function resumePlan(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | null | undefined,
  variables: Record<string, unknown> | null | undefined,
): ResumePlan | null {
  const operation = document.definitions.find(
    (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION && (!operationName || d.name?.value === operationName),
  );
  if (operation?.operation !== 'subscription' || operation.selectionSet.selections.length !== 1) return null;
  const root = operation.selectionSet.selections[0];
  if (root?.kind !== Kind.FIELD) return null;
  const field = schema.getSubscriptionType()?.getFields()[root.name.value];
  const type = field && getNamedType(field.type);
  if (!field?.args.some((a) => a.name === 'after') || !isObjectType(type) || !type.getFields().cursor) return null;
  let initialAfter: string | null = null;
  const given = root.arguments?.find((a) => a.name.value === 'after')?.value;
  if (given?.kind === Kind.STRING) initialAfter = given.value;
  else if (given?.kind === Kind.VARIABLE) {
    const v = variables?.[given.name.value];
    initialAfter = typeof v === 'string' ? v : null;
  }
  const rewritten = visit(document, {
    OperationDefinition(op) {
      if (op !== operation) return false;
      return {
        ...op,
        variableDefinitions: [
          ...(op.variableDefinitions ?? []),
          {
            kind: Kind.VARIABLE_DEFINITION,
            variable: { kind: Kind.VARIABLE, name: { kind: Kind.NAME, value: VARIABLE } },
            type: { kind: Kind.NAMED_TYPE, name: { kind: Kind.NAME, value: 'String' } },
          },
        ],
        selectionSet: {
          ...op.selectionSet,
          selections: [
            {
              ...root,
              arguments: [
                ...(root.arguments ?? []).filter((a) => a.name.value !== 'after'),
                { kind: Kind.ARGUMENT, name: { kind: Kind.NAME, value: 'after' }, value: { kind: Kind.VARIABLE, name: { kind: Kind.NAME, value: VARIABLE } } },
              ],
              selectionSet: {
                kind: Kind.SELECTION_SET,
                selections: [
                  ...(root.selectionSet?.selections ?? []),
                  { kind: Kind.FIELD, alias: { kind: Kind.NAME, value: ALIAS }, name: { kind: Kind.NAME, value: 'cursor' } } satisfies FieldNode,
                ],
              },
            } satisfies FieldNode,
          ],
        },
      };
    },
  });
  return { document: rewritten, key: root.alias?.value ?? root.name.value, initialAfter };
}

const isAsyncIterable = <R>(x: unknown): x is AsyncIterable<R> => !!x && typeof (x as AsyncIterable<R>)[Symbol.asyncIterator] === 'function';

/** A result that is the upstream failing (no data, no refusal on the merits), not an event. */
function failed(r: ExecutionResult): boolean {
  if (r.data && Object.values(r.data).some((v) => v !== null)) return false;
  if (!r.errors?.length) return false;
  return !r.errors.some((e) => FINAL_CODES.has(String(e.extensions?.code)));
}

/**
 * The subscription's results, resumed after its last cursor whenever the upstream fails or ends. `run` starts one
 * upstream stream with the given variables (the rewritten document's). Not a generator: a client that goes away must
 * close the upstream stream at once, and a generator would hear of it only at its next event.
 */
export function resumable(
  plan: ResumePlan,
  variables: Record<string, unknown>,
  run: (variables: Record<string, unknown>) => Promise<unknown> | unknown,
  opts: { giveUpMs?: number; onResume?: (attempt: number) => void } = {},
): AsyncIterableIterator<ExecutionResult> {
  const giveUpMs = opts.giveUpMs ?? 5 * 60_000;
  let current: AsyncIterator<ExecutionResult> | null = null;
  let stopped = false;
  const out = new PushQueue<ExecutionResult>(() => {
    stopped = true;
    void current?.return?.();
  });
  const finish = (last?: ExecutionResult | null) => {
    if (last) out.push(last);
    out.end();
  };

  void (async () => {
    let after = plan.initialAfter;
    let failingSince: number | null = null;
    let pause = 250;
    let attempt = 0;
    let lastFailure: ExecutionResult | null = null;
    while (!stopped) {
      if (attempt > 0) {
        if (failingSince !== null && Date.now() - failingSince > giveUpMs) return finish(lastFailure);
        await new Promise((r) => setTimeout(r, pause));
        if (stopped) return;
        pause = Math.min(pause * 2, 5_000);
        opts.onResume?.(attempt);
      }
      attempt++;
      const openedAt = Date.now();
      const started = await run({ ...variables, [VARIABLE]: after });
      if (!isAsyncIterable<ExecutionResult>(started)) {
        const r = started as ExecutionResult;
        if (!failed(r)) return finish(r);
        failingSince ??= Date.now();
        lastFailure = r;
        continue;
      }
      current = started[Symbol.asyncIterator]();
      if (stopped) {
        await current.return?.();
        return;
      }
      for (;;) {
        const n = await current.next();
        if (n.done || stopped) break;
        const r = n.value;
        if (failed(r)) {
          lastFailure = r;
          void current.return?.();
          break;
        }
        const event = r.data?.[plan.key] as Record<string, unknown> | null | undefined;
        if (event && typeof event[ALIAS] === 'string') {
          after = event[ALIAS] as string;
          const { [ALIAS]: _, ...rest } = event;
          r.data = { ...r.data, [plan.key]: rest };
        }
        // A refusal on the merits: passed on, and the stream ends as it would without the gateway's help.
        if (r.errors?.length && !event) return finish(r);
        failingSince = null;
        pause = 250;
        out.push(r);
      }
      current = null;
      if (stopped) return;
      // The upstream ended (a subgraph stopping closes its streams) or failed: open it again after the last cursor. A
      // stream that stood a while before it broke starts a new episode of trying, with a short pause again.
      if (Date.now() - openedAt > 10_000) {
        failingSince = null;
        pause = 250;
      }
      failingSince ??= Date.now();
    }
  })().catch((e) => out.fail(e));
  return out;
}
