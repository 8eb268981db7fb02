// OpenTelemetry tracing: gateway → subgraphs → SQL share one trace. Spans are exported over OTLP/HTTP when
// OTEL_EXPORTER_OTLP_ENDPOINT is set; otherwise only the requests' own spans run (log lines carry trace ids, calls
// between services carry the trace) and the detail spans — GraphQL resolvers, SQL, Express — are not made: nobody
// would read them, and they cost the subgraphs dearly (bench/README.md, "The gateway's request path").
//
// Instrumentation must be in place before http, express, graphql and pg are first imported, so a process calls
// startTelemetry() first and imports its server afterwards (see each service's main.ts). The SDK itself
// (telemetry-sdk.ts) is imported only then: everything else that imports @yizhan/common uses the API alone.
let provider: { shutdown(): Promise<void> } | undefined;

export async function startTelemetry(serviceName: string): Promise<void> {
  if (provider || process.env.YIZHAN_TELEMETRY === 'off') return;
  const { startSdk } = await import('./telemetry-sdk.ts');
  provider = await startSdk(serviceName);
}

export async function stopTelemetry(): Promise<void> {
  await provider?.shutdown();
  provider = undefined;
}
