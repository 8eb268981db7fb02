// Approval (seed 000 §11): a draft goes up its unit's approval chain; each step approves or rejects it (back to its
// author with the reason); the last approval makes it ready to send (send.ts). Every step is recorded, and every
// approval signed (signed-approvals.ts): by the unit's key, and by the approver's own when they give their signature.
import type { EntityManager } from '@mikro-orm/postgresql';
import { conflict, forbidden, optionalText, personName, type Role, requireCaller, requiredText, requireRole, YizhanError } from '@yizhan/common';
import { DocumentsErrorCode } from '@yizhan/contracts/documents';
import { canonicalJson } from '@yizhan/crypto';
import { isUuid } from '@yizhan/kernel';
import type { DocumentsContext } from '../deps.ts';
import { type DraftingSection, isOrder, nextApproval, requireStatus, sectionApprover } from '../domain/document.ts';
import { signerNames, signersNotLeaders } from '../domain/gbt9704.ts';
import type { Document } from '../entities/Document.ts';
import { ApprovalStep } from '../entities/History.ts';
import { callerUnit } from '../store/documents.ts';
import { voidReservation } from '../store/numbers.ts';
import { withDb } from '../store/sql.ts';
import { EDITABLE, ownDraft } from './draft.ts';
import { declinedByCoIssuer, openCountersign } from './joint-issue.ts';
import { numberJointOnApproval } from './numbering.ts';
import { checkOwnSigned, type OwnSignatureGiven, ownSignatureCa, signerOf } from './own-signature.ts';
import { routeForSend } from './send.ts';
import { type ApprovalFacts, approvalOf, signApprovalStep } from './signed-approvals.ts';

function recordStep(
  em: EntityManager,
  ctx: DocumentsContext,
  doc: Document,
  action: ApprovalStep['action'],
  role: string | null,
  comment: string | null,
): ApprovalStep {
  const caller = requireCaller(ctx);
  return em.create(ApprovalStep, {
    documentId: doc.id,
    orgPath: doc.orgPath,
    step: doc.approvalStep,
    role,
    action,
    userId: caller.userId,
    userName: personName(caller),
    comment,
  } as ApprovalStep);
}

/** Sends the draft up the unit's approval chain. */
export async function submitForApproval(ctx: DocumentsContext, id: string): Promise<Document> {
  const caller = requireCaller(ctx);
  requireRole(caller, 'DRAFTER');
  const unit = await callerUnit(ctx);
  // What its send would refuse whatever the approvers decide (no 机关代字, an unknown unit, no recipient the rules
  // allow, no 签发人 going upward) is refused now, before anyone approves a document that cannot be sent. Org is asked
  // outside the transaction, which reads the draft again.
  const draft = await ownDraft(ctx, ctx.em.fork(), id);
  await requireSubmittable(ctx.em as EntityManager, draft);
  await routeForSend(ctx, draft, unit, { withAlertTargets: false, skipRefused: true });
  const leaders = await requireLeadersNamed(ctx, draft);
  return ctx.em.transactional(async (em) => {
    const doc = await ownDraft(ctx, em, id, true);
    await requireSubmittable(em as EntityManager, doc);
    // The 签发人 checked above is the one submitted.
    if (doc.signer !== draft.signer) throw conflict('The draft’s 签发人 changed while it was submitted: submit it again');
    // An order prints its 签发人's 职务 beside the name (GB/T 9704 §7.3.5.3): the post as it is now, kept with it.
    doc.signerPost = isOrder(doc.docType) ? (leaders.find((l) => l.displayName === doc.signer?.trim())?.post ?? null) : null;
    // 联合行文: every co-issuer is asked (again) for its 会签, which opens when this chain has approved.
    await openCountersign(ctx, em as EntityManager, doc);
    // A number taken for its stamp (app/numbering.ts) is voided: the document changes and will be numbered again.
    await voidReservation(em as EntityManager, doc.id, '退回修改后重新报批', personName(caller));
    doc.approvalChain = unit.approvalChain;
    doc.approvalStep = 0;
    doc.status = 'IN_APPROVAL';
    recordStep(em, ctx, doc, 'SUBMITTED', null, null);
    return doc;
  });
}

/**
 * The 签发人 a draft names are the unit's leaders (SIGNER_NOT_LEADER): one of them 签发s it (approvableStep). The
 * unit's leaders with their posts, none where the draft names no 签发人.
 */
async function requireLeadersNamed(ctx: DocumentsContext, doc: Document): Promise<{ displayName: string; post: string | null }[]> {
  if (!doc.signer?.trim()) return [];
  const unitLeaders = await ctx.deps.org.call('leaders', ctx.callerHeader, {});
  const leaders = unitLeaders.map((l) => l.displayName);
  const names = signersNotLeaders(doc.signer, leaders, doc.coIssuerIds.length > 0);
  if (names.length)
    throw new YizhanError(
      DocumentsErrorCode.SIGNER_NOT_LEADER,
      `签发人 ${names.join('、')}: not a leader of this unit (its leaders: ${leaders.join('、') || 'none'})`,
      {
        field: 'signer',
        names,
        leaders,
      },
    );
  return unitLeaders;
}

/** A draft may go to its approvers: editable, or a joint document a co-issuer declined (会签), which comes back too. */
async function requireSubmittable(em: EntityManager, doc: Document): Promise<void> {
  if (!(await declinedByCoIssuer(em, doc))) requireStatus(doc.status, [...EDITABLE], 'submit');
}

/**
 * The step of a draft the caller may approve now: the draft is their unit's (another's is not found, as row-level
 * security hides it) and in approval, the step's role is theirs and they did not write it (FORBIDDEN otherwise).
 */
async function approvableStep(
  ctx: DocumentsContext,
  em: EntityManager,
  id: string,
  lock = false,
): Promise<{ doc: Document; facts: Omit<ApprovalFacts, 'comment'> }> {
  const caller = requireCaller(ctx);
  // One who approves nothing is told so before anything of the document (its state) is said.
  requireRole(caller, 'APPROVER', 'LEADER');
  const doc = await ownDraft(ctx, em, id, lock);
  requireStatus(doc.status, ['IN_APPROVAL'], 'approve');
  const role = doc.approvalChain?.[doc.approvalStep] as string;
  requireRole(caller, role as Role);
  if (doc.authorId === caller.userId) throw forbidden('The author of a document does not approve it');
  const issued = nextApproval(doc.approvalChain ?? [], doc.approvalStep).done;
  // The 签发 is the named 签发人's own act; another leader may still send it back (rejectDocument) to name someone else.
  if (issued && doc.signer?.trim() && !signerNames(doc.signer).includes(personName(caller)))
    throw new YizhanError(DocumentsErrorCode.NOT_NAMED_SIGNER, `The document names ${doc.signer} as its 签发人: only they 签发 it`, { signer: doc.signer });
  // The drafter's section may name who approves this step (seed 000 §11: 处室主要负责人, 分管领导).
  const section = await draftingSection(ctx, doc.authorId);
  const must = sectionApprover(section, role, issued);
  if (must && must.id !== caller.userId)
    throw new YizhanError(
      DocumentsErrorCode.NOT_SECTION_APPROVER,
      `${section?.name} of the drafter names ${must.displayName} to approve this step (${role === 'APPROVER' ? '处室主要负责人' : '分管领导'})`,
      { approver: must.displayName, section: section?.name },
    );
  return { doc, facts: { step: doc.approvalStep, role, issued } };
}

/** The section the drafter works in, with who approves what it drafts (org), or null when they are in none. */
async function draftingSection(ctx: DocumentsContext, authorId: string): Promise<DraftingSection | null> {
  const [author] = await ctx.deps.org.call('people', ctx.callerHeader, { ids: [authorId] });
  if (!author?.sectionId) return null;
  const [section] = await ctx.deps.org.call('sections', ctx.callerHeader, { ids: [author.sectionId] });
  return section ?? null;
}

/** The step the caller may approve now, read apart from the request's unit of work (the approval reads the draft afresh). */
const approvableNow = (ctx: DocumentsContext, id: string) => approvableStep(ctx, ctx.em.fork(), id);

/**
 * The approval (审批, or the 签发 at the last step) an approver signs with their own identity certificate (canonical
 * JSON, to sign as UTF-8): what their step would make now with `comment`, naming them. Good for ten minutes; only for
 * a step they may approve now.
 */
/** An approver's comment: trimmed, at most what a signed approval holds (certificates' `unit-sign-approval`). */
const approvalComment = (comment: string | null) => optionalText(comment, 'comment', { max: 2000 });

export async function approvalToSign(ctx: DocumentsContext, id: string, given: string | null): Promise<string> {
  const comment = approvalComment(given);
  const caller = requireCaller(ctx);
  const { doc, facts } = await approvableNow(ctx, id);
  ownSignatureCa(ctx);
  return canonicalJson(await approvalOf(ctx, doc, { ...facts, comment }, new Date(), signerOf(caller)));
}

/** Approves the current step; the last approval makes the document ready to send. */
export async function approveDocument(
  ctx: DocumentsContext,
  id: string,
  given: string | null,
  ownSignature: OwnSignatureGiven | null = null,
  seenStep: number | null = null,
): Promise<Document> {
  const caller = requireCaller(ctx);
  const comment = approvalComment(given);
  // The approval the approver signed with their own certificate, checked (own-signature.ts) before anything is written.
  const own = ownSignature
    ? await approvableNow(ctx, id).then(({ doc, facts }) =>
        checkOwnSigned(ctx, ownSignature, {
          what: 'approval',
          stale: DocumentsErrorCode.APPROVAL_STALE,
          expected: (at) => approvalOf(ctx, doc, { ...facts, comment }, at, signerOf(caller)),
        }),
      )
    : null;
  // 联合行文: the lead's 机关代字, to number the joint document at its 签发 (app/numbering.ts); asked before the transaction.
  const joint = isUuid(id)
    ? await withDb(ctx.em, (db) => db.selectFrom('documents.documents').select('co_issuer_ids').where('id', '=', id).executeTakeFirst())
    : null;
  const unit = joint?.co_issuer_ids.length ? await callerUnit(ctx) : null;
  return ctx.em.transactional(async (em) => {
    // The document's row held: ten approvals of one step at once are one approval and nine refusals (the state read
    // again after the first).
    const { doc, facts } = await approvableStep(ctx, em as EntityManager, id, true);
    if (seenStep !== null && seenStep !== facts.step)
      throw new YizhanError(
        DocumentsErrorCode.STEP_MOVED,
        `The document is at step ${facts.step + 1} now, not the step ${seenStep + 1} you approved: look at it again`,
        {
          step: facts.step,
          seen: seenStep,
        },
      );
    const step = recordStep(em, ctx, doc, 'APPROVED', facts.role, comment);
    // Signed by the unit's key for the approver (and by the approver's own, when given), over the content approved
    // (the last step is the 签发), time-stamped.
    await em.flush();
    await signApprovalStep(ctx, em as EntityManager, doc, step, facts.issued, own);
    if (facts.issued) doc.status = 'APPROVED';
    else doc.approvalStep += 1;
    if (facts.issued && unit) await numberJointOnApproval(em as EntityManager, doc, unit, personName(caller));
    return doc;
  });
}

/** Rejects at the current step: the draft returns to its author with the reason. */
export async function rejectDocument(ctx: DocumentsContext, id: string, given: string): Promise<Document> {
  const caller = requireCaller(ctx);
  // Why it goes back is said: required, and held to what an approval's comment may be.
  const why = requiredText(given, 'comment', { max: 2000 });
  requireRole(caller, 'APPROVER', 'LEADER');
  return ctx.em.transactional(async (em) => {
    const doc = await ownDraft(ctx, em, id, true);
    requireStatus(doc.status, ['IN_APPROVAL'], 'reject');
    const role = doc.approvalChain?.[doc.approvalStep] as string;
    requireRole(caller, role as Role);
    recordStep(em, ctx, doc, 'REJECTED', role, why);
    doc.status = 'REJECTED';
    return doc;
  });
}
