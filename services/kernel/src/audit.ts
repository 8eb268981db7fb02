// Every mutation a subgraph answers goes into the audit log (issue 14): who, which field, with which arguments (secrets
// removed), from which address, and whether it was done or refused (with the code). One plugin for all services, so
// no administrative change is left out because its use case forgot; what a mutation cannot say by itself (logins,
// downloads, exports) the use cases record directly. The entry is written after the answer is formed, in a
// transaction of its own: a crash in between loses the entry, never the change (noted in docs/threat-model.md).
import { AsyncLocalStorage } from 'node:async_hooks';
import type { ApolloServerPlugin, GraphQLRequestContext } from '@apollo/server';
import type { EntityManager } from '@mikro-orm/postgresql';
import { type AuditCategory, type AuditEntry, auditDetail, auditEvents, auditTargetName, type Caller, type Logger } from '@yizhan/common';
import { type FieldNode, Kind, valueFromASTUntyped } from 'graphql';
import { emit, emitAll } from './db/outbox.ts';
import type { SubgraphContext } from './subgraph.ts';

export interface MutationAudit {
  /** The category of a mutation field, or null for one recorded otherwise (login records itself, with its outcome). */
  categoryOf(field: string): AuditCategory | null;
  /** Writes the entries (org into its log, the others as `audit.recorded` events of their outbox). */
  record(ctx: SubgraphContext, entries: AuditEntry[]): Promise<void>;
}

// What each mutation field of a request answered, before it is cut to the client's selection (kept by the schema's
// wrapped Mutation resolvers, `keepingAnswers`): the entry names its target from it — a new account's person, a revoked
// certificate's holder — whatever the client asked back. Only mutations are wrapped: a query's fields pay nothing.
const ANSWERS = new WeakMap<object, Map<string, { answer: unknown; subject: Subject }>>();

/** What the use case said its mutation acted on (auditSubject), while the mutation's resolver runs. */
interface Subject {
  name?: string;
}
const SUBJECT = new AsyncLocalStorage<Subject>();

/** The Mutation resolvers of a resolver map, each keeping its answer on the request's context for the audit entry. */
export function keepingAnswers(mutations: Record<string, unknown>): void {
  for (const [name, resolve] of Object.entries(mutations)) {
    if (typeof resolve !== 'function') continue;
    mutations[name] = async (source: unknown, args: unknown, ctx: object, info: { path: { key: string | number } }) => {
      const subject: Subject = {};
      const answer = await SUBJECT.run(subject, () => resolve(source, args, ctx, info));
      const kept = ANSWERS.get(ctx) ?? new Map<string, { answer: unknown; subject: Subject }>();
      ANSWERS.set(ctx, kept);
      kept.set(String(info.path.key), { answer, subject });
      return answer;
    };
  }
}

/**
 * What the running mutation acted on, in a reader's words, where its answer cannot say: a post taken down answers only
 * `true`. The entry names it so (common's auditTargetName names the rest from the answer). Outside a mutation, nothing.
 */
export function auditSubject(name: string): void {
  const subject = SUBJECT.getStore();
  if (subject && name.trim()) subject.name = name.slice(0, 200);
}

export function auditMutationsPlugin(audit: MutationAudit, log: Logger): ApolloServerPlugin<SubgraphContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse(rc: GraphQLRequestContext<SubgraphContext>) {
          const op = rc.operation;
          const body = rc.response.body;
          if (op?.operation !== 'mutation' || body?.kind !== 'single') return;
          const ctx = rc.contextValue;
          const errors = body.singleResult.errors ?? [];
          const entries: AuditEntry[] = [];
          for (const sel of op.selectionSet.selections) {
            if (sel.kind !== Kind.FIELD) continue;
            const field = (sel as FieldNode).name.value;
            const category = audit.categoryOf(field);
            if (!category) continue;
            const key = (sel as FieldNode).alias?.value ?? field;
            const error = errors.find((e) => e.path?.[0] === key);
            const kept = error ? undefined : ANSWERS.get(ctx)?.get(key);
            const answer = kept?.answer;
            const status = statusOf(answer);
            const args: Record<string, unknown> = {};
            for (const a of (sel as FieldNode).arguments ?? []) {
              // A literal written in the operation is recorded as its value, as a variable's is (not as its kind).
              args[a.name.value] = valueFromASTUntyped(a.value, rc.request.variables ?? undefined);
            }
            entries.push({
              category,
              action: field,
              outcome: error ? 'REFUSED' : 'OK',
              actorId: ctx.caller?.userId ?? null,
              actorUsername: ctx.caller?.username ?? null,
              orgId: ctx.caller?.orgId ?? null,
              targetType: null,
              // At most the 200 characters an entry holds: an id no longer than that is refused anyway, and its attempt kept.
              targetId: (typeof args.id === 'string' ? args.id : idOf(answer))?.slice(0, 200) ?? null,
              targetName: kept?.subject.name ?? auditTargetName(answer, args),
              detail: {
                args: auditDetail(args),
                // What it left its object in: an approval that ends the chain leaves the document APPROVED (the 签发).
                ...(status ? { status } : {}),
                ...(error ? { code: error.extensions?.code ?? null } : {}),
              },
              clientAddress: ctx.clientAddress ?? null,
            });
          }
          if (!entries.length) return;
          try {
            await audit.record(ctx, entries);
          } catch (err) {
            log.error({ err, entries: entries.map((e) => e.action) }, 'audit entry not written');
          }
        },
      };
    },
  };
}

/** The state a mutation's answer is in, where it has one (a document's, a request's). */
function statusOf(answer: unknown): string | null {
  const status = (answer as { status?: unknown } | null | undefined)?.status;
  return typeof status === 'string' && status.length <= 50 ? status : null;
}

/** The id of what a mutation answered (a new account's, under `user`), for an entry whose arguments name none. */
function idOf(answer: unknown): string | null {
  const a = answer as { id?: unknown; user?: { id?: unknown } } | null | undefined;
  const id = a?.id ?? a?.user?.id;
  return typeof id === 'string' ? id : null;
}

/**
 * The audit of a service whose log lives elsewhere (org keeps it): its entries become `audit.recorded` events of the
 * service's own outbox, which org follows.
 */
export function outboxMutationAudit(schema: string, categoryOf: MutationAudit['categoryOf']): MutationAudit {
  const catalogue = auditEvents(schema);
  return {
    categoryOf,
    async record(ctx, entries) {
      const caller = ctx.caller;
      if (!caller || !entries.length) return;
      await ctx.em.transactional((em) =>
        emitAll(
          em as EntityManager,
          entries.map((entry) => catalogue.event('audit.recorded', entry, { orgPath: caller.orgPath })),
        ),
      );
    },
  };
}

/** A file or an export handed to the caller, recorded in `em`'s transaction as an entry of `schema`'s outbox. */
export async function recordHandedOut(
  schema: string,
  ctx: Pick<SubgraphContext, 'clientAddress'>,
  em: EntityManager,
  caller: Caller,
  what: Pick<AuditEntry, 'category' | 'action' | 'targetType' | 'targetId' | 'targetName' | 'detail'>,
): Promise<void> {
  const entry: AuditEntry = {
    ...what,
    outcome: 'OK',
    actorId: caller.userId,
    actorUsername: caller.username,
    orgId: caller.orgId,
    clientAddress: ctx.clientAddress ?? null,
  };
  await emit(em, auditEvents(schema).event('audit.recorded', entry, { orgPath: caller.orgPath }));
}
