// The tab's title with what waits (web/lib/tab-title.ts). The shell writes it from an observer of the page's head, so
// what it writes must read back unchanged: otherwise the write calls the observer again, forever, and the page freezes
// (it did, when the router left the page without a title for a moment).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { titleWithCount } from '../web/lib/tab-title.ts';

/** document.title as the browser reads it: ASCII whitespace collapsed, leading and trailing stripped. */
const readBack = (written: string) => written.replace(/[\t\n\f\r ]+/g, ' ').trim();

test('the count goes in front of the title, replacing an earlier count, and goes when nothing waits', () => {
  assert.equal(titleWithCount('驿站 · 电子公文传输', 3), '(3) 驿站 · 电子公文传输');
  assert.equal(titleWithCount('(3) 驿站 · 电子公文传输', 1), '(1) 驿站 · 电子公文传输');
  assert.equal(titleWithCount('(99+) 驿站', 120), '(99+) 驿站');
  assert.equal(titleWithCount('(7) 驿站', 0), '驿站');
});

test('with no title to count on (between two pages) nothing is written', () => {
  for (const bare of ['', ' ', '(1)', '(2) ', '(99+)\n']) {
    assert.equal(titleWithCount(bare, 1), null, JSON.stringify(bare));
    assert.equal(titleWithCount(bare, 0), null, JSON.stringify(bare));
  }
});

test('what is written reads back as itself, so one write settles the observer', () => {
  const titles = ['', ' ', '(1)', '(1) ', '驿站', '  驿站  ', '驿站\t·\n电子公文传输', '(12)驿站', '(3)  (4) 驿站', '收文\u3000驿站'];
  for (const title of titles) {
    for (const total of [0, 1, 5, 100]) {
      const want = titleWithCount(readBack(title), total);
      if (want === null) continue;
      assert.equal(readBack(want), want, `${JSON.stringify(title)} with ${total}`);
      assert.equal(titleWithCount(readBack(want), total), want, `${JSON.stringify(title)} with ${total}: a second pass changes nothing`);
    }
  }
});
