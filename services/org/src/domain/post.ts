// 职务: a person's post as it is printed beside their name on a 命令（令） (GB/T 9704 §7.3.5.3): words, one line.
import { badInput, optionalText } from '@yizhan/common';

/** At most this many characters: 党组书记、厅长 and the like, not a sentence. */
export const POST_MAX = 30;

/** Letters of any script, digits, and the 、 · and brackets posts are written with (副省长, 党组书记、厅长, 主任（兼）). */
const POST = /^[\p{L}\p{M}\p{N}、·（）() ]+$/u;

/** The post trimmed, or null when left empty; BAD_INPUT naming `post` for anything but words. */
export function cleanPost(value: string | null | undefined): string | null {
  const post = optionalText(value, 'post', { max: POST_MAX, line: true });
  if (post && !POST.test(post)) throw badInput('职务 (post): words only (and 、 · brackets), no symbols or markup', 'post', { plainText: true });
  return post;
}
