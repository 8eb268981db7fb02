// The body (正文) as a structure: headings by 层次序数 (一、（一）1.（1）), paragraphs, lists and tables, read from the
// stored body (a small subset of HTML, or plain text) by one function, so the print renders from the structure and
// not from markup. What the structure cannot hold (images, styles, other tags) is dropped to its text.
import { headingLevel } from './gbt9704.ts';

export type BodyBlock =
  | { kind: 'heading'; level: 1 | 2 | 3 | 4; text: string }
  | { kind: 'paragraph'; text: string }
  | { kind: 'list'; ordered: boolean; items: string[] }
  | { kind: 'table'; rows: { header: boolean; cells: string[] }[] };

const ENTITIES: Record<string, string> = { nbsp: ' ', lt: '<', gt: '>', amp: '&', quot: '"', apos: "'", '#39': "'" };

/** A code point that is a character of text: not NUL or another control (but tab and line ends), not half of a
 * surrogate pair, within Unicode. `&#0;` and `&#xD800;` stay as written. */
const isCharacter = (cp: number) =>
  Number.isFinite(cp) && cp < 0x110000 && (cp >= 0x20 || cp === 9 || cp === 10 || cp === 13) && !(cp >= 0xd800 && cp <= 0xdfff);

const decode = (s: string) =>
  s.replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (m, e: string) => {
    if (e[0] === '#') {
      const cp = e[1] === 'x' || e[1] === 'X' ? Number.parseInt(e.slice(2), 16) : Number.parseInt(e.slice(1), 10);
      return isCharacter(cp) ? String.fromCodePoint(cp) : m;
    }
    return ENTITIES[e.toLowerCase()] ?? m;
  });

const clean = (s: string) => s.replace(/\s+/g, ' ').trim();

/** A paragraph's text as a block: a heading when it starts with a 层次序数, else a paragraph. */
function textBlock(text: string, tagLevel = 0): BodyBlock {
  const level = headingLevel(text) || tagLevel;
  return level ? { kind: 'heading', level: level as 1 | 2 | 3 | 4, text } : { kind: 'paragraph', text };
}

/** The body's blocks, in order. */
export function parseBody(body: string): BodyBlock[] {
  if (!/<[a-z/][^>]*>/i.test(body)) {
    return body
      .split(/\r?\n/)
      .map(clean)
      .filter(Boolean)
      .map((t) => textBlock(t));
  }
  const blocks: BodyBlock[] = [];
  let text = '';
  let tagLevel = 0;
  const lists: { ordered: boolean; items: string[] }[] = [];
  let table: { header: boolean; cells: string[] }[] | null = null;
  let row: { header: boolean; cells: string[] } | null = null;
  let inCell = false;
  let skip = 0;

  const flush = () => {
    const t = clean(decode(text));
    text = '';
    if (!t) return;
    if (inCell && row) row.cells[row.cells.length - 1] = clean(`${row.cells[row.cells.length - 1] ?? ''} ${t}`);
    else if (lists.length) (lists[lists.length - 1] as { items: string[] }).items.push(t);
    else blocks.push(textBlock(t, tagLevel));
  };

  for (const m of body.matchAll(/<(\/?)([a-z][a-z0-9]*)\b[^>]*>|<!--[\s\S]*?-->|([^<]+)/gi)) {
    const [, closing, rawTag, chunk] = m;
    if (chunk !== undefined) {
      if (!skip) text += chunk;
      continue;
    }
    if (!rawTag) continue;
    const tag = rawTag.toLowerCase();
    const open = !closing;
    if (tag === 'script' || tag === 'style') {
      skip += open ? 1 : -1;
      skip = Math.max(0, skip);
      continue;
    }
    switch (tag) {
      case 'p':
      case 'div':
      case 'br':
      case 'li':
        flush();
        break;
      case 'h1':
      case 'h2':
      case 'h3':
      case 'h4':
      case 'h5':
      case 'h6':
        flush();
        tagLevel = open ? Math.min(4, Number(tag[1])) : 0;
        break;
      case 'ul':
      case 'ol':
        flush();
        if (open) lists.push({ ordered: tag === 'ol', items: [] });
        else {
          const list = lists.pop();
          if (list?.items.length) {
            if (lists.length) (lists[lists.length - 1] as { items: string[] }).items.push(...list.items);
            else blocks.push({ kind: 'list', ordered: list.ordered, items: list.items });
          }
        }
        break;
      case 'table':
        flush();
        if (open) table = [];
        else {
          if (table?.length) blocks.push({ kind: 'table', rows: table });
          table = null;
        }
        break;
      case 'tr':
        flush();
        if (open && table) {
          row = { header: false, cells: [] };
          table.push(row);
        } else row = null;
        break;
      case 'td':
      case 'th':
        if (open && row) {
          flush();
          row.cells.push('');
          if (tag === 'th') row.header = true;
          inCell = true;
        } else {
          flush();
          inCell = false;
        }
        break;
      default:
        // Inline or unknown markup (strong, span, a, img …) keeps only its text.
        break;
    }
  }
  flush();
  // A table's rows keep as many cells as its widest row.
  for (const b of blocks) {
    if (b.kind !== 'table') continue;
    const width = Math.max(...b.rows.map((r) => r.cells.length));
    for (const r of b.rows) while (r.cells.length < width) r.cells.push('');
  }
  return blocks;
}

/** The body's plain paragraphs (each list item and table row on a line of its own), for search and previews. */
export function bodyText(blocks: BodyBlock[]): string[] {
  return blocks.flatMap((b) =>
    b.kind === 'list' ? b.items.map((it, i) => (b.ordered ? `${i + 1}.${it}` : it)) : b.kind === 'table' ? b.rows.map((r) => r.cells.join('　')) : [b.text],
  );
}

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** The structure written back as the body's stored form (the HTML subset parseBody reads): parseBody(bodyHtml(b)) is b. */
export function bodyHtml(blocks: BodyBlock[]): string {
  return blocks
    .map((b) => {
      if (b.kind === 'paragraph') return `<p>${escapeHtml(b.text)}</p>`;
      // A heading whose text carries its 层次序数 is a paragraph that parseBody reads back as that heading; one
      // without keeps its level by its tag.
      if (b.kind === 'heading') return headingLevel(b.text) === b.level ? `<p>${escapeHtml(b.text)}</p>` : `<h${b.level}>${escapeHtml(b.text)}</h${b.level}>`;
      if (b.kind === 'list') {
        const tag = b.ordered ? 'ol' : 'ul';
        return `<${tag}>${b.items.map((it) => `<li>${escapeHtml(it)}</li>`).join('')}</${tag}>`;
      }
      const rows = b.rows.map((r) => `<tr>${r.cells.map((c) => (r.header ? `<th>${escapeHtml(c)}</th>` : `<td>${escapeHtml(c)}</td>`)).join('')}</tr>`);
      return `<table>${rows.join('')}</table>`;
    })
    .join('\n');
}

/** Whether the body's first paragraph is its 主送 written out again ("陕西省人民政府办公厅：", or its short form
 * "省人民政府办公厅：" under that 主送): the 主送 line already says it, so it is not shown twice. */
export function repeatsMainTo(paragraph: string, mainTo: string): boolean {
  const to = mainTo.replace(/[：:]$/, '').trim();
  if (!to) return false;
  if (paragraph.startsWith(to)) return true;
  const named = /^(.+?)[：:]$/.exec(paragraph.trim())?.[1];
  return !!named && named.length >= 2 && to.endsWith(named);
}
