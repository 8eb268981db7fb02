// Calls another service's internal API on behalf of the current caller, forwarding the gateway-signed context
// (valid for a minute: long enough for one request). The call is typed by the answering service's contract, and the
// answer is checked against it. Errors come back as the same typed errors, with the answering service's code.
import { CALLER_HEADER } from './caller.ts';
import { type CallInput, type CallOutput, describeIssues, type InternalApi } from './contract.ts';
import { ErrorCode, YizhanError } from './errors.ts';

export interface InternalClient<A extends InternalApi> {
  call<N extends keyof A['calls'] & string>(name: N, callerHeader: string | null, input: CallInput<A, N>): Promise<CallOutput<A, N>>;
}

/** The longest an internal call may take, answer read included. */
export const CALL_TIMEOUT_MS = 60_000;

/** A client for `api` at `baseUrl` (the service's /graphql URL or its origin); each call within `timeoutMs`. */
export function internalClient<A extends InternalApi>(api: A, baseUrl: string, opts: { timeoutMs?: number } = {}): InternalClient<A> {
  const timeoutMs = opts.timeoutMs ?? CALL_TIMEOUT_MS;
  const origin = baseUrl.replace(/\/graphql$/, '').replace(/\/$/, '');
  return {
    async call(name, callerHeader, input) {
      if (!callerHeader) throw new YizhanError(ErrorCode.UNAUTHENTICATED, 'You must log in first');
      const call = api.calls[name];
      if (!call) throw new Error(`${api.service} has no internal call ${name}`);
      // A deadline: a call that never answers would hold its caller for ever, and with it every ask batched behind it
      // (the gateway's session checks and grants). The caller's context is valid for a minute; so is the call.
      const signal = AbortSignal.timeout(timeoutMs);
      let json: { data?: unknown; errors?: { message: string; extensions?: Record<string, unknown> }[] };
      try {
        const res = await fetch(`${origin}/internal/${name}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', [CALLER_HEADER]: callerHeader },
          body: JSON.stringify(input ?? {}),
          signal,
        });
        json = await res.json().catch((e: unknown) => {
          if (signal.aborted) throw e;
          return {};
        });
      } catch {
        // Down, restarting, cut off or too slow: the caller may ask again in a moment.
        const why = signal.aborted ? `did not answer within ${timeoutMs / 1000} s` : 'is unreachable';
        throw new YizhanError(ErrorCode.UNAVAILABLE, `A service this operation needs ${why} (${api.service}/${name}); try again in a moment`);
      }
      const err = json.errors?.[0];
      if (err) {
        const { code, ...rest } = err.extensions ?? {};
        throw new YizhanError(typeof code === 'string' ? code : ErrorCode.INTERNAL, err.message, rest);
      }
      const answer = call.output.safeParse(json.data);
      // The contract and the service disagree: a deployment or programming error, not the caller's fault.
      if (!answer.success) throw new YizhanError(ErrorCode.INTERNAL, `${api.service}/${name} answered outside its contract: ${describeIssues(answer.error)}`);
      return answer.data as CallOutput<A, typeof name>;
    },
  };
}

/** The clients of a service's collaborators, built once from their URLs: `{ org: internalClient(orgApi, url) }`. */
export type Clients<T extends Record<string, InternalApi>> = { [K in keyof T]: InternalClient<T[K]> };
