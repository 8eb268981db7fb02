// The federation gateway: one endpoint, /graphql, for queries and mutations over HTTP and for graphql-ws on the
// same path. It composes the subgraphs from the checked-in supergraph, authenticates callers, signs the caller
// context for the subgraphs, and enforces operation limits before anything reaches a subgraph.
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { costLimitPlugin } from '@escape.tech/graphql-armor-cost-limit';
import { maxAliasesPlugin } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthPlugin } from '@escape.tech/graphql-armor-max-depth';
import { maxTokensPlugin } from '@escape.tech/graphql-armor-max-tokens';
import { createGatewayRuntime, type GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { renderGraphiQL } from '@graphql-yoga/render-graphiql';
import {
  AGENT_MAX,
  batchedAsks,
  CALL_TIMEOUT_MS,
  CALLER_HEADER,
  type Caller,
  ErrorCode,
  type EventFeed,
  internalClient,
  keepIdleConnectionsLonger,
  loadConfig,
  loadSigner,
  loadVerifier,
  repoRoot,
  servedInTrace,
  signCallerContext,
  traceHeaders,
} from '@yizhan/common';
import { orgApi, SESSION_CHANGES_PATH, SESSIONS_ENDED_HEADER } from '@yizhan/contracts/org';
import { type ExecutionArgs, GraphQLError } from 'graphql';
import type { OperationResult } from 'graphql-ws';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import { callerHeaderFor, clientAddress, trustedProxies, verifyAccessToken } from './auth.ts';
import { DEFAULT_REQUEST_BYTES, DEFAULT_SIGNED_IN_REQUEST_BYTES, declaredLength, readBounded, replyError, tooLarge } from './body-limit.ts';
import { answerUnreadRequest, clientErrorsPlugin, requestErrorStatus, wordedErrors, wordedResult, wordedResults } from './client-errors.ts';
import { crlDistributionPoint, isCrlRequest } from './crl.ts';
import { blobProxy } from './files.ts';
import { admitHandshakes } from './handshakes.ts';
import { inputChecksPlugin, valueProblem } from './input-checks.ts';
import { limitOptions } from './limits.ts';
import { startLiveEdge } from './live-edge.ts';
import { LiveSockets } from './live-sockets.ts';
import { operations } from './operations.ts';
import { readinessCheck } from './readiness.ts';
import { resumable, resumePlan } from './resumable-subscriptions.ts';
import { followSessionChanges, SessionCache } from './sessions.ts';
import { sharedSubscriptions, shareKey } from './shared-subscriptions.ts';
import { loadTrustedDocuments, persistedId } from './trusted-documents.ts';

export interface GatewayOptions {
  port: number;
  host?: string;
  /** Subgraph name → URL of its /graphql endpoint. */
  subgraphs: Record<string, string>;
  supergraphPath?: string;
  /** The dashboard's manifest of trusted documents (web/.trusted by default). */
  trustedDocumentsPath?: string;
  /** Origins the dashboard is served from: browser requests from them must use trusted documents. */
  dashboardOrigins?: string[];
  /**
   * Largest request body on /graphql, in bytes: 2 MB (every subgraph's own JSON limit). A larger one is refused by
   * the gateway itself (413 TOO_LARGE) before it is parsed or forwarded.
   */
  maxRequestBytes?: number;
  /** The same for a caller with a valid bearer token: 150 MB, the archive's inline package imports. */
  maxSignedInRequestBytes?: number;
  /** Largest upload to /blobs, in bytes: the documents service's file limit (YIZHAN_MAX_FILE_KB, 20 MB by default). */
  maxUploadBytes?: number;
  /**
   * Serve the documents service's event streams from the live edge (live-edge.ts, the default), or open one upstream
   * stream per subscription as before (false: the tests that compare the two, and the benchmarks' baseline).
   */
  liveEdge?: boolean;
  /**
   * Which query planner executes the supergraph: the runtime's own in JavaScript (`js`, the default), or Hive
   * Router's in Rust through its native addon (`rust`, `@graphql-hive/router-runtime`), which bench/gateway.ts
   * measures beside it (a dev dependency: not installed for production). Not for use: under it 251 tests fail
   * (bench/README.md, "The gateway's request path").
   * YIZHAN_GATEWAY_PLANNER chooses when this is not given.
   */
  planner?: 'js' | 'rust';
}

type Enveloped = { execute: (a: ExecutionArgs) => OperationResult; subscribe: (a: ExecutionArgs) => OperationResult };

interface YizhanContext {
  caller: Caller | null;
  /** The client's address (auth.ts `clientAddress`), signed into the caller context: login limits per address. */
  clientAddress?: string;
  /** An anonymous client's User-Agent, signed into the caller context: a login keeps it on its session. */
  clientAgent?: string;
}

/** WebSocket handshakes under way at once; the rest wait their turn (handshakes.ts). */
const HANDSHAKES_AT_ONCE = 256;

/** The runtime's own addresses: the GraphQL endpoint and its health and readiness checks. */
const RUNTIME_PATHS = new Set(['/graphql', '/healthz', '/readyz']);
/** The bodies the endpoint reads (JSON, GraphQL, multipart) or refuses itself as a cross-site request (CSRF). */
const READABLE_BODY = /json|graphql|multipart\/form-data|text\/plain|x-www-form-urlencoded|^$/i;

export async function startGateway(opts: GatewayOptions) {
  const config = loadConfig();
  const tokenVerifier = await loadVerifier('access-token');
  const callerSigner = await loadSigner('caller-context');
  const callerHeader = callerHeaderFor(callerSigner, config.auth.callerContextTtlSeconds);
  const supergraphPath = opts.supergraphPath ?? path.join(repoRoot, 'schema', 'supergraph.graphql');
  const production = config.env === 'production';
  // Whether a session still stands is org's to say: its contract's `sessions` (asked in batches: after a restart every
  // client connects again at once) and `api-token` calls.
  const org = opts.subgraphs.org ? internalClient(orgApi, opts.subgraphs.org) : null;
  const sessionFeed: { current: EventFeed | null } = { current: null };
  const liveSockets = new LiveSockets();
  const sessionStates =
    org &&
    batchedAsks(
      async (asked: Caller[]) => {
        const sessions = asked.map((c) => ({ userId: c.userId, sessionId: c.sessionId ?? '' }));
        return (await org.call('sessions', await callerHeader({ caller: null }), { sessions })).answers;
      },
      { max: 500 },
    );
  const sessions = new SessionCache({
    ask: async (auth) => {
      if (!org || !sessionStates) return { valid: !auth.apiToken };
      if (auth.apiToken)
        return org
          .call('api-token', await callerHeader({ caller: auth.caller }), {})
          .then((t) => ({ valid: t.active, ...(t.orgPath ? { orgPath: t.orgPath } : {}) }));
      const account = await sessionStates(auth.caller);
      if (!account.active) return { valid: false, why: account.why ?? 'This account is disabled' };
      const sameRoles = [...account.roles].sort().join(',') === [...auth.caller.roles].sort().join(',');
      return sameRoles
        ? { valid: true, ...(account.orgPath ? { orgPath: account.orgPath } : {}) }
        : { valid: false, why: 'Your roles have changed: log in again' };
    },
    followingTtlMs: config.auth.sessionCheckSeconds * 1000,
    brokenTtlMs: Math.min(config.auth.sessionCheckSeconds, 5) * 1000,
    following: () => sessionFeed.current?.following ?? false,
    // Open connections of a changed session are checked again; those whose session ended are closed.
    onForget: (changed) => liveSockets.recheck(changed, authenticate),
  });
  if (opts.subgraphs.org) {
    sessionFeed.current = followSessionChanges(sessions, {
      url: new URL(SESSION_CHANGES_PATH, opts.subgraphs.org).toString(),
      headers: async () => ({ [CALLER_HEADER]: await signCallerContext({ caller: null }, callerSigner, config.auth.callerContextTtlSeconds) }),
    });
  }
  const authenticate = async (authorization: string | null | undefined) => sessions.check(await verifyAccessToken(authorization, tokenVerifier));
  const limits = config.limits;
  const proxies = trustedProxies();
  /** The client's address as the audit log records it: the socket's, or the forwarded one behind a trusted proxy. */
  const addressOf = (req: http.IncomingMessage | undefined) => {
    const forwarded = req?.headers['x-forwarded-for'];
    return clientAddress(req?.socket?.remoteAddress, Array.isArray(forwarded) ? forwarded.join(',') : forwarded, proxies);
  };
  const trusted = loadTrustedDocuments({ manifestPath: opts.trustedDocumentsPath, dashboardOrigins: opts.dashboardOrigins });
  const untrusted = () => ({ message: 'The dashboard may only run the operations it was built with', extensions: { code: ErrorCode.UNTRUSTED_DOCUMENT } });
  const unknownDocument = () => ({ message: 'Unknown trusted document: rebuild the dashboard', extensions: { code: ErrorCode.UNKNOWN_TRUSTED_DOCUMENT } });

  // Authentication: a bearer token on HTTP, or `authorization` in the graphql-ws connection parameters.
  const authPlugin: GatewayPlugin<YizhanContext> = {
    async onContextBuilding({ context, extendContext }) {
      const ctx = context as unknown as { request?: Request; connectionParams?: Record<string, unknown> };
      const fromWs = ctx.connectionParams?.authorization;
      const header = typeof fromWs === 'string' ? fromWs : ctx.request?.headers.get('authorization');
      // Over HTTP the Node request is the server context's `req`; over WebSocket, the upgrade request (onSubscribe).
      const address = addressOf((context as unknown as { req?: http.IncomingMessage }).req);
      const caller = await authenticate(header);
      // The User-Agent only for an anonymous caller: a login keeps it on its session (common's CallerContext).
      const agent = caller ? null : ctx.request?.headers.get('user-agent');
      extendContext({ caller, ...(address ? { clientAddress: address } : {}), ...(agent ? { clientAgent: agent.slice(0, AGENT_MAX) } : {}) } as never);
    },
    // Every subgraph call, over HTTP or from a WebSocket operation, carries the signed caller context.
    async onFetch({ context, options, setOptions }) {
      const ctx = context as Partial<YizhanContext> & { request?: Request };
      const headers = new Headers(options.headers as HeadersInit);
      headers.set(
        CALLER_HEADER,
        await callerHeader({
          caller: ctx.caller ?? null,
          ...(ctx.clientAddress ? { clientAddress: ctx.clientAddress } : {}),
          ...(ctx.clientAgent ? { clientAgent: ctx.clientAgent } : {}),
        }),
      );
      const requestId = ctx.request?.headers.get('x-request-id');
      if (requestId) headers.set('x-request-id', requestId);
      for (const [name, value] of Object.entries(traceHeaders())) headers.set(name, value);
      setOptions({ ...options, headers: Object.fromEntries(headers) });
      // Org names the accounts whose sessions this request ended: forgotten before the client hears the answer.
      return ({ response }) => sessions.applyHeader(response.headers.get(SESSIONS_ENDED_HEADER));
    },
  };

  const gateway = createGatewayRuntime<YizhanContext>({
    supergraph: () => fs.readFileSync(supergraphPath, 'utf8'),
    ...((opts.planner ?? process.env.YIZHAN_GATEWAY_PLANNER) === 'rust'
      ? { unifiedGraphHandler: (await import('@graphql-hive/router-runtime')).unifiedGraphHandler }
      : {}),
    transportEntries: Object.fromEntries(
      Object.entries(opts.subgraphs).map(([name, location]) => [
        name,
        // Never share one upstream answer between identical queries in flight: the executor's deduplication keys on
        // the request before onFetch adds the caller, so two users' `{ me }` would get one user's answer.
        { location, options: { deduplicateInflightRequests: false } },
      ]),
    ),
    graphqlEndpoint: '/graphql',
    healthCheckEndpoint: '/healthz',
    readinessCheckEndpoint: '/readyz',
    landingPage: false,
    graphiql: production ? false : { title: '驿站 Yizhan' },
    // GraphiQL's page and scripts come from an npm package, not a CDN: it works on a machine without internet.
    renderGraphiQL,
    logging: production ? 'info' : 'warn',
    disableIntrospection: production ? { disableIf: () => true } : undefined,
    // A browser cannot send a "simple" request to /graphql: JSON bodies or this header are required.
    csrfPrevention: { requestHeaders: ['x-yizhan-csrf', 'apollo-require-preflight'] },
    maskedErrors: false,
    // The dashboard calls the gateway from its own origin; no other web page may.
    cors: { origin: trusted.origins, allowedHeaders: ['authorization', 'content-type', 'x-request-id'], credentials: false },
    persistedDocuments: {
      getPersistedOperation: (id) => trusted.resolve(id),
      allowArbitraryDocuments: (request) => !trusted.mustBeTrusted(request.headers.get('origin')),
      customErrors: {
        persistedQueryOnly: untrusted(),
        notFound: unknownDocument(),
        keyNotFound: { message: 'Send a query, or the hash of a trusted document', extensions: { code: ErrorCode.BAD_REQUEST } },
      },
    },
    plugins: () => [
      authPlugin,
      inputChecksPlugin(),
      clientErrorsPlugin({ hideInternals: production }),
      maxDepthPlugin(limitOptions(limits).depth),
      maxAliasesPlugin(limitOptions(limits).aliases),
      maxTokensPlugin(limitOptions(limits).tokens),
      costLimitPlugin(limitOptions(limits).cost),
    ],
  });

  // The runtime composes its schema on its first request. A WebSocket subscribe that came first (a reconnect storm
  // right after a restart) would find no schema and close the connection with 4500: compose it before listening.
  await gateway.fetch('http://gateway/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: '{ __typename }' }),
  });

  const files = blobProxy({
    documentsUrl: opts.subgraphs.documents,
    authenticate,
    sign: (caller, req) => {
      const address = addressOf(req);
      return callerHeader({ caller, ...(address ? { clientAddress: address } : {}) });
    },
    corsOrigins: trusted.origins,
    maxUploadBytes: opts.maxUploadBytes ?? Number(process.env.YIZHAN_MAX_FILE_KB || 20 * 1024) * 1024,
  });
  // A request body is read here, up to its limit, before the gateway parses or forwards anything: a larger one is a
  // 413 at once (by its Content-Length) or as soon as it goes over, and malformed JSON a 400; neither is echoed.
  const requestLimit = async (authorization: string | undefined) => {
    try {
      if (await verifyAccessToken(authorization, tokenVerifier)) return opts.maxSignedInRequestBytes ?? DEFAULT_SIGNED_IN_REQUEST_BYTES;
    } catch {}
    return opts.maxRequestBytes ?? DEFAULT_REQUEST_BYTES;
  };
  const withBody = async (req: http.IncomingMessage, res: http.ServerResponse) => {
    const limit = await requestLimit(req.headers.authorization);
    const declared = declaredLength(req);
    if (declared !== null && declared > limit) return tooLarge(req, res, limit);
    const body = await readBounded(req, limit);
    if (!body) return tooLarge(req, res, limit);
    let parsed: unknown;
    if (/\bjson\b/i.test(req.headers['content-type'] ?? '') && body.length) {
      try {
        parsed = JSON.parse(body.toString('utf8'));
      } catch {
        return replyError(res, requestErrorStatus(ErrorCode.BAD_REQUEST, req.headers.accept), ErrorCode.BAD_REQUEST, 'The request body is not valid JSON');
      }
    }
    // The gateway takes a body already read as the request's: parsed JSON as it is (the runtime's server reads it
    // without parsing it again), anything else as the bytes. The body's length was checked here, against the limits
    // above: the runtime's server is not to check it again against its own 25 MB, which the runtime gives no way to set
    // and which would refuse a peer platform's evidence package or an archive import the gateway admitted.
    // (An empty object goes as bytes: the server would take it for no body at all and wait for the stream.)
    if (parsed !== null && typeof parsed === 'object' && Object.keys(parsed).length > 0) {
      (req as http.IncomingMessage & { body?: unknown }).body = parsed;
      delete req.headers['content-length'];
    } else if (body.length) (req as http.IncomingMessage & { body?: Uint8Array }).body = body;
    gateway(req, res);
  };
  const readiness = readinessCheck(opts.subgraphs);
  const ops = operations({
    subgraphs: opts.subgraphs,
    authenticate,
    readiness: readiness.check,
    sockets: () => liveSockets.size,
    corsOrigins: trusted.origins,
    metricsToken: process.env.YIZHAN_METRICS_TOKEN || undefined,
  });
  // The CA's CRL distribution point, public (crl.ts).
  const crl = crlDistributionPoint({ certificatesUrl: opts.subgraphs.certificates, sign: (caller) => callerHeader({ caller }) });
  // Each request in its trace (common's trace-context.ts): its log lines and its calls to the subgraphs name it.
  const server = http.createServer((req, res) => servedInTrace(req, () => serve(req, res)));
  server.on('clientError', answerUnreadRequest);
  function serve(req: http.IncomingMessage, res: http.ServerResponse) {
    if (req.url === '/metrics' && req.method === 'GET') {
      ops.serveMetrics(req, res).catch(() => !res.headersSent && res.writeHead(500).end());
      return;
    }
    if (req.url === '/operations' && (req.method === 'GET' || req.method === 'OPTIONS')) {
      ops.serveOperations(req, res).catch(() => !res.headersSent && res.writeHead(502).end());
      return;
    }
    // Ready only when every subgraph is: a 503 names those down (readiness.ts).
    if (req.method === 'GET' && (req.url === '/readyz' || req.url?.startsWith('/readyz?'))) {
      readiness.serve(req, res).catch(() => {
        if (!res.headersSent) res.writeHead(503).end();
      });
      return;
    }
    if (isCrlRequest(req.url)) {
      crl(req, res).catch(() => !res.headersSent && res.writeHead(502).end());
      return;
    }
    if (req.url?.startsWith('/blobs')) {
      files(req, res).catch(() => {
        if (!res.headersSent) res.writeHead(502).end();
        else res.end();
      });
      return;
    }
    // Anything else is the runtime's: its endpoint and health check only. Another address, or a body the endpoint does
    // not read, is said in JSON with a code (the runtime would answer an empty 404 or 415).
    const path = (req.url ?? '/').split('?')[0];
    if (!RUNTIME_PATHS.has(path ?? '')) return replyError(res, 404, ErrorCode.NOT_FOUND, `No such address here: the gateway answers ${[...RUNTIME_PATHS][0]}`);
    if (req.method === 'POST' && !READABLE_BODY.test(req.headers['content-type'] ?? ''))
      return replyError(res, 415, ErrorCode.BAD_REQUEST, 'Send the operation as JSON (Content-Type: application/json)');
    if (req.method === 'GET' || req.method === 'HEAD' || req.method === 'OPTIONS') return gateway(req, res);
    withBody(req, res).catch(() => {
      if (!res.headersSent) replyError(res, 400, ErrorCode.BAD_REQUEST, 'The request body could not be read', { connection: 'close' });
      else res.end();
    });
  }
  keepIdleConnectionsLonger(server);
  const shared = sharedSubscriptions<unknown>();
  // The live edge's calls for a subscriber (its grant, its replay, the org fetch of a batch of payloads): one signature
  // per caller reused for half its life, as the request path's (auth.ts), not one per call.
  const sign = (caller: Caller | null) => callerHeader({ caller });
  const orgUrl = opts.subgraphs.org;
  const edge =
    opts.liveEdge === false || !opts.subgraphs.documents
      ? null
      : startLiveEdge({
          documentsUrl: opts.subgraphs.documents,
          sign,
          // The units a batch of payloads names, from org in one request (live-payload.ts).
          fetchFromOrg: async (caller, query, variables) => {
            if (!orgUrl) return null;
            const res = await fetch(orgUrl, {
              method: 'POST',
              headers: { 'content-type': 'application/json', [CALLER_HEADER]: await sign(caller) },
              body: JSON.stringify({ query, variables }),
              // Within a minute, as every internal call (common's CALL_TIMEOUT_MS): the rendering fails, the subscriber resubscribes.
              signal: AbortSignal.timeout(CALL_TIMEOUT_MS),
            });
            const json = (await res.json()) as { data?: Record<string, unknown> | null };
            return json.data ?? null;
          },
        });
  const wsServer = new WebSocketServer({
    // Its upgrades are admitted a few hundred at a time (handshakes.ts), so requests are served during a storm of them.
    noServer: true,
    maxPayload: config.events.maxWsPayloadBytes,
    // A browser's connection is checked by its Origin like CORS: only the dashboard's. Programs send none.
    verifyClient: (info: { origin?: string }, done: (ok: boolean, code?: number, message?: string) => void) =>
      !info.origin || trusted.origins.includes(info.origin) ? done(true) : done(false, 403, 'This origin may not open live connections'),
  });
  wsServer.on('error', () => {});
  admitHandshakes(server, wsServer, { path: '/graphql', atOnce: HANDSHAKES_AT_ONCE, holdMs: 5000 });
  const wsCleanup = useServer(
    {
      // A bad or expired token refuses the connection itself: graphql-ws closes it with 4403 Forbidden.
      onConnect: async (ctx) => {
        const authorization = ctx.connectionParams?.authorization;
        try {
          const caller = await authenticate(typeof authorization === 'string' ? authorization : undefined);
          // Kept by the session behind it, so that ending the session closes it (live-sockets.ts).
          if (caller && typeof authorization === 'string') {
            const socket = ctx.extra.socket;
            // A login holds a bounded number of connections (its tabs and windows), each a bounded number of
            // subscriptions (onSubscribe): one more connection is closed with 4429, saying so.
            if (liveSockets.countFor(caller) >= config.events.maxSocketsPerSession) {
              socket.close(4429, `Too many live connections for this login (at most ${config.events.maxSocketsPerSession})`);
              return false;
            }
            liveSockets.add(socket, caller, authorization);
            socket.once('close', () => liveSockets.remove(socket));
          }
          return true;
        } catch {
          return false;
        }
      },
      // onSubscribe below hands over the gateway's own execute and subscribe as the root value. Their errors are
      // worded as over HTTP (client-errors.ts): HTTP's onResultProcess does not run for a socket.
      execute: (args) => wordedResults((args.rootValue as Enveloped).execute(args) as never, args.document.loc?.source.body, production) as never,
      // Identical live subscriptions of one scope share one upstream stream (shared-subscriptions.ts).
      // An event stream whose subgraph dies is resumed after its last cursor (resumable-subscriptions.ts).
      subscribe: (args) => {
        // The documents service's event streams come from the live edge: one feed, routed by grants (live-edge.ts).
        const caller = (args.contextValue as YizhanContext).caller;
        const live = edge?.plan(args.schema, args.document, args.operationName, args.variableValues as Record<string, unknown>);
        const query = args.document.loc?.source.body;
        // The edge's refusals, worded as the rest; its events carry no error of a client's making.
        if (edge && live) return edge.subscribe(live, caller).then((r) => (Symbol.asyncIterator in r ? r : wordedResult(r, query, production))) as never;
        const run = (a: ExecutionArgs) => (args.rootValue as Enveloped).subscribe(a);
        const plan = resumePlan(args.schema, args.document, args.operationName, args.variableValues as Record<string, unknown>);
        const open = plan
          ? () =>
              resumable(plan, (args.variableValues ?? {}) as Record<string, unknown>, (variableValues) =>
                run({ ...args, document: plan.document, variableValues }),
              )
          : () => run(args);
        return wordedResults(
          shared.subscribe(shareKey(args.document, args.operationName, args.variableValues as Record<string, unknown>, caller), open) as never,
          query,
          production,
        ) as never;
      },
      onSubscribe: async (ctx, _id, params) => {
        const { schema, execute, subscribe, contextFactory, parse, validate } = gateway.getEnveloped({
          ...ctx,
          req: ctx.extra.request,
          socket: ctx.extra.socket,
          params,
          connectionParams: ctx.connectionParams,
        });
        // The same checks and codes as over HTTP: trusted documents from the dashboard, values, then parse and validate.
        const refuse = (...errors: GraphQLError[]) => wordedErrors(errors, false, production, params.query);
        const open = Object.values(ctx.subscriptions).length;
        if (open >= config.events.maxSubscriptionsPerSocket)
          return refuse(
            new GraphQLError(`Too many subscriptions on this connection (at most ${config.events.maxSubscriptionsPerSocket}): end one first`, {
              extensions: { code: ErrorCode.RATE_LIMITED },
            }),
          );
        const id = persistedId(params.extensions);
        const fromDashboard = trusted.mustBeTrusted(ctx.extra.request.headers.origin);
        if (!id && fromDashboard) return refuse(new GraphQLError(untrusted().message, { extensions: untrusted().extensions }));
        const query = id ? trusted.resolve(id) : params.query;
        if (query === null) return refuse(new GraphQLError(unknownDocument().message, { extensions: unknownDocument().extensions }));
        const problem = valueProblem(params.variables, 'variables') ?? valueProblem(params.extensions, 'extensions');
        if (problem) return refuse(problem);
        let document: ReturnType<typeof parse>;
        try {
          document = parse(query);
        } catch (e) {
          // The limits (depth, tokens) refuse in parse with a GraphQLError of their own copy of graphql-js: by its
          // name, not instanceof. Anything thrown here is about the document: an error for this operation only,
          // never the whole connection closed (4500).
          const err = e as { name?: string; message?: string; extensions?: Record<string, unknown> };
          if (e instanceof GraphQLError) return refuse(e);
          return refuse(
            new GraphQLError(err.message ?? 'The operation cannot be read', {
              extensions: { ...(err.name === 'GraphQLError' ? (err.extensions ?? {}) : {}), code: ErrorCode.BAD_REQUEST },
            }),
          );
        }
        let errors: readonly GraphQLError[];
        try {
          errors = validate(schema, document);
        } catch (e) {
          // The depth limit throws from its validation rule: the same answer, an error for this operation only.
          const err = e as { name?: string; message?: string; extensions?: Record<string, unknown> };
          if (!(e instanceof GraphQLError) && err?.name !== 'GraphQLError') throw e;
          errors = [new GraphQLError(err.message ?? 'The operation is not valid', { extensions: { code: ErrorCode.BAD_REQUEST, ...(err.extensions ?? {}) } })];
        }
        if (errors.length) return refuse(...errors);
        return {
          schema,
          operationName: params.operationName,
          document,
          variableValues: params.variables,
          contextValue: await contextFactory(),
          rootValue: { execute, subscribe },
        };
      },
    },
    wsServer,
  );

  await new Promise<void>((resolve, reject) => {
    server.once('error', (e: NodeJS.ErrnoException) =>
      reject(e.code === 'EADDRINUSE' ? new Error(`Port ${opts.port} is taken: set GATEWAY_PORT to a free port`) : e),
    );
    // Thousands of clients connect at once after a restart or a network break (bench/live-storm.ts): a queue of
    // 4,096 pending connections (the kernel's usual ceiling, somaxconn) rather than Node's 511, whose overflow
    // leaves clients waiting out their connect timeouts.
    server.listen({ port: opts.port, host: opts.host ?? config.listenHost, backlog: 4096 }, resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/graphql`,
    port,
    /** Upstream subscription streams open (shared by identical subscriptions). */
    upstreamSubscriptions: () => shared.size,
    /** Subscriptions the live edge serves, and whether its feed from documents is connected. */
    liveEdge: () => (edge ? { subscribers: edge.subscribers, following: edge.following } : null),
    async close() {
      sessionFeed.current?.close();
      edge?.close();
      await wsCleanup.dispose();
      await new Promise<void>((r) => server.close(() => r()));
      await gateway.dispose();
    },
  };
}
