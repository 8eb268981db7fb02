// An image a person sends inline (base64) — a 信息's picture, a seal's 印模 scan — checked by its bytes before anything
// is written: within its size (measured before it is decoded, so a request of megabytes is refused by its length),
// base64, not empty, and a whole PNG, JPEG or GIF whatever its name says. Never repeats what was sent.
import { badInput, ErrorCode, YizhanError } from './errors.ts';
import { formatProblem } from './file-formats.ts';

export const IMAGE_CONTENT_TYPES = { png: 'image/png', jpeg: 'image/jpeg', gif: 'image/gif' } as const;
export type ImageFormat = keyof typeof IMAGE_CONTENT_TYPES;
export type ImageContentType = (typeof IMAGE_CONTENT_TYPES)[ImageFormat];

/**
 * The image's bytes and type. TOO_LARGE (with `limitBytes`) or BAD_INPUT names `field`; `what` says which image in the
 * message ("Image 2", "The impression").
 */
export function imageFromBase64(
  value: unknown,
  opts: { field: string; what: string; maxBytes: number; formats?: readonly ImageFormat[] },
): { contentType: ImageContentType; content: Buffer } {
  const { field, what, maxBytes } = opts;
  const formats = opts.formats ?? (Object.keys(IMAGE_CONTENT_TYPES) as ImageFormat[]);
  const tooLarge = () =>
    new YizhanError(ErrorCode.TOO_LARGE, `${what} is over the ${Math.round(maxBytes / 1024)} KB it may be`, { field, limitBytes: maxBytes });
  const base64 = String(value ?? '').replace(/\s+/g, '');
  if (Math.floor((base64.length * 3) / 4) > maxBytes + 2) throw tooLarge();
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(base64) || base64.length % 4 !== 0) throw badInput(`${what} is not base64`, field);
  const content = Buffer.from(base64, 'base64');
  if (!content.length) throw badInput(`${what} is empty`, field);
  if (content.length > maxBytes) throw tooLarge();
  for (const format of formats) {
    const problem = formatProblem(format, content);
    if (!problem) return { contentType: IMAGE_CONTENT_TYPES[format], content };
    if (problem.problem === 'DAMAGED') throw badInput(`${what} is not whole: ${problem.detail}`, field);
  }
  throw badInput(`${what} is not ${formats.map((f) => f.toUpperCase()).join(', ')} image`, field);
}
