// 请求重发 and 重发: the recipient unit asks for a resend when it cannot receive a document (seed 001 §10); the sender
// answers a return or a resend request with a new delivery, linked to the old one (which stays in history as RESENT).
import type { EntityManager } from '@mikro-orm/postgresql';
import { ErrorCode, requireCaller, YizhanError } from '@yizhan/common';
import type { AlertTarget } from '@yizhan/contracts/org';
import type { DocumentsContext } from '../deps.ts';
import type { Delivery } from '../entities/Delivery.ts';
import { dueFor } from '../store/calendar.ts';
import { insertDeliveries } from '../store/deliveries.ts';
import { getDelivery, getDocument } from '../store/documents.ts';
import { moveReportToCopy } from '../store/replies.ts';
import { applyAction } from './delivery-life.ts';

/** 请求重发: the document could not be received; the sender is asked to resend. */
export async function requestResend(ctx: DocumentsContext, id: string, note: string | null): Promise<Delivery> {
  const caller = requireCaller(ctx);
  return ctx.em.transactional(async (em) => {
    await applyAction(em as EntityManager, caller, id, 'REQUEST_RESEND', 'CANNOT_RECEIVE', note);
    em.clear();
    return getDelivery(em as EntityManager, id);
  });
}

/** Copies a delivery as a new, linked one for the same recipient (the old one stays in history as RESENT). */
async function resendCopy(em: EntityManager, old: Delivery, alerts: { targets: AlertTarget[] } | null): Promise<string> {
  const doc = await getDocument(em, old.documentId);
  const now = new Date();
  const dueAt = await dueFor(em, old.senderPath, now, old.deadline);
  const { ids } = await insertDeliveries(em, {
    doc: { ...doc, docNumber: old.docNumber, sentAt: old.documentSentAt },
    recipients: {
      orgIds: [old.recipientOrgId],
      paths: [old.recipientPath],
      names: [old.recipientName],
      roles: [old.role],
      printQuotas: [old.printQuota],
      // The resend goes the way the original was routed.
      ...(old.direction ? { directions: [old.direction] } : {}),
    },
    deliveredAt: now,
    dueAt,
    resendOf: old.id,
    alerts,
  });
  const [id] = ids;
  if (!id) throw new YizhanError(ErrorCode.INTERNAL, 'Resend failed');
  return id;
}

/** 重发: answers a return or a resend request with a new delivery; returns the new one. */
export async function resendDelivery(ctx: DocumentsContext, id: string): Promise<Delivery> {
  const caller = requireCaller(ctx);
  const old = await getDelivery(ctx.em, id);
  // An urgent document's resend alerts its recipient again, as the send did.
  const urgent = old.urgency !== 'NORMAL' || (await getDocument(ctx.em, old.documentId)).isTelegram;
  const alerts = urgent
    ? {
        targets: (
          await ctx.deps.org.call('recipients', ctx.callerHeader, {
            docType: old.docType,
            recipients: [{ orgIds: [old.recipientOrgId] }],
            withAlertTargets: true,
          })
        ).alertTargets,
      }
    : null;
  return ctx.em.transactional(async (em) => {
    await applyAction(em as EntityManager, caller, id, 'RESEND', null, null);
    const newId = await resendCopy(em as EntityManager, old, alerts);
    // A report asked of the unit (征集) follows it to the copy it now holds: reminders and notices reach that one.
    await moveReportToCopy(em as EntityManager, old.id, newId);
    em.clear();
    return getDelivery(em as EntityManager, newId);
  });
}
