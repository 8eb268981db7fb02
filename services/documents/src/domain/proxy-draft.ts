// 代拟稿 as plain rules (seed 001 §12): what a draft taken from a unit's Word draft starts with — its title (the Word
// draft's own, else its file's name), the 文种 that title ends with, and its 主送.
import { DOC_TYPES, type DocType } from '@yizhan/common';

/** The 文种 a title ends with (“…的通知”, “…的通知（第二批）”; a 复函 is a 函); null when it names none. */
export function docTypeOfTitle(title: string): DocType | null {
  const m = /的(会议通知|复函|[\p{Script=Han}]{2})(?:（[^（）]*）)?$/u.exec(title.trim());
  const word = m?.[1] === '复函' ? '函' : m?.[1];
  return word && (DOC_TYPES as readonly string[]).includes(word) ? (word as DocType) : null;
}

/** A file's name without its .docx: the title a Word draft without a title line gives. */
export const titleOfFile = (name: string) => name.replace(/\.docx$/i, '').trim();

/** The draft's title, 文种 and 主送 from the Word draft (what its import found) and the file's name. */
export function proxyDraftFields(imported: { title: string | null; mainTo: string | null }, fileName: string) {
  const title = imported.title?.trim() || titleOfFile(fileName);
  return { title, docType: docTypeOfTitle(title) ?? '通知', mainTo: imported.mainTo };
}
