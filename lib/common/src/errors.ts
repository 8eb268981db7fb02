// Typed errors with stable codes. A client branches on `extensions.code`, never on the message.
import { GraphQLError } from 'graphql';

/**
 * The codes every service and the gateway may answer with: one table, so the same mistake always gets the same code.
 * A service's own codes (ROUTING_REFUSED, SEAL_REQUIRED …) are declared in its contract, beside the calls that raise
 * them. What each means, its HTTP status and who is at fault is `CLIENT_ERRORS` below.
 */
export const ErrorCode = {
  BAD_REQUEST: 'BAD_REQUEST',
  BAD_INPUT: 'BAD_INPUT',
  UNTRUSTED_DOCUMENT: 'UNTRUSTED_DOCUMENT',
  UNKNOWN_TRUSTED_DOCUMENT: 'UNKNOWN_TRUSTED_DOCUMENT',
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  UNSIGNED_CALL: 'UNSIGNED_CALL',
  FORBIDDEN: 'FORBIDDEN',
  NOT_FOUND: 'NOT_FOUND',
  CONFLICT: 'CONFLICT',
  ILLEGAL_TRANSITION: 'ILLEGAL_TRANSITION',
  TOO_LARGE: 'TOO_LARGE',
  RATE_LIMITED: 'RATE_LIMITED',
  INTERNAL: 'INTERNAL',
  UNAVAILABLE: 'UNAVAILABLE',
  STORAGE_FULL: 'STORAGE_FULL',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

export interface ErrorCodeEntry {
  /** The HTTP status when the request fails as a whole with this code (nothing ran, or nothing else answered). */
  status: number;
  /**
   * A GraphQL request error (the request is refused before it runs): under `Accept: application/json` the
   * GraphQL-over-HTTP spec wants 200 with the errors, under `application/graphql-response+json` (or no preference)
   * the status above.
   */
  requestError: boolean;
  /** Whose fault: the client's (never a 5xx) or ours. */
  fault: 'client' | 'server';
  meaning: string;
}

/**
 * The table of codes. A client branches on `extensions.code`; the gateway maps every error it answers onto it
 * (gateway/src/client-errors.ts), the engines' own codes included (`ENGINE_CODES`).
 *
 * Operation limits (depth, aliases, tokens, cost, the nesting of variables) are BAD_REQUEST with an `extensions.limit`
 * naming the limit (`depth`, `aliases`, `tokens`, `cost`, `variableDepth`) and `extensions.max` its value: they are
 * malformed requests like any other, and one code is one branch for a client; the extension tells which limit.
 */
export const CLIENT_ERRORS: Record<ErrorCode, ErrorCodeEntry> = {
  BAD_REQUEST: {
    status: 400,
    requestError: true,
    fault: 'client',
    meaning:
      'The request is malformed: no query, a query that does not parse, unknown fields or arguments, a variable of the wrong type or missing, a body that is not JSON, or over an operation limit (with `limit`)',
  },
  BAD_INPUT: {
    status: 400,
    requestError: true,
    fault: 'client',
    meaning: 'A well-formed value the application refuses (with `field` when it can name it): a NUL byte in a string, a wrong date, an id of the wrong form …',
  },
  UNTRUSTED_DOCUMENT: {
    status: 400,
    requestError: true,
    fault: 'client',
    meaning: 'The dashboard’s origin sent an operation as text: it may run only the trusted documents it was built with',
  },
  UNKNOWN_TRUSTED_DOCUMENT: {
    status: 404,
    requestError: true,
    fault: 'client',
    meaning: 'A trusted-document hash this gateway does not know (the dashboard is out of date)',
  },
  UNAUTHENTICATED: { status: 401, requestError: false, fault: 'client', meaning: 'No valid token, or the session has ended' },
  UNSIGNED_CALL: { status: 401, requestError: false, fault: 'client', meaning: 'A call to a subgraph without a valid gateway-signed caller context' },
  FORBIDDEN: { status: 403, requestError: false, fault: 'client', meaning: 'The caller may not do this' },
  NOT_FOUND: { status: 404, requestError: false, fault: 'client', meaning: 'It does not exist, or is not visible to the caller' },
  CONFLICT: { status: 409, requestError: false, fault: 'client', meaning: 'It would duplicate a record, or the record changed meanwhile' },
  ILLEGAL_TRANSITION: { status: 409, requestError: false, fault: 'client', meaning: 'Not allowed in the record’s present state' },
  TOO_LARGE: { status: 413, requestError: false, fault: 'client', meaning: 'A body or file over its limit (the message names the limit)' },
  RATE_LIMITED: {
    status: 429,
    requestError: false,
    fault: 'client',
    meaning: 'Too many attempts (failed logins of an account, or from one client address): try again after `retryAfterSeconds` (the `Retry-After` header)',
  },
  INTERNAL: { status: 500, requestError: false, fault: 'server', meaning: 'Our fault, and only ours: logged, never detailed to the caller' },
  UNAVAILABLE: { status: 503, requestError: false, fault: 'server', meaning: 'A service the answer needs is not reachable' },
  STORAGE_FULL: {
    status: 507,
    requestError: false,
    fault: 'server',
    meaning: 'The file store has no space left: nothing was saved or changed, the operators are alerted; the same request succeeds once space is freed',
  },
};

/** The codes GraphQL engines raise (graphql-yoga, Apollo Server, the Hive gateway), as the table's. */
export const ENGINE_CODES: Record<string, ErrorCode> = {
  GRAPHQL_PARSE_FAILED: ErrorCode.BAD_REQUEST,
  GRAPHQL_VALIDATION_FAILED: ErrorCode.BAD_REQUEST,
  BAD_USER_INPUT: ErrorCode.BAD_REQUEST,
  OPERATION_RESOLUTION_FAILURE: ErrorCode.BAD_REQUEST,
  PERSISTED_QUERY_NOT_SUPPORTED: ErrorCode.BAD_REQUEST,
  PERSISTED_QUERY_NOT_FOUND: ErrorCode.UNKNOWN_TRUSTED_DOCUMENT,
  INTERNAL_SERVER_ERROR: ErrorCode.INTERNAL,
  DOWNSTREAM_SERVICE_ERROR: ErrorCode.INTERNAL,
};

/** The table's entry for a code; a service's own code (a contract's) is a client's 400 unless it says otherwise. */
export const errorEntry = (code: string): ErrorCodeEntry =>
  (CLIENT_ERRORS as Record<string, ErrorCodeEntry>)[code] ?? {
    status: 400,
    requestError: false,
    fault: 'client',
    meaning: 'A service’s own code (its contract’s)',
  };

/** The first NUL byte in a string value: PostgreSQL refuses NUL in text, so a value with one is BAD_INPUT. */
export const hasNul = (s: string) => s.includes('\u0000');

/**
 * Why a string cannot be stored as text, or null: a NUL byte (PostgreSQL's text refuses it) or half of a UTF-16
 * surrogate pair (no character: JSON in the database refuses it, and text would keep it as U+FFFD).
 */
export function textProblem(s: string): 'NUL' | 'LONE_SURROGATE' | null {
  if (hasNul(s)) return 'NUL';
  return s.isWellFormed() ? null : 'LONE_SURROGATE';
}

export class YizhanError extends GraphQLError {
  readonly code: string;
  /** `code` is one of ErrorCode or of the raising service's own codes (its contract's). */
  constructor(code: string, message: string, details: Record<string, unknown> = {}) {
    super(message, { extensions: { code, ...details } });
    this.code = code;
  }
}

/** The rule an input broke, beside the message, for a client to say it in its reader's language (extensions.rule). */
export type InputRule =
  | { length: { min?: number; max: number } }
  | { required: true }
  | { notFuture: true }
  /** A day (YYYY-MM-DD) from `min` to `max`. */
  | { days: { min?: string; max?: string } }
  | { personName: true }
  /** No control characters (and, in a one-line text, no tab or line break). */
  | { plainText: true }
  /** A seal custodian's PIN: 6–12 digits, not one repeated nor a run. */
  | { pin: true }
  /** A period's end, which must come after its start. */
  | { afterStart: true }
  /** A period at most `max` days long. */
  | { periodDays: { max: number } }
  /** A rule none of the above states, in the clerk's Chinese (the message says it in English). */
  | { zh: string };
export const badInput = (message: string, field?: string, rule?: InputRule) =>
  new YizhanError(ErrorCode.BAD_INPUT, message, { ...(field ? { field } : {}), ...(rule ? { rule } : {}) });
/** What a domain rule answers where no structured `InputRule` states the problem: the message in English and the
 * clerk's Chinese beside it. */
export interface SaidProblem {
  en: string;
  zh: string;
}
/** BAD_INPUT for a problem said in both languages: the English as the message, the Chinese as the rule's words. */
export const badInputSaid = (problem: SaidProblem, field: string) => badInput(problem.en, field, { zh: problem.zh });
/** What an id may look like to be quoted back: a uuid, a code, a serial, a fingerprint (letters, digits, . _ : -). */
const ID_LIKE = /^[A-Za-z0-9._:-]{1,64}$/;
/**
 * An id as an answer may quote it: whole when it looks like one, else only its length — what a client sent that is no
 * id (markup, a direction override, megabytes) is never sent back.
 */
const quotedId = (id: string) => (ID_LIKE.test(id) ? id : `(${id.length} characters that are no id)`);
export const notFound = (what: string, id: string) =>
  id.trim()
    ? new YizhanError(ErrorCode.NOT_FOUND, `${what} ${quotedId(id)} does not exist or is not visible to you`, { id: quotedId(id) })
    : // An empty id names nothing to look for: the client's mistake, said as such.
      new YizhanError(ErrorCode.BAD_INPUT, `No ${what.toLowerCase()} id was given`, { id });
export const forbidden = (message: string) => new YizhanError(ErrorCode.FORBIDDEN, message);
export const conflict = (message: string, details: Record<string, unknown> = {}) => new YizhanError(ErrorCode.CONFLICT, message, details);
export const unauthenticated = (message = 'You must log in first') => new YizhanError(ErrorCode.UNAUTHENTICATED, message);
