// Applying for a seal (seeds 001 §19–21, 003 §19): the unit applies in writing through its administrator, its head
// consents, and the issuing authority above approves or rejects; and the list of applications.

import { type EntityManager } from '@mikro-orm/postgresql';
import {
  badInput,
  ErrorCode,
  forbidden,
  imageFromBase64,
  notFound,
  oneOfOrNull,
  optionalText,
  personName,
  requireCaller,
  requiredText,
  YizhanError,
} from '@yizhan/common';
import { SealsErrorCode } from '@yizhan/contracts/seals';
import { isUuid } from '@yizhan/kernel';
import { type SealsContext } from '../deps.ts';
import { isIssuingAuthority, isUnitHead } from '../domain/state.ts';
import { Seal } from '../entities/Seal.ts';
import { SealApplication } from '../entities/SealApplication.ts';
import { type SealApplicationInput } from '../resolvers/types.ts';
import { type Impression, impressionContent, impressionOf, keepImpression } from '../store/impressions.ts';
import { actorOf, getSeal, logEvent } from '../store/seals.ts';

/** A scan of a seal's impression is a picture of a few centimetres: half a megabyte is plenty. */
export const MAX_IMPRESSION_BYTES = 500 * 1024;

export async function application(em: EntityManager, id: string): Promise<SealApplication> {
  const app = isUuid(id) ? await em.findOne(SealApplication, { id }) : null;
  if (!app) throw notFound('Seal application', id);
  return app;
}

export function expect(app: SealApplication, status: string, what: string) {
  if (app.status !== status)
    throw new YizhanError(ErrorCode.ILLEGAL_TRANSITION, `The application is ${app.status.toLowerCase()}: ${what}`, { status: app.status });
}

export async function sealApplications(status: string | null, ctx: SealsContext) {
  requireCaller(ctx);
  const only = oneOfOrNull(status, ['SUBMITTED', 'CONSENTED', 'APPROVED', 'REJECTED', 'MADE'], 'status');
  return ctx.em.find(SealApplication, only ? { status: only } : {}, { orderBy: { createdAt: 'desc' }, limit: 200 });
}

/** Seals a unit holds that count as its one: in use, suspended, or waiting for custody. */
const HELD = ['PENDING_CUSTODY', 'ACTIVE', 'SUSPENDED'];
/** Applications still on their way to a seal. */
const OPEN = ['SUBMITTED', 'CONSENTED', 'APPROVED'];

/**
 * One seal per unit (seed 004: the unit's 电子公文专用章, kept by two custodians): a new seal only when the unit holds
 * none and none is being applied for; a replacement (补办 of one lost or damaged, 变更) only of the unit's own seal, not
 * replaced already nor being replaced. SEAL_IN_USE or ILLEGAL_TRANSITION naming what stands in the way.
 */
export async function requireOneSeal(em: EntityManager, orgId: string, replacesSealId: string | null): Promise<void> {
  const open = await em.findOne(SealApplication, { orgId, status: { $in: OPEN }, ...(replacesSealId ? { replacesSealId } : {}) });
  if (replacesSealId) {
    const old = await getSeal(em, replacesSealId);
    if (old.orgId !== orgId) throw forbidden('A unit replaces only its own seal');
    if (old.replacedBy)
      throw new YizhanError(ErrorCode.ILLEGAL_TRANSITION, 'This seal was replaced already: it is not replaced again', {
        sealId: old.id,
        replacedBy: old.replacedBy,
      });
    if (open) throw new YizhanError(SealsErrorCode.SEAL_IN_USE, 'This seal is being replaced already (an application is open)', { applicationId: open.id });
  }
  // Beside the seal replaced, the unit holds no other.
  const held = await em.findOne(Seal, { orgId, status: { $in: HELD }, ...(replacesSealId ? { id: { $ne: replacesSealId } } : {}) });
  if (held)
    throw new YizhanError(SealsErrorCode.SEAL_IN_USE, 'The unit holds a seal already: apply to replace or change it instead', {
      sealId: held.id,
      status: held.status,
    });
  if (open && !replacesSealId) throw new YizhanError(SealsErrorCode.SEAL_IN_USE, 'A seal is being applied for already', { applicationId: open.id });
}

export async function applyForSeal(input: SealApplicationInput, ctx: SealsContext) {
  const caller = requireCaller(ctx);
  if (!caller.roles.includes('ADMIN')) throw forbidden('A unit applies for its seal through its administrator');
  const statement = requiredText(input.statement, 'statement', { max: 2000 });
  if (input.suite !== 'RSA' && input.suite !== 'SM2') throw badInput('suite must be RSA or SM2', 'suite');
  const below = optionalText(input.belowText, 'belowText', { max: 12, line: true });
  if (input.kind && !['REPLACEMENT', 'CHANGE'].includes(input.kind)) throw badInput('kind is REPLACEMENT or CHANGE', 'kind');
  if (input.kind && !input.replacesSealId) throw badInput('A replacement or change names the seal it replaces', 'replacesSealId');
  // 印模 (seed 001 §19): the scan of the physical seal's impression, a PNG or JPEG.
  const impression = input.impression
    ? imageFromBase64(input.impression, { field: 'impression', what: 'The impression', maxBytes: MAX_IMPRESSION_BYTES, formats: ['png', 'jpeg'] })
    : null;
  const unit = await ctx.deps.org.call('unit', ctx.callerHeader, {});
  return ctx.em.transactional(async (em) => {
    await requireOneSeal(em as EntityManager, unit.id, input.replacesSealId ?? null);
    const app = em.create(SealApplication, {
      id: crypto.randomUUID(),
      orgId: unit.id,
      orgPath: unit.path,
      orgName: unit.name,
      suite: input.suite,
      kind: input.replacesSealId ? (input.kind ?? 'REPLACEMENT') : 'NEW',
      replacesSealId: input.replacesSealId ?? null,
      statement,
      belowText: below,
      applicantId: caller.userId,
      applicantName: personName(caller),
    });
    await em.flush();
    if (impression) await keepImpression(em as EntityManager, app.id, unit.path, impression);
    await logEvent(em as EntityManager, {
      applicationId: app.id,
      orgPath: unit.path,
      action: 'APPLIED',
      actor: actorOf(caller),
      detail: { statement, impression: Boolean(impression) },
    });
    return app;
  });
}

export async function consentToSealApplication(id: string, ctx: SealsContext) {
  const caller = requireCaller(ctx);
  return ctx.em.transactional(async (tx) => {
    const em = tx as EntityManager;
    const app = await application(em, id);
    if (!isUnitHead(caller, app.orgPath)) throw forbidden('The head (LEADER) of the applying unit consents');
    expect(app, 'SUBMITTED', 'only a submitted application awaits consent');
    Object.assign(app, { status: 'CONSENTED', consentBy: caller.userId, consentByName: personName(caller), consentAt: new Date() });
    await em.flush();
    await logEvent(em, { applicationId: app.id, orgPath: app.orgPath, action: 'CONSENTED', actor: actorOf(caller) });
    return app;
  });
}

export async function decideSealApplication(id: string, approve: boolean, note: string | null, ctx: SealsContext) {
  const caller = requireCaller(ctx);
  return ctx.em.transactional(async (tx) => {
    const em = tx as EntityManager;
    const app = await application(em, id);
    if (!isIssuingAuthority(caller, app.orgPath)) throw forbidden('Seals are approved by the issuing authority above the unit');
    expect(app, 'CONSENTED', 'the unit’s head must consent first');
    if (!approve && !note?.trim()) throw badInput('Give the reason for a rejection', 'note', { required: true });
    Object.assign(app, {
      status: approve ? 'APPROVED' : 'REJECTED',
      approvedBy: caller.userId,
      approvedByName: personName(caller),
      approvedAt: new Date(),
      decisionNote: note?.trim() || null,
    });
    await em.flush();
    await logEvent(em, { applicationId: app.id, orgPath: app.orgPath, action: approve ? 'APPROVED' : 'REJECTED', actor: actorOf(caller), detail: { note } });
    return app;
  });
}

/** 印模: the impression sent with an application (a seal's, by its application), when the caller may see it (the unit
 * and the units above it, under row-level security) and one was sent; its bytes through `sealImpression`. */
export async function impressionOfApplication(applicationId: string | null, ctx: SealsContext): Promise<Impression | null> {
  return applicationId ? impressionOf(ctx.em, applicationId) : null;
}

/** The impression's bytes, for the applying unit and the units above it; not found for anyone else. */
export async function sealImpression(applicationId: string, ctx: SealsContext) {
  requireCaller(ctx);
  if (!isUuid(applicationId)) throw badInput('applicationId is a seal application’s id', 'applicationId');
  const found = await impressionContent(ctx.em, applicationId);
  if (!found) throw notFound('Seal impression', applicationId);
  return found;
}
