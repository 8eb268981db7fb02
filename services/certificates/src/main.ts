// Process entry for the certificates subgraph.
import { serveUntilStopped } from '@yizhan/common/process';

await serveUntilStopped('certificates', async () => {
  const { startCertificatesService } = await import('./index.ts');
  const appUrl = process.env.YIZHAN_APP_DATABASE_URL;
  const relayUrl = process.env.YIZHAN_RELAY_DATABASE_URL;
  if (!appUrl || !relayUrl) throw new Error('YIZHAN_APP_DATABASE_URL and YIZHAN_RELAY_DATABASE_URL are not set (npm start sets them)');
  const subgraphs = JSON.parse(process.env.YIZHAN_SUBGRAPHS ?? '{}') as Record<string, string>;
  if (!subgraphs.org) throw new Error('The certificates service needs the org service (YIZHAN_SUBGRAPHS.org)');
  return startCertificatesService({ appUrl, relayUrl, port: Number(process.env.PORT ?? 4003), orgUrl: subgraphs.org });
});
