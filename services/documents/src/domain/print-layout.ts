// The printed official document as GB/T 9704-2012 lays it out (the figures and rules: gbt9704.ts). 版头: 份号 and
// 紧急程度 in the 版心's top left lines, the red 发文机关标志 35 mm below the 版心's top, the 发文字号 (and on an upward
// document the 签发人 on its line), the red rule 4 mm below; 主体: title, 主送, the body (its structure: body.ts) on the 22 × 28 grid with its
// 层次序数 in their faces, the 附件说明, 发文机关署名 and 成文日期 (with the verified seal over them), 附注; the
// attachments, each on a page of its own; the 版记 (抄送, 印发机关 and 印发日期 between its rules) at the foot of
// the last page, never split; "— n —" page numbers. Beyond the print quota (seed 001 §11) the copy has no red header
// and no seal and is marked as a copy without legal force. The typefaces and their licences: print-fonts.ts.
// The layout is computed once, as pages of drawing operations in points from the page's top left (text runs of one
// font file with each character's advance, rules, rectangles, images); official-document-pdf.ts draws them with
// pdfkit, ofd/ writes them as an OFD (GB/T 33190) package: the print and the 版式 file are one layout. In domain/
// because it is the standard's layout as a plain function of its inputs (no database, caller or request).

import { type BodyBlock, parseBody, repeatsMainTo } from './body.ts';
import {
  attachmentLabel,
  attachmentNote,
  attachmentTitle,
  attendance,
  BANNER_RULE_GAP_MM,
  balancedLines,
  bannerSize,
  bannerText,
  bannerTop,
  breakLines,
  briefingHead,
  CHAR_PITCH,
  ccLine,
  chineseDate,
  copyNumberLabel,
  type Face,
  firstLineBelow,
  IMPRINT_RULE_MM,
  imprintPlacement,
  isUpward,
  jointSealRows,
  LETTER,
  LINE_PITCH,
  LINES_PER_PAGE,
  lineBaseline,
  lineTop,
  MM,
  PAGE,
  PAGE_NUMBER_GAP_MM,
  pageNumbered,
  pageNumberLabel,
  pageNumberSide,
  paragraphRuns,
  type Run,
  SEAL_DIAMETER_MM,
  SEAL_GAP_MM,
  SEAL_ROW_LINES,
  SIZE,
  type SpecialFormat,
  signaturePlacement,
  signerRows,
  specialFormat,
  TYPE_AREA,
  TYPE_AREA_BOTTOM,
  TYPE_AREA_RIGHT,
  urgencyLabel,
  wordStarts,
} from './gbt9704.ts';

import { fontFor, hasGlyph, measureAdvance, prepareKai } from './print-fonts.ts';

export const RED = '#c8161d';

export interface PrintableAttachment {
  name: string;
  size: number;
  contentType: string;
  sha256: string;
  /** A plain-text attachment's text, printed as its page's body; other kinds are described, not reproduced. */
  text?: string | null;
  /** A PDF attachment's own pages (the print's only: the OFD carries the file itself), drawn on pages of the print
   * after its 附件 page; absent where it cannot be read (then it is described). */
  pdf?: { bytes: Uint8Array; pages: number } | null;
}

export interface PrintableDocument {
  orgName: string;
  docType?: string;
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
  /** An order's 签发人职务, printed before the name that stands for the 签名章 (§7.3.5.3). */
  signerPost?: string | null;
  attachments?: PrintableAttachment[];
  attachmentsOnPaper?: boolean;
  paperNote?: string | null;
  /** The document was stamped at the send: the 署名 and 成文日期 stand as under a seal (§7.3.5.1) on every copy. */
  stamped?: boolean;
  /** 联合行文: the co-issuing units' names after the lead unit's (orgName), in order; the banner and 署名 name them all. */
  coIssuerNames?: string[];
  /** 转发: the original the notice passes on, printed after the notice's 署名 and before its attachments and 版记. */
  forwarded?: ForwardedForPrint;
}

/** The original of a 转发 as printed after the notice: its own elements, and its seal's verification as a line. */
export interface ForwardedForPrint extends PrintableDocument {
  sealNote: string;
}

export interface PrintCopy {
  /** The 份号; a document printed as published (a 通报 the platform issues, the OFD 版式 file) has none. */
  copyNumber?: number;
  withinQuota: boolean;
  /** The recipient unit whose copy this is; none for what is printed as published. */
  recipientName?: string;
  /** The sender's seal as verified for this print (验证印章, seed 004): its image only when every check passed. */
  seal?: { png: Buffer | null; note: string };
  /** 联合行文: each co-issuer's seal as verified for this print, in the order of coIssuerNames (none for a unit without one). */
  coSeals?: ({ png: Buffer | null; note: string } | undefined)[];
  /** Where the seal's image is left out (the OFD, whose seal is its signature's 签章): its box is still reported. */
  sealBoxesOnly?: boolean;
  /** A reproduction inside another document (a 转发's original): its banner and rule in black, no seal. */
  facsimile?: boolean;
}

/** One drawing operation, in points from the page's top left; text on its baseline, `advances` per character. */
export type PrintOp =
  | { kind: 'text'; x: number; y: number; size: number; color: string; font: string; text: string; spacing: number; advances: number[] }
  | { kind: 'line'; x0: number; y0: number; x1: number; y1: number; width: number; color: string }
  | { kind: 'rect'; x: number; y: number; w: number; h: number; width: number; color: string }
  | { kind: 'image'; png: Buffer; x: number; y: number; width: number }
  /** Page `page` (0-based) of attachment `attachment`'s own PDF, drawn into the box (the print only). */
  | { kind: 'page'; attachment: number; page: number; x: number; y: number; width: number; height: number };

/** Where a seal stands (a square of `size` points at x, y on page `page`, 0-based): the OFD's 签章 goes there. */
export interface SealBox {
  page: number;
  x: number;
  y: number;
  size: number;
}

/** The document laid out: its pages' operations, the font files they use by name, the seals' places. */
export interface LaidOutDocument {
  pages: PrintOp[][];
  fonts: Map<string, Buffer>;
  sealBoxes: SealBox[];
}

interface StyledChar {
  c: string;
  face: Face;
}

/** Joiners and variation selectors, which only shape the character before them (an emoji's), drawn as nothing. */
const SHAPING_ONLY = /^[\u200d\ufe00-\ufe0f]$/u;
/** What is drawn for a character no font of the print has (an emoji, a rare one): the typesetter's 缺字 mark. */
const MISSING = '□';

/** Text in its faces, a character at a time; one the fonts cannot draw shows as □ rather than vanishing. */
const styled = (runs: Run[]): StyledChar[] =>
  runs.flatMap((r) =>
    [...r.text].flatMap((c) => {
      if (SHAPING_ONLY.test(c)) return [];
      return [{ c: c <= ' ' || hasGlyph(r.face, c) ? c : MISSING, face: r.face }];
    }),
  );

/** Lays out on the grid: a page's next free line, page breaks, text in the faces, measured per character. */
class Sheet {
  readonly pages: PrintOp[][] = [[]];
  readonly fonts = new Map<string, Buffer>();
  readonly sealBoxes: SealBox[] = [];
  /** The page operations go to (pageNumbers goes back over every page). */
  page = 0;
  next = 0;
  /** The 署名 and 成文日期 did not fit below the text and started a page of their own (layoutOfficialDocument). */
  signatureAlone = false;
  /** Each character's advance by font and size, measured once per document. */
  private advances = new Map<string, number>();
  private readonly sealImages: boolean;

  constructor(sealImages: boolean) {
    this.sealImages = sealImages;
  }

  private op(o: PrintOp): void {
    (this.pages[this.page] as PrintOp[]).push(o);
  }

  /** Spacing that makes a 3号 character one grid character wide; other sizes keep their own width. */
  private spacing = (size: number) => (size === SIZE.三号 ? CHAR_PITCH - SIZE.三号 : 0);

  advance(ch: StyledChar, size: number): number {
    const f = fontFor(ch.face, ch.c);
    const key = `${f.name}|${size}|${ch.c}`;
    let w = this.advances.get(key);
    if (w === undefined) {
      w = measureAdvance(f, ch.c, size) + this.spacing(size);
      this.advances.set(key, w);
    }
    return w;
  }

  width(chars: StyledChar[], size: number): number {
    return chars.reduce((s, ch) => s + this.advance(ch, size), 0);
  }

  /** Draws characters from x on a baseline, one operation per run of one font file. */
  draw(chars: StyledChar[], x: number, baseline: number, size: number, color = 'black'): void {
    let i = 0;
    let at = x;
    while (i < chars.length) {
      const first = chars[i] as StyledChar;
      const font = fontFor(first.face, first.c);
      let j = i + 1;
      while (j < chars.length && fontFor((chars[j] as StyledChar).face, (chars[j] as StyledChar).c).name === font.name) j++;
      const piece = chars.slice(i, j);
      this.fonts.set(font.name, font.file);
      const advances = piece.map((p) => this.advance(p, size));
      this.op({ kind: 'text', x: at, y: baseline, size, color, font: font.name, text: piece.map((p) => p.c).join(''), spacing: this.spacing(size), advances });
      at += advances.reduce((a, b) => a + b, 0);
      i = j;
    }
  }

  line(x0: number, y0: number, x1: number, y1: number, width: number, color = 'black'): void {
    this.op({ kind: 'line', x0, y0, x1, y1, width, color });
  }

  rect(x: number, y: number, w: number, h: number, width: number, color = 'black'): void {
    this.op({ kind: 'rect', x, y, w, h, width, color });
  }

  /** A seal of diameter `d` centred at cx, cy: its image (unless left to the OFD's 签章) and its box. */
  seal(png: Buffer, cx: number, cy: number, d: number): void {
    this.sealBoxes.push({ page: this.page, x: cx - d / 2, y: cy - d / 2, size: d });
    if (this.sealImages) this.op({ kind: 'image', png, x: cx - d / 2, y: cy - d / 2, width: d });
  }

  /** A page of an attachment's own PDF, in the box (drawn by official-document-pdf.ts). */
  attachedPage(attachment: number, page: number, box: { x: number; y: number; width: number; height: number }): void {
    this.op({ kind: 'page', attachment, page, ...box });
  }

  newPage(): void {
    this.pages.push([]);
    this.page = this.pages.length - 1;
    this.next = 0;
  }

  /** A new page for the 署名 block, which did not fit below the text: noted, so the layout can carry text over. */
  signaturePage(): void {
    this.newPage();
    this.signatureAlone = true;
  }

  /** The next grid line, on a new page when this one is full. */
  takeLine(): number {
    if (this.next >= LINES_PER_PAGE) this.newPage();
    return this.next++;
  }

  /**
   * A paragraph on the grid from the next line: `indent` characters before its first line, continuation lines at
   * `hang` characters, aligned left, centred or right with `right` characters free.
   */
  /** How many lines a paragraph of `runs` in 三号 with a first-line indent of `indent` characters takes. */
  lineCount(runs: Run[], indent: number): number {
    const chars = styled(runs);
    const measure = (_c: string, i: number) => this.advance(chars[i] as StyledChar, SIZE.三号);
    return breakLines(
      chars.map((c) => c.c),
      measure,
      TYPE_AREA.width,
      TYPE_AREA.width - indent * CHAR_PITCH,
    ).length;
  }

  paragraph(
    runs: Run[],
    o: {
      size?: number;
      indent?: number;
      hang?: number;
      align?: 'left' | 'center' | 'right';
      right?: number;
      color?: string;
      balanced?: boolean;
      /** With `balanced`: names no line turns inside. */
      together?: readonly string[];
    } = {},
  ): number[] {
    const size = o.size ?? SIZE.三号;
    const unit = size === SIZE.三号 ? CHAR_PITCH : size;
    const chars = styled(runs);
    const indent = (o.indent ?? 0) * unit;
    const hang = (o.hang ?? 0) * unit;
    const right = (o.right ?? 0) * unit;
    const full = TYPE_AREA.width - right;
    const measure = (_c: string, i: number) => this.advance(chars[i] as StyledChar, size);
    const text = chars.map((c) => c.c);
    const starts = o.balanced ? wordStarts(text, o.together) : null;
    const lines = starts ? balancedLines(text, measure, full, (i) => starts.has(i)) : breakLines(text, measure, full - hang, full - indent);
    const used: number[] = [];
    lines.forEach((idx, n) => {
      const line = idx.map((k) => chars[k] as StyledChar);
      const w = this.width(line, size);
      const start = n === 0 ? indent : hang;
      const x = o.align === 'center' ? TYPE_AREA.left + (TYPE_AREA.width - w) / 2 : o.align === 'right' ? TYPE_AREA_RIGHT - right - w : TYPE_AREA.left + start;
      const at = this.takeLine();
      this.draw(line, x, lineBaseline(at, size), size, o.color);
      used.push(at);
    });
    return used;
  }

  rule(y: number, thicknessMm: number, color = 'black'): void {
    this.line(TYPE_AREA.left, y, TYPE_AREA_RIGHT, y, thicknessMm * MM, color);
  }
}

const plain = (text: string, face: Face = 'fang'): Run[] => [{ text, face }];

/**
 * The body's structure on the grid: headings and paragraphs 左空二字 (the first two 层次序数 in their faces), list
 * items as paragraphs with their numbers, tables (§8: in the text's face, 4号, ruled, as wide as the 版心).
 */
function bodyBlocks(s: Sheet, blocks: BodyBlock[], breakBefore = -1): void {
  let headingFirst = false;
  for (const [i, b] of blocks.entries()) {
    // The carried block starts the signature's page, unless the heading before it already did.
    if (i === breakBefore && s.next > 0 && !headingFirst) s.newPage();
    // A heading (一、…) is never the last thing on a page: with no room for a line of what follows — past the headings
    // straight after it (二、 then （一）…) — or with what follows carried to the signature's page, it goes to the next
    // page with it.
    const kept = b.kind === 'heading' && i < blocks.length - 1 ? keptWithNext(s, blocks, i) : null;
    const carried = kept?.headed === breakBefore;
    // (A heading after one that already started the signature's page goes on there with it.)
    if (kept && s.next > 0 && (carried ? !headingFirst : s.next + kept.lines > LINES_PER_PAGE)) {
      s.newPage();
      headingFirst = carried;
    }
    if (b.kind === 'heading' || b.kind === 'paragraph') s.paragraph(paragraphRuns(b.text), { indent: 2 });
    else if (b.kind === 'list') {
      b.items.forEach((it, i) => {
        s.paragraph(plain(b.ordered ? `${i + 1}.${it}` : `· ${it}`), { indent: 2 });
      });
    } else table(s, b.rows);
  }
}

/**
 * What a heading keeps on its page: its own lines, those of the one-line headings straight after it (which go with it),
 * and the first line of the block they head (`headed`, its index). A heading that runs on into its text (（一）明确职责。
 * 办公室负责…) is that block itself.
 */
function keptWithNext(s: Sheet, blocks: BodyBlock[], i: number): { lines: number; headed: number } {
  let lines = s.lineCount(paragraphRuns((blocks[i] as { text: string }).text), 2);
  for (let k = i + 1; k < blocks.length; k++) {
    const b = blocks[k] as BodyBlock;
    if (b.kind !== 'heading' || s.lineCount(paragraphRuns(b.text), 2) > 1) return { lines: lines + 1, headed: k };
    lines += 1;
  }
  return { lines, headed: blocks.length };
}

/** A table: columns sized by their content, each row as many grid lines as its tallest cell, a row never split. */
function table(s: Sheet, rows: { header: boolean; cells: string[] }[]): void {
  const size = SIZE.四号;
  const pad = 3;
  const columns = Math.max(1, ...rows.map((r) => r.cells.length));
  const want = Array.from({ length: columns }, (_, c) => Math.max(2, ...rows.map((r) => Math.min(14, [...(r.cells[c] ?? '')].length))));
  const total = want.reduce((a, b) => a + b, 0);
  const widths = want.map((w) => (w / total) * TYPE_AREA.width);
  const lineH = LINE_PITCH * 0.75;
  for (const r of rows) {
    const cellLines = r.cells.map((cell, c) => {
      const chars = styled(plain(cell, r.header ? 'hei' : 'fang'));
      const lines = breakLines(
        chars.map((x) => x.c),
        (_x, i) => s.advance(chars[i] as StyledChar, size),
        (widths[c] as number) - 2 * pad,
      );
      return lines.map((idx) => idx.map((k) => chars[k] as StyledChar));
    });
    const height = Math.max(1, ...cellLines.map((l) => l.length));
    // The row's height in grid lines (three table lines to two grid lines), never split across pages.
    const gridLines = Math.ceil((height * lineH) / LINE_PITCH - 1e-6);
    if (s.next + gridLines > LINES_PER_PAGE) s.newPage();
    const top = lineTop(s.next);
    const bottom = lineTop(s.next + gridLines);
    let x = TYPE_AREA.left;
    cellLines.forEach((lines, c) => {
      const w = widths[c] as number;
      const block = lines.length * lineH;
      lines.forEach((line, n) => {
        const lw = s.width(line, size);
        const lx = r.header ? x + (w - lw) / 2 : x + pad;
        s.draw(line, lx, top + (bottom - top - block) / 2 + n * lineH + lineH / 2 + 0.38 * size, size);
      });
      x += w;
    });
    s.rect(TYPE_AREA.left, top, TYPE_AREA.width, bottom - top, 0.5);
    x = TYPE_AREA.left;
    for (const w of widths.slice(0, -1)) {
      x += w;
      s.line(x, top, x, bottom, 0.5);
    }
    s.next += gridLines;
  }
}

/** A red double line across the page's middle 170 mm (§10.1): thick over thin, or thin over thick. */
function doubleLine(s: Sheet, y: number, thickFirst: boolean, color: string): void {
  const x0 = (PAGE.width - LETTER.lineLengthMm * MM) / 2;
  const x1 = x0 + LETTER.lineLengthMm * MM;
  const thick = 1.0 * MM;
  const thin = 0.35 * MM;
  const gap = 0.8 * MM;
  const [first, second] = thickFirst ? [thick, thin] : [thin, thick];
  s.line(x0, y, x1, y, first, color);
  s.line(x0, y + first / 2 + gap + second / 2, x1, y + first / 2 + gap + second / 2, second, color);
}

/** The 发文机关标志 (§7.2.4, §10) centred with its top edge at `top`, or beyond the quota a plain notice; returns its bottom. */
function bannerMark(s: Sheet, doc: PrintableDocument, copy: PrintCopy, format: SpecialFormat | null, top: number): number {
  const issuers = [doc.orgName, ...(doc.coIssuerNames ?? [])];
  const ink = copy.facsimile ? 'black' : RED;
  if (copy.withinQuota && issuers.length > 1) return jointBanner(s, issuers, format, top, ink);
  if (copy.withinQuota) {
    // A 简报's 刊头 is its 刊名 (before it is numbered: the unit's name and 简报).
    const text = format === 'BRIEFING' ? (briefingHead(doc.docNumber)?.title as string) : bannerText(doc.orgName, format);
    const size = bannerSize(text);
    const chars = styled(plain(text, 'xbs'));
    s.draw(chars, TYPE_AREA.left + (TYPE_AREA.width - s.width(chars, size)) / 2, top + 0.88 * size, size, ink);
    return top + size;
  }
  const notice = styled(plain('复印件 · 超出打印份数 · 无红头无印章 · 不具法律效力', 'hei'));
  s.draw(notice, TYPE_AREA.left + (TYPE_AREA.width - s.width(notice, SIZE.四号)) / 2, top + 0.88 * SIZE.四号, SIZE.四号);
  // Under the notice the issuer's name in black; a 简报's copy its 刊名, which 刊物 it is for whoever files it (the
  // 编印单位 stands on the line under the 期号).
  const head = format === 'BRIEFING' ? briefingHead(doc.docNumber)?.title : null;
  const name = styled(plain(head ?? doc.orgName));
  s.draw(name, TYPE_AREA.left + (TYPE_AREA.width - s.width(name, SIZE.三号)) / 2, top + 1.5 * SIZE.四号 + 0.88 * SIZE.三号, SIZE.三号);
  return top + 1.5 * SIZE.四号 + SIZE.三号;
}

/**
 * A joint banner (§7.2.4): the issuing units one a line, the lead unit first, centred as a block; "文件" (or 令,
 * 纪要) to their right, centred on them from top to bottom. Its top edge where the single banner's is.
 */
function jointBanner(s: Sheet, issuers: string[], format: SpecialFormat | null, top: number, ink: string): number {
  const suffix = bannerText('', format);
  const suffixChars = styled(plain(suffix, 'xbs'));
  const longest = Math.max(...issuers.map((n) => [...n].length));
  const size = Math.min(SIZE.初号, Math.floor((TYPE_AREA.width / (longest + [...suffix].length + 0.5)) * 10) / 10);
  const pitch = size * 1.15;
  const names = issuers.map((n) => styled(plain(n, 'xbs')));
  const namesWidth = Math.max(...names.map((n) => s.width(n, size)));
  const suffixWidth = s.width(suffixChars, size);
  const left = TYPE_AREA.left + (TYPE_AREA.width - namesWidth - 0.5 * size - suffixWidth) / 2;
  names.forEach((n, i) => {
    // Each name spread to the block's width, as a printed joint banner aligns them.
    const w = s.width(n, size);
    const gap = n.length > 1 ? (namesWidth - w) / (n.length - 1) : 0;
    let x = left;
    for (const ch of n) {
      s.draw([ch], x, top + i * pitch + 0.88 * size, size, ink);
      x += s.width([ch], size) + gap;
    }
  });
  const blockHeight = (issuers.length - 1) * pitch + size;
  if (suffix) s.draw(suffixChars, left + namesWidth + 0.5 * size, top + blockHeight / 2 - size / 2 + 0.88 * size, size, ink);
  return top + blockHeight;
}

/** The 信函格式's head (§10.1): banner, the double lines, 份号 and 紧急程度 left and 发文字号 right under the first. */
function letterHead(s: Sheet, doc: PrintableDocument, copy: PrintCopy): number {
  const color = copy.withinQuota && !copy.facsimile ? RED : 'black';
  const bottom = bannerMark(s, doc, copy, 'LETTER', bannerTop('LETTER'));
  const lineY = bottom + LETTER.lineGapMm * MM;
  doubleLine(s, lineY, true, color);
  doubleLine(s, PAGE.height - LETTER.bottomLineMm * MM - 2 * MM, false, color);
  const firstBaseline = lineY + 2.5 * MM + LETTER.elementGap + 0.88 * SIZE.三号;
  const left = [copy.copyNumber ? copyNumberLabel(copy.copyNumber) : null, urgencyLabel(doc.urgency)].filter((x): x is string => Boolean(x));
  left.forEach((text, i) => {
    s.draw(styled(plain(text, i === 0 ? 'fang' : 'hei')), TYPE_AREA.left, firstBaseline + i * LINE_PITCH, SIZE.三号);
  });
  const number = styled(plain(doc.docNumber ?? ''));
  s.draw(number, TYPE_AREA_RIGHT - s.width(number, SIZE.三号), firstBaseline, SIZE.三号);
  // The title two lines below the last of them.
  return firstLineBelow(firstBaseline + (left.length - 1) * LINE_PITCH + 0.12 * SIZE.三号) + 2;
}

/** The 版头 of the first page; returns where the body's grid starts (the title's first line, or an order's text). */
function banner(s: Sheet, doc: PrintableDocument, copy: PrintCopy, format: SpecialFormat | null): number {
  if (format === 'LETTER') return letterHead(s, doc, copy);
  if (format === 'BRIEFING') return briefingHeadOf(s, doc, copy);
  const upward = isUpward(doc) && format === null;
  // 份号 (§7.2.1) in the first line, 紧急程度 (§7.2.3) in the next, both 顶格.
  if (copy.copyNumber) s.draw(styled(plain(copyNumberLabel(copy.copyNumber))), TYPE_AREA.left, lineBaseline(0), SIZE.三号);
  const urgency = urgencyLabel(doc.urgency);
  if (urgency) s.draw(styled(plain(urgency, 'hei')), TYPE_AREA.left, lineBaseline(1), SIZE.三号);

  // 发文机关标志 (§7.2.4): its top edge 35 mm below the 版心's top (an order's 20 mm, §10.2), centred, 小标宋, red.
  const bannerBottom = bannerMark(s, doc, copy, format, bannerTop(format));

  // 发文字号 (§7.2.5; an order's 令号) two lines below the banner: centred, or on an upward document 左空一字 with
  // the 签发人 (§7.2.6: "签发人：" in 仿宋, the name in 楷体) 居右空一字 on the same line.
  const firstBaseline = bannerBottom + 2 * LINE_PITCH + LINE_PITCH / 2 + 0.38 * SIZE.三号;
  let numberBaseline = firstBaseline;
  const number = styled(plain(doc.docNumber ?? ''));
  if (upward) {
    // Several 签发人 run two to a row, later rows aligned with the first name; the 发文字号 on the last row's line.
    const rows = signerRows(doc.signer);
    const lead = styled(plain('签发人：'));
    const rowChars = rows.map((names) => styled(plain(names.join('　'), 'kai')));
    const firstName = TYPE_AREA_RIGHT - CHAR_PITCH - s.width(rowChars[0] ?? [], SIZE.三号);
    s.draw(lead, firstName - s.width(lead, SIZE.三号), firstBaseline, SIZE.三号);
    rowChars.forEach((chars, r) => {
      s.draw(chars, firstName, firstBaseline + r * LINE_PITCH, SIZE.三号);
    });
    numberBaseline = firstBaseline + Math.max(0, rows.length - 1) * LINE_PITCH;
    s.draw(number, TYPE_AREA.left + CHAR_PITCH, numberBaseline, SIZE.三号);
  } else {
    s.draw(number, TYPE_AREA.left + (TYPE_AREA.width - s.width(number, SIZE.三号)) / 2, numberBaseline, SIZE.三号);
  }
  // An order has no rule: its text begins two lines below the 令号 (§10.2).
  if (format === 'ORDER') return firstLineBelow(numberBaseline + 0.12 * SIZE.三号) + 2;
  // The rule (§7.2.7) 4 mm below the 发文字号, as wide as the 版心: red on an official copy.
  const ruleY = numberBaseline + 0.12 * SIZE.三号 + BANNER_RULE_GAP_MM * MM;
  s.rule(ruleY, IMPRINT_RULE_MM.thick, copy.withinQuota && !copy.facsimile ? RED : 'black');
  // The title (§7.3.1) two lines below the rule.
  return firstLineBelow(ruleY) + 2;
}

/**
 * A 简报's 刊头: the 刊名 in red, its 期号 (2026年第12期) centred two lines below, on the next line the 编印单位 (…编)
 * 左空一字 and the date 右空一字, a red rule 4 mm under them; the title two lines below the rule.
 */
function briefingHeadOf(s: Sheet, doc: PrintableDocument, copy: PrintCopy): number {
  if (copy.copyNumber) s.draw(styled(plain(copyNumberLabel(copy.copyNumber))), TYPE_AREA.left, lineBaseline(0), SIZE.三号);
  const bannerBottom = bannerMark(s, doc, copy, 'BRIEFING', bannerTop('BRIEFING'));
  const issueBaseline = bannerBottom + 2 * LINE_PITCH + LINE_PITCH / 2 + 0.38 * SIZE.三号;
  const issue = styled(plain(briefingHead(doc.docNumber)?.issue ?? doc.docNumber ?? ''));
  s.draw(issue, TYPE_AREA.left + (TYPE_AREA.width - s.width(issue, SIZE.三号)) / 2, issueBaseline, SIZE.三号);
  const byBaseline = issueBaseline + LINE_PITCH;
  s.draw(styled(plain(`${doc.printingOrg ?? doc.orgName}编`)), TYPE_AREA.left + CHAR_PITCH, byBaseline, SIZE.三号);
  const date = styled(plain(chineseDate(doc.printingDate || doc.docDate)));
  s.draw(date, TYPE_AREA_RIGHT - CHAR_PITCH - s.width(date, SIZE.三号), byBaseline, SIZE.三号);
  const ruleY = byBaseline + 0.12 * SIZE.三号 + BANNER_RULE_GAP_MM * MM;
  s.rule(ruleY, IMPRINT_RULE_MM.thick, copy.withinQuota && !copy.facsimile ? RED : 'black');
  return firstLineBelow(ruleY) + 2;
}

/** 发文机关署名 and 成文日期 (§7.3.5), with the verified seal pressed over them. */
function signature(s: Sheet, doc: PrintableDocument, copy: PrintCopy, format: SpecialFormat | null): void {
  if (format === 'ORDER' || format === 'MINUTES') {
    signedByPerson(s, doc, copy, format);
    return;
  }
  if (doc.coIssuerNames?.length) {
    jointSignature(s, doc, copy);
    return;
  }
  const name = (doc.signatureLine ?? doc.orgName).trim();
  const date = chineseDate(doc.docDate);
  const sealed = Boolean(doc.stamped || copy.seal?.png);
  const nameChars = styled(plain(name));
  const dateChars = styled(plain(date));
  const dateWidth = s.width(dateChars, SIZE.三号);
  const nameWidth = s.width(nameChars, SIZE.三号);
  // Placed by their drawn widths in grid characters: a date's digits are half-width, so counting its characters put
  // the 署名 of an unsealed document three characters too far left of the two-character step.
  const place = signaturePlacement(nameWidth / CHAR_PITCH, dateWidth / CHAR_PITCH, sealed);
  // The block is not split from itself: when its lines do not fit, it starts the next page.
  if (s.next + place.blankLines + 2 + (doc.notes ? 1 : 0) > LINES_PER_PAGE) s.signaturePage();
  else s.next += place.blankLines;
  const nameLine = s.takeLine();
  const dateRight = TYPE_AREA_RIGHT - place.dateRight * CHAR_PITCH;
  // Under a seal the 署名 is centred over the date as drawn (its digits are half-width); else placed by characters.
  const nameX = sealed ? dateRight - dateWidth / 2 - nameWidth / 2 : TYPE_AREA_RIGHT - place.signatureRight * CHAR_PITCH - nameWidth;
  s.draw(nameChars, nameX, lineBaseline(nameLine), SIZE.三号);
  const dateLine = s.takeLine();
  s.draw(dateChars, dateRight - dateWidth, lineBaseline(dateLine), SIZE.三号);
  if (copy.withinQuota && copy.seal?.png) {
    // The seal centred on the date, the 署名 and date a little below its centre (§7.3.5.1).
    const d = 42 * MM;
    const cx = dateRight - dateWidth / 2;
    const cy = lineTop(dateLine) - 0.3 * LINE_PITCH;
    s.seal(copy.seal.png, cx, cy, d);
  }
  // 附注 (§7.3.6): 居左空二字, in brackets, the line after the date.
  if (doc.notes) s.paragraph(plain(`（${doc.notes.replace(/^[（(]|[）)]$/g, '')}）`), { indent: 2 });
}

/**
 * A joint document's 署名 (§7.3.5). Not sealed (§7.3.5.2): the lead unit first, the others below it in order, a
 * line each, the date below the last. Sealed (§7.3.5.1, jointSignatureSealed): each issuer under its own seal.
 */
function jointSignature(s: Sheet, doc: PrintableDocument, copy: PrintCopy): void {
  const sealed = Boolean(doc.stamped || copy.seal?.png || copy.coSeals?.some((c) => c?.png));
  if (sealed) {
    jointSignatureSealed(s, doc, copy);
    return;
  }
  const names = [doc.signatureLine ?? doc.orgName, ...(doc.coIssuerNames ?? [])].map((n) => styled(plain(n.trim())));
  const date = styled(plain(chineseDate(doc.docDate)));
  const right = TYPE_AREA_RIGHT - 4 * CHAR_PITCH;
  if (s.next + 2 + names.length + 1 + (doc.notes ? 1 : 0) > LINES_PER_PAGE) s.signaturePage();
  else s.next += 2;
  for (const n of names) s.draw(n, right - s.width(n, SIZE.三号), lineBaseline(s.takeLine()), SIZE.三号);
  const dateLine = s.takeLine();
  const dateWidth = s.width(date, SIZE.三号);
  s.draw(date, right - dateWidth, lineBaseline(dateLine), SIZE.三号);
  if (doc.notes) s.paragraph(plain(`（${doc.notes.replace(/^[（(]|[）)]$/g, '')}）`), { indent: 2 });
}

/**
 * §7.3.5.1 联合行文 sealed: the issuers' 署名 in rows (the lead first, in order, left to right and down), each seal
 * one-to-one over its 署名, centred on it; the last seal presses the last 署名 and the 成文日期, which stands 右空四字;
 * the rows right-aligned on the date's centre, the seals of a row apart (never touching) and inside the 版心; the
 * first row's seals reach to within a line of the text. Each seal is the issuer's own, verified for this print.
 */
function jointSignatureSealed(s: Sheet, doc: PrintableDocument, copy: PrintCopy): void {
  const names = [doc.signatureLine ?? doc.orgName, ...(doc.coIssuerNames ?? [])].map((n) => styled(plain(n.trim())));
  const seals = [copy.seal, ...(doc.coIssuerNames ?? []).map((_, i) => copy.coSeals?.[i])];
  const date = styled(plain(chineseDate(doc.docDate)));
  const dateWidth = s.width(date, SIZE.三号);
  const dateRight = TYPE_AREA_RIGHT - 4 * CHAR_PITCH;
  const centre = dateRight - dateWidth / 2;
  const d = SEAL_DIAMETER_MM * MM;
  const widest = Math.max(...names.map((n) => s.width(n, SIZE.三号)));
  // Seals a row apart by a gap, and names that do not run into each other: as many a row as the 版心 holds (≤ 3).
  const pitch = Math.max(d + SEAL_GAP_MM * MM, widest + CHAR_PITCH);
  const perRow = Math.min(3, 1 + Math.max(0, Math.floor((centre - TYPE_AREA.left - Math.max(d, widest) / 2) / pitch)));
  const rows = jointSealRows(names.length, perRow);
  // A 附注 goes below the last row's seals (the first of them stands where the note begins): two lines more than the date.
  const lines = 2 + (rows.length - 1) * SEAL_ROW_LINES + 2 + (doc.notes ? 3 : 0);
  if (s.next + lines > LINES_PER_PAGE) s.signaturePage();
  else s.next += 2;
  let k = 0;
  let sealsEnd = 0;
  rows.forEach((count, r) => {
    const nameLine = s.next;
    const last = r === rows.length - 1;
    for (let j = 0; j < count; j++, k++) {
      const cx = centre - (count - 1 - j) * pitch;
      const name = names[k] as StyledChar[];
      s.draw(name, cx - s.width(name, SIZE.三号) / 2, lineBaseline(nameLine), SIZE.三号);
      const png = copy.withinQuota ? seals[k]?.png : null;
      // Centred on its 署名, the last one over the 署名 and the date as a single unit's seal is (the text a little
      // below the seal's centre); every seal of a row on the same line, so the rows stand level (排列整齐).
      const cy = lineTop(nameLine + 1) - 0.3 * LINE_PITCH;
      if (png) s.seal(png, cx, cy, d);
      sealsEnd = Math.max(sealsEnd, cy + d / 2);
    }
    s.next += last ? 1 : SEAL_ROW_LINES;
  });
  const dateLine = s.takeLine();
  s.draw(date, dateRight - dateWidth, lineBaseline(dateLine), SIZE.三号);
  if (doc.notes) {
    // Not under a seal: a note printed beneath the lead issuer's seal is text the seal covers.
    while (lineTop(s.next) < sealsEnd) s.next += 1;
    s.paragraph(plain(`（${doc.notes.replace(/^[（(]|[）)]$/g, '')}）`), { indent: 2 });
  }
}

/**
 * An order's 签发人 and date (§10.2, §7.3.5.3): two lines below the text, 右空四字, the 签发人's name in 楷体 standing
 * for the 签名章 with the 职务 two characters to its left, the date a line below it, 右空四字; the verified seal over the date. Minutes (§10.3) carry no
 * 署名 and no seal: the date alone, a line below the text, 右空四字.
 */
function signedByPerson(s: Sheet, doc: PrintableDocument, copy: PrintCopy, format: 'ORDER' | 'MINUTES'): void {
  const date = styled(plain(chineseDate(doc.docDate)));
  const right = TYPE_AREA_RIGHT - 4 * CHAR_PITCH;
  const lines = format === 'ORDER' ? 2 + 1 + 1 + 1 : 1 + 1;
  if (s.next + lines + (doc.notes ? 1 : 0) > LINES_PER_PAGE) s.signaturePage();
  if (format === 'ORDER') {
    s.next += 2;
    const name = styled(plain((doc.signer ?? doc.signatureLine ?? doc.orgName).trim(), 'kai'));
    const nameX = right - s.width(name, SIZE.三号);
    const baseline = lineBaseline(s.takeLine());
    s.draw(name, nameX, baseline, SIZE.三号);
    // 签名章左空二字标注签发人职务: the post two characters left of the name, on its line.
    const post = doc.signerPost?.trim();
    if (post) {
      const postChars = styled(plain(post));
      s.draw(postChars, nameX - 2 * CHAR_PITCH - s.width(postChars, SIZE.三号), baseline, SIZE.三号);
    }
  }
  s.next += 1;
  const dateLine = s.takeLine();
  const dateWidth = s.width(date, SIZE.三号);
  s.draw(date, right - dateWidth, lineBaseline(dateLine), SIZE.三号);
  if (format === 'ORDER' && copy.withinQuota && copy.seal?.png) {
    const d = 42 * MM;
    s.seal(copy.seal.png, right - dateWidth / 2, lineTop(dateLine) - 0.3 * LINE_PITCH, d);
  }
  if (doc.notes) s.paragraph(plain(`（${doc.notes.replace(/^[（(]|[）)]$/g, '')}）`), { indent: 2 });
}

/** Where an attachment's own page is drawn: the page less a margin, and less the foot where the page number stands. */
const ATTACHED_PAGE_BOX = { x: 10 * MM, y: 8 * MM, width: PAGE.width - 20 * MM, height: TYPE_AREA_BOTTOM - 8 * MM };

/** An attachment on pages of its own (§7.3.7): "附件n" 顶格 in the first line in 黑体, its title centred in the third. */
function attachmentPages(s: Sheet, doc: PrintableDocument): void {
  const list = doc.attachments ?? [];
  list.forEach((a, i) => {
    s.newPage();
    s.draw(styled(plain(attachmentLabel(i, list.length), 'hei')), TYPE_AREA.left, lineBaseline(0), SIZE.三号);
    s.next = 2;
    s.paragraph(plain(attachmentTitle(a.name), 'xbs'), { size: SIZE.二号, align: 'center', balanced: true });
    s.next += 1;
    const text = a.text?.trim();
    if (text) {
      bodyBlocks(s, parseBody(text));
    } else if (a.pdf?.pages) {
      s.paragraph(plain(`（附件原件共${a.pdf.pages}页，附后。）`), { indent: 2 });
      // Each of its pages on a page of the print, as large as the page allows above the page number, so a records
      // clerk files the whole 公文 with its 附件 (GB/T 9704 §8) from one print.
      for (let k = 0; k < a.pdf.pages; k++) {
        s.newPage();
        s.attachedPage(i, k, ATTACHED_PAGE_BOX);
      }
      s.next = LINES_PER_PAGE;
    } else {
      s.paragraph(
        plain(
          `（本附件为电子文件“${a.name}”（${a.contentType}，${sizeWords(a.size)}，SHA-256 ${a.sha256.slice(0, 16)}…），随本公文电子传输，以电子文件为准；本印件不含其内容，请在驿站中下载查阅。）`,
        ),
        { indent: 2 },
      );
    }
  });
  if (doc.attachmentsOnPaper) {
    if (!list.length) s.next += 1;
    s.paragraph(plain(`（附件以纸质形式另行送达${doc.paperNote ? `：${doc.paperNote}` : ''}。）`), { indent: 2 });
  }
}

/** The 版记 (§7.4) at the foot of the last page: 抄送 and 印发机关 with 印发日期 between the rules. */
function imprint(s: Sheet, doc: PrintableDocument, format: SpecialFormat | null): void {
  const size = SIZE.四号;
  const cc = ccLine(doc.ccTo);
  const lead = '抄送：';
  const ccRuns = cc ? styled(plain(cc)) : [];
  const leadWidth = cc ? s.width(styled(plain(lead)), size) : 0;
  // 抄送 左右各空一字, continuation lines aligned with the first unit after the colon.
  const ccLines = cc
    ? breakLines(
        ccRuns.map((c) => c.c),
        (_c, i) => s.advance(ccRuns[i] as StyledChar, size),
        TYPE_AREA.width - 2 * size - leadWidth,
        TYPE_AREA.width - 2 * size,
      )
    : [];
  // A letter's 版记 is its 抄送 alone, with no rules, at the foot of the 版心 (§10.1).
  const letter = format === 'LETTER';
  if (letter && !ccLines.length) return;
  const lines = ccLines.length + (letter ? 0 : 1);
  const place = imprintPlacement(s.next, lines);
  if (place.newPage) s.newPage();
  const first = place.firstLine;
  if (!letter) s.rule(lineTop(first), IMPRINT_RULE_MM.thick);
  ccLines.forEach((idx, n) => {
    const x = TYPE_AREA.left + size + (n === 0 ? 0 : leadWidth);
    s.draw(
      idx.map((k) => ccRuns[k] as StyledChar),
      x,
      lineBaseline(first + n, size),
      size,
    );
  });
  if (letter) {
    s.next = LINES_PER_PAGE;
    return;
  }
  const printLine = LINES_PER_PAGE - 1;
  if (ccLines.length) s.rule(lineTop(printLine), IMPRINT_RULE_MM.thin);
  // 印发机关 左空一字, 印发日期 右空一字 (§7.4.3), on the last line; the last rule on the 版心's bottom edge.
  s.draw(styled(plain(doc.printingOrg ?? doc.orgName)), TYPE_AREA.left + size, lineBaseline(printLine, size), size);
  const printed = styled(plain(`${chineseDate(doc.printingDate ?? doc.docDate)}印发`));
  s.draw(printed, TYPE_AREA_RIGHT - size - s.width(printed, size), lineBaseline(printLine, size), size);
  s.rule(TYPE_AREA_BOTTOM, IMPRINT_RULE_MM.thick);
  s.next = LINES_PER_PAGE;
}

/** "— n —" below the 版心 of every page (§7.5): 4号 宋体, odd pages 居右空一字, even pages 居左空一字. */
function pageNumbers(s: Sheet, format: SpecialFormat | null): void {
  for (let i = 0; i < s.pages.length; i++) {
    const n = i + 1;
    if (!pageNumbered(n, format)) continue;
    s.page = i;
    const chars = styled(plain(pageNumberLabel(n), 'song'));
    const w = s.width(chars, SIZE.四号);
    const x = pageNumberSide(n) === 'RIGHT' ? TYPE_AREA_RIGHT - SIZE.四号 - w : TYPE_AREA.left + SIZE.四号;
    // The 一字线 (about 0.35 em above the baseline) 7 mm below the 版心's bottom edge.
    s.draw(chars, x, TYPE_AREA_BOTTOM + PAGE_NUMBER_GAP_MM * MM + 0.35 * SIZE.四号, SIZE.四号);
  }
}

/** A file's size as the dashboard writes it beside the file (web/lib/format.ts fmtSize): 125 B, 20.0 KB, 1.2 MB. */
export function sizeWords(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 ** 2) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 ** 2).toFixed(1)} MB`;
}

/**
 * The document laid out. The page that carries the 署名 and 成文日期 carries text too (§7.3.5: what does not fit is
 * made to fit, never a page of the 署名 alone): when they would start a page of their own, the text's last block is
 * laid out again on that page with them — unless even then they do not fit, where the first layout stands.
 */
export async function layoutOfficialDocument(doc: PrintableDocument, copy: PrintCopy): Promise<LaidOutDocument> {
  // The 楷体 is decoded for what may be set in it: the 签发人, the headings of the body and attachments, a 转发's original.
  const f = doc.forwarded;
  await prepareKai(
    [doc.signer ?? '', doc.bodyText, ...(doc.attachments ?? []).map((a) => a.text ?? ''), f ? `${f.signer ?? ''}${f.bodyText}${f.sealNote}（）` : ''].join(''),
  );
  const laidOut = (s: Sheet): LaidOutDocument => ({ pages: s.pages, fonts: s.fonts, sealBoxes: s.sealBoxes });
  const first = layout(doc, copy, false);
  if (!first.signatureAlone || !first.carriable) return laidOut(first.sheet);
  const carried = layout(doc, copy, true);
  return laidOut(carried.signatureAlone ? first.sheet : carried.sheet);
}

/**
 * The 主体 from the title to the 署名 and 成文日期 (§7.3.1–§7.3.6); `carryLast`: the text's last block starts a new page.
 * Returns whether the text has more than one block (carrying the last then leaves text on the page before).
 */
function mainPart(s: Sheet, doc: PrintableDocument, copy: PrintCopy, format: SpecialFormat | null, carryLast: boolean): boolean {
  // 标题 (§7.3.1): 2号 小标宋, centred, one or more lines; an order has none, its text follows the 令号 (§10.2).
  if (format !== 'ORDER') {
    // 词意完整: never turned inside an issuer's name (陕西 / 省人民政府办公厅), nor that of the document it passes on.
    const names = [doc.orgName, doc.signatureLine, ...(doc.coIssuerNames ?? []), doc.forwarded?.orgName].filter((n): n is string => Boolean(n));
    s.paragraph(plain(doc.title, 'xbs'), { size: SIZE.二号, align: 'center', balanced: true, together: names });
    s.next += 1;
  }
  // 主送机关 (§7.3.2) one line below the title, 顶格, ending with a full-width colon.
  if (doc.mainTo) s.paragraph(plain(`${doc.mainTo.replace(/[：:]$/, '')}：`));
  // 正文 (§7.3.3): each paragraph 左空二字, continuation 顶格; 层次序数 in their faces.
  const blocks = parseBody(doc.bodyText);
  // A body that repeats the 主送 as its first paragraph does not print it twice.
  const first = blocks[0];
  if (doc.mainTo && first && first.kind === 'paragraph' && repeatsMainTo(first.text, doc.mainTo)) blocks.shift();
  // Minutes set their 出席, 请假 and 列席 lines apart, after the text (§10.3).
  const present = format === 'MINUTES' ? blocks.filter((b) => b.kind === 'paragraph' && attendance(b.text)) : [];
  const text = blocks.filter((b) => !present.includes(b));
  bodyBlocks(s, text, carryLast ? text.length - 1 : -1);
  const textPage = s.page;
  // 附件说明 (§7.3.4): one line below the body, 左空二字; several are numbered, each line aligned after "附件：".
  const note = attachmentNote((doc.attachments ?? []).map((a) => a.name));
  if (note) {
    s.next += 1;
    const leadChars = [...note.lead].length;
    note.items.forEach((item, i) => {
      const numberWidth = note.items.length > 1 ? [...item].indexOf('.') + 1 : 0;
      const runs = i === 0 ? plain(`${note.lead}${item}`) : plain(item);
      s.paragraph(runs, { indent: i === 0 ? 2 : 2 + leadChars, hang: 2 + leadChars + numberWidth * 0.5 });
    });
  }
  // 出席 … (§10.3): one line below the text, 左空二字, the label in 黑体, names in 仿宋 aligned after the colon.
  present.forEach((b, i) => {
    const a = attendance((b as { text: string }).text);
    if (!a) return;
    if (i === 0) s.next += 1;
    s.paragraph(
      [
        { text: `${a.label}：`, face: 'hei' },
        { text: a.names, face: 'fang' },
      ],
      { indent: 2, hang: 5 },
    );
  });
  signature(s, doc, copy, format);
  // The 附件说明 is not text: a 署名 it pushed onto a page of its own (the 附件说明 with it) stands as alone too.
  if (s.page > textPage) s.signatureAlone = true;
  return text.length > 1;
}

/**
 * 转发: the original the notice passes on, after the notice's 署名 and before the attachments (the original's, which
 * the notice carries) and the notice's 版记: from a new page, as the original was laid out — its 紧急程度, 发文机关标志,
 * 发文字号 and rule (in black: a reproduction inside the notice, not the original's own copy), title, 主送, body,
 * 附件说明, 署名 and 成文日期 (where its seal stood, without the seal's image) — and the line of its seal's
 * verification as it stood when the 转发 was drafted. Page numbers run on.
 */
function forwardedOriginal(s: Sheet, original: ForwardedForPrint): void {
  s.newPage();
  const format = specialFormat(original.docType, original.docNumber);
  const copy: PrintCopy = { withinQuota: true, facsimile: true };
  s.next = banner(s, original, copy, format);
  mainPart(s, original, copy, format, false);
  s.paragraph(plain(`（${original.sealNote}）`, 'kai'), { indent: 2 });
}

/**
 * One layout of the document; `carryLast`: the text's last block starts a new page (layoutOfficialDocument).
 * `carriable`: the text has more than one block, so carrying the last leaves text on the page before.
 */
function layout(doc: PrintableDocument, copy: PrintCopy, carryLast: boolean): { sheet: Sheet; signatureAlone: boolean; carriable: boolean } {
  const s = new Sheet(!copy.sealBoxesOnly);

  const format = specialFormat(doc.docType, doc.docNumber);
  s.next = banner(s, doc, copy, format);
  const carriable = mainPart(s, doc, copy, format, carryLast);
  // Whether the notice's own 署名 stood alone: the original a 转发 carries after it does not count.
  const signatureAlone = s.signatureAlone;
  if (doc.forwarded) forwardedOriginal(s, doc.forwarded);
  attachmentPages(s, doc);
  imprint(s, doc, format);

  // This platform's own lines, below the page number of the last page: whose copy, and the seal as verified now.
  s.page = s.pages.length - 1;
  const trail = [
    copy.recipientName ? `接收单位：${copy.recipientName}` : null,
    copy.copyNumber ? `份号：${copyNumberLabel(copy.copyNumber)}` : null,
    // Beside co-issuers' seals, the lead's is named too (whose seal each line speaks of).
    copy.withinQuota && copy.seal ? (doc.coIssuerNames?.length ? `${(doc.signatureLine ?? doc.orgName).trim()}：${copy.seal.note}` : copy.seal.note) : null,
    ...(copy.withinQuota ? (doc.coIssuerNames ?? []).map((n, i) => (copy.coSeals?.[i] ? `${n}：${copy.coSeals[i]?.note}` : null)) : []),
  ]
    .filter(Boolean)
    .join('　');
  const trailChars = styled(plain(trail, 'song'));
  breakLines(
    trailChars.map((c) => c.c),
    (_c, i) => s.advance(trailChars[i] as StyledChar, 8),
    TYPE_AREA.width,
  ).forEach((idx, n) => {
    s.draw(
      idx.map((k) => trailChars[k] as StyledChar),
      TYPE_AREA.left,
      TYPE_AREA_BOTTOM + 18 * MM + n * 11,
      8,
      '#555555',
    );
  });
  pageNumbers(s, format);
  return { sheet: s, signatureAlone, carriable };
}
