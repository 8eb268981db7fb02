// Process entry for the documents subgraph.
import { serveUntilStopped } from '@yizhan/kernel/process';

await serveUntilStopped('documents', async () => {
  const { startDocumentsService } = await import('./index.ts');
  const appUrl = process.env.YIZHAN_APP_DATABASE_URL;
  const relayUrl = process.env.YIZHAN_RELAY_DATABASE_URL;
  const orgUrl = (JSON.parse(process.env.YIZHAN_SUBGRAPHS ?? '{}') as Record<string, string>).org;
  if (!appUrl || !relayUrl || !orgUrl) throw new Error('YIZHAN_APP_DATABASE_URL, YIZHAN_RELAY_DATABASE_URL and YIZHAN_SUBGRAPHS are set by npm start');
  return startDocumentsService({ appUrl, relayUrl, orgUrl, port: Number(process.env.PORT ?? 4002) });
});
