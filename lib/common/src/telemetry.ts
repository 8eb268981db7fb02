// OpenTelemetry tracing: gateway → subgraphs → SQL share one trace, its spans exported over OTLP/HTTP to
// OTEL_EXPORTER_OTLP_ENDPOINT. Without an endpoint the SDK is not started at all: nobody would read its spans, and
// making them cost the gateway and the subgraphs dearly (bench/README.md, "The gateway's request path"); log lines
// and the calls between services carry each request's trace ids all the same (trace-context.ts).
//
// Instrumentation must be in place before http, express, graphql and pg are first imported, so a process calls
// startTelemetry() first and imports its server afterwards (see each service's main.ts). The SDK itself
// (telemetry-sdk.ts) is imported only then: everything else that imports @yizhan/common uses the API alone.
let provider: { shutdown(): Promise<void> } | undefined;

export async function startTelemetry(serviceName: string): Promise<void> {
  const endpoint = process.env.OTEL_EXPORTER_OTLP_ENDPOINT;
  if (provider || process.env.YIZHAN_TELEMETRY === 'off' || !endpoint) return;
  const { startSdk } = await import('./telemetry-sdk.ts');
  provider = await startSdk(serviceName, endpoint);
}

/** How long a stop waits for the last spans to be exported: a collector that is down or silent holds it no longer. */
const FLUSH_WAIT_MS = 2_000;

export async function stopTelemetry(): Promise<void> {
  const stopping = provider?.shutdown();
  provider = undefined;
  if (!stopping) return;
  // The OTLP exporter would retry for its own 10 s; spans still unsent then are lost with the collector anyway.
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([stopping.catch(() => {}), new Promise<void>((resolve) => (timer = setTimeout(resolve, FLUSH_WAIT_MS)))]);
  clearTimeout(timer);
}
