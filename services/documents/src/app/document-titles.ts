// What an audit entry was about: the documents and deliveries its ids name, by title and 发文字号, as far as the
// reader's unit may see them (another unit's document stays an id).
import { badInput, requireCaller } from '@yizhan/common';
import type { DocumentsContext } from '../deps.ts';
import { isUuid } from '../store/documents.ts';
import { type Titled, titlesOf } from '../store/titles.ts';

/** The most ids asked at once: a page of the audit log names a few per entry. */
export const TITLES_AT_ONCE = 200;

export async function documentTitles(ctx: DocumentsContext, ids: string[]): Promise<Titled[]> {
  requireCaller(ctx);
  if (ids.length > TITLES_AT_ONCE) throw badInput(`At most ${TITLES_AT_ONCE} ids at once`, 'ids');
  return titlesOf(ctx.em, [...new Set(ids.filter(isUuid))]);
}
