// A notice to a unit in its inbox (domain/notices.ts): its Chinese sentence, and its kind and words for other languages.
import type { EntityManager } from '@mikro-orm/postgresql';
import { type Notice, noticeText } from '../domain/notices.ts';
import { withDb } from './sql.ts';

/** One notice to one unit about one of its deliveries. */
export function insertNotice(em: EntityManager, to: { org_id: string; org_path: string; delivery_id: string }, notice: Notice): Promise<unknown> {
  return withDb(em, (db) =>
    db
      .insertInto('documents.notifications')
      .values({ ...to, text: noticeText(notice), kind: notice.kind, words: JSON.stringify(notice.words) })
      .execute(),
  );
}
