// Tables the dashboard exports (the delivery board, the overdue list, the 收文登记簿, rankings and 通报), as CSV
// (UTF-8 with a byte-order mark and CRLF, which Excel and WPS read as Chinese) or as an XLSX workbook: the same rows
// and Chinese headers, counts as numbers and rates as percentages, the header row bold, frozen and filterable, columns
// as wide as their text. exceljs is loaded only when a clerk asks for a workbook (it is about 1 MB). Times are passed
// in already formatted as Beijing time (lib/format.ts), so a workbook opened anywhere shows what the screen showed.

export type Cell = string | number | null | undefined;
export type SheetFormat = 'csv' | 'xlsx';

export interface Table {
  /** The sheet's name and the workbook's title (a file name is made by the caller). */
  title: string;
  /** Column headers, already in the interface's language. */
  header: string[];
  rows: Cell[][];
  /** Indexes of columns holding rates between 0 and 1, shown as percentages in the workbook. */
  percent?: number[];
}

/** A cell as CSV: quoted when needed; a leading =, +, - or @ is quoted off so a spreadsheet does not run it. */
export function csvCell(v: Cell): string {
  const raw = v === null || v === undefined ? '' : String(v);
  const s = typeof v === 'string' && /^[=+\-@\t\r]/.test(raw) ? `'${raw}` : raw;
  return /[",\n\r]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

/** The table as CSV text, with the byte-order mark. */
export function toCsv(table: Table): string {
  const cells = (r: Cell[]) => r.map((v, i) => (table.percent?.includes(i) && typeof v === 'number' ? `${(v * 100).toFixed(1)}%` : v));
  const lines = [table.header, ...table.rows.map(cells)].map((r) => r.map(csvCell).join(','));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

/**
 * CSV text (RFC 4180: quoted fields with doubled quotes and line breaks, CRLF or LF) as rows of strings; a leading
 * byte-order mark is dropped. Used for the exports the platform makes itself (the register, a 通报), so the workbook
 * holds exactly the rows of the CSV.
 */
export function parseCsv(text: string): string[][] {
  const src = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < src.length; i++) {
    const c = src[i];
    if (quoted) {
      if (c === '"' && src[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\r' || c === '\n') {
      if (c === '\r' && src[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

/** A CSV the platform made (header first) as a table; whole numbers become numbers, a formula guard is taken off. */
export function tableFromCsv(title: string, csv: string): Table {
  const [header = [], ...rows] = parseCsv(csv);
  const cell = (s: string): Cell => (/^(0|[1-9]\d{0,14})$/.test(s) ? Number(s) : /^'[=+\-@]/.test(s) ? s.slice(1) : s);
  return { title, header, rows: rows.map((r) => r.map(cell)) };
}

/** How wide a text is on screen, in Excel's character widths: Chinese characters take two. */
const textWidth = (s: string) => [...s].reduce((w, ch) => w + (/[\u2E80-\uFFEF]/.test(ch) ? 2 : 1), 0);

/** A sheet name Excel accepts: at most 31 characters, none of []:*?/\ . */
export const sheetName = (title: string) =>
  title
    .replace(/[[\]:*?/\\]/g, ' ')
    .trim()
    .slice(0, 31) || 'Sheet1';

/** The table as an XLSX workbook (one sheet). */
export async function toXlsx(table: Table): Promise<ArrayBuffer> {
  // The browser gets exceljs's own bundle (its package's "browser" entry), a CommonJS module seen as a default export.
  const mod = await import('exceljs');
  const ExcelJS = (mod as unknown as { default?: typeof mod }).default ?? mod;
  const wb = new ExcelJS.Workbook();
  wb.creator = '驿站';
  wb.title = table.title;
  wb.created = new Date();
  const ws = wb.addWorksheet(sheetName(table.title), { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.addRow(table.header);
  for (const r of table.rows) ws.addRow(r.map((v) => (v === null || v === undefined ? '' : v)));
  const head = ws.getRow(1);
  head.font = { bold: true };
  head.alignment = { vertical: 'middle' };
  head.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFEDEFF3' } };
  table.header.forEach((h, i) => {
    const col = ws.getColumn(i + 1);
    const widest = Math.max(textWidth(h), ...table.rows.map((r) => textWidth(String(r[i] ?? ''))));
    col.width = Math.min(60, Math.max(8, widest + 2));
    if (table.percent?.includes(i)) col.numFmt = '0.0%';
  });
  if (table.header.length) ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: table.header.length } };
  return (await wb.xlsx.writeBuffer()) as ArrayBuffer;
}

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The file name for a table: `base.csv` or `base.xlsx`. */
export const tableFile = (base: string, format: SheetFormat) => `${base.replace(/[\\/:*?"<>|]/g, '_')}.${format}`;

/** The table's bytes and type in the format asked for. */
export async function tableBlob(table: Table, format: SheetFormat): Promise<Blob> {
  return format === 'csv' ? new Blob([toCsv(table)], { type: 'text/csv;charset=utf-8' }) : new Blob([await toXlsx(table)], { type: XLSX_TYPE });
}
