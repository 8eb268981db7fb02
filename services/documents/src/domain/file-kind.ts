// What may travel as a document's file. A 公文's attachments are documents — Word and WPS drafts, PDF and OFD, sheets,
// scans, text — never programs: a program sent to every unit of a province is the attack this platform must not
// carry. A file is refused when its content is a program (the signatures of Windows, Linux and macOS executables,
// whatever it is called) or its name says it runs when opened.
import { FORMAT_WORDS, formatOfExtension, formatProblem } from '@yizhan/common';
import { extensionOf } from './file-name.ts';

/** Extensions that run when opened on the desktops the units use. */
const RUNS = new Set([
  'exe',
  'com',
  'scr',
  'pif',
  'msi',
  'msp',
  'dll',
  'cpl',
  'sys',
  'bat',
  'cmd',
  'ps1',
  'psm1',
  'vbs',
  'vbe',
  'js',
  'jse',
  'wsf',
  'wsh',
  'hta',
  'lnk',
  'reg',
  'jar',
  'sh',
  'run',
  'bin',
  'elf',
  'app',
  'apk',
  'deb',
  'rpm',
  'appimage',
  'docm',
  'xlsm',
  'pptm',
  'dotm',
  'xlam',
]);

/** The first bytes of executable programs. */
const PROGRAM_SIGNATURES: [string, Buffer][] = [
  ['Windows', Buffer.from('MZ', 'latin1')],
  ['Linux (ELF)', Buffer.from([0x7f, 0x45, 0x4c, 0x46])],
  ['macOS (Mach-O)', Buffer.from([0xcf, 0xfa, 0xed, 0xfe])],
  ['macOS (Mach-O)', Buffer.from([0xce, 0xfa, 0xed, 0xfe])],
  ['macOS (Mach-O)', Buffer.from([0xfe, 0xed, 0xfa, 0xcf])],
  ['macOS (universal)', Buffer.from([0xca, 0xfe, 0xba, 0xbe])],
];

/** Why `name` with `content` may not be a document's file, or null when it may. */
export function fileKindProblem(name: string, content: Uint8Array): string | null {
  const ext = extensionOf(name);
  if (ext && RUNS.has(ext)) return `“${name}” is a program or macro file (.${ext}), which documents do not carry: send it as PDF, OFD, Word or WPS`;
  const head = Buffer.from(content.buffer, content.byteOffset, Math.min(content.byteLength, 8));
  const program = PROGRAM_SIGNATURES.find(([, sig]) => head.subarray(0, sig.length).equals(sig));
  if (program) return `“${name}” is a ${program[0]} program, whatever its name says, which documents do not carry`;
  return null;
}

/**
 * Why the content of `name` is not what its name says (a text saved as “附件.pdf”, a web page as “名单.docx”) or is
 * not whole (a PDF cut short in its upload), or null: the recipient's reader would refuse it, and a file that is not
 * what it is called is how a hostile one hides. Only the kinds whose structure is certain are checked (common's
 * file-formats); other names (.doc, .wps, .txt …) are taken as they are.
 */
export function fileContentMismatch(name: string, content: Uint8Array): string | null {
  const format = formatOfExtension(extensionOf(name));
  const found = format && formatProblem(format, content);
  if (!format || !found) return null;
  return found.problem === 'NOT'
    ? `“${name}” is not ${FORMAT_WORDS[format]}, as its name says: its content is something else`
    : `“${name}” is ${FORMAT_WORDS[format]} that is not whole: ${found.detail}`;
}
