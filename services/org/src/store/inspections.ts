// The SQL of 检查指导与限期整改: inspections and their items, under row-level security (subtree of the inspected unit),
// with the units' names from org.orgs (a directory every unit reads). Days are read as text (YYYY-MM-DD), as written;
// instants as the driver gives them here, text (the use cases make them dates).
import type { EntityManager } from '@mikro-orm/postgresql';
import { type Expression, type SqlBool, sql } from 'kysely';
import type { CleanInspection, FindingStatus, InspectionItem } from '../domain/inspection.ts';
import { withDb } from './sql.ts';

export interface InspectionRow {
  id: string;
  org_id: string;
  org_path: string;
  org_name: string;
  inspector_org_id: string;
  inspector_org_name: string;
  /** The inspecting unit's path now (it may have moved since). */
  inspector_org_path: string;
  inspected_on: string;
  inspectors: string;
  summary: string | null;
  recorded_by_name: string;
  recorded_at: string;
}

export interface FindingRow {
  id: string;
  inspection_id: string;
  org_path: string;
  position: number;
  item: InspectionItem;
  finding: string;
  status: FindingStatus;
  rectify_by: string | null;
  rectification: string | null;
  reported_at: string | null;
  reported_by_name: string | null;
  decided_at: string | null;
  decided_by_name: string | null;
  returned_reason: string | null;
}

export async function insertInspection(
  em: EntityManager,
  unit: { id: string; path: string },
  inspectorOrgId: string,
  by: { userId: string; name: string },
  c: CleanInspection,
): Promise<string> {
  return withDb(em, async (db) => {
    const { id } = await db
      .insertInto('org.inspections')
      .values({
        org_id: unit.id,
        org_path: sql<string>`${unit.path}::ltree`,
        inspector_org_id: inspectorOrgId,
        inspected_on: c.inspectedOn,
        inspectors: c.inspectors,
        summary: c.summary,
        recorded_by: by.userId,
        recorded_by_name: by.name,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db
      .insertInto('org.inspection_findings')
      .values(
        c.findings.map((f) => ({
          inspection_id: id,
          org_path: sql<string>`${unit.path}::ltree`,
          position: f.position,
          item: f.item,
          finding: f.finding,
          status: f.status,
          rectify_by: f.rectifyBy,
        })),
      )
      .execute();
    return id;
  });
}

/**
 * Inspections of the units at or below `path` (newest first), or the one `id`; `open`: only those with an item still
 * to be put right or accepted.
 */
export async function inspectionRows(em: EntityManager, where: { path?: string; id?: string; open?: boolean }, limit = 200): Promise<InspectionRow[]> {
  return withDb(em, (db) =>
    db
      .selectFrom('org.inspections as i')
      .innerJoin('org.orgs as u', 'u.id', 'i.org_id')
      .innerJoin('org.orgs as by', 'by.id', 'i.inspector_org_id')
      .select([
        'i.id',
        'i.org_id',
        sql<string>`i.org_path::text`.as('org_path'),
        'u.name as org_name',
        'i.inspector_org_id',
        'by.name as inspector_org_name',
        sql<string>`by.path::text`.as('inspector_org_path'),
        sql<string>`i.inspected_on::text`.as('inspected_on'),
        'i.inspectors',
        'i.summary',
        'i.recorded_by_name',
        sql<string>`i.recorded_at`.as('recorded_at'),
      ])
      .$if(where.path !== undefined, (q) => q.where(sql<SqlBool>`i.org_path <@ ${where.path}::ltree`))
      .$if(where.id !== undefined, (q) => q.where('i.id', '=', where.id as string))
      .$if(!!where.open, (q) =>
        q.where(({ exists, selectFrom }) =>
          exists(
            selectFrom('org.inspection_findings as f')
              .select(sql`1`.as('one'))
              .whereRef('f.inspection_id', '=', 'i.id')
              .where('f.status', 'in', ['DUE', 'REPORTED']),
          ),
        ),
      )
      .orderBy('i.inspected_on', 'desc')
      .orderBy('i.recorded_at', 'desc')
      .limit(limit)
      .execute(),
  );
}

const findingColumns = [
  'id',
  'inspection_id',
  sql<string>`org_path::text`.as('org_path'),
  'position',
  sql<InspectionItem>`item`.as('item'),
  'finding',
  sql<FindingStatus>`status`.as('status'),
  sql<string | null>`rectify_by::text`.as('rectify_by'),
  'rectification',
  sql<string | null>`reported_at`.as('reported_at'),
  'reported_by_name',
  sql<string | null>`decided_at`.as('decided_at'),
  'decided_by_name',
  'returned_reason',
] as const;

export async function findingsOf(em: EntityManager, inspectionIds: string[]): Promise<FindingRow[]> {
  if (!inspectionIds.length) return [];
  return withDb(em, (db) =>
    db
      .selectFrom('org.inspection_findings')
      .select([...findingColumns])
      .where('inspection_id', 'in', inspectionIds)
      .orderBy('inspection_id')
      .orderBy('position')
      .execute(),
  );
}

/** One item, as it is now (without a lock): who may act on it is told before any file of theirs is scanned. */
export async function findingById(em: EntityManager, id: string): Promise<FindingRow | undefined> {
  return withDb(em, (db) =>
    db
      .selectFrom('org.inspection_findings')
      .select([...findingColumns])
      .where('id', '=', id)
      .executeTakeFirst(),
  );
}

/** One item, locked for its change (two clicks at once: the second sees the first's status). */
export async function findingForUpdate(em: EntityManager, id: string): Promise<FindingRow | undefined> {
  return withDb(em, (db) =>
    db
      .selectFrom('org.inspection_findings')
      .select([...findingColumns])
      .where('id', '=', id)
      .forUpdate()
      .executeTakeFirst(),
  );
}

export interface FindingChange {
  status: FindingStatus;
  rectification?: string;
  reported_at?: Expression<Date>;
  reported_by_name?: string;
  decided_at?: Expression<Date> | null;
  decided_by_name?: string | null;
  returned_reason?: string | null;
  rectify_by?: string;
}

export async function updateFinding(em: EntityManager, id: string, change: FindingChange): Promise<void> {
  await withDb(em, (db) => db.updateTable('org.inspection_findings').set(change).where('id', '=', id).execute());
}

export interface FindingStepRow {
  id: string;
  finding_id: string;
  action: 'REPORT' | 'RETURN' | 'ACCEPT';
  words: string | null;
  rectify_by: string | null;
  by_name: string;
  at: string;
  /** How many files the report carried (整改材料), whoever may read them. */
  file_count: number;
}

/** Each item's rounds, oldest first: what was reported, sent back and accepted, by whom and when. */
export async function stepsOf(em: EntityManager, findingIds: string[]): Promise<FindingStepRow[]> {
  if (!findingIds.length) return [];
  return withDb(em, (db) =>
    db
      .selectFrom('org.inspection_finding_steps')
      .select(['id', 'finding_id', 'action', 'words', sql<string | null>`rectify_by::text`.as('rectify_by'), 'by_name', 'at', 'file_count'])
      .where('finding_id', 'in', findingIds)
      .orderBy('finding_id')
      .orderBy('at')
      .execute(),
  ) as Promise<FindingStepRow[]>;
}

/** One round of an item, in the transaction that moves it; its id. */
export async function insertFindingStep(
  em: EntityManager,
  finding: Pick<FindingRow, 'id' | 'org_path'>,
  step: { action: FindingStepRow['action']; words: string | null; rectifyBy: string | null; byName: string; fileCount: number },
): Promise<string> {
  const { id } = await withDb(em, (db) =>
    db
      .insertInto('org.inspection_finding_steps')
      .values({
        finding_id: finding.id,
        org_path: sql<string>`${finding.org_path}::ltree`,
        action: step.action,
        words: step.words,
        rectify_by: step.rectifyBy,
        by_name: step.byName,
        file_count: step.fileCount,
      })
      .returning('id')
      .executeTakeFirstOrThrow(),
  );
  return id;
}

export interface RectificationFileRow {
  id: string;
  step_id: string;
  name: string;
  content_type: string;
  size: number;
}

/** A report's files (整改材料), in the order sent, with the report's step (the inspected unit's own transaction). */
export async function insertRectificationFiles(
  em: EntityManager,
  stepId: string,
  files: { name: string; contentType: string; sha256: string; content: Buffer }[],
): Promise<void> {
  if (!files.length) return;
  await withDb(em, (db) =>
    db
      .insertInto('org.inspection_finding_files')
      .values(
        files.map((f, i) => ({
          step_id: stepId,
          seq: i + 1,
          name: f.name,
          content_type: f.contentType,
          sha256: f.sha256,
          content: f.content,
        })),
      )
      .execute(),
  );
}

const FILE_COLUMNS = ['id', 'step_id', 'name', 'content_type', sql<number>`octet_length(content)`.as('size')] as const;

/** The files of the steps named, without their bytes, in order: row-level security shows them to the inspected unit
 * and the deciding unit only. */
export async function filesOfSteps(em: EntityManager, stepIds: string[]): Promise<RectificationFileRow[]> {
  if (!stepIds.length) return [];
  return withDb(em, (db) =>
    db.selectFrom('org.inspection_finding_files').select(FILE_COLUMNS).where('step_id', 'in', stepIds).orderBy('step_id').orderBy('seq').execute(),
  );
}

/** One file with its bytes, and the paths its readers are decided by: the inspected unit's and the inspector's now. */
export async function rectificationFileWithContent(
  em: EntityManager,
  id: string,
): Promise<(RectificationFileRow & { content: Buffer; unit_path: string; inspector_path: string | null }) | undefined> {
  return withDb(em, (db) =>
    db
      .selectFrom('org.inspection_finding_files as x')
      .innerJoin('org.inspection_finding_steps as s', 's.id', 'x.step_id')
      .innerJoin('org.inspection_findings as f', 'f.id', 's.finding_id')
      .innerJoin('org.inspections as i', 'i.id', 'f.inspection_id')
      .leftJoin('org.orgs as by', 'by.id', 'i.inspector_org_id')
      .select([
        'x.id',
        'x.step_id',
        'x.name',
        'x.content_type',
        sql<number>`octet_length(x.content)`.as('size'),
        'x.content',
        sql<string>`s.org_path::text`.as('unit_path'),
        sql<string | null>`by.path::text`.as('inspector_path'),
      ])
      .where('x.id', '=', id)
      .executeTakeFirst(),
  );
}

export interface WorkRow {
  finding_id: string;
  inspection_id: string;
  org_id: string;
  org_name: string;
  org_path: string;
  inspector_org_name: string;
  inspector_path: string | null;
  inspected_on: string;
  item: InspectionItem;
  status: FindingStatus;
  rectify_by: string | null;
  returned: boolean;
  since: string;
}

/**
 * The items that may wait on a unit at `path` (unit `orgId`): its own still due, and those reported below it by
 * inspections it made or, after a move, by units directly below it. The use case keeps those that wait on the caller
 * (domain workOf); only the kinds the person may do at all (domain workKinds). Oldest first; `since`: when it came to wait (recorded, sent back, reported).
 */
export async function workRows(
  em: EntityManager,
  unit: { id: string; path: string },
  kinds: { report: boolean; decide: boolean },
  limit = 200,
): Promise<WorkRow[]> {
  if (!kinds.report && !kinds.decide) return [];
  return withDb(em, (db) =>
    db
      .selectFrom('org.inspection_findings as f')
      .innerJoin('org.inspections as i', 'i.id', 'f.inspection_id')
      .innerJoin('org.orgs as u', 'u.id', 'i.org_id')
      .leftJoin('org.orgs as by', 'by.id', 'i.inspector_org_id')
      .select([
        'f.id as finding_id',
        'f.inspection_id',
        'i.org_id',
        'u.name as org_name',
        sql<string>`f.org_path::text`.as('org_path'),
        sql<string>`coalesce(by.name, '')`.as('inspector_org_name'),
        sql<string | null>`by.path::text`.as('inspector_path'),
        sql<string>`i.inspected_on::text`.as('inspected_on'),
        sql<InspectionItem>`f.item`.as('item'),
        sql<FindingStatus>`f.status`.as('status'),
        sql<string | null>`f.rectify_by::text`.as('rectify_by'),
        sql<boolean>`f.status = 'DUE' and f.returned_reason is not null`.as('returned'),
        sql<string>`case when f.status = 'REPORTED' then f.reported_at else coalesce(f.decided_at, i.recorded_at) end`.as('since'),
      ])
      .where('f.status', 'in', ['DUE', 'REPORTED'])
      .where(
        sql<SqlBool>`(${kinds.report} and f.status = 'DUE' and f.org_path = ${unit.path}::ltree)
          or (${kinds.decide} and f.status = 'REPORTED' and f.org_path <@ ${unit.path}::ltree and f.org_path <> ${unit.path}::ltree
              and (i.inspector_org_id = ${unit.id} or nlevel(f.org_path) = nlevel(${unit.path}::ltree) + 1))`,
      )
      .orderBy('since')
      .limit(limit)
      .execute(),
  );
}

/** What the platform itself knows of a unit's people, for the inspector's 人员管理 and 安全措施 (seed 004 六). */
export async function staffFacts(em: EntityManager, orgId: string) {
  return withDb(em, (db) =>
    db
      .selectFrom('org.users')
      .select(['display_name', sql<string | null>`trained_on::text`.as('trained_on'), 'must_change_password', 'roles'])
      .where('org_id', '=', orgId)
      .where('status', '=', 'ACTIVE')
      .orderBy('display_name')
      .execute(),
  );
}
