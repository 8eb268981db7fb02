import assert from 'node:assert/strict';
import { test } from 'node:test';
import { zipSync } from 'fflate';
import { tinyPdf } from '../../../test/support/files.ts';
import { formatOfContentType, formatOfExtension, formatProblem } from './file-formats.ts';

const text = (s: string) => Buffer.from(s);
const docx = zipSync({ '[Content_Types].xml': text('<Types/>'), 'word/document.xml': text('<w:document/>') });

test('whole files of each format pass', () => {
  assert.equal(formatProblem('pdf', tinyPdf('附件')), null);
  assert.equal(formatProblem('pdf', Buffer.concat([tinyPdf('x'), Buffer.alloc(300, 0x20)])), null, 'a few bytes after %%EOF, as some writers leave');
  assert.equal(formatProblem('ooxml', docx), null);
  assert.equal(formatProblem('ofd', zipSync({ 'OFD.xml': text('<ofd:OFD/>'), 'Doc_0/Document.xml': text('<x/>') })), null);
  assert.equal(formatProblem('zip', zipSync({ 'a.txt': text('a') })), null);
  const png = Buffer.from(
    '89504e470d0a1a0a0000000d49484452000000010000000108000000003a7e9b550000000a4944415478016360000000020001e221bc330000000049454e44ae426082',
    'hex',
  );
  assert.equal(formatProblem('png', png), null);
});

test('a file cut short, or random bytes after a right beginning, is named as not whole', () => {
  const pdf = tinyPdf('附件');
  assert.match(JSON.stringify(formatProblem('pdf', pdf.subarray(0, pdf.length - 40))), /DAMAGED.*cut short/);
  const random = Buffer.concat([text('%PDF-1.7\n'), Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 131) % 256))]);
  assert.equal(formatProblem('pdf', random)?.problem, 'DAMAGED');
  assert.match(JSON.stringify(formatProblem('pdf', text('%PDF-1.4\nstartxref\n999999\n%%EOF'))), /cross-reference/);
  assert.match(JSON.stringify(formatProblem('ooxml', docx.subarray(0, docx.length - 10))), /central directory/);
  assert.match(JSON.stringify(formatProblem('ooxml', zipSync({ 'a.txt': text('a') }))), /without \[Content_Types\]\.xml/);
  assert.match(JSON.stringify(formatProblem('ofd', docx)), /without OFD\.xml/);
});

test('a JPEG or a GIF cut short is DAMAGED; a thumbnail’s end marker is not the picture’s, data after the end is let be', () => {
  const app1WithThumbnail = [0xff, 0xe1, 0x00, 0x08, 0xff, 0xd8, 0xff, 0xd9, 0, 0];
  const jpeg = Buffer.from([0xff, 0xd8, ...app1WithThumbnail, 0xff, 0xda, 0x00, 0x02, 9, 8, 7, 0xff, 0x00, 6, 0xff, 0xd9]);
  assert.equal(formatProblem('jpeg', jpeg), null);
  assert.equal(formatProblem('jpeg', Buffer.concat([jpeg, Buffer.from('appended by a camera')])), null);
  assert.match(JSON.stringify(formatProblem('jpeg', jpeg.subarray(0, jpeg.length - 2))), /DAMAGED.*end-of-image/);
  const gif = Buffer.concat([Buffer.from('GIF89a'), Buffer.alloc(20, 1), Buffer.from([0x3b])]);
  assert.equal(formatProblem('gif', gif), null);
  assert.equal(formatProblem('gif', Buffer.concat([gif, Buffer.alloc(4)])), null, 'zero padding after the trailer');
  assert.match(JSON.stringify(formatProblem('gif', gif.subarray(0, 10))), /DAMAGED.*trailer/);
});

test('content that is another thing altogether is NOT the format', () => {
  assert.deepEqual(formatProblem('pdf', text('这是一段文字')), { problem: 'NOT' });
  assert.deepEqual(formatProblem('ooxml', text('<html>')), { problem: 'NOT' });
  assert.deepEqual(formatProblem('png', Buffer.from([0xff, 0xd8, 0xff])), { problem: 'NOT' });
  assert.deepEqual(formatProblem('pdf', new Uint8Array(0)), { problem: 'NOT' });
});

test('formats by extension and by content type', () => {
  assert.deepEqual(['pdf', 'docx', 'xlsx', 'ofd', 'jpg', 'doc', undefined].map(formatOfExtension), ['pdf', 'ooxml', 'ooxml', 'ofd', 'jpeg', null, null]);
  assert.equal(formatOfContentType('application/pdf; charset=binary'), 'pdf');
  assert.equal(formatOfContentType('text/plain'), null);
});
