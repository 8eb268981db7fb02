import assert from 'node:assert/strict';
import { test } from 'node:test';
import { zipSync } from 'fflate';
import { tinyPdf } from '../../../../test/support/files.ts';
import { fileContentMismatch, fileKindProblem } from './file-kind.ts';

const text = (s: string) => new TextEncoder().encode(s);

test('documents, sheets, scans and text are carried', () => {
  assert.equal(fileKindProblem('附件1.pdf', text('%PDF-1.7')), null);
  assert.equal(fileKindProblem('工作安排表.xlsx', Uint8Array.from([0x50, 0x4b, 3, 4])), null);
  assert.equal(fileKindProblem('名单.txt', text('名单')), null);
  assert.equal(fileKindProblem('fujian', text('附件：工作安排表')), null, 'a name without an extension, text inside');
});

test('a program is refused by its name or by its content, and the refusal names the file', () => {
  assert.match(fileKindProblem('evil.exe', text('hello')) ?? '', /“evil\.exe” is a program or macro file \(\.exe\)/);
  assert.match(fileKindProblem('安装.BAT', text('@echo off')) ?? '', /\.bat/);
  assert.match(fileKindProblem('宏.docm', Uint8Array.from([0x50, 0x4b, 3, 4])) ?? '', /macro/);
  assert.match(fileKindProblem('附件.pdf', Uint8Array.from([0x4d, 0x5a, 0x90, 0])) ?? '', /“附件\.pdf” is a Windows program/);
  assert.match(fileKindProblem('scan.png', Uint8Array.from([0x7f, 0x45, 0x4c, 0x46, 2])) ?? '', /Linux \(ELF\)/);
  assert.match(fileKindProblem('x', Uint8Array.from([0xcf, 0xfa, 0xed, 0xfe])) ?? '', /Mach-O/);
});

test('a file whose content is not what its name says, or is not whole, is named', () => {
  assert.equal(fileContentMismatch('附件1.pdf', tinyPdf('附件1')), null);
  assert.equal(fileContentMismatch('附件1.pdf', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), tinyPdf('x')])), null, 'a header a few bytes in');
  assert.equal(fileContentMismatch('方案.ofd', zipSync({ 'OFD.xml': text('<ofd:OFD/>') })), null);
  // A JPEG: its APP0 segment (16 bytes), the scan's start, a little data, the end of the image.
  const jpeg = Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, ...new Array(14).fill(0), 0xff, 0xda, 0x00, 0x02, 1, 2, 3, 0xff, 0xd9]);
  assert.equal(fileContentMismatch('扫描件.JPG', jpeg), null);
  assert.match(fileContentMismatch('扫描件.jpg', jpeg.subarray(0, jpeg.length - 2)) ?? '', /not whole/);
  assert.equal(fileContentMismatch('名单.txt', text('<html>')), null, 'a name whose content is not fixed');
  assert.equal(fileContentMismatch('旧稿.doc', text('{\\rtf1')), null, 'a .doc is taken as it is');
  assert.match(fileContentMismatch('附件.pdf', text('这是一段文字')) ?? '', /“附件\.pdf” is not a PDF, as its name says/);
  assert.match(fileContentMismatch('名单.docx', text('<html><script>')) ?? '', /not an Office Open XML file/);
  assert.match(fileContentMismatch('照片.png', Uint8Array.from([0xff, 0xd8, 0xff])) ?? '', /not a PNG image/);
  assert.match(fileContentMismatch('空.pdf', new Uint8Array(0)) ?? '', /not a PDF/);
  // The right beginning over anything else, or a file cut short in its upload.
  assert.match(fileContentMismatch('附件.pdf', text('%PDF-1.7\n随便什么')) ?? '', /“附件\.pdf” is a PDF that is not whole: .*%%EOF/);
  const pdf = tinyPdf('附件');
  assert.match(fileContentMismatch('附件.pdf', pdf.subarray(0, pdf.length / 2)) ?? '', /not whole/);
  assert.match(fileContentMismatch('名单.xlsx', zipSync({ 'a.txt': text('a') })) ?? '', /without \[Content_Types\]\.xml/);
});
