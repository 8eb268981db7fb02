// Rendering cost of the printed document (issue 18): a 10-page body with 3 attachments (two described, one plain
// text printed), laid out as GB/T 9704 says (services/documents/src/domain/official-document-pdf.ts), beside the
// baseline of the same text through pdfkit with no layout of ours (one font, its own wrapping), in the same run.
// The print takes the 份号 before it renders, so prints of one document queue on its counter for this long.
// Run: npm run bench:print -- [documents]
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';
import PDFDocument from 'pdfkit';
import { renderOfficialDocument } from '../services/documents/src/domain/official-document-pdf.ts';
import { bodyText, printDocument as doc } from './print-document.ts';

const n = Number(process.argv[2] ?? 20);
const require = createRequire(import.meta.url);
const FONT = require.resolve('@expo-google-fonts/noto-serif-sc/400Regular/NotoSerifSC_400Regular.ttf');

function baseline(): Promise<Buffer> {
  const pdf = new PDFDocument({ size: 'A4', compress: false });
  pdf.registerFont('regular', FONT);
  const chunks: Buffer[] = [];
  pdf.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) => pdf.on('end', () => resolve(Buffer.concat(chunks))));
  pdf.font('regular').fontSize(16).text(`${doc.title}\n${bodyText}`, { lineGap: 6 });
  pdf.end();
  return done;
}

async function time(label: string, fn: (i: number) => Promise<Buffer>) {
  await fn(0); // fonts loaded, 楷体 subsets decoded
  const ms: number[] = [];
  let bytes = 0;
  for (let i = 1; i <= n; i++) {
    const t = performance.now();
    bytes = (await fn(i)).length;
    ms.push(performance.now() - t);
  }
  ms.sort((a, b) => a - b);
  const at = (q: number) => (ms[Math.min(ms.length - 1, Math.floor(q * ms.length))] as number).toFixed(0);
  console.log(`${label.padEnd(44)} median ${at(0.5)} ms, p90 ${at(0.9)} ms, ${(bytes / 1024).toFixed(0)} KB`);
}

const sample = await renderOfficialDocument(doc, { copyNumber: 1, withinQuota: true, recipientName: '西安市人民政府' });
const pages = (sample.toString('latin1').match(/\/Type \/Page\b/g) ?? []).length;
console.log(`${n} documents each, one process, Node ${process.version}; the print has ${pages} pages`);
await time('GB/T 9704 print (10-page body, 3 attachments)', (i) =>
  renderOfficialDocument(doc, { copyNumber: i + 1, withinQuota: true, recipientName: '西安市人民政府' }),
);
await time('baseline: the same text, pdfkit alone', () => baseline());
