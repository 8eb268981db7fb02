// The archive's plain rules: retention and archival numbers, file formats, the evidence chain.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { commandScanner } from '@yizhan/kernel';
import { zipSync } from 'fflate';
import { tinyPdf } from '../../../test/support/files.ts';
import { type ChainLink, firstBrokenLink, GENESIS, linkHash } from '../src/domain/chain.ts';
import { opensAs } from '../src/domain/checks.ts';
import { readPackage, readYearPackage } from '../src/domain/package.ts';
import { archivalNumber, checkFondsNumber, defaultRetention, fondsForNumbers, retentionUntil } from '../src/domain/retention.ts';

test('archival numbers and retention: 全宗号-门类代码·年度-保管期限-机构(问题)-件号 (DA/T 22-2015); permanent records never end', () => {
  // DA/T 22's own example, Z109-WS·2013-Y-BGS-0001, with our series (FW, SW, XX) where it has BGS.
  assert.equal(archivalNumber('Z109', 2013, 'PERMANENT', 'SENDER', 1), 'Z109-WS·2013-Y-FW-0001');
  assert.equal(archivalNumber('610102', 2026, 'Y30', 'RECIPIENT', 7), '610102-WS·2026-D30-SW-0007');
  assert.equal(archivalNumber('610000', 2026, 'PERMANENT', 'SENDER', 123), '610000-WS·2026-Y-FW-0123');
  assert.deepEqual(
    [defaultRetention('决定'), defaultRetention('通知'), defaultRetention('函'), defaultRetention('某种新文种')],
    ['PERMANENT', 'Y30', 'Y10', 'Y30'],
  );
  assert.deepEqual([retentionUntil(2026, 'Y10'), retentionUntil(2026, 'Y30'), retentionUntil(2026, 'PERMANENT')], ['2036-12-31', '2056-12-31', null]);
});

test('全宗号: letters and digits, at most 16, in capitals; until a unit sets one its code stands in', () => {
  assert.equal(checkFondsNumber('Z109'), 'Z109');
  assert.equal(checkFondsNumber(' z109 '), 'Z109', 'trimmed, in capitals as DA/T 22 writes it');
  assert.equal(checkFondsNumber('Ｚ１０９'), 'Z109', 'full-width characters typed by a Chinese keyboard');
  assert.equal(checkFondsNumber('A'.repeat(16)), 'A'.repeat(16));
  for (const bad of ['', '   ', 'A'.repeat(17), 'Z-109', 'Z·109', 'Z 109', '全宗一', 'Z109\u0000'])
    assert.throws(
      () => checkFondsNumber(bad),
      (e: { code?: string; extensions?: { field?: string } }) => e.code === 'BAD_INPUT' && e.extensions?.field === 'fondsNumber',
      JSON.stringify(bad),
    );
  assert.equal(fondsForNumbers(null, '610100'), '610100');
  assert.equal(fondsForNumbers('Z109', '610100'), 'Z109');
  assert.equal(archivalNumber(fondsForNumbers(null, '11610000000000001B'), 2026, 'Y30', 'SENDER', 2), '11610000000000001B-WS·2026-D30-FW-0002');
});

test('files open as what they claim to be', () => {
  assert.equal(opensAs('application/pdf', tinyPdf('正文')).ok, true);
  const cut = opensAs('application/pdf', Buffer.from('%PDF-1.7\n…'));
  assert.deepEqual([cut.ok, cut.detail], [false, 'a PDF that is not whole: it does not end as a PDF ends (%%EOF): cut short?']);
  assert.equal(opensAs('application/pdf', Buffer.from('<html>')).ok, false);
  const png = Buffer.from(
    '89504e470d0a1a0a0000000d49484452000000010000000108000000003a7e9b550000000a4944415478016360000000020001e221bc330000000049454e44ae426082',
    'hex',
  );
  assert.equal(opensAs('image/png', png).ok, true);
  assert.equal(opensAs('image/png', png.subarray(0, 9)).ok, false, 'the signature alone');
  assert.equal(opensAs('text/html; charset=utf-8', Buffer.from('<p>正文</p>')).ok, true);
  assert.equal(opensAs('text/plain', Buffer.from([0xff, 0xfe, 0xfd])).ok, false, 'not UTF-8');
  const word = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
  assert.equal(opensAs(word, Buffer.from(zipSync({ '[Content_Types].xml': Buffer.from('<Types/>') }))).ok, true);
  assert.equal(opensAs(word, Buffer.from('PK\u0003\u0004')).ok, false, 'a ZIP header alone');
});

test('the evidence chain: whole when untouched; the first altered, missing or reordered link is named', () => {
  const links: ChainLink[] = [];
  let prev = GENESIS;
  for (let seq = 1; seq <= 5; seq++) {
    const link = { seq, kind: 'INGEST', recordId: null, payload: { n: seq }, at: new Date(2026, 0, seq).toISOString() };
    const hash = linkHash(prev, link);
    links.push({ ...link, prevHash: prev, hash });
    prev = hash;
  }
  assert.equal(firstBrokenLink(links), null);
  const altered = links.map((l) => (l.seq === 3 ? { ...l, payload: { n: 33 } } : l));
  assert.deepEqual(firstBrokenLink(altered), { seq: 3, reason: 'its content does not match its hash' });
  assert.deepEqual(firstBrokenLink(links.filter((l) => l.seq !== 2)), { seq: 2, reason: 'link 2 is missing' });
  // Re-hashing one link does not help: the next one still points at the old hash.
  const rehashed = links.map((l) => (l.seq === 3 ? { ...l, payload: { n: 33 }, hash: linkHash(l.prevHash, { ...l, payload: { n: 33 } }) } : l));
  assert.deepEqual(firstBrokenLink(rehashed), { seq: 4, reason: 'it does not refer to the link before it' });
});

test('an operator’s scanner command: exit 0 clean, 1 infected with its words, anything else a failure that does not pass', async () => {
  const scan = commandScanner('if grep -q BAD; then echo "Win.Test.BAD FOUND"; exit 1; fi');
  assert.equal(await scan('clean.txt', Buffer.from('all good')), null);
  assert.equal(await scan('bad.txt', Buffer.from('something BAD inside')), 'Win.Test.BAD FOUND');
  assert.match((await commandScanner('exit 3')('x', Buffer.from('x'))) ?? '', /scanner failed \(exit 3\)/);
});

test('a package whose manifest or year list is not the shape of one is refused with its problem, never read into', () => {
  const zip = (name: string, json: string) => zipSync({ [name]: new TextEncoder().encode(json) });
  for (const manifest of ['null', '1', '[]', '{"files": {"a": 1}}', '{"files": [null]}', '{"parts": []}']) {
    const read = readPackage(zip('manifest.json', manifest));
    assert.equal(read.manifest, null, manifest);
    assert.ok(read.problems.length, manifest);
  }
  for (const list of ['{"records": {}}', '{"records": [null]}', '{"records": [{"archivalNumber": 1}]}']) {
    const read = readYearPackage(zip('year.json', list));
    assert.deepEqual([read.records.length, read.problems.length > 0], [0, true], list);
  }
  // A record's role and retention are among what its archival number is made of.
  const odd = readPackage(zip('manifest.json', JSON.stringify({ format: 'yizhan-archive-package/1', role: 'OTHER', retention: 'Y99', files: [] })));
  assert.ok(odd.problems.some((p) => /unknown record role OTHER/.test(p)));
  assert.ok(odd.problems.some((p) => /unknown retention Y99/.test(p)));
  assert.equal(archivalNumber('610100', 2026, 'Y10', 'INFORMATION', 1), '610100-WS·2026-D10-XX-0001');
});
