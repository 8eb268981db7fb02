// Small files that are whole in their format (common's file-formats checks each upload at both ends): a PDF with its
// trailer, a Word package with its parts. `note` travels inside, so two files of different notes differ. And a file
// uploaded as a unit's person, as the dashboard does before attaching it.
import assert from 'node:assert/strict';

/** Uploads `content` as `name` through the gateway (POST /blobs) with a person's token; answers its SHA-256. */
export async function uploadFile(gatewayUrl: string, token: string, name: string, content: Uint8Array, contentType: string): Promise<string> {
  const res = await fetch(gatewayUrl.replace('/graphql', '/blobs'), {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': contentType, 'x-filename': encodeURIComponent(name) },
    body: new Uint8Array(content),
  });
  const body = await res.text();
  assert.equal(res.status, 201, `${name}: ${body}`);
  return (JSON.parse(body) as { sha256: string }).sha256;
}

/** A one-page-less PDF whose body carries `note` as a comment: a header, a catalogue, a cross-reference table, its trailer. */
export function tinyPdf(note: string): Buffer {
  const parts = [Buffer.from('%PDF-1.4\n'), Buffer.from(`% ${note}\n`)];
  const offsets: number[] = [];
  const at = () => parts.reduce((n, p) => n + p.length, 0);
  for (const body of ['<< /Type /Catalog /Pages 2 0 R >>', '<< /Type /Pages /Kids [] /Count 0 >>']) {
    offsets.push(at());
    parts.push(Buffer.from(`${offsets.length} 0 obj ${body} endobj\n`));
  }
  const xref = at();
  const rows = offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('');
  parts.push(Buffer.from(`xref\n0 3\n0000000000 65535 f \n${rows}trailer << /Size 3 /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`));
  return Buffer.concat(parts);
}

/** A PDF of `pages` A4 pages, each saying which it is in Helvetica (read back as written): an attachment with pages. */
export async function pagedPdf(pages: number): Promise<Uint8Array> {
  const { default: PDFKit } = await import('pdfkit');
  const pdf = new PDFKit({ size: 'A4', autoFirstPage: false });
  const chunks: Buffer[] = [];
  pdf.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) => pdf.on('end', () => resolve(Buffer.concat(chunks))));
  for (let n = 1; n <= pages; n++) pdf.addPage().font('Helvetica').fontSize(24).text(`Checklist page ${n} of ${pages}`, 72, 72);
  pdf.end();
  return new Uint8Array(await done);
}
