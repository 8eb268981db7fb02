// The clerk inbox (seed 003 §27: every delivery lands in the unit's clerk inbox): a page of the unit's deliveries,
// newest first, filtered (待签收 / 已签收 among others), with the counts a clerk watches (unopened, not signed for,
// overdue). Opening one is in receive.ts, signing for it in sign-for.ts.
import { badInput, notFound, requireCaller } from '@yizhan/common';
import { type Expression, type ExpressionBuilder, type SqlBool, sql } from 'kysely';
import type { DocumentsContext } from '../deps.ts';
import { UNSIGNED_STATUSES } from '../domain/delivery.ts';
import { Delivery } from '../entities/Delivery.ts';
import { Document } from '../entities/Document.ts';
import type { DB } from '../store/db.ts';
import { isUuid, likeEscape } from '../store/documents.ts';
import { withDb } from '../store/sql.ts';
import { batched } from './request-batch.ts';

/** What the inbox may be filtered by. */
export interface InboxQuery {
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

export interface InboxResult {
  nodes: Delivery[];
  totalCount: number;
  unreadCount: number;
  unsignedCount: number;
  overdueCount: number;
  pageInfo: { endCursor: string | null; hasNextPage: boolean };
}

const encode = (d: Delivery) => Buffer.from(`${new Date(d.deliveredAt).toISOString()}|${d.id}`).toString('base64url');
function decode(cursor: string): [string, string] {
  const [at, id] = Buffer.from(cursor, 'base64url').toString().split('|');
  if (!at || !id || Number.isNaN(Date.parse(at))) throw badInput('Malformed cursor', 'after');
  return [at, id];
}

/** Arrived and not yet signed for or returned: what waits for the clerk's 签收. */
const unsigned = (eb: ExpressionBuilder<DB, 'documents.deliveries'>) => eb.and([eb('signed_at', 'is', null), eb('status', 'in', UNSIGNED_STATUSES)]);

/** A page of the caller's unit's inbox, newest first, after the cursor. */
export async function inbox(ctx: DocumentsContext, filter: InboxQuery | undefined, first: number, after: string | undefined): Promise<InboxResult> {
  const caller = requireCaller(ctx);
  const f = filter ?? {};
  const like = f.search?.trim() ? `%${likeEscape(f.search.trim().slice(0, 100))}%` : null;
  // The filter, counted for the total and applied to the page.
  const filtered = (eb: ExpressionBuilder<DB, 'documents.deliveries'>) => {
    const where: Expression<SqlBool>[] = [eb('recipient_org_id', '=', caller.orgId)];
    if (f.status) where.push(eb('status', '=', f.status));
    if (f.urgency) where.push(eb('urgency', '=', f.urgency));
    if (f.docType) where.push(eb('doc_type', '=', f.docType));
    if (f.senderOrgId) where.push(eb('sender_org_id', '=', sql<string>`${f.senderOrgId}::uuid`));
    if (f.from) where.push(eb('delivered_at', '>=', f.from.toISOString()));
    if (f.to) where.push(eb('delivered_at', '<', f.to.toISOString()));
    if (like) where.push(eb.or([eb('title', 'ilike', like), eb('doc_number', 'ilike', like)]));
    if (f.signed === true) where.push(eb('signed_at', 'is not', null));
    if (f.signed === false) where.push(unsigned(eb));
    return eb.and(where);
  };
  const counts = await withDb(ctx.em, (db) =>
    db
      .selectFrom('documents.deliveries')
      .select((eb) => [
        eb.cast<number>(eb.fn.countAll().filterWhere(filtered), 'integer').as('total'),
        eb.cast<number>(eb.fn.countAll().filterWhere('status', '=', 'DELIVERED'), 'integer').as('unread'),
        eb.cast<number>(eb.fn.countAll().filterWhere(unsigned), 'integer').as('unsigned'),
        eb
          .cast<number>(
            eb.fn.countAll().filterWhere((w) => w.and([unsigned(w), w('due_at', '<', sql<string>`now()`)])),
            'integer',
          )
          .as('overdue'),
      ])
      .where('recipient_org_id', '=', caller.orgId)
      .executeTakeFirstOrThrow(),
  );
  const cursor = after ? decode(after) : null;
  const found = await withDb(ctx.em, (db) =>
    db
      .selectFrom('documents.deliveries')
      .selectAll()
      .where(filtered)
      .$if(cursor !== null, (qb) => qb.where(sql<boolean>`(delivered_at, id) < (${cursor?.[0]}::timestamptz, ${cursor?.[1]}::uuid)`))
      .orderBy('delivered_at', 'desc')
      .orderBy('id', 'desc')
      .limit(first + 1)
      .execute(),
  );
  // The rows of the delivery table, as the ORM maps any (kernel's rows() does the same for raw SQL).
  const page = found.map((r: Record<string, unknown>) => ctx.em.map(Delivery, r));
  const nodes = page.slice(0, first);
  const last = nodes.at(-1);
  return {
    nodes,
    totalCount: counts.total,
    unreadCount: counts.unread,
    unsignedCount: counts.unsigned,
    overdueCount: counts.overdue,
    pageInfo: { endCursor: last ? encode(last) : null, hasNextPage: page.length > first },
  };
}

/** A delivery's document, read with every other row's of the request (an inbox page asks each row's). */
export async function documentOfDelivery(ctx: DocumentsContext, documentId: string): Promise<Document> {
  const [doc] = await batched(ctx, 'document', documentId, async (ids) =>
    (await ctx.em.find(Document, { id: { $in: ids.filter(isUuid) } })).map((d) => ({ key: d.id, value: d })),
  );
  if (!doc) throw notFound('Document', documentId);
  return doc;
}
