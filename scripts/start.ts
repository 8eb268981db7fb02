// npm start: the whole platform on this machine, with an embedded PostgreSQL whose data stays in .data/.
// It supervises what it starts (a child that dies is restarted, with back-off, and both are logged) and stops
// everything in order on Ctrl-C or SIGTERM alike: the dashboard and gateway first, then the services (requests in
// flight drained, relays flushed), PostgreSQL last, then "[yizhan] stopped".
import path from 'node:path';
import { loadConfig } from '@yizhan/common';
import { DEMO_PASSWORD } from '@yizhan/org';
import { DataFolderInUse, holdDataFolder } from './lib/data-lock.ts';
import { startSmsOutbox } from './lib/sms-outbox.ts';
import { startStack } from './lib/stack.ts';

const log = (m: string) => console.log(`[yizhan] ${m}`);
const reason = (e: unknown) => (e instanceof Error ? e.message : String(e ?? 'unknown error'));

// Production behaviour unless asked otherwise (issue 14): no introspection, no GraphiQL, no field suggestions.
// `npm run dev` (or NODE_ENV=development) brings GraphiQL and introspection back for working on the API.
process.env.NODE_ENV ??= process.argv.includes('--dev') ? 'development' : 'production';
const production = process.env.NODE_ENV === 'production';

// One npm start per data folder: a second one says which process holds it.
const dataDir = loadConfig().dataDir;
let lock: { release(): void };
try {
  lock = await holdDataFolder(dataDir, log);
} catch (e) {
  console.error(`[yizhan] could not start: ${reason(e)}`);
  process.exit(e instanceof DataFolderInUse ? 2 : 1);
}

// No SMS gateway on a developer's machine: urgent alerts go to a file instead (set YIZHAN_SMS_GATEWAY_URL for a real one).
const outboxFile = path.join(dataDir, 'sms-outbox.jsonl');
const outbox = process.env.YIZHAN_SMS_GATEWAY_URL ? null : await startSmsOutbox(outboxFile);
if (outbox) process.env.YIZHAN_SMS_GATEWAY_URL = outbox.url;

// Ctrl-C may come while the platform is still starting: wait for the start to settle, then stop what did start.
const starting = startStack({ persistent: true, seed: true, web: true, log });
let stopping = false;
const shutdown = async (signal: string) => {
  if (stopping) return;
  stopping = true;
  log(`stopping (${signal})…`);
  const stack = await starting.catch(() => undefined);
  await stack?.stop();
  await outbox?.close();
  lock.release();
  log('stopped');
  process.exit(0);
};
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGHUP', () => void shutdown('SIGHUP'));

let stack: Awaited<typeof starting>;
try {
  stack = await starting;
} catch (e) {
  console.error(`[yizhan] could not start: ${reason(e)}`);
  lock.release();
  process.exit(1);
}
if (!stopping) {
  if (stack.webUrl) log(`dashboard  ${stack.webUrl}  (open this in a browser)`);
  log(`gateway    ${stack.gatewayUrl}  (HTTP and graphql-ws${production ? '; production mode: `npm run dev` for GraphiQL' : '; GraphiQL in the browser'})`);
  for (const [name, url] of Object.entries(stack.subgraphs)) log(`subgraph   ${name.padEnd(10)} ${url}  (internal: gateway-signed calls only)`);
  if (outbox) log(`sms        urgent alerts are written to ${outboxFile} (no SMS gateway set: YIZHAN_SMS_GATEWAY_URL)`);
  log(`try it     log in as xa.clerk / ${DEMO_PASSWORD} (all demo accounts are in the README)`);
  log(
    `processes  ${Object.entries(stack.pids())
      .map(([name, pid]) => `${name} ${pid}`)
      .join(', ')}  (each restarted if it dies)`,
  );
  log('press Ctrl-C to stop');
}
