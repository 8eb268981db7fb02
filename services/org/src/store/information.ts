// The SQL of 信息管理: information items under row-level security (the publishing unit's subtree reads and writes its
// own; another unit reads only what is published to it). The application narrows each read to what the caller may
// read within a unit as well (domain/information.ts mayRead), in the same WHERE. Instants are read as text.
import type { EntityManager } from '@mikro-orm/postgresql';
import { type Expression, type SqlBool, sql } from 'kysely';
import type { Audience, CleanInformation, InformationColumn, InformationStatus, InformationStep } from '../domain/information.ts';
import { audienceAdmitsSql } from './audience.ts';
import { withDb } from './sql.ts';

export interface InformationRow {
  id: string;
  org_id: string;
  org_path: string;
  org_name: string;
  column_key: InformationColumn;
  title: string;
  body: string;
  audience: Audience;
  viewer_ids: string[];
  status: InformationStatus;
  author_id: string;
  author_name: string;
  submitted_at: string;
  decided_by_name: string | null;
  decided_at: string | null;
  decision_note: string | null;
  published_at: string | null;
  withdrawn_by_name: string | null;
  withdrawn_at: string | null;
  withdrawn_reason: string | null;
}

export async function insertInformation(em: EntityManager, unit: { id: string; path: string }, author: { id: string; name: string }, c: CleanInformation) {
  const row = await withDb(em, (db) =>
    db
      .insertInto('org.information_items')
      .values({
        org_id: unit.id,
        org_path: sql<string>`${unit.path}::ltree`,
        column_key: c.column,
        title: c.title,
        body: c.body,
        audience: c.audience,
        viewer_ids: sql<string[]>`${`{${c.viewerIds.join(',')}}`}::uuid[]`,
        status: 'PENDING',
        author_id: author.id,
        author_name: author.name,
      })
      .returning('id')
      .executeTakeFirstOrThrow(),
  );
  return row.id;
}

export interface InformationFilter {
  /** The reader: what they may read, by the rules of domain/information.ts mayRead, in SQL. */
  reader: { userId: string; orgPath: string; approves: boolean };
  /** Instead of the reader's rules: every item of the units at or below this path (an administrator taking one down). */
  managedBy?: string;
  /** Instead of the reader's rules: every item of the unit at this path (its archive filing what it published). */
  ofUnit?: string;
  id?: string;
  column?: InformationColumn;
  /** PENDING: what waits for the reader's approval (their unit's, not their own). */
  status?: InformationStatus;
  forUpdate?: boolean;
}

export async function informationRows(em: EntityManager, f: InformationFilter, limit = 200): Promise<InformationRow[]> {
  const { userId, orgPath, approves } = f.reader;
  return withDb(em, (db) => {
    let q = db
      .selectFrom('org.information_items as i')
      .innerJoin('org.orgs as o', 'o.id', 'i.org_id')
      .select([
        'i.id',
        'i.org_id',
        sql<string>`i.org_path::text`.as('org_path'),
        'o.name as org_name',
        sql<InformationColumn>`i.column_key`.as('column_key'),
        'i.title',
        'i.body',
        sql<Audience>`i.audience`.as('audience'),
        sql<string[]>`i.viewer_ids::text[]`.as('viewer_ids'),
        sql<InformationStatus>`i.status`.as('status'),
        'i.author_id',
        'i.author_name',
        sql<string>`i.submitted_at::text`.as('submitted_at'),
        'i.decided_by_name',
        sql<string | null>`i.decided_at::text`.as('decided_at'),
        'i.decision_note',
        sql<string | null>`i.published_at::text`.as('published_at'),
        'i.withdrawn_by_name',
        sql<string | null>`i.withdrawn_at::text`.as('withdrawn_at'),
        'i.withdrawn_reason',
      ])
      .where(
        f.managedBy !== undefined
          ? sql<SqlBool>`i.org_path <@ ${f.managedBy}::ltree`
          : f.ofUnit !== undefined
            ? sql<SqlBool>`i.org_path = ${f.ofUnit}::ltree`
            : sql<SqlBool>`(
          (i.author_id = ${userId}::uuid and i.org_path = ${orgPath}::ltree)
          or (${approves}::boolean and i.org_path = ${orgPath}::ltree)
          or (i.status = 'PUBLISHED' and ${audienceAdmitsSql('i', { userId, orgPath })}))`,
      )
      .$if(f.id !== undefined, (x) => x.where('i.id', '=', f.id as string))
      .$if(f.column !== undefined, (x) => x.where('i.column_key', '=', f.column as string))
      .$if(f.status !== undefined, (x) => x.where('i.status', '=', f.status as string))
      .orderBy(sql`coalesce(i.published_at, i.submitted_at)`, 'desc')
      .limit(limit);
    if (f.forUpdate) q = q.forUpdate('i');
    return q.execute();
  });
}

export async function updateInformation(
  em: EntityManager,
  id: string,
  change: {
    status: InformationStatus;
    decided_by_name?: string;
    decided_at?: Expression<Date>;
    decision_note?: string | null;
    published_at?: Expression<Date>;
    withdrawn_by_name?: string;
    withdrawn_at?: Expression<Date>;
    withdrawn_reason?: string;
  },
): Promise<void> {
  await withDb(em, (db) => db.updateTable('org.information_items').set(change).where('id', '=', id).execute());
}

/** 修改后重新报送: the item as its author changed it, awaiting approval again, submitted now; the 退回 it answers is
 * cleared from the row (its round is kept in org.information_steps). */
export async function resubmitted(em: EntityManager, id: string, c: CleanInformation): Promise<void> {
  await withDb(em, (db) =>
    db
      .updateTable('org.information_items')
      .set({
        status: 'PENDING',
        column_key: c.column,
        title: c.title,
        body: c.body,
        audience: c.audience,
        viewer_ids: sql<string[]>`${`{${c.viewerIds.join(',')}}`}::uuid[]`,
        submitted_at: sql<Date>`now()`,
        decided_by_name: null,
        decided_at: null,
        decision_note: null,
      })
      .where('id', '=', id)
      .execute(),
  );
}

/** How many of the author's items were sent back to her and wait for her change (the navigation's count). */
export async function returnedCount(em: EntityManager, author: { userId: string; orgPath: string }): Promise<number> {
  const row = await withDb(em, (db) =>
    db
      .selectFrom('org.information_items')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('author_id', '=', author.userId)
      .where('status', '=', 'REJECTED')
      .where(sql<SqlBool>`org_path = ${author.orgPath}::ltree`)
      .executeTakeFirst(),
  );
  return Number(row?.n ?? 0);
}

export interface StepRow {
  item_id: string;
  action: InformationStep;
  words: string | null;
  by_name: string;
  at: string;
}

/** Each item's rounds, oldest first: submitted, sent back and why, submitted again, approved, taken down and why. */
export async function stepsOf(em: EntityManager, itemIds: string[]): Promise<StepRow[]> {
  if (!itemIds.length) return [];
  return withDb(em, (db) =>
    db
      .selectFrom('org.information_steps')
      .select(['item_id', sql<InformationStep>`action`.as('action'), 'words', 'by_name', sql<string>`at::text`.as('at')])
      .where('item_id', 'in', itemIds)
      .orderBy('item_id')
      .orderBy('at')
      .execute(),
  );
}

/** One round of an item, in the transaction that moves it. */
export async function insertStep(
  em: EntityManager,
  item: { id: string; orgPath: string },
  step: { action: InformationStep; words: string | null; byName: string },
): Promise<void> {
  await withDb(em, (db) =>
    db
      .insertInto('org.information_steps')
      .values({ item_id: item.id, org_path: sql<string>`${item.orgPath}::ltree`, action: step.action, words: step.words, by_name: step.byName })
      .execute(),
  );
}

/** The people named as readers, by name (for the publisher and the unit's approvers). */
export async function namesOf(em: EntityManager, ids: string[]): Promise<Map<string, string>> {
  if (!ids.length) return new Map();
  const rows = await withDb(em, (db) => db.selectFrom('org.users').select(['id', 'display_name']).where('id', 'in', ids).execute());
  return new Map(rows.map((r) => [r.id, r.display_name]));
}

export interface ImageRow {
  id: string;
  item_id: string;
  name: string;
  content_type: string;
  sha256: string;
  size: number;
}

/** An item's images, in the order given, written with it. */
export async function insertImages(
  em: EntityManager,
  item: { id: string; orgPath: string },
  images: { name: string; contentType: string; sha256: string; content: Buffer }[],
): Promise<void> {
  if (!images.length) return;
  await withDb(em, (db) =>
    db
      .insertInto('org.information_images')
      .values(
        images.map((m, i) => ({
          item_id: item.id,
          org_path: sql<string>`${item.orgPath}::ltree`,
          seq: i + 1,
          name: m.name,
          content_type: m.contentType,
          sha256: m.sha256,
          content: m.content,
        })),
      )
      .execute(),
  );
}

const IMAGE_COLUMNS = ['id', 'item_id', 'name', 'content_type', 'sha256', sql<number>`octet_length(content)`.as('size')] as const;

/** The images of the items named (without their bytes), in order: row-level security shows those of items the caller
 * may see. */
export async function imagesOf(em: EntityManager, itemIds: string[]): Promise<ImageRow[]> {
  if (!itemIds.length) return [];
  return withDb(em, (db) =>
    db.selectFrom('org.information_images').select(IMAGE_COLUMNS).where('item_id', 'in', itemIds).orderBy('item_id').orderBy('seq').execute(),
  );
}

/** An item's images all gone, before those of its resubmission take their places. */
export async function deleteImages(em: EntityManager, itemId: string): Promise<void> {
  await withDb(em, (db) => db.deleteFrom('org.information_images').where('item_id', '=', itemId).execute());
}

/** Images with their bytes: one by its id (informationImage), or an item's all, in order (the archive files them). */
export async function imagesWithContent(em: EntityManager, of: { id: string } | { itemId: string }): Promise<(ImageRow & { content: Buffer })[]> {
  return withDb(em, (db) =>
    db
      .selectFrom('org.information_images')
      .select([...IMAGE_COLUMNS, 'content'])
      .where('id' in of ? 'id' : 'item_id', '=', 'id' in of ? of.id : of.itemId)
      .orderBy('seq')
      .execute(),
  );
}
