// 档案目录检索: what an archivist types into the catalogue's search, read as the catalogue writes it. Each word
// separated by spaces is required; a 文号 is found whatever brackets its year is typed in, a 档号 whatever dot.
import { optionalText } from '@yizhan/common';

/**
 * The brackets people type around a 文号's year — [ ] 【 】 ［ ］ （ ） ( ) — each with the 六角括号 GB/T 9704 writes
 * (陕政办发〔2026〕2号), in the order SQL's translate() takes them: the catalogue's own 文号 are read the same way, so
 * one kept with other brackets (a paper record's, a peer platform's) is found too.
 */
export const DOC_NUMBER_BRACKETS = { from: '[]【】［］()（）', to: '〔〕〔〕〔〕〔〕〔〕' } as const;

/** A 文号 as GB/T 9704 brackets it. */
export function asDocNumber(text: string): string {
  const { from, to } = DOC_NUMBER_BRACKETS;
  return [...text].map((c) => to[from.indexOf(c)] ?? c).join('');
}

/** A 档号's middle dot (Z109-WS·2026-…) as keyboards give it: a full stop, a full-width one, a katakana or bullet dot. */
export const asArchivalNumber = (text: string) => text.replace(/[.．・•‧∙⋅]/g, '·');

/** One word of a search, as each column reads it: as typed (题名, 主送, 抄送), as a 文号, as a 档号. */
export interface SearchWord {
  text: string;
  docNumber: string;
  archivalNumber: string;
}

/** The most a search may be: a few words, a 文号, a 档号. */
export const SEARCH_MAX = 200;

/**
 * The words of a search: separated by spaces (the full-width space too), each required, each once; none for a search
 * that shows nothing. BAD_INPUT naming `search` for one over SEARCH_MAX characters or with control characters.
 */
export function searchWords(search: string | null | undefined): SearchWord[] {
  const text = optionalText(search, 'search', { max: SEARCH_MAX });
  if (!text) return [];
  const words = [...new Set(text.split(/\s+/u).filter(Boolean))];
  return words.map((w) => ({ text: w, docNumber: asDocNumber(w), archivalNumber: asArchivalNumber(w) }));
}
