// Rendering cost of the printed document (issue 18): a 10-page body with 3 attachments (two described, one plain
// text printed), laid out as GB/T 9704 says (services/documents/src/domain/official-document-pdf.ts), beside the
// baseline of the same text through pdfkit with no layout of ours (one font, its own wrapping), in the same run.
// The print takes the issue's 份号 before it renders, so prints of one document queue on its counter for this long.
// Run: npm run bench:print -- [documents]
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';
import PDFDocument from 'pdfkit';
import { renderOfficialDocument } from '../services/documents/src/domain/official-document-pdf.ts';

const n = Number(process.argv[2] ?? 20);
const require = createRequire(import.meta.url);
const FONT = require.resolve('@expo-google-fonts/noto-serif-sc/400Regular/NotoSerifSC_400Regular.ttf');

const paragraph = (i: number) =>
  `${i % 6 === 0 ? `${'一二三四五六七八九十'[(i / 6) % 10]}、总体要求。` : i % 6 === 1 ? '（一）明确职责。' : ''}各单位要全面贯彻落实关于电子公文传输的各项要求，切实提高公文处理质量和效率，每个工作日9:00和15:00各查收一次，确保各项工作落到实处，取得实效。`;
// About ten pages of body: 22 lines a page, three lines a paragraph.
const bodyText = Array.from({ length: 70 }, (_, i) => paragraph(i)).join('\n');
const doc = {
  orgName: '陕西省人民政府办公厅',
  docType: '通知',
  docNumber: '陕政办发〔2026〕27号',
  title: '陕西省人民政府办公厅关于切实做好电子公文传输工作的通知',
  mainTo: '各设区市人民政府，省人民政府各工作部门、各直属机构',
  ccTo: '省委办公厅，省人大常委会办公厅，省政协办公厅，省纪委监委',
  bodyText,
  signatureLine: '陕西省人民政府办公厅',
  docDate: '2026-11-30',
  notes: '此件公开发布',
  printingOrg: '陕西省人民政府办公厅',
  printingDate: '2026-11-30',
  urgency: 'URGENT',
  signer: null,
  stamped: true,
  attachments: [
    { name: '电子公文传输单位名单.pdf', size: 320_000, contentType: 'application/pdf', sha256: 'a'.repeat(64) },
    { name: '联系人.txt', size: 600, contentType: 'text/plain', sha256: 'b'.repeat(64), text: paragraph(3).repeat(4) },
    { name: '操作手册.docx', size: 1_200_000, contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', sha256: 'c'.repeat(64) },
  ],
};

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
