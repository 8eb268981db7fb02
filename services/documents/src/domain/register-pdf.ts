// The registers as printable PDFs (A4 landscape): the 收文登记簿 of a period (app/intake-register.ts) and the
// 发文登记簿 of a year (app/numbering.ts), one table layout for both — a header with the unit's name, the register and
// the year, what the copy covers, who printed it (by name) and when (Beijing time); the column heads again at the top of every
// page; a row never split across pages; "第 n 页 共 m 页" at the foot of each page. In domain/ because it is a plain
// function of its inputs (no database, caller or request).

import { beijingDate, beijingMinute } from '@yizhan/common';
import PDFDocument from 'pdfkit';
import { MM } from './gbt9704.ts';
import { REGISTER_COLUMNS, type RegisterRow, registerCells } from './intake.ts';
import { FONT_FILES } from './print-fonts.ts';

/** A register's table: its columns (label and share of the width), its rows as text, what the copy covers. */
export interface RegisterTable {
  orgName: string;
  /** 收文登记簿, 发文登记簿. */
  register: string;
  year: number;
  /** What the copy covers (the period, the 机关代字, a search), shown under the title. */
  scope: string;
  columns: { label: string; width: number }[];
  rows: string[][];
  /** Rows drawn in grey (a voided number). */
  muted?: boolean[];
  /** The line shown when there are no rows. */
  empty: string;
  /** Who printed it, by name (打印人): a register's copy says whose it was. */
  printedBy: string;
  printedAt?: Date;
}

const FOOT_MM = 8;

/** The register drawn as a table on A4 landscape pages, numbered. */
export function renderRegisterTable(t: RegisterTable): Promise<Buffer> {
  const title = `${t.orgName}${t.register}（${t.year}年）`;
  const pdf = new PDFDocument({
    size: 'A4',
    layout: 'landscape',
    margins: { top: 15 * MM, bottom: 15 * MM, left: 12 * MM, right: 12 * MM },
    bufferPages: true,
    info: { Title: title, Author: t.orgName, Creator: 'Yizhan 驿站' },
  });
  pdf.registerFont('regular', FONT_FILES.song);
  pdf.registerFont('bold', FONT_FILES.xbs);
  const chunks: Buffer[] = [];
  pdf.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) => pdf.on('end', () => resolve(Buffer.concat(chunks))));
  const left = pdf.page.margins.left;
  const width = pdf.page.width - left - pdf.page.margins.right;
  const total = t.columns.reduce((s, c) => s + c.width, 0);
  const cols = t.columns.map((c) => (c.width / total) * width);
  const bottom = () => pdf.page.height - pdf.page.margins.bottom;

  pdf.font('bold').fontSize(16).fillColor('black').text(title, left, pdf.y, { width, align: 'center' });
  pdf
    .moveDown(0.3)
    .font('regular')
    .fontSize(9)
    .text(`${t.scope}　共 ${t.rows.length} 条　打印人：${t.printedBy}　打印时间：${beijingMinute(t.printedAt ?? new Date())}（北京时间）`, {
      width,
      align: 'center',
    });
  pdf.moveDown(0.6);

  const heightOf = (cells: string[], bold: boolean) => {
    pdf.font(bold ? 'bold' : 'regular').fontSize(8);
    return Math.max(14, ...cells.map((c, i) => pdf.heightOfString(c || ' ', { width: (cols[i] as number) - 4 }) + 5));
  };
  const draw = (cells: string[], bold: boolean, color: string) => {
    const height = heightOf(cells, bold);
    const y = pdf.y;
    let x = left;
    pdf.fillColor(color);
    cells.forEach((c, i) => {
      pdf.text(c, x + 2, y + 2, { width: (cols[i] as number) - 4 });
      x += cols[i] as number;
    });
    pdf.fillColor('black');
    pdf.y = y + height;
    pdf.x = left;
    pdf
      .moveTo(left, pdf.y - 1)
      .lineTo(left + width, pdf.y - 1)
      .lineWidth(bold ? 0.8 : 0.4)
      .strokeColor(bold ? '#333333' : '#999999')
      .stroke();
  };
  const head = t.columns.map((c) => c.label);
  draw(head, true, 'black');
  t.rows.forEach((cells, i) => {
    // A row never split: it starts the next page, under the column heads again.
    if (pdf.y + heightOf(cells, false) > bottom()) {
      pdf.addPage();
      pdf.font('regular').fontSize(9).text(`${title}（续）`, left, pdf.y, { width, align: 'left' });
      pdf.moveDown(0.4);
      draw(head, true, 'black');
    }
    draw(cells, false, t.muted?.[i] ? '#777777' : 'black');
  });
  if (!t.rows.length) pdf.moveDown(1).font('regular').fontSize(9).text(t.empty, left, pdf.y, { width, align: 'center' });

  numberPages(pdf, { left, width, footMm: FOOT_MM });
  pdf.end();
  return done;
}

/** 页码 on every page of a buffered document, centred `footMm` above the paper's foot: 第 n 页 共 m 页 (the registers, the forms). */
export function numberPages(pdf: PDFKit.PDFDocument, at: { left: number; width: number; footMm: number }): void {
  const range = pdf.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    pdf.switchToPage(i);
    const margin = pdf.page.margins.bottom;
    pdf.page.margins.bottom = 0;
    pdf
      .font('regular')
      .fontSize(9)
      .fillColor('black')
      .text(`第 ${i + 1} 页 共 ${range.count} 页`, at.left, pdf.page.height - at.footMm * MM - 9, { width: at.width, align: 'center', lineBreak: false });
    pdf.page.margins.bottom = margin;
  }
}

export interface IntakeRegisterForPrint {
  orgName: string;
  year: number;
  from: Date | null;
  to: Date | null;
  search: string | null;
  rows: RegisterRow[];
  printedBy: string;
}

/** The 收文登记簿 of a period, one entry per row, columns as REGISTER_COLUMNS. */
export function renderIntakeRegister(r: IntakeRegisterForPrint): Promise<Buffer> {
  const period =
    r.from || r.to ? `收文时间：${r.from ? beijingDate(r.from) : '年初'} 至 ${r.to ? beijingDate(new Date(r.to.getTime() - 1)) : '年末'}` : `${r.year}年全年`;
  // 收文编号 来文单位 文号 标题 文种 紧急程度 份数 收文时间 签收人 承办 办理情况
  // 收文编号 wide enough for 收〔2026〕1234号 on one line at 8 pt; the title gives it the room.
  const widths = [0.12, 0.12, 0.11, 0.21, 0.04, 0.05, 0.03, 0.09, 0.07, 0.07, 0.09];
  return renderRegisterTable({
    orgName: r.orgName,
    register: '收文登记簿',
    year: r.year,
    scope: `${period}${r.search ? `　检索：${r.search}` : ''}`,
    columns: REGISTER_COLUMNS.map((label, i) => ({ label, width: widths[i] as number })),
    rows: r.rows.map(registerCells),
    empty: '本期无收文登记。',
    printedBy: r.printedBy,
  });
}

/** One number of the 发文登记簿 as printed. */
export interface OutgoingRegisterRow {
  docNumber: string;
  title: string;
  mainTo: string | null;
  status: 'SENT' | 'RESERVED' | 'VOIDED';
  numberedAt: Date;
  sentAt: Date | null;
  /** When it was voided (作废), and why. */
  at: Date;
  voidReason: string | null;
  /** 经办人 by name: who voided it, who asked for the stamp that numbered it, or who sent it. */
  handlerName: string | null;
}

export const OUTGOING_STATUS_WORDS: Record<OutgoingRegisterRow['status'], string> = { SENT: '已发', RESERVED: '已编号待发', VOIDED: '作废' };

export const OUTGOING_REGISTER_COLUMNS = ['发文字号', '标题', '主送', '编号时间', '发出时间', '经办人', '状态'];

/** The cells of one number, in OUTGOING_REGISTER_COLUMNS order (times in Beijing time, to the minute). */
export function outgoingRegisterCells(r: OutgoingRegisterRow): string[] {
  const state = r.status === 'VOIDED' ? `作废（${beijingMinute(r.at)}）${r.voidReason ? `：${r.voidReason}` : ''}` : OUTGOING_STATUS_WORDS[r.status];
  return [r.docNumber, r.title, r.mainTo ?? '—', beijingMinute(r.numberedAt), r.sentAt ? beijingMinute(r.sentAt) : '—', r.handlerName ?? '—', state];
}

/** The 发文登记簿 of a year (of one 机关代字, or all): every number in order, voided ones in grey. */
export function renderOutgoingRegister(r: {
  orgName: string;
  year: number;
  prefix: string | null;
  rows: OutgoingRegisterRow[];
  printedBy: string;
}): Promise<Buffer> {
  const widths = [0.13, 0.25, 0.15, 0.09, 0.09, 0.11, 0.18];
  const counts = (s: OutgoingRegisterRow['status']) => r.rows.filter((x) => x.status === s).length;
  return renderRegisterTable({
    orgName: r.orgName,
    register: '发文登记簿',
    year: r.year,
    scope: `${r.year}年全年　${r.prefix ? `机关代字：${r.prefix}` : '全部机关代字'}　已发 ${counts('SENT')}　已编号待发 ${counts('RESERVED')}　作废 ${counts('VOIDED')}`,
    columns: OUTGOING_REGISTER_COLUMNS.map((label, i) => ({ label, width: widths[i] as number })),
    rows: r.rows.map(outgoingRegisterCells),
    muted: r.rows.map((x) => x.status === 'VOIDED'),
    empty: '该年度没有发文字号。',
    printedBy: r.printedBy,
  });
}
