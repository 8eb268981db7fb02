// The SQL of a unit's inbox (app/inbox.ts): a page of its deliveries under a filter, and the counts a clerk watches.
// Run in the caller's transaction and row-level-security scope.
import type { EntityManager } from '@mikro-orm/postgresql';
import { type Expression, type ExpressionBuilder, type SqlBool, sql } from 'kysely';
import { UNSIGNED_STATUSES } from '../domain/delivery.ts';
import type { DB } from './db.ts';
import { likeEscape } from './documents.ts';
import { withDb } from './sql.ts';

type Eb = ExpressionBuilder<DB, 'documents.deliveries'>;

/** What the inbox may be filtered by. */
export interface InboxFilter {
  status?: string | null;
  urgency?: string | null;
  docType?: string | null;
  senderOrgId?: string | null;
  from?: Date | null;
  to?: Date | null;
  search?: string | null;
  /** true: signed for (已签收); false: arrived and waiting for 签收 or 退回 (待签收). */
  signed?: boolean | null;
}

/** Arrived and not yet signed for or returned: what waits for the clerk's 签收 (the partial index deliveries_waiting). */
const waiting = (eb: Eb) => eb.and([eb('signed_at', 'is', null), eb('status', 'in', UNSIGNED_STATUSES)]);

/** The unit's deliveries under the filter. */
function filtered(unit: string, f: InboxFilter) {
  const like = f.search?.trim() ? `%${likeEscape(f.search.trim().slice(0, 100))}%` : null;
  return (eb: Eb) => {
    const where: Expression<SqlBool>[] = [eb('recipient_org_id', '=', unit)];
    if (f.status) where.push(eb('status', '=', f.status));
    if (f.urgency) where.push(eb('urgency', '=', f.urgency));
    if (f.docType) where.push(eb('doc_type', '=', f.docType));
    if (f.senderOrgId) where.push(eb('sender_org_id', '=', sql<string>`${f.senderOrgId}::uuid`));
    if (f.from) where.push(eb('delivered_at', '>=', f.from.toISOString()));
    if (f.to) where.push(eb('delivered_at', '<', f.to.toISOString()));
    if (like) where.push(eb.or([eb('title', 'ilike', like), eb('doc_number', 'ilike', like)]));
    if (f.signed === true) where.push(eb('signed_at', 'is not', null));
    if (f.signed === false) where.push(waiting(eb));
    return eb.and(where);
  };
}

/**
 * How a filter is read: `all` (it narrows nothing) and `waiting` (待签收 alone) by the inbox's functions, whose total is
 * the unit's kept one and what waits; `filtered` by a query of its own, which counts the rows under it.
 */
type InboxShape = 'all' | 'waiting' | 'filtered';
function shapeOf(f: InboxFilter): InboxShape {
  const narrowed = f.status || f.urgency || f.docType || f.senderOrgId || f.from || f.to || f.search?.trim();
  if (narrowed) return 'filtered';
  return f.signed == null ? 'all' : f.signed ? 'filtered' : 'waiting';
}

export interface InboxCounts {
  total: number;
  unread: number;
  unsigned: number;
  overdue: number;
}

/** The newest first: before every delivery. */
const NEWEST: [string, string] = ['infinity', 'ffffffff-ffff-ffff-ffff-ffffffffffff'];

/**
 * The counts of the unit's inbox. What waits (unread, unsigned, overdue) is counted from the few rows still waiting
 * and the total without a filter is the unit's kept total (migration 0034), both by `inbox_counts` (0036: planned once
 * per connection); with a filter the total is the rows under it.
 */
async function inboxCounts(em: EntityManager, unit: string, f: InboxFilter, shape: InboxShape): Promise<InboxCounts> {
  return withDb(em, async (db) => {
    const { rows } = await sql<InboxCounts>`select total, unread, unsigned, overdue from documents.inbox_counts(${unit}::uuid)`.execute(db);
    const counts = rows[0] ?? { total: 0, unread: 0, unsigned: 0, overdue: 0 };
    if (shape === 'all') return counts;
    if (shape === 'waiting') return { ...counts, total: counts.unsigned };
    const under = await db
      .selectFrom('documents.deliveries')
      .select((eb) => eb.cast<number>(eb.fn.countAll(), 'integer').as('n'))
      .where(filtered(unit, f))
      .executeTakeFirstOrThrow();
    return { ...counts, total: under.n };
  });
}

/**
 * The counts and a page of the unit's inbox, in one transaction. A filtered page is read with sorting off, so that
 * PostgreSQL walks indexes: it reads the policy's path tests (an ltree containment on the transaction's scope, unknown
 * when it plans) as matching almost none of the unit's deliveries, so for a page of 21 it would fetch every delivery of
 * the unit from each year and sort them (500 rows at 10 million deliveries, bench/README "Data for years"); without a
 * sort it walks each year's inbox index newest first, merges them, and stops at the page. (`inbox_newest`, the page
 * without a filter, sets it for itself.) Within a caller's transaction the setting holds to its end.
 */
export const readInbox = (em: EntityManager, unit: string, f: InboxFilter, after: [string, string] | null, limit: number) =>
  em.transactional(async (tx) => {
    const shape = shapeOf(f);
    if (shape === 'filtered') await tx.execute('set local enable_sort = off');
    const counts = await inboxCounts(tx as EntityManager, unit, f, shape);
    return { counts, rows: await inboxPage(tx as EntityManager, unit, f, shape, after, limit) };
  });

/** A page of the unit's deliveries under the filter, newest first, after `after` (delivered at, id); `limit` rows. */
async function inboxPage(em: EntityManager, unit: string, f: InboxFilter, shape: InboxShape, after: [string, string] | null, limit: number) {
  return withDb(em, async (db) => {
    if (shape !== 'filtered') {
      const [at, id] = after ?? NEWEST;
      const { rows } = await sql<
        Record<string, unknown>
      >`select * from documents.inbox_newest(${unit}::uuid, ${shape === 'waiting'}, ${at}::timestamptz, ${id}::uuid, ${limit})`.execute(db);
      return rows;
    }
    return db
      .selectFrom('documents.deliveries')
      .selectAll()
      .where(filtered(unit, f))
      .$if(after !== null, (qb) => qb.where(sql<boolean>`(delivered_at, id) < (${after?.[0]}::timestamptz, ${after?.[1]}::uuid)`))
      .orderBy('delivered_at', 'desc')
      .orderBy('id', 'desc')
      .limit(limit)
      .execute();
  });
}
