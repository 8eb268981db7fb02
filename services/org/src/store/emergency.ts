// Fault reports and announcements in SQL, in the caller's transaction and row-level-security scope. Every read also
// states its scope, so a forgotten policy would still leak nothing.
import type { EntityManager } from '@mikro-orm/postgresql';
import { sql } from 'kysely';
import type { AnnouncementKind, AnnouncementWords, FaultKind } from '../domain/emergency.ts';
import { withDb } from './sql.ts';

export interface FaultRow {
  id: string;
  orgId: string;
  orgPath: string;
  orgName: string;
  kind: FaultKind;
  description: string;
  contactPhone: string | null;
  reportedByName: string;
  reportedAt: Date;
  respondedAt: Date | null;
  respondedByName: string | null;
  response: string | null;
  escalatedAt: Date | null;
  escalatedByName: string | null;
  escalationPlan: string | null;
  resolvedAt: Date | null;
  resolvedByName: string | null;
  resolution: string | null;
}

export interface AnnouncementRow {
  id: string;
  orgId: string;
  orgPath: string;
  orgName: string;
  scopeOrgId: string;
  scopeName: string;
  kind: AnnouncementKind;
  title: string;
  body: string;
  faultReportId: string | null;
  publishedByName: string;
  publishedAt: Date;
  endsAt: Date | null;
  withdrawnAt: Date | null;
  withdrawnByName: string | null;
  /** Null for a person's own announcement (shown as written) and for the platform's made before its words were kept. */
  words: AnnouncementWords | null;
}

const date = (v: string | null) => (v === null ? null : new Date(v));

export async function insertFault(
  em: EntityManager,
  f: {
    id: string;
    orgId: string;
    orgPath: string;
    kind: FaultKind;
    description: string;
    contactPhone: string | null;
    reportedBy: string;
    reportedByName: string;
  },
): Promise<void> {
  await withDb(em, (db) =>
    db
      .insertInto('org.fault_reports')
      .values({
        id: f.id,
        org_id: f.orgId,
        org_path: f.orgPath,
        kind: f.kind,
        description: f.description,
        contact_phone: f.contactPhone,
        reported_by: f.reportedBy,
        reported_by_name: f.reportedByName,
      })
      .execute(),
  );
}

/** Fault reports of units within `path` (the caller's subtree): open ones first, then the newest. */
export async function faultsWithin(em: EntityManager, path: string, opts: { id?: string; openOnly?: boolean; limit?: number } = {}): Promise<FaultRow[]> {
  const rows = await withDb(em, (db) => {
    let q = db
      .selectFrom('org.fault_reports as f')
      .innerJoin('org.orgs as o', 'o.id', 'f.org_id')
      .select([
        'f.id',
        'f.org_id',
        'f.org_path',
        'o.name as org_name',
        'f.kind',
        'f.description',
        'f.contact_phone',
        'f.reported_by_name',
        'f.reported_at',
        'f.responded_at',
        'f.responded_by_name',
        'f.response',
        'f.escalated_at',
        'f.escalated_by_name',
        'f.escalation_plan',
        'f.resolved_at',
        'f.resolved_by_name',
        'f.resolution',
      ])
      .where(sql<boolean>`f.org_path <@ ${path}::ltree`);
    if (opts.id) q = q.where('f.id', '=', opts.id);
    if (opts.openOnly) q = q.where('f.resolved_at', 'is', null);
    return q
      .orderBy(sql`f.resolved_at is null`, 'desc')
      .orderBy('f.reported_at', 'desc')
      .limit(opts.limit ?? 200)
      .execute();
  });
  return rows.map((r) => ({
    id: r.id,
    orgId: r.org_id,
    orgPath: r.org_path,
    orgName: r.org_name,
    kind: r.kind as FaultKind,
    description: r.description,
    contactPhone: r.contact_phone,
    reportedByName: r.reported_by_name,
    reportedAt: new Date(r.reported_at),
    respondedAt: date(r.responded_at),
    respondedByName: r.responded_by_name,
    response: r.response,
    escalatedAt: date(r.escalated_at),
    escalatedByName: r.escalated_by_name,
    escalationPlan: r.escalation_plan,
    resolvedAt: date(r.resolved_at),
    resolvedByName: r.resolved_by_name,
    resolution: r.resolution,
  }));
}

/** Records a step of a fault report, only if it is still at the step before (a second answer changes nothing). */
export async function recordFaultStep(
  em: EntityManager,
  id: string,
  step:
    | { respondedAt: Date; respondedByName: string; response: string }
    | { escalatedAt: Date; escalatedByName: string; escalationPlan: string }
    | { resolvedAt: Date; resolvedByName: string; resolution: string },
): Promise<boolean> {
  const r = await withDb(em, (db) => {
    const q = db.updateTable('org.fault_reports').where('id', '=', id).where('resolved_at', 'is', null);
    if ('response' in step)
      return q
        .set({ responded_at: step.respondedAt, responded_by_name: step.respondedByName, response: step.response })
        .where('responded_at', 'is', null)
        .executeTakeFirst();
    if ('escalationPlan' in step)
      return q
        .set({ escalated_at: step.escalatedAt, escalated_by_name: step.escalatedByName, escalation_plan: step.escalationPlan })
        .where('escalated_at', 'is', null)
        .executeTakeFirst();
    return q.set({ resolved_at: step.resolvedAt, resolved_by_name: step.resolvedByName, resolution: step.resolution }).executeTakeFirst();
  });
  return Number(r.numUpdatedRows) === 1;
}

export async function insertAnnouncement(
  em: EntityManager,
  a: {
    id: string;
    orgId: string;
    orgPath: string;
    scopeOrgId: string;
    scopePath: string;
    kind: AnnouncementKind;
    title: string;
    body: string;
    faultReportId: string | null;
    publishedByName: string;
    endsAt: Date | null;
    /** Of an announcement the platform wrote (an escalation's outage notice). */
    words?: AnnouncementWords;
  },
): Promise<void> {
  await withDb(em, (db) =>
    db
      .insertInto('org.announcements')
      .values({
        id: a.id,
        org_id: a.orgId,
        org_path: a.orgPath,
        scope_org_id: a.scopeOrgId,
        scope_path: a.scopePath,
        kind: a.kind,
        title: a.title,
        body: a.body,
        fault_report_id: a.faultReportId,
        published_by_name: a.publishedByName,
        ends_at: a.endsAt,
        words: a.words ? JSON.stringify(a.words) : null,
      })
      .execute(),
  );
}

/**
 * Announcements: those reaching a unit (`reaching`: its path lies within their scope) that show now, or those issued
 * within a subtree (`issuedWithin`), withdrawn and ended ones too.
 */
export async function announcements(
  em: EntityManager,
  where: { reaching: string; now: Date } | { issuedWithin: string; id?: string },
): Promise<AnnouncementRow[]> {
  const rows = await withDb(em, (db) => {
    let q = db
      .selectFrom('org.announcements as a')
      .innerJoin('org.orgs as o', 'o.id', 'a.org_id')
      .innerJoin('org.orgs as s', 's.id', 'a.scope_org_id')
      .select([
        'a.id',
        'a.org_id',
        'a.org_path',
        'o.name as org_name',
        'a.scope_org_id',
        's.name as scope_name',
        'a.kind',
        'a.title',
        'a.body',
        'a.fault_report_id',
        'a.published_by_name',
        'a.published_at',
        'a.ends_at',
        'a.withdrawn_at',
        'a.withdrawn_by_name',
        'a.words',
      ]);
    if ('reaching' in where) {
      const { reaching, now } = where;
      q = q
        .where(sql<boolean>`a.scope_path @> ${reaching}::ltree`)
        .where('a.withdrawn_at', 'is', null)
        .where((eb) => eb.or([eb('a.ends_at', 'is', null), eb('a.ends_at', '>', now.toISOString())]));
    } else {
      q = q.where(sql<boolean>`a.org_path <@ ${where.issuedWithin}::ltree`);
      if (where.id) q = q.where('a.id', '=', where.id);
    }
    // Outage notices first: they change how a unit works today.
    return q.orderBy(sql`a.kind = 'OUTAGE'`, 'desc').orderBy('a.published_at', 'desc').limit(200).execute();
  });
  return rows.map((r) => ({
    id: r.id,
    orgId: r.org_id,
    orgPath: r.org_path,
    orgName: r.org_name,
    scopeOrgId: r.scope_org_id,
    scopeName: r.scope_name,
    kind: r.kind as AnnouncementKind,
    title: r.title,
    body: r.body,
    faultReportId: r.fault_report_id,
    publishedByName: r.published_by_name,
    publishedAt: new Date(r.published_at),
    endsAt: date(r.ends_at),
    withdrawnAt: date(r.withdrawn_at),
    withdrawnByName: r.withdrawn_by_name,
    words: r.words as AnnouncementWords | null,
  }));
}

export async function withdrawAnnouncement(em: EntityManager, id: string, byName: string): Promise<boolean> {
  const r = await withDb(em, (db) =>
    db
      .updateTable('org.announcements')
      .set({ withdrawn_at: new Date(), withdrawn_by_name: byName })
      .where('id', '=', id)
      .where('withdrawn_at', 'is', null)
      .executeTakeFirst(),
  );
  return Number(r.numUpdatedRows) === 1;
}

/** Whether an outage notice of this fault shows now and reaches `path` (the escalating office's unit). */
export async function hasShowingOutageNotice(em: EntityManager, faultId: string, path: string): Promise<boolean> {
  const row = await withDb(em, (db) =>
    db
      .selectFrom('org.announcements')
      .select('id')
      .where('fault_report_id', '=', faultId)
      .where('kind', '=', 'OUTAGE')
      .where('withdrawn_at', 'is', null)
      .where(sql<boolean>`scope_path @> ${path}::ltree`)
      .executeTakeFirst(),
  );
  return row !== undefined;
}

/** The fault has its outage notice: the platform publishes none of its own. */
export async function markOutageNoticed(em: EntityManager, faultId: string): Promise<void> {
  await withDb(em, (db) =>
    db.updateTable('org.fault_reports').set({ outage_notice_at: sql`coalesce(outage_notice_at, now())` }).where('id', '=', faultId).execute(),
  );
}

/** Withdraws the fault's outage notices that the caller's scope may change (row-level security decides). */
export async function withdrawOutageNotices(em: EntityManager, faultId: string, byName: string): Promise<number> {
  const r = await withDb(em, (db) =>
    db
      .updateTable('org.announcements')
      .set({ withdrawn_at: new Date(), withdrawn_by_name: byName })
      .where('fault_report_id', '=', faultId)
      .where('kind', '=', 'OUTAGE')
      .where('withdrawn_at', 'is', null)
      .executeTakeFirst(),
  );
  return Number(r.numUpdatedRows);
}
