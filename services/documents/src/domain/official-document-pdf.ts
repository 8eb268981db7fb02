// The printed official document as a PDF: the layout (print-layout.ts: GB/T 9704-2012's elements on the grid, the
// same layout the OFD 版式 file is written from) drawn with pdfkit, operation by operation, page by page. Also the 通报
// (a bulletin is an official document too); the registers' tables are register-pdf.ts's. In domain/ because it is the standard's
// layout as a plain function of its inputs (no database, caller or request); print.ts and bulletin.ts in app/ both
// use it.

import { beijingDate } from '@yizhan/common';
import { PDFDocument as PdfLibDocument } from 'pdf-lib';
import PDFDocument from 'pdfkit';
import { chineseDate, PAGE } from './gbt9704.ts';
import { type LaidOutDocument, layoutOfficialDocument, type PrintableDocument, type PrintCopy } from './print-layout.ts';

export type { PrintableAttachment, PrintableDocument, PrintCopy } from './print-layout.ts';

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
  let multiply: PDFKit.PDFKitReference | undefined;
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
      } else if (op.kind === 'page') {
        // An attachment's own page: pdfkit cannot draw another PDF's page; attachedPagesDrawn does, after.
      } else {
        // A seal is ink over the text: multiplied, the black 署名 and date under its red stay legible (a plain image
        // hid the characters its strokes crossed). pdfkit has no blend-mode call: the graphics state is its own.
        if (!multiply) {
          multiply = pdf.ref({ Type: 'ExtGState', BM: 'Multiply' });
          (multiply as unknown as { end(): void }).end();
        }
        pdf.save();
        (pdf.page as unknown as { ext_gstates: Record<string, unknown> }).ext_gstates.GsSeal = multiply;
        pdf.addContent('/GsSeal gs');
        pdf.image(op.png, op.x, op.y, { width: op.width });
        pdf.restore();
      }
    }
  }
  pdf.end();
  return done;
}

// An attachment's PDF is read once per print: counted for the layout, then embedded by the same parse. Keyed by the
// bytes the print holds, so it lasts as long as they do.
const parsed = new WeakMap<Uint8Array, Promise<PdfLibDocument>>();
function parsedPdf(bytes: Uint8Array): Promise<PdfLibDocument> {
  const known = parsed.get(bytes);
  if (known) return known;
  const loading = PdfLibDocument.load(bytes, { updateMetadata: false });
  parsed.set(bytes, loading);
  return loading;
}

/** The pages of a PDF, or null where it cannot be read (damaged, encrypted): such an attachment is described instead. */
export async function pdfPageCount(bytes: Uint8Array): Promise<number | null> {
  try {
    return (await parsedPdf(bytes)).getPageCount();
  } catch {
    return null;
  }
}

/**
 * The attachments' own pages drawn into the boxes the layout kept for them, each scaled to fit and centred (pdf-lib
 * embeds another PDF's page, which pdfkit cannot). A print without them is returned as drawn.
 */
async function attachedPagesDrawn(pdf: Buffer, laid: LaidOutDocument, doc: PrintableDocument): Promise<Buffer> {
  const boxes = laid.pages.flatMap((ops, page) => ops.flatMap((op) => (op.kind === 'page' ? [{ ...op, on: page }] : [])));
  if (!boxes.length) return pdf;
  const out = await PdfLibDocument.load(pdf, { updateMetadata: false });
  for (const box of boxes) {
    const bytes = doc.attachments?.[box.attachment]?.pdf?.bytes;
    if (!bytes) continue;
    const [embedded] = await out.embedPdf(await parsedPdf(bytes), [box.page]);
    if (!embedded) continue;
    const scale = Math.min(box.width / embedded.width, box.height / embedded.height);
    const [w, h] = [embedded.width * scale, embedded.height * scale];
    // pdf-lib measures from the page's foot, the layout from its head.
    out.getPage(box.on).drawPage(embedded, { x: box.x + (box.width - w) / 2, y: PAGE.height - box.y - h, width: w, height: h });
  }
  // Our own content streams stay as drawn (readable, as every print's); only the drawn pages' are new.
  return Buffer.from(await out.save({ useObjectStreams: false, updateFieldAppearances: false }));
}

/** The printed document: laid out once (print-layout.ts), drawn as a PDF, with its attachments' own pages. */
export async function renderOfficialDocument(doc: PrintableDocument, copy: PrintCopy): Promise<Buffer> {
  const laid = await layoutOfficialDocument(doc, copy);
  const drawn = await drawPdf(laid, {
    Title: doc.title,
    Author: doc.orgName,
    Subject: doc.docNumber ?? '',
    Keywords: copy.withinQuota ? `official-copy red-header${copy.seal?.png ? ' verified-seal' : ''}` : 'copy-without-legal-force',
    Creator: 'Yizhan 驿站',
  });
  return attachedPagesDrawn(drawn, laid, doc);
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
    : // Said as it is: what fell due was signed for in time; what is still within its time limit is not counted.
      `<p>${period}，各单位到期应签收的电子公文均已按时签收（尚未到签收时限的不计），特此通报。</p>`;
  const today = day(new Date());
  return renderOfficialDocument(
    {
      orgName: b.orgName,
      docType: '通报',
      docNumber: null,
      title: b.title,
      // A 通报 of receipts goes to the units it speaks of.
      mainTo: '各有关单位',
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

/** 考核评比结果 (domain/assessment.ts) as a document: a 通报 of the unit that scored, its body the published text. */
export function assessmentForPrint(a: { orgName: string; title: string; bodyHtml: string; publishedAt: Date }): PrintableDocument {
  const at = day(a.publishedAt);
  return {
    orgName: a.orgName,
    docType: '通报',
    docNumber: null,
    title: a.title,
    mainTo: '各有关单位',
    ccTo: null,
    bodyText: a.bodyHtml,
    signatureLine: a.orgName,
    docDate: at,
    notes: null,
    printingOrg: a.orgName,
    printingDate: at,
    urgency: 'NORMAL',
    signer: null,
  };
}

/** 考核评比结果 printed: its 通报 (assessmentForPrint) as an official copy. */
export function renderAssessment(a: { orgName: string; title: string; bodyHtml: string; publishedAt: Date }): Promise<Buffer> {
  return renderOfficialDocument(assessmentForPrint(a), { withinQuota: true });
}
