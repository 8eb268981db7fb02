// 检查指导与限期整改 (seed 000 §23: 重点检查制度建设、设备配置、人员管理、安全措施等,对不符合要求的限期整改; seed 001
// §5, §16: the county office checks its units and their 收文情况). Who inspects whom, what a well-formed inspection is,
// how an item found wanting moves (due → reported → accepted, or sent back to due), whom it waits on, and what files
// (整改材料) a report may carry and who reads them. Plain functions: tests call them without a server.
import {
  badInput,
  ErrorCode,
  type FileFormat,
  filesFromBase64,
  formatProblem,
  isBelow,
  isCalendarDay,
  isWithin,
  optionalText,
  parentOf,
  requiredText,
  YizhanError,
} from '@yizhan/common';
import { OrgErrorCode } from '@yizhan/contracts/org';

/** What an inspection looks at, in the order the seed names them, then 收文情况 (seed 001 §16) and anything else. */
export const INSPECTION_ITEMS = ['SYSTEMS', 'EQUIPMENT', 'STAFF', 'SECURITY', 'RECEIVING', 'OTHER'] as const;
export type InspectionItem = (typeof INSPECTION_ITEMS)[number];
export const ITEM_WORDS: Record<InspectionItem, string> = {
  SYSTEMS: '制度建设',
  EQUIPMENT: '设备配置',
  STAFF: '人员管理',
  SECURITY: '安全措施',
  RECEIVING: '收文情况',
  OTHER: '其他',
};

/** CONFORMS: nothing to put right. DUE: to be put right by its deadline. REPORTED: the unit says it is; ACCEPTED: the
 * inspecting unit agrees. */
export type FindingStatus = 'CONFORMS' | 'DUE' | 'REPORTED' | 'ACCEPTED';

export interface Actor {
  orgPath: string;
  roles: readonly string[];
}

const INSPECTOR_ROLES = ['ADMIN', 'SUPERVISOR'];
/** Those who watch the work: its administrators, supervisors and leaders (of the unit or above it). */
const READER_ROLES = ['ADMIN', 'SUPERVISOR', 'LEADER'];
/** The unit answers for its own work: its administrators (the people who run its transmission) and its leaders. */
const RECTIFIER_ROLES = ['ADMIN', 'LEADER'];

const hasAny = (a: Actor, roles: string[]) => a.roles.some((r) => roles.includes(r));

/** A superior unit inspects the units below it (its administrators and supervisors), never itself. */
export const canInspect = (a: Actor, unitPath: string) => hasAny(a, INSPECTOR_ROLES) && isBelow(unitPath, a.orgPath);
export const canReadInspections = (a: Actor, unitPath: string) => hasAny(a, READER_ROLES) && isWithin(unitPath, a.orgPath);
/**
 * What was put right is accepted or sent back by the administrators and supervisors of a unit above the inspected one —
 * the inspecting unit or one above it, or its new superior after a move (the old one no longer stands above it) —
 * never by the inspected unit itself.
 */
export const canDecide = (a: Actor, unitPath: string) => canInspect(a, unitPath);
/** Only the inspected unit itself reports what it put right. */
export const canRectify = (a: Actor, unitPath: string) => hasAny(a, RECTIFIER_ROLES) && a.orgPath === unitPath;

export interface FindingInput {
  item: string;
  conforms: boolean;
  finding: string;
  rectifyBy?: string | null;
}
export interface InspectionInput {
  inspectedOn: string;
  inspectors: string;
  summary?: string | null;
  findings: FindingInput[];
}
export interface CleanFinding {
  position: number;
  item: InspectionItem;
  finding: string;
  status: 'CONFORMS' | 'DUE';
  rectifyBy: string | null;
}
export interface CleanInspection {
  inspectedOn: string;
  inspectors: string;
  summary: string | null;
  findings: CleanFinding[];
}

export const MAX_FINDINGS = 20;
/** The same day a year on (29 February: 1 March): a deadline is within a year of its start, 限期 being a term. */
const aYearAfter = (day: string) => {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y + 1, m - 1, d)).toISOString().slice(0, 10);
};

function day(v: string | null | undefined, field: string): string {
  const d = (v ?? '').trim();
  if (!isCalendarDay(d)) throw badInput(`"${d.slice(0, 20)}" is not a day (YYYY-MM-DD)`, field);
  return d;
}

/** A deadline for putting an item right: a day from `from` (the inspection, or today when sent back) to a year after. */
export function checkDeadline(v: string | null | undefined, field: string, from: string): string {
  const d = day(v, field);
  if (d < from) throw badInput(`The deadline ${d} is before ${from}`, field, { days: { min: from } });
  const last = aYearAfter(from);
  if (d > last) throw badInput(`The deadline ${d} is more than a year after ${from}`, field, { days: { max: last } });
  return d;
}

/** The inspection as recorded, checked item by item; BAD_INPUT names the field (findings[2].rectifyBy …). */
export function checkInspection(input: InspectionInput, today: string): CleanInspection {
  const inspectedOn = day(input.inspectedOn, 'inspectedOn');
  if (inspectedOn > today) throw badInput('The inspection took place on a day that has come: today or before', 'inspectedOn', { notFuture: true });
  if (inspectedOn < '2000-01-01') throw badInput('The inspection took place in 2000 or later', 'inspectedOn');
  const inspectors = requiredText(input.inspectors, 'inspectors', { max: 200, line: true });
  const summary = optionalText(input.summary, 'summary', { max: 2000 });
  const list = input.findings ?? [];
  if (list.length === 0) throw badInput('An inspection records at least one item it looked at', 'findings', { required: true });
  if (list.length > MAX_FINDINGS) throw badInput(`An inspection records at most ${MAX_FINDINGS} items`, 'findings', { length: { max: MAX_FINDINGS } });
  const seen = new Set<string>();
  const findings = list.map((f, i): CleanFinding => {
    const at = `findings[${i}]`;
    if (!INSPECTION_ITEMS.includes(f.item as InspectionItem)) throw badInput(`${f.item} is not an item an inspection looks at`, `${at}.item`);
    const item = f.item as InspectionItem;
    // Each named item once (its finding says all there is); 其他 as often as there are other things.
    if (item !== 'OTHER' && seen.has(item)) throw badInput(`${ITEM_WORDS[item]} is recorded twice`, `${at}.item`);
    seen.add(item);
    const finding = requiredText(f.finding, `${at}.finding`, { max: 1000 });
    if (f.conforms) {
      if (f.rectifyBy?.trim()) throw badInput('An item that conforms has nothing to put right: no deadline', `${at}.rectifyBy`);
      return { position: i + 1, item, finding, status: 'CONFORMS', rectifyBy: null };
    }
    if (!f.rectifyBy?.trim()) throw badInput('An item found wanting is put right by a deadline (限期整改)', `${at}.rectifyBy`, { required: true });
    return { position: i + 1, item, finding, status: 'DUE', rectifyBy: checkDeadline(f.rectifyBy, `${at}.rectifyBy`, inspectedOn) };
  });
  return { inspectedOn, inspectors, summary, findings };
}

export type FindingAction = 'REPORT' | 'ACCEPT' | 'RETURN';
const NEXT: Record<FindingAction, { from: FindingStatus; to: FindingStatus; words: string }> = {
  REPORT: { from: 'DUE', to: 'REPORTED', words: 'reported as put right' },
  ACCEPT: { from: 'REPORTED', to: 'ACCEPTED', words: 'accepted' },
  RETURN: { from: 'REPORTED', to: 'DUE', words: 'sent back' },
};

/** The status a finding moves to; ILLEGAL_TRANSITION, saying its present status, when it cannot. */
export function nextStatus(status: FindingStatus, action: FindingAction): FindingStatus {
  const step = NEXT[action];
  if (status !== step.from) {
    const now = status === 'CONFORMS' ? 'conforms: there is nothing to put right' : `is ${status.toLowerCase()}`;
    throw new YizhanError(ErrorCode.ILLEGAL_TRANSITION, `The item ${now}; only an item ${step.from.toLowerCase()} is ${step.words}`, { status });
  }
  return step.to;
}

/** Past its deadline and not yet reported as put right (Beijing days). */
export const isOverdue = (f: { status: FindingStatus; rectifyBy: string | null }, today: string) => f.status === 'DUE' && !!f.rectifyBy && f.rectifyBy < today;

/** RECTIFYING while an item waits to be put right or accepted; CLOSED when none does. */
export const inspectionStatus = (findings: { status: FindingStatus }[]) =>
  findings.some((f) => f.status === 'DUE' || f.status === 'REPORTED') ? 'RECTIFYING' : 'CLOSED';

/**
 * The unit a reported item waits on for its 验收: the inspecting unit while it stands above the inspected one; once a
 * move has taken the inspected unit from under it, the unit now directly above the inspected one. Any unit above may
 * still decide (canDecide), but only this one is told (its 待办) and only it, beside the inspected unit, reads the
 * 整改材料. `inspectorPath`: the inspecting unit's path now.
 */
export function decidingUnitPath(f: { unitPath: string; inspectorPath: string | null }): string | null {
  return f.inspectorPath && isBelow(f.unitPath, f.inspectorPath) ? f.inspectorPath : parentOf(f.unitPath);
}

/** 整改材料 are read by those who read inspections in the inspected unit and in the unit that decides, nobody else. */
export const canReadRectificationFiles = (a: Actor, f: { unitPath: string; inspectorPath: string | null }) =>
  hasAny(a, READER_ROLES) && (a.orgPath === f.unitPath || a.orgPath === decidingUnitPath(f));

/** The kinds of work a person's roles let them do at all (asked of the store before it reads, so that what they may not
 * do fills no place of the page it reads). */
export const workKinds = (a: Actor) => ({ report: hasAny(a, RECTIFIER_ROLES), decide: hasAny(a, INSPECTOR_ROLES) });

/** What an item asks of a person now: REPORT (their unit's, still due) or DECIDE (reported to their unit); else null. */
export type InspectionWork = 'REPORT' | 'DECIDE';
export function workOf(a: Actor, f: { status: FindingStatus; unitPath: string; inspectorPath: string | null }): InspectionWork | null {
  if (f.status === 'DUE' && canRectify(a, f.unitPath)) return 'REPORT';
  if (f.status === 'REPORTED' && canDecide(a, f.unitPath) && a.orgPath === decidingUnitPath(f)) return 'DECIDE';
  return null;
}

/** 整改材料 with a report: a few files, each at most 10 MB and 20 MB together (the org subgraph takes 28 MB a request). */
export const MAX_RECTIFICATION_FILES = 5;
export const MAX_RECTIFICATION_FILE_BYTES = 10 * 1024 * 1024;
export const MAX_RECTIFICATION_BYTES = 20 * 1024 * 1024;

/** An OLE2 compound file (Word 97–2003, WPS, Excel 97–2003) begins with this signature. */
const OLE2 = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
/** The kinds taken, by the name's ending, and what their bytes must be: photos, scans, the report in Word or WPS, a 台账 in Excel. */
const RECTIFICATION_KINDS: Record<string, FileFormat | 'ole2'> = {
  jpg: 'jpeg',
  jpeg: 'jpeg',
  png: 'png',
  pdf: 'pdf',
  ofd: 'ofd',
  docx: 'ooxml',
  xlsx: 'ooxml',
  doc: 'ole2',
  wps: 'ole2',
  xls: 'ole2',
};

export interface RectificationFileInput {
  name: string;
  /** The file's bytes, base64. */
  base64: string;
}
export interface CleanRectificationFile {
  name: string;
  contentType: string;
  content: Buffer;
  sha256: string;
}

const refusedFile = (message: string, field: string) => new YizhanError(OrgErrorCode.RECTIFICATION_FILE_REFUSED, message, { field });

/**
 * The files sent with a report, checked before anything is kept: at most five, each named, within 10 MB and 20 MB
 * together (measured before they are decoded), of a kind taken and whole as their name says (a text renamed .pdf, a
 * photo cut short, is refused: the inspecting unit could not open it). A refusal names the file (`files[2]`).
 */
export function checkRectificationFiles(files: RectificationFileInput[] | null | undefined): CleanRectificationFile[] {
  return filesFromBase64(files, {
    field: 'files',
    what: 'File',
    whole: 'a report',
    maxFiles: MAX_RECTIFICATION_FILES,
    maxEach: MAX_RECTIFICATION_FILE_BYTES,
    maxTotal: MAX_RECTIFICATION_BYTES,
    check: ({ name, content, field, index }) => {
      const ending = /\.([A-Za-z0-9]{1,5})$/.exec(name)?.[1]?.toLowerCase() ?? '';
      const kind = RECTIFICATION_KINDS[ending];
      if (!kind) throw refusedFile(`File ${index + 1} is not a photo (JPG, PNG), a PDF, OFD, Word, WPS or Excel file`, field);
      const problem = kind === 'ole2' ? (OLE2.every((b, k) => content[k] === b) ? null : { problem: 'NOT' as const }) : formatProblem(kind, content);
      if (problem)
        throw refusedFile(
          problem.problem === 'NOT' ? `File ${index + 1} is not the .${ending} file its name says` : `File ${index + 1} is not whole: ${problem.detail}`,
          field,
        );
    },
  });
}
