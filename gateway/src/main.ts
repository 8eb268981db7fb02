// Process entry for the gateway.
import { serveUntilStopped } from '@yizhan/common/process';

await serveUntilStopped('gateway', async () => {
  const { startGateway } = await import('./index.ts');
  const subgraphs = JSON.parse(process.env.YIZHAN_SUBGRAPHS ?? '{}') as Record<string, string>;
  return startGateway({ port: Number(process.env.PORT ?? 4000), subgraphs });
});
