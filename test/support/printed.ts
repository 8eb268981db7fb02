// What a recipient's clerk prints: the delivery of the document titled so found in the clerk's inbox, signed for and
// printed (the first copy within the quota), its PDF fetched as the clerk and read back with pdf.js.
import { ok, type Platform } from './harness.ts';
import { type PdfPage, readPdf } from './pdf-text.ts';

type AsUser = (user: string, query: string, variables?: Record<string, unknown>) => Promise<{ data?: unknown; errors?: unknown }>;

export async function signedAndPrinted(p: Platform, as: { gql: AsUser; tokens: Record<string, string> }, clerk: string, title: string): Promise<PdfPage[]> {
  const delivery = ok<{ nodes: { id: string }[] }>(
    await as.gql(clerk, 'query($s: String!) { inbox(filter: {search: $s}) { nodes { id } } }', { s: title }),
    'inbox',
  ).nodes[0]?.id;
  ok(await as.gql(clerk, 'mutation($id: ID!) { signForDelivery(id: $id) { id } }', { id: delivery }), 'signForDelivery');
  const print = ok<{ pdfSha256: string }>(
    await as.gql(clerk, 'mutation($id: ID!) { printDelivery(id: $id) { pdfSha256 } }', { id: delivery }),
    'printDelivery',
  );
  const pdf = await fetch(`${p.gatewayUrl.replace('/graphql', '/blobs')}/${print.pdfSha256}`, { headers: { authorization: `Bearer ${as.tokens[clerk]}` } });
  return readPdf(Buffer.from(await pdf.arrayBuffer()));
}
