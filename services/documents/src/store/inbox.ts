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

/** True when the filter narrows nothing: the total is the unit's kept one. */
const unfiltered = (f: InboxFilter) => !f.status && !f.urgency && !f.docType && !f.senderOrgId && !f.from && !f.to && !f.search?.trim() && f.signed == null;
/** True when the filter is 待签收 alone: the total is what waits. */
const onlyWaiting = (f: InboxFilter) => unfiltered({ ...f, signed: null }) && f.signed === false;

export interface InboxCounts {
  total: number;
  unread: number;
  unsigned: number;
  overdue: number;
}

/**
 * The counts of the unit's inbox, in one statement. What waits (unread, unsigned, overdue) is counted from the few
 * rows still waiting; the total without a filter is the unit's kept total (migration 0034: its years still attached,
 * folded and queued), with a filter the rows under it.
 */
export const inboxCounts = (em: EntityManager, unit: string, f: InboxFilter): Promise<InboxCounts> =>
  withDb(em, (db) =>
    db
      .selectFrom('documents.deliveries')
      .select((eb) => {
        const total: Expression<number> = unfiltered(f)
          ? sql<number>`(select coalesce(sum(n), 0)::integer from (
              select deliveries n from documents.inbox_totals where recipient_org_id = ${unit}::uuid and year_start >= documents.deliveries_kept_from()
              union all
              select deliveries from documents.inbox_totals_pending where recipient_org_id = ${unit}::uuid and year_start >= documents.deliveries_kept_from()) kept)`
          : onlyWaiting(f)
            ? eb.cast<number>(eb.fn.countAll(), 'integer')
            : eb
                .selectFrom('documents.deliveries')
                .select((s) => s.cast<number>(s.fn.countAll(), 'integer').as('n'))
                .where(filtered(unit, f))
                .$asScalar();
        return [
          sql<number>`${total}`.as('total'),
          eb.cast<number>(eb.fn.countAll().filterWhere('status', '=', 'DELIVERED'), 'integer').as('unread'),
          eb.cast<number>(eb.fn.countAll(), 'integer').as('unsigned'),
          eb.cast<number>(eb.fn.countAll().filterWhere('due_at', '<', sql<string>`now()`), 'integer').as('overdue'),
        ];
      })
      .where('recipient_org_id', '=', unit)
      .where(waiting)
      .executeTakeFirstOrThrow(),
  );

/**
 * Runs the inbox's reads in one transaction in which PostgreSQL walks indexes rather than sorting. It reads the
 * policy's path tests (an ltree containment on the transaction's scope, unknown when it plans) as matching almost
 * none of the unit's deliveries, so for a page of 21 it would fetch every delivery of the unit from each year and sort
 * them (500 rows at 10 million deliveries, bench/README "Data for years"); without a sort it walks each year's inbox
 * index newest first, merges them, and stops at the page. Within a caller's transaction the setting holds to its end.
 */
export const readingInbox = <T>(em: EntityManager, fn: (em: EntityManager) => Promise<T>): Promise<T> =>
  em.transactional(async (tx) => {
    await tx.execute('set local enable_sort = off');
    return fn(tx as EntityManager);
  });

/** A page of the unit's deliveries under the filter, newest first, after `after` (delivered at, id); `limit` rows. */
export const inboxPage = (em: EntityManager, unit: string, f: InboxFilter, after: [string, string] | null, limit: number) =>
  withDb(em, (db) =>
    db
      .selectFrom('documents.deliveries')
      .selectAll()
      .where(filtered(unit, f))
      .$if(after !== null, (qb) => qb.where(sql<boolean>`(delivered_at, id) < (${after?.[0]}::timestamptz, ${after?.[1]}::uuid)`))
      .orderBy('delivered_at', 'desc')
      .orderBy('id', 'desc')
      .limit(limit)
      .execute(),
  );
