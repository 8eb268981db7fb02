// A GraphQL client of one gateway, holding one API token: the exchange is a client of two platforms, as a unit's OA
// system is of one. Every call has a deadline; an answer with errors throws them, keeping the first one's code.

/** One error of a gateway's answer, with its stable code (BAD_INPUT, PEER_PACKAGE_REFUSED …). */
export class GatewayError extends Error {
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
  }
}

export interface GatewayClient {
  /** Where it calls, for the log. */
  readonly url: string;
  request<T>(query: string, variables?: Record<string, unknown>): Promise<T>;
}

export function gatewayClient(url: string, token: string, opts: { timeoutMs?: number } = {}): GatewayClient {
  const timeoutMs = opts.timeoutMs ?? 60_000;
  return {
    url,
    async request<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
      let res: Response;
      try {
        res = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          body: JSON.stringify({ query, variables }),
          signal: AbortSignal.timeout(timeoutMs),
        });
      } catch (e) {
        throw new GatewayError(`${url} did not answer: ${(e as Error).message}`, 'UNAVAILABLE');
      }
      let body: { data?: T; errors?: { message: string; extensions?: { code?: string } }[] };
      try {
        body = (await res.json()) as typeof body;
      } catch {
        throw new GatewayError(`${url} answered ${res.status} without GraphQL`, 'UNAVAILABLE');
      }
      const first = body.errors?.[0];
      if (first) throw new GatewayError(first.message, first.extensions?.code ?? 'INTERNAL');
      return body.data as T;
    },
  };
}
