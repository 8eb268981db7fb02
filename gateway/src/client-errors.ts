// Every error the gateway answers, mapped onto common's one table of codes (CLIENT_ERRORS in lib/common/src/errors.ts):
// the engines' own codes (GRAPHQL_PARSE_FAILED, GRAPHQL_VALIDATION_FAILED, BAD_USER_INPUT …) become the table's,
// the operation limits of graphql-armor are worded as limits with a `limit` extension (not "Syntax Error: …"), the
// variables the gateway makes up when it passes a literal on to a subgraph (`$_receiptPerformance_from`) are never
// named, and the HTTP status follows the GraphQL-over-HTTP spec: a request refused before it runs is a 4xx (the
// table's status) under `application/graphql-response+json` or no stated preference, 200 with the errors under
// `application/json` alone; once it ran, 200. Never a 5xx for the client's mistake.

import type { Duplex } from 'node:stream';
import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { ENGINE_CODES, ErrorCode, errorEntry } from '@yizhan/common';
import { type ExecutionResult, GraphQLError, type GraphQLFormattedError } from 'graphql';

/** Whether the client asked for the legacy `application/json` only (the spec's 200-with-errors for request errors). */
export const acceptsLegacyJsonOnly = (accept: string | null | undefined) => {
  const types = (accept ?? '')
    .split(',')
    .map((t) => t.split(';')[0]?.trim().toLowerCase())
    .filter(Boolean);
  return types.includes('application/json') && !types.includes('application/graphql-response+json');
};

/** The status of a request refused with `code` before it ran, for this Accept header. */
export const requestErrorStatus = (code: string, accept: string | null | undefined) => {
  const entry = errorEntry(code);
  return entry.requestError && acceptsLegacyJsonOnly(accept) ? 200 : entry.status;
};

// graphql-armor's messages: "Syntax Error: Query depth limit of 10 exceeded, found 11." and the like.
const ARMOR = /^(?:Syntax Error: )?(Query depth|Aliases|Token|Query Cost|Directives) limit of (\d+) exceeded(?:, found (\d+))?\.?$/;
const LIMITS: Record<string, { limit: string; words: (max: string, found?: string) => string }> = {
  'Query depth': { limit: 'depth', words: (max, found) => `The operation is deeper than the limit of ${max}${found ? ` (it is ${found} deep)` : ''}` },
  Aliases: { limit: 'aliases', words: (max, found) => `The operation has more aliases than the limit of ${max}${found ? ` (it has ${found})` : ''}` },
  Token: { limit: 'tokens', words: (max) => `The operation has more tokens than the limit of ${max}` },
  'Query Cost': { limit: 'cost', words: (max, found) => `The operation costs more than the limit of ${max}${found ? ` (it costs ${found})` : ''}` },
  Directives: { limit: 'directives', words: (max, found) => `The operation has more directives than the limit of ${max}${found ? ` (it has ${found})` : ''}` },
};

/**
 * A message without the gateway's own variable names: `Variable "$_receiptPerformance_from"` (a literal the gateway
 * passed on as a variable) is the argument `from` to the client, and no other `$_…` is named at all. Given the
 * variables the client wrote, a `Variable "$from"` that is not one of them is the gateway's too (the planner may name
 * a literal it passes on by its argument alone): the argument `from`.
 */
export const withoutGatewayVariables = (message: string, clientVariables?: ReadonlySet<string>) =>
  message
    .replace(/Variable "\$_(?:\w*?_)?([A-Za-z][A-Za-z0-9]*)"/g, 'Argument "$1"')
    .replace(/"?\$_\w+"?/g, 'an argument')
    .replace(/Variable "\$([A-Za-z]\w*)"/g, (named, name: string) => (clientVariables && !clientVariables.has(name) ? `Argument "${name}"` : named));

/** Every `$name` the client's operation text holds: its variables (and, harmlessly, any such text in its strings). */
export const variablesWritten = (query: string | undefined): ReadonlySet<string> | undefined =>
  typeof query === 'string' ? new Set([...query.matchAll(/\$([A-Za-z_]\w*)/g)].map((m) => m[1] as string)) : undefined;

/**
 * A message that quotes at most the start of a value: graphql-js's "got invalid value …" and a service's own messages
 * quote what the client sent, which may be megabytes. Long quoted strings and long runs without a space (a scalar's
 * "cannot represent … <value>") are shortened, and the message capped.
 */
export const boundedMessage = (message: string) => {
  const shortened = message
    .replace(/"((?:[^"\\]|\\.){80,})"/g, (_, v: string) => `"${v.slice(0, 20)}…" (${v.length} characters)`)
    .replace(/[^\s"]{80,}/g, (v) => `${v.slice(0, 20)}… (${v.length} characters)`);
  return shortened.length > 1000 ? `${shortened.slice(0, 1000)}…` : shortened;
};

interface Mapped {
  message: string;
  extensions: Record<string, unknown>;
  /** A 4xx the engine chose itself for a refusal of its own (403 for a missing CSRF header, 405 for a method). */
  status?: number;
}

/** The table's code for an engine's own refusal that came with a status and no code. */
const CODE_OF_STATUS: Record<number, string> = {
  401: ErrorCode.UNAUTHENTICATED,
  403: ErrorCode.FORBIDDEN,
  404: ErrorCode.NOT_FOUND,
  413: ErrorCode.TOO_LARGE,
};

/** One error as the table's: its code, its wording; `ran` is whether the operation was executed. */
export function mapError(
  error: GraphQLError | GraphQLFormattedError,
  ran: boolean,
  hideInternals = false,
  /** The variables the client wrote, when known (variablesWritten). */
  clientVariables?: ReadonlySet<string>,
): Mapped {
  // `request` and `response` are the HTTP transport's record of a failed call to a subgraph: its internal address and
  // the whole upstream body (the client's variables with it); `originalError` the engine's own exception (a JSON
  // parser's SyntaxError for an empty body, with its stack). Never the client's to see.
  const { http, request: upstream, response: _response, originalError: _originalError, ...extensions } = (error.extensions ?? {}) as Record<string, unknown>;
  if (upstream && (typeof extensions.code !== 'string' || extensions.code === 'SUBREQUEST_HTTP_ERROR')) {
    return { message: 'A service the answer needs is not reachable; try again later', extensions: { code: ErrorCode.UNAVAILABLE } };
  }
  const engine = http as { status?: number; spec?: boolean } | undefined;
  const own = !engine?.spec && typeof engine?.status === 'number' && engine.status >= 400 && engine.status < 500 ? engine.status : undefined;
  const armor = ARMOR.exec(error.message);
  if (armor) {
    const [, kind, max, found] = armor;
    const limit = LIMITS[kind as string];
    if (limit) {
      return {
        message: limit.words(max as string, found),
        extensions: { code: ErrorCode.BAD_REQUEST, limit: limit.limit, max: Number(max), ...(found ? { found: Number(found) } : {}) },
      };
    }
  }
  const given = typeof extensions.code === 'string' ? extensions.code : undefined;
  // No code: an error of the engine about the request itself (validation, variables) when nothing ran; ours otherwise.
  const unexpected = error instanceof GraphQLError && error.originalError && !(error.originalError instanceof GraphQLError);
  const code = given
    ? (ENGINE_CODES[given] ?? given)
    : own
      ? (CODE_OF_STATUS[own] ?? ErrorCode.BAD_REQUEST)
      : !ran && !unexpected
        ? ErrorCode.BAD_REQUEST
        : ErrorCode.INTERNAL;
  const message = boundedMessage(withoutGatewayVariables(hideInternals ? withoutSuggestions(error.message) : error.message, clientVariables));
  // The gateway names the subgraph that refused (`serviceName`): the house's layout, an operator's to read in the log.
  if (hideInternals) delete extensions.serviceName;
  return { message, extensions: { ...extensions, code }, ...(own && !given ? { status: own } : {}) };
}

/**
 * A message without graphql-js's guesses at what was meant — `Did you mean "status"?`, `Did you mean the enum value
 * "ADMIN"?` — which in production would tell a stranger the schema's names one guess at a time.
 */
export const withoutSuggestions = (message: string) => message.replace(/\s*Did you mean [^?]*\?/g, '').trim();

/** The mapped error as a GraphQLError again (graphql-yoga strips internals only from those), keeping its locations. */
function rebuild(error: GraphQLError | GraphQLFormattedError, mapped: Mapped): GraphQLError {
  const e = error instanceof GraphQLError ? error : undefined;
  return new GraphQLError(mapped.message, {
    nodes: e?.nodes,
    source: e?.source,
    positions: e?.positions,
    path: error.path,
    originalError: e?.originalError,
    extensions: mapped.extensions,
  });
}

/**
 * A result over a WebSocket worded as over HTTP (onResultProcess below): the table's codes, no variable the gateway
 * made up, no internals. A socket has no status to set. `query`: the operation's text, for the variables it wrote.
 */
export function wordedResult(result: ExecutionResult, query: string | undefined, hideInternals = false): ExecutionResult {
  if (!result.errors?.length) return result;
  return { ...result, errors: wordedErrors(result.errors, 'data' in result && result.data !== undefined, hideInternals, query) };
}

/** Errors as the table words them, each still a GraphQLError with its locations (a socket's refusal, a result's errors). */
export const wordedErrors = (errors: readonly GraphQLError[], ran: boolean, hideInternals: boolean, query?: string): GraphQLError[] => {
  const written = variablesWritten(query);
  return errors.map((e) => rebuild(e, mapError(e, ran, hideInternals, written)));
};

/** What an operation over a WebSocket answers (one result, or a stream of them), each result worded (wordedResult). */
export function wordedResults(
  answer: ExecutionResult | AsyncIterable<ExecutionResult> | Promise<ExecutionResult | AsyncIterable<ExecutionResult>>,
  query: string | undefined,
  hideInternals = false,
): Promise<ExecutionResult | AsyncIterableIterator<ExecutionResult>> {
  const word = (r: ExecutionResult) => wordedResult(r, query, hideInternals);
  return Promise.resolve(answer).then((r) => {
    if (!(Symbol.asyncIterator in r)) return word(r);
    // By hand, not an async generator: a generator's return() waits behind a pending next(), and an idle
    // subscription's end (the client's `complete`) must reach the stream at once.
    const inner = r[Symbol.asyncIterator]();
    const mapped: AsyncIterableIterator<ExecutionResult> = {
      next: async () => {
        const step = await inner.next();
        return step.done ? step : { done: false, value: word(step.value) };
      },
      return: async (value?: unknown) => (await inner.return?.(value)) ?? { done: true, value: undefined },
      throw: async (e?: unknown) => {
        if (inner.throw) return inner.throw(e);
        throw e;
      },
      [Symbol.asyncIterator]() {
        return mapped;
      },
    };
    return mapped;
  });
}

/** The forms the gateway answers in (the engine's result processors: JSON, event streams, multipart). */
const ANSWER_TYPES = ['application/graphql-response+json', 'application/json', 'text/event-stream', 'multipart/mixed'];

/** Whether an Accept header admits one of the forms the gateway answers in (none given admits any). */
export const acceptsAnAnswer = (accept: string | null | undefined): boolean => {
  if (!accept?.trim()) return true;
  return accept.split(',').some((part) => {
    const [type = '', ...params] = part.split(';').map((x) => x.trim().toLowerCase());
    if (params.some((p) => /^q=0(\.0*)?$/.test(p))) return false;
    if (type === '*/*') return true;
    const [major, minor] = type.split('/');
    return ANSWER_TYPES.some((t) => t === type || (minor === '*' && t.startsWith(`${major}/`)));
  });
};

const notAcceptable = (accept: string | null) =>
  new GraphQLError(`The answer is given as ${ANSWER_TYPES.join(', ')}; the request accepts none of them (Accept: ${(accept ?? '').slice(0, 200)})`, {
    // Its status, 406, is set where it is answered (onResultProcess), not carried in the body.
    extensions: { code: ErrorCode.BAD_REQUEST },
  });

/** A `variables` or `extensions` parameter (of a GET, a form or a multipart request) that is not JSON: the client's mistake. */
const notJson = () =>
  new GraphQLError('The request’s variables or extensions are not valid JSON', { extensions: { code: ErrorCode.BAD_REQUEST, http: { status: 400 } } });

/** `hideInternals`: in production, no error names what the schema has that the client did not ask for, nor the service that answered. */
export const clientErrorsPlugin = (opts: { hideInternals?: boolean } = {}): GatewayPlugin => {
  // Each request's operation text, for its errors' wording (withoutGatewayVariables): the names it wrote are worked
  // out only when there is an error to word.
  const operations = new WeakMap<Request, string>();
  return {
    onParams({ params, request, setResult }) {
      if (typeof params.query === 'string') operations.set(request, params.query);
      // The engine runs an operation before it finds it cannot answer in a form the request accepts: a mutation sent
      // with `Accept: text/html` would be done and then refused. Refused first, nothing done.
      const accept = request.headers.get('accept');
      if (!acceptsAnAnswer(accept)) setResult({ errors: [notAcceptable(accept)] });
    },
    // The engine's request parsers call JSON.parse on a GET's or a form's parameters; its SyntaxError would be a 500.
    onRequestParse({ requestParser, setRequestParser }) {
      if (!requestParser) return;
      setRequestParser(async (req) => {
        try {
          return await requestParser(req);
        } catch (e) {
          if (e instanceof SyntaxError) throw notJson();
          throw e;
        }
      });
    },
    onResultProcess({ request, result, setResult, resultProcessor, setResultProcessor }) {
      // No answer in a form the request accepts: refused before it ran (onParams, above), and said in JSON, where the
      // engine's 406 has an empty body.
      if (!resultProcessor) {
        setResultProcessor(
          (answer, fetchAPI) => new fetchAPI.Response(JSON.stringify(answer), { status: 406, headers: { 'content-type': 'application/json; charset=utf-8' } }),
          'application/json',
        );
        setResult({ errors: [notAcceptable(request.headers.get('accept'))] });
        return;
      }
      if (!result || typeof result !== 'object' || Array.isArray(result) || Symbol.asyncIterator in result) return;
      const r = result as ExecutionResult;
      if (!r.errors?.length) return;
      const ran = 'data' in r && r.data !== undefined;
      const written = variablesWritten(operations.get(request));
      const mapped = r.errors.map((e) => mapError(e, ran, opts.hideInternals, written));
      // Too many attempts (RATE_LIMITED): the longest wait asked for, as Retry-After.
      const retryAfter = Math.max(
        0,
        ...mapped.map((m) => (m.extensions.code === ErrorCode.RATE_LIMITED ? Math.max(1, Math.ceil(Number(m.extensions.retryAfterSeconds) || 1)) : 0)),
      );
      // Refused before it ran: the worst of the errors' statuses (a 5xx only when one of them is ours). A refusal for
      // too many attempts that left nothing answered (a login refused) is a 429 although the operation ran.
      const accept = request.headers.get('accept');
      const status = ran
        ? retryAfter && r.data === null
          ? errorEntry(ErrorCode.RATE_LIMITED).status
          : undefined
        : Math.max(...mapped.map((m) => m.status ?? requestErrorStatus(String(m.extensions.code), accept)));
      const given = r.errors.map((e) => (e.extensions?.http as { headers?: Record<string, string> } | undefined)?.headers).find(Boolean);
      const headers = retryAfter && status !== undefined ? { ...given, 'Retry-After': String(retryAfter) } : given;
      const errors = r.errors.map((e, i) => {
        const m = mapped[i] as Mapped;
        if (status !== undefined) m.extensions.http = { status, ...(headers ? { headers } : {}) };
        return rebuild(e, m);
      });
      setResult({ ...r, errors });
    },
  };
};

/**
 * A request Node's HTTP parser refuses before any handler sees it (headers or an address too large, a malformed
 * request line) is answered as every other client mistake is: JSON with a code, not Node's empty 431 or 400.
 */
export function answerUnreadRequest(err: Error & { code?: string }, socket: Duplex): void {
  if (err.code === 'ECONNRESET' || !socket.writable) {
    socket.destroy();
    return;
  }
  const tooLarge = err.code === 'HPE_HEADER_OVERFLOW';
  const body = JSON.stringify({
    errors: [
      {
        message: tooLarge ? 'The request’s headers (its address among them) are larger than the gateway reads' : 'The request could not be read as HTTP',
        extensions: { code: ErrorCode.BAD_REQUEST },
      },
    ],
  });
  const status = tooLarge ? '431 Request Header Fields Too Large' : '400 Bad Request';
  socket.end(
    `HTTP/1.1 ${status}\r\ncontent-type: application/json; charset=utf-8\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
  );
}
