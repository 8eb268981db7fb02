// The server side of a service's internal API: each call of its contract gets a handler. The request is checked
// against the contract before the handler sees it (a bad one is refused with 400 BAD_INPUT naming the field), and the
// handler's answer must match the contract too (a mismatch is our bug: 500, logged).
import { describeIssues, ErrorCode, type InternalApi, YizhanError } from '@yizhan/common';
import type { z } from 'zod';
import type { SubgraphContext } from './subgraph.ts';

/** One handler per call: it receives the request as the contract parsed it and answers what the contract promises. */
export type InternalHandlers<A extends InternalApi, Deps> = {
  [N in keyof A['calls'] & string]: (ctx: SubgraphContext<Deps>, input: z.output<A['calls'][N]['input']>) => Promise<z.input<A['calls'][N]['output']>>;
};

/** What startSubgraph mounts: one checked endpoint per call, at POST /internal/<name>. */
export interface ServedInternalApi {
  service: string;
  endpoints: Record<string, (ctx: SubgraphContext<never>, body: unknown) => Promise<unknown>>;
  /** Per call, the services that may make it on their own authority (the contract's `serviceCallers`). */
  serviceCallers: Record<string, readonly string[]>;
  /** Per call, the most one request may carry for many callers at once (the contract's `each`). */
  each: Record<string, number>;
}

export function serveInternalApi<A extends InternalApi, Deps>(api: A, handlers: InternalHandlers<A, Deps>): ServedInternalApi {
  const endpoints: ServedInternalApi['endpoints'] = {};
  const serviceCallers: ServedInternalApi['serviceCallers'] = {};
  const each: ServedInternalApi['each'] = {};
  for (const [name, call] of Object.entries(api.calls)) {
    if (call.serviceCallers?.length) serviceCallers[name] = call.serviceCallers;
    if (call.each) each[name] = call.each;
    const handler = handlers[name as keyof typeof handlers] as unknown as (ctx: SubgraphContext<Deps>, input: unknown) => Promise<unknown>;
    endpoints[name] = async (ctx, body) => {
      const input = call.input.safeParse(body ?? {});
      if (!input.success) throw new YizhanError(ErrorCode.BAD_INPUT, `${api.service}/${name}: ${describeIssues(input.error)}`, { call: name });
      const answer = call.output.safeParse(await handler(ctx as SubgraphContext<Deps>, input.data));
      if (!answer.success) throw new Error(`${api.service}/${name} answered outside its contract: ${describeIssues(answer.error)}`);
      return answer.data;
    };
  }
  return { service: api.service, endpoints, serviceCallers, each };
}

/**
 * The calls of a request for many callers (`{ calls: [{ caller, input }] }`, at most `max`), or what is wrong with its
 * shape; each call's input is checked by its handler, as a single call's is.
 */
export function eachCalls(body: unknown, max: number): { caller: string; input: unknown }[] | string {
  const calls = (body as { calls?: unknown } | null)?.calls;
  if (!Array.isArray(calls) || !calls.length) return 'calls: expected a list of { caller, input }, at least one';
  if (calls.length > max) return `calls: at most ${max} in one request (${calls.length} given)`;
  for (const [i, c] of calls.entries())
    if (typeof c !== 'object' || c === null || typeof (c as { caller?: unknown }).caller !== 'string')
      return `calls.${i}.caller: expected the caller's signed context`;
  return calls as { caller: string; input: unknown }[];
}
