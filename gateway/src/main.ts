// Process entry for the gateway: telemetry first, then the gateway itself.
import { startTelemetry } from '@yizhan/kernel/telemetry';

startTelemetry('gateway');
const { startGateway } = await import('./index.ts');
const subgraphs = JSON.parse(process.env.YIZHAN_SUBGRAPHS ?? '{}') as Record<string, string>;
const gw = await startGateway({ port: Number(process.env.PORT ?? 4000), subgraphs });
process.send?.({ ready: gw.url });
console.log(JSON.stringify({ msg: 'gateway ready', url: gw.url }));
const stop = async () => {
  await gw.close();
  process.exit(0);
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
