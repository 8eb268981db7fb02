// Subgraph bootstrap: type-graphql classes → federation subgraph schema → Apollo Server 5 on express 5.
// Every /graphql request must carry the gateway-signed caller context; health endpoints are open.
import 'reflect-metadata';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import { ApolloServer, type GraphQLRequestContext } from '@apollo/server';
import { unwrapResolverError } from '@apollo/server/errors';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/resolverMap.js';
import { expressMiddleware } from '@as-integrations/express5';
import { printSchemaWithDirectives } from '@graphql-tools/utils';
import { DriverException, UniqueConstraintViolationException } from '@mikro-orm/core';
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import type { Logger, Verifier } from '@yizhan/common';
import {
  CALLER_HEADER,
  type CallerContext,
  ErrorCode,
  errorEntry,
  keepIdleConnectionsLonger,
  loadConfig,
  servedInTrace,
  verifyCallerContext,
  YizhanError,
} from '@yizhan/common';
import express from 'express';
import { type GraphQLFormattedError, type GraphQLSchema, parse } from 'graphql';
import pg from 'pg';
import { buildSchema, createResolversMap, type NonEmptyArray } from 'type-graphql';
import { auditMutationsPlugin, keepingAnswers, type MutationAudit } from './audit.ts';
import { databaseAway } from './db/away.ts';
import { scopedEm } from './db/tenancy.ts';
import type { Events } from './events/start.ts';
import { errorHandler, notFoundHandler } from './http-errors.ts';
import { eachCalls, type ServedInternalApi } from './internal-api.ts';
import { internalAuthority } from './internal-authority.ts';
import { addGauge, type MetricsExtra, metricsSnapshot, serviceMetrics } from './metrics.ts';
import { type ReplicaPresence, startReplicaPresence } from './replicas.ts';
import { openStreams, serveEventStream, wantsEventStream } from './sse.ts';

export interface SubgraphContext<Deps = unknown> extends CallerContext {
  /** Unit of work for this request, scoped to the caller by row-level security. */
  em: EntityManager;
  log: Logger;
  /** The service's own collaborators (signing keys, configuration), built once at start-up. */
  deps: Deps;
  /** The signed caller context as received, to call another service's internal API on the caller's behalf. */
  callerHeader: string | null;
  /**
   * Adds a value to a header of this request's answer, for the gateway that carried it (org names the accounts whose
   * sessions it just ended, so that gateway forgets them before it answers). Absent outside an HTTP request.
   */
  appendResponseHeader?(name: string, value: string): void;
}

const FEDERATION_LINK =
  'extend schema @link(url: "https://specs.apollo.dev/federation/v2.6", import: ["@key", "@shareable", "@external", "@requires", "@provides", "@inaccessible"])';

/** `referenceResolvers` are the federation entity resolvers: `{ Org: { __resolveReference } }`. */
export async function buildSubgraph(
  // biome-ignore lint/complexity/noBannedTypes: type-graphql takes resolver classes
  resolvers: NonEmptyArray<Function>,
  referenceResolvers: GraphQLResolverMap<SubgraphContext> = {},
): Promise<GraphQLSchema> {
  // Subscriptions here name their own `subscribe` (the event hub); type-graphql still asks for a pub/sub.
  const pubSub = {
    publish: () => {},
    subscribe: () => {
      throw new Error('Subscriptions subscribe through the event hub');
    },
  };
  const schema = await buildSchema({ resolvers, validate: false, skipCheck: true, pubSub: pubSub as never });
  // Printed with directives first: a plain printSchema drops @key.
  const typeDefs = parse(`${FEDERATION_LINK}\n${printSchemaWithDirectives(schema)}`);
  const map = createResolversMap(schema) as GraphQLResolverMap<SubgraphContext>;
  for (const [type, fields] of Object.entries(referenceResolvers)) map[type] = { ...(map[type] as object), ...(fields as object) };
  if (map.Mutation) keepingAnswers(map.Mutation as Record<string, unknown>);
  return buildSubgraphSchema({ typeDefs, resolvers: map as GraphQLResolverMap<unknown> });
}

/**
 * PostgreSQL's data exceptions that only a caller's value causes: invalid text representation (22P02: an id or number
 * of the wrong form), character not in repertoire (22021: a NUL byte, invalid UTF-8), untranslatable character
 * (22P05: an unsupported Unicode escape such as \u0000 in JSON), string too long (22001), numeric value out of range
 * (22003), invalid datetime format and field overflow (22007, 22008).
 */
const INVALID_INPUT_STATES = new Set(['22P02', '22021', '22P05', '22001', '22003', '22007', '22008']);

/**
 * A value the database refused, in words the caller can act on: a short id of the wrong form is quoted (it is the
 * caller's own), so a request with several ids says which; a long one is only measured (a refusal never repeats
 * kilobytes a client sent); the database's own words stay inside.
 */
export function refusedValueWords(sqlState: string, message: string): string {
  const id = sqlState === '22P02' ? /invalid input syntax for type uuid: "(.*)"$/s.exec(message)?.[1] : undefined;
  if (id !== undefined) return id.length > 40 ? `A value of ${id.length} characters is not an id: ids are UUIDs` : `“${id}” is not an id: ids are UUIDs`;
  if (sqlState === '22003') return 'A number is out of the range it may take';
  if (sqlState === '22007' || sqlState === '22008') return 'A date or time is not one the database can hold';
  return 'A value was refused by the database: it is not of a form it can hold';
}

/** Keeps typed errors as they are; turns database constraint errors into clear codes; hides everything else. */
export function formatError(log: Logger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrapResolverError(error);
    if (original instanceof YizhanError) {
      // Our side's trouble (a full file store …) is the operators' to hear of, as well as the caller's to read.
      if (errorEntry(original.code).fault === 'server') log.error({ code: original.code }, original.message);
      return { ...formatted, message: original.message, extensions: { ...original.extensions } };
    }
    // Typed SQL (Kysely) reports PostgreSQL's own errors, not MikroORM's: the same two are the caller's, by SQLSTATE.
    const sqlState =
      original instanceof pg.DatabaseError ? original.code : original instanceof DriverException ? (original.sqlState ?? original.code) : undefined;
    if (original instanceof UniqueConstraintViolationException || sqlState === '23505') {
      return { message: 'This would duplicate an existing record', path: formatted.path, extensions: { code: ErrorCode.CONFLICT } };
    }
    if ((original instanceof DriverException || sqlState === '42501') && /row-level security/.test((original as Error).message)) {
      return { message: "This is outside your unit's scope", path: formatted.path, extensions: { code: ErrorCode.FORBIDDEN } };
    }
    // A value PostgreSQL refuses as data (a NUL byte, an unsupported Unicode escape, an id or date of the wrong form, a
    // number out of range): the caller's, as BAD_INPUT. The gateway refuses NUL bytes before they get here; this is
    // the second line, for any path that reaches the database another way.
    if (sqlState && INVALID_INPUT_STATES.has(sqlState)) {
      return { message: refusedValueWords(sqlState, (original as Error).message), path: formatted.path, extensions: { code: ErrorCode.BAD_INPUT } };
    }
    if (databaseAway(original, sqlState)) {
      log.warn({ err: (original as Error)?.message }, 'the database was not reachable for a request');
      return { message: 'The database is not reachable just now; try again in a moment', path: formatted.path, extensions: { code: ErrorCode.UNAVAILABLE } };
    }
    const code = formatted.extensions?.code;
    // Errors GraphQL itself raises (parse, validation, bad variables) are about the request and safe to show.
    if (typeof code === 'string' && code !== 'INTERNAL_SERVER_ERROR') return formatted;
    log.error({ err: original }, 'unexpected error');
    return { message: 'Internal error', path: formatted.path, extensions: { code: ErrorCode.INTERNAL } };
  };
}

export interface SubgraphOptions {
  name: string;
  deps?: unknown;
  /** The service's internal API (its contract's calls, served by `serveInternalApi`), at POST /internal/<name>. */
  internal?: ServedInternalApi;
  /** The service's own HTTP routes (e.g. file upload), mounted behind the same signed-caller check. */
  routes?: (app: express.Express, guard: { requireSignedCaller: express.RequestHandler; contextFor: (res: express.Response) => SubgraphContext }) => void;
  schema: GraphQLSchema;
  orm: MikroORM;
  verifier: Verifier;
  log: Logger;
  port: number;
  host?: string;
  /** Largest GraphQL request body (2mb; the archive takes packages inline and allows more). */
  bodyLimit?: string;
  /** Where the service's mutations are recorded in the audit log (audit.ts). */
  audit?: MutationAudit;
  /** The service's event plumbing, whose figures GET /metrics reports (its outbox, its hub). */
  events?: Events | null;
  /** The service's own figures for GET /metrics (metrics.ts). */
  metrics?: MetricsExtra;
}

export interface RunningSubgraph {
  url: string;
  close(): Promise<void>;
}

export async function startSubgraph(opts: SubgraphOptions): Promise<RunningSubgraph> {
  const config = loadConfig();
  const app = express();
  // Each request in its trace (common's trace-context.ts): its log lines and its calls to other services name it.
  const httpServer = http.createServer((req, res) => servedInTrace(req, () => app(req, res)));
  keepIdleConnectionsLonger(httpServer);
  const server = new ApolloServer<SubgraphContext>({
    schema: opts.schema,
    introspection: config.env !== 'production',
    formatError: formatError(opts.log),
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      // Tracing goes through OpenTelemetry, not Apollo's inline traces.
      ApolloServerPluginInlineTraceDisabled(),
      ...(opts.audit ? [auditMutationsPlugin(opts.audit, opts.log)] : []),
      {
        async requestDidStart(rc: GraphQLRequestContext<SubgraphContext>) {
          return {
            // Each request's unit of work is discarded at the end; nothing leaks into the next one.
            async willSendResponse() {
              rc.contextValue.em.clear();
            },
          };
        },
      },
    ],
  });
  await server.start();

  app.disable('x-powered-by');
  // Never a stack trace in an answer, whatever NODE_ENV says: the error handler below answers every error as JSON,
  // and express's own (which prints the stack outside production) is never reached with headers unsent.
  app.set('env', 'production');
  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok', service: opts.name });
  });
  // Prometheus metrics, or the same figures as JSON for the gateway's operations console (metrics.ts). The port is
  // the service's internal one: in a cluster only the gateway and the monitoring reach it.
  const metrics = serviceMetrics({
    service: opts.name,
    schema: opts.orm.config.get('schema') as string,
    appUrl: opts.orm.config.get('clientUrl') as string,
    relayUrl: opts.events?.relayUrl,
    hub: opts.events?.hub,
    log: opts.log,
  });
  opts.metrics?.(metrics.registry);
  // Every replica of every service, as this one hears them (replicas.ts): started once the server listens.
  let presence: ReplicaPresence | null = null;
  addGauge(metrics.registry, {
    name: 'yizhan_replicas',
    help: 'Replicas of this service heard from, by state (up, down: silent too long, stopped)',
    labelNames: ['state'],
    collect(g) {
      g.reset();
      const mine = presence?.list().filter((r) => r.service === opts.name) ?? [];
      for (const state of ['up', 'down', 'stopped']) g.set({ state }, mine.filter((r) => r.state === state).length);
    },
  });
  app.get('/metrics', async (req, res) => {
    if (req.accepts(['text/plain', 'application/json']) === 'application/json')
      res.json({ service: opts.name, metrics: await metricsSnapshot(metrics.registry), replicas: presence?.list() ?? [] });
    else res.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  });
  app.get('/readyz', async (_req, res) => {
    try {
      await opts.orm.em.fork().getConnection().execute('select 1');
      res.json({ status: 'ready', service: opts.name });
    } catch (e) {
      res.status(503).json({ status: 'unavailable', service: opts.name, reason: (e as Error).message });
    }
  });
  const requireSignedCaller: express.RequestHandler = async (req, res, next) => {
    try {
      res.locals.callerContext = await verifyCallerContext(req.header(CALLER_HEADER), opts.verifier);
      res.locals.callerHeader = req.header(CALLER_HEADER);
      next();
    } catch (e) {
      const err = e as YizhanError;
      res.status(401).json({ errors: [{ message: err.message, extensions: { code: err.code ?? ErrorCode.UNSIGNED_CALL } }] });
    }
  };
  // An internal call may also come from a service on its own authority, for the calls whose contract names it.
  const requireInternalAuthority = await internalAuthority({ service: opts.name, serviceCallers: opts.internal?.serviceCallers ?? {}, requireSignedCaller });
  const contextOf = (
    { caller, clientAddress, clientAgent, service }: CallerContext,
    callerHeader: string | null,
    appendResponseHeader: SubgraphContext['appendResponseHeader'],
  ): SubgraphContext => ({
    caller,
    ...(clientAddress ? { clientAddress } : {}),
    ...(clientAgent ? { clientAgent } : {}),
    ...(service ? { service } : {}),
    em: scopedEm(opts.orm, caller),
    log: opts.log.child({ user: caller?.username }),
    deps: opts.deps,
    callerHeader,
    appendResponseHeader,
  });
  const contextFor = (res: express.Response): SubgraphContext =>
    contextOf(res.locals.callerContext as CallerContext, res.locals.callerHeader ?? null, (name, value) => {
      if (!res.headersSent) res.append(name, value);
    });
  /** An error as a request's answer shows it: formatted (no stack, an unexpected one logged) with its status. */
  const answerError = (e: unknown) => {
    const formatted = formatError(opts.log)({ message: (e as Error).message }, e);
    const code = formatted.extensions?.code;
    // The status of common's one table of codes (a contract's own code is a client's 400).
    return { status: errorEntry(typeof code === 'string' ? code : ErrorCode.INTERNAL).status, formatted };
  };
  opts.routes?.(app, { requireSignedCaller, contextFor });
  for (const [name, handler] of Object.entries(opts.internal?.endpoints ?? {})) {
    app.post(`/internal/${name}`, requireInternalAuthority(name), express.json({ limit: '20mb' }), async (_req, res) => {
      const ctx = contextFor(res);
      try {
        res.json({ data: await handler(ctx as SubgraphContext<never>, _req.body) });
      } catch (e) {
        const { status, formatted } = answerError(e);
        res.status(status).json({ errors: [formatted] });
      } finally {
        ctx.em.clear();
      }
    });
  }
  // The calls of many callers at once (a contract's `each`: a storm of 签收 signing their receipts): each call carries
  // its own gateway-signed caller context, verified as a single call's is, and is answered as it would be alone.
  for (const [name, max] of Object.entries(opts.internal?.each ?? {})) {
    const handler = opts.internal?.endpoints[name];
    if (!handler) continue;
    app.post(`/internal-each/${name}`, express.json({ limit: '20mb' }), async (req, res) => {
      const calls = eachCalls(req.body, max);
      if (typeof calls === 'string') {
        res.status(400).json({ errors: [{ message: `${opts.internal?.service}/${name}: ${calls}`, extensions: { code: ErrorCode.BAD_INPUT, call: name } }] });
        return;
      }
      const answers = await Promise.all(
        calls.map(async ({ caller, input }) => {
          let ctx: SubgraphContext | null = null;
          try {
            // One answer carries many callers': a header one of them would set has no one to reach.
            ctx = contextOf(await verifyCallerContext(caller, opts.verifier), caller, () => {});
            return { data: await handler(ctx as SubgraphContext<never>, input) };
          } catch (e) {
            return { error: answerError(e).formatted };
          } finally {
            ctx?.em.clear();
          }
        }),
      );
      res.json({ data: { answers } });
    });
  }
  // Subscriptions: an event stream per subscription, for the gateway (see sse.ts). The caller is checked before the
  // body is read: an unsigned request is refused without parsing anything.
  app.all(
    '/graphql',
    (req, res, next) => (wantsEventStream(req) ? requireSignedCaller(req, res, next) : next('route')),
    express.json({ limit: '2mb' }),
    (req, res) => serveEventStream(opts.schema, req, res, contextFor(res)),
  );
  app.use(
    '/graphql',
    requireSignedCaller,
    express.json({ limit: opts.bodyLimit ?? '2mb' }),
    expressMiddleware(server, {
      context: async ({ res }) => contextFor(res),
    }),
  );
  // Last: an unknown route, and every error above (a body too large or not JSON), as small JSON with a code.
  app.use(notFoundHandler);
  app.use(errorHandler(opts.log));

  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', (e: NodeJS.ErrnoException) =>
      reject(e.code === 'EADDRINUSE' ? new Error(`Port ${opts.port} is taken: set ${opts.name.toUpperCase()}_PORT to a free port`) : e),
    );
    httpServer.listen(opts.port, opts.host ?? loadConfig().listenHost, resolve);
  });
  const { port, address } = httpServer.address() as AddressInfo;
  const relayUrl = opts.events?.relayUrl;
  if (relayUrl) {
    const host = ['0.0.0.0', '::'].includes(address) ? os.hostname() : address;
    presence = await startReplicaPresence({
      relayUrl,
      service: opts.name,
      address: () => `${host}:${port}`,
      log: opts.log,
      listening: opts.events?.listening,
    });
  }
  return {
    url: `http://127.0.0.1:${port}/graphql`,
    close: async () => {
      // Open event streams end now (clients resume from their cursors elsewhere) rather than hold the shutdown.
      for (const res of openStreams) res.end();
      await server.stop();
      // Said before the database connections go: the console shows it stopped, not down.
      await presence?.close();
      await metrics.close();
    },
  };
}
