// A service's internal API, declared once in its contract: each call's request and answer as schemas. The server
// side (the kernel's `serveInternalApi`) checks every request against them and refuses a bad one with a 400 that
// names what is wrong; the client side (`internalClient`) is typed from them and checks every answer, so neither
// end declares the other's types by hand or casts them.
import { z } from 'zod';
import { ROLES } from './caller.ts';

export interface InternalCall<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  /** What the call does, for the reader of the contract. */
  summary: string;
  input: I;
  output: O;
  /** The services that may make this call on their own authority, with no person behind it (service-call.ts). */
  serviceCallers?: readonly string[];
  /**
   * Most calls one request may carry for many callers at once (POST /internal-each/<name>, each call with its own
   * gateway-signed caller context and answered as the call alone would answer it); absent: one call per request.
   */
  each?: number;
}

export interface InternalApi<Calls extends Record<string, InternalCall> = Record<string, InternalCall>> {
  /** The service that answers these calls (its name in YIZHAN_SUBGRAPHS). */
  service: string;
  calls: Calls;
}

export function defineInternalApi<Calls extends Record<string, InternalCall>>(service: string, calls: Calls): InternalApi<Calls> {
  return { service, calls };
}

/** What a caller sends to `name`. */
export type CallInput<A extends InternalApi, N extends keyof A['calls']> = z.input<A['calls'][N]['input']>;
/** What `name` answers. */
export type CallOutput<A extends InternalApi, N extends keyof A['calls']> = z.output<A['calls'][N]['output']>;

/** Zod's complaint as one line that names the field: "recipients.3.kind: Invalid option". */
export function describeIssues(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.length ? `${i.path.join('.')}: ` : ''}${i.message}`).join('; ');
}

/**
 * A caller as the gateway names it in a call it makes on its own behalf for many callers at once (a batch of
 * session checks or live grants after a restart): the gateway signs each caller's context anyway, so its own signed
 * call vouches for the callers it lists in the same way. Only calls that require the gateway (`requireGateway`) take it.
 */
export const listedCaller = z.object({
  userId: z.string(),
  username: z.string(),
  orgId: z.string(),
  orgPath: z.string().min(1),
  roles: z.array(z.enum(ROLES)),
  displayName: z.string().optional(),
  sessionId: z.string().optional(),
});

/** One item of a batch refused as the single call would refuse it: its code, message and details. */
export const refusal = z.object({ code: z.string(), message: z.string(), extensions: z.record(z.string(), z.unknown()).optional() });
export type Refusal = z.infer<typeof refusal>;

/** One call of a request for many callers (`each`), answered as the call alone would be: its answer, or its error. */
export type EachAnswer = { data: unknown } | { error: { message: string; extensions?: Record<string, unknown> } };
