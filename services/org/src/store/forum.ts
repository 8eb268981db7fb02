// The SQL of 论坛: topics and replies, under row-level security (migration 0034: the posting unit and those above it,
// and whoever a topic's audience takes in). Instants are read as text.
import type { EntityManager } from '@mikro-orm/postgresql';
import { type Selectable, sql } from 'kysely';
import type { CleanTopic } from '../domain/forum.ts';
import type { Audience } from '../domain/information.ts';
import { audienceAdmitsSql } from './audience.ts';
import type { DB } from './db.ts';
import { withDb } from './sql.ts';

export interface ForumTopic {
  id: string;
  orgId: string;
  orgPath: string;
  orgName: string;
  title: string;
  body: string;
  audience: Audience;
  viewerIds: string[];
  authorId: string;
  authorName: string;
  postedAt: Date;
  lastReplyAt: Date | null;
  replyCount: number;
  removedAt: Date | null;
  removedByName: string | null;
  removedReason: string | null;
}

/** A topic's row as topicColumns reads it: the table's columns, times as text, and its live replies counted. */
type TopicRow = Selectable<DB['org.forum_topics']> & { reply_count: number };

const date = (v: string | null) => (v ? new Date(v) : null);
const toTopic = (r: TopicRow): ForumTopic => ({
  id: r.id,
  orgId: r.org_id,
  orgPath: r.org_path,
  orgName: r.org_name,
  title: r.title,
  body: r.body,
  audience: r.audience as Audience,
  viewerIds: r.viewer_ids,
  authorId: r.author_id,
  authorName: r.author_name,
  postedAt: new Date(r.posted_at),
  lastReplyAt: date(r.last_reply_at),
  replyCount: Number(r.reply_count),
  removedAt: date(r.removed_at),
  removedByName: r.removed_by_name,
  removedReason: r.removed_reason,
});

const topicColumns = sql`t.id, t.org_id, t.org_path::text as org_path, t.org_name, t.title, t.body, t.audience, t.viewer_ids, t.author_id,
  t.author_name, t.posted_at::text as posted_at, t.last_reply_at::text as last_reply_at,
  (select count(*)::int from org.forum_replies r where r.topic_id = t.id and r.removed_at is null) as reply_count,
  t.removed_at::text as removed_at, t.removed_by_name, t.removed_reason`;

/** The topics the reader reads (domain/forum.ts mayReadTopic, in SQL so that a page is whole), the latest activity
 * first, `limit` of them. */
export async function forumTopics(
  em: EntityManager,
  reader: { userId: string; orgPath: string; roles: readonly string[] },
  limit: number,
): Promise<ForumTopic[]> {
  const [me, at, admin] = [reader.userId, reader.orgPath, reader.roles.includes('ADMIN')];
  const { rows } = await withDb(em, (db) =>
    sql<TopicRow>`select ${topicColumns} from org.forum_topics t
      where t.author_id = ${me}::uuid
         or ${audienceAdmitsSql('t', reader)}
         or (${admin}::boolean and t.org_path <@ ${at}::ltree)
      order by coalesce(t.last_reply_at, t.posted_at) desc, t.id desc limit ${limit}`.execute(db),
  );
  return rows.map(toTopic);
}

/** One topic the caller reads; null otherwise. */
export async function forumTopic(em: EntityManager, id: string): Promise<ForumTopic | null> {
  const { rows } = await withDb(em, (db) => sql<TopicRow>`select ${topicColumns} from org.forum_topics t where t.id = ${id}::uuid`.execute(db));
  return rows[0] ? toTopic(rows[0]) : null;
}

export async function insertTopic(
  em: EntityManager,
  unit: { id: string; path: string; name: string },
  author: { id: string; name: string },
  t: CleanTopic,
): Promise<string> {
  const row = await withDb(em, (db) =>
    db
      .insertInto('org.forum_topics')
      .values({
        org_id: unit.id,
        org_path: unit.path,
        org_name: unit.name,
        title: t.title,
        body: t.body,
        audience: t.audience,
        viewer_ids: t.viewerIds,
        author_id: author.id,
        author_name: author.name,
      })
      .returning('id')
      .executeTakeFirstOrThrow(),
  );
  return row.id;
}

export interface ForumReply {
  id: string;
  topicId: string;
  body: string;
  authorId: string;
  authorName: string;
  authorOrgName: string;
  postedAt: Date;
  removedAt: Date | null;
  removedByName: string | null;
  removedReason: string | null;
}

/** A topic's replies, oldest first (those taken down too: the thread says so). */
export async function repliesOf(em: EntityManager, topicId: string): Promise<ForumReply[]> {
  const rows = await withDb(em, (db) =>
    db
      .selectFrom('org.forum_replies')
      .select([
        'id',
        'topic_id',
        'body',
        'author_id',
        'author_name',
        'author_org_name',
        sql<string>`posted_at::text`.as('posted_at'),
        sql<string | null>`removed_at::text`.as('removed_at'),
        'removed_by_name',
        'removed_reason',
      ])
      .where('topic_id', '=', topicId)
      .orderBy('posted_at')
      .orderBy('id')
      .execute(),
  );
  return rows.map((r) => ({
    id: r.id,
    topicId: r.topic_id,
    body: r.body,
    authorId: r.author_id,
    authorName: r.author_name,
    authorOrgName: r.author_org_name,
    postedAt: new Date(r.posted_at),
    removedAt: date(r.removed_at),
    removedByName: r.removed_by_name,
    removedReason: r.removed_reason,
  }));
}

/** A reply, and its topic made the latest. */
export async function insertReply(em: EntityManager, topicId: string, author: { id: string; name: string; orgName: string }, body: string): Promise<string> {
  return withDb(em, async (db) => {
    const { id } = await db
      .insertInto('org.forum_replies')
      .values({ topic_id: topicId, body, author_id: author.id, author_name: author.name, author_org_name: author.orgName })
      .returning('id')
      .executeTakeFirstOrThrow();
    await sql`select org.forum_replied(${id}::uuid)`.execute(db);
    return id;
  });
}

/** A reply's author and topic, when the caller reads it. */
export async function replyOf(em: EntityManager, id: string): Promise<{ id: string; authorId: string; topicId: string } | null> {
  const row = await withDb(em, (db) => db.selectFrom('org.forum_replies').select(['id', 'author_id', 'topic_id']).where('id', '=', id).executeTakeFirst());
  return row ? { id: row.id, authorId: row.author_id, topicId: row.topic_id } : null;
}

/** Takes a topic or a reply down, saying who and why (kept; its text is no longer shown). */
export async function takeDown(em: EntityManager, kind: 'TOPIC' | 'REPLY', id: string, by: string, reason: string): Promise<void> {
  const set = { removed_at: sql<string>`now()`, removed_by_name: by, removed_reason: reason };
  await withDb(em, (db) =>
    kind === 'TOPIC'
      ? db.updateTable('org.forum_topics').set(set).where('id', '=', id).where('removed_at', 'is', null).execute()
      : db.updateTable('org.forum_replies').set(set).where('id', '=', id).where('removed_at', 'is', null).execute(),
  );
}
