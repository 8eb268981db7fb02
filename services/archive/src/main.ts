// Process entry for the archive subgraph.
import { serveUntilStopped } from '@yizhan/common/process';

await serveUntilStopped('archive', async () => {
  const { startArchiveService } = await import('./index.ts');
  const appUrl = process.env.YIZHAN_APP_DATABASE_URL;
  const relayUrl = process.env.YIZHAN_RELAY_DATABASE_URL;
  if (!appUrl || !relayUrl) throw new Error('YIZHAN_APP_DATABASE_URL and YIZHAN_RELAY_DATABASE_URL are not set (npm start sets them)');
  const s = JSON.parse(process.env.YIZHAN_SUBGRAPHS ?? '{}') as Record<string, string>;
  if (!s.org || !s.documents || !s.seals) throw new Error('The archive needs org, documents and seals (YIZHAN_SUBGRAPHS)');
  return startArchiveService({ appUrl, relayUrl, port: Number(process.env.PORT ?? 4005), orgUrl: s.org, documentsUrl: s.documents, sealsUrl: s.seals });
});
