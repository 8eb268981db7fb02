// A request's trace ids when no traces are exported. With OTEL_EXPORTER_OTLP_ENDPOINT set, OpenTelemetry's SDK and its
// HTTP instrumentation make the spans and carry the W3C trace context from service to service (telemetry-sdk.ts).
// Without one the SDK is not started: its instrumentation alone cost the gateway 1.14–1.38× its CPU for spans nobody
// reads (bench/README.md, "The gateway's request path"). This carries the same context instead, so that every log line
// of one request, in every service, still names one trace: read from `traceparent` as the request comes in (or begun
// there), kept across the request's asynchronous work, and written on each call the request makes to another service.
import { AsyncLocalStorage, AsyncResource } from 'node:async_hooks';
import { randomBytes } from 'node:crypto';
import type http from 'node:http';
import { trace } from '@opentelemetry/api';

export interface TraceIds {
  traceId: string;
  spanId: string;
}

const current = new AsyncLocalStorage<TraceIds>();
// W3C Trace Context, version 00: the trace id, the parent's span id, the flags.
const TRACEPARENT = /^00-([0-9a-f]{32})-([0-9a-f]{16})-[0-9a-f]{2}$/;
const ZEROS = /^0+$/;

/** The trace ids of the work under way: OpenTelemetry's active span where the SDK runs, else this request's. */
export function currentTrace(): TraceIds | undefined {
  const span = trace.getActiveSpan();
  if (span) {
    const { traceId, spanId } = span.spanContext();
    return { traceId, spanId };
  }
  return current.getStore();
}

/** A new span of the trace `traceparent` names, or of a new trace when it names none (absent, malformed or zero). */
export function traceOf(traceparent: string | string[] | undefined | null): TraceIds {
  const named = typeof traceparent === 'string' ? TRACEPARENT.exec(traceparent.trim().toLowerCase()) : null;
  // One draw of randomness per request: the new span's 8 bytes, and a new trace's 16 when it needs one.
  const drawn = randomBytes(24).toString('hex');
  const traceId = named?.[1] && !ZEROS.test(named[1]) && !ZEROS.test(named[2] ?? '') ? named[1] : drawn.slice(16);
  return { traceId, spanId: drawn.slice(0, 16) };
}

/**
 * Serves `req` in its trace: `serve` and all that follows from it (its promises, timers, and the request's own events,
 * such as its body's) see the trace ids. Where the SDK's instrumentation already made the request's span, it is left
 * to it.
 */
export function servedInTrace<T>(req: http.IncomingMessage, serve: () => T): T {
  if (trace.getActiveSpan()) return serve();
  return current.run(traceOf(req.headers.traceparent), () => {
    // A stream's events are emitted from the socket's reads, outside the request's context: a body parser's callback
    // would lose the trace. Emitted in it instead.
    req.emit = AsyncResource.bind(req.emit.bind(req)) as typeof req.emit;
    return serve();
  });
}

/** The header carrying the current trace on a call to another service; none outside a request or where the SDK does it. */
export function traceHeaders(): Record<string, string> {
  const ids = current.getStore();
  return ids ? { traceparent: `00-${ids.traceId}-${ids.spanId}-00` } : {};
}
