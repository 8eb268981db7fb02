// Files a person sends inline (base64) — a 信息's picture, a seal's 印模 scan, a mail's attachment — checked before
// anything is written: within their size (measured before they are decoded, so a request of megabytes is refused by
// its length), base64, not empty; an image a whole PNG, JPEG or GIF whatever its name says. A refusal names the field
// and never repeats what was sent. And a file's media type by its name, for files that travel without one.
import { createHash } from 'node:crypto';
import { badInput, ErrorCode, YizhanError } from './errors.ts';
import { formatProblem } from './file-formats.ts';
import { requiredText } from './text.ts';

/** The bytes of a base64 value. TOO_LARGE (with `limitBytes`) or BAD_INPUT names `field`; `what` says which file. */
export function bytesFromBase64(value: unknown, opts: { field: string; what: string; maxBytes: number }): Buffer {
  const { field, what, maxBytes } = opts;
  const tooLarge = () => new YizhanError(ErrorCode.TOO_LARGE, `${what} is over the ${sizeWords(maxBytes)} it may be`, { field, limitBytes: maxBytes });
  const base64 = String(value ?? '').replace(/\s+/g, '');
  if (Math.floor((base64.length * 3) / 4) > maxBytes + 2) throw tooLarge();
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(base64) || base64.length % 4 !== 0)
    throw badInput(`${what} is not base64`, field, { zh: '文件内容无法读取，请重新选择文件' });
  const content = Buffer.from(base64, 'base64');
  if (!content.length) throw badInput(`${what} is empty`, field, { zh: '文件是空的' });
  if (content.length > maxBytes) throw tooLarge();
  return content;
}

/** A file as a form sends it inline. */
export interface InlineFileInput {
  name?: unknown;
  base64?: unknown;
}

/** A file sent inline, checked: its name, type by its name, bytes and SHA-256. */
export interface InlineFile {
  name: string;
  contentType: string;
  content: Buffer;
  sha256: string;
}

/**
 * Files sent together (a mail's attachments, a report's 整改材料), checked before anything is kept: at most `maxFiles`,
 * each named by a file name (no folders), within `maxEach` and all within `maxTotal` — measured before anything is
 * decoded, so a request of megabytes is refused by its length. `check` refuses a file by its name and bytes. A refusal
 * names the file (`files[2]`); TOO_LARGE says the limit.
 */
export function filesFromBase64(
  given: readonly InlineFileInput[] | null | undefined,
  opts: {
    field: string;
    /** Each file's word in a refusal: Attachment 2, File 2. */
    what: string;
    /** The whole's words in a refusal: a message's attachments, the files of a report. */
    whole: string;
    maxFiles: number;
    maxEach: number;
    maxTotal: number;
    check?: (file: { name: string; content: Buffer; field: string; index: number }) => void;
  },
): InlineFile[] {
  const files = given ?? [];
  const { field, what, maxFiles, maxTotal } = opts;
  if (files.length > maxFiles) throw badInput(`At most ${maxFiles} files go with ${opts.whole}`, field, { length: { max: maxFiles } });
  const tooLarge = () =>
    new YizhanError(ErrorCode.TOO_LARGE, `The files of ${opts.whole} are over the ${sizeWords(maxTotal)} they may be together`, {
      field,
      limitBytes: maxTotal,
    });
  const encoded = files.reduce((n, f) => n + String(f?.base64 ?? '').length, 0);
  if (Math.floor((encoded * 3) / 4) > maxTotal + 2 * files.length) throw tooLarge();
  let total = 0;
  const clean = files.map((f, index) => {
    const at = `${field}[${index}]`;
    const name = requiredText(typeof f?.name === 'string' ? f.name : null, `${at}.name`, { max: 100, line: true });
    if (/[\\/]/.test(name)) throw badInput(`${what} ${index + 1}’s name is a file name, without folders`, `${at}.name`, { zh: '文件名不能含有文件夹' });
    const content = bytesFromBase64(f?.base64, { field: at, what: `${what} ${index + 1}`, maxBytes: opts.maxEach });
    opts.check?.({ name, content, field: at, index });
    total += content.length;
    return { name, contentType: contentTypeOfName(name), content, sha256: createHash('sha256').update(content).digest('hex') };
  });
  if (total > maxTotal) throw tooLarge();
  return clean;
}

const sizeWords = (bytes: number) => (bytes >= 1024 * 1024 ? `${Math.round(bytes / 1024 / 1024)} MB` : `${Math.round(bytes / 1024)} KB`);

export const IMAGE_CONTENT_TYPES = { png: 'image/png', jpeg: 'image/jpeg', gif: 'image/gif' } as const;
export type ImageFormat = keyof typeof IMAGE_CONTENT_TYPES;
export type ImageContentType = (typeof IMAGE_CONTENT_TYPES)[ImageFormat];

/** An image's bytes and type, whole in one of `formats` (PNG, JPEG or GIF unless fewer are named). */
export function imageFromBase64(
  value: unknown,
  opts: { field: string; what: string; maxBytes: number; formats?: readonly ImageFormat[] },
): { contentType: ImageContentType; content: Buffer } {
  const content = bytesFromBase64(value, opts);
  const formats = opts.formats ?? (Object.keys(IMAGE_CONTENT_TYPES) as ImageFormat[]);
  for (const format of formats) {
    const problem = formatProblem(format, content);
    if (!problem) return { contentType: IMAGE_CONTENT_TYPES[format], content };
    if (problem.problem === 'DAMAGED') throw badInput(`${opts.what} is not whole: ${problem.detail}`, opts.field, { zh: `图片不完整：${problem.zh}` });
  }
  const names = formats.map((f) => f.toUpperCase());
  throw badInput(`${opts.what} is not a ${names.length > 1 ? `${names.slice(0, -1).join(', ')} or ${names.at(-1)}` : names[0]} image`, opts.field, {
    zh: `只能是 ${names.join('、')} 图片（按文件内容判断，不看文件名）`,
  });
}

const BY_NAME: Record<string, string> = {
  pdf: 'application/pdf',
  ofd: 'application/ofd',
  doc: 'application/msword',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xls: 'application/vnd.ms-excel',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  wps: 'application/vnd.ms-works',
  txt: 'text/plain',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  zip: 'application/zip',
};

/** A file's media type by its name's ending, as a browser would open it; anything else is plain bytes. */
export const contentTypeOfName = (name: string): string => BY_NAME[name.split('.').pop()?.toLowerCase() ?? ''] ?? 'application/octet-stream';
