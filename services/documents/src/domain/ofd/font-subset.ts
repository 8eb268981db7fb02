// A font embedded in the OFD package holds only the glyphs its pages use. fontkit (the library pdfkit embeds fonts
// with) cuts a TrueType subset, but writes only the tables a PDF needs (head, hhea, loca, maxp, cvt, prep, glyf,
// hmtx, fpgm): no cmap, so a reader that draws TextCode's characters through the font (as an OFD reader does) would
// find no glyph. This file adds the tables of a font that stands on its own: a cmap (format 4) from each character
// to its glyph in the subset, the original's name and OS/2, and a post table of version 3 (no glyph names), then
// writes the table directory again (OpenType's layout: tags in order, 4-byte aligned tables, checksums).
import type { OpenFont } from '../print-fonts.ts';

interface Table {
  tag: string;
  data: Buffer;
}

/** The tables of an sfnt (TrueType) file, by tag. */
export function readTables(sfnt: Uint8Array): Map<string, Buffer> {
  const b = Buffer.from(sfnt.buffer, sfnt.byteOffset, sfnt.byteLength);
  const count = b.readUInt16BE(4);
  const out = new Map<string, Buffer>();
  for (let i = 0; i < count; i++) {
    const at = 12 + 16 * i;
    const tag = b.toString('latin1', at, at + 4);
    const offset = b.readUInt32BE(at + 8);
    const length = b.readUInt32BE(at + 12);
    out.set(tag, b.subarray(offset, offset + length));
  }
  return out;
}

const checksum = (data: Buffer): number => {
  const padded = Buffer.concat([data, Buffer.alloc((4 - (data.length % 4)) % 4)]);
  let sum = 0;
  for (let i = 0; i < padded.length; i += 4) sum = (sum + padded.readUInt32BE(i)) >>> 0;
  return sum;
};

/** An sfnt file of these tables (the table directory, then each table 4-byte aligned; head's adjustment set). */
function writeSfnt(tables: Table[]): Buffer {
  const sorted = [...tables].sort((a, b) => (a.tag < b.tag ? -1 : 1));
  const n = sorted.length;
  const pow = 2 ** Math.floor(Math.log2(n));
  const header = Buffer.alloc(12 + 16 * n);
  header.writeUInt32BE(0x00010000, 0);
  header.writeUInt16BE(n, 4);
  header.writeUInt16BE(pow * 16, 6);
  header.writeUInt16BE(Math.log2(pow), 8);
  header.writeUInt16BE(n * 16 - pow * 16, 10);
  const bodies: Buffer[] = [];
  let offset = header.length;
  sorted.forEach((t, i) => {
    const data = t.tag === 'head' ? Buffer.from(t.data) : t.data;
    if (t.tag === 'head') data.writeUInt32BE(0, 8);
    const at = 12 + 16 * i;
    header.write(t.tag, at, 'latin1');
    header.writeUInt32BE(checksum(data), at + 4);
    header.writeUInt32BE(offset, at + 8);
    header.writeUInt32BE(data.length, at + 12);
    const padded = Buffer.concat([data, Buffer.alloc((4 - (data.length % 4)) % 4)]);
    bodies.push(padded);
    offset += padded.length;
  });
  const file = Buffer.concat([header, ...bodies]);
  const headIndex = sorted.findIndex((t) => t.tag === 'head');
  if (headIndex >= 0) {
    const headOffset = header.readUInt32BE(12 + 16 * headIndex + 8);
    file.writeUInt32BE((0xb1b0afba - checksum(file)) >>> 0, headOffset + 8);
  }
  return file;
}

/** A cmap table with one format 4 subtable (Windows, Unicode BMP): each code point to its glyph, a segment each. */
function cmapTable(map: Map<number, number>): Buffer {
  const codes = [...map.keys()].filter((c) => c < 0xffff).sort((a, b) => a - b);
  const segCount = codes.length + 1;
  const pow = 2 ** Math.floor(Math.log2(segCount));
  const sub = Buffer.alloc(16 + 8 * segCount);
  sub.writeUInt16BE(4, 0);
  sub.writeUInt16BE(sub.length, 2);
  sub.writeUInt16BE(0, 4);
  sub.writeUInt16BE(segCount * 2, 6);
  sub.writeUInt16BE(pow * 2, 8);
  sub.writeUInt16BE(Math.log2(pow), 10);
  sub.writeUInt16BE(segCount * 2 - pow * 2, 12);
  const end = 14;
  const start = end + 2 * segCount + 2;
  const delta = start + 2 * segCount;
  const rangeOffset = delta + 2 * segCount;
  [...codes, 0xffff].forEach((c, i) => {
    sub.writeUInt16BE(c, end + 2 * i);
    sub.writeUInt16BE(c, start + 2 * i);
    const gid = c === 0xffff ? 0 : (map.get(c) as number);
    sub.writeUInt16BE((gid - c + 0x10000) % 0x10000, delta + 2 * i);
    sub.writeUInt16BE(0, rangeOffset + 2 * i);
  });
  const head = Buffer.alloc(12);
  head.writeUInt16BE(0, 0);
  head.writeUInt16BE(1, 2);
  head.writeUInt16BE(3, 4);
  head.writeUInt16BE(1, 6);
  head.writeUInt32BE(12, 8);
  return Buffer.concat([head, sub]);
}

/** post version 3: the metrics of the original, no glyph names. */
function postTable(original: Buffer | undefined): Buffer {
  const post = Buffer.alloc(32);
  if (original && original.length >= 32) original.copy(post, 0, 0, 32);
  post.writeUInt32BE(0x00030000, 0);
  return post;
}

/** A TrueType font of the glyphs that draw `text`'s characters in `font` (its file's bytes `file`), with a cmap. */
export function subsetFont(font: OpenFont, file: Buffer, text: Iterable<string>): Buffer {
  const subset = font.createSubset();
  const map = new Map<number, number>();
  for (const c of new Set(text)) {
    const cp = c.codePointAt(0) as number;
    const glyph = font.layout(c).glyphs[0] ?? font.glyphForCodePoint(cp);
    map.set(cp, subset.includeGlyph(glyph.id));
  }
  const cut = readTables(subset.encode());
  const original = readTables(file);
  const tables: Table[] = [...cut].map(([tag, data]) => ({ tag, data }));
  tables.push({ tag: 'cmap', data: cmapTable(map) });
  tables.push({ tag: 'post', data: postTable(original.get('post')) });
  for (const tag of ['name', 'OS/2']) {
    const data = original.get(tag);
    if (data) tables.push({ tag, data });
  }
  return writeSfnt(tables);
}
