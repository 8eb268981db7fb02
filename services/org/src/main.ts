// Process entry for the org subgraph: telemetry first, so http, express, graphql and pg are instrumented.
import { startTelemetry } from '@yizhan/kernel/telemetry';

startTelemetry('org');
const { startOrgService } = await import('./index.ts');
const appUrl = process.env.YIZHAN_APP_DATABASE_URL;
if (!appUrl) throw new Error('YIZHAN_APP_DATABASE_URL is not set (npm start sets it)');
const svc = await startOrgService({ appUrl, port: Number(process.env.PORT ?? 4001) });
process.send?.({ ready: svc.url });
console.log(JSON.stringify({ msg: 'org subgraph ready', url: svc.url }));
const stop = async () => {
  await svc.close();
  process.exit(0);
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
