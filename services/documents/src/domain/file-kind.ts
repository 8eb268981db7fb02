// What may travel as a document's file. A 公文's attachments are documents — Word and WPS drafts, PDF and OFD, sheets,
// scans, text — never programs: a program sent to every unit of a province is the attack this platform must not
// carry. A file is refused when its content is a program (the signatures of Windows, Linux and macOS executables,
// whatever it is called) or its name says it runs when opened.
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

/** What the content of a file with each extension begins as: a recipient opens it by its name. */
const CONTENT_OF: Record<string, { kind: string; starts: (head: Buffer) => boolean }> = {};
const zip = { kind: 'a ZIP package (Office Open XML or OFD)', starts: (h: Buffer) => h.subarray(0, 4).equals(Buffer.from('PK\u0003\u0004', 'latin1')) };
for (const ext of ['docx', 'xlsx', 'pptx', 'ofd', 'zip']) CONTENT_OF[ext] = zip;
// A PDF's header may follow a few bytes of something else (the standard's readers look in the first kilobyte).
CONTENT_OF.pdf = { kind: 'a PDF', starts: (h) => h.subarray(0, 1024).includes('%PDF-') };
CONTENT_OF.png = { kind: 'a PNG image', starts: (h) => h.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) };
CONTENT_OF.jpg = { kind: 'a JPEG image', starts: (h) => h.subarray(0, 3).equals(Buffer.from([0xff, 0xd8, 0xff])) };
CONTENT_OF.jpeg = CONTENT_OF.jpg;
CONTENT_OF.gif = { kind: 'a GIF image', starts: (h) => /^GIF8[79]a/.test(h.subarray(0, 6).toString('latin1')) };

/**
 * Why the content of `name` is not what its name says (a text saved as “附件.pdf”, a web page as “名单.docx”), or
 * null: the recipient's reader would refuse it, and a file that is not what it is called is how a hostile one hides.
 * Only the kinds whose beginnings are certain are checked; other names (.doc, .wps, .txt …) are taken as they are.
 */
export function fileContentMismatch(name: string, content: Uint8Array): string | null {
  const ext = extensionOf(name);
  const expected = ext ? CONTENT_OF[ext] : undefined;
  if (!expected) return null;
  const head = Buffer.from(content.buffer, content.byteOffset, Math.min(content.byteLength, 1024));
  return expected.starts(head) ? null : `“${name}” is not ${expected.kind}, as its name says: its content is something else`;
}
