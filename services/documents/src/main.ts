// Process entry for the documents subgraph.
import { serveUntilStopped } from '@yizhan/common/process';

await serveUntilStopped('documents', async () => {
  const { startDocumentsService } = await import('./index.ts');
  const appUrl = process.env.YIZHAN_APP_DATABASE_URL;
  const relayUrl = process.env.YIZHAN_RELAY_DATABASE_URL;
  const subgraphs = JSON.parse(process.env.YIZHAN_SUBGRAPHS ?? '{}') as Record<string, string>;
  const orgUrl = subgraphs.org;
  if (!appUrl || !relayUrl || !orgUrl) throw new Error('YIZHAN_APP_DATABASE_URL, YIZHAN_RELAY_DATABASE_URL and YIZHAN_SUBGRAPHS are set by npm start');
  return startDocumentsService({
    appUrl,
    relayUrl,
    orgUrl,
    sealsUrl: subgraphs.seals,
    archiveUrl: subgraphs.archive,
    certificatesUrl: subgraphs.certificates,
    port: Number(process.env.PORT ?? 4002),
  });
});
