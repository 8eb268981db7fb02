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
  /** The gateway's answer as it comes, to a request whose body may be a stream (handOn). */
  post(body: string | ReadableStream<Uint8Array>): Promise<Response>;
}

export function gatewayClient(url: string, token: string, opts: { timeoutMs?: number } = {}): GatewayClient {
  const timeoutMs = opts.timeoutMs ?? 60_000;
  const post = async (body: string | ReadableStream<Uint8Array>): Promise<Response> => {
    try {
      return await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body,
        // A stream is sent as it is read (chunked), not gathered first.
        ...(typeof body === 'string' ? {} : { duplex: 'half' }),
        signal: AbortSignal.timeout(timeoutMs),
      } as RequestInit);
    } catch (e) {
      throw new GatewayError(`${url} did not answer: ${(e as Error).message}`, 'UNAVAILABLE');
    }
  };
  return {
    url,
    post,
    async request<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
      return answerOf<T>(url, await post(JSON.stringify({ query, variables })));
    },
  };
}

type Answer<T> = { data?: T; errors?: { message: string; extensions?: { code?: string } }[] };

/** An answer's data, or its first error thrown with its code. */
async function answerOf<T>(url: string, res: Response, text?: string): Promise<T> {
  let body: Answer<T>;
  try {
    body = JSON.parse(text ?? (await res.text())) as Answer<T>;
  } catch {
    throw new GatewayError(`${url} answered ${res.status} without GraphQL`, 'UNAVAILABLE');
  }
  const first = body.errors?.[0];
  if (first) throw new GatewayError(first.message, first.extensions?.code ?? 'INTERNAL');
  return body.data as T;
}

/** What one answer's string is handed on as: `to`'s request, the string its variable `as`. */
export interface HandOnTo {
  query: string;
  variables: Record<string, unknown>;
  as: string;
}

const QUOTE = 0x22;

/**
 * Asks `from` a query whose answer is one string at `field`.`key` (an evidence package in base64, up to 69 MB) and
 * hands that string on to `to` as the request's variable `to.as`, as it arrives: the string is never held whole, so
 * the exchange's memory does not grow with the package. The answer is read as the gateway writes it,
 * `{"data":{"<field>":{"<key>":"…"}}}` (base64 needs no escapes, so the string ends at the next quote); an answer in
 * any other form (an error, another gateway's spacing) is read whole and handled as `request` would. The request to
 * `to` ends only once the string has ended and the answer closed as it should: an answer cut short aborts it, and
 * nothing half is taken in there.
 */
export async function handOn<T>(
  from: GatewayClient,
  ask: { query: string; variables: Record<string, unknown>; field: string; key: string },
  to: GatewayClient,
  onward: HandOnTo,
): Promise<T> {
  const res = await from.post(JSON.stringify({ query: ask.query, variables: ask.variables }));
  const expected = Buffer.from(`{"data":${JSON.stringify({ [ask.field]: { [ask.key]: '' } }).slice(0, -3)}`);
  const reader = (res.body as ReadableStream<Uint8Array>).getReader();
  const read = () =>
    reader.read().catch((e: Error) => {
      throw new GatewayError(`${from.url} broke off its answer: ${e.message}`, 'UNAVAILABLE');
    });
  /** The answer's chunks read so far, until it is known whether it is in the streamed form. */
  const seen: Buffer[] = [];
  let seenBytes = 0;
  while (seenBytes < expected.length) {
    const r = await read();
    if (r.done) break;
    seen.push(asBuffer(r.value));
    seenBytes += r.value.length;
  }
  const start = Buffer.concat(seen);
  if (!res.ok || start.length < expected.length || !start.subarray(0, expected.length).equals(expected)) {
    // Not the streamed form: read it whole, as a request would.
    for (let r = await read(); !r.done; r = await read()) seen.push(asBuffer(r.value));
    const data = await answerOf<Record<string, Record<string, unknown>>>(from.url, res, Buffer.concat(seen).toString('utf8'));
    const value = data?.[ask.field]?.[ask.key];
    if (typeof value !== 'string') throw new GatewayError(`${from.url} answered without ${ask.field}.${ask.key}`, 'UNAVAILABLE');
    return to.request<T>(onward.query, { ...onward.variables, [onward.as]: value });
  }

  // {"query":…,"variables":{…,"<as>":"  then the string as it arrives, then  "}}
  const others = JSON.stringify({ query: onward.query, variables: onward.variables }).slice(0, -2);
  const head = `${others}${Object.keys(onward.variables).length ? ',' : ''}${JSON.stringify(onward.as)}:"`;
  let pending: Buffer | null = start.subarray(expected.length);
  const broken = (what: string) => new GatewayError(`${from.url} ${what}; nothing was handed on`, 'UNAVAILABLE');
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(Buffer.from(head));
    },
    async pull(controller) {
      let chunk = pending;
      pending = null;
      if (!chunk) {
        const r = await read();
        if (r.done) return controller.error(broken('broke off its answer inside the string'));
        chunk = asBuffer(r.value);
      }
      const end = chunk.indexOf(QUOTE);
      if (end < 0) return controller.enqueue(chunk);
      if (end > 0) controller.enqueue(chunk.subarray(0, end));
      // The string has ended: what follows must close the answer, with no errors beside the data.
      const rest = [chunk.subarray(end)];
      for (let r = await read(); !r.done; r = await read()) rest.push(asBuffer(r.value));
      let closed: Answer<unknown> | null = null;
      try {
        closed = JSON.parse(`${expected.toString('utf8')}${Buffer.concat(rest).toString('utf8')}`) as Answer<unknown>;
      } catch {}
      if (!closed || closed.errors?.length) return controller.error(broken('closed its answer wrongly'));
      controller.enqueue(Buffer.from('"}}'));
      controller.close();
    },
    cancel(reason) {
      void reader.cancel(reason);
    },
  });
  const answer = await to.post(body).catch((e: unknown) => {
    void reader.cancel().catch(() => {});
    throw e;
  });
  return answerOf<T>(to.url, answer);
}

/** A chunk as a Buffer over the same bytes (not a copy: a package passes through in pieces, each read once). */
const asBuffer = (chunk: Uint8Array) => Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
