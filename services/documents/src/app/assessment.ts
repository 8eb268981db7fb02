// 考核评比 (seed 004 四(一): 定期组织考核评比工作并公布考核评比结果): a supervisor or administrator scores the units
// below their unit for a period by weights they set (domain/assessment.ts), from the figures statistics counts; works
// it out again while it is a draft; adds or takes off points for a unit with the reason; publishes it — stored as
// published with its PDF, read from then on by the units it scored — or discards the draft. The unit's drafter may
// draft the 通报 of a published result to send as any document.
import type { EntityManager } from '@mikro-orm/postgresql';
import { ErrorCode, forbidden, notFound, personName, requireCaller, requireRole, YizhanError } from '@yizhan/common';
import { isUuid } from '@yizhan/kernel';
import type { DocumentsContext } from '../deps.ts';
import { type AssessmentInput, type AssessmentResult, assessedUnit, assessmentBody, checkAdjustment, checkAssessment, results } from '../domain/assessment.ts';
import { renderAssessment } from '../domain/official-document-pdf.ts';
import { SUPERVISING_ROLES } from '../domain/supervision.ts';
import type { Document } from '../entities/Document.ts';
import { assessmentsOfUnit, deleteDraft, findAssessment, insertAssessment, type StoredAssessment, updateDraft } from '../store/assessments.ts';
import { callerUnit } from '../store/documents.ts';
import { subtreeFigures } from '../store/statistics.ts';
import { createDraft } from './draft.ts';

/** Who sets up, changes and publishes an assessment: those who publish the unit's bulletins. */
const ASSESSORS = ['SUPERVISOR', 'ADMIN'] as const;
/** Who reads them: those who watch the subtree, and the drafter who drafts the 通报 of a published one. */
const READERS = [...SUPERVISING_ROLES, 'DRAFTER'] as const;

export interface Assessment extends StoredAssessment {
  results: AssessmentResult[];
}

const withResults = (a: StoredAssessment): Assessment => ({ ...a, results: results(a.units, a.weights, a.adjustments) });

/** The units below the assessing unit with their figures of the period, as of now. */
async function scoredUnits(em: EntityManager, unit: { orgId: string; orgPath: string }, from: Date, to: Date) {
  return (await subtreeFigures(em, unit.orgPath, from, to)).filter((u) => u.orgId !== unit.orgId).map(assessedUnit);
}

export async function createAssessment(ctx: DocumentsContext, input: AssessmentInput): Promise<Assessment> {
  const caller = requireCaller(ctx);
  requireRole(caller, ...ASSESSORS);
  const a = checkAssessment(input, new Date());
  // The unit's name as org holds it, for the result's banner; asked before the transaction.
  const unit = await callerUnit(ctx);
  return ctx.em.transactional(async (em) => {
    const units = await scoredUnits(em as EntityManager, caller, a.from, a.to);
    const stored = await insertAssessment(em as EntityManager, {
      org_id: caller.orgId,
      org_path: caller.orgPath,
      org_name: unit.name,
      title: a.title,
      period_from: a.from,
      period_to: a.to,
      weights: JSON.stringify(a.weights),
      units: JSON.stringify(units),
      computed_at: new Date(),
      created_by: caller.userId,
      created_by_name: personName(caller),
    });
    return withResults(stored);
  });
}

/** An assessment the caller may read: drafts and published of their unit and the units below, published of those above. */
async function visible(em: EntityManager, id: string, forUpdate = false): Promise<StoredAssessment> {
  const found = isUuid(id) ? await findAssessment(em, id, forUpdate) : null;
  if (!found) throw notFound('Assessment', id);
  return found;
}

/** A draft of the caller's unit, locked, for an assessor of that unit to change; a unit above reads it, not changes it. */
async function ownDraft(ctx: DocumentsContext, em: EntityManager, id: string): Promise<StoredAssessment> {
  const caller = requireCaller(ctx);
  requireRole(caller, ...ASSESSORS);
  const a = await visible(em, id, true);
  if (a.orgId !== caller.orgId) throw forbidden('An assessment is changed by the unit that made it');
  if (a.publishedAt) throw new YizhanError(ErrorCode.ILLEGAL_TRANSITION, 'The assessment is published and kept as published', { published: true });
  return a;
}

/** A draft whose row changed under it between the lock and the write: published by another request. */
const changed = (a: StoredAssessment | null): StoredAssessment => {
  if (!a) throw new YizhanError(ErrorCode.ILLEGAL_TRANSITION, 'The assessment is published and kept as published', { published: true });
  return a;
};

/** The draft worked out again from the figures as they are now (signed since, reports come in); adjustments kept. */
export async function recomputeAssessment(ctx: DocumentsContext, id: string): Promise<Assessment> {
  return ctx.em.transactional(async (em) => {
    const a = await ownDraft(ctx, em as EntityManager, id);
    const units = await scoredUnits(em as EntityManager, a, a.periodFrom, a.periodTo);
    return withResults(changed(await updateDraft(em as EntityManager, id, { units: JSON.stringify(units), computed_at: new Date() })));
  });
}

/** Points added to or taken off a unit's score with the reason (加减分); null takes the unit's adjustment away. */
export async function setAssessmentAdjustment(
  ctx: DocumentsContext,
  id: string,
  orgId: string,
  adjustment: { points: number; reason: string } | null,
): Promise<Assessment> {
  const caller = requireCaller(ctx);
  const checked = adjustment ? checkAdjustment(adjustment.points, adjustment.reason) : null;
  return ctx.em.transactional(async (em) => {
    const a = await ownDraft(ctx, em as EntityManager, id);
    // Only a unit the assessment scores; any other is not part of it, whether or not it exists.
    if (!a.units.some((u) => u.orgId === orgId)) throw notFound('Org', orgId);
    const adjustments = { ...a.adjustments };
    if (checked) adjustments[orgId] = { ...checked, byName: personName(caller), at: new Date().toISOString() };
    else delete adjustments[orgId];
    return withResults(changed(await updateDraft(em as EntityManager, id, { adjustments: JSON.stringify(adjustments) })));
  });
}

/** Published: the result is rendered, stored as published, and read by the units it scored from now on. */
export async function publishAssessment(ctx: DocumentsContext, id: string): Promise<Assessment> {
  const caller = requireCaller(ctx);
  return ctx.em.transactional(async (em) => {
    const a = withResults(await ownDraft(ctx, em as EntityManager, id));
    const at = new Date();
    const pdf = await renderAssessment({ orgName: a.orgName, title: a.title, bodyHtml: assessmentBody(a), publishedAt: at });
    const { sha256 } = await ctx.deps.blobs.put(pdf);
    return withResults(
      changed(
        await updateDraft(em as EntityManager, id, {
          published_at: at,
          published_by: caller.userId,
          published_by_name: personName(caller),
          pdf_sha256: sha256,
        }),
      ),
    );
  });
}

/** A draft thrown away; a published assessment stays. */
export async function discardAssessment(ctx: DocumentsContext, id: string): Promise<boolean> {
  return ctx.em.transactional(async (em) => {
    await ownDraft(ctx, em as EntityManager, id);
    return deleteDraft(em as EntityManager, id);
  });
}

/** The assessments of the caller's unit and those published above it that score it, newest first. */
export async function assessmentsOfCaller(ctx: DocumentsContext): Promise<Assessment[]> {
  const caller = requireCaller(ctx);
  requireRole(caller, ...READERS);
  return (await assessmentsOfUnit(ctx.em as EntityManager, caller, 100)).map(withResults);
}

/** One assessment the caller's unit may read, with each unit's result. */
export async function getAssessment(ctx: DocumentsContext, id: string): Promise<Assessment> {
  const caller = requireCaller(ctx);
  requireRole(caller, ...READERS);
  return withResults(await visible(ctx.em as EntityManager, id));
}

/**
 * 公布考核评比结果 as a document: the 通报 of a published assessment of the caller's unit, drafted by its drafter with
 * the published text, to the units it scored; the unit approves and sends it as any document.
 */
export async function draftAssessmentDocument(ctx: DocumentsContext, id: string): Promise<Document> {
  const caller = requireCaller(ctx);
  requireRole(caller, 'DRAFTER');
  const a = withResults(await visible(ctx.em as EntityManager, id));
  if (a.orgId !== caller.orgId) throw notFound('Assessment', id);
  if (!a.publishedAt) throw new YizhanError(ErrorCode.ILLEGAL_TRANSITION, 'A draft assessment is published before its 通报 is drafted', { published: false });
  const unit = await callerUnit(ctx);
  const scored = a.results.filter((r) => r.score !== null);
  return createDraft(ctx, {
    docType: '通报',
    title: a.title.includes('结果') ? a.title : `关于${a.title}结果的通报`,
    body: assessmentBody(a),
    docPrefix: unit.docPrefixes[0] ?? null,
    mainTo: scored.length && scored.length <= 10 ? scored.map((r) => r.name).join('、') : '各有关单位',
    signatureLine: unit.name,
    recipients: scored.length ? [{ orgIds: scored.map((r) => r.orgId), role: 'MAIN' }] : [],
  });
}
