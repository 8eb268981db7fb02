// npm start: the whole platform on this machine, with an embedded PostgreSQL whose data stays in .data/.
import { DEMO_PASSWORD } from '@yizhan/org/seed/demo';
import { startStack } from './lib/stack.ts';

const log = (m: string) => console.log(`[yizhan] ${m}`);

// Ctrl-C may come while the platform is still starting: wait for the start to settle, then stop what did start.
const starting = startStack({ persistent: true, seed: true, web: true, log });
let stopping = false;
const shutdown = async () => {
  if (stopping) return;
  stopping = true;
  log('stopping…');
  const stack = await starting.catch(() => undefined);
  await stack?.stop();
  log('stopped');
  process.exit(0);
};
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);

let stack: Awaited<typeof starting>;
try {
  stack = await starting;
} catch (e) {
  console.error(`[yizhan] could not start: ${(e as Error).message}`);
  process.exit(1);
}
if (!stopping) {
  if (stack.webUrl) log(`dashboard  ${stack.webUrl}  (open this in a browser)`);
  log(`gateway    ${stack.gatewayUrl}  (HTTP and graphql-ws; GraphiQL in the browser)`);
  for (const [name, url] of Object.entries(stack.subgraphs)) log(`subgraph   ${name.padEnd(10)} ${url}  (internal: gateway-signed calls only)`);
  log(`try it     log in as xa.clerk / ${DEMO_PASSWORD} (all demo accounts are in the README)`);
  log('press Ctrl-C to stop');
}
