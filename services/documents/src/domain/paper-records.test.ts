import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkPaperInput, markedTitle } from './paper-records.ts';

const now = new Date('2026-11-30T08:00:00Z');
const good = {
  direction: 'RECEIVED' as const,
  counterpartName: ' 西安市人民政府 ',
  docNumber: '市政发〔2026〕31号',
  title: '关于做好冬季防火工作的通知',
  paperAt: new Date('2026-11-29T02:00:00Z'),
};

test('a paper record is trimmed and kept', () => {
  const c = checkPaperInput(good, now);
  assert.equal(c.counterpartName, '西安市人民政府');
  assert.equal(c.docType, '');
  assert.equal(c.outageNote, null);
});

test('each element is checked, naming the field', () => {
  const field = (input: object) => {
    try {
      checkPaperInput({ ...good, ...input }, now);
    } catch (e) {
      return (e as { extensions?: { field?: string } }).extensions?.field;
    }
    return 'accepted';
  };
  assert.equal(field({ counterpartName: '  ' }), 'counterpartName');
  assert.equal(field({ docNumber: '号'.repeat(61) }), 'docNumber');
  assert.equal(field({ title: 'a\u0007b' }), 'title');
  assert.equal(field({ title: '纸质\n来文' }), 'title', 'a title is one line');
  assert.equal(field({ counterpartName: '某\n单位' }), 'counterpartName');
  assert.equal(field({ paperAt: new Date('2026-12-01T00:00:00Z') }), 'paperAt', 'not in the future');
  assert.equal(field({ paperAt: new Date('2025-11-01T00:00:00Z') }), 'paperAt', 'not more than a year ago');
  assert.equal(field({ paperAt: new Date('nope') }), 'paperAt');
  // The year's limit as a day the screen says in words (不能早于 …), not only an English sentence.
  assert.throws(
    () => checkPaperInput({ ...good, paperAt: new Date('2025-11-01T00:00:00Z') }, now),
    (e: { extensions?: { rule?: unknown } }) => assert.deepEqual(e.extensions?.rule, { days: { min: '2025-11-30' } }) ?? true,
  );
  assert.equal(field({ docType: '便条' }), 'docType');
  assert.equal(field({ direction: 'LOST' }), 'direction');
  assert.equal(field({ docType: '通知', direction: 'SENT' }), 'accepted');
});

test('paper entries are marked where the register prints them', () => {
  assert.equal(markedTitle('关于…的通知', true), '【纸质补录】关于…的通知');
  assert.equal(markedTitle('关于…的通知', false), '关于…的通知');
});
