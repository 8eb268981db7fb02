// The emergency procedures (seed 003 §44–45, 001 §31): a unit reports a fault; the office above answers it within the
// hour, fixes it, or after two hours escalates it with a plan and tells the units concerned to use paper (an outage
// notice); administrators publish and withdraw announcements (系统公告) to their part of the tree.
import { conflict, forbidden, notFound, requireCaller } from '@yizhan/common';
import type { OrgContext } from '../deps.ts';
import {
  type AnnouncementKind,
  cleanEndsAt,
  cleanPhone,
  cleanText,
  type FaultKind,
  faultState,
  mayAnswerFault,
  mayPublishTo,
  mayWithdraw,
  outageNotice,
} from '../domain/emergency.ts';
import {
  type AnnouncementRow,
  announcements as announcementRows,
  type FaultRow,
  faultsWithin,
  hasShowingOutageNotice,
  insertAnnouncement,
  insertFault,
  markOutageNoticed,
  withdrawAnnouncement as markWithdrawn,
  recordFaultStep,
  withdrawOutageNotices,
} from '../store/emergency.ts';
import { getOrg, isUuid } from '../store/orgs.ts';

export type FaultView = FaultRow & ReturnType<typeof faultState> & { mayAnswer: boolean };

const nameOf = (c: { displayName?: string; username: string }) => c.displayName ?? c.username;

function view(f: FaultRow, caller: { orgPath: string; roles: readonly string[] }, now = new Date()): FaultView {
  return { ...f, ...faultState(f, now), mayAnswer: mayAnswerFault(caller, f.orgPath) };
}

/** Any person of a unit (or its OA system) reports that the platform fails the unit. */
export async function reportFault(input: { kind: FaultKind; description: string; contactPhone?: string | null }, ctx: OrgContext): Promise<FaultView> {
  const caller = requireCaller(ctx);
  const description = cleanText(input.description, 'description', 2000);
  const contactPhone = cleanPhone(input.contactPhone);
  return ctx.em.transactional(async (em) => {
    const id = crypto.randomUUID();
    await insertFault(em, {
      id,
      orgId: caller.orgId,
      orgPath: caller.orgPath,
      kind: input.kind,
      description,
      contactPhone,
      reportedBy: caller.userId,
      reportedByName: nameOf(caller),
    });
    const [row] = await faultsWithin(em, caller.orgPath, { id });
    return view(row as FaultRow, caller);
  });
}

/** The fault reports of the caller's unit and the units below it: open ones first. */
export async function faultReports(openOnly: boolean, ctx: OrgContext): Promise<FaultView[]> {
  const caller = requireCaller(ctx);
  const now = new Date();
  return (await faultsWithin(ctx.em, caller.orgPath, { openOnly })).map((f) => view(f, caller, now));
}

type Step = 'respond' | 'escalate' | 'resolve';

async function step(id: string, kind: Step, text: string, ctx: OrgContext, opts: { declareOutage?: boolean } = {}): Promise<FaultView> {
  const caller = requireCaller(ctx);
  const field = kind === 'respond' ? 'response' : kind === 'escalate' ? 'plan' : 'resolution';
  const clean = cleanText(text, field, 2000);
  return ctx.em.transactional(async (em) => {
    const [fault] = isUuid(id) ? await faultsWithin(em, caller.orgPath, { id }) : [];
    if (!fault) throw notFound('Fault report', id);
    if (!mayAnswerFault(caller, fault.orgPath))
      throw forbidden(`Only an administrator of a unit above ${fault.orgName} (the e-government office) answers its fault reports`);
    const now = new Date();
    const state = faultState(fault, now);
    if (state.status === 'RESOLVED') throw conflict('This fault report is resolved already', { status: state.status });
    const by = nameOf(caller);
    const done =
      kind === 'respond'
        ? await recordFaultStep(em, fault.id, { respondedAt: now, respondedByName: by, response: clean })
        : kind === 'escalate'
          ? await recordFaultStep(em, fault.id, { escalatedAt: now, escalatedByName: by, escalationPlan: clean })
          : await recordFaultStep(em, fault.id, { resolvedAt: now, resolvedByName: by, resolution: clean });
    if (!done)
      throw conflict(kind === 'respond' ? 'This fault report has been answered already' : 'This fault report has been escalated already', {
        status: state.status,
      });
    if (kind === 'escalate' && opts.declareOutage && !(await hasShowingOutageNotice(em, fault.id, caller.orgPath))) {
      // 003 §45: the units are told to pass documents on paper — those of the caller's part of the tree. The platform's
      // own notice (published two hours after the report) stands instead if it already reaches them; texts for either
      // go out once, by the outage job.
      const unit = await getOrg(em, caller.orgId);
      const notice = outageNotice(unit.name, clean);
      await markOutageNoticed(em, fault.id);
      await insertAnnouncement(em, {
        id: crypto.randomUUID(),
        orgId: caller.orgId,
        orgPath: caller.orgPath,
        scopeOrgId: caller.orgId,
        scopePath: caller.orgPath,
        kind: 'OUTAGE',
        ...notice,
        faultReportId: fault.id,
        publishedByName: by,
        endsAt: null,
      });
    }
    // Fixed: the paper fallback ends. The fault's outage notices within the caller's reach are withdrawn (an office
    // above that published its own withdraws that one itself).
    if (kind === 'resolve') await withdrawOutageNotices(em, fault.id, by);
    const [after] = await faultsWithin(em, caller.orgPath, { id: fault.id });
    return view(after as FaultRow, caller, now);
  });
}

/** 003 §44: the office's answer (within the hour). */
export const respondToFault = (id: string, response: string, ctx: OrgContext) => step(id, 'respond', response, ctx);
/** 003 §45: not fixed within two hours: the plan, and optionally the outage notice to use paper. */
export const escalateFault = (id: string, plan: string, declareOutage: boolean, ctx: OrgContext) => step(id, 'escalate', plan, ctx, { declareOutage });
export const resolveFault = (id: string, resolution: string, ctx: OrgContext) => step(id, 'resolve', resolution, ctx);

/** The announcements that reach the caller's unit now (what the banner shows): outage notices first. */
export async function announcements(ctx: OrgContext): Promise<AnnouncementRow[]> {
  const caller = requireCaller(ctx);
  return announcementRows(ctx.em, { reaching: caller.orgPath, now: new Date() });
}

/** Announcements published by the caller's unit or units below it, withdrawn and ended ones too (administrators). */
export async function issuedAnnouncements(ctx: OrgContext): Promise<AnnouncementRow[]> {
  const caller = requireCaller(ctx);
  if (!caller.roles.includes('ADMIN')) throw forbidden('Only administrators manage announcements');
  return announcementRows(ctx.em, { issuedWithin: caller.orgPath });
}

export async function publishAnnouncement(
  input: { kind: AnnouncementKind; title: string; body: string; scopeOrgId?: string | null; endsAt?: Date | null },
  ctx: OrgContext,
): Promise<AnnouncementRow> {
  const caller = requireCaller(ctx);
  if (!caller.roles.includes('ADMIN')) throw forbidden('Only administrators publish announcements');
  const title = cleanText(input.title, 'title', 100, true);
  const body = cleanText(input.body, 'body', 2000);
  const endsAt = cleanEndsAt(input.endsAt, new Date());
  return ctx.em.transactional(async (em) => {
    const scope = await getOrg(em, input.scopeOrgId ?? caller.orgId);
    if (!mayPublishTo(caller, scope.path)) throw forbidden(`${scope.name} lies outside your unit: you publish to your own unit and those below it`);
    const id = crypto.randomUUID();
    await insertAnnouncement(em, {
      id,
      orgId: caller.orgId,
      orgPath: caller.orgPath,
      scopeOrgId: scope.id,
      scopePath: scope.path,
      kind: input.kind,
      title,
      body,
      faultReportId: null,
      publishedByName: nameOf(caller),
      endsAt,
    });
    const [row] = await announcementRows(em, { issuedWithin: caller.orgPath, id });
    return row as AnnouncementRow;
  });
}

export async function withdrawAnnouncement(id: string, ctx: OrgContext): Promise<AnnouncementRow> {
  const caller = requireCaller(ctx);
  return ctx.em.transactional(async (em) => {
    const [a] = isUuid(id) ? await announcementRows(em, { issuedWithin: caller.orgPath, id }) : [];
    if (!a || !mayWithdraw(caller, a.orgPath)) {
      // A unit the announcement merely reaches may read it but not withdraw it; others do not learn it exists.
      if (a || (isUuid(id) && (await announcementRows(em, { reaching: caller.orgPath, now: new Date() })).some((x) => x.id === id)))
        throw forbidden('Only an administrator of the publishing unit, or of a unit above it, withdraws an announcement');
      throw notFound('Announcement', id);
    }
    if (a.withdrawnAt) throw conflict('This announcement has been withdrawn already', {});
    await markWithdrawn(em, a.id, nameOf(caller));
    const [after] = await announcementRows(em, { issuedWithin: caller.orgPath, id: a.id });
    return after as AnnouncementRow;
  });
}
