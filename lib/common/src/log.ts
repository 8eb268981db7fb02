// Structured JSON logs; every line written inside a request carries its trace id (trace-context.ts).
import { type DestinationStream, pino, stdSerializers } from 'pino';
import { loadConfig } from './config.ts';
import { currentTrace } from './trace-context.ts';

/**
 * An error as a log line holds it: its own fields (a database error's code and constraint, our errors' extensions),
 * its cause folded into message and stack, and no live object hung on it — pg-pool hangs the whole idle connection
 * on its error (`client`): several KB of sockets and type tables in every line.
 */
export function loggedError(err: unknown): unknown {
  if (!(err instanceof Error)) return err;
  const serialized: Record<string, unknown> = stdSerializers.err(err);
  for (const key of Object.keys(serialized)) {
    const value: unknown = Reflect.get(err, key);
    if (value instanceof Error) serialized[key] = loggedError(value);
    else if (value !== null && typeof value === 'object' && !isPlainData(value)) delete serialized[key];
  }
  return serialized;
}

const isPlainData = (value: object) => {
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === Array.prototype || proto === null;
};

export function createLogger(service: string, destination?: DestinationStream) {
  return pino(
    {
      name: service,
      level: loadConfig().logLevel,
      mixin: () => currentTrace() ?? {},
      serializers: { err: loggedError },
    },
    destination,
  );
}
export type Logger = ReturnType<typeof createLogger>;
