// The body's structure as the dashboard shows it: the same reading of the stored body (plain text or the small HTML
// subset a draft keeps) as the print's (services/documents/src/domain/body.ts): headings by 层次序数, paragraphs,
// lists, tables. The dashboard cannot import service code, so the few rules are repeated here; the print's are the
// reference. Nothing stored is ever rendered as markup: every block is text.

export type BodyBlock =
  | { kind: 'heading'; level: 1 | 2 | 3 | 4; text: string }
  | { kind: 'paragraph'; text: string }
  | { kind: 'list'; ordered: boolean; items: string[] }
  | { kind: 'table'; rows: { header: boolean; cells: string[] }[] };

/** 一、（一）1.（1）: the level of a paragraph that starts with a 层次序数, else 0. */
export function headingLevel(text: string): 0 | 1 | 2 | 3 | 4 {
  if (/^[一二三四五六七八九十百]+、/.test(text)) return 1;
  if (/^[（(][一二三四五六七八九十百]+[）)]/.test(text)) return 2;
  if (/^\d+[.．]/.test(text)) return 3;
  if (/^[（(]\d+[）)]/.test(text)) return 4;
  return 0;
}

const ENTITIES: Record<string, string> = { nbsp: ' ', lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
const decode = (s: string) =>
  s.replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (m, e: string) => {
    if (e[0] === '#') {
      const cp = e[1] === 'x' || e[1] === 'X' ? Number.parseInt(e.slice(2), 16) : Number.parseInt(e.slice(1), 10);
      return Number.isFinite(cp) && cp > 0 && cp < 0x110000 ? String.fromCodePoint(cp) : m;
    }
    return ENTITIES[e.toLowerCase()] ?? m;
  });
const clean = (s: string) => s.replace(/\s+/g, ' ').trim();
const textBlock = (text: string, tagLevel = 0): BodyBlock => {
  const level = headingLevel(text) || tagLevel;
  return level ? { kind: 'heading', level: level as 1 | 2 | 3 | 4, text } : { kind: 'paragraph', text };
};

/** Whether a stored body is read as the HTML subset (else as plain lines). */
const readsAsMarkup = (body: string) => /<[a-z/][^>]*>/i.test(body);

/** Lines a drafter typed, in the form that keeps them: as they are, unless something in them would be read as markup
 * ("a<b 且 c>d", "<GB/T 9704>"), then as escaped paragraphs, so parseBody gives back exactly the lines typed. */
export function typedBody(lines: string): string {
  if (!readsAsMarkup(lines)) return lines;
  const escaped = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return lines
    .split(/\r?\n/)
    .map(clean)
    .filter(Boolean)
    .map((l) => `<p>${escaped(l)}</p>`)
    .join('\n');
}

/** The body's blocks, in order (as the print reads them). */
export function parseBody(body: string): BodyBlock[] {
  if (!readsAsMarkup(body))
    return body
      .split(/\r?\n/)
      .map(clean)
      .filter(Boolean)
      .map((t) => textBlock(t));
  const blocks: BodyBlock[] = [];
  const lists: { ordered: boolean; items: string[] }[] = [];
  let text = '';
  let tagLevel = 0;
  let table: { header: boolean; cells: string[] }[] | null = null;
  let row: { header: boolean; cells: string[] } | null = null;
  let inCell = false;
  let skip = 0;
  const flush = () => {
    const t = clean(decode(text));
    text = '';
    if (!t) return;
    if (inCell && row) row.cells[row.cells.length - 1] = clean(`${row.cells[row.cells.length - 1] ?? ''} ${t}`);
    else if (lists.length) lists[lists.length - 1]?.items.push(t);
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
      skip = Math.max(0, skip + (open ? 1 : -1));
      continue;
    }
    if (['p', 'div', 'br', 'li'].includes(tag)) flush();
    else if (/^h[1-6]$/.test(tag)) {
      flush();
      tagLevel = open ? Math.min(4, Number(tag[1])) : 0;
    } else if (tag === 'ul' || tag === 'ol') {
      flush();
      if (open) lists.push({ ordered: tag === 'ol', items: [] });
      else {
        const list = lists.pop();
        if (list?.items.length) {
          if (lists.length) lists[lists.length - 1]?.items.push(...list.items);
          else blocks.push({ kind: 'list', ordered: list.ordered, items: list.items });
        }
      }
    } else if (tag === 'table') {
      flush();
      if (open) table = [];
      else {
        if (table?.length) blocks.push({ kind: 'table', rows: table });
        table = null;
      }
    } else if (tag === 'tr') {
      flush();
      if (open && table) {
        row = { header: false, cells: [] };
        table.push(row);
      } else row = null;
    } else if (tag === 'td' || tag === 'th') {
      flush();
      if (open && row) {
        row.cells.push('');
        if (tag === 'th') row.header = true;
        inCell = true;
      } else inCell = false;
    }
  }
  flush();
  for (const b of blocks) {
    if (b.kind !== 'table') continue;
    const width = Math.max(...b.rows.map((r) => r.cells.length));
    for (const r of b.rows) while (r.cells.length < width) r.cells.push('');
  }
  return blocks;
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

/** The body's plain lines (each list item and table row on a line of its own), as the print's bodyText reads them. */
export function bodyLines(body: string): string[] {
  return parseBody(body).flatMap((b) =>
    b.kind === 'list' ? b.items.map((it, i) => (b.ordered ? `${i + 1}.${it}` : it)) : b.kind === 'table' ? b.rows.map((r) => r.cells.join('　')) : [b.text],
  );
}
