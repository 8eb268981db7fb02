// Applying for a seal (seeds 001 §19–21, 003 §19): the unit applies in writing through its administrator, its head
// consents, and the issuing authority above approves or rejects; and the list of applications.

import { type EntityManager } from '@mikro-orm/postgresql';
import { badInput, ErrorCode, forbidden, notFound, personName, requireCaller, YizhanError } from '@yizhan/common';
import { isUuid } from '@yizhan/kernel';
import { type SealsContext } from '../deps.ts';
import { isIssuingAuthority, isUnitHead } from '../domain/state.ts';
import { SealApplication } from '../entities/SealApplication.ts';
import { type SealApplicationInput } from '../resolvers/types.ts';
import { actorOf, getSeal, logEvent } from '../store/seals.ts';

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
  return ctx.em.find(SealApplication, status ? { status } : {}, { orderBy: { createdAt: 'desc' }, limit: 200 });
}

export async function applyForSeal(input: SealApplicationInput, ctx: SealsContext) {
  const caller = requireCaller(ctx);
  if (!caller.roles.includes('ADMIN')) throw forbidden('A unit applies for its seal through its administrator');
  const statement = input.statement.trim();
  if (!statement || statement.length > 2000)
    throw badInput('The written application must be 1–2000 characters', 'statement', { length: { min: 1, max: 2000 } });
  if (input.suite !== 'RSA' && input.suite !== 'SM2') throw badInput('suite must be RSA or SM2', 'suite');
  const below = input.belowText?.trim() || null;
  if (below && below.length > 12) throw badInput('The text under the star is at most 12 characters', 'belowText', { length: { max: 12 } });
  if (input.kind && !['REPLACEMENT', 'CHANGE'].includes(input.kind)) throw badInput('kind is REPLACEMENT or CHANGE', 'kind');
  if (input.kind && !input.replacesSealId) throw badInput('A replacement or change names the seal it replaces', 'replacesSealId');
  const unit = await ctx.deps.org.call('unit', ctx.callerHeader, {});
  return ctx.em.transactional(async (em) => {
    if (input.replacesSealId) {
      const old = await getSeal(em as EntityManager, input.replacesSealId);
      if (old.orgId !== unit.id) throw forbidden('A unit replaces only its own seal');
    }
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
    await logEvent(em as EntityManager, { applicationId: app.id, orgPath: unit.path, action: 'APPLIED', actor: actorOf(caller), detail: { statement } });
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
    if (!approve && !note?.trim()) throw badInput('Give the reason for a rejection', 'note');
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
