// Calls another service's internal API on behalf of the current caller, forwarding the gateway-signed context
// (valid for a minute: long enough for one request). The call is typed by the answering service's contract, and the
// answer is checked against it. Errors come back as the same typed errors, with the answering service's code.

import { batchedAsks } from './batched-asks.ts';
import { CALLER_HEADER } from './caller.ts';
import { type CallInput, type CallOutput, describeIssues, type EachAnswer, type InternalApi } from './contract.ts';
import { ErrorCode, YizhanError } from './errors.ts';
import { traceHeaders } from './trace-context.ts';

export interface InternalClient<A extends InternalApi> {
  call<N extends keyof A['calls'] & string>(name: N, callerHeader: string | null, input: CallInput<A, N>): Promise<CallOutput<A, N>>;
  /**
   * The same call for whoever asks it, the calls made at once by many callers going together in few requests (the
   * contract's `each` at most in one; two requests in flight); each answered, or refused, as it would be alone.
   */
  callEach<N extends keyof A['calls'] & string>(name: N): (callerHeader: string | null, input: CallInput<A, N>) => Promise<CallOutput<A, N>>;
}

type Answer = { data?: unknown; errors?: { message: string; extensions?: Record<string, unknown> }[] };

/** The longest an internal call may take, answer read included. */
export const CALL_TIMEOUT_MS = 60_000;

/** A client for `api` at `baseUrl` (the service's /graphql URL or its origin); each call within `timeoutMs`. */
export function internalClient<A extends InternalApi>(api: A, baseUrl: string, opts: { timeoutMs?: number } = {}): InternalClient<A> {
  const timeoutMs = opts.timeoutMs ?? CALL_TIMEOUT_MS;
  const origin = baseUrl.replace(/\/graphql$/, '').replace(/\/$/, '');
  /** POSTs `body` to `path`, answering its JSON; UNAVAILABLE when the service is down, cut off or too slow. */
  const post = async (path: string, what: string, body: unknown, headers: Record<string, string> = {}): Promise<unknown> => {
    // A deadline: a call that never answers would hold its caller for ever, and with it every ask batched behind it
    // (the gateway's session checks and grants). The caller's context is valid for a minute; so is the call.
    const signal = AbortSignal.timeout(timeoutMs);
    try {
      const res = await fetch(`${origin}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...traceHeaders(), ...headers },
        body: JSON.stringify(body),
        signal,
      });
      return await res.json().catch((e: unknown) => {
        if (signal.aborted) throw e;
        return {};
      });
    } catch {
      // Down, restarting, cut off or too slow: the caller may ask again in a moment.
      const why = signal.aborted ? `did not answer within ${timeoutMs / 1000} s` : 'is unreachable';
      throw new YizhanError(ErrorCode.UNAVAILABLE, `A service this operation needs ${why} (${api.service}/${what}); try again in a moment`);
    }
  };
  /** The answer, checked against the contract, or the service's error as the same typed error. */
  const answerOf = (name: string, json: Answer) => {
    const err = json.errors?.[0];
    if (err) {
      const { code, ...rest } = err.extensions ?? {};
      throw new YizhanError(typeof code === 'string' ? code : ErrorCode.INTERNAL, err.message, rest);
    }
    const answer = (api.calls[name] as InternalApi['calls'][string]).output.safeParse(json.data);
    // The contract and the service disagree: a deployment or programming error, not the caller's fault.
    if (!answer.success) throw new YizhanError(ErrorCode.INTERNAL, `${api.service}/${name} answered outside its contract: ${describeIssues(answer.error)}`);
    return answer.data;
  };
  const callOf = (name: string) => {
    const call = api.calls[name];
    if (!call) throw new Error(`${api.service} has no internal call ${name}`);
    return call;
  };
  const eachOf = new Map<string, (callerHeader: string | null, input: unknown) => Promise<unknown>>();
  return {
    async call(name, callerHeader, input) {
      if (!callerHeader) throw new YizhanError(ErrorCode.UNAUTHENTICATED, 'You must log in first');
      callOf(name);
      const json = (await post(`/internal/${name}`, name, input ?? {}, { [CALLER_HEADER]: callerHeader })) as Answer;
      return answerOf(name, json) as CallOutput<A, typeof name>;
    },
    callEach(name) {
      let each = eachOf.get(name);
      if (!each) {
        const max = callOf(name).each;
        if (!max) throw new Error(`${api.service}/${name} is not a call for many callers at once (its contract sets no each)`);
        // Each caller's own signed context rides with its call: the answering service verifies every one, so the
        // request itself carries no authority.
        const ask = batchedAsks(
          async (calls: { caller: string; input: unknown }[]) => {
            const json = (await post(`/internal-each/${name}`, name, { calls })) as Answer & { data?: { answers?: EachAnswer[] } };
            if (json.errors?.length) answerOf(name, json);
            const answers = json.data?.answers;
            if (!Array.isArray(answers) || answers.length !== calls.length)
              throw new YizhanError(ErrorCode.INTERNAL, `${api.service}/${name} answered ${answers?.length ?? 'no'} calls for ${calls.length}`);
            return answers;
          },
          { max },
        );
        each = async (callerHeader, input) => {
          if (!callerHeader) throw new YizhanError(ErrorCode.UNAUTHENTICATED, 'You must log in first');
          const answer = await ask({ caller: callerHeader, input: input ?? {} });
          return answerOf(name, 'error' in answer ? { errors: [answer.error] } : { data: answer.data });
        };
        eachOf.set(name, each);
      }
      return each as (callerHeader: string | null, input: CallInput<A, typeof name>) => Promise<CallOutput<A, typeof name>>;
    },
  };
}

/** The clients of a service's collaborators, built once from their URLs: `{ org: internalClient(orgApi, url) }`. */
export type Clients<T extends Record<string, InternalApi>> = { [K in keyof T]: InternalClient<T[K]> };
