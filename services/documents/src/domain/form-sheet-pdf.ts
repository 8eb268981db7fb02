// The office's forms as printable PDFs (A4 portrait): the 收文处理单 a unit files with what it handled and the 发文稿纸
// a drafting unit files with what it sent (domain/sheets.ts fills them in). One layout for both, as the paper forms
// are drawn: the form's name over a ruled table of label and value boxes, the opinion boxes tall enough to write in;
// an opinion longer than the page goes on under its label "（续）" on the next; who printed it (by name) and when
// under the table; "第 n 页 共 m 页" at the foot. In domain/ because it is a plain function of its inputs.

import { beijingMinute } from '@yizhan/common';
import PDFDocument from 'pdfkit';
import { MM } from './gbt9704.ts';
import { FONT_FILES } from './print-fonts.ts';
import { numberPages } from './register-pdf.ts';

/** One box of a row: its label and what is written in it. */
export interface SheetCell {
  label: string;
  value: string;
}

/** A row of the form: one to three boxes side by side; an opinion box at least `minMm` high. */
export interface SheetRow {
  cells: SheetCell[];
  minMm?: number;
}

export interface FormSheet {
  /** The form's name as printed: 陕西省人民政府办公厅收文处理单. */
  title: string;
  /** The line under the name, right-aligned (收文编号, 发文字号). */
  reference: string;
  rows: SheetRow[];
  /** Lines under the table: how the form was made, what its opinions rest on. */
  notes: string[];
  /** Who printed it, by name. */
  printedBy: string;
  printedAt?: Date;
  author: string;
}

const LABEL_MM = 24;
const PAD = 4;
const SIZE = 10.5;
const FOOT_MM = 10;

/** The form drawn on A4 portrait pages, numbered. */
export function renderFormSheet(s: FormSheet): Promise<Buffer> {
  const pdf = new PDFDocument({
    size: 'A4',
    margins: { top: 20 * MM, bottom: 22 * MM, left: 20 * MM, right: 20 * MM },
    bufferPages: true,
    info: { Title: s.title, Author: s.author, Creator: 'Yizhan 驿站' },
  });
  pdf.registerFont('regular', FONT_FILES.song);
  pdf.registerFont('bold', FONT_FILES.xbs);
  pdf.registerFont('label', FONT_FILES.hei);
  const chunks: Buffer[] = [];
  pdf.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) => pdf.on('end', () => resolve(Buffer.concat(chunks))));
  const left = pdf.page.margins.left;
  const width = pdf.page.width - left - pdf.page.margins.right;
  const bottom = () => pdf.page.height - pdf.page.margins.bottom;
  const labelWidth = LABEL_MM * MM;

  pdf.font('bold').fontSize(20).fillColor('black').text(s.title, left, pdf.y, { width, align: 'center' });
  pdf.moveDown(0.3).font('regular').fontSize(SIZE).text(s.reference, left, pdf.y, { width, align: 'right' });
  pdf.moveDown(0.4);

  /** The value boxes' widths of a row of n boxes. */
  const valueWidth = (n: number) => (width - n * labelWidth) / n;
  const textHeight = (text: string, w: number, font: 'regular' | 'label') => {
    pdf.font(font).fontSize(SIZE);
    return pdf.heightOfString(text || ' ', { width: w - 2 * PAD, lineGap: 2 });
  };
  const rowHeight = (row: SheetRow) =>
    Math.max(
      (row.minMm ?? 9) * MM,
      ...row.cells.map((c) => Math.max(textHeight(c.value, valueWidth(row.cells.length), 'regular'), textHeight(c.label, labelWidth, 'label')) + 2 * PAD),
    );
  const drawRow = (row: SheetRow, height: number) => {
    const y = pdf.y;
    const vw = valueWidth(row.cells.length);
    let x = left;
    for (const c of row.cells) {
      pdf.lineWidth(0.7).strokeColor('black').rect(x, y, labelWidth, height).stroke();
      pdf.rect(x + labelWidth, y, vw, height).stroke();
      const lh = textHeight(c.label, labelWidth, 'label');
      pdf
        .font('label')
        .fontSize(SIZE)
        .text(c.label, x + PAD, y + Math.max(PAD, (height - lh) / 2), { width: labelWidth - 2 * PAD, align: 'center', lineGap: 2 });
      pdf
        .font('regular')
        .fontSize(SIZE)
        .text(c.value, x + labelWidth + PAD, y + PAD, { width: vw - 2 * PAD, lineGap: 2 });
      x += labelWidth + vw;
    }
    pdf.x = left;
    pdf.y = y + height;
  };
  /** The longest beginning of `text` that fits `height` in a one-box row, in whole characters (at least one). */
  const fitting = (text: string, height: number): string => {
    const chars = Array.from(text);
    const w = valueWidth(1);
    let lo = 1;
    let hi = chars.length;
    while (lo < hi) {
      const mid = Math.ceil((lo + hi) / 2);
      if (textHeight(chars.slice(0, mid).join(''), w, 'regular') + 2 * PAD <= height) lo = mid;
      else hi = mid - 1;
    }
    return chars.slice(0, lo).join('');
  };

  const page = bottom() - pdf.page.margins.top;
  // Boxes side by side never split: a row of them too tall for a page is written box under box.
  const rows = s.rows.flatMap((row) => (row.cells.length > 1 && rowHeight(row) > page ? row.cells.map((c) => ({ cells: [c] })) : [row]));
  for (const row of rows) {
    let rest = row;
    for (;;) {
      const height = rowHeight(rest);
      const room = bottom() - pdf.y;
      if (height <= room) {
        drawRow(rest, height);
        break;
      }
      // A long opinion fills what is left of the page when that is worth writing in, and goes on overleaf.
      const [only] = rest.cells;
      if (rest.cells.length === 1 && only && room >= 30 * MM) {
        const head = fitting(only.value, room);
        drawRow({ cells: [{ label: only.label, value: head }] }, room);
        pdf.addPage();
        rest = { cells: [{ label: `${only.label.replace(/（续）$/, '')}（续）`, value: only.value.slice(head.length).replace(/^\n/, '') }] };
        continue;
      }
      pdf.addPage();
    }
  }

  pdf.moveDown(0.6).font('regular').fontSize(9);
  for (const line of [...s.notes, `打印人：${s.printedBy}　打印时间：${beijingMinute(s.printedAt ?? new Date())}（北京时间）`]) {
    if (pdf.y + pdf.heightOfString(line, { width, lineGap: 1 }) > bottom()) pdf.addPage();
    pdf.text(line, left, pdf.y, { width, lineGap: 1 });
  }

  numberPages(pdf, { left, width, footMm: FOOT_MM });
  pdf.end();
  return done;
}
