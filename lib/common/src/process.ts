// Process entry shared by every subgraph and the gateway: telemetry before anything it instruments is imported,
// then the server; report readiness to a parent process (npm start, tests); stop cleanly on SIGTERM or Ctrl-C.
import { startTelemetry, stopTelemetry } from './telemetry.ts';

export interface Served {
  url: string;
  close(): Promise<void>;
}

export async function serveUntilStopped(name: string, start: () => Promise<Served>): Promise<void> {
  await startTelemetry(name);
  const served = await start();
  // The parent (npm start, a test) waits for this; if it is gone already, there is nobody to tell.
  process.send?.({ ready: served.url }, undefined, {}, () => {});
  console.log(JSON.stringify({ msg: `${name} ready`, url: served.url }));
  // Once: a second signal (npm start and a terminal both asking) neither closes the server twice nor says so twice.
  let stopping = false;
  const stop = async (why: string) => {
    if (stopping) return;
    stopping = true;
    console.log(JSON.stringify({ msg: `${name} stopping`, why }));
    await served.close();
    await stopTelemetry();
    process.exit(0);
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
  // Started by a parent that has gone away (killed, crashed): do not linger as an orphan holding a port.
  process.on('disconnect', () => stop('the parent process is gone'));
}

/**
 * An idle keep-alive connection is closed by the client, never by this server: Node's server closes one after 5 s
 * idle, the client's pool keeps one about 4 s, and a client whose event loop is late (a busy machine) sends its next
 * request on a socket the server is closing at that moment, which fails as ECONNRESET. The same as a load balancer's
 * advice for servers behind it. `close()` still ends idle connections at once.
 */
export function keepIdleConnectionsLonger(server: import('node:http').Server): void {
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
}
