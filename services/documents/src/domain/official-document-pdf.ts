// The printed official document as a PDF: the layout (print-layout.ts: GB/T 9704-2012's elements on the grid, the
// same layout the OFD 版式 file is written from) drawn with pdfkit, operation by operation, page by page. Also the 通报
// (a bulletin is an official document too) and the 收文登记簿 of a period. In domain/ because it is the standard's
// layout as a plain function of its inputs (no database, caller or request); print.ts and bulletin.ts in app/ both
// use it.

import { beijingDate } from '@yizhan/common';
import PDFDocument from 'pdfkit';
import { chineseDate, MM } from './gbt9704.ts';
import { chinaMinute, REGISTER_COLUMNS, type RegisterRow, registerCells } from './intake.ts';
import { FONT_FILES } from './print-fonts.ts';
import { type LaidOutDocument, layoutOfficialDocument, type PrintableDocument, type PrintCopy } from './print-layout.ts';

export type { PrintableAttachment, PrintableDocument, PrintCopy } from './print-layout.ts';

const FONT_REGULAR = FONT_FILES.song;
const FONT_BOLD = FONT_FILES.xbs;

/** The laid-out pages drawn with pdfkit: each text run in its font file, rules, rectangles and images as laid out. */
function drawPdf(laid: LaidOutDocument, info: PDFKit.DocumentInfo): Promise<Buffer> {
  const pdf = new PDFDocument({
    size: 'A4',
    margins: { top: 0, bottom: 0, left: 0, right: 0 },
    autoFirstPage: false,
    // Content streams stay readable so tests (and auditors) can see what a copy carries.
    compress: false,
    info,
  });
  const chunks: Buffer[] = [];
  pdf.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) => pdf.on('end', () => resolve(Buffer.concat(chunks))));
  const registered = new Set<string>();
  for (const ops of laid.pages) {
    pdf.addPage();
    for (const op of ops) {
      if (op.kind === 'text') {
        if (!registered.has(op.font)) {
          pdf.registerFont(op.font, laid.fonts.get(op.font) as Buffer);
          registered.add(op.font);
        }
        pdf.font(op.font).fontSize(op.size);
        pdf.fillColor(op.color).text(op.text, op.x, op.y, { lineBreak: false, baseline: 'alphabetic', characterSpacing: op.spacing });
      } else if (op.kind === 'line') {
        pdf.moveTo(op.x0, op.y0).lineTo(op.x1, op.y1).lineWidth(op.width).strokeColor(op.color).stroke();
      } else if (op.kind === 'rect') {
        pdf.lineWidth(op.width).strokeColor(op.color).rect(op.x, op.y, op.w, op.h).stroke();
      } else {
        pdf.image(op.png, op.x, op.y, { width: op.width });
      }
    }
  }
  pdf.end();
  return done;
}

/** The printed document: laid out once (print-layout.ts), drawn as a PDF. */
export async function renderOfficialDocument(doc: PrintableDocument, copy: PrintCopy): Promise<Buffer> {
  const laid = await layoutOfficialDocument(doc, copy);
  return drawPdf(laid, {
    Title: doc.title,
    Author: doc.orgName,
    Subject: doc.docNumber ?? '',
    Keywords: copy.withinQuota ? `official-copy red-header${copy.seal?.png ? ' verified-seal' : ''}` : 'copy-without-legal-force',
    Creator: 'Yizhan 驿站',
  });
}

export interface BulletinForPrint {
  orgName: string;
  title: string;
  periodFrom: Date;
  periodTo: Date;
  rows: { recipientName: string; total: number; onTime: number; late: number; missing: number; onTimeRate: number }[];
}

const day = (d: Date) => beijingDate(d);

/**
 * A bulletin (通报) is an official document: printed as one (GB/T 9704, the unit's red banner, title, 正文, 署名 and
 * date, 版记), its body a paragraph on the period and the table of units (unit, due, on time, late, missing, on-time
 * rate) through the body's structure (body.ts). Issued by the platform on the unit's behalf: no 份号 and no seal.
 */
export function renderBulletin(b: BulletinForPrint): Promise<Buffer> {
  const cell = (t: string) => `<td>${t.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</td>`;
  const period = `${chineseDate(day(b.periodFrom))}至${chineseDate(day(new Date(b.periodTo.getTime() - 1)))}`;
  const rows = b.rows.map(
    (r) =>
      `<tr>${[r.recipientName, String(r.total), String(r.onTime), String(r.late), String(r.missing), `${(r.onTimeRate * 100).toFixed(1)}%`].map(cell).join('')}</tr>`,
  );
  const body = b.rows.length
    ? [
        `<p>现将${period}各单位电子公文接收情况通报如下。以下单位存在迟签或未签收：</p>`,
        `<table><tr><th>单位</th><th>应收</th><th>按时签收</th><th>迟签</th><th>未签收</th><th>按时率</th></tr>${rows.join('')}</table>`,
        '<p>请上述单位切实加强电子公文的接收和签收工作，每个工作日9:00和15:00各查收一次，确保按时签收。</p>',
      ].join('')
    : `<p>${period}，各单位均按时签收电子公文，特此通报。</p>`;
  const today = day(new Date());
  return renderOfficialDocument(
    {
      orgName: b.orgName,
      docType: '通报',
      docNumber: null,
      title: b.title,
      mainTo: null,
      ccTo: null,
      bodyText: body,
      signatureLine: b.orgName,
      docDate: today,
      notes: null,
      printingOrg: b.orgName,
      printingDate: today,
      urgency: 'NORMAL',
      signer: null,
    },
    { withinQuota: true },
  );
}

export interface IntakeRegisterForPrint {
  orgName: string;
  year: number;
  from: Date | null;
  to: Date | null;
  search: string | null;
  rows: RegisterRow[];
}

/** The 收文登记簿 of a period as a printable table (A4 landscape), one entry per line, columns as REGISTER_COLUMNS. */
export function renderIntakeRegister(r: IntakeRegisterForPrint): Promise<Buffer> {
  const title = `${r.orgName}收文登记簿（${r.year}年）`;
  const pdf = new PDFDocument({
    size: 'A4',
    layout: 'landscape',
    margins: { top: 15 * MM, bottom: 15 * MM, left: 12 * MM, right: 12 * MM },
    info: { Title: title, Author: r.orgName, Creator: 'Yizhan 驿站' },
  });
  pdf.registerFont('regular', FONT_REGULAR);
  pdf.registerFont('bold', FONT_BOLD);
  const chunks: Buffer[] = [];
  pdf.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) => pdf.on('end', () => resolve(Buffer.concat(chunks))));
  const left = pdf.page.margins.left;
  const width = pdf.page.width - left - pdf.page.margins.right;
  pdf.font('bold').fontSize(16).text(title, { width, align: 'center' });
  const period = r.from || r.to ? `收文时间：${r.from ? day(r.from) : '年初'} 至 ${r.to ? day(new Date(r.to.getTime() - 1)) : '年末'}` : `${r.year}年全年`;
  pdf
    .moveDown(0.3)
    .font('regular')
    .fontSize(9)
    .text(`${period}${r.search ? `　检索：${r.search}` : ''}　共 ${r.rows.length} 件　打印时间：${chinaMinute(new Date())}`, { width, align: 'center' });
  pdf.moveDown(0.6);
  // 收文编号 来文单位 文号 标题 文种 紧急程度 份数 收文时间 签收人 承办 办理情况
  const cols = [0.08, 0.12, 0.11, 0.25, 0.04, 0.05, 0.03, 0.09, 0.07, 0.07, 0.09].map((f) => f * width);
  const row = (cells: string[], bold = false) => {
    pdf.font(bold ? 'bold' : 'regular').fontSize(8);
    const height = Math.max(14, ...cells.map((c, i) => pdf.heightOfString(c, { width: (cols[i] as number) - 4 }) + 5));
    if (pdf.y + height > pdf.page.height - pdf.page.margins.bottom) pdf.addPage();
    const y = pdf.y;
    let x = left;
    cells.forEach((c, i) => {
      pdf.text(c, x + 2, y + 2, { width: (cols[i] as number) - 4 });
      x += cols[i] as number;
    });
    pdf.y = y + height;
    pdf.x = left;
    pdf
      .moveTo(left, pdf.y - 1)
      .lineTo(left + width, pdf.y - 1)
      .lineWidth(0.4)
      .strokeColor('#999999')
      .stroke();
  };
  row(REGISTER_COLUMNS, true);
  for (const e of r.rows) row(registerCells(e));
  if (!r.rows.length) pdf.moveDown(1).text('本期无收文登记。', left, pdf.y, { width, align: 'center' });
  pdf.end();
  return done;
}
