// The clerk inbox (seed 003 §27: every delivery lands in the unit's clerk inbox): a page of the unit's deliveries,
// newest first, filtered (待签收 / 已签收 among others), with the counts a clerk watches (unopened, not signed for,
// overdue). Opening one is in receive.ts, signing for it in sign-for.ts.
import { badInput, checkPeriod, notFound, requireCaller } from '@yizhan/common';
import type { DocumentsContext } from '../deps.ts';
import { Delivery } from '../entities/Delivery.ts';
import { Document } from '../entities/Document.ts';
import { isUuid, views, viewsByIds } from '../store/documents.ts';
import { type InboxFilter, readInbox } from '../store/inbox.ts';
import { reportsAskedOf } from '../store/replies.ts';
import { batched } from './request-batch.ts';

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
  if (!at || !id || !isUuid(id) || Number.isNaN(Date.parse(at))) throw badInput('Malformed cursor', 'after');
  return [at, id];
}

/** A page of the caller's unit's inbox, newest first, after the cursor. */
export async function inbox(ctx: DocumentsContext, filter: InboxFilter | undefined, first: number, after: string | undefined): Promise<InboxResult> {
  const caller = requireCaller(ctx);
  const f = filter ?? {};
  // As every other search: at most 100 characters (more would match nothing a clerk typed).
  checkPeriod(f.from, f.to, { from: 'filter.from', to: 'filter.to' });
  if (f.search && f.search.trim().length > 100) throw badInput('Search text must be at most 100 characters', 'filter.search', { length: { max: 100 } });
  const cursor = after ? decode(after) : null;
  const { counts, rows: found } = await readInbox(ctx.em, caller.orgId, f, cursor, first + 1);
  // The rows of the delivery table as shown, not managed entities (kernel views()).
  const page = views(ctx.em, Delivery, found);
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
    (await viewsByIds(ctx.em, Document, ids.filter(isUuid))).map((d) => ({ key: d.id, value: d })),
  );
  if (!doc) throw notFound('Document', documentId);
  return doc;
}

/** 征集 asked of a delivery's unit: by when, and whether reported (MISSING, RETURNED for correction, REPORTED). */
export interface ReportAsked {
  deadline: Date;
  state: 'MISSING' | 'RETURNED' | 'REPORTED';
}

/** What the delivery's unit was asked to report of its document, if anything: read with every row of the page. */
export async function reportAskedOf(ctx: DocumentsContext, d: Delivery): Promise<ReportAsked | null> {
  requireCaller(ctx);
  const [asked] = await batched(ctx, 'report-asked', `${d.documentId}/${d.recipientOrgId}`, async (keys) => {
    const pairs = keys.map((k) => {
      const [documentId, orgId] = k.split('/') as [string, string];
      return { documentId, orgId };
    });
    return (await reportsAskedOf(ctx.em, pairs)).map((r) => ({
      key: `${r.request_document_id}/${r.reporter_org_id}`,
      value: { deadline: new Date(r.deadline), state: r.status as ReportAsked['state'] },
    }));
  });
  return asked ?? null;
}
