// 补发: deliver a sent document to further units, as new deliveries (alerting them too if it is urgent); units that
// already hold a live delivery of it are skipped.
import type { EntityManager } from '@mikro-orm/postgresql';
import { forbidden, personName, requireCaller, requireRole, YizhanError } from '@yizhan/common';
import { DocumentsErrorCode } from '@yizhan/contracts/documents';
import { OrgErrorCode, recipientSpec } from '@yizhan/contracts/org';
import { sql } from 'kysely';
import type { DocumentsContext } from '../deps.ts';
import { dueFor } from '../store/calendar.ts';
import { insertDeliveries } from '../store/deliveries.ts';
import { getDocument } from '../store/documents.ts';
import { withDb } from '../store/sql.ts';
import { askSupplementedUnits } from './collection.ts';

export interface SupplementOutcome {
  /** New deliveries created. */
  added: number;
  /** Units that already had a live delivery of the document. */
  alreadyDelivered: number;
}

export async function supplementRecipients(ctx: DocumentsContext, documentId: string, recipients: unknown[]): Promise<SupplementOutcome> {
  const caller = requireCaller(ctx);
  requireRole(caller, 'CLERK', 'DRAFTER');
  const doc = await getDocument(ctx.em, documentId);
  if (doc.orgId !== caller.orgId) throw forbidden('Only the sending unit adds recipients');
  if (doc.status !== 'SENT') throw new YizhanError(DocumentsErrorCode.NOT_APPROVED, 'Only a sent document gets further recipients', { status: doc.status });
  const urgent = doc.urgency !== 'NORMAL' || doc.isTelegram;
  const routed = await ctx.deps.org.call('recipients', ctx.callerHeader, {
    docType: doc.docType,
    recipients: recipientSpec.array().parse(recipients),
    withAlertTargets: urgent,
  });
  if (routed.refusals.length) {
    const first = routed.refusals[0];
    throw new YizhanError(
      OrgErrorCode.ROUTING_REFUSED,
      `${routed.refusals.length} recipients are refused (first: ${first?.orgName}: ${first?.reason}); nothing was added`,
      {
        refused: routed.refusals.slice(0, 20),
      },
    );
  }
  return ctx.em.transactional(async (em) => {
    await withDb(em as EntityManager, (db) => db.selectFrom('documents.documents').select('id').where('id', '=', doc.id).forUpdate().execute());
    const now = new Date();
    const dueAt = await dueFor(em as EntityManager, doc.orgPath, now, doc.deadline);
    const { count: n, ids } = await insertDeliveries(em as EntityManager, {
      // A sent document has its number and send time (the table's check).
      doc: { ...doc, docNumber: doc.docNumber ?? '', sentAt: doc.sentAt as Date },
      recipients: routed,
      deliveredAt: now,
      dueAt,
      supplement: true,
      alerts: urgent ? { targets: routed.alertTargets } : null,
    });
    await withDb(em as EntityManager, (db) =>
      db
        .updateTable('documents.documents')
        .set((eb) => ({ recipient_count: eb('recipient_count', '+', n), updated_at: sql<Date>`now()` }))
        .where('id', '=', doc.id)
        .execute(),
    );
    // A 征集 still open asks the new units too, as the document asks those it reached at the send.
    await askSupplementedUnits(em as EntityManager, doc, ids, personName(caller));
    return { added: n, alreadyDelivered: routed.orgIds.length - n };
  });
}
