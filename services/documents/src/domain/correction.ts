// 修改后重发 (seeds 001 §10 §15, 003 (二)): a document returned (退回) for its format or contents, or asked to be
// resent, is corrected by its sender and sent again as a new document — a new draft of the sending unit, prefilled
// from the original, addressed to the units that returned it, through approval, seal and sending as usual. These
// are the plain rules of it: which deliveries may be corrected together, whom the correction goes to, its deadline,
// and which of the original deliveries its send answers.
import { badInput, ErrorCode, YizhanError } from '@yizhan/common';
import { DocumentsErrorCode } from '@yizhan/contracts/documents';
import type { RecipientSpec } from '@yizhan/contracts/org';
import { type DeliveryStatus, nextStatus } from './delivery.ts';

/** At most this many returned deliveries are corrected in one draft. */
export const MAX_CORRECTED = 500;

/** A delivery as the correction reads it. */
export interface CorrectableDelivery {
  id: string;
  documentId: string;
  senderOrgId: string;
  recipientOrgId: string;
  recipientName: string;
  role: 'MAIN' | 'CC';
  printQuota: number;
  status: DeliveryStatus;
  stateReason: string | null;
  stateNote: string | null;
  stateChangedAt: Date | null;
}

/** One returned delivery a correction answers, as the correction keeps it (its reason stays with it). */
export interface ReturnedDelivery {
  deliveryId: string;
  recipientOrgId: string;
  recipientName: string;
  role: 'MAIN' | 'CC';
  printQuota: number;
  status: DeliveryStatus;
  reason: string | null;
  note: string | null;
  returnedAt: string | null;
}

/**
 * The deliveries a correction answers: one document's, the caller's unit its sender, each returned or asked to be
 * resent (not signed for, not resent already), one per recipient unit. Refuses with the state machine's own words.
 */
export function returnsToCorrect(deliveries: readonly CorrectableDelivery[], callerOrgId: string): { documentId: string; returns: ReturnedDelivery[] } {
  const first = deliveries[0];
  if (!first) throw badInput('Choose the returned deliveries to correct', 'deliveryIds');
  if (deliveries.length > MAX_CORRECTED) throw badInput(`At most ${MAX_CORRECTED} deliveries are corrected at once`, 'deliveryIds');
  const units = new Set<string>();
  const returns: ReturnedDelivery[] = [];
  for (const d of deliveries) {
    if (d.senderOrgId !== callerOrgId) throw new YizhanError(ErrorCode.FORBIDDEN, 'Only the sending unit corrects and resends its document');
    if (d.documentId !== first.documentId) throw badInput('The deliveries corrected together are of one document', 'deliveryIds');
    nextStatus(d.status, 'CORRECT_RESEND', 'SENDER');
    if (units.has(d.recipientOrgId)) continue;
    units.add(d.recipientOrgId);
    returns.push({
      deliveryId: d.id,
      recipientOrgId: d.recipientOrgId,
      recipientName: d.recipientName,
      role: d.role,
      printQuota: d.printQuota,
      status: d.status,
      reason: d.stateReason,
      note: d.stateNote,
      returnedAt: d.stateChangedAt ? d.stateChangedAt.toISOString() : null,
    });
  }
  return { documentId: first.documentId, returns };
}

/** The correction's recipients: the units that returned it, each 主送 or 抄送 and with the print quota it had. */
export function correctionRecipients(returns: readonly ReturnedDelivery[]): RecipientSpec[] {
  const groups = new Map<string, RecipientSpec & { orgIds: string[] }>();
  for (const r of returns) {
    const key = `${r.role}:${r.printQuota}`;
    const g = groups.get(key) ?? { role: r.role, printQuota: r.printQuota, orgIds: [] };
    g.orgIds.push(r.recipientOrgId);
    groups.set(key, g);
  }
  return [...groups.values()];
}

/**
 * The correction's handling deadline: the original's while it is ahead; an urgent document whose deadline has passed
 * gets as long again from now as it had from its sending (at least an hour), for the drafter to set in 拟稿.
 */
export function correctionDeadline(original: { deadline: Date | null; sentAt: Date | null }, now = new Date()): Date | null {
  if (!original.deadline) return null;
  if (original.deadline.getTime() > now.getTime()) return original.deadline;
  const span = original.sentAt ? original.deadline.getTime() - original.sentAt.getTime() : 0;
  return new Date(now.getTime() + Math.max(span, 3_600_000));
}

/**
 * Which of the original deliveries the correction's send answers: those of the units it reaches that are still
 * waiting for an answer (a plain 重发 in between answered the others). By recipient unit: the original delivery.
 */
export function answeredByCorrection(
  returns: readonly ReturnedDelivery[],
  reached: readonly string[],
  statusNow: ReadonlyMap<string, DeliveryStatus>,
): Map<string, string> {
  const units = new Set(reached);
  const answered = new Map<string, string>();
  for (const r of returns) {
    const status = statusNow.get(r.deliveryId);
    if (units.has(r.recipientOrgId) && (status === 'RETURNED' || status === 'RESEND_REQUESTED')) answered.set(r.recipientOrgId, r.deliveryId);
  }
  return answered;
}

/** A correction drafted and not yet sent, as the next correction's check reads it. */
export interface OpenCorrection {
  id: string;
  title: string;
  deliveryIds: readonly string[];
}

/**
 * One correction at a time for a returned delivery: while a correction of it is drafted and not yet sent, no second
 * one is drafted (the first is continued). Refuses, naming the open draft, when any delivery asked for is in one.
 */
export function refuseSecondCorrection(open: readonly OpenCorrection[], deliveryIds: readonly string[]): void {
  const asked = new Set(deliveryIds);
  const draft = open.find((o) => o.deliveryIds.some((id) => asked.has(id)));
  if (!draft) return;
  throw new YizhanError(DocumentsErrorCode.CORRECTION_DRAFT_OPEN, `A correction of these deliveries is drafted already (${draft.title}); continue it`, {
    draftId: draft.id,
    deliveryIds: draft.deliveryIds.filter((id) => asked.has(id)),
  });
}
