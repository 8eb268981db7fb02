// The OpenTelemetry SDK behind telemetry.ts, loaded only by a process entry that starts it (each service's and the
// gateway's main, through serveUntilStopped): about three hundred modules that a test file or a script importing
// @yizhan/common need not load.
import { register } from 'node:module';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { type InstrumentationBase, registerInstrumentations } from '@opentelemetry/instrumentation';
import { ExpressInstrumentation } from '@opentelemetry/instrumentation-express';
import { GraphQLInstrumentation } from '@opentelemetry/instrumentation-graphql';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { PgInstrumentation } from '@opentelemetry/instrumentation-pg';
import { UndiciInstrumentation } from '@opentelemetry/instrumentation-undici';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor, NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { ATTR_SERVICE_NAME } from '@opentelemetry/semantic-conventions';
import { createAddHookMessageChannel } from 'import-in-the-middle';
import { register as registerOnThisThread, supportsSyncHooks } from 'import-in-the-middle/register-hooks.mjs';

/** Starts tracing for the process, exporting to `endpoint`: the SDK's provider, registered globally, and the instrumentations hooked. */
export async function startSdk(serviceName: string, endpoint: string): Promise<NodeTracerProvider> {
  // Each instrumentation hooks its modules as it is made (enabled by default).
  const instrumentations = () => [
    new HttpInstrumentation({ ignoreIncomingRequestHook: (req) => req.url === '/healthz' || req.url === '/readyz' }),
    new UndiciInstrumentation(),
    new ExpressInstrumentation(),
    // Resolvers to the second level (an operation's fields and theirs): below that, a span per row's field.
    new GraphQLInstrumentation({ mergeItems: true, ignoreTrivialResolveSpans: true, depth: 2 }),
    new PgInstrumentation(),
  ];
  // ESM modules are patched through import-in-the-middle's loader hook, which wraps only the modules the
  // instrumentations hook. Wrapping every module imported (the hook's default) costs about three seconds and 90 MB per
  // process at start (bench/README.md, cold start). On this thread where Node allows it: the hook on a thread of its
  // own answered every import of the process by a message there and back.
  const hooked = await withModulesHooked(instrumentations);
  const provider = new NodeTracerProvider({
    resource: resourceFromAttributes({ [ATTR_SERVICE_NAME]: serviceName }),
    spanProcessors: [new BatchSpanProcessor(new OTLPTraceExporter({ url: `${endpoint.replace(/\/$/, '')}/v1/traces` }), { scheduledDelayMillis: 500 })],
  });
  provider.register();
  registerInstrumentations({ tracerProvider: provider, instrumentations: hooked });
  return provider;
}

/** Makes the instrumentations with import-in-the-middle's ESM hook told the modules they wrap, and answers them. */
async function withModulesHooked<T extends InstrumentationBase[]>(make: () => T): Promise<T> {
  if (supportsSyncHooks()) {
    const made = make();
    registerOnThisThread({ include: made.flatMap((i) => i.getModuleDefinitions().map((m) => m.name)) });
    return made;
  }
  // The loader thread hears of each module as an instrumentation is made, and acknowledges it.
  const { registerOptions, waitForAllMessagesAcknowledged } = createAddHookMessageChannel();
  register('import-in-the-middle/hook.mjs', import.meta.url, registerOptions);
  const made = make();
  await waitForAllMessagesAcknowledged();
  return made;
}
