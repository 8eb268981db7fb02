// The published events a caller may read, by sequence: the outbox under the caller's row-level security (an end at or
// below the caller's unit). What a resuming subscriber of the gateway's live edge missed is read here.
import type { EntityManager } from '@mikro-orm/postgresql';
import type { PublishedEvent } from '@yizhan/common';
import { toPublishedEvent } from '@yizhan/kernel';
import { sql } from 'kysely';
import { withDb } from './sql.ts';

export async function publishedEventsAfter(em: EntityManager, after: number, upTo: number, limit: number): Promise<PublishedEvent[]> {
  const rows = await withDb(em, (db) =>
    db
      .selectFrom('documents.outbox')
      .select([
        'publish_seq',
        'type',
        sql<string>`org_path::text`.as('org_path'),
        sql<string | null>`other_path::text`.as('other_path'),
        'payload',
        'occurred_at',
      ])
      .where('publish_seq', '>', String(after))
      .where('publish_seq', '<=', String(upTo))
      .orderBy('publish_seq')
      .limit(limit)
      .execute(),
  );
  return rows.map((r) => toPublishedEvent('documents', r));
}
