// Process entry for the seals subgraph.
import { serveUntilStopped } from '@yizhan/common/process';

await serveUntilStopped('seals', async () => {
  const { startSealsService } = await import('./index.ts');
  const appUrl = process.env.YIZHAN_APP_DATABASE_URL;
  const relayUrl = process.env.YIZHAN_RELAY_DATABASE_URL;
  if (!appUrl || !relayUrl) throw new Error('YIZHAN_APP_DATABASE_URL and YIZHAN_RELAY_DATABASE_URL are not set (npm start sets them)');
  const s = JSON.parse(process.env.YIZHAN_SUBGRAPHS ?? '{}') as Record<string, string>;
  if (!s.org || !s.certificates || !s.documents) throw new Error('The seals service needs org, certificates and documents (YIZHAN_SUBGRAPHS)');
  return startSealsService({
    appUrl,
    relayUrl,
    port: Number(process.env.PORT ?? 4004),
    orgUrl: s.org,
    certificatesUrl: s.certificates,
    documentsUrl: s.documents,
  });
});
