// Process entry for the org subgraph.
import { serveUntilStopped } from '@yizhan/common/process';

await serveUntilStopped('org', async () => {
  const { startOrgService } = await import('./index.ts');
  const appUrl = process.env.YIZHAN_APP_DATABASE_URL;
  if (!appUrl) throw new Error('YIZHAN_APP_DATABASE_URL is not set (npm start sets it)');
  const subgraphs = JSON.parse(process.env.YIZHAN_SUBGRAPHS ?? '{}') as Record<string, string>;
  return startOrgService({
    appUrl,
    relayUrl: process.env.YIZHAN_RELAY_DATABASE_URL,
    port: Number(process.env.PORT ?? 4001),
    certificatesUrl: subgraphs.certificates,
  });
});
