// Typed errors with stable codes. A client branches on `extensions.code`, never on the message.
import { GraphQLError } from 'graphql';

/** The codes every service may answer with. A service's own codes (ROUTING_REFUSED, SEAL_REQUIRED …) are declared in its
 * contract, beside the calls that raise them. */
export const ErrorCode = {
  // The request itself is malformed: syntax, validation, operation limits, variable types (set by the gateway).
  BAD_REQUEST: 'BAD_REQUEST',
  BAD_INPUT: 'BAD_INPUT',
  NOT_FOUND: 'NOT_FOUND',
  CONFLICT: 'CONFLICT',
  FORBIDDEN: 'FORBIDDEN',
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  UNSIGNED_CALL: 'UNSIGNED_CALL',
  TOO_LARGE: 'TOO_LARGE',
  ILLEGAL_TRANSITION: 'ILLEGAL_TRANSITION',
  INTERNAL: 'INTERNAL',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

export class YizhanError extends GraphQLError {
  readonly code: string;
  /** `code` is one of ErrorCode or of the raising service's own codes (its contract's). */
  constructor(code: string, message: string, details: Record<string, unknown> = {}) {
    super(message, { extensions: { code, ...details } });
    this.code = code;
  }
}

export const badInput = (message: string, field?: string) => new YizhanError(ErrorCode.BAD_INPUT, message, field ? { field } : {});
export const notFound = (what: string, id: string) => new YizhanError(ErrorCode.NOT_FOUND, `${what} ${id} does not exist or is not visible to you`, { id });
export const forbidden = (message: string) => new YizhanError(ErrorCode.FORBIDDEN, message);
export const conflict = (message: string, details: Record<string, unknown> = {}) => new YizhanError(ErrorCode.CONFLICT, message, details);
export const unauthenticated = (message = 'You must log in first') => new YizhanError(ErrorCode.UNAUTHENTICATED, message);
