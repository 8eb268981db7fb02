// The official document (GB/T 9704-2012) as plain rules: which elements are required, how a 发文字号 reads,
// what the platform refuses to carry, and how approval advances. No database, no GraphQL.
import {
  badInput,
  DISCLOSURES,
  type Disclosure,
  DOC_TYPES,
  ErrorCode,
  isBlank,
  isCalendarDay,
  optionalText,
  refuseControlCharacters,
  requiredText,
  type SaidProblem,
  URGENCIES,
  URGENCY_WORDS,
  type Urgency,
  YizhanError,
} from '@yizhan/common';
import { DocumentsErrorCode } from '@yizhan/contracts/documents';
import { MAX_RECIPIENT_GROUPS } from '@yizhan/contracts/org';
import { isUuid } from '@yizhan/kernel';
import { checkReportDeadline, DEADLINE_AHEAD_MS } from './reply.ts';

/** The grades a 明传电报 carries, highest first. */
export const TELEGRAM_GRADES: readonly Urgency[] = ['FLASH', 'EXTRA_URGENT', 'URGENT', 'PLAIN_URGENT'];
/** The grades an ordinary document carries. */
export const DOCUMENT_GRADES: readonly Urgency[] = ['NORMAL', 'URGENT', 'EXTRA_URGENT'];

/**
 * Which grade a document may carry: a telegram one of its four, anything else 特急, 加急 or none. Throws BAD_INPUT
 * (field urgency) naming the allowed grades.
 */
export function checkUrgency(urgency: string, isTelegram: boolean): Urgency {
  if (!(URGENCIES as readonly string[]).includes(urgency)) throw bad(`Unknown urgency ${urgency}`, 'urgency');
  const u = urgency as Urgency;
  if (isTelegram && !TELEGRAM_GRADES.includes(u)) throw bad('A 明传电报 carries a telegram grade: 特提 (FLASH), 特急, 加急 or 平急 (PLAIN_URGENT)', 'urgency');
  if (!isTelegram && !DOCUMENT_GRADES.includes(u))
    throw bad(`${URGENCY_WORDS[u]} is a telegram grade: only a 明传电报 carries it; a document is 特急, 加急 or neither`, 'urgency');
  return u;
}
export const DOCUMENT_STATUSES = ['DRAFT', 'IN_APPROVAL', 'APPROVED', 'REJECTED', 'SENT'] as const;
export type DocumentStatus = (typeof DOCUMENT_STATUSES)[number];

/** A status filter a client gave, or BAD_INPUT naming the statuses there are (an unknown one would match nothing). */
export function statusFilter<S extends string>(given: string | null | undefined, statuses: readonly S[], field = 'status'): S | undefined {
  if (given == null || given === '') return undefined;
  if (!(statuses as readonly string[]).includes(given)) throw badInput(`status must be one of ${statuses.join(', ')}`, field);
  return given as S;
}

const bad = (message: string, field: string) => new YizhanError(ErrorCode.BAD_INPUT, message, { field });

/** 密级 this platform refuses (all five seeds: only non-classified documents travel here). */
const CLASSIFIED = /绝密|机密|秘密|TOP.?SECRET|SECRET|CONFIDENTIAL/i;
const UNCLASSIFIED = new Set(['', 'NONE', '无', '非密', '不涉密', '公开', 'UNCLASSIFIED']);

/** Throws CLASSIFIED_REFUSED for any 密级; returns nothing for a non-classified document. */
export function refuseClassified(classification: string | null | undefined): void {
  const c = (classification ?? '').trim();
  if (UNCLASSIFIED.has(c.toUpperCase()) || UNCLASSIFIED.has(c)) return;
  const which = CLASSIFIED.test(c) ? `“${c}”` : `a 密级 (“${c}”)`;
  throw new YizhanError(
    DocumentsErrorCode.CLASSIFIED_REFUSED,
    `This platform carries only non-classified documents; a document marked ${which} must go by the classified channel`,
    { field: 'classification' },
  );
}

/** A 密级 marking as GB/T 9704 §7.2.2 prints it, at the head of a classified document: 机密★1年, 绝密★. The words alone
 * (国家秘密, 商业秘密) are no marking. */
const MARKING = /(绝密|机密|秘密)\s*★/;

/** Throws CLASSIFIED_REFUSED when a title or body carries a 密级 marking, whatever the classification field says (seed
 * 000 §20, 003 §40: classified material is not entered into this system). */
export function refuseMarked(text: string | null | undefined, field: 'title' | 'body'): void {
  const found = MARKING.exec(text ?? '');
  if (!found) return;
  throw new YizhanError(
    DocumentsErrorCode.CLASSIFIED_REFUSED,
    `The ${field} carries a 密级 marking (“${found[0]}”): this platform carries only non-classified documents; a classified one goes by the classified channel`,
    { field },
  );
}

/** A 简报 (seed 000 §4 政务信息简报; seed 002 三 内部刊物) is numbered by its 刊名 and year where it is issued under one. */
export const isBriefing = (docType: string | null | undefined) => docType === '简报';

/** 命令（令）: a people's government's order, numbered by its 令号 and printed in the 命令格式 (GB/T 9704 §10.2). */
export const isOrder = (docType: string | null | undefined) => docType === '命令';

/** The one name an order is numbered under: its 令号 is the unit's own count of orders, 第12号, not a 发文字号. */
export const ORDER_PREFIX = '令';

/**
 * Who issues a 命令（令）: a people's government (地方各级人民政府组织法: 县级以上…发布决定和命令) or a central agency
 * (部门规章 by 部令); an office, a department below the State Council, an institution or an enterprise does not.
 */
export const ORDER_ISSUER_KINDS: readonly string[] = ['GOVERNMENT', 'CENTRAL_AGENCY'];

/** How a document's number reads: 发文字号, a 简报's 期号, or an order's 令号. */
export type NumberStyle = 'PLAIN' | 'BRIEFING' | 'ORDER';

/**
 * 发文字号: 机关代字〔年份〕序号, e.g. 陕政办发〔2008〕27号; a 简报 issued under a 刊名 takes its 期号 instead,
 * 《新城政务信息》2026年第12期 (the same gapless counter, per name and year); an order its 令号, 第12号 (§10.2).
 */
export const formatDocNumber = (prefix: string, year: number, seq: number, style: NumberStyle = 'PLAIN') =>
  style === 'ORDER' ? `第${seq}号` : style === 'BRIEFING' ? `《${prefix}》${year}年第${seq}期` : `${prefix}〔${year}〕${seq}号`;

/**
 * The year of the counter a number is taken from: a 发文字号 or 期号 starts again each year; a 令号 runs on across years
 * (陕西省人民政府令第215号 follows 第214号 whatever the year), so orders share one counter, kept as year 0.
 */
export const counterYear = (docType: string | null | undefined, year: number) => (isOrder(docType) ? 0 : year);

type UnitNames = { docPrefixes: string[]; briefingTitles?: string[]; kind?: string };

const issuesOrders = (unit: UnitNames) => !unit.kind || ORDER_ISSUER_KINDS.includes(unit.kind);

/** The names a unit numbers a document of `docType` under: a 简报's 刊名 first (or, as before 刊名 were kept, a
 * 机关代字), an order's 令 (where the unit issues orders), any other document's 机关代字. */
export const prefixesFor = (unit: UnitNames, docType: string | null | undefined): string[] =>
  isOrder(docType)
    ? issuesOrders(unit)
      ? [ORDER_PREFIX]
      : []
    : isBriefing(docType)
      ? [...(unit.briefingTitles ?? []), ...unit.docPrefixes]
      : unit.docPrefixes;

/** How the unit's document of `docType` numbered under `prefix` reads: a 简报 under one of its 刊名 by 期号 (and printed
 * with its 刊头), an order by 令号, anything else by 发文字号. */
export function numberStyleOf(unit: UnitNames, docType: string | null | undefined, prefix: string | null | undefined): NumberStyle {
  if (isOrder(docType)) return 'ORDER';
  return isBriefing(docType) && prefix && (unit.briefingTitles ?? []).includes(prefix) ? 'BRIEFING' : 'PLAIN';
}

/** Why the unit may not issue a document of `docType` (a BAD_INPUT's words on docType), or null: only an order has a rule. */
export function docTypeProblem(unit: UnitNames & { name: string }, docType: string | null | undefined): SaidProblem | null {
  if (!isOrder(docType) || issuesOrders(unit)) return null;
  return {
    en: `${unit.name} does not issue a 命令（令）: only a people's government (人民政府) or a central agency does`,
    zh: `${unit.name}不能发布命令（令）：命令由人民政府或中央机关发布`,
  };
}

/**
 * seed 000 §4: 各级…只限定向省…传输1种简报 — a unit sends upward one kind of 简报: of its 刊名 (its publications), only the
 * first it lists. Why this 简报 may not go up, or null: a document not a 简报, one under the first 刊名, or one under a
 * 机关代字 (numbered as any document, as before 刊名 were kept: no second publication).
 */
export function upwardBriefingProblem(unit: UnitNames, docType: string | null | undefined, prefix: string | null | undefined): string | null {
  const titles = unit.briefingTitles ?? [];
  if (!isBriefing(docType) || !prefix || !titles.includes(prefix) || prefix === titles[0]) return null;
  return `A unit sends one kind of 简报 upward (seed 000 §4): 《${titles[0]}》, the first 刊名 it lists; this one is 《${prefix}》`;
}

/** Why `prefix` cannot number the unit's document of `docType` (a BAD_INPUT's words), or null when it can. */
export function prefixProblem(unit: UnitNames & { name: string }, docType: string | null | undefined, prefix: string): SaidProblem | null {
  const names = prefixesFor(unit, docType);
  if (names.includes(prefix)) return null;
  if (isOrder(docType))
    return (
      docTypeProblem(unit, docType) ?? {
        en: `A 命令（令） is numbered by its 令号 (第N号), under ${ORDER_PREFIX}, not ${prefix}`,
        zh: `命令（令）按令号（第N号）编号，应选“${ORDER_PREFIX}”，不能用“${prefix}”`,
      }
    );
  if (!isBriefing(docType) && (unit.briefingTitles ?? []).includes(prefix))
    return { en: `${prefix} is a 简报刊名 of ${unit.name}: it numbers only a 简报`, zh: `“${prefix}”是${unit.name}的简报刊名，只用于简报` };
  const what = isBriefing(docType) ? '简报刊名 or 机关代字' : '机关代字';
  const whatZh = isBriefing(docType) ? '简报刊名或机关代字' : '机关代字';
  return {
    en: `${prefix} is not a ${what} of ${unit.name} (${names.join('、') || 'none set'})`,
    zh: `“${prefix}”不是${unit.name}的${whatZh}（${names.length ? `可选：${names.join('、')}` : '尚未设置，请系统管理员在单位设置中添加'}）`,
  };
}

export interface DraftFields {
  docType: string;
  title: string;
  body: string;
  signer?: string | null;
  mainTo?: string | null;
  ccTo?: string | null;
  docPrefix?: string | null;
  signatureLine?: string | null;
  docDate?: string | null;
  notes?: string | null;
  printingOrg?: string | null;
  printingDate?: string | null;
  urgency?: Urgency | null;
  isTelegram?: boolean | null;
  deadline?: Date | null;
  classification?: string | null;
  attachmentsOnPaper?: boolean | null;
  paperNote?: string | null;
  /** 征集 set in 拟稿: the recipients are asked to report by this deadline, the collection opening with the send. */
  reportDeadline?: Date | null;
  reportNote?: string | null;
  disclosure?: Disclosure | null;
  /** 不予公开's reason (国家秘密, 内部事务信息, 过程性信息 …): required with it, not kept with the others. */
  disclosureReason?: string | null;
}

/** A draft's element: trimmed, showing something where required, held to its length and free of control characters
 * (a one-line element — a title, a name — of tabs and line breaks too). */
const text = (v: string | null | undefined, field: string, max: number, opts: { required?: boolean; line?: boolean } = {}): string | null =>
  opts.required ? requiredText(v, field, { max, line: opts.line }) : optionalText(v, field, { max, line: opts.line });

/** The years a 成文日期 or 印发日期 may name: none before the platform's first documents, none beyond next year. */
const DATE_YEARS = { min: 2000, ahead: 1 };

const date = (v: string | null | undefined, field: string, now: Date): string | null => {
  if (!v) return null;
  if (!isCalendarDay(v)) throw bad(`${field} must be a date like 2026-11-21`, field);
  const year = Number(v.slice(0, 4));
  const last = now.getUTCFullYear() + DATE_YEARS.ahead;
  if (year < DATE_YEARS.min || year > last) throw bad(`${field} is a day from ${DATE_YEARS.min} to ${last}`, field);
  return v;
};

/** A draft's recipient groups, checked when it is saved (the send checks them against org and the routing rules
 * again): each names units by id, a selector or a saved list — exactly one — and a 打印份数 from 0 to 100. */
export function checkRecipientSpecs(
  specs: readonly { orgIds?: readonly string[] | null; selector?: unknown; listId?: string | null; printQuota?: number | null }[],
): void {
  if (specs.length > MAX_RECIPIENT_GROUPS)
    throw badInput(
      `${specs.length} recipient groups: at most ${MAX_RECIPIENT_GROUPS} (a group may name many units, a selection or a saved list)`,
      'recipients',
      {
        length: { max: MAX_RECIPIENT_GROUPS },
      },
    );
  specs.forEach((spec, i) => {
    const given = [spec.orgIds?.length ? 'orgIds' : null, spec.selector ? 'selector' : null, spec.listId ? 'listId' : null].filter(Boolean);
    if (given.length !== 1)
      throw badInput(
        `Each recipient group names units by id, a selector or a saved list: exactly one (group ${i + 1} has ${given.length})`,
        `recipients[${i}]`,
      );
    const bad = (spec.orgIds ?? []).find((id) => !isUuid(id));
    if (bad !== undefined) throw badInput(`“${bad}” is not a unit’s id`, `recipients[${i}].orgIds`);
    if (spec.listId && !isUuid(spec.listId)) throw badInput(`“${spec.listId}” is not a saved list’s id`, `recipients[${i}].listId`);
    const quota = spec.printQuota ?? 1;
    if (!Number.isInteger(quota) || quota < 0 || quota > 100)
      throw badInput('printQuota must be a whole number from 0 to 100', `recipients[${i}].printQuota`, { length: { max: 100 } });
  });
}

/** 公开属性 and its reason: a reason is given with 不予公开 alone. */
function disclosureOf(f: DraftFields): { disclosure: Disclosure | null; disclosureReason: string | null } {
  const disclosure = f.disclosure ?? null;
  if (disclosure !== null && !(DISCLOSURES as readonly string[]).includes(disclosure))
    throw bad(`“${disclosure}” is not a disclosure; expected one of ${DISCLOSURES.join(', ')}`, 'disclosure');
  const reason = text(f.disclosureReason, 'disclosureReason', 200);
  if (disclosure === 'NOT_PUBLIC' && !reason)
    throw badInput('A document not to be disclosed (NOT_PUBLIC) needs its reason', 'disclosureReason', { required: true });
  return { disclosure, disclosureReason: disclosure === 'NOT_PUBLIC' ? reason : null };
}

/** Checks and trims the elements of a draft; throws BAD_INPUT naming the first wrong field. */
export function cleanDraft(f: DraftFields, now = new Date()) {
  refuseClassified(f.classification);
  if (!(DOC_TYPES as readonly string[]).includes(f.docType)) throw bad(`docType is not a document type; expected one of ${DOC_TYPES.join(' ')}`, 'docType');
  const urgency = checkUrgency(f.urgency ?? 'NORMAL', !!f.isTelegram);
  const deadline = f.deadline ?? null;
  // Urgent documents carry a handling deadline (seed 002 八: 特急/加急 and 明传电报 are handled at once).
  if ((urgency !== 'NORMAL' || f.isTelegram) && !deadline) throw bad('A 加急, 特急 or 明传电报 (特提, 平急) document needs a handling deadline', 'deadline');
  if (deadline && deadline.getTime() < now.getTime() - 60_000) throw bad('The handling deadline is in the past', 'deadline');
  if (deadline && deadline.getTime() > now.getTime() + DEADLINE_AHEAD_MS)
    throw bad('The handling deadline is more than a year away: give one within the year ahead', 'deadline');
  const body = f.body ?? '';
  if (isBlank(body)) throw bad('The body (正文) must not be empty', 'body');
  refuseControlCharacters(body, 'body');
  refuseMarked(f.title, 'title');
  refuseMarked(body, 'body');
  const reportDeadline = f.reportDeadline ?? null;
  if (reportDeadline) checkReportDeadline(reportDeadline, now, 'reportDeadline');
  const reportNote = text(f.reportNote, 'reportNote', 500);
  if (reportNote && !reportDeadline) throw bad('A reporting request (报送要求) needs its deadline (报送截止时间)', 'reportDeadline');
  return {
    docType: f.docType,
    title: text(f.title, 'title', 200, { required: true, line: true }) as string,
    body,
    signer: text(f.signer, 'signer', 50, { line: true }),
    mainTo: text(f.mainTo, 'mainTo', 2000),
    ccTo: text(f.ccTo, 'ccTo', 2000),
    docPrefix: text(f.docPrefix, 'docPrefix', 10, { line: true }),
    signatureLine: text(f.signatureLine, 'signatureLine', 200, { line: true }),
    docDate: date(f.docDate, 'docDate', now),
    notes: text(f.notes, 'notes', 1000),
    printingOrg: text(f.printingOrg, 'printingOrg', 100, { line: true }),
    printingDate: date(f.printingDate, 'printingDate', now),
    urgency,
    isTelegram: !!f.isTelegram,
    deadline,
    attachmentsOnPaper: !!f.attachmentsOnPaper,
    paperNote: text(f.paperNote, 'paperNote', 500),
    reportDeadline,
    reportNote,
    ...disclosureOf(f),
  };
}

/** A drafter's section as org gives it: its name, and its 处室主要负责人 and 分管领导 when named. */
export interface DraftingSection {
  name: string;
  head: { id: string; displayName: string } | null;
  leader: { id: string; displayName: string } | null;
}

/**
 * seed 000 §11: 拟稿…必须征得处(室)主要负责人和分管领导同意. Who must approve this step of a draft, when its drafter's
 * section names them: its head for a 审核 (APPROVER) step, its 分管领导 for a leader's step before the last (the 签发
 * stays the named 签发人's). Null when anyone of the step's role may (no section, or none named for the step).
 */
export function sectionApprover(section: DraftingSection | null, role: string, issuing: boolean): { id: string; displayName: string } | null {
  if (!section) return null;
  if (role === 'APPROVER') return section.head;
  if (role === 'LEADER' && !issuing) return section.leader;
  return null;
}

/** The step after an approval: the next role in the chain, or done. */
export function nextApproval(chain: readonly string[], step: number): { done: boolean; nextRole: string | null } {
  const next = step + 1;
  return next >= chain.length ? { done: true, nextRole: null } : { done: false, nextRole: chain[next] ?? null };
}

/** Which statuses allow which actions; an illegal one is refused with the status named. */
export function requireStatus(status: DocumentStatus, allowed: DocumentStatus[], action: string): void {
  if (!allowed.includes(status)) {
    throw new YizhanError(
      status === 'SENT' ? DocumentsErrorCode.ALREADY_SENT : ErrorCode.CONFLICT,
      `Cannot ${action} a document that is ${status.toLowerCase().replace('_', ' ')}`,
      { status },
    );
  }
}

export const IMAGE = /^image\//;
