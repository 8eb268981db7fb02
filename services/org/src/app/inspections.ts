// 检查指导与限期整改 (seed 000 §23; seed 001 §5, §16): a superior unit's administrators or supervisors record an
// inspection of a unit below it, item by item, with a deadline for each item found wanting; the unit's administrators
// or leaders report what they put right; a unit above it (the inspecting one) accepts it or sends it back with a reason
// (and, if it will, a new deadline). Read by the unit and the units above it (row-level security: subtree), each refusal naming
// its cause. A report may carry its 整改材料 (a few files, scanned like a mail's), read only by the inspected unit and the
// unit that decides. What waits on a person — items to report, reports to accept — is counted in their 待办
// (inspectionWork). The rules are plain functions (domain/inspection.ts); the SQL is in store/inspections.ts.
import { badInput, beijingDate, type Caller, forbidden, notFound, personName, requireCaller, requiredText, YizhanError } from '@yizhan/common';
import { OrgErrorCode } from '@yizhan/contracts/org';
import { sql } from 'kysely';
import type { OrgContext } from '../deps.ts';
import {
  type CleanInspection,
  type CleanRectificationFile,
  canDecide,
  canInspect,
  canReadInspections,
  canReadRectificationFiles,
  canRectify,
  checkDeadline,
  checkInspection,
  checkRectificationFiles,
  type FindingAction,
  type FindingStatus,
  type InspectionInput,
  type InspectionWork,
  ITEM_WORDS,
  inspectionStatus,
  isOverdue,
  nextStatus,
  type RectificationFileInput,
  workKinds,
  workOf,
} from '../domain/inspection.ts';
import {
  type FindingChange,
  type FindingRow,
  type FindingStepRow,
  filesOfSteps,
  findingById,
  findingForUpdate,
  findingsOf,
  type InspectionRow,
  insertFindingStep,
  insertInspection,
  insertRectificationFiles,
  inspectionRows,
  type RectificationFileRow,
  rectificationFileWithContent,
  staffFacts,
  stepsOf,
  updateFinding,
  workRows,
} from '../store/inspections.ts';
import { getOrg, isUuid } from '../store/orgs.ts';

export interface FindingView {
  id: string;
  inspectionId: string;
  position: number;
  item: string;
  itemName: string;
  finding: string;
  status: FindingStatus;
  rectifyBy: string | null;
  overdue: boolean;
  rectification: string | null;
  reportedAt: Date | null;
  reportedByName: string | null;
  decidedAt: Date | null;
  decidedByName: string | null;
  returnedReason: string | null;
  /** Its rounds, oldest first: each report, 退回 and 验收 with who and when. */
  steps: FindingStepView[];
}

export interface FindingStepView {
  id: string;
  action: FindingStepRow['action'];
  /** What was reported, or why it was sent back; null for an acceptance. */
  words: string | null;
  /** The new deadline a 退回 set, if it set one. */
  rectifyBy: string | null;
  byName: string;
  at: Date;
  /** How many files the report carried; `files` lists them to those who may read them, else it is empty. */
  fileCount: number;
  files: RectificationFileView[];
}

/** A file of a report (整改材料), its bytes through rectificationFile. */
export interface RectificationFileView {
  id: string;
  name: string;
  contentType: string;
  size: number;
}

export interface InspectionView {
  id: string;
  orgId: string;
  orgName: string;
  inspectorOrgId: string;
  inspectorOrgName: string;
  inspectedOn: string;
  inspectors: string;
  summary: string | null;
  recordedByName: string;
  recordedAt: Date;
  status: string;
  dueCount: number;
  reportedCount: number;
  overdueCount: number;
  findings: FindingView[];
}

const fileView = (x: RectificationFileRow): RectificationFileView => ({ id: x.id, name: x.name, contentType: x.content_type, size: Number(x.size) });

const findingView = (f: FindingRow, today: string, steps: FindingStepRow[], files: Map<string, RectificationFileRow[]>): FindingView => ({
  id: f.id,
  inspectionId: f.inspection_id,
  position: f.position,
  item: f.item,
  itemName: ITEM_WORDS[f.item],
  finding: f.finding,
  status: f.status,
  rectifyBy: f.rectify_by,
  overdue: isOverdue({ status: f.status, rectifyBy: f.rectify_by }, today),
  rectification: f.rectification,
  reportedAt: f.reported_at ? new Date(f.reported_at) : null,
  reportedByName: f.reported_by_name,
  decidedAt: f.decided_at ? new Date(f.decided_at) : null,
  decidedByName: f.decided_by_name,
  returnedReason: f.returned_reason,
  steps: steps.map((x) => ({
    id: x.id,
    action: x.action,
    words: x.words,
    rectifyBy: x.rectify_by,
    byName: x.by_name,
    at: new Date(x.at),
    fileCount: x.file_count,
    files: (files.get(x.id) ?? []).map(fileView),
  })),
});

async function views(ctx: OrgContext, rows: InspectionRow[]): Promise<InspectionView[]> {
  const caller = requireCaller(ctx);
  const today = beijingDate();
  const findings = await findingsOf(
    ctx.em,
    rows.map((r) => r.id),
  );
  const steps = Map.groupBy(
    await stepsOf(
      ctx.em,
      findings.map((f) => f.id),
    ),
    (x) => x.finding_id,
  );
  // 整改材料 of the inspections whose files the caller may read (row-level security holds to the same).
  const mayRead = new Set(
    rows.filter((r) => canReadRectificationFiles(caller, { unitPath: r.org_path, inspectorPath: r.inspector_org_path })).map((r) => r.id),
  );
  const reportSteps = findings
    .filter((f) => mayRead.has(f.inspection_id))
    .flatMap((f) => (steps.get(f.id) ?? []).filter((x) => x.file_count > 0).map((x) => x.id));
  const files = Map.groupBy(await filesOfSteps(ctx.em, reportSteps), (x) => x.step_id);
  return rows.map((r) => {
    const own = findings.filter((f) => f.inspection_id === r.id).map((f) => findingView(f, today, steps.get(f.id) ?? [], files));
    return {
      id: r.id,
      orgId: r.org_id,
      orgName: r.org_name,
      inspectorOrgId: r.inspector_org_id,
      inspectorOrgName: r.inspector_org_name,
      inspectedOn: r.inspected_on,
      inspectors: r.inspectors,
      summary: r.summary,
      recordedByName: r.recorded_by_name,
      recordedAt: new Date(r.recorded_at),
      status: inspectionStatus(own),
      dueCount: own.filter((f) => f.status === 'DUE').length,
      reportedCount: own.filter((f) => f.status === 'REPORTED').length,
      overdueCount: own.filter((f) => f.overdue).length,
      findings: own,
    };
  });
}

/** The unit the caller reads inspections of (its own when none is named): NOT_FOUND for one it cannot see at all. */
async function readableUnit(ctx: OrgContext, orgId: string | null | undefined) {
  const caller = requireCaller(ctx);
  const org = await getOrg(ctx.em, orgId ?? caller.orgId);
  if (!canReadInspections(caller, org.path))
    throw forbidden('Inspections are read by the administrators, supervisors and leaders of the unit and of those above it');
  return org;
}

/** The inspections of a unit and the units below it, newest first; `open`: only those with an item still to settle. */
export async function inspectionsOf(ctx: OrgContext, orgId: string | null | undefined, open: boolean): Promise<InspectionView[]> {
  const org = await readableUnit(ctx, orgId);
  return views(ctx, await inspectionRows(ctx.em, { path: org.path, open }));
}

async function oneInspection(ctx: OrgContext, id: string): Promise<InspectionView> {
  const caller = requireCaller(ctx);
  const rows = isUuid(id) ? await inspectionRows(ctx.em, { id }) : [];
  const row = rows[0];
  // Row-level security already hides another subtree's; a clerk of the unit reads nothing of it either.
  if (!row || !canReadInspections(caller, row.org_path)) throw notFound('Inspection', id);
  const [view] = await views(ctx, [row]);
  return view as InspectionView;
}

export const inspection = (ctx: OrgContext, id: string) => oneInspection(ctx, id);

/** A superior unit's inspection of a unit below it, as its inspectors found it. */
export async function recordInspection(ctx: OrgContext, orgId: string, input: InspectionInput): Promise<InspectionView> {
  const caller = requireCaller(ctx);
  const id = await ctx.em.transactional(async (em) => {
    // Who may is told before what is wrong with the input: the wrong unit or role learns nothing of the rules for it.
    const unit = await getOrg(em, orgId);
    if (!canInspect(caller, unit.path)) throw forbidden(`Only the administrators and supervisors of a unit above ${unit.name} inspect it`);
    const clean: CleanInspection = checkInspection(input, beijingDate());
    return insertInspection(em, unit, caller.orgId, { userId: caller.userId, name: personName(caller) }, clean);
  });
  return oneInspection(ctx, id);
}

/** NOT_FOUND for an item the caller cannot read, FORBIDDEN for one they read but may not move this way. */
function mayMove(caller: Caller, row: FindingRow | undefined, action: FindingAction, findingId: string): asserts row is FindingRow {
  if (!row || !canReadInspections(caller, row.org_path)) throw notFound('Inspection item', findingId);
  if (action === 'REPORT') {
    if (!canRectify(caller, row.org_path)) throw forbidden('Only the inspected unit’s administrators and leaders report what it put right');
  } else if (!canDecide(caller, row.org_path))
    throw forbidden('Only the administrators and supervisors of a unit above the inspected one accept or send back what was put right');
}

/**
 * Moves one item: REPORT by the inspected unit (what it put right), ACCEPT or RETURN by a unit above it (the one that
 * inspected it, one above that, or its superior after a move). The item is locked for the change, so two answers at once are taken one after the other.
 */
async function moveFinding(
  ctx: OrgContext,
  findingId: string,
  action: FindingAction,
  change: (who: string, row: FindingRow) => Omit<FindingChange, 'status'>,
  words: string | null,
  files: CleanRectificationFile[] = [],
): Promise<InspectionView> {
  const caller = requireCaller(ctx);
  const inspectionId = await ctx.em.transactional(async (em) => {
    const row = isUuid(findingId) ? await findingForUpdate(em, findingId) : undefined;
    mayMove(caller, row, action, findingId);
    const status = nextStatus(row.status, action);
    const who = personName(caller);
    const changed = change(who, row);
    await updateFinding(em, row.id, { ...changed, status });
    const step = await insertFindingStep(em, row, {
      action,
      words,
      rectifyBy: action === 'RETURN' ? (changed.rectify_by ?? null) : null,
      byName: who,
      fileCount: files.length,
    });
    await insertRectificationFiles(em, step, files);
    return row.inspection_id;
  });
  return oneInspection(ctx, inspectionId);
}

/** What the unit put right, with its 整改材料 if it sends any: each file scanned before anything is kept, as a mail's. */
export async function reportRectification(
  ctx: OrgContext,
  findingId: string,
  rectification: string,
  files?: RectificationFileInput[] | null,
): Promise<InspectionView> {
  const words = requiredText(rectification, 'rectification', { max: 2000 });
  const materials = checkRectificationFiles(files);
  if (materials.length) {
    // Who may, and whether the item waits for a report, is told before a file is scanned: another unit's caller
    // learns nothing and a second click costs no scan (both are checked again under the item's lock).
    const row = isUuid(findingId) ? await findingById(ctx.em, findingId) : undefined;
    mayMove(requireCaller(ctx), row, 'REPORT', findingId);
    nextStatus(row.status, 'REPORT');
    for (const [i, f] of materials.entries()) {
      const infected = await ctx.deps.scan(f.name, f.content);
      if (infected) throw new YizhanError(OrgErrorCode.FILE_INFECTED, `File ${i + 1} did not pass the malware scan: ${infected}`, { field: `files[${i}]` });
    }
  }
  return moveFinding(
    ctx,
    findingId,
    'REPORT',
    (who) => ({
      rectification: words,
      reported_at: sql<Date>`now()`,
      reported_by_name: who,
      decided_at: null,
      decided_by_name: null,
    }),
    words,
    materials,
  );
}

/** A file of a report, with its bytes: to the inspected unit and the unit that decides, read as inspections are. */
export async function rectificationFile(ctx: OrgContext, id: string): Promise<RectificationFileView & { base64: string }> {
  const caller = requireCaller(ctx);
  const file = isUuid(id) ? await rectificationFileWithContent(ctx.em, id) : undefined;
  if (!file || !canReadRectificationFiles(caller, { unitPath: file.unit_path, inspectorPath: file.inspector_path })) throw notFound('File', id);
  return { ...fileView(file), base64: file.content.toString('base64') };
}

export interface InspectionWorkView {
  findingId: string;
  inspectionId: string;
  action: InspectionWork;
  orgId: string;
  orgName: string;
  inspectorOrgName: string;
  inspectedOn: string;
  item: string;
  itemName: string;
  rectifyBy: string | null;
  overdue: boolean;
  /** Sent back and due again. */
  returned: boolean;
  since: Date;
}

/**
 * What waits on the caller in 检查整改, oldest first: REPORT — an item of their unit still to put right (its
 * administrators and leaders), DECIDE — one their unit inspected reported as put right (its administrators and
 * supervisors). Counted in their 待办 as its page lists them; nothing for anyone else (an empty list, not a refusal:
 * every page asks it of the roles that may have some).
 */
export async function inspectionWork(ctx: OrgContext): Promise<InspectionWorkView[]> {
  const caller = requireCaller(ctx);
  const today = beijingDate();
  const rows = await workRows(ctx.em, { id: caller.orgId, path: caller.orgPath }, workKinds(caller));
  return rows.flatMap((r) => {
    const action = workOf(caller, { status: r.status, unitPath: r.org_path, inspectorPath: r.inspector_path });
    if (!action) return [];
    return [
      {
        findingId: r.finding_id,
        inspectionId: r.inspection_id,
        action,
        orgId: r.org_id,
        orgName: r.org_name,
        inspectorOrgName: r.inspector_org_name,
        inspectedOn: r.inspected_on,
        item: r.item,
        itemName: ITEM_WORDS[r.item],
        rectifyBy: r.rectify_by,
        overdue: isOverdue({ status: r.status, rectifyBy: r.rectify_by }, today),
        returned: r.returned,
        since: new Date(r.since),
      },
    ];
  });
}

export function acceptRectification(ctx: OrgContext, findingId: string): Promise<InspectionView> {
  return moveFinding(ctx, findingId, 'ACCEPT', (who) => ({ decided_at: sql<Date>`now()`, decided_by_name: who, returned_reason: null }), null);
}

/**
 * Sent back with the reason; the deadline stays, or a new one from today (a year at most). An item whose deadline has
 * passed is sent back only with a new one: else it would be 逾期未整改 the moment it went back, though the unit had
 * reported in time.
 */
export function returnRectification(ctx: OrgContext, findingId: string, reason: string, rectifyBy: string | null | undefined): Promise<InspectionView> {
  const why = requiredText(reason, 'reason', { max: 500 });
  const today = beijingDate();
  const by = rectifyBy?.trim() ? checkDeadline(rectifyBy, 'rectifyBy', today) : null;
  return moveFinding(
    ctx,
    findingId,
    'RETURN',
    (who, row) => {
      if (!by && row.rectify_by && isOverdue({ status: 'DUE', rectifyBy: row.rectify_by }, today))
        throw badInput(`Its deadline (${row.rectify_by}) has passed: send it back with a new one`, 'rectifyBy', { required: true });
      return { decided_at: sql<Date>`now()`, decided_by_name: who, returned_reason: why, ...(by ? { rectify_by: by } : {}) };
    },
    why,
  );
}

export interface StaffFactsView {
  people: number;
  untrained: string[];
  initialPassword: string[];
  administrators: number;
}

/** What the platform knows of a unit's people, beside the inspector's 人员管理 and 安全措施: by name, never user name. */
export async function inspectionFacts(ctx: OrgContext, orgId: string): Promise<StaffFactsView> {
  const caller = requireCaller(ctx);
  const org = await getOrg(ctx.em, orgId);
  if (!canInspect(caller, org.path) && !canRectify(caller, org.path))
    throw forbidden(`Only those who inspect ${org.name}, and its own administrators and leaders, read these facts`);
  const people = await staffFacts(ctx.em, org.id);
  return {
    people: people.length,
    untrained: people.filter((p) => !p.trained_on).map((p) => p.display_name),
    initialPassword: people.filter((p) => p.must_change_password).map((p) => p.display_name),
    administrators: people.filter((p) => p.roles.includes('ADMIN')).length,
  };
}
