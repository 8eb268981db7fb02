// An uploaded file's name as the unit keeps it and a recipient's download offers it: a name, not a path. The client
// sends it percent-encoded (X-Filename); what it names of folders is dropped, and a name too long is shortened in its
// middle so that its extension (what opens it) is kept.

const MAX_NAME = 200;

/** The kept name, or null when the header is not a percent-encoded name without control characters. */
export function keptFileName(header: string | undefined): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(header ?? 'file');
  } catch {
    return null;
  }
  if (/[\u0000-\u001f\u007f]/.test(decoded)) return null;
  // `../../etc/passwd` and `C:\报告\附件.pdf` are the names `passwd` and `附件.pdf`; nothing but dots is no name.
  const base = decoded.split(/[/\\]/).at(-1)?.trim() ?? '';
  const name = /^\.*$/.test(base) ? 'file' : base;
  const chars = [...name];
  if (chars.length <= MAX_NAME) return name;
  const ext = /\.[^.\s]{1,10}$/.exec(name)?.[0] ?? '';
  return chars.slice(0, MAX_NAME - [...ext].length).join('') + ext;
}

/** A file name's extension, lower case, without its dot (`附件.PDF` → `pdf`); undefined for a name without one. */
export const extensionOf = (name: string): string | undefined => /\.([^.\s]{1,12})$/.exec(name)?.[1]?.toLowerCase();

/** A title as part of a file name the platform gives (收文处理单-…-标题.pdf, 标题-报送材料.zip): no path separator, a
 * character Windows refuses or a control character (each an underscore), at most `max` whole characters. */
export const fileNamePart = (title: string, max: number): string =>
  Array.from(title.replace(/[\\/:*?"<>|\p{Cc}]/gu, '_'))
    .slice(0, max)
    .join('');
