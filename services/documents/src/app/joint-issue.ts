// 联合行文 (GB/T 9704-2012 §7.2.4, §7.3.5.1; 条例 第十七条): a joint document is drafted, approved and sent by its lead
// unit; after the lead's approval chain each co-issuing unit's leader countersigns it (会签) — with the unit's own
// seal's stamp over the same content when the unit has a seal in use (its two custodians stamp it through the seals
// service as for their own documents) — or declines it with a reason, which sends the draft back to its author.
// The send waits for every 会签 and copies the decisions and stamps into the document, so each recipient's print
// places every issuer's verified seal (official-document-pdf.ts).
import type { EntityManager } from '@mikro-orm/postgresql';
import { badInput, ErrorCode, notFound, personName, refuseControlCharacters, requireCaller, requireRole, YizhanError } from '@yizhan/common';
import { isUuid } from '@yizhan/kernel';
import type { DocumentsContext } from '../deps.ts';
import { checkCoIssuers, countersignProblem, readyToSend, sentBack } from '../domain/joint-issue.ts';
import { Document, type JointIssuer } from '../entities/Document.ts';
import { canonicalContent } from '../store/canonical.ts';
import { coIssuerRows, decide, lockOwnRow, replaceCoIssuers, waitingFor } from '../store/co-issuers.ts';
import { getDocument } from '../store/documents.ts';

/** A co-issuing unit and its 会签 as the lead, the co-issuer and (once sent) every recipient see it. */
export interface CoIssuerView {
  orgId: string;
  orgName: string;
  position: number;
  status: 'PENDING' | 'COUNTERSIGNED' | 'DECLINED';
  decidedByName: string | null;
  decidedAt: Date | null;
  comment: string | null;
  stamped: boolean;
}

/**
 * At the submission: the co-issuers the draft names, resolved by org (name and place in the tree) and put PENDING;
 * a submission after changes asks every co-issuer again. Throws BAD_INPUT (coIssuerIds) for an unknown unit.
 */
export async function openCountersign(ctx: DocumentsContext, em: EntityManager, doc: Document): Promise<void> {
  const ids = checkCoIssuers(doc.orgId, doc.coIssuerIds);
  if (!ids.length) {
    await replaceCoIssuers(em, doc.id, doc.orgPath, []);
    return;
  }
  // The units as org knows them: the routing decision is not asked for (a co-issuer is no recipient).
  const found = await ctx.deps.org.call('recipients', ctx.callerHeader, { docType: doc.docType, recipients: [{ orgIds: ids }] }).catch((e: unknown) => {
    // A unit that does not exist is the draft's mistake, named as its field (org answers NOT_FOUND for the unit).
    if (e instanceof YizhanError && e.code === ErrorCode.NOT_FOUND) throw badInput(`No unit to co-issue with: ${e.message}`, 'coIssuerIds');
    throw e;
  });
  const units = ids.map((id) => {
    const i = found.orgIds.indexOf(id);
    if (i < 0) throw badInput(`No unit ${id} to co-issue with`, 'coIssuerIds');
    return { orgId: id, orgPath: found.paths[i] as string, orgName: found.names[i] as string };
  });
  await replaceCoIssuers(em, doc.id, doc.orgPath, units);
}

/** The co-issuers of a document for the caller: from the send's record once sent, else as they stand. */
export async function coIssuersOf(ctx: DocumentsContext, doc: Document): Promise<CoIssuerView[]> {
  requireCaller(ctx);
  if (doc.status === 'SENT' && doc.jointIssuers.length)
    return doc.jointIssuers.map((j, i) => ({
      orgId: j.orgId,
      orgName: j.orgName,
      position: i + 1,
      status: 'COUNTERSIGNED',
      decidedByName: j.countersignedByName,
      decidedAt: new Date(j.countersignedAt),
      comment: null,
      stamped: Boolean(j.stamp),
    }));
  if (!doc.coIssuerIds.length) return [];
  return (await coIssuerRows(ctx.em, doc.id)).map((r) => ({
    orgId: r.orgId,
    orgName: r.orgName,
    position: r.position,
    status: r.status,
    decidedByName: r.decidedByName,
    decidedAt: r.decidedAt,
    comment: r.comment,
    stamped: Boolean(r.stamp),
  }));
}

/** Joint documents waiting for the caller's unit's 会签 (its leaders decide; its seal keepers stamp them first). */
export async function countersignRequests(ctx: DocumentsContext): Promise<Document[]> {
  const caller = requireCaller(ctx);
  requireRole(caller, 'LEADER', 'SEAL_KEEPER');
  const ids = await waitingFor(ctx.em, caller.orgId);
  if (!ids.length) return [];
  const docs = await ctx.em.find(Document, { id: { $in: ids } });
  return ids.flatMap((id) => docs.filter((d) => d.id === id));
}

/** A 会签 is the co-issuing unit's leader's, on a document named by its id. */
function leader(ctx: DocumentsContext, id: string) {
  const caller = requireCaller(ctx);
  requireRole(caller, 'LEADER');
  if (!isUuid(id)) throw notFound('Joint document', id);
  return caller;
}

/**
 * 会签: the co-issuing unit's leader agrees. Where the unit has a seal in use, its custodians must have stamped the
 * document as it is now (seals answers SEAL_REQUIRED otherwise), and the stamp is kept with the decision.
 */
export async function countersign(ctx: DocumentsContext, id: string, comment: string | null): Promise<Document> {
  const caller = leader(ctx, id);
  // Refused before the seal is asked for: not this unit's 会签 (NOT_FOUND), not open or decided already.
  const early = await lockOwnRow(ctx.em, id, caller.orgId, false);
  if (!early) throw notFound('Joint document', id);
  const doc = await getDocument(ctx.em, id);
  const closed = countersignProblem(doc.status, early.status);
  if (closed) throw closed;
  // Asked before the transaction: the seals service reads the document through documents' own internal API.
  const stamp = ctx.deps.seals
    ? (
        await ctx.deps.seals.call('stamp-for-send', ctx.callerHeader, {
          documentId: doc.id,
          canonical: Buffer.from(await canonicalContent(doc, ctx.deps.blobs)).toString('base64'),
          step: 'COUNTERSIGN',
        })
      ).stamp
    : null;
  await ctx.em.transactional(async (tx) => {
    const em = tx as EntityManager;
    const mine = await lockOwnRow(em, id, caller.orgId);
    if (!mine) throw notFound('Joint document', id);
    const current = await getDocument(em, id);
    const problem = countersignProblem(current.status, mine.status);
    if (problem) throw problem;
    await decide(em, id, caller.orgId, { status: 'COUNTERSIGNED', userId: caller.userId, userName: personName(caller), comment, stamp });
  });
  ctx.em.clear();
  return getDocument(ctx.em, id);
}

/** The co-issuing unit's leader declines, with the reason: the draft goes back to its author for changes. */
export async function declineCountersign(ctx: DocumentsContext, id: string, reason: string): Promise<Document> {
  const caller = leader(ctx, id);
  const why = refuseControlCharacters(reason.trim(), 'reason');
  if (!why) throw badInput('Say why your unit does not countersign', 'reason', { required: true });
  if (why.length > 1000) throw badInput('The reason is at most 1000 characters', 'reason', { length: { max: 1000 } });
  await ctx.em.transactional(async (tx) => {
    const em = tx as EntityManager;
    const mine = await lockOwnRow(em, id, caller.orgId);
    if (!mine) throw notFound('Joint document', id);
    const current = await getDocument(em, id);
    const problem = countersignProblem(current.status, mine.status);
    if (problem) throw problem;
    await decide(em, id, caller.orgId, { status: 'DECLINED', userId: caller.userId, userName: personName(caller), comment: why, stamp: null });
  });
  ctx.em.clear();
  return getDocument(ctx.em, id);
}

/** Whether the lead's author may change the document again: a co-issuer declined it after the lead approved it. */
export async function declinedByCoIssuer(em: EntityManager, doc: Document): Promise<boolean> {
  if (doc.status !== 'APPROVED' || !doc.coIssuerIds.length) return false;
  return sentBack(doc.status, await coIssuerRows(em, doc.id));
}

/**
 * At the send, in its transaction: every co-issuer countersigned (else NOT_COUNTERSIGNED), their rows held until the
 * send commits; what the document keeps of them.
 */
export async function jointIssuersForSend(em: EntityManager, doc: Document): Promise<JointIssuer[]> {
  if (!doc.coIssuerIds.length) return [];
  const rows = await coIssuerRows(em, doc.id, true);
  const problem = readyToSend(rows, doc.coIssuerIds.length);
  if (problem) throw problem;
  return rows.map((r) => ({
    orgId: r.orgId,
    orgName: r.orgName,
    countersignedByName: r.decidedByName ?? '',
    countersignedAt: (r.decidedAt ?? new Date()).toISOString(),
    stamp: r.stamp,
  }));
}
