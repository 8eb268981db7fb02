// 考核评比 (seed 004 四(一): 定期组织考核评比工作并公布考核评比结果): a supervisor or administrator scores the units
// below their unit for a period by weights they set (domain/assessment.ts), from the figures statistics counts; works
// it out again while it is a draft; adds or takes off points for a unit with the reason; publishes it — stored as
// published with its PDF, read from then on by the units it scored — or discards the draft. The unit's drafter may
// draft the 通报 of a published result to send as any document.
import type { EntityManager } from '@mikro-orm/postgresql';
import { badInput, ErrorCode, forbidden, notFound, personName, requireCaller, requireRole, YizhanError } from '@yizhan/common';
import { isUuid } from '@yizhan/kernel';
import type { DocumentsContext } from '../deps.ts';
import {
  type AssessmentInput,
  type AssessmentResult,
  assessedUnit,
  assessmentBody,
  baseScore,
  checkAdjustment,
  checkAssessment,
  checkPublishable,
  checkUnitsToScore,
  type Grade,
  results,
} from '../domain/assessment.ts';
import { renderAssessment } from '../domain/official-document-pdf.ts';
import { supervisesSubtree } from '../domain/supervision.ts';
import type { Document } from '../entities/Document.ts';
import { assessmentsOfUnit, deleteDraft, findAssessment, insertAssessment, type StoredAssessment, sameDraft, updateDraft } from '../store/assessments.ts';
import { callerUnit } from '../store/documents.ts';
import { insertNoticesAbout } from '../store/notices.ts';
import { scopeFigures } from '../store/statistics.ts';
import { draftBulletinOf } from './bulletin.ts';

/** Who sets up, changes and publishes an assessment: those who publish the unit's bulletins. */
const ASSESSORS = ['SUPERVISOR', 'ADMIN'] as const;

export interface Assessment extends StoredAssessment {
  results: AssessmentResult[];
}

const withResults = (a: StoredAssessment): Assessment => ({ ...a, results: results(a.units, a.weights, a.adjustments) });

/** The units below the assessing unit with their figures of the period, as of now. */
async function scoredUnits(em: EntityManager, unit: { orgId: string; orgPath: string }, from: Date, to: Date) {
  return (await scopeFigures(em, { path: unit.orgPath }, from, to)).filter((u) => u.orgId !== unit.orgId).map(assessedUnit);
}

export async function createAssessment(ctx: DocumentsContext, input: AssessmentInput): Promise<Assessment> {
  const caller = requireCaller(ctx);
  requireRole(caller, ...ASSESSORS);
  const a = checkAssessment(input, new Date());
  // The unit's name as org holds it, for the result's banner; asked before the transaction.
  const unit = await callerUnit(ctx);
  return ctx.em.transactional(async (em) => {
    const units = await scoredUnits(em as EntityManager, caller, a.from, a.to);
    checkUnitsToScore(units);
    // The same form sent again (a double click, a retry): the draft it made, counted again, rather than a second one.
    const same = await sameDraft(em as EntityManager, { orgId: caller.orgId, title: a.title, from: a.from, to: a.to, weights: a.weights });
    if (same) return withResults(await updateDraft(em as EntityManager, same.id, { units: JSON.stringify(units), computed_at: new Date() }));
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

/**
 * A draft of the caller's unit, locked, for an assessor of that unit to change. Only the unit's own rows may be locked
 * for a change (migration 0050's write policies); one that is not locked is read to tell a unit above, which may read
 * it, that it is not its to change, and anyone else that it is not found.
 */
async function ownDraft(ctx: DocumentsContext, em: EntityManager, id: string): Promise<StoredAssessment> {
  const caller = requireCaller(ctx);
  requireRole(caller, ...ASSESSORS);
  const a = isUuid(id) ? await findAssessment(em, id, true) : null;
  if (!a) {
    await visible(em, id);
    throw forbidden('An assessment is changed by the unit that made it');
  }
  if (a.publishedAt) throw new YizhanError(ErrorCode.ILLEGAL_TRANSITION, 'The assessment is published and kept as published', { published: true });
  return a;
}

/** The draft worked out again from the figures as they are now (signed since, reports come in); adjustments kept. */
export async function recomputeAssessment(ctx: DocumentsContext, id: string): Promise<Assessment> {
  return ctx.em.transactional(async (em) => {
    const a = await ownDraft(ctx, em as EntityManager, id);
    const units = await scoredUnits(em as EntityManager, a, a.periodFrom, a.periodTo);
    return withResults(await updateDraft(em as EntityManager, id, { units: JSON.stringify(units), computed_at: new Date() }));
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
    const unit = a.units.find((u) => u.orgId === orgId);
    if (!unit) throw notFound('Org', orgId);
    // A unit with nothing to score has no score to move: its row says 无数据 whatever is added.
    if (checked && baseScore(unit, a.weights) === null) throw badInput('The unit had nothing to score in the period: there is no score to adjust', 'orgId');
    const adjustments = { ...a.adjustments };
    if (checked) adjustments[orgId] = { ...checked, byName: personName(caller), at: new Date().toISOString() };
    else delete adjustments[orgId];
    return withResults(await updateDraft(em as EntityManager, id, { adjustments: JSON.stringify(adjustments) }));
  });
}

/**
 * Published as the assessor last saw it (counted again first if they chose: recomputeAssessment), rendered under the
 * unit's name as org holds it, stored as published, read by the units it scored from now on, and each of them told its
 * own result in its inbox.
 */
export async function publishAssessment(ctx: DocumentsContext, id: string): Promise<Assessment> {
  const caller = requireCaller(ctx);
  requireRole(caller, ...ASSESSORS);
  // The unit's name as org holds it now (renamed since the draft?), asked before the transaction.
  const unit = await callerUnit(ctx);
  return ctx.em.transactional(async (tx) => {
    const em = tx as EntityManager;
    const draft = await ownDraft(ctx, em, id);
    const at = new Date();
    // As the assessor last saw it: the figures as counted then (the text says when), not counted again unseen.
    const a = withResults({ ...draft, orgName: unit.name });
    checkPublishable(a.results);
    const pdf = await renderAssessment({ orgName: unit.name, title: a.title, bodyHtml: assessmentBody(a), publishedAt: at });
    const { sha256 } = await ctx.deps.blobs.put(pdf);
    // Each unit scored is told its result in its inbox.
    const scored = a.results.filter((r) => r.score !== null);
    await insertNoticesAbout(
      em,
      { assessment_id: id },
      draft.orgPath,
      scored.map((r) => ({
        org_id: r.orgId,
        org_path: r.path,
        notice: {
          kind: 'ASSESSED',
          words: {
            byUnit: unit.name,
            title: a.title,
            score: r.score as number,
            grade: r.grade as Grade,
            rank: r.rank as number,
            of: scored.length,
            tied: scored.some((o) => o !== r && o.rank === r.rank),
          },
        },
      })),
    );
    return withResults(
      await updateDraft(em, id, {
        org_name: unit.name,
        published_at: at,
        published_by: caller.userId,
        published_by_name: personName(caller),
        pdf_sha256: sha256,
      }),
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

/** Whether the caller reads drafts: those who watch the subtree. A published result is the units' to read, whoever in
 * them asks (its notice reaches every unit's inbox; the drafter drafts its 通报). */
const readsDrafts = (ctx: DocumentsContext) => supervisesSubtree(requireCaller(ctx));

/** The assessments of the caller's unit and those published above it that score it, newest first. */
export async function assessmentsOfCaller(ctx: DocumentsContext): Promise<Assessment[]> {
  const caller = requireCaller(ctx);
  return (await assessmentsOfUnit(ctx.em as EntityManager, caller, { drafts: readsDrafts(ctx), limit: 100 })).map(withResults);
}

/** One assessment the caller's unit may read, with each unit's result. */
export async function getAssessment(ctx: DocumentsContext, id: string): Promise<Assessment> {
  requireCaller(ctx);
  const a = await visible(ctx.em as EntityManager, id);
  if (!a.publishedAt && !readsDrafts(ctx)) throw notFound('Assessment', id);
  return withResults(a);
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
  const scored = a.results.filter((r) => r.score !== null);
  return draftBulletinOf(ctx, {
    title: a.title.includes('结果') ? a.title : `关于${a.title}结果的通报`,
    body: assessmentBody(a),
    units: scored.map((r) => ({ orgId: r.orgId, name: r.name })),
  });
}
