// What may travel as a document's file. A 公文's attachments are documents — Word and WPS drafts, PDF and OFD, sheets,
// scans, text — never programs: a program sent to every unit of a province is the attack this platform must not
// carry. A file is refused when its content is a program (the signatures of Windows, Linux and macOS executables,
// whatever it is called) or its name says it runs when opened.

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
  const ext = /\.([^.\s]{1,12})$/.exec(name)?.[1]?.toLowerCase();
  if (ext && RUNS.has(ext)) return `“${name}” is a program or macro file (.${ext}), which documents do not carry: send it as PDF, OFD, Word or WPS`;
  const head = Buffer.from(content.buffer, content.byteOffset, Math.min(content.byteLength, 8));
  const program = PROGRAM_SIGNATURES.find(([, sig]) => head.subarray(0, sig.length).equals(sig));
  if (program) return `“${name}” is a ${program[0]} program, whatever its name says, which documents do not carry`;
  return null;
}
