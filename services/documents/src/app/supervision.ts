// Supervision (DESIGN §3.4, seed 000 §10): what is overdue now under the caller's unit (and of what it sent), and how each unit below it
// signed for (签收, not the first open) what it was sent over a period (on time, late, not at all). Bulletins are in
// bulletin.ts.
import type { EntityManager } from '@mikro-orm/postgresql';
import { type Caller, requireCaller, requireRole } from '@yizhan/common';
import type { DocumentsContext } from '../deps.ts';
import { type ReportingPerformance, reportingPerformance } from '../domain/reply.ts';
import { ranked, SUPERVISING_ROLES, supervisesSubtree, type UnitPerformance } from '../domain/supervision.ts';
import { Delivery } from '../entities/Delivery.ts';
import { type Due, unsignedCountIn, unsignedGroups, unsignedIn, unsignedOfDocuments, type WatchScope } from '../store/due-soon.ts';
import { reportsInScope } from '../store/replies.ts';
import { receiptCountsInScope } from '../store/statistics.ts';
import { urgeReach } from './urge.ts';

/** Whose deliveries the caller watches on 督办: those who supervise, the units below theirs and those their unit sent
 * to (a provincial office's broadcast waits on units outside its subtree); everyone else, their own unit's. */
const watchScope = (caller: Caller): WatchScope => ({ orgId: caller.orgId, orgPath: caller.orgPath, subtree: supervisesSubtree(caller) });

/** Deliveries past due and not signed for, most overdue first. */
export const overdueDeliveries = (ctx: DocumentsContext, first: number) => unsignedIn(ctx.em, watchScope(requireCaller(ctx)), 'PAST', first);

/** How many deliveries are past due and not signed for in the caller's scope: the list shows the first of them. */
export const overdueDeliveryCount = (ctx: DocumentsContext) => unsignedCountIn(ctx.em, watchScope(requireCaller(ctx)), 'PAST');

/** 临期: deliveries not signed for and not yet due, soonest due first — what a supervisor may urge before it is late. */
export const dueSoonDeliveries = (ctx: DocumentsContext, first: number) => unsignedIn(ctx.em, watchScope(requireCaller(ctx)), 'AHEAD', first);

/** Overdue or 临期 by document: one document's figures over the caller's scope and its first units. */
export interface UnsignedDocument {
  documentId: string;
  title: string;
  docNumber: string;
  senderName: string;
  urgency: string;
  /** Its units waiting in the scope, all of them. */
  waiting: number;
  /** Of those, the ones the caller may urge (never its own unit's). */
  urgeable: number;
  /** Of those waiting, the ones that have not opened it (未接收). */
  unreceived: number;
  earliestDueAt: Date;
  /** Its first units, soonest due first. */
  deliveries: Delivery[];
}

/**
 * Overdue (`PAST`) or 临期 (`AHEAD`) cut by document, not by delivery: the first `first` documents by their earliest
 * due 签收 in the caller's scope (as the lists by unit: the units below a supervisor's unit and those its unit sent to,
 * else its own unit's), each with the true number of its units waiting, how many of them the caller may urge and how
 * many have not opened it, and its first `each` units; and how many documents and units wait over the whole scope. A
 * province's broadcast to ten thousand units is one document here, counted in full.
 */
async function unsignedByDocument(
  ctx: DocumentsContext,
  due: Due,
  first: number,
  each: number,
): Promise<{ documentCount: number; unitCount: number; documents: UnsignedDocument[] }> {
  const caller = requireCaller(ctx);
  const scope = watchScope(caller);
  const groups = await unsignedGroups(ctx.em, scope, urgeReach(caller), due, first);
  const rows = await unsignedOfDocuments(
    ctx.em,
    scope,
    due,
    groups.map((g) => g.document_id),
    each,
  );
  const byDocument = Map.groupBy(rows, (d) => d.documentId);
  const documents = groups.flatMap((g) => {
    const deliveries = byDocument.get(g.document_id) ?? [];
    const d = deliveries[0];
    // Signed for between the two reads: the document is left out rather than shown with no unit.
    if (!d) return [];
    return [
      {
        documentId: g.document_id,
        title: d.title,
        docNumber: d.docNumber,
        senderName: d.senderName,
        urgency: d.urgency,
        waiting: g.waiting,
        urgeable: g.urgeable,
        unreceived: g.unreceived,
        earliestDueAt: new Date(g.earliest_due_at),
        deliveries,
      },
    ];
  });
  return { documentCount: groups[0]?.document_count ?? 0, unitCount: groups[0]?.unit_count ?? 0, documents };
}

/** 临期 by document: units waiting for their 签收 and not yet past due. */
export const dueSoonByDocument = (ctx: DocumentsContext, first: number, each: number) => unsignedByDocument(ctx, 'AHEAD', first, each);

/** Overdue by document: units past their time limit and still not signed for, the most overdue document first. */
export const overdueByDocument = (ctx: DocumentsContext, first: number, each: number) => unsignedByDocument(ctx, 'PAST', first, each);

/** For each unit below the caller's, and each its unit sent to (a provincial office's broadcast reaches units outside
 * its subtree, as in unsignedDeliveries): deliveries of the period signed for in time, late, or not at all. */
export async function performanceOf(em: EntityManager, caller: Pick<Caller, 'orgId' | 'orgPath'>, from: Date, to: Date): Promise<UnitPerformance[]> {
  return ranked(await receiptCountsInScope(em, { path: caller.orgPath, senderOrgId: caller.orgId }, from, to));
}

/** The receipt performance of the caller's subtree and of the units its unit sent to over a period, with each unit's reporting timeliness beside it (征集/
 * 报送: the report requests of the period — reported in it before their deadline, or due in it — reported in time, late, or not). */
export async function receiptPerformance(ctx: DocumentsContext, from: Date, to: Date): Promise<(UnitPerformance & ReportingPerformance)[]> {
  const caller = requireCaller(ctx);
  requireRole(caller, ...SUPERVISING_ROLES);
  const receipts = await performanceOf(ctx.em, caller, from, to);
  const reports = await reportsInScope(ctx.em, caller.orgPath, from, to);
  const now = new Date();
  return receipts.map((u) =>
    Object.assign(
      u,
      reportingPerformance(
        reports
          .filter((r) => r.reporter_org_id === u.recipientOrgId)
          .map((r) => ({ status: r.status, deadline: new Date(r.deadline), reportedAt: r.reported_at ? new Date(r.reported_at) : null })),
        now,
      ),
    ),
  );
}
