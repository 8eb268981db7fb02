// Whether a file is whole in the format it claims: the documents service asks it of every upload (a recipient opens a
// file by its name, and an upload cut short is a 公文's attachment nobody can open), the archive of every component
// (四性检测's usability). Each format is checked at both ends, as its readers find it: a PDF ends with its trailer,
// a ZIP package (Word, Excel, OFD) with its central directory, which names the parts the package must hold; a PNG
// with its IEND chunk, a JPEG with its end-of-image marker after the scan, a GIF with its trailer. Only the kinds whose
// structure is certain are checked.

export type FileFormat = 'pdf' | 'ofd' | 'ooxml' | 'zip' | 'png' | 'jpeg' | 'gif';

/** Each format in words, as a refusal names it. */
export const FORMAT_WORDS: Record<FileFormat, string> = {
  pdf: 'a PDF',
  ofd: 'an OFD file',
  ooxml: 'an Office Open XML file (Word, Excel or PowerPoint)',
  zip: 'a ZIP package',
  png: 'a PNG image',
  jpeg: 'a JPEG image',
  gif: 'a GIF image',
};

/** The same in Chinese, for the archive's 四性检测 as its archivists read it. */
export const FORMAT_WORDS_ZH: Record<FileFormat, string> = {
  pdf: 'PDF 文件',
  ofd: 'OFD 版式文件',
  ooxml: 'Office 文档（Word、Excel 或 PowerPoint）',
  zip: 'ZIP 压缩包',
  png: 'PNG 图像',
  jpeg: 'JPEG 图像',
  gif: 'GIF 图像',
};

const BY_EXTENSION: Record<string, FileFormat> = {
  pdf: 'pdf',
  ofd: 'ofd',
  docx: 'ooxml',
  xlsx: 'ooxml',
  pptx: 'ooxml',
  zip: 'zip',
  png: 'png',
  jpg: 'jpeg',
  jpeg: 'jpeg',
  gif: 'gif',
};

const BY_CONTENT_TYPE: Record<string, FileFormat> = {
  'application/pdf': 'pdf',
  'application/ofd': 'ofd',
  'application/zip': 'zip',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'ooxml',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'ooxml',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': 'ooxml',
  'image/png': 'png',
  'image/jpeg': 'jpeg',
  'image/gif': 'gif',
};

/** The format a file's extension (lower case, without the dot) promises, or null when it promises none checked here. */
export const formatOfExtension = (ext: string | null | undefined): FileFormat | null => (ext ? (BY_EXTENSION[ext] ?? null) : null);

/** The format a content type names, or null when it names none checked here. */
export const formatOfContentType = (contentType: string): FileFormat | null => BY_CONTENT_TYPE[contentType.split(';')[0]?.trim().toLowerCase() ?? ''] ?? null;

/** What is wrong with `bytes` as a `format`: it is not one at all (`NOT`), or it begins as one and is not whole. */
export type FormatProblem = { problem: 'NOT' } | { problem: 'DAMAGED'; detail: string; zh: string };

const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const startsWith = (b: Uint8Array, sig: readonly number[], at = 0) => b.length >= at + sig.length && sig.every((x, i) => b[at + i] === x);
const latin1 = (b: Uint8Array, from: number, to = b.length) => Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('latin1', Math.max(0, from), to);

export function formatProblem(format: FileFormat, bytes: Uint8Array): FormatProblem | null {
  switch (format) {
    case 'pdf':
      return pdfProblem(bytes);
    case 'ofd':
    case 'ooxml':
    case 'zip':
      return zipProblem(format, bytes);
    case 'png':
      if (!startsWith(bytes, PNG)) return { problem: 'NOT' };
      // The last chunk: length 0, "IEND", its CRC.
      return latin1(bytes, bytes.length - 8, bytes.length - 4) === 'IEND'
        ? null
        : { problem: 'DAMAGED', detail: 'it does not end with the image’s end (IEND): cut short?', zh: '缺少图像结束块（IEND），文件可能不完整' };
    case 'jpeg':
      if (!startsWith(bytes, [0xff, 0xd8, 0xff])) return { problem: 'NOT' };
      return jpegEnds(bytes)
        ? null
        : {
            problem: 'DAMAGED',
            detail: 'its picture does not end (no end-of-image marker after its scan): cut short?',
            zh: '缺少图像结束标记，文件可能不完整',
          };
    case 'gif':
      if (!/^GIF8[79]a/.test(latin1(bytes, 0, 6))) return { problem: 'NOT' };
      // The trailer (0x3B) ends the stream; padding of zero bytes after it is let be.
      return lastNonZero(bytes) === 0x3b
        ? null
        : { problem: 'DAMAGED', detail: 'it does not end with the GIF trailer: cut short?', zh: '缺少 GIF 结束标记，文件可能不完整' };
  }
}

const lastNonZero = (b: Uint8Array) => {
  for (let i = b.length - 1; i >= 0; i--) if (b[i] !== 0) return b[i];
  return undefined;
};

/** A JPEG's main picture ends: its segments before the scan are walked by their lengths (a thumbnail inside them has
 * an end marker of its own), and after the scan's start an end-of-image marker (FF D9) follows. Data a camera appends
 * after it is let be. */
function jpegEnds(b: Uint8Array): boolean {
  let at = 2;
  while (at + 4 <= b.length) {
    if (b[at] !== 0xff) return false;
    const marker = b[at + 1] as number;
    if (marker === 0xff) {
      at += 1; // fill bytes
      continue;
    }
    if (marker === 0xda) break;
    // Markers without a length: RSTn, TEM.
    if ((marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) {
      at += 2;
      continue;
    }
    at += 2 + (((b[at + 2] as number) << 8) | (b[at + 3] as number));
  }
  for (let i = at + 2; i + 1 < b.length; i++) if (b[i] === 0xff && b[i + 1] === 0xd9) return true;
  return false;
}

/** A PDF: its header within the first kilobyte, and at its end `startxref`, the cross-reference's offset and %%EOF
 * (readers look for them in the last kilobyte or so; an incremental update ends the same way). */
function pdfProblem(bytes: Uint8Array): FormatProblem | null {
  if (!latin1(bytes, 0, 1024).includes('%PDF-')) return { problem: 'NOT' };
  const tail = latin1(bytes, bytes.length - 2048);
  if (!tail.includes('%%EOF'))
    return { problem: 'DAMAGED', detail: 'it does not end as a PDF ends (%%EOF): cut short?', zh: '缺少文件结束标记（%%EOF），文件可能不完整' };
  const xref = /startxref\s+(\d+)\s+%%EOF/.exec(tail);
  if (!xref || Number(xref[1]) >= bytes.length)
    return {
      problem: 'DAMAGED',
      detail: 'its end names no cross-reference table within the file (startxref)',
      zh: '文件末尾未指向文件内的交叉引用表（startxref）',
    };
  return null;
}

/** The parts a package of each kind must hold to open at all. */
const REQUIRED_PART: Partial<Record<FileFormat, string>> = { ooxml: '[Content_Types].xml', ofd: 'OFD.xml' };

/** A ZIP package: its end-of-central-directory record, the directory it points to within the file, and its entries
 * (each a central-directory header) read through; for Word, Excel, PowerPoint and OFD, the part that names the rest. */
function zipProblem(format: FileFormat, bytes: Uint8Array): FormatProblem | null {
  if (!startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) return { problem: 'NOT' };
  const cut: FormatProblem = {
    problem: 'DAMAGED',
    detail: 'its table of contents (the ZIP central directory) is missing or broken: cut short?',
    zh: '压缩包目录（ZIP 中央目录）缺失或损坏，文件可能不完整',
  };
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // The end record is 22 bytes and may be followed by a comment of up to 65,535.
  let end = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 65_535); i--) {
    if (view.getUint32(i, true) === 0x06054b50) {
      end = i;
      break;
    }
  }
  if (end < 0) return cut;
  const entries = view.getUint16(end + 10, true);
  const size = view.getUint32(end + 12, true);
  const offset = view.getUint32(end + 16, true);
  // ZIP64 packages (over 4 GB or 65,535 entries) keep these elsewhere; no file here is that large.
  if (offset === 0xffffffff || entries === 0xffff) return null;
  if (offset + size > end) return cut;
  const names: string[] = [];
  let at = offset;
  for (let n = 0; n < entries; n++) {
    if (at + 46 > end || view.getUint32(at, true) !== 0x02014b50) return cut;
    const nameLength = view.getUint16(at + 28, true);
    const extra = view.getUint16(at + 30, true);
    const comment = view.getUint16(at + 32, true);
    names.push(Buffer.from(bytes.buffer, bytes.byteOffset + at + 46, nameLength).toString('utf8'));
    at += 46 + nameLength + extra + comment;
  }
  const required = REQUIRED_PART[format];
  if (required && !names.some((n) => n === required || n === `/${required}`))
    return {
      problem: 'DAMAGED',
      detail: `it is a ZIP package without ${required}, which ${FORMAT_WORDS[format]} holds`,
      zh: `压缩包中没有${FORMAT_WORDS_ZH[format]}必需的 ${required}`,
    };
  return null;
}
