// Structured JSON logs; every line written inside a request carries its trace id (trace-context.ts).
import { pino } from 'pino';
import { loadConfig } from './config.ts';
import { currentTrace } from './trace-context.ts';

export function createLogger(service: string) {
  return pino({
    name: service,
    level: loadConfig().logLevel,
    mixin: () => currentTrace() ?? {},
  });
}
export type Logger = ReturnType<typeof createLogger>;
