// The printed official document (GB/T 9704-2012 layout, simplified): 份号 and urgency at the top left, the red
// 发文机关标志 and red rule, 发文字号, title, 主送, body, 落款 and date with the sender's verified seal over them,
// 附注, and the footer block (抄送, 印发机关 and 印发日期). Beyond the print quota (seed 001 §11) the copy has no red
// header and no seal and is marked as a copy without legal force. The CJK font (Noto Serif SC, SIL OFL) ships in an npm package.
// Also the 通报 (a bulletin is an official document too) and the 收文登记簿 of a period. In domain/ because it is the standard's layout as a plain
// function of its inputs (no database, caller or request); print.ts and bulletin.ts in app/ both use it.

import { createRequire } from 'node:module';
import { beijingDate } from '@yizhan/common';
import PDFDocument from 'pdfkit';
import { chinaMinute, REGISTER_COLUMNS, type RegisterRow, registerCells } from './intake.ts';

const require = createRequire(import.meta.url);
const FONT_REGULAR = require.resolve('@expo-google-fonts/noto-serif-sc/400Regular/NotoSerifSC_400Regular.ttf');
const FONT_BOLD = require.resolve('@expo-google-fonts/noto-serif-sc/700Bold/NotoSerifSC_700Bold.ttf');

const RED = '#c8161d';
const MM = 72 / 25.4;

export interface PrintableDocument {
  orgName: string;
  docNumber: string | null;
  title: string;
  mainTo: string | null;
  ccTo: string | null;
  bodyText: string;
  signatureLine: string | null;
  docDate: string | null;
  notes: string | null;
  printingOrg: string | null;
  printingDate: string | null;
  urgency: string;
  signer: string | null;
}

export interface PrintCopy {
  copyNumber: number;
  withinQuota: boolean;
  recipientName: string;
  /** The sender's seal as verified for this print (验证印章, seed 004): its image only when every check passed. */
  seal?: { png: Buffer | null; note: string };
}

/** Plain paragraphs from the stored body (plain text or simple HTML). */
export function bodyParagraphs(body: string): string[] {
  return body
    .replace(/<\/(p|div|h\d|li)>/gi, '\n')
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
}

const chineseDate = (iso: string | null) => {
  if (!iso) return '';
  const [y, m, d] = iso.split('-').map(Number);
  return `${y}年${m}月${d}日`;
};

export function renderOfficialDocument(doc: PrintableDocument, copy: PrintCopy): Promise<Buffer> {
  const pdf = new PDFDocument({
    size: 'A4',
    margins: { top: 37 * MM, bottom: 35 * MM, left: 28 * MM, right: 26 * MM },
    // Content streams stay readable so tests (and auditors) can see what a copy carries.
    compress: false,
    info: {
      Title: doc.title,
      Author: doc.orgName,
      Subject: doc.docNumber ?? '',
      Keywords: copy.withinQuota ? `official-copy red-header${copy.seal?.png ? ' verified-seal' : ''}` : 'copy-without-legal-force',
      Creator: 'Yizhan 驿站',
    },
  });
  pdf.registerFont('regular', FONT_REGULAR);
  pdf.registerFont('bold', FONT_BOLD);
  const chunks: Buffer[] = [];
  pdf.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) => pdf.on('end', () => resolve(Buffer.concat(chunks))));
  const width = pdf.page.width - pdf.page.margins.left - pdf.page.margins.right;
  const left = pdf.page.margins.left;

  // 份号 and urgency, top left.
  pdf.font('regular').fontSize(12).fillColor('black');
  pdf.text(String(copy.copyNumber).padStart(6, '0'), left, 20 * MM, { lineBreak: false });
  if (doc.urgency !== 'NORMAL') pdf.font('bold').text(doc.urgency === 'EXTRA_URGENT' ? '特急' : '加急', left, 26 * MM, { lineBreak: false });

  if (copy.withinQuota) {
    // 发文机关标志: red, centred, then the red rule under the document number.
    pdf
      .font('bold')
      .fontSize(30)
      .fillColor(RED)
      .text(`${doc.orgName}文件`, left, 40 * MM, { width, align: 'center' });
  } else {
    pdf
      .font('bold')
      .fontSize(14)
      .fillColor('black')
      .text('复印件 · 超出打印份数 · 无红头无印章 · 不具法律效力', left, 40 * MM, { width, align: 'center' });
    pdf.font('regular').fontSize(14).text(doc.orgName, { width, align: 'center' });
  }
  pdf
    .moveDown(1.2)
    .font('regular')
    .fontSize(16)
    .fillColor('black')
    .text(doc.docNumber ?? '', { width, align: 'center' });
  const ruleY = pdf.y + 4 * MM;
  pdf
    .moveTo(left, ruleY)
    .lineTo(left + width, ruleY)
    .lineWidth(1.5)
    .strokeColor(copy.withinQuota ? RED : 'black')
    .stroke();
  pdf.y = ruleY + 10 * MM;

  pdf.font('bold').fontSize(22).fillColor('black').text(doc.title, left, pdf.y, { width, align: 'center' });
  pdf.moveDown(1);
  if (doc.mainTo) pdf.font('regular').fontSize(16).text(`${doc.mainTo}：`, { width });
  pdf.font('regular').fontSize(16);
  for (const para of bodyParagraphs(doc.bodyText)) {
    if (doc.mainTo && para.startsWith(doc.mainTo)) continue;
    pdf.text(para, { width, indent: 32, lineGap: 6 });
  }

  // 落款 and date, right-aligned, with the seal over them.
  pdf.moveDown(2);
  const signatureY = pdf.y;
  pdf.text(doc.signatureLine ?? doc.orgName, { width: width - 16, align: 'right' });
  pdf.text(chineseDate(doc.docDate), { width: width - 16, align: 'right' });
  const afterSignature = pdf.y;
  // The verified seal over the signature and date, as a seal is pressed on paper; nothing when it did not verify.
  if (copy.withinQuota && copy.seal?.png) pdf.image(copy.seal.png, left + width - 62 * MM, signatureY - 16 * MM, { width: 42 * MM });
  // The image moves pdfkit's cursor; the text flow continues below the date.
  pdf.x = left;
  pdf.y = afterSignature;
  if (doc.notes) pdf.moveDown(1).font('regular').fontSize(14).fillColor('black').text(`（${doc.notes}）`, left, pdf.y, { width, indent: 32, align: 'left' });

  // Footer block: 抄送, then 印发机关 and 印发日期 between rules.
  pdf.moveDown(2).font('regular').fontSize(14).fillColor('black');
  const rule = () => {
    pdf
      .moveTo(left, pdf.y)
      .lineTo(left + width, pdf.y)
      .lineWidth(0.8)
      .strokeColor('black')
      .stroke();
    pdf.moveDown(0.3);
  };
  rule();
  if (doc.ccTo) pdf.text(`抄送：${doc.ccTo}`, { width });
  pdf
    .text(`${doc.printingOrg ?? doc.orgName}`, left, pdf.y, { continued: true, width })
    .text(`  ${chineseDate(doc.printingDate ?? doc.docDate)}印发`, { align: 'right' });
  rule();
  pdf.fontSize(10).fillColor('gray').text(`接收单位：${copy.recipientName}　第 ${copy.copyNumber} 份`, { width, align: 'right' });
  if (copy.withinQuota && copy.seal) pdf.text(copy.seal.note, { width, align: 'right' });
  pdf.end();
  return done;
}

export interface BulletinForPrint {
  orgName: string;
  title: string;
  periodFrom: Date;
  periodTo: Date;
  rows: { recipientName: string; total: number; onTime: number; late: number; missing: number; onTimeRate: number }[];
}

const day = (d: Date) => beijingDate(d);

/** A bulletin (通报) as a printable table: unit, due, on time, late, missing, on-time rate. */
export function renderBulletin(b: BulletinForPrint): Promise<Buffer> {
  const pdf = new PDFDocument({
    size: 'A4',
    margins: { top: 25 * MM, bottom: 25 * MM, left: 22 * MM, right: 22 * MM },
    info: { Title: b.title, Author: b.orgName, Creator: 'Yizhan 驿站' },
  });
  pdf.registerFont('regular', FONT_REGULAR);
  pdf.registerFont('bold', FONT_BOLD);
  const chunks: Buffer[] = [];
  pdf.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) => pdf.on('end', () => resolve(Buffer.concat(chunks))));
  const left = pdf.page.margins.left;
  const width = pdf.page.width - left - pdf.page.margins.right;
  pdf.font('bold').fontSize(18).text(b.title, { width, align: 'center' });
  pdf
    .moveDown(0.5)
    .font('regular')
    .fontSize(11)
    .text(`${b.orgName}　统计期间：${day(b.periodFrom)} 至 ${day(b.periodTo)}`, { width, align: 'center' });
  pdf.moveDown(1);
  const cols = [0.4, 0.12, 0.12, 0.12, 0.12, 0.12].map((f) => f * width);
  const row = (cells: string[], bold = false) => {
    const y = pdf.y;
    let x = left;
    pdf.font(bold ? 'bold' : 'regular').fontSize(11);
    cells.forEach((c, i) => {
      pdf.text(c, x + 2, y, { width: (cols[i] as number) - 4, align: i === 0 ? 'left' : 'right', lineBreak: false });
      x += cols[i] as number;
    });
    pdf.y = y + 18;
    pdf
      .moveTo(left, pdf.y - 3)
      .lineTo(left + width, pdf.y - 3)
      .lineWidth(0.4)
      .strokeColor('#999999')
      .stroke();
  };
  row(['单位', '应收', '按时签收', '迟签', '未签收', '按时率'], true);
  for (const r of b.rows) {
    if (pdf.y > pdf.page.height - pdf.page.margins.bottom - 20) pdf.addPage();
    row([r.recipientName, String(r.total), String(r.onTime), String(r.late), String(r.missing), `${(r.onTimeRate * 100).toFixed(1)}%`]);
  }
  if (!b.rows.length) pdf.moveDown(1).text('本期各单位均按时签收。', { width, align: 'center' });
  pdf.end();
  return done;
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
