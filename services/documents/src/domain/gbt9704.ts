// GB/T 9704-2012 (党政机关公文格式) as figures and plain rules: the page and its 版心, the 22 × 28 grid, where the
// 版头's elements stand, the 层次序数 and their faces, the 附件说明, 发文机关署名 and 成文日期, the 版记 and the
// 页码. No PDF here: official-document-pdf.ts draws what these say, and tests call them without a server.

import { beijingDateTime as beijing, beijingDate, type SpecialFormat, urgencyMark } from '@yizhan/common';

/** Points per millimetre (PDF user space is 1/72 inch). */
export const MM = 72 / 25.4;

/** §5.1: A4, 210 mm × 297 mm. */
export const PAGE = { width: 210 * MM, height: 297 * MM } as const;

/** §5.2.1: 天头 37 mm, 订口 28 mm, 版心 156 mm × 225 mm. */
export const TYPE_AREA = { top: 37 * MM, left: 28 * MM, width: 156 * MM, height: 225 * MM } as const;
export const TYPE_AREA_BOTTOM = TYPE_AREA.top + TYPE_AREA.height;
export const TYPE_AREA_RIGHT = TYPE_AREA.left + TYPE_AREA.width;

/** §5.2.3: 22 lines a page, 28 characters a line, filling the 版心. */
export const LINES_PER_PAGE = 22;
export const CHARS_PER_LINE = 28;
/** One line (行) of the grid: 225 mm / 22 ≈ 10.23 mm ≈ 28.99 pt. */
export const LINE_PITCH = TYPE_AREA.height / LINES_PER_PAGE;
/** One character (字) of the grid: 156 mm / 28 ≈ 5.57 mm ≈ 15.79 pt (a 3号 character with a little less spacing). */
export const CHAR_PITCH = TYPE_AREA.width / CHARS_PER_LINE;

/** 字号 in points (the printer's sizes the standard names). */
export const SIZE = { 初号: 42, 一号: 26, 二号: 22, 三号: 16, 四号: 14 } as const;

/** §7.2.4: the 发文机关标志's top edge is 35 mm below the 版心's top edge (the 2012 text sets one figure for every direction). */
export const BANNER_TOP_MM = 35;
/** §7.2.7: the red rule is 4 mm below the 发文字号. */
export const BANNER_RULE_GAP_MM = 4;
/** §7.5: the 一字线 of the page number are 7 mm below the 版心's bottom edge. */
export const PAGE_NUMBER_GAP_MM = 7;
/** §7.4.1: the first and last rules of the 版记 are thick (0.35 mm), those between them thin (0.25 mm). */
export const IMPRINT_RULE_MM = { thick: 0.35, thin: 0.25 } as const;

/** The top of grid line `i` (0-based) of a page, in points from the page top. */
export const lineTop = (i: number) => TYPE_AREA.top + i * LINE_PITCH;

/** The baseline for text of `size` points set in grid line `i`: the character's em box centred in the line. */
export const lineBaseline = (i: number, size: number = SIZE.三号) => lineTop(i) + LINE_PITCH / 2 + 0.38 * size;

/** The first grid line wholly below `y` (points from the page top). */
export const firstLineBelow = (y: number) => Math.max(0, Math.ceil((y - TYPE_AREA.top) / LINE_PITCH - 1e-6));

/**
 * The size of the 发文机关标志 (§7.2.4 sets none: "醒目、美观、庄重"): 初号 while the banner fits the 版心's width,
 * smaller for a long name so it stays on one line.
 */
export const bannerSize = (banner: string) => Math.min(SIZE.初号, Math.floor((TYPE_AREA.width / [...banner].length) * 10) / 10);

/** §7.2.1: the 份号, six digits (an issue printed a millionth time runs to seven rather than fail the print). */
export function copyNumberLabel(n: number): string {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`份号 ${n} is not a copy number`);
  return String(n).padStart(6, '0');
}

/**
 * §7.2.3: the 紧急程度 as printed, 3号黑体 顶格 in the 版心's top left: 特急 or 加急; a 电报's grade 特提, 特急, 加急 or
 * 平急 (党政机关公文处理工作条例 第九条(三)). A document without a grade prints none.
 */
export const urgencyLabel = urgencyMark;

/** §7.2.6: a document sent upward (上行文) names its 签发人; the print treats a document with a 签发人 as one. */
export const isUpward = (doc: { signer: string | null }) => Boolean(doc.signer?.trim());

/** The names a 签发人 line holds: one, or several (联合行文) separated by 、，；or spaces. */
export const signerNames = (signer: string | null): string[] =>
  (signer ?? '')
    .split(/[、，,；;\s]+/)
    .map((n) => n.trim())
    .filter(Boolean);

/**
 * Who a document's 签发人 line names but are not among the unit's leaders (those who may 签发 it): every name must be
 * one, except in a joint document (联合行文), whose line names the co-issuers' leaders too and one of the lead unit's.
 */
export function signersNotLeaders(signer: string | null, leaders: readonly string[], joint: boolean): string[] {
  const names = signerNames(signer);
  const strangers = names.filter((n) => !leaders.includes(n));
  if (!joint) return strangers;
  return strangers.length < names.length ? [] : strangers;
}

/**
 * §7.2.6: the 签发人 names (several, for a document several units send up, separated by 、，or spaces) in rows of
 * two, in the issuing units' order; the 发文字号 stands on the line of the last row.
 */
export function signerRows(signer: string | null): string[][] {
  const names = signerNames(signer);
  const rows: string[][] = [];
  for (let i = 0; i < names.length; i += 2) rows.push(names.slice(i, i + 2));
  return rows;
}

/** §7.5: "— 1 —", 半角 digits between two 一字线. */
export const pageNumberLabel = (page: number) => `— ${page} —`;

/** §7.5: odd pages' numbers stand right (one character in), even pages' left. */
export const pageNumberSide = (page: number): 'RIGHT' | 'LEFT' => (page % 2 === 1 ? 'RIGHT' : 'LEFT');

/** §7.3.5.4, §7.4.3: a date with every part in Arabic digits, the year in full, no leading zeros: 2026年11月30日. */
export function chineseDate(iso: string | null): string {
  if (!iso) return '';
  const [y, m, d] = iso.slice(0, 10).split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

/**
 * The 成文日期 a document carries (GB/T 9704 §7.3.5; 条例: the date the 发文机关负责人 签发 it): the drafter's own date
 * when set, else the Beijing date of the latest 签发 instant given; null while there is none. Never stored: approvals
 * and the seal sign the draft's content, which a stored date would change. (app/doc-date.ts says which instants.)
 */
export function effectiveDocDate(docDate: string | null, issued: (Date | null | undefined)[]): string | null {
  if (docDate) return docDate.slice(0, 10);
  const times = issued.filter((t): t is Date => t instanceof Date && !Number.isNaN(t.getTime())).map((t) => t.getTime());
  return times.length ? beijingDate(Math.max(...times)) : null;
}

/** A date and time in Beijing time to the second, as the print states it: 2026年11月30日 21:55:36（北京时间）. */
export function beijingDateTime(t: Date | string): string {
  const at = new Date(t);
  if (Number.isNaN(at.getTime())) return String(t);
  const b = beijing(at);
  return `${chineseDate(b.slice(0, 10))} ${b.slice(11, 19)}（北京时间）`;
}

export type Face = 'song' | 'fang' | 'hei' | 'kai' | 'xbs';

/** §7.3.3: the 层次序数 一、（一）1.（1）; the first level in 黑体, the second in 楷体, the third and fourth in 仿宋. */
export function headingLevel(paragraph: string): 0 | 1 | 2 | 3 | 4 {
  if (/^[一二三四五六七八九十百]+、/.test(paragraph)) return 1;
  if (/^[（(][一二三四五六七八九十百]+[）)]/.test(paragraph)) return 2;
  if (/^\d+[.．]/.test(paragraph)) return 3;
  if (/^[（(]\d+[）)]/.test(paragraph)) return 4;
  return 0;
}

export interface Run {
  text: string;
  face: Face;
}

/**
 * A paragraph of the body as runs of one face each: a first- or second-level heading's own sentence (up to its first
 * 。, or all of it) in 黑体 or 楷体, the rest in 仿宋.
 */
export function paragraphRuns(paragraph: string): Run[] {
  const level = headingLevel(paragraph);
  if (level !== 1 && level !== 2) return [{ text: paragraph, face: 'fang' }];
  const face: Face = level === 1 ? 'hei' : 'kai';
  const end = paragraph.indexOf('。');
  if (end < 0 || end === paragraph.length - 1) return [{ text: paragraph, face }];
  return [
    { text: paragraph.slice(0, end + 1), face },
    { text: paragraph.slice(end + 1), face: 'fang' },
  ];
}

/** An attachment's name as the 附件说明 and the 附件 page state it: the file name without its extension. */
export const attachmentTitle = (name: string) => name.replace(/\.(pdf|docx?|wps|ofd|xlsx?|et|txt|png|jpe?g|zip|rar)$/i, '').trim() || name;

/**
 * §7.3.4: "附件：" and the attachments' names; several are numbered (附件：1.XXXX), each on its own line, and a long
 * name's continuation lines align with the first character of the name. No punctuation after a name.
 */
export function attachmentNote(names: string[]): { lead: string; items: string[] } | null {
  if (!names.length) return null;
  const titles = names.map((n) => attachmentTitle(n).replace(/[。．.，,；;：:]+$/, ''));
  return { lead: '附件：', items: titles.length === 1 ? titles : titles.map((t, i) => `${i + 1}.${t}`) };
}

/** §7.3.7: the label in the top left corner of an attachment's page: 附件, or 附件2 among several. */
export const attachmentLabel = (index: number, count: number) => (count === 1 ? '附件' : `附件${index + 1}`);

/**
 * §7.3.5: where the 发文机关署名 and 成文日期 stand, as characters left free at the right edge of the 版心 (字, in
 * grid characters) and the blank lines between the body and the 署名.
 * - sealed (7.3.5.1): the date 右空四字, the 署名 centred over the date; three lines left for the seal above them,
 *   whose top comes within a line of the body;
 * - not sealed (7.3.5.2): one blank line, the 署名 右空二字, the date's first character two characters right of the
 *   署名's; a date longer than that stands 右空二字 and the 署名 moves left to keep the two-character step.
 */
export function signaturePlacement(
  signatureChars: number,
  dateChars: number,
  sealed: boolean,
): { signatureRight: number; dateRight: number; blankLines: number } {
  if (sealed) return { dateRight: 4, signatureRight: 4 + (dateChars - signatureChars) / 2, blankLines: 2 };
  let signatureRight = 2;
  let dateRight = signatureRight + signatureChars - 2 - dateChars;
  if (dateRight < 2) {
    dateRight = 2;
    signatureRight = dateRight + dateChars + 2 - signatureChars;
  }
  return { signatureRight, dateRight, blankLines: 1 };
}

/** The seal's diameter on the print (a 42 mm round official seal), and the gap kept between two seals of a row. */
export const SEAL_DIAMETER_MM = 42;
export const SEAL_GAP_MM = 4;
/** Grid lines from one row of a joint document's seals to the next: a seal is 4.1 lines tall, rows never touch. */
export const SEAL_ROW_LINES = 5;

/**
 * §7.3.5.1 联合行文, sealed: the issuers' 署名 stand in rows under their seals, each seal centred on its 署名, the
 * last pressing the last 署名 and the 成文日期; seals of a row neither touch nor leave the 版心. Returns how many
 * issuers each row holds, top row first: at most `perRow` a row, the earlier rows taking any extra, so the last
 * issuer (over the date) ends the last row.
 */
export function jointSealRows(issuers: number, perRow = 3): number[] {
  if (issuers < 1) return [];
  const per = Math.max(1, Math.floor(perRow));
  const rows = Math.ceil(issuers / per);
  const base = Math.floor(issuers / rows);
  const extra = issuers % rows;
  return Array.from({ length: rows }, (_, i) => base + (i < extra ? 1 : 0));
}

/** §7.4.2: the 抄送 line: "抄送：" and the units, ending with a full stop. */
export function ccLine(ccTo: string | null): string | null {
  const cc = (ccTo ?? '').trim().replace(/[。．.，,；;：:]+$/, '');
  return cc ? `抄送：${cc}。` : null;
}

/** Characters that never begin a line (避头): closing punctuation hangs at the end of the line before. */
export const NO_LINE_START = new Set([...'，。、；：？！）》」』”’…—·%,.;:?!)]}']);
/** Characters that never end a line (避尾). */
export const NO_LINE_END = new Set([...'（《「『“‘([{']);

/**
 * Breaks text into lines of at most `width` points, given each character's advance. The first line may be narrower
 * (an indent). Closing punctuation hangs rather than starting a line; an opening bracket moves to the next line; a
 * run of Latin letters or digits is not split while it fits a line.
 */
export function breakLines(chars: string[], advance: (c: string, i: number) => number, width: number, firstWidth = width): number[][] {
  const lines: number[][] = [];
  let line: number[] = [];
  let used = 0;
  const limit = () => (lines.length === 0 ? firstWidth : width);
  // A time (21:55:36) and a decimal (95.5) are one word with their digits.
  const isWord = (c: string | undefined) => c !== undefined && /[A-Za-z0-9:.]/.test(c);
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i] as string;
    const w = advance(c, i);
    if (used + w > limit() + 0.01 && line.length && !NO_LINE_START.has(c)) {
      // Keep an unfinished Latin word or number together, and an opening bracket with what follows it.
      let carry = 0;
      if (isWord(c)) while (carry < line.length - 1 && isWord(chars[line[line.length - 1 - carry] as number])) carry++;
      if (carry >= line.length - 1) carry = 0;
      while (carry < line.length - 1 && NO_LINE_END.has(chars[line[line.length - 1 - carry] as number] as string)) carry++;
      const moved = carry ? line.splice(line.length - carry) : [];
      lines.push(line);
      line = moved;
      used = moved.reduce((s, k) => s + advance(chars[k] as string, k), 0);
    }
    line.push(i);
    used += w;
  }
  if (line.length) lines.push(line);
  return lines;
}

const WORDS = new Intl.Segmenter('zh', { granularity: 'word' });

/** Characters ICU cuts off as words of their own that belong to the word before: 陕西|省, 办公|厅, 财政|局, 委员|会,
 * and 的 (…工作的 / 通知, not …工作 / 的通知). */
const ENDS_A_WORD = new Set([...'省市县区州盟旗镇乡村厅局委会办处科部院室所站队的之']);
/** Joining words a line may turn before or after. */
const JOINS = new Set([...'和与及或并暨等']);
const isIdeograph = (c: string | undefined) => c !== undefined && /\p{Script=Han}/u.test(c);
/** What counts a number says (2027年, 二〇二六年度, 第十四届, 12月, 30%): kept on the line of its number. */
const COUNTED = new Set([...'年月日号期届次个项条元万亿%％']);
const DIGIT = /[0-9０-９]/;
const NUMERAL = /[〇零一二三四五六七八九十百千]/;
/** Whether a number ends just before `i`: a digit, or two Chinese numerals or more (统一|年度 is no number). */
function numberEndsBefore(chars: string[], i: number): boolean {
  if (DIGIT.test(chars[i - 1] ?? '')) return true;
  let n = 0;
  while (i - 1 - n >= 0 && NUMERAL.test(chars[i - 1 - n] as string)) n++;
  return n >= 2;
}

/**
 * The indices (of `chars`) where a word begins, by ICU's Chinese dictionary: where a title may turn its line. A lone
 * character ICU leaves is held to its neighbour — a suffix to the word before it, any other to the word after (做好 /
 * 强降雨, not 做好强 / 降雨) —, and nothing turns inside one of `together` (the issuers' names: 陕西省人民政府办公厅).
 */
export function wordStarts(chars: string[], together: readonly string[] = []): Set<number> {
  const starts = new Set<number>();
  // Segmenter speaks UTF-16 offsets; chars are code points.
  const at = new Map<number, number>();
  let offset = 0;
  chars.forEach((c, i) => {
    at.set(offset, i);
    offset += c.length;
  });
  const text = chars.join('');
  const segments = [...WORDS.segment(text)].filter((seg) => at.has(seg.index));
  for (const seg of segments) starts.add(at.get(seg.index) as number);
  for (const seg of segments) {
    const i = at.get(seg.index) as number;
    if ([...seg.segment].length !== 1 || !isIdeograph(seg.segment) || JOINS.has(seg.segment)) continue;
    if (ENDS_A_WORD.has(seg.segment)) {
      if (i > 0 && isIdeograph(chars[i - 1])) starts.delete(i);
    } else if (isIdeograph(chars[i + 1])) starts.delete(i + 1);
  }
  for (const i of [...starts]) if (i > 0 && COUNTED.has(chars[i] as string) && numberEndsBefore(chars, i)) starts.delete(i);
  for (const name of together) {
    const n = [...name];
    if (n.length < 2) continue;
    for (let i = chars.indexOf(n[0] as string); i >= 0 && i + n.length <= chars.length; i = chars.indexOf(n[0] as string, i + 1)) {
      if (chars.slice(i, i + n.length).join('') !== name) continue;
      for (let k = i + 1; k < i + n.length; k++) starts.delete(k);
    }
  }
  return starts;
}

/**
 * A title's lines (§7.3.1: 回行时，要做到词意完整，排列对称，长短适宜，梯形或菱形): as many lines as `width` needs,
 * each as near the same length as the breaking rules allow, the longer ones first — never a full line and a last
 * character alone — and, where `wordStart` says so, turned between words rather than inside one (a few characters'
 * give either way, as long as the rest still fits its lines).
 */
export function balancedLines(chars: string[], advance: (c: string, i: number) => number, width: number, wordStart?: (i: number) => boolean): number[][] {
  const greedy = breakLines(chars, advance, width);
  if (greedy.length < 2) return greedy;
  const lines: number[][] = [];
  const span = (a: number, b: number) => chars.slice(a, b).reduce((sum, c, k) => sum + advance(c, a + k), 0);
  const fitsIn = (from: number, lineCount: number) => breakLines(chars.slice(from), (c, i) => advance(c, i + from), width).length <= lineCount;
  let from = 0;
  // Line by line: the narrowest measure that still sets what is left in the lines left gives this line its share.
  for (let left = greedy.length; left > 1 && from < chars.length; left--) {
    const rest = chars.slice(from);
    const measure = (c: string, i: number) => advance(c, i + from);
    const fits = (w: number) => breakLines(rest, measure, w).length <= left;
    let lo = span(from, chars.length) / left;
    let hi = width;
    if (fits(lo)) hi = lo;
    for (let k = 0; k < 24 && hi - lo > 0.25; k++) {
      const mid = (lo + hi) / 2;
      if (fits(mid)) hi = mid;
      else lo = mid;
    }
    let end = from + (breakLines(rest, measure, hi)[0] ?? []).length;
    if (wordStart && end < chars.length && !wordStart(end)) {
      // The nearest word boundary within three characters, shorter first, whose line fits and whose rest still does.
      const candidates = [end - 1, end + 1, end - 2, end + 2, end - 3, end + 3];
      const turn = candidates.find(
        (k) => k > from && k < chars.length && wordStart(k) && !NO_LINE_START.has(chars[k] as string) && span(from, k) <= width + 0.01 && fitsIn(k, left - 1),
      );
      if (turn !== undefined) end = turn;
    }
    lines.push(chars.map((_c, i) => i).slice(from, end));
    from = end;
  }
  if (from < chars.length) lines.push(chars.map((_c, i) => i).slice(from));
  return lines;
}

/** How many grid lines are left on a page from line `next` on. */
export const linesLeft = (next: number) => LINES_PER_PAGE - next;

/**
 * §7.4: the 版记 stands at the foot of the last page, never split: on the page where the text ends when its lines fit
 * below what is there, else alone on a new page. Returns the first grid line of the 版记 and whether a page is added.
 */
export function imprintPlacement(nextFreeLine: number, imprintLines: number): { newPage: boolean; firstLine: number } {
  if (imprintLines > LINES_PER_PAGE) throw new RangeError('The 版记 is longer than a page');
  const firstLine = LINES_PER_PAGE - imprintLines;
  return { newPage: nextFreeLine > firstLine, firstLine };
}

// §10's special formats and the banner's words: common's (special-formats.ts), which the dashboard's sheet reads too.
export { bannerText, briefingHead, type SpecialFormat, specialFormat } from '@yizhan/common';

/**
 * §10.1 信函格式: the banner's top edge 30 mm below the page's top edge; a red double line (thick over thin) 4 mm
 * below it and another (thin over thick) 20 mm above the page's bottom edge, each 170 mm long and centred; the
 * elements under the first line 7/8 of a 3号 character's height below it; no page number on the first page; a
 * 版记 without 印发机关, 印发日期 or rules.
 */
export const LETTER = { bannerTopMm: 30, lineGapMm: 4, bottomLineMm: 20, lineLengthMm: 170, elementGap: (7 / 8) * SIZE.三号 } as const;

/** §10.2 命令格式: the banner's top edge 20 mm below the 版心's top edge; the 令号 two lines below, the text two below that. */
export const ORDER_BANNER_TOP_MM = 20;

/** The banner's top edge, in points from the page's top, by format. */
export function bannerTop(format: SpecialFormat | null): number {
  if (format === 'LETTER') return LETTER.bannerTopMm * MM;
  if (format === 'ORDER' || format === 'BRIEFING') return TYPE_AREA.top + ORDER_BANNER_TOP_MM * MM;
  return TYPE_AREA.top + BANNER_TOP_MM * MM;
}

/** Whether page `page` carries its number: every page, except a letter's first (§10.1). */
export const pageNumbered = (page: number, format: SpecialFormat | null) => !(format === 'LETTER' && page === 1);

/** §10.3: a minutes' attendance lines (出席, 请假, 列席) are set apart after the text: the label in 黑体, names in 仿宋. */
export function attendance(paragraph: string): { label: string; names: string } | null {
  const m = /^(出席|请假|列席)[：:]\s*(.+)$/.exec(paragraph.trim());
  return m ? { label: m[1] as string, names: m[2] as string } : null;
}
