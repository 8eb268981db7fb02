import assert from 'node:assert/strict';
import { test } from 'node:test';
import { asArchivalNumber, asDocNumber, DOC_NUMBER_BRACKETS, SEARCH_MAX, searchWords } from './search.ts';

test('words separated by spaces are each required, each once; a search showing nothing has none', () => {
  assert.deepEqual(
    searchWords('元旦 春节').map((w) => w.text),
    ['元旦', '春节'],
  );
  assert.deepEqual(
    searchWords('  元旦\u3000春节\t元旦 ').map((w) => w.text),
    ['元旦', '春节'],
    'the full-width space and a tab separate too',
  );
  assert.deepEqual(searchWords(null), []);
  assert.deepEqual(searchWords(' \u3000\u200b'), []);
});

test('a 文号 is read with 〔〕 whatever brackets its year is typed in; the words themselves stay as typed', () => {
  for (const typed of ['陕政办发[2026]2号', '陕政办发【2026】2号', '陕政办发［2026］2号', '陕政办发（2026）2号', '陕政办发(2026)2号', '陕政办发〔2026〕2号'])
    assert.equal(asDocNumber(typed), '陕政办发〔2026〕2号', typed);
  const [word] = searchWords('关于（试行）');
  assert.deepEqual(word, { text: '关于（试行）', docNumber: '关于〔试行〕', archivalNumber: '关于（试行）' }, 'a title is matched as typed');
  assert.equal(DOC_NUMBER_BRACKETS.from.length, DOC_NUMBER_BRACKETS.to.length, 'SQL translate() pairs them one to one');
});

test('a 档号 is read with its middle dot whatever dot is typed', () => {
  for (const typed of ['Z109-WS.2026', 'Z109-WS．2026', 'Z109-WS・2026', 'Z109-WS•2026', 'Z109-WS·2026']) assert.equal(asArchivalNumber(typed), 'Z109-WS·2026');
});

test('a search too long or holding control characters is BAD_INPUT naming it', () => {
  for (const bad of ['元'.repeat(SEARCH_MAX + 1), '元旦\u0000春节'])
    assert.throws(
      () => searchWords(bad),
      (e: { code?: string; extensions?: { field?: string } }) => e.code === 'BAD_INPUT' && e.extensions?.field === 'search',
    );
});
