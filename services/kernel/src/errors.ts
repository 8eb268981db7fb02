// Typed errors with stable codes. A client branches on `extensions.code`, never on the message.
import { GraphQLError } from 'graphql';

export const ErrorCode = {
  // The request itself is malformed: syntax, validation, operation limits, variable types (set by the gateway).
  BAD_REQUEST: 'BAD_REQUEST',
  BAD_INPUT: 'BAD_INPUT',
  NOT_FOUND: 'NOT_FOUND',
  CONFLICT: 'CONFLICT',
  FORBIDDEN: 'FORBIDDEN',
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  UNSIGNED_CALL: 'UNSIGNED_CALL',
  INVALID_CREDENTIALS: 'INVALID_CREDENTIALS',
  ACCOUNT_LOCKED: 'ACCOUNT_LOCKED',
  ACCOUNT_DISABLED: 'ACCOUNT_DISABLED',
  PASSWORD_CHANGE_REQUIRED: 'PASSWORD_CHANGE_REQUIRED',
  WEAK_PASSWORD: 'WEAK_PASSWORD',
  ORG_CLOSED: 'ORG_CLOSED',
  RULE_WOULD_WIDEN: 'RULE_WOULD_WIDEN',
  ROUTING_REFUSED: 'ROUTING_REFUSED',
  CLASSIFIED_REFUSED: 'CLASSIFIED_REFUSED',
  NOT_APPROVED: 'NOT_APPROVED',
  ALREADY_SENT: 'ALREADY_SENT',
  TOO_LARGE: 'TOO_LARGE',
  ILLEGAL_TRANSITION: 'ILLEGAL_TRANSITION',
  INVALID_CSR: 'INVALID_CSR',
  CERTIFICATE_NOT_VALID: 'CERTIFICATE_NOT_VALID',
  SIGNATURE_INVALID: 'SIGNATURE_INVALID',
  SEAL_NOT_ACTIVE: 'SEAL_NOT_ACTIVE',
  SEAL_REQUIRED: 'SEAL_REQUIRED',
  CUSTODY_INCOMPLETE: 'CUSTODY_INCOMPLETE',
  WRONG_PIN: 'WRONG_PIN',
  WITNESSES_REQUIRED: 'WITNESSES_REQUIRED',
  INTERNAL: 'INTERNAL',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

export class YizhanError extends GraphQLError {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string, details: Record<string, unknown> = {}) {
    super(message, { extensions: { code, ...details } });
    this.code = code;
  }
}

export const badInput = (message: string, field?: string) => new YizhanError(ErrorCode.BAD_INPUT, message, field ? { field } : {});
export const notFound = (what: string, id: string) => new YizhanError(ErrorCode.NOT_FOUND, `${what} ${id} does not exist or is not visible to you`, { id });
export const forbidden = (message: string) => new YizhanError(ErrorCode.FORBIDDEN, message);
export const conflict = (message: string, details: Record<string, unknown> = {}) => new YizhanError(ErrorCode.CONFLICT, message, details);
export const unauthenticated = (message = 'You must log in first') => new YizhanError(ErrorCode.UNAUTHENTICATED, message);
