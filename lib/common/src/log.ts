// Structured JSON logs; every line written inside a traced operation carries its trace id.
import { trace } from '@opentelemetry/api';
import { pino } from 'pino';
import { loadConfig } from './config.ts';

export function createLogger(service: string) {
  return pino({
    name: service,
    level: loadConfig().logLevel,
    mixin() {
      const span = trace.getActiveSpan();
      if (!span) return {};
      const { traceId, spanId } = span.spanContext();
      return { traceId, spanId };
    },
  });
}
export type Logger = ReturnType<typeof createLogger>;
