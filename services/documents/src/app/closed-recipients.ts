// A recipient unit closed (seed 003 §9: 撤销, or 合并 into another unit): what was sent to it and not yet signed for —
// waiting for its 签收, or for the sender's resend after its 退回 — is withdrawn by the platform, so no sender's board
// waits on a unit that is gone, no 督办 counts it overdue, and the history says why (收文单位已撤销 with the reason
// given, or 收文单位已并入 and the unit it joined). What a merged unit had still to sign for goes on to the unit it
// joined, as a new delivery linked to the old (补发 by the platform), unless that unit holds the document already; what
// it had returned (退回, 请求重发) is only withdrawn: the sender decides whether the unit it joined should have it. What
// a merged unit signed for and had not finished goes on the same way, for the unit it joined to handle (its own delivery
// stays signed for, its history saying where the work went); what it finished (办结) stays, its archive keeps it. Runs on org's event, in one
// transaction scoped to the lowest unit above both the closed unit and the one it joined (jobs/org-events.ts).
import type { EntityManager } from '@mikro-orm/postgresql';
import type { TypedEvent } from '@yizhan/common';
import type { orgEvents } from '@yizhan/contracts/org';
import { type DeliveryStatus, isUnsigned, UNIT_CLOSED_REASON } from '../domain/delivery.ts';
import { dueFor } from '../store/calendar.ts';
import { inHandlingOfClosedUnit, pendingOfClosedUnit } from '../store/closed-recipients.ts';
import { insertDeliveries } from '../store/deliveries.ts';
import { getDocument } from '../store/documents.ts';
import { applyAction, PLATFORM, recordTransition } from './delivery-life.ts';

export type UnitClosed = TypedEvent<(typeof orgEvents)['payloads'], 'org.dissolved' | 'org.merged'>;

type Pending = Awaited<ReturnType<typeof pendingOfClosedUnit>>[number];
type Joined = { id: string; path: string; name: string };

/** A delivery of the closed unit's goes on to the unit it joined: a new delivery linked to it (补发 by the platform),
 * unless that unit holds a live delivery of the document already. Answers how many were made (0 or 1). */
async function handOn(em: EntityManager, d: Pending, into: Joined): Promise<number> {
  const doc = await getDocument(em, d.document_id);
  const now = new Date();
  const { count } = await insertDeliveries(em, {
    doc: { ...doc, docNumber: d.doc_number, sentAt: new Date(d.document_sent_at) },
    recipients: {
      orgIds: [into.id],
      paths: [into.path],
      names: [into.name],
      roles: [d.role],
      printQuotas: [d.print_quota],
      ...(d.direction ? { directions: [d.direction] } : {}),
    },
    deliveredAt: now,
    dueAt: await dueFor(em, d.sender_path, now, d.deadline ? new Date(d.deadline) : null),
    parentIds: [d.id],
    supplement: true,
  });
  return count;
}

/**
 * Withdraws what the closed unit had not signed for, and hands a merged unit's on to the unit it joined, with what it
 * had signed for and not yet finished (办结): the unit it joined takes over its work, signs for it and handles it; the
 * old delivery stays as it was (signed for there), its history noting where it went.
 */
export async function settleClosedRecipient(event: UnitClosed, em: EntityManager): Promise<{ withdrawn: number; handedOn: number }> {
  const { orgId, reason, mergedIntoId, mergedIntoPath, mergedIntoName } = event.payload;
  const into =
    event.type === 'org.merged' && mergedIntoId && mergedIntoPath && mergedIntoName ? { id: mergedIntoId, path: mergedIntoPath, name: mergedIntoName } : null;
  const pending = await pendingOfClosedUnit(em, orgId);
  // The note beside the reason: the unit it joined, or why it was dissolved.
  const note = into ? into.name : reason;
  let handedOn = 0;
  for (const d of pending) {
    await applyAction(em, PLATFORM, d.id, 'UNIT_CLOSED', UNIT_CLOSED_REASON[event.type], note);
    if (into && isUnsigned(d.status)) handedOn += await handOn(em, d, into);
  }
  if (into)
    for (const d of await inHandlingOfClosedUnit(em, orgId)) {
      const made = await handOn(em, d, into);
      handedOn += made;
      if (made) await recordTransition(em, PLATFORM, d, 'HANDED_ON', d.status as DeliveryStatus, UNIT_CLOSED_REASON[event.type], into.name);
    }
  return { withdrawn: pending.length, handedOn };
}
