// Process entry shared by every subgraph and the gateway: telemetry before anything it instruments is imported,
// then the server; report readiness to a parent process (npm start, tests); stop cleanly on SIGTERM or Ctrl-C.
import { startTelemetry, stopTelemetry } from './telemetry.ts';

export interface Served {
  url: string;
  close(): Promise<void>;
}

export async function serveUntilStopped(name: string, start: () => Promise<Served>): Promise<void> {
  startTelemetry(name);
  const served = await start();
  process.send?.({ ready: served.url });
  console.log(JSON.stringify({ msg: `${name} ready`, url: served.url }));
  const stop = async () => {
    await served.close();
    await stopTelemetry();
    process.exit(0);
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}
