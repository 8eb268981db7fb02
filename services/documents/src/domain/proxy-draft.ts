// 代拟稿 as plain rules (seed 001 §12): what a draft taken from a unit's Word draft starts with — its title (the Word
// draft's own, else its file's name), the 文种 that title ends with, and its 主送.
import { DOC_TYPES, type DocType } from '@yizhan/common';

/** The 文种 a title ends with after its 的 (“…的通知”, “…的通知（第二批）”, “…的函”; a 复函 is a 函); null when it names
 * none. The longest that fits: “…的会议通知” is a 会议通知, not a 通知. */
export function docTypeOfTitle(title: string): DocType | null {
  const t = title.trim().replace(/（[^（）]*）$/, '');
  const types: readonly string[] = [...DOC_TYPES, '复函'].sort((a, b) => b.length - a.length);
  const found = types.find((d) => t.endsWith(`的${d}`));
  return found ? ((found === '复函' ? '函' : found) as DocType) : null;
}

/** A file's name without its .docx: the title a Word draft without a title line gives. */
export const titleOfFile = (name: string) => name.replace(/\.docx$/i, '').trim();

/** The draft's title, 文种 and 主送 from the Word draft (what its import found) and the file's name. */
export function proxyDraftFields(imported: { title: string | null; mainTo: string | null }, fileName: string) {
  const title = imported.title?.trim() || titleOfFile(fileName);
  return { title, docType: docTypeOfTitle(title) ?? '通知', mainTo: imported.mainTo };
}
