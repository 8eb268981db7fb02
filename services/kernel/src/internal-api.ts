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
}

export function serveInternalApi<A extends InternalApi, Deps>(api: A, handlers: InternalHandlers<A, Deps>): ServedInternalApi {
  const endpoints: ServedInternalApi['endpoints'] = {};
  const serviceCallers: ServedInternalApi['serviceCallers'] = {};
  for (const [name, call] of Object.entries(api.calls)) {
    if (call.serviceCallers?.length) serviceCallers[name] = call.serviceCallers;
    const handler = handlers[name as keyof typeof handlers] as unknown as (ctx: SubgraphContext<Deps>, input: unknown) => Promise<unknown>;
    endpoints[name] = async (ctx, body) => {
      const input = call.input.safeParse(body ?? {});
      if (!input.success) throw new YizhanError(ErrorCode.BAD_INPUT, `${api.service}/${name}: ${describeIssues(input.error)}`, { call: name });
      const answer = call.output.safeParse(await handler(ctx as SubgraphContext<Deps>, input.data));
      if (!answer.success) throw new Error(`${api.service}/${name} answered outside its contract: ${describeIssues(answer.error)}`);
      return answer.data;
    };
  }
  return { service: api.service, endpoints, serviceCallers };
}
