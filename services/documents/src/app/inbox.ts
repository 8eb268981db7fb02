// The clerk inbox (seed 003 §27: every delivery lands in the unit's clerk inbox): a page of the unit's deliveries,
// newest first, filtered, with the counts a clerk watches (unread, overdue). Opening one is in receive.ts.
import { badInput, requireCaller } from '@yizhan/common';
import type { DocumentsContext } from '../deps.ts';
import { Delivery } from '../entities/Delivery.ts';
import { likeEscape, rows } from '../store/documents.ts';

/** What the inbox may be filtered by. */
export interface InboxQuery {
  status?: string | null;
  urgency?: string | null;
  docType?: string | null;
  senderOrgId?: string | null;
  from?: Date | null;
  to?: Date | null;
  search?: string | null;
}

export interface InboxResult {
  nodes: Delivery[];
  totalCount: number;
  unreadCount: number;
  overdueCount: number;
  pageInfo: { endCursor: string | null; hasNextPage: boolean };
}

const encode = (d: Delivery) => Buffer.from(`${new Date(d.deliveredAt).toISOString()}|${d.id}`).toString('base64url');
function decode(cursor: string): [string, string] {
  const [at, id] = Buffer.from(cursor, 'base64url').toString().split('|');
  if (!at || !id || Number.isNaN(Date.parse(at))) throw badInput('Malformed cursor', 'after');
  return [at, id];
}

/** A page of the caller's unit's inbox, newest first, after the cursor. */
export async function inbox(ctx: DocumentsContext, filter: InboxQuery | undefined, first: number, after: string | undefined): Promise<InboxResult> {
  const caller = requireCaller(ctx);
  const where = ['recipient_org_id = ?'];
  const params: unknown[] = [caller.orgId];
  const f = filter ?? {};
  if (f.status) where.push('status = ?') && params.push(f.status);
  if (f.urgency) where.push('urgency = ?') && params.push(f.urgency);
  if (f.docType) where.push('doc_type = ?') && params.push(f.docType);
  if (f.senderOrgId) where.push('sender_org_id = ?::uuid') && params.push(f.senderOrgId);
  if (f.from) where.push('delivered_at >= ?') && params.push(f.from);
  if (f.to) where.push('delivered_at < ?') && params.push(f.to);
  if (f.search?.trim()) {
    const like = `%${likeEscape(f.search.trim().slice(0, 100))}%`;
    where.push('(title ilike ? or doc_number ilike ?)') && params.push(like, like);
  }
  const [counts] = (await ctx.em.execute(
    `select count(*) filter (where ${where.join(' and ')})::int as total,
            count(*) filter (where status = 'DELIVERED')::int as unread,
            count(*) filter (where status = 'DELIVERED' and deadline < now())::int as overdue
     from documents.deliveries where recipient_org_id = ?`,
    [...params, caller.orgId],
  )) as [{ total: number; unread: number; overdue: number }];
  if (after) {
    const [at, id] = decode(after);
    where.push('(delivered_at, id) < (?::timestamptz, ?::uuid)') && params.push(at, id);
  }
  const page = await rows(ctx.em, Delivery, `select * from documents.deliveries where ${where.join(' and ')} order by delivered_at desc, id desc limit ?`, [
    ...params,
    first + 1,
  ]);
  const nodes = page.slice(0, first);
  const last = nodes.at(-1);
  return {
    nodes,
    totalCount: counts.total,
    unreadCount: counts.unread,
    overdueCount: counts.overdue,
    pageInfo: { endCursor: last ? encode(last) : null, hasNextPage: page.length > first },
  };
}
