// The typefaces of the print, every one from the project's own npm install (nothing downloaded at run time), and
// how a string is cut into pieces each drawn in one font file. GB/T 9704 sets 小标宋 for the banner and title, 仿宋
// for the text, 黑体 and 楷体 for the first two 层次序数, 宋体 for the page numbers; the freely licensed stand-ins:
// - 小标宋: Noto Serif SC Bold (SIL OFL 1.1, @expo-google-fonts/noto-serif-sc);
// - 仿宋 and 宋体: Noto Serif SC Regular (the same package). No freely licensed 仿宋 for simplified Chinese installs
//   here (朱雀仿宋's npm package is not served by this project's registry; Debian's cwTeX 仿宋 is a Big5 face without
//   simplified characters), so the text is set in the Song face it derives from (README, "Why these dependencies");
// - 黑体: Noto Sans SC Regular (SIL OFL 1.1, @expo-google-fonts/noto-sans-sc);
// - 楷体: LXGW WenKai (霞鹜文楷, SIL OFL 1.1, lxgw-wenkai-webfont): shipped as WOFF2 subsets by Unicode range, so a
//   string is split into runs by the subset holding each character (its CSS names the ranges); a character no
//   subset holds falls back to the text face. A subset is turned back into TrueType (wawoff2, Google's woff2 decoder
//   compiled to WebAssembly) before pdfkit embeds it: fontkit reads WOFF2 but embeds its transformed outlines empty.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Face } from './gbt9704.ts';

const require = createRequire(import.meta.url);

export const FONT_FILES = {
  xbs: require.resolve('@expo-google-fonts/noto-serif-sc/700Bold/NotoSerifSC_700Bold.ttf'),
  song: require.resolve('@expo-google-fonts/noto-serif-sc/400Regular/NotoSerifSC_400Regular.ttf'),
  hei: require.resolve('@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf'),
} as const;

/** The PostScript-style family each face is embedded as (tests read them back from the PDF). */
export const FACE_FAMILY: Record<Face, RegExp> = {
  xbs: /NotoSerifSC-Bold/,
  fang: /NotoSerifSC-Regular/,
  song: /NotoSerifSC-Regular/,
  hei: /NotoSansSC-Regular/,
  kai: /LXGWWenKai/i,
};

// @ts-expect-error fontkit ships no types: create(bytes) opens a font (OpenFont below). pdfkit embeds through it too.
import * as fontkit from 'fontkit';
// @ts-expect-error wawoff2 ships no types: decompress(woff2 bytes) resolves to the TrueType bytes.
import { decompress } from 'wawoff2';

interface KaiSubset {
  name: string;
  file: string;
  ranges: [number, number][];
}

let kaiSubsets: KaiSubset[] | null = null;

/** LXGW WenKai Regular's subsets and the code points each holds, read once from the package's stylesheet. */
function kai(): KaiSubset[] {
  if (kaiSubsets) return kaiSubsets;
  const cssFile = require.resolve('lxgw-wenkai-webfont/lxgwwenkai-regular.css');
  const css = fs.readFileSync(cssFile, 'utf8');
  kaiSubsets = [...css.matchAll(/@font-face\s*{([^}]*)}/g)].flatMap((m, i) => {
    const body = m[1] as string;
    const url = /url\(['"]?([^'")]+)['"]?\)/.exec(body)?.[1];
    const range = /unicode-range:\s*([^;}]+)/.exec(body)?.[1];
    if (!url || !range) return [];
    const ranges = range.split(',').map((r): [number, number] => {
      const [a, b] = r.trim().replace(/^U\+/i, '').split('-');
      const lo = Number.parseInt(a as string, 16);
      return [lo, b ? Number.parseInt(b, 16) : lo];
    });
    return [{ name: `kai${i}`, file: path.join(path.dirname(cssFile), url), ranges }];
  });
  return kaiSubsets;
}

const subsetOfCodePoint = new Map<number, KaiSubset | undefined>();

/** The 楷体 subset holding a code point, looked up once per process (every character of every print asks). */
function kaiSubsetOf(cp: number): KaiSubset | undefined {
  if (subsetOfCodePoint.has(cp)) return subsetOfCodePoint.get(cp);
  const found = kai().find((s) => s.ranges.some(([lo, hi]) => cp >= lo && cp <= hi));
  subsetOfCodePoint.set(cp, found);
  return found;
}

const decoded = new Map<string, Buffer>();

/** Decodes, once per process, the 楷体 subsets that hold the characters of `text`; call before laying out text. */
export async function prepareKai(text: string): Promise<void> {
  const wanted = new Set<KaiSubset>();
  for (const c of new Set(text)) {
    const s = kaiSubsetOf(c.codePointAt(0) as number);
    if (s && !decoded.has(s.name)) wanted.add(s);
  }
  for (const s of wanted) decoded.set(s.name, Buffer.from((await decompress(fs.readFileSync(s.file))) as Uint8Array));
}

/** The font (registered name and its file's bytes) that draws character `c` in `face`. */
export function fontFor(face: Face, c: string): { name: string; file: Buffer } {
  if (face === 'kai') {
    const s = kaiSubsetOf(c.codePointAt(0) as number);
    const bytes = s && decoded.get(s.name);
    if (s && bytes) return { name: s.name, file: bytes };
    return { name: 'song', file: bytesOf(FONT_FILES.song) };
  }
  if (face === 'fang') return { name: 'song', file: bytesOf(FONT_FILES.song) };
  return { name: face, file: bytesOf(FONT_FILES[face]) };
}

const read = new Map<string, Buffer>();

/** A font file's bytes, read once per process: every print embeds from memory (saves reading 35 MB per print). */
function bytesOf(file: string): Buffer {
  let bytes = read.get(file);
  if (!bytes) {
    bytes = fs.readFileSync(file);
    read.set(file, bytes);
  }
  return bytes;
}

/** The parts of a fontkit font the layout and the OFD use (fontkit ships no types). */
export interface OpenFont {
  unitsPerEm: number;
  postscriptName: string;
  familyName: string;
  layout(text: string): { advanceWidth: number; glyphs: { id: number; codePoints: number[] }[] };
  glyphForCodePoint(cp: number): { id: number };
  hasGlyphForCodePoint(cp: number): boolean;
  createSubset(): { includeGlyph(glyph: number | { id: number }): number; encode(): Uint8Array };
}

const opened = new Map<string, OpenFont>();

/** The font of a registered name (fontFor), opened with fontkit once per process. */
export function openFont(font: { name: string; file: Buffer }): OpenFont {
  let f = opened.get(font.name);
  if (!f) {
    f = fontkit.create(font.file) as OpenFont;
    opened.set(font.name, f);
  }
  return f;
}

const drawable = new Map<string, boolean>();

/**
 * Whether `face` draws character `c` (its font, or the text face a 楷体 character falls back to, has a glyph for it):
 * an emoji or a character beyond the fonts' sets has none, and would vanish from the print.
 */
export function hasGlyph(face: Face, c: string): boolean {
  const font = fontFor(face, c);
  const key = `${font.name}\u0000${c}`;
  let ok = drawable.get(key);
  if (ok === undefined) {
    ok = openFont(font).hasGlyphForCodePoint(c.codePointAt(0) as number);
    drawable.set(key, ok);
  }
  return ok;
}

/** A character's advance at `size` points, as pdfkit measures it (fontkit's layout of the character, scaled by the em). */
export function measureAdvance(font: { name: string; file: Buffer }, c: string, size: number): number {
  // Shaping a character is fontkit's dearest call: each font's characters are measured once per process, per 1,000 em.
  const key = `${font.name}\u0000${c}`;
  let perMille = advances.get(key);
  if (perMille === undefined) {
    const f = openFont(font);
    perMille = f.layout(c).advanceWidth * (1000 / f.unitsPerEm);
    advances.set(key, perMille);
  }
  return (perMille * size) / 1000;
}

const advances = new Map<string, number>();
