// Files a person sends inline (base64) — a 信息's picture, a seal's 印模 scan, a mail's attachment — checked before
// anything is written: within their size (measured before they are decoded, so a request of megabytes is refused by
// its length), base64, not empty; an image a whole PNG, JPEG or GIF whatever its name says. A refusal names the field
// and never repeats what was sent. And a file's media type by its name, for files that travel without one.
import { badInput, ErrorCode, YizhanError } from './errors.ts';
import { formatProblem } from './file-formats.ts';

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
