import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fileKindProblem } from './file-kind.ts';

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
