// The dashboard's titles turn between words (web/lib/words.ts): the pieces a title is cut into are its words, and
// together they are the title again, however it is written.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { wordsOf } from '../web/lib/words.ts';

test('a title is cut between its words, never inside one', () => {
  const title = '关于做好2026年元旦春节期间安全生产工作的通知';
  const words = wordsOf(title);
  assert.equal(words.join(''), title);
  assert.ok(words.length > 5, words.join('|'));
  // No turn inside 元旦, 春节, 期间, 通知: each is one piece.
  for (const w of ['元旦', '春节', '期间', '通知']) assert.ok(words.includes(w), `${w} in ${words.join('|')}`);
  assert.ok(!words.includes('春'), words.join('|'));
});

test('any text comes back whole, Latin, digits, punctuation and emoji included', () => {
  for (const t of ['', 'GB/T 9704—2012', '关于《电子公文传输管理办法》（试行）的说明', '👍通知', 'x'.repeat(300)]) assert.equal(wordsOf(t).join(''), t);
});
