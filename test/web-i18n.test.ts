// The English switch: a Chinese text the dashboard shows through t() with no English entry stays Chinese in English
// (i18n.tsx shows the key, never a blank), which is easy to miss by eye. Every literal handed to t() — the text
// itself, or either side of a choice (`t(done ? '已办结' : '办理中')`) — must have its entry in i18n-en.ts, in words
// with no Chinese in them but the data they quote.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { en } from '../web/lib/i18n-en.ts';
import { singular } from '../web/lib/plural.ts';

const WEB = path.join(import.meta.dirname, '..', 'web');
const CHINESE = /[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]/;

function sources(dir: string, out: string[] = []): string[] {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (['node_modules', 'generated'].includes(entry.name) || entry.name.startsWith('.')) continue;
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) sources(p, out);
    else if (/\.tsx?$/.test(entry.name) && !/\.test\.|i18n-en/.test(entry.name)) out.push(p);
  }
  return out;
}

/** The quoted literals inside each `t(…)` call's parentheses (nested calls included: their literals are t()'s too). */
function textsGivenToT(source: string): string[] {
  const texts: string[] = [];
  for (let at = source.search(/\bt\(/); at >= 0; ) {
    let depth = 0;
    let i = at + 1;
    let quote: string | null = null;
    let literal = '';
    for (; i < source.length; i++) {
      const c = source[i] as string;
      if (quote) {
        if (c === '\\') {
          literal += source[++i];
        } else if (c === quote) {
          if (quote === "'") texts.push(literal);
          quote = null;
        } else literal += c;
        continue;
      }
      if (c === "'" || c === '`' || c === '"') {
        quote = c;
        literal = '';
      } else if (c === '(') depth++;
      else if (c === ')' && --depth === 0) break;
    }
    const next = source.slice(i).search(/\bt\(/);
    at = next < 0 ? -1 : i + next;
  }
  return texts;
}

test('every Chinese text the dashboard passes to t() has an English entry, with no Chinese in it', () => {
  const missing: string[] = [];
  for (const file of sources(WEB)) {
    for (const text of textsGivenToT(readFileSync(file, 'utf8'))) {
      if (!CHINESE.test(text)) continue;
      const english = en[text];
      if (english === undefined) missing.push(`${path.relative(WEB, file)}: ${text}`);
      // Chinese may stand in the English as data: an example of what to type (e.g. 综合科), the 、 one separates with.
      else if (CHINESE.test(english.replace(/e\.g\. .*$/, '').replaceAll('、', '')))
        missing.push(`${path.relative(WEB, file)}: ${text} → ${english} (Chinese in the English)`);
    }
  }
  assert.deepEqual(missing, []);
});

test('the scan finds what it should: a plain text, both sides of a choice, a text with values', () => {
  const found = textsGivenToT(`t('收文'); t(x ? '已办结' : '办理中'); t('限 {d} 前', { d: fmt(t('今天')) }); at('不是');`);
  assert.deepEqual(found, ['收文', '已办结', '办理中', '限 {d} 前', '今天']);
});

test('a count of one reads in the singular in English, others and other words as they are', () => {
  assert.equal(singular('1 units to sign for it'), '1 unit to sign for it');
  assert.equal(singular('Main (1 units): 西安市'), 'Main (1 unit): 西安市');
  assert.equal(singular('11 units, 21 days'), '11 units, 21 days', 'only a count of one');
  assert.equal(singular('1 copies printed'), '1 copy printed');
  assert.equal(singular('12 active accounts, 1 administrators.'), '12 active accounts, 1 administrator.');
  assert.equal(singular('version 1 dates'), 'version 1 dates', 'a word not counted stays');
});
